// scoreSurvey on fixtures/score/stores.csv (built in memory here, independent of the CSV loader).
// Hand computation from the table (fixtures/score/README.md):
//   valid NPS answers: 14 (row 11 = 11 is out of scale, row 12 = "abc" is not a number, row 15 is empty)
//   promoters rows 1,2,5,7,10,13,17 = 7; passives 3,8,16 = 3; detractors 4,6,9,14 = 4 → NPS 100·3/14
//   华东: rows 1,2,3,7,9,13,17 → P5 Pa1 D1 → 400/7;  华北: rows 4,5,6,8,10,14,16 → P2 Pa2 D3 → −100/7
//   ISO weeks: W01 = rows 17 (2025-12-29), 1, 2, 3 → P3 Pa1 → 75; W02 = rows 4–8 → P2 Pa1 D2 → 0;
//   W03 = rows 9, 10 → 0; W04 = rows 13, 14 (01/20/2026), 16 → 0.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreSurvey, type GroupRow, type PeriodRow } from '../../src/metrics/score.js';
import type { Column, Survey } from '../../src/dataset/types.js';

const file = path.resolve(__dirname, '../../fixtures/score/stores.csv');
function loadFixture(): Survey {
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => l.split(','));
  const header = lines[0]!;
  const body = lines.slice(1);
  const columns = new Map<string, Column>();
  header.forEach((h, c) => columns.set(h, { kind: 'str', values: body.map((r) => (r[c] === '' ? null : r[c]!)) }));
  return {
    source: [file],
    platform: 'generic',
    nRows: body.length,
    log: [],
    columns,
    questions: header.map((h) => ({ id: h, label: h, type: 'category' as const })),
  };
}
const s = loadFixture();
const group = (rows: (GroupRow & { n: number })[] | undefined, v: string) => rows!.find((g) => g.key.region === v)! as GroupRow & Record<string, number>;

