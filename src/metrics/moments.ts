// Moment matrices: the sufficient statistics of means, variances, correlations, standardized regression
// (key drivers) and Cronbach's α (METHODS.md §4, §5.1). A block holds, over the complete rows of a set of
// variables (listwise: every variable present, and a weight > 0 when weighted), the count, Σw, Σw·z and
// Σw·z·zᵀ of z = (x − shift) / scale, with each variable's min and max. The built-in engine fills a block
// from its columns in two passes (shift = the weighted mean, so the sums are centred as in a two-pass
// variance; scale = max|x| for columns so large that x² would overflow); DuckDB, PostgreSQL or a warehouse
// fill it with one aggregate query (shift 0, scale 1). Every estimate reads only the block. Pure.

export interface MomentBlock {
  /** Variable names (column ids), in order. */
  vars: string[];
  /** Rows considered, complete or not. */
  rows: number;
  /** Complete rows. */
  n: number;
  /** Σw over the complete rows (= n when unweighted). */
  sw: number;
  weighted: boolean;
  shift: number[];
  scale: number[];
  /** Σw·z per variable. */
  sum: number[];
  /** Σw·z_a·z_b (symmetric p × p). */
  cross: number[][];
  /** Smallest and largest x per variable over the complete rows (NaN when n = 0). */
  min: number[];
  max: number[];
}

/** A block from raw sums (what an engine's aggregate query returns): shift 0, scale 1. */
export function blockFromSums(vars: string[], s: { rows: number; n: number; sw: number; weighted: boolean; sum: number[]; cross: number[][]; min: number[]; max: number[] }): MomentBlock {
  const p = vars.length;
  return { vars, ...s, shift: new Array<number>(p).fill(0), scale: new Array<number>(p).fill(1) };
}

/**
 * The block of `cols` (each of length rows; NaN = missing) over the rows where every column is finite and,
 * with `weights`, the weight is > 0 and finite.
 */
export function momentsOf(vars: string[], cols: ArrayLike<number>[], weights?: ArrayLike<number>): MomentBlock {
  const p = cols.length;
  const rows = p ? cols[0]!.length : 0;
  const ok = new Uint8Array(rows);
  let n = 0;
  let sw = 0;
  const mean = new Array<number>(p).fill(0);
  const min = new Array<number>(p).fill(Infinity);
  const max = new Array<number>(p).fill(-Infinity);
  const big = new Array<number>(p).fill(0);
  for (let i = 0; i < rows; i++) {
    if (weights) {
      const w = weights[i]!;
      if (!(w > 0) || !Number.isFinite(w)) continue;
    }
    let complete = true;
    for (let j = 0; j < p; j++) {
      if (!Number.isFinite(cols[j]![i]!)) {
        complete = false;
        break;
      }
    }
    if (!complete) continue;
    ok[i] = 1;
    n++;
    sw += weights ? weights[i]! : 1;
    for (let j = 0; j < p; j++) {
      const x = cols[j]![i]!;
      if (x < min[j]!) min[j] = x;
      if (x > max[j]!) max[j] = x;
      if (Math.abs(x) > big[j]!) big[j] = Math.abs(x);
    }
  }
  const scale = big.map((m) => (m > 1e100 ? m : 1));
  // Pass 1: weighted means of z (the shift).
  for (let i = 0; i < rows; i++) {
    if (!ok[i]) continue;
    const w = weights ? weights[i]! : 1;
    for (let j = 0; j < p; j++) mean[j]! += w * (cols[j]![i]! / scale[j]!);
  }
  const shift = mean.map((s, j) => (sw > 0 ? (s / sw) * scale[j]! : 0));
  // Pass 2: centred sums.
  const sum = new Array<number>(p).fill(0);
  const cross = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const z = new Float64Array(p);
  for (let i = 0; i < rows; i++) {
    if (!ok[i]) continue;
    const w = weights ? weights[i]! : 1;
    for (let j = 0; j < p; j++) z[j] = (cols[j]![i]! - shift[j]!) / scale[j]!;
    for (let a = 0; a < p; a++) {
      const wa = w * z[a]!;
      sum[a]! += wa;
      const row = cross[a]!;
      for (let b = a; b < p; b++) row[b]! += wa * z[b]!;
    }
  }
  for (let a = 0; a < p; a++) for (let b = 0; b < a; b++) cross[a]![b] = cross[b]![a]!;
  return {
    vars,
    rows,
    n,
    sw,
    weighted: Boolean(weights),
    shift,
    scale,
    sum,
    cross,
    min: min.map((v) => (n ? v : NaN)),
    max: max.map((v) => (n ? v : NaN)),
  };
}

