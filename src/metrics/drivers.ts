// Key driver analysis (METHODS.md §4): r, standardized β with p, VIF, Johnson's relative weights,
// LMG/Shapley (≤ 12 drivers), R², adjusted R², F, listwise n, importance–performance quadrants. Pure.
import type { Survey } from '../dataset/types.js';
import { getQuestion } from '../dataset/types.js';
import { readNumbers } from '../dataset/select.js';
import { whereMask } from '../dataset/where.js';
import { checkUnreadable, type Accounting, type Message } from '../dataset/accounting.js';
import { inputError } from '../ui/errors.js';
import { fSf, tTwoSidedP } from './distributions.js';
import { blockCorrelation, blockMeans, momentsOf, type MomentBlock } from './moments.js';
import {
  SHAPLEY_MAX, collinearSets, r2Subset, relativeWeights, shapleyR2, standardizedRegression,
} from './relative-weights.js';

export type Quadrant = 'concentrate' | 'keep-up' | 'low-priority' | 'overkill';
export const QUADRANT_LABELS: Record<Quadrant, { en: string; zh: string }> = {
  concentrate: { en: 'Concentrate here', zh: '重点改进' },
  'keep-up': { en: 'Keep up the good work', zh: '继续保持' },
  'low-priority': { en: 'Low priority', zh: '低优先级' },
  overkill: { en: 'Possible overkill', zh: '可能过度投入' },
};

export interface DriverRow {
  driver: string;
  r: number;
  beta: number;
  /** Two-sided p of β (t with n − p − 1 df). */
  p: number;
  vif: number;
  /** Johnson's relative weight (raw; the weights sum to R²). */
  weight: number;
  /** Relative weight as % of R². */
  weightPct: number;
  /** LMG/Shapley share of R² (null when more than 12 drivers). */
  shapley: number | null;
  shapleyPct: number | null;
  /** R² − R² without this driver (relaimpo `last`). */
  last: number;
  /** β·r (relaimpo `pratt`). */
  pratt: number;
  rank: number;
  /** True when β and r have opposite signs. */
  suppressor: boolean;
  performance: number;
  quadrant: Quadrant;
}

export interface DriversResult {
  outcome: string;
  n: number;
  excluded: number;
  r2: number;
  adjR2: number;
  f: number;
  df1: number;
  df2: number;
  fP: number;
  weighted: boolean;
  drivers: DriverRow[];
  method: { importance: string; performance: string; quadrants: string };
  /** Non-numeric text found in numeric columns (treated as missing). */
  nonNumeric: { column: string; count: number; rows: number[]; values: string[] }[];
  /** Values outside the question's scale, e.g. −99 "don't know" codes (treated as missing). */
  outOfScale: { column: string; count: number; rows: number[]; values: string[] }[];
  /** The accounting rule per column (outcome first, then the drivers); listwise deletion comes after. */
  accounting?: Accounting[];
  /** Unreadable answers left out under --allow-unreadable (or below the 5% limit). */
  unreadableWarnings?: Message[];
}

export interface DriversOptions {
  names?: string[];
  performance?: 'mean' | 'top2';
  /** Scale maximum per driver for top-2-box (defaults to the largest value observed). */
  scaleMax?: number[];
  weights?: ArrayLike<number>;
}

/** Key driver analysis on complete numeric data: y (outcome) and X (n rows × p drivers). */
export function keyDrivers(outcome: string, y: number[], X: number[][], opts: DriversOptions = {}): DriversResult {
  // With no rows at all, the driver count still comes from the names (the error is then "0 complete rows").
  const p = opts.names?.length ?? X[0]?.length ?? 0;
  const cols = Array.from({ length: p }, (_, j) => Float64Array.from(X, (r) => r[j]!));
  return keyDriversColumns(outcome, y, cols, opts);
}

