// Net Promoter Score (METHODS.md §1.1–1.2, DESIGN.md §3–4): 0–6 detractors, 7–8 passives, 9–10 promoters.
import { diffTrinomial, trinomial, Z95, type DiffResult } from './proportion.js';
import { linearizedSe, share, summarize, tallyOf, type Tally } from './tally.js';

export interface NpsCell {
  /** Unweighted number of valid answers. */
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** NPS on −100…100 (weighted when weights are given). */
  nps: number;
  /** 1.96·√(((p+d) − (p−d)²)/n)·100 (n = Kish n_eff when weighted). */
  moe95: number;
  /** Adjusted-Wald 95% CI in points (METHODS.md §1.1), centred on the adjusted NPS. */
  ci95: [number, number];
  /** Wald SE in points. */
  se: number;
  /** Per-response variance (p+d) − (p−d)² on the −1…1 scale. */
  variance: number;
  /** (Weighted) shares in percent. */
  pctPromoters: number;
  pctPassives: number;
  pctDetractors: number;
  /** Weighted data only: Σw, Kish n_eff, and the linearization SE (survey::svymean) for reference. */
  sumWeights?: number;
  nEff?: number;
  seLinearized?: number;
}

export const isPromoter = (v: number) => v >= 9;
export const isDetractor = (v: number) => v <= 6;
const npsScore = (v: number) => (v >= 9 ? 1 : v <= 6 ? -1 : 0);

/** An NPS cell from a tally over 0–10. */
export function npsFromTally(t: Tally): NpsCell {
  const s = summarize(t);
  const P = share(t, isPromoter);
  const D = share(t, isDetractor);
  const Pa = share(t, (v) => v === 7 || v === 8);
  const tri = trinomial(P.share, D.share, s.nEff);
  const cell: NpsCell = {
    n: s.n,
    promoters: P.count,
    passives: Pa.count,
    detractors: D.count,
    nps: 100 * tri.net,
    moe95: 100 * Z95 * tri.se,
    ci95: [100 * tri.ci95[0], 100 * tri.ci95[1]],
    se: 100 * tri.se,
    variance: tri.variance,
    pctPromoters: 100 * P.share,
    pctPassives: 100 * Pa.share,
    pctDetractors: 100 * D.share,
  };
  if (t.weighted) {
    cell.sumWeights = s.sumW;
    cell.nEff = s.nEff;
    cell.seLinearized = 100 * linearizedSe(t, npsScore);
  }
  return cell;
}

/**
 * NPS of raw 0–10 answers. NaN, out-of-range and non-integer values are ignored (the caller reports
 * them); with weights, NPS_w = 100·(Σw[P] − Σw[D])/Σw and the SE uses Kish's n_eff.
 */
export function npsCell(values: ArrayLike<number>, weights?: ArrayLike<number>): NpsCell {
  return npsFromTally(tallyOf(values, 0, 10, weights));
}

/** The trinomial quantities of a cell (for tests between cells). */
function triOf(c: NpsCell) {
  return trinomial(c.pctPromoters / 100, c.pctDetractors / 100, c.nEff ?? c.n);
}

/**
 * Two independent NPS compared (METHODS.md §1.1): diff = NPS_a − NPS_b in points, with the adjusted-Wald
 * (default) or Wald interval and two-sided p. Not for paired data.
 */
export function diffNps(a: NpsCell, b: NpsCell, method: 'wald' | 'adjusted-wald' = 'adjusted-wald'): DiffResult {
  const r = diffTrinomial(triOf(a), triOf(b), method);
  return { ...r, diff: 100 * r.diff, se: 100 * r.se, ci95: [100 * r.ci95[0], 100 * r.ci95[1]] };
}
