// Crosstabs (METHODS.md §5.3): counts, column %, Pearson χ² (df, p, Cramér's V, expected-count
// warnings, Yates for 2×2 as an extra) and SPSS-style column-proportion letters (pairwise z-tests with
// Bonferroni inside each row; columns with base < 2 and cells with proportion 0 or 1 are not tested). Pure.
import { chi2Sf, twoSidedP } from './distributions.js';

export interface Chi2Result {
  chi2: number;
  df: number;
  p: number;
  cramersV: number;
  /** Yates-corrected χ² and p (2×2 tables only). */
  yates?: { chi2: number; p: number };
  /** Share of expected counts below 5, and whether any is below 1 (χ² unreliable when > 20% or any). */
  expectedBelow5: number;
  expectedBelow1: boolean;
  warning: boolean;
}

/** Pearson χ² test of independence on a table of counts (empty rows/columns are ignored). */
export function chiSquare(counts: number[][]): Chi2Result {
  const rowsT = counts.map((r) => r.reduce((s, x) => s + x, 0));
  const nc = counts[0]?.length ?? 0;
  const colsT = Array.from({ length: nc }, (_, j) => counts.reduce((s, r) => s + r[j]!, 0));
  const N = rowsT.reduce((s, x) => s + x, 0);
  const ri = rowsT.map((t, i) => (t > 0 ? i : -1)).filter((i) => i >= 0);
  const cj = colsT.map((t, j) => (t > 0 ? j : -1)).filter((j) => j >= 0);
  let chi2 = 0;
  let below5 = 0;
  let below1 = false;
  const is2x2 = ri.length === 2 && cj.length === 2;
  let yates = 0;
  for (const i of ri)
    for (const j of cj) {
      const e = (rowsT[i]! * colsT[j]!) / N;
      const o = counts[i]![j]!;
      chi2 += ((o - e) * (o - e)) / e;
      if (is2x2) {
        const d = Math.max(0, Math.abs(o - e) - 0.5);
        yates += (d * d) / e;
      }
      if (e < 5) below5++;
      if (e < 1) below1 = true;
    }
  const df = (ri.length - 1) * (cj.length - 1);
  const cells = ri.length * cj.length;
  const m = Math.min(ri.length, cj.length) - 1;
  const share = cells ? below5 / cells : NaN;
  return {
    chi2: df > 0 ? chi2 : NaN,
    df,
    p: df > 0 ? chi2Sf(chi2, df) : NaN,
    cramersV: df > 0 && m > 0 ? Math.sqrt(chi2 / (N * m)) : NaN,
    ...(is2x2 ? { yates: { chi2: yates, p: chi2Sf(yates, 1) } } : {}),
    expectedBelow5: share,
    expectedBelow1: below1,
    warning: share > 0.2 || below1,
  };
}

/** Column letters A, B, …, Z, AA, AB, … */
export function columnLetter(j: number): string {
  let s = '';
  let k = j;
  do {
    s = String.fromCharCode(65 + (k % 26)) + s;
    k = Math.floor(k / 26) - 1;
  } while (k >= 0);
  return s;
}

export interface PairTest {
  row: number;
  i: number;
  j: number;
  z: number;
  p: number;
  /** Bonferroni-adjusted p (p × comparisons in the row, capped at 1). */
  pAdj: number;
  significant: boolean;
}

export interface ColumnProportionResult {
  /** letters[row][col]: the letters of the columns this cell's proportion is significantly larger than. */
  letters: string[][];
  tests: PairTest[];
  alpha: number;
  bonferroni: boolean;
}

/**
 * Pairwise column-proportion z-tests per row (IBM SPSS Algorithms; expss compare_proportions):
 * p̂ = (x_i + x_j)/(n_i + n_j), z = (p_i − p_j)/√(p̂(1−p̂)(1/n_i + 1/n_j)), p = 2(1 − Φ(|z|)).
 */
export function columnProportionTests(
  counts: number[][],
  colTotals: number[],
  opts: { alpha?: number; bonferroni?: boolean } = {},
): ColumnProportionResult {
  const alpha = opts.alpha ?? 0.05;
  const bonferroni = opts.bonferroni ?? true;
  const letters = counts.map((r) => r.map(() => ''));
  const tests: PairTest[] = [];
  counts.forEach((row, r) => {
    const prop = row.map((x, j) => x / colTotals[j]!);
    const testable = row.map((_, j) => j).filter((j) => colTotals[j]! >= 2 && prop[j]! > 0 && prop[j]! < 1);
    const k = testable.length;
    const m = (k * (k - 1)) / 2;
    const won: string[][] = row.map(() => []);
    for (let a = 0; a < k; a++)
      for (let b = a + 1; b < k; b++) {
        const i = testable[a]!;
        const j = testable[b]!;
        const ni = colTotals[i]!;
        const nj = colTotals[j]!;
        const ph = (row[i]! + row[j]!) / (ni + nj);
        const z = (prop[i]! - prop[j]!) / Math.sqrt(ph * (1 - ph) * (1 / ni + 1 / nj));
        const p = twoSidedP(z);
        const pAdj = bonferroni ? Math.min(1, p * m) : p;
        const significant = pAdj < alpha;
        tests.push({ row: r, i, j, z, p, pAdj, significant });
        if (significant) {
          if (z > 0) won[i]!.push(columnLetter(j));
          else won[j]!.push(columnLetter(i));
        }
      }
    won.forEach((ls, j) => (letters[r]![j] = ls.sort().join('')));
  });
  return { letters, tests, alpha, bonferroni };
}