describe('scoreSurvey nps', () => {
  it('overall, exclusions and automatic question choice (label 推荐意愿 NPS)', () => {
    const r = scoreSurvey(s, { allowUnreadable: true, metric: 'nps' });
    expect(r.question).toBe('推荐意愿 NPS');
    const o = r.overall as unknown as Record<string, number>;
    expect([o.n, o.promoters, o.passives, o.detractors]).toEqual([14, 7, 3, 4]);
    expect(o.nps).toBeCloseTo(300 / 14, 10);
    // moe95 = 1.959964·√(((7+4)/14 − (3/14)²)/14)·100 = 45.054693 (numpy)
    expect(o.moe95).toBeCloseTo(45.0546934, 6);
    // adjusted-Wald: p = 7.75/17, d = 4.75/17 → [−22.242287, 57.536405] (numpy)
    expect(r.overall.ci95[0]).toBeCloseTo(-22.2422872, 6);
    expect(r.overall.ci95[1]).toBeCloseTo(57.5364048, 6);
    expect(r.excluded).toBe(2);
    expect(r.exclusions).toMatchObject({ notNumeric: 1, outOfScale: 1, rows: [11, 12] });
    expect(r.missing).toBe(1);
    expect(r.overall.unstable).toBe(true);
    expect(r.warnings[0]!.en).toMatch(/column 推荐意愿 NPS: excluded 2 values.*responses 11, 12.*questions\.推荐意愿 NPS\.values/);
    // The accounting rule (issue 9): 16 answered, 14 used, "abc" unreadable, 11 off the scale, row 15 missing.
    expect(r.accounting).toEqual({
      question: '推荐意愿 NPS', answered: 16, used: 14, excluded: { missing: 1, unreadable: 1, outOfScale: 1 },
      examples: { unreadable: [{ row: 12, value: 'abc' }], outOfScale: [{ row: 11, value: '11' }] },
    });
  });
  it('1 unreadable answer of 16 (6.25% > 5%) is bad input naming the value and the cx.yaml key', () => {
    expect(() => scoreSurvey(s, { metric: 'nps' })).toThrow(/"abc" at responses 12.*questions\.推荐意愿 NPS\.values/);
  });
  it('--by region --compare previous: each segment vs the rest (adjusted-Wald)', () => {
    const r = scoreSurvey(s, { allowUnreadable: true, metric: 'nps', by: ['region'], compare: 'previous' });
    const east = group(r.groups, '华东');
    const north = group(r.groups, '华北');
    expect(east.n).toBe(7);
    expect(east.nps).toBeCloseTo(400 / 7, 10);
    expect(north.nps).toBeCloseTo(-100 / 7, 10);
    // numpy: adjusted (5,1,1) vs (2,2,3): CI [−18.738594, 118.738594], p 0.153965
    expect(east.vsRest!.diff).toBeCloseTo(500 / 7, 10);
    expect(east.vsRest!.p).toBeCloseTo(0.15396510, 7);
    expect(east.vsRest!.ci95[0]).toBeCloseTo(-18.7385943, 6);
    expect(east.vsRest!.significant).toBe(false);
    expect(east.vsRest!.against).toBe('rest');
  });
  it('--period week --compare previous', () => {
    const r = scoreSurvey(s, { allowUnreadable: true, metric: 'nps', period: 'week', compare: 'previous', minN: 3 });
    expect(r.dateColumn).toBe('Date Submitted');
    const p = r.periods! as (PeriodRow & Record<string, number>)[];
    expect(p.map((x) => x.period)).toEqual(['2026-W01', '2026-W02', '2026-W03', '2026-W04']);
    expect(p.map((x) => x.n)).toEqual([4, 5, 2, 3]);
    expect(p.map((x) => x.nps)).toEqual([75, 0, 0, 0]);
    expect(p.map((x) => x.unstable)).toEqual([false, false, true, false]);
    expect(p[0]!.change).toBeUndefined();
    // numpy: adjusted (2,1,2) vs (3,1,0): CI [−119.153677, 33.439391], p 0.270920
    expect(p[1]!.change!.diff).toBeCloseTo(-75, 10);
    expect(p[1]!.change!.p).toBeCloseTo(0.27091963, 7);
    expect(p[1]!.change!.ci95[0]).toBeCloseTo(-119.1536766, 6);
    expect(p[1]!.change!.ci95[1]).toBeCloseTo(33.4393909, 6);
    expect(p[1]!.change!.against).toBe('2026-W01');
  });
  it('--period month puts 2025-12-29 in 2025-12', () => {
    const r = scoreSurvey(s, { allowUnreadable: true, metric: 'nps', period: 'month' });
    const p = r.periods! as (PeriodRow & Record<string, number>)[];
    expect(p.map((x) => [x.period, x.n])).toEqual([['2025-12', 1], ['2026-01', 13]]);
    expect(p[1]!.nps).toBeCloseTo(200 / 13, 10);
  });
  it('--by with --period: per-group periods, absent periods omitted', () => {
    const r = scoreSurvey(s, { allowUnreadable: true, metric: 'nps', by: ['region'], period: 'week' });
    const north = group(r.groups, '华北');
    // 华北 W02: rows 4 (6), 5 (10), 6 (3), 8 (7) → P1 Pa1 D2 → −25
    expect(north.periods![0]!.period).toBe('2026-W02');
    expect((north.periods![0] as unknown as Record<string, number>).nps).toBeCloseTo(-25, 10);
  });
  it('--weight: NPS_w = 100·(8 − 4)/16 = 25, n_eff = 16²/20 = 12.8', () => {
    const r = scoreSurvey(s, { allowUnreadable: true, metric: 'nps', weight: 'weight' });
    const o = r.overall as unknown as Record<string, number>;
    expect(o.nps).toBeCloseTo(25, 10);
    expect(o.nEff).toBeCloseTo(12.8, 10);
    // 1.959964·√((0.75 − 0.25²)/12.8)·100
    expect(o.moe95).toBeCloseTo(45.4233811, 6);
    expect(r.seMethod).toMatch(/Kish/);
  });
  it('--where region = "华东" and `plan type` != "Basic": rows 2, 3, 7, 13 valid (11 excluded) → 75', () => {
    const r = scoreSurvey(s, { allowUnreadable: true, metric: 'nps', where: 'region = "华东" and `plan type` != "Basic"' });
    expect(r.rowsFiltered).toBe(6);
    expect(r.overall.n).toBe(4);
    expect((r.overall as unknown as Record<string, number>).nps).toBeCloseTo(75, 10);
    expect(r.excluded).toBe(1);
  });
  it('--where drops segments with no rows; a segment whose rows have no valid answer is reported with n = 0', () => {
    // row 15 (华东) has no NPS; rows 4 and 12 are 华北 (6 and "abc")
    const r = scoreSurvey(s, { allowUnreadable: true, metric: 'nps', by: ['region'], period: 'month', where: 'id in ("15", "4", "12")' });
    expect(r.groups!.map((g) => [g.key.region, g.n])).toEqual([['华东', 0], ['华北', 1]]);
    expect(r.periods!.map((p) => p.period)).toEqual(['2026-01']); // 2025-12 has no row passing --where
    expect(r.warnings.map((w) => w.en).join(' ')).toMatch(/segment 华东 has no valid answers/);
    const f = scoreSurvey(s, { allowUnreadable: true, metric: 'nps', by: ['region'], where: 'region = "华北"' });
    expect(f.groups!.map((g) => g.key.region)).toEqual(['华北']);
  });
  it('an answer without a readable date counts in overall and its segment but in no period', () => {
    const cols = new Map(s.columns);
    const d = (s.columns.get('Date Submitted')!.values as (string | null)[]).slice();
    d[0] = 'not a date'; // row 1: 华东, NPS 10, was in 2026-W01
    cols.set('Date Submitted', { kind: 'str', values: d });
    const r = scoreSurvey({ ...s, columns: cols }, { allowUnreadable: true, metric: 'nps', by: ['region'], period: 'week' });
    expect(r.noDate).toBe(1);
    expect(r.overall.n).toBe(14);
    expect(r.periods!.reduce((a, p) => a + p.n, 0)).toBe(13);
    expect(r.periods![0]!.n).toBe(3);
    const east = group(r.groups, '华东');
    expect(east.n).toBe(7);
    expect(east.periods!.reduce((a, p) => a + (p as unknown as { n: number }).n, 0)).toBe(6);
    expect(r.warnings.map((w) => w.en).join(' ')).toMatch(/Date Submitted: 1 answer has a missing or unreadable date/);
  });
  it('an empty selection is reported, not an error', () => {
    const r = scoreSurvey(s, { allowUnreadable: true, metric: 'nps', where: 'region = "西藏"' });
    expect(r.overall.n).toBe(0);
    expect(r.warnings.map((w) => w.en).join(' ')).toMatch(/no rows match/);
  });
});

