// Sufficient statistics of a journey (PRCA) analysis, DESIGN.md §8: everything the estimate needs, as sums
// over rows that add up across cells (segments, periods, engines). Estimates (journey.ts) never see rows.
//
// Per cell, for p touchpoints and the dummy design D = [1, L_1, H_1, …, L_p, H_p] (k = 1 + 2p):
//   listwise (rows with the outcome and every touchpoint): n, D'D (k×k), D'y, y'y; the raw ratings' sums and
//   cross-products with y (for Johnson's relative weights, m = p + 1); value counts per touchpoint;
//   pairwise (rows with the outcome and touchpoint j): n, Σy, Σy² per band (low, reference, high) and value
//   counts, for per-touchpoint models and per-touchpoint scores.
// Pure; no I/O.

/** Band of each scale point: 0 = low, 1 = reference (middle), 2 = high. */
export type BandCode = 0 | 1 | 2;

export interface TouchpointScale {
  min: number;
  max: number;
  /** bands[v − min] for every scale point v. */
  bands: Uint8Array;
}

export interface JourneyStats {
  p: number;
  /** Scale points per touchpoint (max − min + 1). */
  points: number[];
  // ---- listwise ----
  n: number;
  /** D'D, row-major k×k (both triangles filled by `finishStats`). */
  dtd: Float64Array;
  /** D'y (k). */
  dty: Float64Array;
  yty: number;
  /** Raw ratings then y (m = p + 1): sums and the m×m cross-product matrix (upper triangle, then mirrored). */
  rawSum: Float64Array;
  rawCross: Float64Array;
  /** Value counts per touchpoint on the listwise rows (index v − min). */
  counts: Float64Array[];
  // ---- pairwise, per touchpoint: [low, ref, high] ----
  pwN: Float64Array[];
  pwSy: Float64Array[];
  pwSyy: Float64Array[];
  /** Value counts per touchpoint on rows with this touchpoint and the outcome. */
  pwCounts: Float64Array[];
}

export function emptyStats(scales: TouchpointScale[]): JourneyStats {
  const p = scales.length;
  const k = 1 + 2 * p;
  const m = p + 1;
  const points = scales.map((s) => s.max - s.min + 1);
  return {
    p,
    points,
    n: 0,
    dtd: new Float64Array(k * k),
    dty: new Float64Array(k),
    yty: 0,
    rawSum: new Float64Array(m),
    rawCross: new Float64Array(m * m),
    counts: points.map((n) => new Float64Array(n)),
    pwN: scales.map(() => new Float64Array(3)),
    pwSy: scales.map(() => new Float64Array(3)),
    pwSyy: scales.map(() => new Float64Array(3)),
    pwCounts: points.map((n) => new Float64Array(n)),
  };
}

/** a += b (cells are additive). */
export function addStats(a: JourneyStats, b: JourneyStats): void {
  a.n += b.n;
  a.yty += b.yty;
  const add = (x: Float64Array, y: Float64Array) => {
    for (let i = 0; i < x.length; i++) x[i]! += y[i]!;
  };
  add(a.dtd, b.dtd);
  add(a.dty, b.dty);
  add(a.rawSum, b.rawSum);
  add(a.rawCross, b.rawCross);
  for (let j = 0; j < a.p; j++) {
    add(a.counts[j]!, b.counts[j]!);
    add(a.pwN[j]!, b.pwN[j]!);
    add(a.pwSy[j]!, b.pwSy[j]!);
    add(a.pwSyy[j]!, b.pwSyy[j]!);
    add(a.pwCounts[j]!, b.pwCounts[j]!);
  }
}

/** Mirrors the upper triangles into the lower ones (call once, after all rows are in). */
export function finishStats(s: JourneyStats): JourneyStats {
  const sym = (a: Float64Array, k: number) => {
    for (let r = 0; r < k; r++) for (let c = r + 1; c < k; c++) a[c * k + r] = a[r * k + c]!;
  };
  sym(s.dtd, 1 + 2 * s.p);
  sym(s.rawCross, s.p + 1);
  return s;
}

/**
 * One pass over the rows into per-cell statistics. `y` and `xs[j]` hold NaN for missing; touchpoint values
 * must be whole numbers on their scale (the reader has already turned everything else into NaN).
 * `cell[i]` is the cell of row i (−1: row left out, e.g. by --where). Returns finished stats per cell.
 */
export function accumulate(y: ArrayLike<number>, xs: ArrayLike<number>[], scales: TouchpointScale[], cell: Int32Array, nCells: number): JourneyStats[] {
  const p = scales.length;
  const k = 1 + 2 * p;
  const m = p + 1;
  const cells = Array.from({ length: nCells }, () => emptyStats(scales));
  const nRows = cell.length;
  const band = new Uint8Array(p);
  const vals = new Float64Array(m);
  const nz = new Int32Array(p + 1);
  const mins = scales.map((s) => s.min);
  const lut = scales.map((s) => s.bands);
  for (let i = 0; i < nRows; i++) {
    const c = cell[i]!;
    if (c < 0) continue;
    const yi = y[i]!;
    if (yi !== yi) continue;
    const st = cells[c]!;
    let complete = true;
    for (let j = 0; j < p; j++) {
      const v = xs[j]![i]!;
      if (v !== v) {
        complete = false;
        continue;
      }
      const off = v - mins[j]!;
      const b = lut[j]![off]!;
      band[j] = b;
      vals[j] = v;
      st.pwN[j]![b]! += 1;
      st.pwSy[j]![b]! += yi;
      st.pwSyy[j]![b]! += yi * yi;
      st.pwCounts[j]![off]! += 1;
    }
    if (!complete) continue;
    st.n += 1;
    st.yty += yi * yi;
    // Non-zero columns of this row's dummy design: the intercept and at most one dummy per touchpoint.
    let q = 0;
    nz[q++] = 0;
    for (let j = 0; j < p; j++) {
      const b = band[j]!;
      if (b === 0) nz[q++] = 1 + 2 * j;
      else if (b === 2) nz[q++] = 2 + 2 * j;
      st.counts[j]![vals[j]! - mins[j]!]! += 1;
    }
    const dtd = st.dtd;
    const dty = st.dty;
    for (let a = 0; a < q; a++) {
      const ra = nz[a]! * k;
      dty[nz[a]!]! += yi;
      for (let b = a; b < q; b++) dtd[ra + nz[b]!]! += 1;
    }
    vals[p] = yi;
    const rs = st.rawSum;
    const rc = st.rawCross;
    for (let a = 0; a < m; a++) {
      const va = vals[a]!;
      rs[a]! += va;
      const ra = a * m;
      for (let b = a; b < m; b++) rc[ra + b]! += va * vals[b]!;
    }
  }
  return cells.map(finishStats);
}
