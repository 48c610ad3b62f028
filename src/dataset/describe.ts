// What a dataset or export holds: platform, encoding, rows, waves, exclusions and one line per question.
// Pure: takes a Survey, returns JSON-able data (used by `cx describe`).
import type { Exclusion, Survey } from './types.js';
import { columnDays, dayToIso } from './period.js';
import type { Accounting } from './accounting.js';
import { readScores } from './select.js';

export interface QuestionSummary {
  id: string;
  type: string;
  label: string;
  role?: string;
  parent?: string;
  answered: number;
  missing: number;
  scale?: { min: number; max: number; labels?: Record<string, string> };
  choices?: { code: string; label: string }[];
  /** Date columns: first and last day as periods read them, answers that are not dates, the day/month order used. */
  dates?: { first: string | null; last: string | null; unreadable: number; format?: string };
  /** Scale questions (nps, rating, likert): the accounting rule on the question's scale (every row). */
  accounting?: Accounting;
}

export interface SurveySummary {
  platform: string;
  encoding?: string;
  rows: number;
  waves: string[];
  sources: string[];
  idColumn?: string;
  dateColumn?: string;
  waveColumn?: string;
  exclusions: Exclusion[];
  warnings: string[];
  questions: QuestionSummary[];
}

/** Exclusions of every import, summed by reason. */
export function totalExclusions(s: Survey): Exclusion[] {
  const m = new Map<string, Exclusion>();
  for (const e of s.log.flatMap((l) => l.exclusions)) {
    const x = m.get(e.reason);
    if (x) x.count += e.count;
    else m.set(e.reason, { reason: e.reason, count: e.count });
  }
  return [...m.values()];
}

export function describeSurvey(s: Survey): SurveySummary {
  const questions = s.questions.map((q): QuestionSummary => {
    const col = s.columns.get(q.id);
    let answered = 0;
    if (col?.kind === 'num') {
      for (let i = 0; i < s.nRows; i++) if (!Number.isNaN(col.values[i]!)) answered++;
    } else if (col) {
      const vals = col.values; // once: a stored column's texts come from a getter
      for (let i = 0; i < s.nRows; i++) {
        const v = vals[i];
        if (v != null && v !== '') answered++;
      }
    }
    const out: QuestionSummary = { id: q.id, type: q.type, label: q.label, answered, missing: s.nRows - answered };
    if (q.role) out.role = q.role;
    if (q.parent) out.parent = q.parent;
    if (q.scale) out.scale = q.scale;
    if (q.choices) out.choices = q.choices;
    if (q.type === 'date' && col) {
      // The same day numbers `--period` uses, so describe and the periods agree.
      const days = columnDays(col);
      let lo = Infinity;
      let hi = -Infinity;
      let bad = 0;
      let vals: ArrayLike<number | string | null> | undefined; // read only if a date is unreadable
      for (let i = 0; i < s.nRows; i++) {
        const d = days[i]!;
        if (d === d) {
          if (d < lo) lo = d;
          if (d > hi) hi = d;
        } else {
          const v = (vals ??= col.values)[i];
          if (typeof v === 'number' ? !Number.isNaN(v) : v != null && v !== '') bad++;
        }
      }
      out.dates = { first: lo <= hi ? dayToIso(lo) : null, last: lo <= hi ? dayToIso(hi) : null, unreadable: bad, ...(q.dateFormat ? { format: q.dateFormat } : {}) };
    }
    if (col && (q.type === 'nps' || q.type === 'rating' || q.type === 'likert')) {
      const sc = q.type === 'nps' ? { min: 0, max: 10 } : q.scale;
      if (sc && Number.isFinite(sc.min) && Number.isFinite(sc.max)) out.accounting = readScores(s, q, sc.min, sc.max, undefined, { whole: false }).accounting;
    }
    return out;
  });
  return {
    platform: s.platform,
    encoding: s.encoding,
    rows: s.nRows,
    waves: s.waves ?? [...new Set(s.log.map((l) => l.wave).filter((w): w is string => Boolean(w)))],
    sources: s.source,
    idColumn: s.idColumn,
    dateColumn: s.dateColumn,
    waveColumn: s.waveColumn,
    exclusions: totalExclusions(s),
    warnings: s.log.flatMap((l) => l.warnings),
    questions,
  };
}
