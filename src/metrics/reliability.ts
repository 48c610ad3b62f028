// Cronbach's α, raw and standardized, with α-if-deleted and corrected item–total correlations
// (METHODS.md §5.1). Rows with any missing item are dropped (listwise). The estimate reads only the items'
// moment block (metrics/moments.ts), so an engine's aggregate query gives the same α. Pure.
import { blockCorrelation, blockCovariance, momentsOf, type MomentBlock } from './moments.js';

export interface AlphaResult {
  k: number;
  /** Rows used after listwise deletion. */
  n: number;
  /** Rows dropped for a missing item. */
  excluded: number;
  alpha: number;
  standardizedAlpha: number;
  /** Mean inter-item correlation r̄. */
  meanInterItemR: number;
  itemVariances: number[];
  totalVariance: number;
  /** α of the remaining items when each item is deleted (NaN when fewer than 2 would remain). */
  alphaIfDeleted: number[];
  /** Corrected item–total correlation (item against the sum of the other items; psych r.drop). */
  itemRestR: number[];
}

export function correlation(x: number[], y: number[]): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i]!;
    my += y[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = x[i]! - mx;
    const dy = y[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/**
 * Cronbach's α of `rows` (respondents × items; NaN = missing). Undefined values (k < 2, n < 2, zero
 * total variance) come back as NaN.
 */
export function cronbachAlpha(rows: ArrayLike<number>[]): AlphaResult {
  const k = rows.length ? rows[0]!.length : 0;
  const cols = Array.from({ length: k }, (_, j) => Float64Array.from(rows, (r) => r[j]!));
  const b = momentsOf(Array.from({ length: k }, (_, j) => `item${j + 1}`), cols);
  return { ...alphaFromMoments(b), excluded: rows.length - b.n };
}

/**
 * Cronbach's α from the moment block of the items (listwise complete rows): everything comes from the
 * covariance matrix V (divisor n − 1). α = k/(k−1)·(1 − Σ V_jj / Σ V); standardized α from the mean
 * inter-item r; item–rest r from cov(x_j, T − x_j) = Σ_b V_jb − V_jj.
 */
export function alphaFromMoments(b: MomentBlock): AlphaResult {
  const k = b.vars.length;
  const n = b.n;
  const V = blockCovariance(b);
  const R = blockCorrelation(b);
  const all = Array.from({ length: k }, (_, j) => j);
  const raw = (idx: number[]): number => {
    if (idx.length < 2 || n < 2) return NaN;
    let sv = 0;
    let vt = 0;
    for (const a of idx) {
      sv += V[a]![a]!;
      for (const c of idx) vt += V[a]![c]!;
    }
    if (!(vt > tiny(sv))) return NaN;
    return (idx.length / (idx.length - 1)) * (1 - sv / vt);
  };
  let rsum = 0;
  let rcount = 0;
  for (let a = 0; a < k; a++)
    for (let c = a + 1; c < k; c++) {
      rsum += n >= 2 ? R[a]![c]! : NaN;
      rcount++;
    }
  const rbar = rcount ? rsum / rcount : NaN;
  let total = 0;
  let diag = 0;
  for (let a = 0; a < k; a++) {
    diag += V[a]![a]!;
    for (let c = 0; c < k; c++) total += V[a]![c]!;
  }
  const itemRest = all.map((j) => {
    if (n < 2) return NaN;
    let row = 0;
    for (let c = 0; c < k; c++) row += V[j]![c]!;
    const vj = V[j]![j]!;
    const cov = row - vj;
    const vr = total - 2 * row + vj;
    return vj > 0 && vr > tiny(diag) ? cov / Math.sqrt(vj * vr) : NaN;
  });
  return {
    k,
    n,
    excluded: b.rows - n,
    alpha: n >= 2 ? raw(all) : NaN,
    standardizedAlpha: k >= 2 && n >= 2 ? (k * rbar) / (1 + (k - 1) * rbar) : NaN,
    meanInterItemR: rbar,
    itemVariances: all.map((j) => V[j]![j]!),
    totalVariance: n >= 2 ? total : NaN,
    alphaIfDeleted: all.map((j) => (k > 2 && n >= 2 ? raw(all.filter((i) => i !== j)) : NaN)),
    itemRestR: itemRest,
  };
}

/** A variance this small next to the item variances is zero up to the rounding of the sums. */
const tiny = (scale: number) => 1e-12 * Math.abs(scale);
