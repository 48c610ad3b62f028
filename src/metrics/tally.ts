// Weighted histograms over an integer scale: the one-pass accumulator behind every NPS/CSAT/CES cell.
// One pass over the rows fills count/Σw/Σw² per (cell, scale point); every statistic (shares, means,
// variances, Kish n_eff, linearization SE) is then computed exactly from the k bins of each cell.

export interface Tally {
  /** Scale minimum: bin j holds the value min + j. */
  min: number;
  /** Number of scale points (max − min + 1). */
  k: number;
  /** Unweighted responses per scale point. */
  count: Float64Array;
  /** Σw per scale point. */
  wsum: Float64Array;
  /** Σw² per scale point. */
  w2sum: Float64Array;
  /** True when weights were given (changes the SE method). */
  weighted: boolean;
}

/** Many cells at once, stored contiguously: cell c, scale point j at index c·k + j. */
export interface TallySet {
  min: number;
  k: number;
  cells: number;
  count: Float64Array;
  wsum: Float64Array;
  w2sum: Float64Array;
  weighted: boolean;
}

export function newTallySet(min: number, max: number, cells: number, weighted: boolean): TallySet {
  const k = max - min + 1;
  return {
    min,
    k,
    cells,
    count: new Float64Array(cells * k),
    wsum: new Float64Array(cells * k),
    w2sum: new Float64Array(cells * k),
    weighted,
  };
}

/** Adds one response with value v (an integer on the scale) and weight w to cell c. */
export function addTo(t: TallySet, c: number, v: number, w: number): void {
  const i = c * t.k + (v - t.min);
  t.count[i]! += 1;
  t.wsum[i]! += w;
  t.w2sum[i]! += w * w;
}

/** A view of one cell (no copy). */
export function cellOf(t: TallySet, c: number): Tally {
  const a = c * t.k;
  const b = a + t.k;
  return {
    min: t.min,
    k: t.k,
    count: t.count.subarray(a, b),
    wsum: t.wsum.subarray(a, b),
    w2sum: t.w2sum.subarray(a, b),
    weighted: t.weighted,
  };
}

/** Sum of several cells into a new tally (e.g. "everyone except this segment"). */
export function sumCells(t: TallySet, cells: Iterable<number>): Tally {
  const out = emptyTally(t.min, t.min + t.k - 1, t.weighted);
  for (const c of cells) {
    const a = c * t.k;
    for (let j = 0; j < t.k; j++) {
      out.count[j]! += t.count[a + j]!;
      out.wsum[j]! += t.wsum[a + j]!;
      out.w2sum[j]! += t.w2sum[a + j]!;
    }
  }
  return out;
}

export function emptyTally(min: number, max: number, weighted: boolean): Tally {
  const k = max - min + 1;
  return { min, k, count: new Float64Array(k), wsum: new Float64Array(k), w2sum: new Float64Array(k), weighted };
}

/** a − b, bin by bin (the rest of the sample = total − segment). */
export function subtractTally(a: Tally, b: Tally): Tally {
  const out = emptyTally(a.min, a.min + a.k - 1, a.weighted);
  for (let j = 0; j < a.k; j++) {
    out.count[j] = a.count[j]! - b.count[j]!;
    out.wsum[j] = a.wsum[j]! - b.wsum[j]!;
    out.w2sum[j] = a.w2sum[j]! - b.w2sum[j]!;
  }
  return out;
}

/**
 * Builds a tally from raw values (and optional weights). Values must already be valid integers on
 * [min, max]; anything else (NaN, out of range, non-integer, missing or negative weight) is skipped.
 */
export function tallyOf(values: ArrayLike<number>, min: number, max: number, weights?: ArrayLike<number>): Tally {
  const t = emptyTally(min, max, weights !== undefined);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!(v >= min && v <= max) || Math.floor(v) !== v) continue;
    const w = weights ? weights[i]! : 1;
    if (!(w >= 0)) continue;
    const j = v - min;
    t.count[j]! += 1;
    t.wsum[j]! += w;
    t.w2sum[j]! += w * w;
  }
  return t;
}

export interface TallySummary {
  /** Unweighted responses. */
  n: number;
  /** Σw (= n unweighted). */
  sumW: number;
  sumW2: number;
  /** Kish n_eff (= n unweighted). */
  nEff: number;
  /** (Weighted) mean of the scale values. */
  mean: number;
  /** Standard deviation: √(Σw(x−x̄)²/Σw · n_eff/(n_eff−1)); the usual n−1 SD when unweighted. */
  sd: number;
}

export function summarize(t: Tally): TallySummary {
  let n = 0;
  let W = 0;
  let W2 = 0;
  let sx = 0;
  for (let j = 0; j < t.k; j++) {
    n += t.count[j]!;
    W += t.wsum[j]!;
    W2 += t.w2sum[j]!;
    sx += t.wsum[j]! * (t.min + j);
  }
  const mean = W > 0 ? sx / W : NaN;
  let ss = 0;
  for (let j = 0; j < t.k; j++) {
    const dv = t.min + j - mean;
    ss += t.wsum[j]! * dv * dv;
  }
  const nEff = t.weighted ? (W2 > 0 ? (W * W) / W2 : 0) : n;
  const sd = nEff > 1 ? Math.sqrt((ss / W) * (nEff / (nEff - 1))) : NaN;
  return { n, sumW: W, sumW2: W2, nEff, mean, sd };
}

/** Weighted share (Σw over the scale points where pred(value) holds) / Σw, and the unweighted count. */
export function share(t: Tally, pred: (v: number) => boolean): { count: number; share: number } {
  let c = 0;
  let w = 0;
  let W = 0;
  for (let j = 0; j < t.k; j++) {
    W += t.wsum[j]!;
    if (pred(t.min + j)) {
      c += t.count[j]!;
      w += t.wsum[j]!;
    }
  }
  return { count: c, share: W > 0 ? w / W : NaN };
}

/**
 * Linearization (Taylor) SE of the weighted mean of a per-response score y = score(value), as
 * survey::svymean with ids=~1: SE² = n/(n−1)·Σ w_i²(y_i − ȳ)²/(Σw)².
 */
export function linearizedSe(t: Tally, score: (v: number) => number): number {
  let n = 0;
  let W = 0;
  let sy = 0;
  for (let j = 0; j < t.k; j++) {
    n += t.count[j]!;
    W += t.wsum[j]!;
    sy += t.wsum[j]! * score(t.min + j);
  }
  if (n < 2 || !(W > 0)) return NaN;
  const ybar = sy / W;
  let s = 0;
  for (let j = 0; j < t.k; j++) {
    const d = score(t.min + j) - ybar;
    s += t.w2sum[j]! * d * d;
  }
  return Math.sqrt(((n / (n - 1)) * s) / (W * W));
}

/** Unweighted counts per scale point as { "value": count } (only points with responses). */
export function countsRecord(t: Tally): Record<string, number> {
  const out: Record<string, number> = {};
  for (let j = 0; j < t.k; j++) if (t.count[j]! > 0) out[String(t.min + j)] = t.count[j]!;
  return out;
}
