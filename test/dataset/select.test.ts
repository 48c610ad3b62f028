import { describe, expect, it } from 'vitest';
import { findDateColumn, findQuestion, groupCodes, groupIndices, readScores, readWeights } from '../../src/dataset/select.js';
import type { Column, Question, Survey } from '../../src/dataset/types.js';

function make(qs: Question[], cols: Record<string, Column>, nRows: number): Survey {
  return { source: ['x.csv'], platform: 'generic', nRows, log: [], questions: qs, columns: new Map(Object.entries(cols)) };
}
const num = (...v: number[]): Column => ({ kind: 'num', values: Float64Array.from(v) });
const str = (...v: (string | null)[]): Column => ({ kind: 'str', values: v });

describe('findQuestion', () => {
  const s = make(
    [
      { id: 'Q1', label: 'How likely are you to recommend us to a friend?', type: 'number' },
      { id: 'Q2', label: '您对本次服务满意吗？', type: 'number' },
      { id: 'Q3', label: 'The company made it easy to handle my issue (effort)', type: 'number' },
      { id: 'Q4', label: 'Comments', type: 'text' },
    ],
    { Q1: num(1), Q2: num(1), Q3: num(1), Q4: str('x') },
    1,
  );
  it('finds NPS / CSAT / CES by label (en and zh)', () => {
    expect(findQuestion(s, 'nps').id).toBe('Q1');
    expect(findQuestion(s, 'csat').id).toBe('Q2');
    expect(findQuestion(s, 'ces').id).toBe('Q3');
  });
  it('a role beats label hints', () => {
    const t = { ...s, questions: s.questions.map((q) => (q.id === 'Q3' ? { ...q, role: 'csat' } : q)) };
    expect(findQuestion(t, 'csat').id).toBe('Q3');
  });
  it('--question by id or label', () => {
    expect(findQuestion(s, 'nps', 'Q2').id).toBe('Q2');
    expect(findQuestion(s, 'nps', 'Comments').id).toBe('Q4');
  });
  it('two candidates → exit 2 listing both, asking for --question', () => {
    const t = make(
      [
        { id: 'nps_web', label: 'NPS web', type: 'nps' },
        { id: 'nps_app', label: 'NPS app', type: 'nps' },
      ],
      { nps_web: num(1), nps_app: num(1) },
      1,
    );
    expect(() => findQuestion(t, 'nps')).toThrow(/2 columns could be the NPS question: nps_web.*nps_app.*--question/);
  });
  it("Qualtrics' Q1_NPS_GROUP is not a second NPS candidate", () => {
    const t = make(
      [
        { id: 'Q1', label: 'How likely are you to recommend us?', type: 'number' },
        { id: 'Q1_NPS_GROUP', label: 'How likely are you to recommend us? - Group', type: 'number' },
      ],
      { Q1: num(1), Q1_NPS_GROUP: num(1) },
      1,
    );
    expect(findQuestion(t, 'nps').id).toBe('Q1');
  });
  it('none → exit 2 naming the candidates', () => {
    const t = make([{ id: 'score', label: 'score', type: 'number' }], { score: num(1) }, 1);
    expect(() => findQuestion(t, 'ces')).toThrow(/no CES question found.*--question.*score/);
  });
  it('an unknown --question lists columns', () => {
    expect(() => findQuestion(s, 'nps', 'Q9')).toThrow(/--question: no column named "Q9"/);
  });
});

