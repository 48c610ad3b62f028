// CSAT against METHODS.md §1.3 (C1 Delighted, C2 Intercom) and §5.2 (L1, numpy/scipy values).
import { describe, expect, it } from 'vitest';
import { csatCell, diffCsat, diffCsatMean } from '../../src/metrics/csat.js';

const rep = (counts: Record<number, number>) => Object.entries(counts).flatMap(([v, k]) => Array<number>(k).fill(Number(v)));

describe('csatCell', () => {
  it('C1 Delighted: 74/107 = 69.16% top-2, mean 3.7383, bottom-2 21.50%', () => {
    const c = csatCell(rep({ 5: 42, 4: 32, 3: 10, 2: 9, 1: 14 }));
    expect(c.n).toBe(107);
    expect(c.top2).toBe(74);
    expect(c.csat).toBeCloseTo((100 * 74) / 107, 10);
    expect(Math.round(c.csat)).toBe(69);
    expect(c.mean).toBeCloseTo(3.7383, 4);
    expect(c.bottom2Pct).toBeCloseTo(21.5, 2);
    expect(c.counts).toEqual({ '1': 14, '2': 9, '3': 10, '4': 32, '5': 42 });
  });
  it('C2 Intercom: 30/50 = 60%', () => {
    expect(csatCell(rep({ 5: 10, 4: 20, 3: 10, 2: 5, 1: 5 })).csat).toBeCloseTo(60, 10);
  });
  it('L1: mean 3.9, s 0.994429, t-CI [3.18863, 4.61137], top-2 0.70, Agresti–Coull [0.39233, 0.89666]', () => {
    const c = csatCell([5, 4, 4, 3, 5, 2, 4, 5, 3, 4]);
    expect(c.mean).toBeCloseTo(3.9, 12);
    expect(c.sd).toBeCloseTo(0.994429, 6);
    expect(c.meanCi95[0]).toBeCloseTo(3.18863, 5);
    expect(c.meanCi95[1]).toBeCloseTo(4.61137, 5);
    expect(c.csat).toBeCloseTo(70, 10);
    expect(c.ci95[0] / 100).toBeCloseTo(0.39233, 5);
    expect(c.ci95[1] / 100).toBeCloseTo(0.89666, 5);
  });
  it('on a 1–7 scale top-2 is 6–7 (METHODS §5.2)', () => {
    const c = csatCell([7, 6, 5, 5, 1], undefined, { min: 1, max: 7 });
    expect(c.topBox).toEqual([6, 7]);
    expect(c.csat).toBeCloseTo(40, 10);
  });
  it('weighted mean and Kish SD (numpy: mean 7.470588, n_eff 6.720930, s 2.383889)', () => {
    const c = csatCell([10, 9, 8, 7, 6, 3, 9, 10], [1.5, 0.5, 1, 1, 2, 1, 1, 0.5], { min: 0, max: 10 });
    expect(c.mean).toBeCloseTo(7.470588235, 8);
    expect(c.nEff!).toBeCloseTo(6.72093023, 7);
    expect(c.sd).toBeCloseTo(2.38388901, 7);
  });
});

describe('differences', () => {
  it('top-2 7/10 vs 3/10: Agresti–Caffo CI [−4.386, 71.053] pts, p 0.083265 (numpy)', () => {
    const a = csatCell(rep({ 5: 7, 1: 3 }));
    const b = csatCell(rep({ 5: 3, 1: 7 }));
    const r = diffCsat(a, b);
    expect(r.diff).toBeCloseTo(40, 10);
    expect(r.ci95[0]).toBeCloseTo(-4.3861911, 5);
    expect(r.ci95[1]).toBeCloseTo(71.0528578, 5);
    expect(r.p).toBeCloseTo(0.0832645, 6);
  });
  it('Welch t on means (scipy ttest_ind equal_var=False: t 2.761074, df 17.960226, p 0.012883, CI [0.286766, 2.113234])', () => {
    const a = csatCell([5, 4, 4, 3, 5, 2, 4, 5, 3, 4]);
    const b = csatCell([3, 2, 4, 3, 1, 2, 3, 4, 2, 3]);
    const r = diffCsatMean(a, b);
    expect(r.t!).toBeCloseTo(2.76107396, 7);
    expect(r.df!).toBeCloseTo(17.96022649, 6);
    expect(r.p).toBeCloseTo(0.01288292, 7);
    expect(r.ci95[0]).toBeCloseTo(0.28676597, 6);
    expect(r.ci95[1]).toBeCloseTo(2.11323403, 6);
  });
});