/** Key driver analysis on columns (each of length n; NaN = missing): the moment block, then the estimate. */
export function keyDriversColumns(outcome: string, y: ArrayLike<number>, cols: ArrayLike<number>[], opts: DriversOptions = {}): DriversResult {
  const p = opts.names?.length ?? cols.length;
  const names = opts.names ?? Array.from({ length: p }, (_, j) => `x${j + 1}`);
  if (p < 1) throw inputError('Key driver analysis needs at least one driver column.', '关键驱动分析至少需要一个驱动列。');
  const block = momentsOf([...names, outcome], [...cols, y], opts.weights);
  const performance = opts.performance ?? 'mean';
  let top: number[] | undefined;
  if (performance === 'top2') {
    // Top-2 box: the scale maximum (or the largest value on the analysis rows) and the point below it.
    const thr = names.map((_, j) => (opts.scaleMax?.[j] ?? block.max[j]!) - 1);
    top = names.map(() => 0);
    for (let i = 0; i < y.length; i++) {
      const w = opts.weights ? opts.weights[i]! : 1;
      if (!Number.isFinite(y[i]!) || !(w > 0) || !Number.isFinite(w)) continue;
      let complete = true;
      for (let j = 0; j < p; j++) if (!Number.isFinite(cols[j]![i]!)) complete = false;
      if (!complete) continue;
      for (let j = 0; j < p; j++) if (cols[j]![i]! >= thr[j]!) top[j]! += w;
    }
  }
  return driversFromMoments({ outcome, drivers: names, block, performance, top });
}

/** What key driver analysis needs: the moment block of (drivers…, outcome) and, for top-2 box, Σw in the top two. */
export interface DriversStats {
  outcome: string;
  drivers: string[];
  /** vars = [...drivers, outcome]; complete rows only (listwise), weight > 0 when weighted. */
  block: MomentBlock;
  performance: 'mean' | 'top2';
  /** Σw of complete rows with the driver at the scale maximum or the point below it (top2 only). */
  top?: number[];
}

