// SERVQUAL (METHODS.md §3): item and dimension gaps (P − E), unweighted and weighted scores, SERVPERF,
// zone of tolerance (MSA = P − A, MSS = P − D) and Cronbach's α per dimension. Pure.
import type { Survey } from '../dataset/types.js';
import { readNumbers } from '../dataset/select.js';
import { whereMask } from '../dataset/where.js';
import { subsetSurvey } from '../dataset/subset.js';
import { checkUnreadable, type Accounting } from '../dataset/accounting.js';
import { inputError } from '../ui/errors.js';
import { alphaFromMoments } from './reliability.js';
import { momentsOf, type MomentBlock } from './moments.js';
import { DIMENSIONS, findServqualItems, standardDimension, type Dimension, type FoundItem } from './servqual-items.js';

export interface ServqualItemSpec {
  expectation?: string;
  perception: string;
  dimension: string;
  adequate?: string;
  desired?: string;
  item?: string;
  /** Item number (1–22 in the standard instrument), when known. */
  number?: number;
}

export interface ItemResult {
  item: string;
  dimension: Dimension;
  expectation: number;
  perception: number;
  gap: number;
  n: number;
  adequate?: number;
  desired?: number;
  msa?: number;
  mss?: number;
  zone?: 'below' | 'within' | 'above';
}

export interface DimensionResult {
  dimension: Dimension;
  items: number;
  expectation: number;
  perception: number;
  gap: number;
  /** Respondents with at least one item gap in the dimension. */
  n: number;
  /** Cronbach's α of the perception items (raw), with its standardized value and listwise n. */
  alpha: number;
  alphaStandardized: number;
  alphaN: number;
  alphaExpectation: number;
  alphaGap: number;
  weight?: number;
  msa?: number;
  mss?: number;
  zone?: 'below' | 'within' | 'above';
}

export interface ServqualResult {
  dimensions: DimensionResult[];
  items: ItemResult[];
  overall: { unweighted: number; weighted?: number; servperf: number; servperfWeighted?: number };
  n: number;
  /** Items reverse-scored as (min + max) − x before any computation. */
  reversed: string[];
  method: { score: string; weighting?: string; dimensions: string; missing: string };
  /** Respondents whose point allocation did not sum to 100 (rescaled). */
  rescaledAllocations?: number;
  /** The accounting rule per item column (E, P, A, D and point columns). */
  accounting: Accounting[];
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN);

function zoneOf(msa: number, mss: number): 'below' | 'within' | 'above' | undefined {
  if (!Number.isFinite(msa) || !Number.isFinite(mss)) return undefined;
  return msa < 0 ? 'below' : mss > 0 ? 'above' : 'within';
}

/** Weighted score from dimension gaps and weights (points or fractions, normalised to sum 1). */
export function weightedScore(gaps: Record<string, number>, weights: Record<string, number>): number {
  const dims = Object.keys(gaps).filter((d) => weights[d] != null);
  const sw = dims.reduce((s, d) => s + weights[d]!, 0);
  return dims.reduce((s, d) => s + (weights[d]! / sw) * gaps[d]!, 0);
}

function specsFromSurvey(s: Survey): { specs: ServqualItemSpec[]; points: Record<string, string> } {
  const found = findServqualItems(s);
  const withP = found.items.filter((it: FoundItem) => it.P);
  const specs: ServqualItemSpec[] = [];
  for (const it of withP) {
    const dimension = it.dimension ?? standardDimension(it.item);
    if (!dimension) {
      throw inputError(
        `SERVQUAL item ${it.P} has number ${it.item}, outside the standard 22 items; list the items with their dimensions under servqual.items in cx.yaml.`,
        `SERVQUAL 题目 ${it.P} 的编号 ${it.item} 超出标准 22 题；请在 cx.yaml 的 servqual.items 中列出题目及其维度。`,
      );
    }
    specs.push({ perception: it.P!, expectation: it.E, adequate: it.A, desired: it.D, dimension, item: it.P!, number: it.item });
  }
  return { specs, points: found.points };
}

