import { describe, expect, it } from 'vitest';
import type { Column, Survey } from '../../src/dataset/types.js';
import { answerKind, classifyKano, kano, kanoFeature, kanoFromCounts, kanoFromStats, kanoStats, type KanoCounts } from '../../src/metrics/kano.js';
import { parseKanoAnswer } from '../../src/metrics/kano-answers.js';
import { findKanoPairs, parseKanoHeader } from '../../src/metrics/kano-pairs.js';

function mkSurvey(cols: Record<string, (string | number | null)[]>): Survey {
  const columns = new Map<string, Column>();
  let n = 0;
  for (const [k, v] of Object.entries(cols)) {
    n = v.length;
    columns.set(k, { kind: 'str', values: v.map((x) => (x == null ? null : String(x))) });
  }
  return {
    source: ['test.csv'], platform: 'csv', questions: Object.keys(cols).map((id) => ({ id, label: id, type: 'single' })),
    columns, nRows: n, log: [],
  };
}

const close = (a: number, b: number, tol = 1e-6) => expect(Math.abs(a - b)).toBeLessThan(tol);

describe('Kano evaluation table (Berger et al. 1993)', () => {
  it('maps the corners and the middle as METHODS §2.2', () => {
    expect(classifyKano(1, 1)).toBe('Q');
    expect(classifyKano(1, 5)).toBe('O');
    expect(classifyKano(1, 3)).toBe('A');
    expect(classifyKano(2, 5)).toBe('M');
    expect(classifyKano(3, 3)).toBe('I');
    expect(classifyKano(5, 1)).toBe('R');
    expect(classifyKano(5, 5)).toBe('Q');
    expect(classifyKano(4, 1)).toBe('R');
  });
});

describe('K1: stp25kano README table (N = 296)', () => {
  const rows: [string, KanoCounts, string, string, number, number, number, number, number, number, number, boolean][] = [
    // feature, counts, max cat, rule cat, TS, CS, Better, Worse, chi2, |a-b|, threshold, sig
    ['Service app', { M: 95, O: 123, A: 45, I: 33, R: 0, Q: 0 }, 'O', 'O', 0.8885, 0.0946, 0.568, -0.736, 72.49, 28, 19.4, true],
    ['Excellent service', { M: 101, O: 54, A: 54, I: 81, R: 3, Q: 3 }, 'M', 'M', 0.71, 0.0676, 0.372, -0.534, 21.64, 20, 18.5, true],
    ['Hotline', { M: 15, O: 24, A: 121, I: 124, R: 6, Q: 6 }, 'I', 'A', 0.54, 0.01, 0.511, -0.137, 150.06, 3, 19.8, false],
    ['Loan machine', { M: 65, O: 87, A: 93, I: 51, R: 0, Q: 0 }, 'A', 'O', 0.83, 0.02, 0.608, -0.514, 15.41, 6, 18.5, false],
    ['Ready-to-use return', { M: 9, O: 18, A: 83, I: 177, R: 6, Q: 3 }, 'I', 'I', 0.37, 0.32, 0.352, -0.094, 251.3, 94, 19.9, true],
  ];
  for (const [name, counts, mode, cat, ts, cs, better, worse, chi2, diff, thr, sig] of rows) {
    it(name, () => {
      const r = kanoFromCounts(name, counts);
      expect(r.n).toBe(296);
      expect(r.mode).toBe(mode);
      expect(r.category).toBe(cat);
      expect(r.nearTie).toBe(mode !== cat);
      // the table prints TS/CS as rounded % (4 decimals for the first two rows)
      close(r.totalStrength, ts, ts === 0.8885 ? 5e-5 : 5e-3);
      close(r.categoryStrength, cs, String(cs).length > 4 ? 5e-5 : 5e-3); // 0.0946 / 0.0676 are given to 4 decimals, the rest as whole %
      close(r.better, better, 5e-4);
      close(r.worse, worse, 5e-4);
      close(r.chi2MOAI!.chi2, chi2, 5e-3);
      expect(r.fong.diff).toBe(diff);
      close(r.fong.threshold, thr, 0.05);
      expect(r.fong.significant).toBe(sig);
    });
  }
  it('exact values for Service app by hand', () => {
    const r = kanoFromCounts('x', { M: 95, O: 123, A: 45, I: 33, R: 0, Q: 0 });
    close(r.totalStrength, 263 / 296, 1e-12);
    close(r.categoryStrength, 28 / 296, 1e-12);
    close(r.better, 168 / 296, 1e-12);
    close(r.worse, -218 / 296, 1e-12);
    close(r.chi2MOAI!.chi2, 5364 / 74, 1e-12); // (21² + 49² + 29² + 41²) / 74
    close(r.fong.threshold, 1.65 * Math.sqrt((218 * 374) / 592), 1e-12);
  });
});

