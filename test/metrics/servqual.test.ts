import { describe, expect, it } from 'vitest';
import type { Column, Survey } from '../../src/dataset/types.js';
import { servqual, weightedScore } from '../../src/metrics/servqual.js';
import { parseServqualHeader, standardDimension } from '../../src/metrics/servqual-items.js';

const close = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b)).toBeLessThan(tol);
function mkSurvey(cols: Record<string, (string | number | null)[]>): Survey {
  const columns = new Map<string, Column>();
  let n = 0;
  for (const [k, v] of Object.entries(cols)) {
    n = v.length;
    columns.set(k, { kind: 'str', values: v.map((x) => (x == null ? null : String(x))) });
  }
  return { source: ['t.csv'], platform: 'csv', questions: Object.keys(cols).map((id) => ({ id, label: id, type: 'rating' })), columns, nRows: n, log: [] };
}

describe('S1/S2: 12manage forum', () => {
  const gaps = { tangibles: -0.65, reliability: -1.1, responsiveness: -0.83, assurance: -0.7, empathy: -1.01 };
  it('unweighted = −4.29/5, weighted = −0.894', () => {
    close(Object.values(gaps).reduce((s, x) => s + x, 0) / 5, -0.858, 1e-12);
    close(weightedScore(gaps, { tangibles: 10, reliability: 30, responsiveness: 25, assurance: 20, empathy: 15 }), -0.894, 1e-12);
    close(weightedScore(gaps, { tangibles: 0.1, reliability: 0.3, responsiveness: 0.25, assurance: 0.2, empathy: 0.15 }), -0.894, 1e-12);
  });
});

describe('headers and the 22-item map', () => {
  it('parses common header styles', () => {
    expect(parseServqualHeader('E1')).toEqual({ side: 'E', item: 1 });
    expect(parseServqualHeader('p_22')).toEqual({ side: 'P', item: 22 });
    expect(parseServqualHeader('期望3')).toEqual({ side: 'E', item: 3 });
    expect(parseServqualHeader('感知_3')).toEqual({ side: 'P', item: 3 });
    expect(parseServqualHeader('E_tangibles_2')).toEqual({ side: 'E', item: 2, dimension: 'tangibles' });
    expect(parseServqualHeader('有形性1（期望）')).toEqual({ side: 'E', item: 1, dimension: 'tangibles' });
    expect(parseServqualHeader('Q5_P')).toEqual({ side: 'P', item: 5 });
    expect(parseServqualHeader('desired_4')).toEqual({ side: 'D', item: 4 });
    expect(parseServqualHeader('Region')).toBeUndefined();
    expect(parseServqualHeader('Email')).toBeUndefined();
  });
  it('4/5/4/4/5 split', () => {
    expect([1, 4, 5, 9, 10, 13, 14, 17, 18, 22].map(standardDimension)).toEqual([
      'tangibles', 'tangibles', 'reliability', 'reliability', 'responsiveness', 'responsiveness', 'assurance', 'assurance', 'empathy', 'empathy',
    ]);
    expect(standardDimension(23)).toBeUndefined();
  });
});

