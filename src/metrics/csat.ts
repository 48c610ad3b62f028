// CSAT (METHODS.md §1.3, §5.2): % top-2-box (4–5 on 1–5; in general the two highest scale points,
// so 6–7 on 1–7 and 9–10 on 0–10), with the mean and its t interval reported alongside.
import { agrestiCoull, diffMeans, diffProportions, meanInterval, Z95, type DiffResult } from './proportion.js';
import { countsRecord, share, summarize, tallyOf, type Tally } from './tally.js';

export interface CsatCell {
  n: number;
  /** Unweighted number of top-2-box answers. */
  top2: number;
  /** % top-2-box (weighted when weights are given). */
  csat: number;
  /** Agresti–Coull 95% CI of csat, in percent. */
  ci95: [number, number];
  /** Wald margin of error of csat, in points: 1.96·√(p(1−p)/n)·100. */
  moe95: number;
  /** % bottom-2-box. */
  bottom2Pct: number;
  mean: number;
  sd: number;
  /** t interval of the mean (df = n − 1, or n_eff − 1 when weighted). */
  meanCi95: [number, number];
  meanSe: number;
  /** The scale points counted as top-2 and bottom-2. */
  topBox: [number, number];
  bottomBox: [number, number];
  /** Unweighted counts per scale point. */
  counts: Record<string, number>;
  sumWeights?: number;
  nEff?: number;
}

export function csatFromTally(t: Tally): CsatCell {
  const max = t.min + t.k - 1;
  const s = summarize(t);
  const top = share(t, (v) => v >= max - 1);
  const bottom = share(t, (v) => v <= t.min + 1);
  const ac = agrestiCoull(top.share * s.nEff, s.nEff);
  const m = meanInterval(s.mean, s.sd, s.nEff);
  const cell: CsatCell = {
    n: s.n,
    top2: top.count,
    csat: 100 * top.share,
    ci95: [100 * ac.ci95[0], 100 * ac.ci95[1]],
    moe95: s.nEff > 0 ? 100 * Z95 * Math.sqrt((top.share * (1 - top.share)) / s.nEff) : NaN,
    bottom2Pct: 100 * bottom.share,
    mean: s.mean,
    sd: s.sd,
    meanCi95: m.ci95,
    meanSe: m.se,
    topBox: [max - 1, max],
    bottomBox: [t.min, t.min + 1],
    counts: countsRecord(t),
  };
  if (t.weighted) {
    cell.sumWeights = s.sumW;
    cell.nEff = s.nEff;
  }
  return cell;
}

/** CSAT of raw answers on [min, max] (default 1–5); invalid values are ignored (the caller reports them). */
export function csatCell(values: ArrayLike<number>, weights?: ArrayLike<number>, scale = { min: 1, max: 5 }): CsatCell {
  return csatFromTally(tallyOf(values, scale.min, scale.max, weights));
}

/** Difference of two independent CSAT (top-2-box) shares in points: Agresti–Caffo CI and z test. */
export function diffCsat(a: CsatCell, b: CsatCell): DiffResult {
  const na = a.nEff ?? a.n;
  const nb = b.nEff ?? b.n;
  const r = diffProportions({ x: (a.csat / 100) * na, n: na }, { x: (b.csat / 100) * nb, n: nb });
  return { ...r, diff: 100 * r.diff, se: 100 * r.se, ci95: [100 * r.ci95[0], 100 * r.ci95[1]] };
}

/** Difference of two independent means (Welch). */
export function diffCsatMean(a: CsatCell, b: CsatCell): DiffResult {
  return diffMeans({ mean: a.mean, se: a.meanSe, n: a.nEff ?? a.n }, { mean: b.mean, se: b.meanSe, n: b.nEff ?? b.n });
}
