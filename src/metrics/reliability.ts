// Cronbach's α, raw and standardized, with α-if-deleted and corrected item–total correlations
// (METHODS.md §5.1). Rows with any missing item are dropped (listwise). Pure.

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

function variance(xs: number[]): number {
  const n = xs.length;
  if (n < 2) return NaN;
  let m = 0;
  for (const x of xs) m += x;
  m /= n;
  let s = 0;
  for (const x of xs) s += (x - m) * (x - m);
  return s / (n - 1);
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

function rawAlpha(cols: number[][]): number {
  const k = cols.length;
  if (k < 2) return NaN;
  const n = cols[0]!.length;
  const total = Array.from({ length: n }, (_, i) => cols.reduce((s, c) => s + c[i]!, 0));
  const vt = variance(total);
  if (!(vt > 0)) return NaN;
  const sv = cols.reduce((s, c) => s + variance(c), 0);
  return (k / (k - 1)) * (1 - sv / vt);
}

/**
 * Cronbach's α of `rows` (respondents × items; NaN = missing). Undefined values (k < 2, n < 2, zero
 * total variance) come back as NaN.
 */
export function cronbachAlpha(rows: ArrayLike<number>[]): AlphaResult {
  const k = rows.length ? rows[0]!.length : 0;
  const kept = rows.filter((r) => {
    for (let j = 0; j < k; j++) if (!Number.isFinite(r[j]!)) return false;
    return true;
  });
  const n = kept.length;
  const cols = Array.from({ length: k }, (_, j) => kept.map((r) => r[j]!));
  const total = kept.map((r) => {
    let s = 0;
    for (let j = 0; j < k; j++) s += r[j]!;
    return s;
  });
  let rsum = 0;
  let rcount = 0;
  for (let a = 0; a < k; a++)
    for (let b = a + 1; b < k; b++) {
      rsum += correlation(cols[a]!, cols[b]!);
      rcount++;
    }
  const rbar = rcount ? rsum / rcount : NaN;
  return {
    k,
    n,
    excluded: rows.length - n,
    alpha: n >= 2 ? rawAlpha(cols) : NaN,
    standardizedAlpha: k >= 2 && n >= 2 ? (k * rbar) / (1 + (k - 1) * rbar) : NaN,
    meanInterItemR: rbar,
    itemVariances: cols.map(variance),
    totalVariance: variance(total),
    alphaIfDeleted: cols.map((_, j) => (k > 2 && n >= 2 ? rawAlpha(cols.filter((_, i) => i !== j)) : NaN)),
    itemRestR: cols.map((c, j) => correlation(c, total.map((t, i) => t - cols[j]![i]!))),
  };
}
