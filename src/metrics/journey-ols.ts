// Ordinary least squares from cross-products (X'X, X'y, y'y, n) by the sweep operator (Goodnight 1979):
// no rows needed, so any engine that can sum can feed it (DESIGN.md §8). Column 0 must be the intercept.
// Columns that are constant (an empty band, or a band every row is in) or an exact linear combination of
// earlier columns are dropped (coefficient 0, reported) instead of making the system singular. Pure.
import { tTwoSidedP } from './distributions.js';

export type DropReason = 'empty' | 'constant' | 'aliased';

export interface OlsFit {
  n: number;
  /** Estimated columns, intercept included. */
  rank: number;
  df: number;
  beta: number[];
  se: number[];
  t: number[];
  p: number[];
  /** Variance inflation factor of each non-intercept column (NaN for dropped ones and the intercept). */
  vif: number[];
  /** Why a column was left out of the model, or null. */
  dropped: (DropReason | null)[];
  rss: number;
  tss: number;
  r2: number;
  sigma2: number;
  /** (X'X)⁻¹ of the estimated columns, as a full k×k matrix with zeros for dropped columns. */
  inv: Float64Array;
}

const REL_TOL = 1e-9;

/**
 * Fits y on the k columns whose cross-products are given: `xtx` k×k row-major (symmetric), `xty` (k),
 * `yty` = Σy², `n` rows. xtx[0] must be the intercept column (xtx[0][0] = n).
 */
export function olsFromCrossProducts(xtx: ArrayLike<number>, xty: ArrayLike<number>, yty: number, n: number, k: number): OlsFit {
  const K = k + 1; // augmented with y
  const A = new Float64Array(K * K);
  for (let r = 0; r < k; r++) {
    for (let c = 0; c < k; c++) A[r * K + c] = xtx[r * k + c]!;
    A[r * K + k] = xty[r]!;
    A[k * K + r] = xty[r]!;
  }
  A[k * K + k] = yty;
  const dropped: (DropReason | null)[] = new Array(k).fill(null);
  const centred = new Float64Array(k);
  const sumY = xty[0]!;
  for (let c = 1; c < k; c++) {
    const d = xtx[c * k + c]!;
    const s = xtx[c]!; // Σx_c (row 0 is the intercept)
    centred[c] = n > 0 ? d - (s * s) / n : 0;
    if (d === 0) dropped[c] = 'empty';
    else if (!(centred[c]! > REL_TOL * d)) dropped[c] = 'constant';
  }
  const swept = new Uint8Array(k);
  const sweep = (c: number) => {
    const d = A[c * K + c]!;
    for (let i = 0; i < K; i++) {
      if (i === c) continue;
      const aic = A[i * K + c]!;
      if (aic === 0) continue;
      const f = aic / d;
      for (let j = 0; j < K; j++) {
        if (j === c) continue;
        A[i * K + j]! -= f * A[c * K + j]!;
      }
    }
    for (let i = 0; i < K; i++) {
      if (i === c) continue;
      A[i * K + c] = A[i * K + c]! / d;
      A[c * K + i] = A[c * K + i]! / d;
    }
    A[c * K + c] = -1 / d;
    swept[c] = 1;
  };
  if (n > 0) sweep(0);
  for (let c = 1; c < k; c++) {
    if (dropped[c]) continue;
    const pivot = A[c * K + c]!;
    // After the earlier sweeps the pivot is the residual sum of squares of column c on the earlier columns.
    if (!(pivot > REL_TOL * Math.max(centred[c]!, 1e-300))) {
      dropped[c] = 'aliased';
      continue;
    }
    sweep(c);
  }
  let rank = 0;
  for (let c = 0; c < k; c++) rank += swept[c]!;
  const df = n - rank;
  const rss = Math.max(A[k * K + k]!, 0);
  const tss = n > 0 ? yty - (sumY * sumY) / n : NaN;
  const sigma2 = df > 0 ? rss / df : NaN;
  const inv = new Float64Array(k * k);
  for (let r = 0; r < k; r++) {
    if (!swept[r]) continue;
    for (let c = 0; c < k; c++) if (swept[c]) inv[r * k + c] = -A[r * K + c]!;
  }
  const beta: number[] = [];
  const se: number[] = [];
  const t: number[] = [];
  const p: number[] = [];
  const vif: number[] = [];
  for (let c = 0; c < k; c++) {
    if (!swept[c]) {
      beta.push(0);
      se.push(NaN);
      t.push(NaN);
      p.push(NaN);
      vif.push(NaN);
      continue;
    }
    const b = A[c * K + k]!;
    const s = Math.sqrt(sigma2 * inv[c * k + c]!);
    beta.push(b);
    se.push(s);
    const tt = s > 0 ? b / s : NaN;
    t.push(tt);
    p.push(df > 0 ? tTwoSidedP(tt, df) : NaN);
    vif.push(c === 0 ? NaN : inv[c * k + c]! * centred[c]!);
  }
  return { n, rank, df, beta, se, t, p, vif, dropped, rss, tss, r2: tss > 0 ? 1 - rss / tss : NaN, sigma2, inv };
}
