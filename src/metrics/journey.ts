// Touchpoint / moment-of-truth analysis (METHODS-touchpoints.md): per touchpoint a score (mean with a t 95% CI,
// top-2 share, target), importance (range of impact RIOCS, Johnson relative weight), penalty–reward contrast
// analysis (PRCA: one OLS on low/high band dummies, or per-touchpoint models), SGP/DGP/impact asymmetry (IA),
// a basic / performance / excitement category (IA rule by default; ratio and significance rules) and the AIPA
// priority. Estimates only: the input is the sufficient statistics of journey-stats.ts. Pure; no I/O.
import { chi2Sf } from './distributions.js';
import { olsFromCrossProducts, type OlsFit } from './journey-ols.js';
import type { JourneyStats } from './journey-stats.js';
import { diffMeans, meanInterval } from './proportion.js';
import { collinearSets, relativeWeights } from './relative-weights.js';

export type Category = 'basic' | 'performance' | 'excitement' | 'indifferent';
export type Rule = 'ia' | 'ratio' | 'significance';
export type MissingMode = 'listwise' | 'pairwise';

/** Labels by category: Chinese house convention of METHODS-touchpoints §4 (痒点 for performance: a convention). */
export const CATEGORY_LABELS: Record<Category, { en: string; short: string; zh: string; factorZh: string }> = {
  basic: { en: 'basic factor (pain point)', short: 'pain', zh: '痛点', factorZh: '基本因素' },
  performance: { en: 'performance factor (itch point)', short: 'itch', zh: '痒点', factorZh: '绩效因素' },
  excitement: { en: 'excitement factor (delight point)', short: 'delight', zh: '爽点', factorZh: '兴奋因素' },
  indifferent: { en: 'indifferent (no significant effect)', short: 'none', zh: '无显著影响', factorZh: '无差异因素' },
};

/** AIPA codes in resource priority order LB > LP > LE > HB > HP > HE (Bi et al. 2020 via Wang et al. 2024). */
export const AIPA_ORDER = ['LB', 'LP', 'LE', 'HB', 'HP', 'HE'] as const;
export const AIPA_LABELS: Record<string, { en: string; zh: string }> = {
  LB: { en: 'urgent pain point', zh: '紧急痛点' },
  LP: { en: 'improve (performance)', zh: '待提升痒点' },
  LE: { en: 'untapped delight', zh: '待开发爽点' },
  HB: { en: 'basic held', zh: '守住的底线' },
  HP: { en: 'keep up (performance)', zh: '保持的痒点' },
  HE: { en: 'current delight', zh: '已有爽点' },
};

export interface TouchpointMeta {
  stage: string;
  stageOrder: number;
  touchpoint: string;
  column: string;
  owner?: string;
  target?: number;
  min: number;
  max: number;
  /** Scale points in each band. */
  low: number[];
  ref: number[];
  high: number[];
}

export interface EstimateOptions {
  missing?: MissingMode;
  theta?: number;
  rule?: Rule;
  alpha?: number;
  /** Bands with fewer answers are flagged (DESIGN.md §4: 30). */
  minBase?: number;
  /** Ratio-rule cut-offs on ρ = reward / penalty (Füller & Matzler 2008: 0.9 / 1.1). */
  ratioLow?: number;
  ratioHigh?: number;
  /** VIF above this is flagged (default 5). */
  vifMax?: number;
}

