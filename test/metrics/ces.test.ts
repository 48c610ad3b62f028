// CES conventions (METHODS.md §1.3). Data 7,6,5,4,3,2,1,7,6,6 (hand count: mean 47/10 = 4.7;
// 5–7: 6/10 agree; 6–7: 5/10, 1–3: 3/10, index = 20).
import { describe, expect, it } from 'vitest';
import { cesCell, diffCes } from '../../src/metrics/ces.js';
import { npsCell } from '../../src/metrics/nps.js';

const x = [7, 6, 5, 4, 3, 2, 1, 7, 6, 6];

describe('cesCell', () => {
  it('mean convention', () => {
    const c = cesCell(x, 'mean');
    expect(c.method).toBe('mean');
    expect(c.ces).toBeCloseTo(4.7, 12);
    expect(c.ci95[0]).toBeLessThan(4.7);
  });
  it('agree = % 5–7', () => {
    expect(cesCell(x, 'agree').ces).toBeCloseTo(60, 12);
  });
  it('index = %(6–7) − %(1–3), with the same adjusted-Wald interval as an NPS of the same split', () => {
    const c = cesCell(x, 'index');
    expect(c.ces).toBeCloseTo(20, 12);
    // 5 top, 2 middle, 3 bottom ≙ NPS answers 10×5, 8×2, 0×3
    const n = npsCell([10, 10, 10, 10, 10, 8, 8, 0, 0, 0]);
    expect(c.ci95[0]).toBeCloseTo(n.ci95[0], 12);
    expect(c.ci95[1]).toBeCloseTo(n.ci95[1], 12);
  });
  it('values off the 1–7 scale are ignored', () => {
    expect(cesCell([...x, 0, 8, NaN], 'mean').n).toBe(10);
  });
  it('diffCes follows the method', () => {
    const a = cesCell(x, 'agree');
    const b = cesCell([1, 1, 1, 1, 1, 1, 1, 1, 1, 5], 'agree');
    const r = diffCes(a, b);
    expect(r.diff).toBeCloseTo(50, 10);
    expect(r.method).toBe('agresti-caffo');
    expect(diffCes(cesCell(x, 'mean'), cesCell(x, 'mean')).diff).toBe(0);
  });
});
