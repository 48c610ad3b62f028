// Interval estimates and two-sample tests shared by NPS, CSAT and CES (METHODS.md §1.1, §5.2).
// Pure functions; percentages are returned on the scale of their inputs (proportions in [0,1]).
import { tQuantile, tTwoSidedP, twoSidedP } from './distributions.js';

/** z for a two-sided 95% interval (METHODS.md conventions: 1.959964). */
export const Z95 = 1.959963984540054;

/** Kish's effective sample size (Σw)²/Σw². Unweighted data: n. */
export function kishNeff(sumW: number, sumW2: number): number {
  return sumW2 > 0 ? (sumW * sumW) / sumW2 : 0;
}

export interface Interval {
  estimate: number;
  se: number;
  ci95: [number, number];
}

const clamp = (x: number, lo: number, hi: number) => (x < lo ? lo : x > hi ? hi : x);

/**
 * Agresti–Coull (adjusted-Wald) interval for a proportion x/n (METHODS.md §5.2): ñ = n + z²,
 * p̃ = (x + z²/2)/ñ, p̃ ± z·√(p̃(1−p̃)/ñ). `x` and `n` may be effective (weighted) counts.
 */
export function agrestiCoull(x: number, n: number, z = Z95): Interval {
  if (!(n > 0)) return { estimate: NaN, se: NaN, ci95: [NaN, NaN] };
  const nt = n + z * z;
  const pt = (x + (z * z) / 2) / nt;
  const se = Math.sqrt((pt * (1 - pt)) / nt);
  return { estimate: x / n, se, ci95: [clamp(pt - z * se, 0, 1), clamp(pt + z * se, 0, 1)] };
}

/** Wilson score interval for x/n. */
export function wilson(x: number, n: number, z = Z95): Interval {
  if (!(n > 0)) return { estimate: NaN, se: NaN, ci95: [NaN, NaN] };
  const p = x / n;
  const z2 = z * z;
  const den = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / den;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / den;
  return { estimate: p, se: Math.sqrt((p * (1 - p)) / n), ci95: [centre - half, centre + half] };
}

export interface DiffResult {
  /** Point difference a − b (raw estimates). */
  diff: number;
  se: number;
  z?: number;
  t?: number;
  df?: number;
  /** Two-sided p-value. */
  p: number;
  ci95: [number, number];
  method: string;
}

/**
 * Difference of two independent proportions with the Agresti–Caffo adjusted interval (add one success and
 * one failure to each group); the p-value is the z test on the same adjusted quantities, so that
 * "significant" and "CI excludes 0" always agree.
 */
export function diffProportions(a: { x: number; n: number }, b: { x: number; n: number }, z = Z95): DiffResult {
  const diff = a.x / a.n - b.x / b.n;
  const na = a.n + 2;
  const nb = b.n + 2;
  const pa = (a.x + 1) / na;
  const pb = (b.x + 1) / nb;
  const se = Math.sqrt((pa * (1 - pa)) / na + (pb * (1 - pb)) / nb);
  const centre = pa - pb;
  const zz = se > 0 ? centre / se : NaN;
  return {
    diff,
    se,
    z: zz,
    p: a.n > 0 && b.n > 0 ? twoSidedP(zz) : NaN,
    ci95: [centre - z * se, centre + z * se],
    method: 'agresti-caffo',
  };
}

/** Mean with a t interval: x̄ ± t(n−1)·s/√n (METHODS.md §5.2). `n` may be Kish's n_eff for weighted data. */
export function meanInterval(mean: number, sd: number, n: number): Interval & { df: number } {
  const df = n - 1;
  if (!(n > 1)) return { estimate: n > 0 ? mean : NaN, se: NaN, ci95: [NaN, NaN], df };
  const se = sd / Math.sqrt(n);
  const t = tQuantile(0.975, df);
  return { estimate: mean, se, ci95: [mean - t * se, mean + t * se], df };
}

/** Welch's two-sample t test and interval for a difference of means, given each mean's SE and n. */
export function diffMeans(
  a: { mean: number; se: number; n: number },
  b: { mean: number; se: number; n: number },
): DiffResult {
  const diff = a.mean - b.mean;
  const va = a.se * a.se;
  const vb = b.se * b.se;
  const se = Math.sqrt(va + vb);
  const df = (va + vb) ** 2 / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1));
  const t = se > 0 ? diff / se : NaN;
  const q = Number.isFinite(df) && df > 0 ? tQuantile(0.975, df) : NaN;
  return { diff, se, t, df, p: tTwoSidedP(t, df), ci95: [diff - q * se, diff + q * se], method: 'welch-t' };
}

/**
 * A net score of a three-way split (NPS: promoters − detractors; CES index: top − bottom) with its
 * trinomial variance (p + d) − (p − d)² (METHODS.md §1.1). Shares p, d in [0,1]; n may be effective.
 */
export interface Trinomial {
  /** Raw net p − d on −1…1. */
  net: number;
  variance: number;
  /** Wald SE √(Var/n) on −1…1. */
  se: number;
  /** Adjusted-Wald quantities (+3/4 to each end, +3/2 to the middle; n + 3). */
  adjNet: number;
  adjVariance: number;
  adjN: number;
  adjSe: number;
  /** Adjusted-Wald 95% interval on −1…1, centred on the adjusted net, clamped to [−1, 1]. */
  ci95: [number, number];
}

export function trinomial(p: number, d: number, n: number, z = Z95): Trinomial {
  if (!(n > 0)) {
    return { net: NaN, variance: NaN, se: NaN, adjNet: NaN, adjVariance: NaN, adjN: NaN, adjSe: NaN, ci95: [NaN, NaN] };
  }
  const net = p - d;
  const variance = p + d - net * net;
  const adjN = n + 3;
  const pa = (p * n + 0.75) / adjN;
  const da = (d * n + 0.75) / adjN;
  const adjNet = pa - da;
  const adjVariance = pa + da - adjNet * adjNet;
  const adjSe = Math.sqrt(adjVariance / adjN);
  return {
    net,
    variance,
    se: Math.sqrt(Math.max(0, variance) / n),
    adjNet,
    adjVariance,
    adjN,
    adjSe,
    ci95: [clamp(adjNet - z * adjSe, -1, 1), clamp(adjNet + z * adjSe, -1, 1)],
  };
}

/**
 * Difference of two independent net scores (METHODS.md §1.1, MeasuringU / NPS::nps_test):
 * z = Δ / √(Var₁/n₁ + Var₂/n₂), p = 2·(1 − Φ(|z|)). 'adjusted-wald' (default) plugs in the adjusted
 * quantities and centres the interval on the adjusted difference; `diff` is always the raw difference.
 * Results on the −1…1 scale. Not valid for paired data (same respondents twice).
 */
export function diffTrinomial(a: Trinomial, b: Trinomial, method: 'wald' | 'adjusted-wald' = 'adjusted-wald', z = Z95): DiffResult {
  const diff = a.net - b.net;
  let centre: number;
  let se: number;
  if (method === 'wald') {
    centre = diff;
    se = Math.sqrt(a.se * a.se + b.se * b.se);
  } else {
    centre = a.adjNet - b.adjNet;
    se = Math.sqrt(a.adjSe * a.adjSe + b.adjSe * b.adjSe);
  }
  const zz = se > 0 ? centre / se : NaN;
  return { diff, se, z: zz, p: twoSidedP(zz), ci95: [centre - z * se, centre + z * se], method };
}
