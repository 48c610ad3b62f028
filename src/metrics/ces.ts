// Customer Effort Score (METHODS.md §1.3). CES 2.0 is a 1–7 agreement scale; three conventions exist and
// the caller names one: 'mean' (Nicereply), 'agree' = % above the midpoint (5–7 on 1–7, Zonka) and
// 'index' = % top-2 (6–7) − % below the midpoint (1–3), −100…100. On 1–5 the same rules give agree = 4–5
// and index = %(4–5) − %(1–2).
import { agrestiCoull, diffMeans, diffProportions, diffTrinomial, meanInterval, trinomial, Z95, type DiffResult } from './proportion.js';
import { countsRecord, share, summarize, tallyOf, type Tally } from './tally.js';

export type CesMethod = 'mean' | 'agree' | 'index';

export interface CesCell {
  n: number;
  /** The score under `method`: the mean, % agree, or the index in points. */
  ces: number;
  method: CesMethod;
  /** 95% CI of `ces`: t interval (mean), Agresti–Coull (agree) or adjusted-Wald trinomial (index). */
  ci95: [number, number];
  /** Wald margin of error of `ces` (same units). */
  moe95: number;
  mean: number;
  sd: number;
  meanSe: number;
  meanCi95: [number, number];
  /** % agreeing (above the midpoint). */
  agree: number;
  /** % top-2 minus % below the midpoint. */
  index: number;
  pctTop2: number;
  pctDisagree: number;
  counts: Record<string, number>;
  sumWeights?: number;
  nEff?: number;
}

export function cesFromTally(t: Tally, method: CesMethod = 'mean'): CesCell {
  const max = t.min + t.k - 1;
  const mid = (t.min + max) / 2;
  const s = summarize(t);
  const agree = share(t, (v) => v > mid);
  const top = share(t, (v) => v >= max - 1);
  const dis = share(t, (v) => v < mid);
  const m = meanInterval(s.mean, s.sd, s.nEff);
  const tri = trinomial(top.share, dis.share, s.nEff);
  let ces: number;
  let ci95: [number, number];
  let moe95: number;
  if (method === 'mean') {
    ces = s.mean;
    ci95 = m.ci95;
    moe95 = Z95 * m.se;
  } else if (method === 'agree') {
    const ac = agrestiCoull(agree.share * s.nEff, s.nEff);
    ces = 100 * agree.share;
    ci95 = [100 * ac.ci95[0], 100 * ac.ci95[1]];
    moe95 = s.nEff > 0 ? 100 * Z95 * Math.sqrt((agree.share * (1 - agree.share)) / s.nEff) : NaN;
  } else {
    ces = 100 * tri.net;
    ci95 = [100 * tri.ci95[0], 100 * tri.ci95[1]];
    moe95 = 100 * Z95 * tri.se;
  }
  const cell: CesCell = {
    n: s.n,
    ces,
    method,
    ci95,
    moe95,
    mean: s.mean,
    sd: s.sd,
    meanSe: m.se,
    meanCi95: m.ci95,
    agree: 100 * agree.share,
    index: 100 * tri.net,
    pctTop2: 100 * top.share,
    pctDisagree: 100 * dis.share,
    counts: countsRecord(t),
  };
  if (t.weighted) {
    cell.sumWeights = s.sumW;
    cell.nEff = s.nEff;
  }
  return cell;
}

/** CES of raw answers on [min, max] (default 1–7). Invalid values are ignored (the caller reports them). */
export function cesCell(
  values: ArrayLike<number>,
  method: CesMethod = 'mean',
  weights?: ArrayLike<number>,
  scale = { min: 1, max: 7 },
): CesCell {
  return cesFromTally(tallyOf(values, scale.min, scale.max, weights), method);
}

/** Difference of two independent CES under the cells' method (Welch t, Agresti–Caffo, or adjusted-Wald). */
export function diffCes(a: CesCell, b: CesCell): DiffResult {
  const na = a.nEff ?? a.n;
  const nb = b.nEff ?? b.n;
  if (a.method === 'mean') return diffMeans({ mean: a.mean, se: a.meanSe, n: na }, { mean: b.mean, se: b.meanSe, n: nb });
  const scale = (r: DiffResult): DiffResult => ({ ...r, diff: 100 * r.diff, se: 100 * r.se, ci95: [100 * r.ci95[0], 100 * r.ci95[1]] });
  if (a.method === 'agree') {
    return scale(diffProportions({ x: (a.agree / 100) * na, n: na }, { x: (b.agree / 100) * nb, n: nb }));
  }
  const ta = trinomial(a.pctTop2 / 100, a.pctDisagree / 100, na);
  const tb = trinomial(b.pctTop2 / 100, b.pctDisagree / 100, nb);
  return scale(diffTrinomial(ta, tb));
}