/** Key driver analysis from the moment block (the estimate every engine shares). */
export function driversFromMoments(st: DriversStats): DriversResult {
  const { outcome, block } = st;
  const names = st.drivers;
  const p = names.length;
  const n = block.n;
  if (n < p + 2) {
    throw inputError(
      `Only ${n} complete rows for ${p} drivers; key driver analysis needs at least ${p + 2} (drop drivers or add data).`,
      `只有 ${n} 行完整数据，${p} 个驱动因素至少需要 ${p + 2} 行（请减少驱动因素或增加数据）。`,
    );
  }
  if (block.min[p] === block.max[p]) {
    throw inputError(
      `Outcome column "${outcome}" has the same value (${block.min[p]}) in every complete row; it cannot be explained.`,
      `结果列 "${outcome}" 在所有完整行中取值相同（${block.min[p]}），无法分析。`,
    );
  }
  const flat = names.filter((_, j) => block.min[j] === block.max[j]);
  if (flat.length) {
    throw inputError(
      `Driver column(s) ${flat.map((s) => `"${s}"`).join(', ')} have zero variance (one value in all ${n} complete rows); remove them with --drivers.`,
      `驱动列 ${flat.map((s) => `"${s}"`).join('、')} 方差为零（${n} 行完整数据取值相同）；请用 --drivers 去掉。`,
    );
  }
  // Correlations are scale-free: the block divides columns with huge values (1e300) by their largest |value|
  // so the sums of squares cannot overflow to Infinity (which would read as r = 0).
  const R = blockCorrelation(block);
  const rxx = R.slice(0, p).map((row) => row.slice(0, p));
  const rxy = R.slice(0, p).map((row) => row[p]!);
  const sets = collinearSets(rxx);
  if (sets.length) {
    const s = sets.map((set) => set.map((j) => `"${names[j]}"`).join(' + ')).join('; ');
    throw inputError(
      `Drivers are perfectly collinear (${s}): one is a linear combination of the others; drop one of them with --drivers.`,
      `驱动因素完全共线（${s}）：其中一个可由其他线性表示；请用 --drivers 去掉其中之一。`,
    );
  }
  const core = standardizedRegression(rxx, rxy);
  const r2 = core.r2;
  const df2 = n - p - 1;
  const rw = relativeWeights(rxx, rxy);
  const sh = p <= SHAPLEY_MAX ? shapleyR2(rxx, rxy) : null;
  const all = names.map((_, j) => j);
  const means = blockMeans(block);
  const perf = names.map((_, j) => (st.performance === 'top2' ? st.top![j]! / block.sw : means[j]!));
  const rows: DriverRow[] = names.map((name, j) => {
    const se = Math.sqrt(((1 - r2) / df2) * core.invDiag[j]!);
    const beta = core.beta[j]!;
    return {
      driver: name,
      r: rxy[j]!,
      beta,
      p: df2 > 0 ? tTwoSidedP(beta / se, df2) : NaN,
      vif: core.vif[j]!,
      weight: rw[j]!,
      weightPct: (100 * rw[j]!) / r2,
      shapley: sh ? sh[j]! : null,
      shapleyPct: sh ? (100 * sh[j]!) / r2 : null,
      last: r2 - r2Subset(rxx, rxy, all.filter((k) => k !== j)),
      pratt: beta * rxy[j]!,
      rank: 0,
      suppressor: Math.sign(beta) !== Math.sign(rxy[j]!) && Math.abs(rxy[j]!) > 0,
      performance: perf[j]!,
      quadrant: 'low-priority',
    };
  });
  [...rows].sort((a, b) => b.weight - a.weight).forEach((r, i) => (r.rank = i + 1));
  const mi = rows.reduce((s, r) => s + r.weightPct, 0) / p;
  const mp = rows.reduce((s, r) => s + r.performance, 0) / p;
  for (const r of rows) {
    const hi = r.weightPct >= mi;
    const hp = r.performance >= mp;
    r.quadrant = hi ? (hp ? 'keep-up' : 'concentrate') : hp ? 'overkill' : 'low-priority';
  }
  const f = r2 / p / ((1 - r2) / df2);
  return {
    outcome,
    n,
    excluded: block.rows - n,
    r2,
    adjR2: 1 - ((1 - r2) * (n - 1)) / df2,
    f,
    df1: p,
    df2,
    fP: fSf(f, p, df2),
    weighted: block.weighted,
    drivers: rows,
    method: {
      importance: 'Johnson (2000) relative weights (weight, weightPct = % of R²); LMG/Shapley shares when ≤ 12 drivers',
      performance:
        st.performance === 'top2'
          ? 'top-2-box share (0–1) of each driver on the analysis rows (scale maximum and the point below it)'
          : 'mean of each driver on the analysis rows',
      quadrants: 'importance (weightPct) against performance, cross-hairs at the means over drivers (Martilla & James 1977)',
    },
    nonNumeric: [],
    outOfScale: [],
  };
}

/**
 * Numeric values of a column through the one value reader (select.readNumbers): unreadable text and values off
 * the question's scale (−99, "don't know" codes …) become missing, counted with their first rows.
 */
function numericColumn(
  s: Survey,
  id: string,
  issues: DriversResult['nonNumeric'],
  outOfScale: DriversResult['outOfScale'],
  accounts: Accounting[],
  mask?: Uint8Array,
): Float64Array {
  const col = s.columns.get(id);
  if (!col) {
    throw inputError(
      `Column "${id}" is not in ${s.source[0] ?? 'the input'}; run "cx describe" to list the columns.`,
      `列 "${id}" 不在 ${s.source[0] ?? '输入'} 中；运行 "cx describe" 查看所有列。`,
    );
  }
  const r = readNumbers(s, id, mask);
  const a = r.accounting;
  accounts.push(a);
  if (a.excluded.unreadable && a.used === 0) {
    const rows = a.examples.unreadable.map((x) => x.row);
    throw inputError(
      `Column "${id}" is text, not numbers (rows ${rows.join(', ')}: "${a.examples.unreadable[0]!.value}"); choose numeric rating columns, or map its answers in cx.yaml with questions.${id}.values: { ${JSON.stringify(a.examples.unreadable[0]!.value)}: N }.`,
      `列 "${id}" 是文本而不是数字（第 ${rows.join('、')} 行："${a.examples.unreadable[0]!.value}"）；请选择数值评分列，或在 cx.yaml 中用 questions.${id}.values 指定分值。`,
    );
  }
  if (a.excluded.unreadable) issues.push({ column: id, count: a.excluded.unreadable, rows: a.examples.unreadable.map((x) => x.row), values: a.examples.unreadable.map((x) => x.value) });
  if (a.excluded.outOfScale) outOfScale.push({ column: id, count: a.excluded.outOfScale, rows: a.examples.outOfScale.map((x) => x.row), values: a.examples.outOfScale.map((x) => x.value) });
  return r.values;
}