describe('servqual on a survey', () => {
  // 3 respondents, 22 items; E_j = 1 + ((i + j) mod 7); P_j = E_j + gap(dimension) (gaps chosen per dimension).
  const dgap: Record<string, number> = { tangibles: -1, reliability: -2, responsiveness: 0, assurance: 1, empathy: -0.5 };
  const cols: Record<string, number[]> = {};
  for (let j = 1; j <= 22; j++) {
    const E = [0, 1, 2].map((i) => 1 + ((i + j) % 7));
    cols[`E${j}`] = E;
    cols[`P${j}`] = E.map((e) => e + dgap[standardDimension(j)!]!);
  }
  it('finds the 22 pairs, gives exact dimension gaps and the unweighted score', () => {
    const r = servqual(mkSurvey(cols));
    expect(r.items).toHaveLength(22);
    expect(r.dimensions.map((d) => d.dimension)).toEqual(['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy']);
    expect(r.dimensions.map((d) => d.items)).toEqual([4, 5, 4, 4, 5]);
    for (const d of r.dimensions) close(d.gap, dgap[d.dimension]!, 1e-12);
    close(r.overall.unweighted, (-1 - 2 + 0 + 1 - 0.5) / 5, 1e-12);
    expect(r.overall.weighted).toBeUndefined();
  });
  it('uses fixed weights from cx.yaml', () => {
    const r = servqual(mkSurvey(cols), { weights: { tangibles: 10, reliability: 30, responsiveness: 25, assurance: 20, empathy: 15 } });
    close(r.overall.weighted!, 0.1 * -1 + 0.3 * -2 + 0.25 * 0 + 0.2 * 1 + 0.15 * -0.5, 1e-12);
  });
  it('uses per-respondent 100-point allocations and rescales', () => {
    const pts = {
      points_tangibles: [20, 10, 40], points_reliability: [20, 30, 10], points_responsiveness: [20, 20, 10],
      points_assurance: [20, 20, 20], points_empathy: [20, 20, 20],
    }; // respondent 3 sums to 100; respondent 1 sums to 100; respondent 2 sums to 100
    const r = servqual(mkSurvey({ ...cols, ...pts }));
    // per respondent: Σ w·gap with gaps (−1, −2, 0, 1, −0.5)
    const s1 = 0.2 * -1 + 0.2 * -2 + 0 + 0.2 * 1 + 0.2 * -0.5;
    const s2 = 0.1 * -1 + 0.3 * -2 + 0 + 0.2 * 1 + 0.2 * -0.5;
    const s3 = 0.4 * -1 + 0.1 * -2 + 0 + 0.2 * 1 + 0.2 * -0.5;
    close(r.overall.weighted!, (s1 + s2 + s3) / 3, 1e-12);
    expect(r.rescaledAllocations).toBe(0);
    close(r.dimensions[0]!.weight!, (0.2 + 0.1 + 0.4) / 3, 1e-12);
  });
  it('Cronbach α of the perception items (tangibles by hand)', () => {
    // tangibles P items (gap −1): P_j = (i + j) mod 7, j = 1..4, i = 0..2
    // item columns: j1 (1,2,3) j2 (2,3,4) j3 (3,4,5) j4 (4,5,6): all var 1, total (10,14,18) var 16 → α = 4/3·(1 − 4/16) = 1
    const r = servqual(mkSurvey(cols));
    close(r.dimensions[0]!.alpha, 1, 1e-12);
    expect(r.dimensions[0]!.alphaN).toBe(3);
  });
});

describe('S3: zone of tolerance', () => {
  it('MSA, MSS and the zone per item', () => {
    const s = mkSurvey({
      A1: [5.0], D1: [6.5], P1: [5.8], A2: [5.5], D2: [6.8], P2: [5.2], A3: [4.5], D3: [6.0], P3: [6.2],
    });
    const r = servqual(s);
    expect(r.items.map((i) => i.zone)).toEqual(['within', 'below', 'above']);
    [[0.8, -0.7], [-0.3, -1.6], [1.7, 0.2]].forEach(([msa, mss], k) => {
      close(r.items[k]!.msa!, msa!, 1e-12);
      close(r.items[k]!.mss!, mss!, 1e-12);
    });
    expect(r.overall.unweighted).toBeNaN(); // no E items: SERVPERF only
    close(r.overall.servperf, (5.8 + 5.2 + 6.2) / 3, 1e-12);
  });
});

describe('reverse scoring (1988 negatively worded items)', () => {
  it('recodes E and P as 8 − x on the default 1–7 scale, or (min + max) − x on a known scale', () => {
    const s = mkSurvey({ E1: [2, 3], P1: [6, 3], E2: [5, 5], P2: [4, 4] });
    const r = servqual(s, { reverse: [1] });
    // item 1 reversed: E (6, 5), P (2, 5) → gaps (−4, 0); item 2 gaps (−1, −1); per respondent (−2.5, −0.5) → −1.5
    close(r.items[0]!.gap, -2, 1e-12);
    close(r.dimensions[0]!.gap, -1.5, 1e-12);
    expect(r.reversed).toEqual(['P1']);
    s.questions.find((q) => q.id === 'P1')!.scale = { min: 1, max: 9 };
    s.questions.find((q) => q.id === 'E1')!.scale = { min: 1, max: 9 };
    // on 1–9: E (8, 7), P (4, 7) → gaps (−4, 0)
    close(servqual(s, { reverse: ['P1'] }).items[0]!.gap, -2, 1e-12);
    expect(() => servqual(s, { reverse: [9] })).toThrow(/--reverse names 9/);
  });
});

describe('bad input', () => {
  it('no items → exit 2 naming the convention', () => {
    expect(() => servqual(mkSurvey({ a: [1] }))).toThrow(/no SERVQUAL items found/);
  });
  it('text in a score column names column and row', () => {
    expect(() => servqual(mkSurvey({ E1: [5, 6], P1: ['good', 'bad'] }))).toThrow(/"P1" holds text.*row 1: "good"/);
  });
  it('missing gaps use the available items', () => {
    const r = servqual(mkSurvey({ E1: [5, 5], P1: [4, null], E2: [5, 6], P2: [6, 3] }));
    // respondent 1: gaps (−1, +1) → 0; respondent 2: gap (−3) → −3; tangibles = −1.5
    close(r.dimensions[0]!.gap, -1.5, 1e-12);
  });
});