/** The sub-block of some variables (by index): the moments of a subset need no second pass. */
export function subBlock(b: MomentBlock, idx: number[]): MomentBlock {
  return {
    ...b,
    vars: idx.map((j) => b.vars[j]!),
    shift: idx.map((j) => b.shift[j]!),
    scale: idx.map((j) => b.scale[j]!),
    sum: idx.map((j) => b.sum[j]!),
    cross: idx.map((a) => idx.map((c) => b.cross[a]![c]!)),
    min: idx.map((j) => b.min[j]!),
    max: idx.map((j) => b.max[j]!),
  };
}

/** Weighted means of the variables. */
export function blockMeans(b: MomentBlock): number[] {
  return b.sum.map((s, j) => b.shift[j]! + b.scale[j]! * (s / b.sw));
}

/**
 * Centred sums of squares and cross-products of z, Σw(z_a − z̄_a)(z_b − z̄_b), in the scaled units (a
 * correlation does not depend on the scale; a variance multiplies by scale²). A variable that has one value
 * on every complete row gets exactly 0 (its min equals its max), whatever the rounding of the sums.
 */
export function centredSscp(b: MomentBlock): number[][] {
  const p = b.vars.length;
  const flat = b.min.map((m, j) => m === b.max[j]);
  return Array.from({ length: p }, (_, a) =>
    Array.from({ length: p }, (_, c) => (flat[a] || flat[c] ? 0 : b.cross[a]![c]! - (b.sum[a]! * b.sum[c]!) / b.sw)),
  );
}

/** Correlation matrix of the block (NaN where a variable has no variance). */
export function blockCorrelation(b: MomentBlock): number[][] {
  const c = centredSscp(b);
  return c.map((row, a) => row.map((v, k) => (a === k ? (c[a]![a]! > 0 ? 1 : NaN) : v / Math.sqrt(c[a]![a]! * c[k]![k]!))));
}

/** Sample covariance matrix (unweighted blocks: divisor n − 1), in the variables' own units. */
export function blockCovariance(b: MomentBlock): number[][] {
  const c = centredSscp(b);
  return c.map((row, a) => row.map((v, k) => (b.n >= 2 ? (v * b.scale[a]! * b.scale[k]!) / (b.n - 1) : NaN)));
}

/** Adds two blocks of the same variables (e.g. from two partitions); both must be raw sums (shift 0, scale 1). */
export function addBlocks(a: MomentBlock, b: MomentBlock): MomentBlock {
  const raw = (x: MomentBlock) => x.shift.every((s) => s === 0) && x.scale.every((s) => s === 1);
  if (!raw(a) || !raw(b)) throw new Error('addBlocks: only raw-sum blocks can be added');
  return {
    ...a,
    rows: a.rows + b.rows,
    n: a.n + b.n,
    sw: a.sw + b.sw,
    sum: a.sum.map((s, j) => s + b.sum[j]!),
    cross: a.cross.map((r, i) => r.map((s, j) => s + b.cross[i]![j]!)),
    min: a.min.map((m, j) => (a.n === 0 ? b.min[j]! : b.n === 0 ? m : Math.min(m, b.min[j]!))),
    max: a.max.map((m, j) => (a.n === 0 ? b.max[j]! : b.n === 0 ? m : Math.max(m, b.max[j]!))),
  };
}
