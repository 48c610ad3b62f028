// Theme impact: for each theme, the NPS (or CSAT) of commenters who mention it versus commenters who do
// not, the difference with its 95% CI and p (independent groups, the metric helpers' own tests), and
// whether the theme pulls the score down (pain point) or up (delight). Themes no one mentions are left out.
import type { Survey } from '../dataset/types.js';
import { numAt } from '../dataset/types.js';
import { npsCell, diffNps } from '../metrics/nps.js';
import { csatCell, diffCsat } from '../metrics/csat.js';
import { getQuestion } from '../dataset/types.js';
import type { ThemeImpactRow, ThemeImpactSection, ThemesSection } from './model.js';
import { UNSTABLE_N } from './build-kpis.js';

export interface ImpactInput {
  s: Survey;
  roles: { nps?: string; csat?: string };
  /** Rows of the window's commenters (one per non-empty comment). */
  rows: number[];
  /** Theme names (codes) each row mentions. */
  themesOf: Map<number, string[]>;
  themes: ThemesSection;
}

/** The impact section, or undefined when there is no score to compare or no theme with mentions. */
export function buildThemeImpact(o: ImpactInput): ThemeImpactSection | undefined {
  const metric: 'nps' | 'csat' | undefined = o.roles.nps ? 'nps' : o.roles.csat ? 'csat' : undefined;
  if (!metric) return undefined;
  const col = o.s.columns.get((metric === 'nps' ? o.roles.nps : o.roles.csat)!);
  if (!col) return undefined;
  const scale = metric === 'nps' ? { min: 0, max: 10 } : getQuestion(o.s, o.roles.csat!)?.scale ?? { min: 1, max: 5 };
  // Commenters with a valid score.
  const scored: { row: number; v: number }[] = [];
  for (const r of o.rows) {
    const v = numAt(col, r);
    if (Number.isInteger(v) && v >= scale.min && v <= scale.max) scored.push({ row: r, v });
  }
  if (scored.length < 2) return undefined;
  const cell = (vals: number[]) => (metric === 'nps' ? npsCell(vals) : csatCell(vals, undefined, scale));
  const score = (c: ReturnType<typeof cell>) => (metric === 'nps' ? (c as { nps: number }).nps : (c as { csat: number }).csat);
  const diff = (a: ReturnType<typeof cell>, b: ReturnType<typeof cell>) => (metric === 'nps' ? diffNps(a as never, b as never) : diffCsat(a as never, b as never));

  const out: ThemeImpactRow[] = [];
  const codes = o.themes.themes.filter((t) => !t.net && t.count > 0);
  for (const th of codes) {
    const withV: number[] = [];
    const withoutV: number[] = [];
    for (const x of scored) ((o.themesOf.get(x.row) ?? []).includes(th.name) ? withV : withoutV).push(x.v);
    if (withV.length === 0 || withoutV.length === 0) continue;
    const a = cell(withV);
    const b = cell(withoutV);
    const d = diff(a, b);
    if (!Number.isFinite(d.diff)) continue;
    out.push({
      key: th.key,
      name: th.name,
      nWith: withV.length,
      nWithout: withoutV.length,
      with: score(a),
      without: score(b),
      diff: d.diff,
      ci95: d.ci95,
      p: d.p,
      significant: d.p < 0.05,
      kind: d.diff < 0 ? 'pain' : 'delight',
      unstable: withV.length < UNSTABLE_N,
      // What the theme does to the overall score: the gap weighted by how many mention it.
      impact: (d.diff * withV.length) / scored.length,
    });
  }
  if (!out.length) return undefined;
  out.sort((x, y) => Math.abs(y.impact) - Math.abs(x.impact) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return { metric, n: scored.length, rows: out };
}