export interface ServqualOptions {
  items?: ServqualItemSpec[];
  weights?: Record<string, number>;
  /** Negatively worded items (1988 version) to reverse-score as (min + max) − x: item numbers or column ids. */
  reverse?: (number | string)[];
  /** More than 5% unreadable answers in an item is an error (exit 2) unless this is set. */
  allowUnreadable?: boolean;
  /** Only the rows matching this filter (the --where language of cx score). */
  where?: string;
}

/** Count and sum of a variable over the rows where it is present. */
export interface SumCount {
  n: number;
  sum: number;
}

/**
 * The statistics of SERVQUAL (what an engine's aggregate query returns): per item, count and sum of E, P,
 * P − E, A and D; per dimension, count and sum of each respondent's mean of the available items, and the moment
 * blocks of its P, E and gap items (Cronbach's α); with point allocations, the per-respondent weighted scores.
 */
export interface ServqualStats {
  rows: number;
  specs: ServqualItemSpec[];
  dims: Dimension[];
  reversed: string[];
  hasE: boolean;
  items: { E?: SumCount; P: SumCount; gap?: SumCount; A?: SumCount; D?: SumCount }[];
  dimensions: { E: SumCount; P: SumCount; gap: SumCount; A: SumCount; D: SumCount; alphaP: MomentBlock; alphaE?: MomentBlock; alphaG?: MomentBlock }[];
  /** Per-respondent 100-point allocations: valid respondents, those rescaled, Σ of each dimension's share, and the weighted scores. */
  points?: { valid: number; rescaled: number; wSum: number[]; weighted: SumCount; servperf: SumCount };
  accounting: Accounting[];
}

/** The item specs, dimensions and reversed items of a survey (shared by every engine). */
export function servqualPlan(s: Survey, opts: ServqualOptions = {}): { specs: ServqualItemSpec[]; dims: Dimension[]; reverseOn: boolean[]; reversed: string[]; pointCols?: string[] } {
  const auto = specsFromSurvey(s);
  const specs = opts.items && opts.items.length ? opts.items : auto.specs;
  if (specs.length === 0) {
    throw inputError(
      `${s.source[0] ?? 'input'}: no SERVQUAL items found; name them E1..E22 / P1..P22 (or 期望1 / 感知1), or list them under servqual.items in cx.yaml.`,
      `${s.source[0] ?? '输入'}：未找到 SERVQUAL 题目；请命名为 E1..E22 / P1..P22（或 期望1 / 感知1），或在 cx.yaml 的 servqual.items 中列出。`,
    );
  }
  for (const sp of specs) {
    for (const id of [sp.expectation, sp.perception, sp.adequate, sp.desired]) {
      if (id && !s.columns.has(id)) {
        throw inputError(
          `SERVQUAL column "${id}" is not in ${s.source[0] ?? 'the input'}; check servqual.items in cx.yaml.`,
          `SERVQUAL 列 "${id}" 不在 ${s.source[0] ?? '输入'} 中；请检查 cx.yaml 的 servqual.items。`,
        );
      }
    }
  }
  const dims: Dimension[] = [...new Set([...DIMENSIONS.filter((d) => specs.some((x) => x.dimension === d)), ...specs.map((x) => x.dimension)])];
  const rev = new Set((opts.reverse ?? []).map(String));
  const reversed: string[] = [];
  const reverseOn = specs.map((sp) => {
    const on = rev.has(String(sp.number)) || rev.has(sp.perception) || (sp.expectation != null && rev.has(sp.expectation));
    if (on) reversed.push(sp.item ?? sp.perception);
    return on;
  });
  const unknownRev = [...rev].filter((r) => !specs.some((sp) => String(sp.number) === r || sp.perception === r || sp.expectation === r));
  if (unknownRev.length) {
    throw inputError(
      `--reverse names ${unknownRev.join(', ')}, which is not a SERVQUAL item here; use item numbers (10-13,18-22) or column ids.`,
      `--reverse 中的 ${unknownRev.join('、')} 不是本数据中的 SERVQUAL 题目；请使用题号（10-13,18-22）或列名。`,
    );
  }
  // Per-respondent point allocation (when no fixed weights are given).
  const pointCols = !opts.weights && !opts.items ? auto.points : {};
  const usePoints = dims.every((d) => pointCols[d]);
  return { specs, dims, reverseOn, reversed, pointCols: usePoints ? dims.map((d) => pointCols[d]!) : undefined };
}