/** Default driver set: numeric rating/likert/number questions other than the outcome. */
export function defaultDrivers(s: Survey, outcome: string): string[] {
  return s.questions
    .filter((q) => q.id !== outcome && ['rating', 'likert', 'number'].includes(q.type) && !q.role && s.columns.has(q.id))
    .map((q) => q.id);
}

export interface SurveyDriversOptions {
  outcome: string;
  drivers?: string[];
  performance?: 'mean' | 'top2';
  weight?: string;
  /** More than 5% unreadable answers in a column is an error (exit 2) unless this is set. */
  allowUnreadable?: boolean;
  /** Only the rows matching this filter (the --where language of cx score). */
  where?: string;
}

/** Key driver analysis of survey columns (listwise deletion; non-numeric text counted and dropped). */
export function drivers(s: Survey, o: SurveyDriversOptions): DriversResult {
  const issues: DriversResult['nonNumeric'] = [];
  const oos: DriversResult['outOfScale'] = [];
  const names = o.drivers && o.drivers.length ? o.drivers : defaultDrivers(s, o.outcome);
  if (names.length === 0) {
    throw inputError(
      `No driver columns found besides "${o.outcome}"; list them with --drivers COL,COL.`,
      `除 "${o.outcome}" 外未找到驱动列；请用 --drivers COL,COL 指定。`,
    );
  }
  if (names.includes(o.outcome)) {
    throw inputError(`The outcome "${o.outcome}" is also listed as a driver; remove it from --drivers.`, `结果列 "${o.outcome}" 同时出现在驱动列中；请从 --drivers 中去掉。`);
  }
  const accounts: Accounting[] = [];
  const mask = o.where ? whereMask(s, o.where) : undefined;
  const y0 = numericColumn(s, o.outcome, issues, oos, accounts, mask);
  const xs0 = names.map((id) => numericColumn(s, id, issues, oos, accounts, mask));
  // Rows outside --where are not analysed (nor counted as excluded).
  const keep = mask ? Array.from({ length: s.nRows }, (_, i) => i).filter((i) => mask[i]) : undefined;
  const pick = (c: Float64Array) => (keep ? Float64Array.from(keep, (i) => c[i]!) : c);
  if (keep && keep.length === 0) {
    throw inputError(`--where ${o.where}: no row matches; widen the filter.`, `--where ${o.where}：没有符合条件的行；请放宽筛选条件。`);
  }
  const y = pick(y0);
  const xs = xs0.map(pick);
  const unreadable = checkUnreadable(accounts, o.allowUnreadable);

  const weights = o.weight ? pick(numericColumn(s, o.weight, issues, [], [], mask)) : undefined;
  const scaleMax = names.map((id) => getQuestion(s, id)?.scale?.max).map((m) => (m == null ? undefined : m));
  const res = keyDriversColumns(o.outcome, y, xs, {
    names,
    performance: o.performance,
    weights,
    scaleMax: scaleMax as number[],
  });
  res.nonNumeric = issues;
  res.outOfScale = oos;
  res.accounting = accounts;
  res.unreadableWarnings = unreadable;
  return res;
}