export interface TouchpointRow {
  stage: string;
  stageOrder: number;
  touchpoint: string;
  column: string;
  owner?: string;
  target?: number;
  /** Rows the score and the model rest on (listwise: the complete rows; pairwise: rows with this touchpoint and the outcome). */
  n: number;
  mean: number;
  sd: number;
  ci95: [number, number];
  /** Share (0–1) of answers in the top two scale points. */
  top2: number;
  /** mean ≥ target (null without a target). */
  targetMet: boolean | null;
  nLow: number;
  nRef: number;
  nHigh: number;
  bLow: number;
  seLow: number;
  pLow: number;
  bHigh: number;
  seHigh: number;
  pHigh: number;
  penalty: number;
  reward: number;
  riocs: number;
  riocsPct: number;
  sgp: number;
  dgp: number;
  ia: number;
  /** IA with wrong-signed effects clipped to 0 (null when both are 0: no impact). */
  iaClip: number | null;
  /** The category by the chosen rule; null when IA is undefined (no effect at all). */
  category: Category | null;
  /** All three rules side by side. */
  categories: { ia: Category | null; ratio: Category | null; significance: Category };
  label: string | null;
  labelZh: string | null;
  /** AIPA code (H/L performance × B/P/E) and its priority rank 1 (LB) … 6 (HE). */
  aipa: string | null;
  aipaRank: number | null;
  /** IRPA quadrant: impact (RIOCS vs its mean) × performance (mean vs the grand mean). */
  irpa: 'high-impact/low-performance' | 'high-impact/high-performance' | 'low-impact/low-performance' | 'low-impact/high-performance';
  /** Johnson relative weight of the raw rating (listwise rows) and its % of that model's R². */
  rw: number | null;
  rwPct: number | null;
  vifLow: number;
  vifHigh: number;
  /** Per-touchpoint model R² (pairwise mode). */
  r2?: number;
  signsOk: boolean;
  /** sign | empty-low | empty-high | aliased-low | aliased-high | small-low | small-ref | small-high | vif | small-n */
  flags: string[];
}

export interface JourneyEstimate {
  missing: MissingMode;
  /** Complete rows (listwise). */
  n: number;
  r2: number | null;
  adjR2: number | null;
  intercept: number | null;
  /** R² of the raw-rating regression behind the relative weights. */
  rwR2: number | null;
  grandMean: number;
  meanRiocs: number;
  touchpoints: TouchpointRow[];
}

/** Internal: effects and their covariance per touchpoint, for the segment heterogeneity test. */
export interface EffectCov {
  b: [number, number];
  v: [[number, number], [number, number]];
  ok: boolean;
}

export function classifyIa(ia: number | null, theta: number): Category | null {
  if (ia === null || !Number.isFinite(ia)) return null;
  return ia > theta ? 'excitement' : ia < -theta ? 'basic' : 'performance';
}

export function classifyRatio(penalty: number, reward: number, lo = 0.9, hi = 1.1): Category | null {
  if (penalty === 0 && reward === 0) return null;
  const r = penalty > 0 ? reward / penalty : Infinity;
  return r > hi ? 'excitement' : r < lo ? 'basic' : 'performance';
}

export function classifySignificance(bLow: number, pLow: number, bHigh: number, pHigh: number, alpha = 0.05): Category {
  const pen = pLow < alpha && bLow < 0;
  const rew = pHigh < alpha && bHigh > 0;
  return pen && rew ? 'performance' : pen ? 'basic' : rew ? 'excitement' : 'indifferent';
}

/** AIPA code: performance split at the grand mean of the touchpoint means × category; null for none/indifferent. */
export function aipaCode(mean: number, grandMean: number, category: Category | null): { code: string; rank: number } | null {
  if (!category || category === 'indifferent' || !Number.isFinite(mean)) return null;
  const code = (mean >= grandMean ? 'H' : 'L') + category[0]!.toUpperCase();
  return { code, rank: AIPA_ORDER.indexOf(code as (typeof AIPA_ORDER)[number]) + 1 };
}

/** IA = (R − P)/(R + P) (Mikulić & Prebežac 2008); NaN when both are 0. */
export function impactAsymmetry(penalty: number, reward: number): number {
  const r = penalty + reward;
  return r > 0 ? (reward - penalty) / r : NaN;
}

function touchpointScore(counts: Float64Array, min: number, max: number) {
  let n = 0;
  let s = 0;
  let s2 = 0;
  let top = 0;
  for (let o = 0; o < counts.length; o++) {
    const c = counts[o]!;
    if (!c) continue;
    const v = min + o;
    n += c;
    s += c * v;
    s2 += c * v * v;
    if (v >= max - 1) top += c;
  }
  const mean = n > 0 ? s / n : NaN;
  const sd = n > 1 ? Math.sqrt(Math.max(0, (s2 - n * mean * mean) / (n - 1))) : NaN;
  const ci = meanInterval(mean, sd, n);
  return { n, mean, sd, se: ci.se, ci95: ci.ci95, top2: n > 0 ? top / n : NaN };
}