/** The scale an item is reverse-scored on (its question's scale, else 1–7). */
export function reverseScale(s: Survey, id: string): { min: number; max: number } {
  const sc = s.questions.find((q) => q.id === id)?.scale;
  return sc ? { min: sc.min, max: sc.max } : { min: 1, max: 7 };
}

/** The error for an item column that holds text only. */
export function textItemError(id: string, value: string, row?: number) {
  const at = row ? `row ${row}: ` : '';
  const atZh = row ? `第 ${row} 行：` : '';
  return inputError(
    `SERVQUAL column "${id}" holds text, not scores (${at}"${value}"); use numeric 1–7 codes or map the answers in cx.yaml with questions.${id}.values: { ${JSON.stringify(value)}: N }.`,
    `SERVQUAL 列 "${id}" 是文本而非分数（${atZh}"${value}"）；请使用 1–7 数值编码，或在 cx.yaml 中用 questions.${id}.values 指定分值。`,
  );
}

/**
 * SERVQUAL of a survey. Items come from `items` (cx.yaml servqual.items) or are found automatically;
 * `weights` are fixed importance points per dimension (cx.yaml servqual.weights); otherwise per-respondent
 * 100-point allocation columns are used when present.
 */
export function servqual(s: Survey, opts: ServqualOptions = {}): ServqualResult {
  return servqualFromStats(servqualStats(s, opts), opts);
}

