// `cx init`: propose a journey from a rating grid (matrix question: "请评价以下方面—配送速度…", Qualtrics Q5_1…),
// its rows as touchpoints in question order, and an overall outcome. A draft for the user to split into stages.
import type { Question, Survey } from '../dataset/types.js';

export interface ProposedJourney {
  outcome?: string;
  /** Why this outcome (for the comment in cx.yaml). */
  outcomeNote: string;
  na?: string[];
  grid: string;
  touchpoints: { name: string; column: string }[];
}

const OVERALL = /overall|all in all|in general|总体|整体|总的来说|综合|总评/i;
const RATING = new Set(['rating', 'likert', 'nps', 'number']);

/** Grids: rating questions sharing a parent (or an id stem Q5_1, Q5_2 …), 3+ rows, in question order. */
function grids(s: Survey): { key: string; qs: Question[] }[] {
  const by = new Map<string, Question[]>();
  for (const q of s.questions) {
    if (!s.columns.has(q.id) || !(q.type === 'rating' || q.type === 'likert') || q.role) continue;
    const key = q.parent ?? /^(.+?)_\d+$/.exec(q.id)?.[1];
    if (!key) continue;
    let list = by.get(key);
    if (!list) by.set(key, (list = []));
    list.push(q);
  }
  return [...by.entries()].filter(([, qs]) => qs.length >= 3).map(([key, qs]) => ({ key, qs }));
}

/** The row text of a matrix question: its option, else the label after the last " - ", else the id. */
function rowName(q: Question): string {
  if (q.option) return q.option;
  const parts = q.label.split(/\s[-–—]\s|[—–]{1,2}/);
  const last = parts[parts.length - 1]?.trim();
  return last && parts.length > 1 ? last : q.label || q.id;
}

export function proposeJourney(s: Survey, fallbackOutcome?: string): ProposedJourney | undefined {
  const gs = grids(s);
  if (!gs.length) return undefined;
  // The grid with most rows (the first one on ties).
  const g = gs.reduce((a, b) => (b.qs.length > a.qs.length ? b : a));
  const inGrid = new Set(gs.flatMap((x) => x.qs.map((q) => q.id)));
  const order = s.questions.map((q) => q.id);
  const lastIdx = Math.max(...g.qs.map((q) => order.indexOf(q.id)));
  const after = s.questions.slice(lastIdx + 1).find((q) => s.columns.has(q.id) && RATING.has(q.type) && !inGrid.has(q.id) && OVERALL.test(q.label));
  const mins = g.qs.map((q) => q.scale?.min).filter((x): x is number => x !== undefined);
  const na = mins.includes(0) && mins.some((m) => m >= 1) ? ['0'] : undefined;
  const out: ProposedJourney = {
    grid: g.key,
    touchpoints: g.qs.map((q) => ({ name: rowName(q), column: q.id })),
    outcomeNote: after ? `the overall question after the grid (${after.id})` : fallbackOutcome ? `the survey's main score (${fallbackOutcome})` : 'none found: set it',
  };
  if (after) out.outcome = after.id;
  else if (fallbackOutcome) out.outcome = fallbackOutcome;
  if (na) out.na = na;
  return out;
}