/** Johnson's relative weights of the raw ratings on the listwise rows, or null when not estimable. */
function rawWeights(st: JourneyStats): { w: number[]; r2: number } | null {
  const m = st.p + 1;
  const n = st.n;
  if (n < m + 1) return null;
  const cov: number[][] = [];
  for (let a = 0; a < m; a++) {
    const row: number[] = [];
    for (let b = 0; b < m; b++) row.push(st.rawCross[a * m + b]! - (st.rawSum[a]! * st.rawSum[b]!) / n);
    cov.push(row);
  }
  if (cov.some((r, a) => !(r[a]! > 0))) return null;
  const R = cov.map((r, a) => r.map((v, b) => (a === b ? 1 : v / Math.sqrt(cov[a]![a]! * cov[b]![b]!))));
  const rxx = R.slice(0, st.p).map((r) => r.slice(0, st.p));
  const rxy = R.slice(0, st.p).map((r) => r[st.p]!);
  try {
    if (collinearSets(rxx).length) return null;
    const w = relativeWeights(rxx, rxy);
    const r2 = w.reduce((a, b) => a + b, 0);
    return { w, r2 };
  } catch {
    return null;
  }
}

/** Per-touchpoint model y ~ 1 + L_j + H_j from the band sums (pairwise mode). */
function bandModel(st: JourneyStats, j: number): OlsFit {
  const nb = st.pwN[j]!;
  const sy = st.pwSy[j]!;
  const n = nb[0]! + nb[1]! + nb[2]!;
  const xtx = [n, nb[0]!, nb[2]!, nb[0]!, nb[0]!, 0, nb[2]!, 0, nb[2]!];
  const xty = [sy[0]! + sy[1]! + sy[2]!, sy[0]!, sy[2]!];
  const yty = st.pwSyy[j]![0]! + st.pwSyy[j]![1]! + st.pwSyy[j]![2]!;
  return olsFromCrossProducts(xtx, xty, yty, n, 3);
}

/**
 * The estimate for one cell. Returns the rows in journey order (the order of `meta`) and, for the segment
 * test, each touchpoint's (b_low, b_high) with its covariance.
 */