describe('K2: five respondents', () => {
  it('counts, coefficients, Fong and DuMouchel', () => {
    const r = kanoFeature('x', [[1, 5], [1, 3], [2, 5], [1, 4], [3, 3]]);
    expect(r.counts).toEqual({ A: 2, O: 1, M: 1, I: 1, R: 0, Q: 0 });
    expect(r.category).toBe('A');
    close(r.better, 0.6, 1e-12);
    close(r.worse, -0.4, 1e-12);
    close(r.totalStrength, 0.8, 1e-12);
    close(r.categoryStrength, 0.2, 1e-12);
    close(r.fong.threshold, 2.391, 1e-3);
    expect(r.fong.significant).toBe(false);
    close(r.functional, 2.8, 1e-12);
    close(r.dysfunctional, 2.0, 1e-12);
    close(r.functionalScaled, 0.7, 1e-12);
    close(r.dysfunctionalScaled, 0.5, 1e-12);
  });
});

describe('empty feature', () => {
  it('has no category and undefined coefficients', () => {
    const r = kanoFeature('x', [[null, 3], [null, null]]);
    expect(r.n).toBe(0);
    expect(r.category).toBeNull();
    expect(r.better).toBeNaN();
    expect(r.fong.significant).toBe(false);
    expect(r.incomplete).toBe(1);
  });
});

describe('answers', () => {
  it('reads codes and English/Chinese wordings', () => {
    expect(parseKanoAnswer(3)).toBe(3);
    expect(parseKanoAnswer('5')).toBe(5);
    expect(parseKanoAnswer('I like it')).toBe(1);
    expect(parseKanoAnswer('I expect it')).toBe(2);
    expect(parseKanoAnswer('It must be that way')).toBe(2);
    expect(parseKanoAnswer('I am neutral')).toBe(3);
    expect(parseKanoAnswer('I can live with it')).toBe(4);
    expect(parseKanoAnswer('I dislike it')).toBe(5);
    expect(parseKanoAnswer('Major problem')).toBe(5);
    expect(parseKanoAnswer('我很喜欢')).toBe(1);
    expect(parseKanoAnswer('理应如此')).toBe(2);
    expect(parseKanoAnswer('理所当然')).toBe(2);
    expect(parseKanoAnswer('无所谓')).toBe(3);
    expect(parseKanoAnswer('能忍受')).toBe(4);
    expect(parseKanoAnswer('可以忍受')).toBe(4);
    expect(parseKanoAnswer('我很不喜欢')).toBe(5);
    expect(parseKanoAnswer('不喜欢')).toBe(5);
    expect(parseKanoAnswer('喜欢')).toBe(1);
    expect(parseKanoAnswer('感到不满')).toBe(5);
    expect(parseKanoAnswer('1. 我很喜欢')).toBe(1);
    expect(parseKanoAnswer('')).toBeNull();
    expect(parseKanoAnswer(null)).toBeNull();
    expect(parseKanoAnswer('maybe')).toBeUndefined();
    expect(parseKanoAnswer(7)).toBeUndefined();
    expect(parseKanoAnswer('1. I dislike it')).toBeUndefined();
  });
});