describe('scoreSurvey csat / ces', () => {
  it('csat: 11 of 17 answer 4–5, mean 62/17', () => {
    const r = scoreSurvey(s, { allowUnreadable: true, metric: 'csat' });
    expect(r.question).toBe('satisfaction');
    const o = r.overall as unknown as Record<string, number>;
    expect(o.n).toBe(17);
    expect(o.csat).toBeCloseTo(1100 / 17, 10);
    expect(o.mean).toBeCloseTo(62 / 17, 10);
    expect(r.method).toMatch(/top-2 = 4–5 on 1–5/);
  });
  it('ces: mean 84/17, agree (5–7) 11/17, index (8 − 4)/17', () => {
    const m = scoreSurvey(s, { allowUnreadable: true, metric: 'ces' });
    expect(m.question).toBe('effort');
    expect((m.overall as unknown as Record<string, number>).ces).toBeCloseTo(84 / 17, 10);
    expect((scoreSurvey(s, { allowUnreadable: true, metric: 'ces', ces: 'agree' }).overall as unknown as Record<string, number>).ces).toBeCloseTo(1100 / 17, 10);
    const ix = scoreSurvey(s, { allowUnreadable: true, metric: 'ces', ces: 'index' });
    expect((ix.overall as unknown as Record<string, number>).ces).toBeCloseTo(400 / 17, 10);
    expect(ix.method).toMatch(/index/);
  });
  it('nps with a --scale other than 0–10 is refused', () => {
    expect(() => scoreSurvey(s, { allowUnreadable: true, metric: 'nps', scale: { min: 1, max: 5 } })).toThrow(/0–10/);
  });
});
