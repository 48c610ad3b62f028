// NPS against METHODS.md §1.2 (N1 published by brendan-r/NPS @cd9473e; N2–N4 independent numpy values).
import { describe, expect, it } from 'vitest';
import { diffNps, npsCell } from '../../src/metrics/nps.js';

const fromCounts = (d: number, pa: number, p: number) => [
  ...Array<number>(d).fill(3),
  ...Array<number>(pa).fill(8),
  ...Array<number>(p).fill(10),
];

describe('npsCell: N1 (brendan-r/NPS tests)', () => {
  it('scores 0,7,7,9,9,9: NPS 1/3, Var 5/9, SE √(5/54)', () => {
    const c = npsCell([0, 7, 7, 9, 9, 9]);
    expect(c.n).toBe(6);
    expect([c.detractors, c.passives, c.promoters]).toEqual([1, 2, 3]);
    expect(c.nps).toBeCloseTo(100 / 3, 9);
    expect(c.variance).toBeCloseTo(5 / 9, 12);
    expect(c.se / 100).toBeCloseTo(0.304, 3);
    expect(c.se / 100).toBeCloseTo(Math.sqrt(5 / 9 / 6), 12);
  });
  it.each([
    [1, 0, 1, 0, 1, 0.707],
    [0, 1, 1, 0.5, 0.25, 0.354],
    [1, 1, 1, 0, 2 / 3, 0.471],
  ])('counts D=%i Pa=%i P=%i', (d, pa, p, nps, v, se) => {
    const c = npsCell(fromCounts(d, pa, p));
    expect(c.nps / 100).toBeCloseTo(nps, 12);
    expect(c.variance).toBeCloseTo(v, 12);
    expect(c.se / 100).toBeCloseTo(se, 3);
  });
  it('a single 0 / 7 / 10 gives −100 / 0 / 100 with zero variance, but the adjusted-Wald CI keeps a width', () => {
    for (const [x, e] of [[0, -100], [7, 0], [10, 100]] as const) {
      const c = npsCell([x]);
      expect(c.nps).toBe(e);
      expect(c.variance).toBe(0);
      expect(c.moe95).toBe(0);
      expect(c.ci95[1] - c.ci95[0]).toBeGreaterThan(50);
    }
  });
});

describe('npsCell: N2 (n=100, P=45, Pa=35, D=20)', () => {
  const c = npsCell(fromCounts(20, 35, 45));
  it('Wald: NPS 25, Var 0.5875, SE 7.6649, MOE ±15.023', () => {
    expect(c.nps).toBeCloseTo(25, 10);
    expect(c.variance).toBeCloseTo(0.5875, 10);
    expect(c.se).toBeCloseTo(7.6649, 4);
    // moe95 = 1.959964·√(0.5875/100)·100 = 15.0230 (Wald CI [9.977, 40.023])
    expect(25 - c.moe95).toBeCloseTo(9.977, 3);
    expect(25 + c.moe95).toBeCloseTo(40.023, 3);
  });
  it('adjusted-Wald CI [9.479, 39.064], centred on 24.272 with SE 7.5474', () => {
    expect(c.ci95[0]).toBeCloseTo(9.479, 3);
    expect(c.ci95[1]).toBeCloseTo(39.064, 3);
    expect((c.ci95[0] + c.ci95[1]) / 2).toBeCloseTo(24.272, 3);
    // SE_adj = √(0.586719/103) = 0.075474
    expect((c.ci95[1] - c.ci95[0]) / 2 / 1.959964).toBeCloseTo(7.5474, 3);
  });
  it('ignores NaN, out-of-range and non-integer values', () => {
    const d = npsCell([...fromCounts(20, 35, 45), NaN, 11, -1, 7.5]);
    expect(d.n).toBe(100);
    expect(d.nps).toBeCloseTo(25, 10);
  });
  it('n = 0 gives NaN (undefined), not 0', () => {
    const e = npsCell([]);
    expect(e.n).toBe(0);
    expect(e.nps).toBeNaN();
  });
});

describe('diffNps: N3 (A = N2, B: P=30, Pa=40, D=30)', () => {
  const a = npsCell(fromCounts(20, 35, 45));
  const b = npsCell(fromCounts(30, 40, 30));
  it('Wald: diff 25, SE 10.8972, z 2.2942, p 0.02178, CI [3.64, 46.36]', () => {
    const r = diffNps(a, b, 'wald');
    expect(r.diff).toBeCloseTo(25, 10);
    expect(r.se).toBeCloseTo(10.8972, 4);
    expect(r.z!).toBeCloseTo(2.2942, 4);
    expect(r.p).toBeCloseTo(0.02178, 5);
    expect(r.ci95[0]).toBeCloseTo(3.64, 2);
    expect(r.ci95[1]).toBeCloseTo(46.36, 2);
  });
  it('adjusted-Wald: SE 10.7207, z 2.2640, p 0.02357, CI [3.26, 45.28]; diff stays the raw 25', () => {
    const r = diffNps(a, b);
    expect(r.diff).toBeCloseTo(25, 10);
    expect(r.se).toBeCloseTo(10.7207, 4);
    expect(r.z!).toBeCloseTo(2.264, 4);
    expect(r.p).toBeCloseTo(0.02357, 5);
    expect(r.ci95[0]).toBeCloseTo(3.26, 2);
    expect(r.ci95[1]).toBeCloseTo(45.28, 2);
  });
});

describe('npsCell weighted: N4', () => {
  const c = npsCell([10, 9, 8, 7, 6, 3, 9, 10], [1.5, 0.5, 1, 1, 2, 1, 1, 0.5]);
  it('NPS_w = 100·(3.5 − 3)/8.5 = 5.882, n_eff = 72.25/10.75, SE_Kish 33.655, linearization SE 37.593', () => {
    expect(c.nps).toBeCloseTo((100 * 0.5) / 8.5, 10);
    expect(c.sumWeights).toBeCloseTo(8.5, 12);
    expect(c.nEff!).toBeCloseTo(72.25 / 10.75, 10);
    expect(c.se).toBeCloseTo(33.655, 3);
    expect(c.seLinearized!).toBeCloseTo(37.593, 3);
    expect(c.n).toBe(8);
    expect([c.promoters, c.passives, c.detractors]).toEqual([4, 2, 2]) // 10,9,9,10 | 8,7 | 6,3;
    expect(c.pctPromoters).toBeCloseTo((100 * 3.5) / 8.5, 10);
  });
});
