import { describe, expect, it } from 'vitest';
import { agrestiCoull, kishNeff, trinomial, wilson, Z95 } from '../../src/metrics/proportion.js';

describe('proportion intervals (METHODS.md §5.2, L1: 7/10)', () => {
  it('Agresti–Coull [0.39233, 0.89666]', () => {
    const r = agrestiCoull(7, 10);
    expect(r.ci95[0]).toBeCloseTo(0.39233, 5);
    expect(r.ci95[1]).toBeCloseTo(0.89666, 5);
  });
  it('Wilson [0.39678, 0.89221] (scipy 0.396778, 0.892209)', () => {
    const r = wilson(7, 10);
    expect(r.ci95[0]).toBeCloseTo(0.39677815, 7);
    expect(r.ci95[1]).toBeCloseTo(0.89220873, 7);
  });
  it('n = 0 gives NaN', () => {
    expect(agrestiCoull(0, 0).ci95[0]).toBeNaN();
  });
  it('z = 1.959964', () => expect(Z95).toBeCloseTo(1.959964, 6));
  it('Kish n_eff (N4): 8.5²/10.75 = 6.7209', () => expect(kishNeff(8.5, 10.75)).toBeCloseTo(6.72093, 5));
  it('adjusted-Wald trinomial of N2: p_adj 0.444175, d_adj 0.201456, Var_adj 0.586719', () => {
    const t = trinomial(0.45, 0.2, 100);
    expect(t.adjN).toBe(103);
    expect(t.adjNet).toBeCloseTo((45.75 - 20.75) / 103, 12);
    expect(t.adjVariance).toBeCloseTo(0.586719, 6);
  });
});