describe('pair detection', () => {
  it('parses common header styles', () => {
    expect(parseKanoHeader('Fast delivery_functional')).toEqual({ name: 'Fast delivery', side: 'f' });
    expect(parseKanoHeader('Fast delivery_dysfunctional')).toEqual({ name: 'Fast delivery', side: 'd' });
    expect(parseKanoHeader('chat_func')).toEqual({ name: 'chat', side: 'f' });
    expect(parseKanoHeader('chat_dysf')).toEqual({ name: 'chat', side: 'd' });
    expect(parseKanoHeader('在线客服_正向')).toEqual({ name: '在线客服', side: 'f' });
    expect(parseKanoHeader('在线客服（反向）')).toEqual({ name: '在线客服', side: 'd' });
    expect(parseKanoHeader('Hotline - Functional')).toEqual({ name: 'Hotline', side: 'f' });
    expect(parseKanoHeader('chat_importance')).toEqual({ name: 'chat', side: 'imp' });
    expect(parseKanoHeader('Shrimp')).toBeUndefined();
    expect(parseKanoHeader('如果有在线客服，您的感受是？')?.side).toBe('f');
    expect(parseKanoHeader('如果没有在线客服，您的感受是？')).toEqual({ name: '在线客服', side: 'd' });
    expect(parseKanoHeader('If the app has dark mode, how do you feel?')).toEqual({ name: 'dark mode', side: 'f' });
    expect(parseKanoHeader('If the app does not have dark mode, how do you feel?')).toEqual({ name: 'dark mode', side: 'd' });
  });
  it('finds pairs and analyses a survey, counting unknown answers', () => {
    const s = mkSurvey({
      id: [1, 2, 3, 4, 5, 6],
      chat_functional: ['I like it', 'like', '我很喜欢', 'must-be', 'neutral', 'whatever'],
      chat_dysfunctional: ['dislike', 'neutral', '能忍受', 'dislike', 'neutral', 'dislike'],
      chat_importance: [9, 7, 8, 5, 2, 1],
    });
    expect(findKanoPairs(s)).toEqual([{ name: 'chat', functional: 'chat_functional', dysfunctional: 'chat_dysfunctional', importance: 'chat_importance' }]);
    // 1 of 6 answers unreadable (16.7% > 5%): exit 2 naming the value, unless unreadable answers are allowed.
    expect(() => kano(s)).toThrow(/whatever/);
    const r = kano(s, undefined, { allowUnreadable: true });
    expect(r.accounting.find((a) => a.question === 'chat_functional')).toMatchObject({ answered: 6, used: 5, excluded: { unreadable: 1 } });
    const f = r.features[0]!;
    // rows 1-5 as K2, row 6 has an unknown functional answer
    expect(f.counts).toEqual({ A: 2, O: 1, M: 1, I: 1, R: 0, Q: 0 });
    expect(f.unrecognised).toBe(1);
    expect(f.incomplete).toBe(1);
    expect(r.unrecognised).toEqual([{ column: 'chat_functional', rows: [6], values: ['whatever'], count: 1 }]);
    close(f.importance!.mean, 32 / 6, 1e-12);
  });
  it('pairs Qualtrics matrices by "does not have" wording, whatever the order', () => {
    const s = mkSurvey({ Q5_1: [5, 5], Q5_2: [3, 5], Q6_1: [1, 2], Q6_2: [1, 1] });
    s.questions = [
      { id: 'Q5_1', label: 'If the app does not have the feature, how do you feel? - Dark mode', type: 'single' },
      { id: 'Q5_2', label: 'If the app does not have the feature, how do you feel? - Offline', type: 'single' },
      { id: 'Q6_1', label: 'If the app has the feature, how do you feel? - Dark mode', type: 'single' },
      { id: 'Q6_2', label: 'If the app has the feature, how do you feel? - Offline', type: 'single' },
    ];
    expect(findKanoPairs(s, (id) => answerKind(s, id))).toEqual([
      { name: 'Dark mode', functional: 'Q6_1', dysfunctional: 'Q5_1' },
      { name: 'Offline', functional: 'Q6_2', dysfunctional: 'Q5_2' },
    ]);
    // Dark mode: (1,5) O, (2,5) M
    expect(kano(s).features[0]!.counts).toEqual({ A: 0, O: 1, M: 1, I: 0, R: 0, Q: 0 });
  });
  it('pairs 问卷星 matrices "5(row)" / "6(row)" by order only when the answers are worded', () => {
    const worded = mkSurvey({ '5(在线客服)': ['我很喜欢', '理应如此'], '6(在线客服)': ['我很不喜欢', '我很不喜欢'] });
    expect(findKanoPairs(worded, (id) => answerKind(worded, id))).toEqual([{ name: '在线客服', functional: '5(在线客服)', dysfunctional: '6(在线客服)' }]);
    const codes = mkSurvey({ '5(价格)': [1, 2], '6(价格)': [5, 5] });
    expect(findKanoPairs(codes, (id) => answerKind(codes, id))).toEqual([]);
    const notKano = mkSurvey({ '5(价格)': ['很好', '一般般啊'], '6(价格)': ['不好', '好'] });
    expect(findKanoPairs(notKano, (id) => answerKind(notKano, id))).toEqual([]);
  });
  it('refuses a survey without pairs (exit 2, names the fix)', () => {
    const s = mkSurvey({ a: [1], b: [2] });
    expect(() => kano(s)).toThrow(/no Kano question pairs/);
    try { kano(s); } catch (e) { expect((e as { exitCode: number }).exitCode).toBe(2); }
  });
});