export function estimateJourney(st: JourneyStats, meta: TouchpointMeta[], o: EstimateOptions = {}): { est: JourneyEstimate; effects: EffectCov[] } {
  const missing = o.missing ?? 'listwise';
  const theta = o.theta ?? 0.2;
  const rule = o.rule ?? 'ia';
  const alpha = o.alpha ?? 0.05;
  const minBase = o.minBase ?? 30;
  const vifMax = o.vifMax ?? 5;
  const p = st.p;
  const k = 1 + 2 * p;
  const joint = missing === 'listwise' && st.n > 0 ? olsFromCrossProducts(st.dtd, st.dty, st.yty, st.n, k) : undefined;
  const rw = rawWeights(st);
  const effects: EffectCov[] = [];
  const rows: TouchpointRow[] = meta.map((m, j) => {
    const fit = joint ?? bandModel(st, j);
    const [cl, ch] = joint ? [1 + 2 * j, 2 + 2 * j] : [1, 2];
    const kk = joint ? k : 3;
    const counts = missing === 'listwise' ? st.counts[j]! : st.pwCounts[j]!;
    const sc = touchpointScore(counts, m.min, m.max);
    const nLow = joint ? st.dtd[cl * k + cl]! : st.pwN[j]![0]!;
    const nHigh = joint ? st.dtd[ch * k + ch]! : st.pwN[j]![2]!;
    const nRef = sc.n - nLow - nHigh;
    const bLow = fit.beta[cl]!;
    const bHigh = fit.beta[ch]!;
    const penalty = Math.abs(bLow);
    const reward = Math.abs(bHigh);
    const riocs = penalty + reward;
    const ia = impactAsymmetry(penalty, reward);
    const pc = Math.max(0, -bLow);
    const rc = Math.max(0, bHigh);
    const iaClip = pc + rc > 0 ? (rc - pc) / (rc + pc) : null;
    const signsOk = bLow <= 0 && bHigh >= 0;
    const flags: string[] = [];
    if (!signsOk) flags.push('sign');
    for (const [c, name] of [[cl, 'low'], [ch, 'high']] as const) {
      const d = fit.dropped[c];
      if (d === 'empty') flags.push(`empty-${name}`);
      else if (d) flags.push(`aliased-${name}`);
    }
    if (nLow > 0 && nLow < minBase) flags.push('small-low');
    if (nRef < minBase) flags.push('small-ref');
    if (nHigh > 0 && nHigh < minBase) flags.push('small-high');
    const vifLow = fit.vif[cl]!;
    const vifHigh = fit.vif[ch]!;
    if (vifLow > vifMax || vifHigh > vifMax) flags.push('vif');
    if (sc.n < minBase) flags.push('small-n');
    const cats = {
      ia: classifyIa(Number.isFinite(ia) ? ia : null, theta),
      ratio: classifyRatio(penalty, reward, o.ratioLow, o.ratioHigh),
      significance: classifySignificance(bLow, fit.p[cl]!, bHigh, fit.p[ch]!, alpha),
    };
    const category = cats[rule];
    const ok = !fit.dropped[cl] && !fit.dropped[ch] && Number.isFinite(fit.sigma2);
    const s2 = fit.sigma2;
    effects.push({
      b: [bLow, bHigh],
      v: [
        [s2 * fit.inv[cl * kk + cl]!, s2 * fit.inv[cl * kk + ch]!],
        [s2 * fit.inv[ch * kk + cl]!, s2 * fit.inv[ch * kk + ch]!],
      ],
      ok,
    });
    const row: TouchpointRow = {
      stage: m.stage,
      stageOrder: m.stageOrder,
      touchpoint: m.touchpoint,
      column: m.column,
      ...(m.owner !== undefined ? { owner: m.owner } : {}),
      ...(m.target !== undefined ? { target: m.target } : {}),
      n: sc.n,
      mean: sc.mean,
      sd: sc.sd,
      ci95: sc.ci95,
      top2: sc.top2,
      targetMet: m.target === undefined || !Number.isFinite(sc.mean) ? null : sc.mean >= m.target,
      nLow,
      nRef,
      nHigh,
      bLow,
      seLow: fit.se[cl]!,
      pLow: fit.p[cl]!,
      bHigh,
      seHigh: fit.se[ch]!,
      pHigh: fit.p[ch]!,
      penalty,
      reward,
      riocs,
      riocsPct: NaN,
      sgp: riocs > 0 ? reward / riocs : NaN,
      dgp: riocs > 0 ? penalty / riocs : NaN,
      ia,
      iaClip,
      category,
      categories: cats,
      label: category ? CATEGORY_LABELS[category].en : null,
      labelZh: category ? CATEGORY_LABELS[category].zh : null,
      aipa: null,
      aipaRank: null,
      irpa: 'low-impact/low-performance',
      rw: rw ? rw.w[j]! : null,
      rwPct: rw && rw.r2 > 0 ? (100 * rw.w[j]!) / rw.r2 : null,
      vifLow,
      vifHigh,
      signsOk,
      flags,
    };
    if (!joint) row.r2 = fit.r2;
    return row;
  });
  const finite = rows.filter((r) => Number.isFinite(r.mean));
  const grandMean = finite.reduce((s, r) => s + r.mean, 0) / finite.length;
  const sumRiocs = rows.reduce((s, r) => s + r.riocs, 0);
  const meanRiocs = sumRiocs / rows.length;
  for (const r of rows) {
    r.riocsPct = sumRiocs > 0 ? (100 * r.riocs) / sumRiocs : NaN;
    const hp = r.mean >= grandMean;
    const hi = r.riocs >= meanRiocs;
    r.irpa = `${hi ? 'high' : 'low'}-impact/${hp ? 'high' : 'low'}-performance`;
    const a = aipaCode(r.mean, grandMean, r.category);
    r.aipa = a?.code ?? null;
    r.aipaRank = a?.rank ?? null;
  }
  const est: JourneyEstimate = {
    missing,
    n: st.n,
    r2: joint ? joint.r2 : null,
    adjR2: joint && joint.df > 0 ? 1 - ((1 - joint.r2) * (joint.n - 1)) / joint.df : null,
    intercept: joint ? joint.beta[0]! : null,
    rwR2: rw ? rw.r2 : null,
    grandMean,
    meanRiocs,
    touchpoints: rows,
  };
  return { est, effects };
}

