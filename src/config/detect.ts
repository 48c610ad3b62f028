// `cx init` detection: from a loaded Survey, propose roles, Kano pairs, SERVQUAL items, key drivers and
// segments, and list what detection could not settle (several candidates), for the interactive prompts.
import type { Survey, Question } from '../dataset/types.js';
import { strAt } from '../dataset/types.js';
import { findKanoPairs } from '../metrics/kano-pairs.js';
import { findServqualItems } from '../metrics/servqual-items.js';
import { proposeJourney, type ProposedJourney } from '../metrics/journey-detect.js';
import type { KanoFeatureConfig, RolesConfig, ServqualItemConfig } from './schema.js';

export interface Detected {
  roles: RolesConfig;
  kano: KanoFeatureConfig[];
  servqual: ServqualItemConfig[];
  drivers?: { outcome: string; drivers: string[] };
  /** A journey drafted from the largest rating grid (touchpoints in question order). */
  journey?: ProposedJourney;
  /** Roles with several plausible columns (first = the one chosen) for the prompts. */
  candidates: Partial<Record<'nps' | 'csat' | 'ces' | 'date' | 'text', string[]>>;
  /** Segment candidates (chosen ones are in roles.segments). */
  segmentCandidates: string[];
}

const MAX_SEGMENT_VALUES = 12;

function distinctCount(s: Survey, id: string, cap: number): { distinct: number; answered: number } {
  const c = s.columns.get(id);
  if (!c) return { distinct: 0, answered: 0 };
  const seen = new Set<string>();
  let answered = 0;
  for (let i = 0; i < s.nRows; i++) {
    const v = strAt(c, i);
    if (v == null || v.trim() === '') continue;
    answered++;
    if (seen.size <= cap) seen.add(v);
  }
  return { distinct: seen.size, answered };
}

function avgTextLength(s: Survey, id: string): number {
  const c = s.columns.get(id);
  if (!c) return 0;
  let tot = 0;
  let k = 0;
  for (let i = 0; i < s.nRows; i++) {
    const v = strAt(c, i);
    if (v && v.trim()) {
      tot += v.length;
      k++;
    }
  }
  return k ? tot / k : 0;
}

export function detectConfig(s: Survey): Detected {
  const qs = s.questions.filter((q) => s.columns.has(q.id));
  const byRole = (role: string) => qs.filter((q) => q.role === role).map((q) => q.id);
  const kano = findKanoPairs(s);
  const kanoCols = new Set(kano.flatMap((k) => [k.functional, k.dysfunctional, k.importance].filter(Boolean) as string[]));
  const sq = findServqualItems(s);
  const servqual: ServqualItemConfig[] = sq.items
    .filter((it) => it.E && it.P && it.dimension)
    .map((it) => ({ expectation: it.E!, perception: it.P!, dimension: it.dimension! }));
  const sqCols = new Set(sq.items.flatMap((it) => [it.E, it.P, it.A, it.D].filter(Boolean) as string[]));

  const nps = [...byRole('nps'), ...qs.filter((q) => q.type === 'nps' && q.role !== 'nps').map((q) => q.id)];
  const csat = byRole('csat');
  const ces = byRole('ces');
  const dates = [
    ...(s.dateColumn ? [s.dateColumn] : []),
    ...byRole('date'),
    ...qs.filter((q) => q.type === 'date').map((q) => q.id),
  ].filter((x, i, a) => a.indexOf(x) === i);
  // Prefer the recorded/end date over the start date when recognition did not say.
  if (!s.dateColumn) dates.sort((a, b) => Number(/start/i.test(a)) - Number(/start/i.test(b)));
  const texts = [...byRole('comment'), ...qs.filter((q) => q.type === 'text' && q.role !== 'comment').map((q) => q.id)]
    .filter((x, i, a) => a.indexOf(x) === i);
  if (texts.length > 1 && !byRole('comment').length) texts.sort((a, b) => avgTextLength(s, b) - avgTextLength(s, a));

  const used = new Set([...nps.slice(0, 1), ...csat.slice(0, 1), ...ces.slice(0, 1), ...dates.slice(0, 1), ...texts.slice(0, 1), ...kanoCols, ...sqCols]);
  if (s.idColumn) used.add(s.idColumn);
  const segRole = byRole('segment');
  const segOther = qs
    .filter((q: Question) => (q.type === 'category' || q.type === 'single') && !used.has(q.id) && q.role !== 'segment')
    .filter((q) => {
      const d = distinctCount(s, q.id, MAX_SEGMENT_VALUES);
      return d.distinct >= 2 && d.distinct <= MAX_SEGMENT_VALUES && d.answered >= s.nRows / 2;
    })
    .map((q) => q.id);

  const roles: RolesConfig = {};
  if (nps[0]) roles.nps = nps[0];
  if (csat[0]) roles.csat = csat[0];
  if (ces[0]) roles.ces = ces[0];
  if (dates[0]) roles.date = dates[0];
  if (texts[0]) roles.text = texts[0];
  if (s.idColumn) roles.id = s.idColumn;
  if (segRole.length) roles.segments = segRole;

  // Key drivers: NPS (else CSAT) explained by the other rating questions (not roles, Kano or SERVQUAL).
  const outcome = roles.nps ?? roles.csat;
  let drv = qs
    .filter((q) => q.id !== outcome && (q.type === 'rating' || q.type === 'likert') && !q.role && !used.has(q.id))
    .map((q) => q.id);
  const journey = proposeJourney(s, roles.csat ?? roles.nps);
  if (journey) {
    // Journey columns are not key drivers too, unless nothing else would be left.
    const jc = new Set([...journey.touchpoints.map((t) => t.column), ...(journey.outcome ? [journey.outcome] : [])]);
    const rest = drv.filter((id) => !jc.has(id));
    if (rest.length >= 2) drv = rest;
  }
  const out: Detected = {
    roles,
    kano: kano.map((k) => ({ ...k })),
    servqual,
    candidates: {},
    segmentCandidates: [...segRole, ...segOther],
  };
  if (outcome && drv.length >= 2) out.drivers = { outcome, drivers: drv };
  if (journey) out.journey = journey;
  const cand = { nps, csat, ces, date: dates, text: texts };
  for (const [k, v] of Object.entries(cand)) if (v.length > 1) out.candidates[k as 'nps'] = v;
  return out;
}