describe('Kano statistics → estimate', () => {
  const s = mkSurvey({
    X_functional: ['I like it', '1', 'I like it', '理应如此', 'maybe', null, '1. 我很喜欢'],
    X_dysfunctional: ['I dislike it', '5', 'I dislike it', '我很不喜欢', '5', '3', 'I am neutral'],
  });
  it('the built-in statistics are counts of answer-text pairs, with the first rows of each', () => {
    const st = kanoStats(s);
    expect(st.features[0]!.spec).toEqual({ name: 'X', functional: 'X_functional', dysfunctional: 'X_dysfunctional' });
    expect(st.features[0]!.pairs).toEqual([
      { f: 'I like it', d: 'I dislike it', n: 2, rows: [1, 3] },
      { f: '1', d: '5', n: 1, rows: [2] },
      { f: '理应如此', d: '我很不喜欢', n: 1, rows: [4] },
      { f: 'maybe', d: '5', n: 1, rows: [5] },
      { f: null, d: '3', n: 1, rows: [6] },
      { f: '1. 我很喜欢', d: 'I am neutral', n: 1, rows: [7] },
    ]);
    // the estimate reads each distinct text: (1,5) O ×3, (2,5) M, (1,3) A; "maybe" unrecognised, row 6 incomplete
    const r = kanoFromStats(st, { allowUnreadable: true });
    expect(r).toEqual(kano(s, undefined, { allowUnreadable: true }));
    expect(r.features[0]!.counts).toEqual({ A: 1, O: 3, M: 1, I: 0, R: 0, Q: 0 });
    expect(r.features[0]!.incomplete).toBe(2);
    expect(r.unrecognised).toEqual([{ column: 'X_functional', rows: [5], values: ['maybe'], count: 1 }]);
  });
  it('an engine\'s counts (no row numbers, any order) give the same numbers, naming values instead of rows', () => {
    const st = kanoStats(s);
    const engine = { ...st, features: st.features.map((f) => ({ ...f, pairs: [...f.pairs].reverse().map(({ f: a, d, n }) => ({ f: a, d, n })) })) };
    const a = kanoFromStats(st, { allowUnreadable: true });
    const b = kanoFromStats(engine, { allowUnreadable: true });
    expect(b.features).toEqual(a.features);
    expect(b.unrecognised).toEqual([{ column: 'X_functional', rows: [], values: ['maybe'], count: 1 }]);
    expect(b.accounting[0]!.examples.unreadable).toEqual([{ row: 0, value: 'maybe' }]);
    expect(b.accounting.map((x) => [x.answered, x.used, x.excluded])).toEqual(a.accounting.map((x) => [x.answered, x.used, x.excluded]));
  });
  it('numeric columns read their texts as numbers (7 is off the 1–5 scale, not unreadable)', () => {
    const st = {
      source: 't',
      numeric: ['f', 'd'],
      questions: {},
      features: [{ spec: { name: 'F', functional: 'f', dysfunctional: 'd' }, pairs: [{ f: '1', d: '5', n: 4 }, { f: '7', d: '5', n: 1 }, { f: '2', d: '5', n: 2 }] }],
    };
    const r = kanoFromStats(st, { allowUnreadable: true });
    expect(r.features[0]!.counts).toEqual({ A: 0, O: 4, M: 2, I: 0, R: 0, Q: 0 });
    expect(r.accounting[0]!.excluded).toEqual({ missing: 0, unreadable: 0, outOfScale: 1 });
    // functional scores 4 ×4, 2 ×2 → mean 20/6, SD from exact sums: √((6·72 − 400)/30)
    expect(r.features[0]!.functional).toBe(20 / 6);
    expect(r.features[0]!.functionalSd).toBe(Math.sqrt((6 * 72 - 400) / 30));
  });
});