export interface CrosstabResult {
  rows: string;
  cols: string;
  rowLevels: string[];
  colLevels: string[];
  /** counts[row][col] */
  counts: number[][];
  rowTotals: number[];
  colTotals: number[];
  total: number;
  /** Column percentages (0–100). */
  colPct: number[][];
  /** Rows where either variable was missing. */
  missing: number;
  chi2: Chi2Result;
  /** SPSS-style letters: columns are lettered A, B, … in colLevels order. */
  columnLetters: string[];
  letters: string[][];
  tests: PairTest[];
  alpha: number;
  bonferroni: boolean;
  method: string;
}

export function levelsOf(values: (string | null)[], order?: string[]): string[] {
  const seen = new Set<string>();
  for (const v of values) if (v != null && v !== '') seen.add(v);
  const found = [...seen];
  if (order) return [...order.filter((o) => seen.has(o)), ...found.filter((f) => !order.includes(f))];
  const allNum = found.every((f) => f.trim() !== '' && Number.isFinite(Number(f)));
  return allNum ? found.sort((a, b) => Number(a) - Number(b)) : found.sort((a, b) => a.localeCompare(b));
}

/** Crosstab of two categorical variables (null/empty = missing, dropped). */
export function crosstab(
  rowValues: (string | null)[],
  colValues: (string | null)[],
  opts: CrosstabOptions = {},
): CrosstabResult {
  return crosstabFromCounts(pairCounts(rowValues, colValues), rowValues.length, opts);
}

export interface CrosstabOptions {
  rowName?: string;
  colName?: string;
  rowOrder?: string[];
  colOrder?: string[];
  alpha?: number;
  bonferroni?: boolean;
  /** Answer text → label (a coded column's choice labels), applied to each distinct text. */
  rowLabel?: (text: string) => string;
  colLabel?: (text: string) => string;
}

// ---- statistics → estimate (DESIGN.md §8) ----------------------------------------------------------------
// A crosstab needs the count of each (row answer text, column answer text) pair, missing (NULL) included so
// that the rows left out are counted. The built-in store, DuckDB, PostgreSQL or a warehouse
// (src/engine/counts-sql.ts) produce the counts; crosstabFromCounts is the one estimate.

export interface TabCell {
  row: string | null;
  col: string | null;
  n: number;
}

/** Counts of (row, column) pairs in the order each pair is first seen. */
export function pairCounts(rowValues: (string | null)[], colValues: (string | null)[], mask?: Uint8Array): TabCell[] {
  const byRow = new Map<string | null, Map<string | null, TabCell>>();
  const out: TabCell[] = [];
  for (let i = 0; i < rowValues.length; i++) {
    if (mask && !mask[i]) continue;
    const r = rowValues[i] ?? null;
    const c = colValues[i] ?? null;
    let m = byRow.get(r);
    if (!m) byRow.set(r, (m = new Map()));
    let cell = m.get(c);
    if (!cell) {
      m.set(c, (cell = { row: r, col: c, n: 0 }));
      out.push(cell);
    }
    cell.n++;
  }
  return out;
}

/** A coded column's choice labels: text → label (unchanged when not a code), and the choices' order. */
export function choiceLabels(choices?: { code: string; label: string }[]): { label: (text: string) => string; order?: string[] } {
  const m = new Map((choices ?? []).map((ch) => [ch.code, ch.label]));
  return { label: (t) => m.get(t) ?? t, order: choices?.map((ch) => ch.label) };
}

/**
 * The estimate from counts. `cells` in first-seen order keep the built-in level order for values outside a
 * question's choices; `nRows` = all rows considered (for `missing`).
 */
export function crosstabFromCounts(cells: TabCell[], nRows: number, opts: CrosstabOptions = {}): CrosstabResult {
  const rl = opts.rowLabel ?? ((x: string) => x);
  const cl = opts.colLabel ?? ((x: string) => x);
  const kept: { r: string; c: string; n: number }[] = [];
  for (const x of cells) {
    if (x.row == null || x.col == null) continue;
    const r = rl(x.row);
    const c = cl(x.col);
    if (r === '' || c === '') continue;
    kept.push({ r, c, n: x.n });
  }
  const rowLevels = levelsOf(kept.map((k) => k.r), opts.rowOrder);
  const colLevels = levelsOf(kept.map((k) => k.c), opts.colOrder);
  const ri = new Map(rowLevels.map((l, i) => [l, i]));
  const ci = new Map(colLevels.map((l, i) => [l, i]));
  const counts = rowLevels.map(() => colLevels.map(() => 0));
  let total = 0;
  for (const k of kept) {
    counts[ri.get(k.r)!]![ci.get(k.c)!]! += k.n;
    total += k.n;
  }
  const rowTotals = counts.map((r) => r.reduce((s, x) => s + x, 0));
  const colTotals = colLevels.map((_, j) => counts.reduce((s, r) => s + r[j]!, 0));
  const cp = columnProportionTests(counts, colTotals, opts);
  return {
    rows: opts.rowName ?? 'rows',
    cols: opts.colName ?? 'cols',
    rowLevels,
    colLevels,
    counts,
    rowTotals,
    colTotals,
    total,
    colPct: counts.map((r) => r.map((x, j) => (colTotals[j] ? (100 * x) / colTotals[j]! : NaN))),
    missing: nRows - total,
    chi2: chiSquare(counts),
    columnLetters: colLevels.map((_, j) => columnLetter(j)),
    letters: cp.letters,
    tests: cp.tests,
    alpha: cp.alpha,
    bonferroni: cp.bonferroni,
    method:
      `Pearson χ² (no continuity correction; Yates given for 2×2); column proportions compared with two-sided z-tests at α = ${cp.alpha}` +
      (cp.bonferroni ? ', Bonferroni-adjusted within each row' : '') +
      '; a letter marks a column whose proportion is significantly smaller (SPSS convention)',
  };
}