describe('readScores', () => {
  it('numbers, numeric text, "10 - Extremely likely", choice labels; counts and first rows of bad values', () => {
    const q: Question = { id: 'r', label: 'r', type: 'single', choices: [{ code: '9', label: 'Very likely' }] };
    const s = make([q], { r: str('10', '10 - Extremely likely', 'Very likely', ' 7 ', 'abc', '11', '7.5', null, '') }, 9);
    const r = readScores(s, q, 0, 10);
    expect(Array.from(r.values.slice(0, 4))).toEqual([10, 10, 9, 7]);
    const t = make([q], { r: str('Extremely likely 10', '非常愿意 - 9', 'Q3 answer 2') }, 3);
    expect(Array.from(readScores(t, q, 0, 10).values).slice(0, 2)).toEqual([10, 9]);
    expect(readScores(t, q, 0, 10).notNumeric).toBe(1); // two numbers: not guessed
    const sq: Question = { id: 's', label: 's', type: 'rating', scale: { min: 1, max: 5, labels: { '1': 'Very dissatisfied', '5': 'Very satisfied' } } };
    expect(Array.from(readScores(make([sq], { s: str('Very satisfied', 'Very dissatisfied') }, 2), sq, 1, 5).values)).toEqual([5, 1]);
    expect(r.values.slice(4).every((v) => Number.isNaN(v))).toBe(true);
    expect([r.notNumeric, r.outOfScale, r.missing]).toEqual([1, 2, 2]);
    expect(r.firstBadRows).toEqual([5, 6, 7]);
    expect(r.badExamples).toEqual(['abc', '11', '7.5']);
  });
  it('masked rows are neither read nor counted', () => {
    const q: Question = { id: 'r', label: 'r', type: 'number' };
    const s = make([q], { r: num(5, 12, NaN) }, 3);
    const r = readScores(s, q, 1, 5, Uint8Array.from([1, 0, 0]));
    expect([r.outOfScale, r.missing]).toEqual([0, 0]);
  });
});

describe('groupCodes / groupIndices', () => {
  const s = make(
    [
      { id: 'region', label: 'region', type: 'category' },
      { id: 'plan', label: 'plan', type: 'category' },
      { id: 'size', label: 'size', type: 'number' },
    ],
    {
      region: str('East', 'West', 'East', null, 'West'),
      plan: str('Pro', 'Pro', 'Basic', 'Pro', 'Pro'),
      size: num(10, 2, 10, NaN, 2),
    },
    5,
  );
  it('one column: sorted keys, missing last as its own group', () => {
    const g = groupCodes(s, ['region']);
    expect(g.keys).toEqual([{ region: 'East' }, { region: 'West' }, { region: null }]);
    expect(Array.from(g.codes)).toEqual([0, 1, 0, 2, 1]);
  });
  it('numeric values sort naturally (2 before 10)', () => {
    expect(groupCodes(s, ['size']).keys).toEqual([{ size: '2' }, { size: '10' }, { size: null }]);
  });
  it('two columns: only combinations that occur', () => {
    const g = groupCodes(s, ['region', 'plan']);
    expect(g.keys).toEqual([
      { region: 'East', plan: 'Basic' },
      { region: 'East', plan: 'Pro' },
      { region: 'West', plan: 'Pro' },
      { region: null, plan: 'Pro' },
    ]);
    expect(Array.from(g.codes)).toEqual([1, 2, 0, 3, 2]);
  });
  it('groupIndices', () => {
    expect(Object.fromEntries(groupIndices(s, ['region']))).toEqual({ East: [0, 2], West: [1, 4], '(missing)': [3] });
  });
  it('three columns is a usage error', () => {
    expect(() => groupCodes(s, ['region', 'plan', 'size'])).toThrow(/one or two columns/);
  });
});

describe('readWeights and findDateColumn', () => {
  it('bad weights are NaN and counted', () => {
    const s = make([{ id: 'w', label: 'w', type: 'category' }], { w: str('1.5', '-1', 'x', null, '0') }, 5);
    const w = readWeights(s, 'w');
    expect(w.bad).toBe(3);
    expect(w.firstBadRows).toEqual([2, 3, 4]);
    expect(w.weights[0]).toBe(1.5);
    expect(w.weights[4]).toBe(0);
  });
  it('date column: role, then known names', () => {
    const s = make([{ id: 'RecordedDate', label: 'Recorded Date', type: 'category' }], { RecordedDate: str('2026-01-01') }, 1);
    expect(findDateColumn(s)).toBe('RecordedDate');
    const t = make([{ id: 'x', label: 'x', type: 'number' }], { x: num(1) }, 1);
    expect(() => findDateColumn(t)).toThrow(/--date/);
  });
});
