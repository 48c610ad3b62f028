// The one value reader for scale answers (src/ingest/values.ts): forms, vocabularies, scales (issue 9).
import { describe, expect, it } from 'vitest';
import { matchVocab, readAnswer, readerFor, scaleFromText, scaleFromValues } from '../../src/ingest/values.js';
import { checkUnreadable, newAccounting, note } from '../../src/dataset/accounting.js';
import { suggestions } from '../../src/dataset/suggest.js';

describe('readAnswer', () => {
  it('reads full-width digits, unit suffixes, stars and number-with-label in either order', () => {
    const cases: [string, number][] = [
      ['10', 10], ['１０', 10], ['７', 7], ['10分', 10], ['9 分', 9], ['１０分', 10], ['4星', 4], ['8 points', 8], ['3 stars', 3],
      ['★★★★', 4], ['★★★☆☆', 3], ['非常愿意 10', 10], ['10 - 极有可能', 10], ['1 - 非常不满意', 1], ['Extremely likely - 10', 10],
      ['0 - 完全不可能', 0], ['5.非常满意', 5], ['10 (极有可能)', 10],
    ];
    for (const [raw, v] of cases) expect([raw, readAnswer(raw)]).toEqual([raw, v]);
  });
  it('reads vocabulary labels in Chinese and English as codes 1…5', () => {
    const sat = matchVocab(['非常不满意', '不满意', '一般', '满意', '非常满意']);
    expect(sat?.kind).toBe('satisfaction');
    expect(['非常不满意', '不满意', '一般', '满意', '非常满意', '很满意'].map((x) => readAnswer(x, { vocab: sat }))).toEqual([1, 2, 3, 4, 5, 5]);
    const q = matchVocab(['很差', '差', '一般', '好', '很好']);
    expect(['很差', '差', '一般', '好', '很好'].map((x) => readAnswer(x, { vocab: q }))).toEqual([1, 2, 3, 4, 5]);
    const e = matchVocab(['非常困难', '容易', '一般']);
    expect(e?.kind).toBe('ease');
    expect(readAnswer('非常容易', { vocab: e })).toBe(5);
    const a = matchVocab(['Strongly disagree', 'Agree', 'Strongly agree']);
    expect(a?.kind).toBe('agreement');
    expect(['Strongly disagree', 'Disagree', 'Neither agree nor disagree', 'Agree', 'Strongly agree'].map((x) => readAnswer(x, { vocab: a }))).toEqual([1, 2, 3, 4, 5]);
    const f = matchVocab(['从不', '有时', '总是']);
    expect(f?.kind).toBe('frequency');
  });
  it('missing: empty, not applicable and −99 codes; unreadable: anything else (NaN)', () => {
    expect(readAnswer('')).toBeNull();
    expect(readAnswer('不适用')).toBeNull();
    expect(readAnswer('N/A')).toBeNull();
    expect(readAnswer('-99')).toBeNull();
    expect(readAnswer('五星')).toBeNaN();
    expect(readAnswer('a')).toBeNaN();
  });
  it('readerFor honours cx.yaml values and reads vocabulary labels only on a scale of their size', () => {
    const read = readerFor({ id: 'Q1', values: { 满分: 10 } }, 0, 10);
    expect(read('满分')).toBe(10);
    expect(read('9分')).toBe(9);
    // A bare "非常满意" means 5 on 1–5, nothing on an NPS question.
    expect(readerFor({ id: 'N' }, 0, 10, ['非常满意', '满意'])('非常满意')).toBeNaN();
    expect(readerFor({ id: 'C' }, 1, 5, ['非常满意', '满意'])('非常满意')).toBe(5);
  });
});

describe('scales come from the text or the labels, not from the values that occur', () => {
  it('scaleFromText', () => {
    expect(scaleFromText('您对配送的评价（1-5分）')).toMatchObject({ min: 1, max: 5 });
    expect(scaleFromText('How likely are you to recommend us? (0–10)')).toMatchObject({ min: 0, max: 10 });
    expect(scaleFromText('请打分（1=非常不满意, 5=非常满意）')).toMatchObject({ min: 1, max: 5 });
    expect(scaleFromText('从0到10分，您会推荐吗')).toMatchObject({ min: 0, max: 10 });
    expect(scaleFromText('2025-10 满意度')).toBeUndefined();
  });
  it('scaleFromValues: a 1–3 item stays 1–3; one stray 6 among 1–5 answers does not widen the scale', () => {
    expect(scaleFromValues(1, 3)).toMatchObject({ min: 1, max: 3 });
    const counts = [0, 3, 2, 5, 10, 9, 1, 0, 0, 0, 0]; // 30 answers, one "6"
    expect(scaleFromValues(1, 6, counts)).toMatchObject({ min: 1, max: 5 });
    // Many 6s and 7s: a 1–7 scale.
    expect(scaleFromValues(1, 7, [0, 3, 2, 5, 10, 9, 6, 5, 0, 0, 0])).toMatchObject({ min: 1, max: 7 });
  });
});

describe('accounting', () => {
  it('counts by reason, keeps 5 examples, and enforces the 5% rule naming the cx.yaml key', () => {
    const a = newAccounting('Q1');
    for (let i = 0; i < 18; i++) note(a, 'used', i);
    note(a, 'unreadable', 18, () => '满分');
    note(a, 'outOfScale', 19, () => '11');
    note(a, 'missing', 20);
    expect(a).toEqual({
      question: 'Q1', answered: 20, used: 18, excluded: { missing: 1, unreadable: 1, outOfScale: 1 },
      examples: { unreadable: [{ row: 19, value: '满分' }], outOfScale: [{ row: 20, value: '11' }] },
    });
    // 1/20 = 5%: not more than 5%, a warning.
    expect(checkUnreadable([a])).toHaveLength(1);
    note(a, 'unreadable', 21, () => '满分');
    expect(() => checkUnreadable([a])).toThrow(/questions\.Q1\.values: \{ "满分": N \}/);
    expect(checkUnreadable([a], true)[0]!.en).toMatch(/2 unreadable/);
  });
});

describe('did you mean', () => {
  it('suggests metric names and column ids/labels across case and small typos', () => {
    expect(suggestions('NPS', ['nps', 'csat', 'ces'])).toEqual(['nps']);
    expect(suggestions('csta', ['nps', 'csat', 'ces'])[0]).toBe('csat');
    expect(suggestions('regoin', ['region', 'plan', 'Q1'])).toEqual(['region']);
    expect(suggestions('城巿', ['城市', '序号'])).toEqual(['城市']);
    expect(suggestions('zzzz', ['region', 'plan'])).toEqual([]);
  });
});