/** The statistics of SERVQUAL from the built-in column store. */
export function servqualStats(s: Survey, opts: ServqualOptions = {}): ServqualStats {
  if (opts.where) {
    // Rows outside --where are neither analysed nor counted (n is the number of matching rows).
    s = subsetSurvey(s, whereMask(s, opts.where));
    if (s.nRows === 0) throw inputError(`--where ${opts.where}: no row matches; widen the filter.`, `--where ${opts.where}：没有符合条件的行；请放宽筛选条件。`);
  }
  const plan = servqualPlan(s, opts);
  const { specs, dims } = plan;
  const accounts = new Map<string, Accounting>();
  const col = (id: string | undefined) => {
    if (!id) return undefined;
    const r = readNumbers(s, id);
    const vals = Array.from(r.values);
    if (!accounts.has(id)) accounts.set(id, r.accounting);
    const a = r.accounting;
    if (a.excluded.unreadable > 0 && a.used === 0) {
      const ex = a.examples.unreadable[0]!;
      throw textItemError(id, ex.value, ex.row);
    }
    return vals;
  };
  const recode = (id: string | undefined, vals: number[] | undefined, on: boolean) => {
    if (!vals || !id || !on) return vals;
    const sc = reverseScale(s, id);
    return vals.map((x) => sc.min + sc.max - x);
  };
  const data = specs.map((sp, k) => {
    const on = plan.reverseOn[k]!;
    return {
      sp,
      E: recode(sp.expectation, col(sp.expectation), on),
      P: recode(sp.perception, col(sp.perception), on)!,
      A: recode(sp.adequate, col(sp.adequate), on),
      D: recode(sp.desired, col(sp.desired), on),
    };
  });
  const hasE = data.some((d) => d.E);
  const n = s.nRows;
  const sumCount = (xs: number[] | undefined): SumCount | undefined => {
    if (!xs) return undefined;
    let c = 0;
    let t = 0;
    for (const x of xs) {
      if (Number.isFinite(x)) {
        c++;
        t += x;
      }
    }
    return { n: c, sum: t };
  };
  const gapOf = (d: (typeof data)[number], i: number) => (d.E ? d.P[i]! - d.E[i]! : NaN);
  const items = data.map((d) => ({
    E: sumCount(d.E),
    P: sumCount(d.P)!,
    gap: d.E ? sumCount(Array.from({ length: n }, (_, i) => gapOf(d, i))) : undefined,
    A: d.A && d.D ? sumCount(d.A) : undefined,
    D: d.A && d.D ? sumCount(d.D) : undefined,
  }));
  // Per-respondent dimension scores: mean of the available items in the dimension.
  const perResp = (dim: Dimension, f: (d: (typeof data)[number], i: number) => number): number[] => {
    const ds = data.filter((d) => d.sp.dimension === dim);
    // Column by column, in item order (the same additions as summing each respondent's available items).
    const sum = new Float64Array(n);
    const cnt = new Int32Array(n);
    for (const d of ds) {
      for (let i = 0; i < n; i++) {
        const x = f(d, i);
        if (Number.isFinite(x)) {
          sum[i]! += x;
          cnt[i]!++;
        }
      }
    }
    return Array.from(sum, (t, i) => t / cnt[i]!);
  };
  const itemBlock = (ds: typeof data, f: (d: (typeof data)[number]) => ArrayLike<number>) =>
    momentsOf(ds.map((d) => d.sp.item ?? d.sp.perception), ds.map(f));
  const none = (): number[] => new Array<number>(n).fill(NaN);
  const dimensions = dims.map((dim) => {
    const ds = data.filter((d) => d.sp.dimension === dim);
    return {
      E: sumCount(perResp(dim, (d, i) => (d.E ? d.E[i]! : NaN)))!,
      P: sumCount(perResp(dim, (d, i) => d.P[i]!))!,
      gap: sumCount(perResp(dim, gapOf))!,
      A: sumCount(perResp(dim, (d, i) => (d.A ? d.A[i]! : NaN)))!,
      D: sumCount(perResp(dim, (d, i) => (d.D ? d.D[i]! : NaN)))!,
      alphaP: itemBlock(ds, (d) => d.P),
      alphaE: hasE ? itemBlock(ds, (d) => d.E ?? none()) : undefined,
      alphaG: hasE ? itemBlock(ds, (d) => Array.from({ length: n }, (_, i) => gapOf(d, i))) : undefined,
    };
  });
  let points: ServqualStats['points'];
  const pts = plan.pointCols?.map((id) => col(id)!);
  if (pts) {
    // Each respondent's own allocation, rescaled to sum 100 when it does not.
    const dimGaps = dims.map((d) => perResp(d, gapOf));
    const dimPerf = dims.map((d) => perResp(d, (x, i) => x.P[i]!));
    points = { valid: 0, rescaled: 0, wSum: dims.map(() => 0), weighted: { n: 0, sum: 0 }, servperf: { n: 0, sum: 0 } };
    for (let i = 0; i < n; i++) {
      const p = pts.map((c) => c[i]!);
      const sum = p.reduce((a, x) => a + x, 0);
      if (!p.every((x) => Number.isFinite(x) && x >= 0) || !(sum > 0)) continue;
      if (Math.abs(sum - 100) > 1e-9) points.rescaled++;
      const w = p.map((x) => x / sum);
      w.forEach((x, k) => (points!.wSum[k]! += x));
      points.valid++;
      const g = dimGaps.map((c) => c[i]!);
      const pf = dimPerf.map((c) => c[i]!);
      if (g.every(Number.isFinite)) {
        points.weighted.n++;
        points.weighted.sum += g.reduce((a, x, k) => a + w[k]! * x, 0);
      }
      if (pf.every(Number.isFinite)) {
        points.servperf.n++;
        points.servperf.sum += pf.reduce((a, x, k) => a + w[k]! * x, 0);
      }
    }
  }
  return { rows: n, specs, dims, reversed: plan.reversed, hasE, items, dimensions, points, accounting: [...accounts.values()] };
}

const avg = (x: SumCount | undefined) => (x ? x.sum / x.n : undefined);

