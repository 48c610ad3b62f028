import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cronbachAlpha } from '../../src/metrics/reliability.js';

const close = (a: number, b: number, tol = 1e-6) => expect(Math.abs(a - b)).toBeLessThan(tol);

describe('R1: ZHAW Cronbach_alpha.R', () => {
  const Q1 = [1, 2, 2, 3, 2, 2, 3, 3, 2, 3];
  const Q2 = [1, 1, 1, 2, 3, 3, 2, 3, 3, 3];
  const Q3 = [1, 1, 2, 1, 2, 3, 3, 3, 2, 3];
  const r = cronbachAlpha(Q1.map((_, i) => [Q1[i]!, Q2[i]!, Q3[i]!]));
  it('raw and standardized α', () => {
    close(r.alpha, 0.7734375, 1e-12);
    close(r.standardizedAlpha, 0.774291, 5e-7);
    expect(r.n).toBe(10);
    expect(r.k).toBe(3);
  });
  it('item variances, α if deleted, r.drop', () => {
    [0.45556, 0.84444, 0.76667].forEach((v, j) => close(r.itemVariances[j]!, v, 5e-6));
    close(r.totalVariance, 4.26667, 5e-6);
    [0.79668, 0.65854, 0.58182].forEach((v, j) => close(r.alphaIfDeleted[j]!, v, 5e-6));
    [0.51306, 0.64492, 0.7029].forEach((v, j) => close(r.itemRestR[j]!, v, 5e-6));
  });
});

describe('R2: easystats performance, mtcars cyl/gear/carb/hp', () => {
  it('α = 0.09463206, standardized 0.62504', () => {
    const lines = readFileSync(path.resolve(__dirname, '../../fixtures/methods/mtcars.csv'), 'utf8').trim().split('\n').slice(1);
    const rows = lines.map((l) => {
      const c = l.split(',').map(Number);
      return [c[2]!, c[7]!, c[8]!, c[4]!]; // cyl, gear, carb, hp
    });
    const r = cronbachAlpha(rows);
    close(r.alpha, 0.09463206, 5e-9);
    close(r.standardizedAlpha, 0.62504, 5e-6);
  });
});

describe('edge cases', () => {
  it('listwise deletion and undefined values', () => {
    const r = cronbachAlpha([[1, 2], [2, NaN], [3, 3], [4, 5]]);
    expect(r.n).toBe(3);
    expect(r.excluded).toBe(1);
    // items (1,3,4) and (2,3,5): var 2.3333 and 2.3333, total (3,6,9) var 9 → α = 2·(1 − 4.6667/9)
    close(r.alpha, 2 * (1 - (7 / 3 + 7 / 3) / 9), 1e-12);
    expect(cronbachAlpha([[1], [2]]).alpha).toBeNaN();
    expect(cronbachAlpha([[1, 1], [1, 1], [1, 1]]).alpha).toBeNaN();
  });
});