/** Change of each touchpoint's mean against an earlier cell (Welch t). */
export function meanChange(cur: TouchpointRow, prev: TouchpointRow, alpha = 0.05): { previous: number; diff: number; p: number; significant: boolean } | undefined {
  if (!(cur.n > 1 && prev.n > 1)) return undefined;
  const se = (r: TouchpointRow) => r.sd / Math.sqrt(r.n);
  const d = diffMeans({ mean: cur.mean, se: se(cur), n: cur.n }, { mean: prev.mean, se: se(prev), n: prev.n });
  return { previous: prev.mean, diff: d.diff, p: d.p, significant: d.p < alpha };
}

/**
 * Whether a touchpoint's (b_low, b_high) differ between segments: the multivariate heterogeneity statistic
 * Q = Σ_g (θ_g − θ̄)' V_g⁻¹ (θ_g − θ̄), θ̄ the precision-weighted mean, ~ χ²(2(G − 1)) under equal effects.
 * Segments whose model could not estimate both effects are left out.
 */
export function heterogeneity(effects: EffectCov[]): { chi2: number; df: number; p: number; segments: number } | null {
  const ok = effects.filter((e) => e.ok && [e.v[0][0], e.v[1][1], e.v[0][1]].every(Number.isFinite));
  if (ok.length < 2) return null;
  const inv2 = (v: [[number, number], [number, number]]) => {
    const det = v[0][0] * v[1][1] - v[0][1] * v[1][0];
    return det > 0 ? [[v[1][1] / det, -v[0][1] / det], [-v[1][0] / det, v[0][0] / det]] : null;
  };
  const W = ok.map((e) => inv2(e.v));
  if (W.some((w) => !w)) return null;
  const S = [[0, 0], [0, 0]];
  const Sb = [0, 0];
  ok.forEach((e, g) => {
    const w = W[g]!;
    for (let a = 0; a < 2; a++) {
      for (let b = 0; b < 2; b++) S[a]![b]! += w[a]![b]!;
      Sb[a]! += w[a]![0]! * e.b[0] + w[a]![1]! * e.b[1];
    }
  });
  const Si = inv2(S as [[number, number], [number, number]]);
  if (!Si) return null;
  const mean = [Si[0]![0]! * Sb[0]! + Si[0]![1]! * Sb[1]!, Si[1]![0]! * Sb[0]! + Si[1]![1]! * Sb[1]!];
  let q = 0;
  ok.forEach((e, g) => {
    const w = W[g]!;
    const d = [e.b[0] - mean[0]!, e.b[1] - mean[1]!];
    q += d[0]! * (w[0]![0]! * d[0]! + w[0]![1]! * d[1]!) + d[1]! * (w[1]![0]! * d[0]! + w[1]![1]! * d[1]!);
  });
  const df = 2 * (ok.length - 1);
  return { chi2: q, df, p: chi2Sf(q, df), segments: ok.length };
}

/** Default bands per scale (METHODS-touchpoints §2.1): the middle point(s) are the reference. */
export function defaultBands(min: number, max: number, preset: 'default' | 'extremes' | 'nps' = 'default'): { low: number[]; ref: number[]; high: number[] } {
  const pts: number[] = [];
  for (let v = min; v <= max; v++) pts.push(v);
  let lowMax: number;
  let highMin: number;
  if (preset === 'extremes') {
    lowMax = min;
    highMin = max;
  } else if (preset === 'nps') {
    // 0–10: 0–6 / 7–8 / 9–10; other scales by the same proportions are not defined: fall back to default.
    if (min === 0 && max === 10) {
      lowMax = 6;
      highMin = 9;
    } else return defaultBands(min, max);
  } else {
    const k = max - min + 1;
    if (k % 2 === 1) {
      const mid = (min + max) / 2;
      lowMax = mid - 1;
      highMin = mid + 1;
    } else {
      lowMax = min + k / 2 - 2;
      highMin = min + k / 2 + 1;
    }
  }
  return {
    low: pts.filter((v) => v <= lowMax),
    ref: pts.filter((v) => v > lowMax && v < highMin),
    high: pts.filter((v) => v >= highMin),
  };
}