/** SERVQUAL from its statistics (the estimate every engine shares). */
export function servqualFromStats(st: ServqualStats, opts: ServqualOptions = {}): ServqualResult {
  const { specs, dims, hasE } = st;
  checkUnreadable(st.accounting, opts.allowUnreadable);
  const items: ItemResult[] = specs.map((sp, k) => {
    const it = st.items[k]!;
    const r: ItemResult = {
      item: sp.item ?? sp.perception,
      dimension: sp.dimension,
      expectation: avg(it.E) ?? NaN,
      perception: avg(it.P)!,
      gap: it.gap ? avg(it.gap)! : NaN,
      n: it.E ? it.gap!.n : it.P.n,
    };
    if (it.A && it.D) {
      r.adequate = avg(it.A)!;
      r.desired = avg(it.D)!;
      r.msa = r.perception - r.adequate;
      r.mss = r.perception - r.desired;
      r.zone = zoneOf(r.msa, r.mss);
    }
    return r;
  });
  const dimensions: DimensionResult[] = dims.map((dim, k) => {
    const ds = specs.filter((sp) => sp.dimension === dim);
    const x = st.dimensions[k]!;
    const aP = alphaFromMoments(x.alphaP);
    const aE = x.alphaE ? alphaFromMoments(x.alphaE) : undefined;
    const aG = x.alphaG ? alphaFromMoments(x.alphaG) : undefined;
    const r: DimensionResult = {
      dimension: dim,
      items: ds.length,
      expectation: avg(x.E)!,
      perception: avg(x.P)!,
      gap: avg(x.gap)!,
      n: hasE ? x.gap.n : x.P.n,
      alpha: aP.alpha,
      alphaStandardized: aP.standardizedAlpha,
      alphaN: aP.n,
      alphaExpectation: aE?.alpha ?? NaN,
      alphaGap: aG?.alpha ?? NaN,
    };
    const zi = items.filter((it) => it.dimension === dim && it.msa != null);
    if (zi.length === ds.length && zi.length) {
      r.msa = r.perception - avg(x.A)!;
      r.mss = r.perception - avg(x.D)!;
      r.zone = zoneOf(r.msa, r.mss);
    }
    return r;
  });

  const gapsByDim = Object.fromEntries(dimensions.map((d) => [d.dimension, d.gap]));
  const perfByDim = Object.fromEntries(dimensions.map((d) => [d.dimension, d.perception]));
  const overall: ServqualResult['overall'] = {
    unweighted: hasE ? mean(dimensions.map((d) => d.gap)) : NaN,
    servperf: mean(dimensions.map((d) => d.perception)),
  };
  let weighting: string | undefined;
  const pts = st.points;
  if (opts.weights) {
    const sw = dims.reduce((a, d) => a + (opts.weights![d] ?? 0), 0);
    const missing = dims.filter((d) => opts.weights![d] == null);
    if (missing.length || !(sw > 0)) {
      throw inputError(
        `servqual.weights in cx.yaml has no weight for ${missing.join(', ') || 'any dimension'}; give points for all of: ${dims.join(', ')}.`,
        `cx.yaml 中 servqual.weights 缺少 ${missing.join('、') || '所有维度'} 的权重；请为以下维度全部给出分值：${dims.join('、')}。`,
      );
    }
    for (const d of dimensions) d.weight = opts.weights[d.dimension]! / sw;
    if (hasE) overall.weighted = weightedScore(gapsByDim, opts.weights);
    overall.servperfWeighted = weightedScore(perfByDim, opts.weights);
    weighting = 'fixed importance points from cx.yaml, normalised to fractions (w_d = points_d / Σ points); weighted = Σ w_d · dimension gap (Zeithaml, Parasuraman & Berry 1990; not the ×points/5 variant)';
  } else if (pts) {
    dimensions.forEach((d, k) => (d.weight = pts.valid ? pts.wSum[k]! / pts.valid : NaN));
    if (hasE) overall.weighted = pts.weighted.sum / pts.weighted.n;
    overall.servperfWeighted = pts.servperf.sum / pts.servperf.n;
    weighting = 'each respondent\'s own 100-point allocation (rescaled to 100 when it does not sum to 100), w = points/100, weighted score Σ w_d·gap_d per respondent, then averaged (ZPB 1990 step-by-step recipe)';
  }
  return {
    dimensions,
    items,
    overall,
    n: st.rows,
    reversed: st.reversed,
    method: {
      score: hasE
        ? 'gap = P − E; dimension score = mean over respondents of the mean available item gap; unweighted SERVQUAL = mean of the dimension scores'
        : 'no expectation items: SERVPERF only (Cronin & Taylor 1992)',
      ...(weighting ? { weighting } : {}),
      dimensions: opts.items?.length ? 'from cx.yaml servqual.items' : 'PZB 1988/1991 map: 1–4 tangibles, 5–9 reliability, 10–13 responsiveness, 14–17 assurance, 18–22 empathy (or the dimension named in the header)',
      missing: 'a missing E or P drops that item gap for that respondent; α uses listwise deletion within the dimension',
    },
    ...(pts ? { rescaledAllocations: pts.rescaled } : {}),
    accounting: st.accounting,
  };
}
