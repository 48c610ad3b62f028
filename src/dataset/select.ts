// Shared selection helpers: find the question for a metric, read a score column with validation,
// group rows by one or two columns, read weights, and find the date column. Pure; no printing.
import type { Column, Question, Survey } from './types.js';
import { resolveColumn } from './where.js';
import { suggestions } from './suggest.js';
import { inputError } from '../ui/errors.js';
import { MISSING_CODES, readerFor } from '../ingest/values.js';
import { newAccounting, note, type Accounting } from './accounting.js';

export type MetricKind = 'nps' | 'csat' | 'ces';

/**
 * resolveColumn (id, label, role alias) with "did you mean" on a miss: the closest column ids and labels
 * (case, width, separators, small typos), then the usual list of columns.
 */
export function resolveOrSuggest(survey: Survey, name: string, flag: string): { id: string; col: Column } {
  try {
    return resolveColumn(survey, name, flag);
  } catch (e) {
    const cands = survey.questions.filter((q) => survey.columns.has(q.id)).flatMap((q) => (q.label && q.label !== q.id ? [q.id, q.label] : [q.id]));
    const near = suggestions(name, cands, 3).map((c) => survey.questions.find((q) => q.id === c) ?? survey.questions.find((q) => q.label === c)!);
    if (near.length === 0) throw e;
    const list = [...new Set(near.map((q) => q.id))].map((id) => {
      const q = survey.questions.find((x) => x.id === id)!;
      return q.label && q.label !== q.id ? `${q.id} ("${cut(q.label, 40)}")` : q.id;
    });
    const ids = [...survey.columns.keys()];
    throw inputError(
      `${flag}: no column named "${name}" in ${survey.source.join(', ')}; did you mean ${list.join(' or ')}? (columns: ${ids.slice(0, 12).join(', ')}${ids.length > 12 ? ', …' : ''})`,
      `${flag}：${survey.source.join('，')} 中没有名为 "${name}" 的列；是否应为 ${list.join(' 或 ')}？（现有列：${ids.slice(0, 12).join('、')}${ids.length > 12 ? '、…' : ''}）`,
    );
  }
}

const LABEL_HINTS: Record<MetricKind, RegExp> = {
  nps: /\bnps\b|recommend|likelihood to recommend|\bltr\b|推荐|净推荐/i,
  csat: /\bcsat\b|satisf|满意/i,
  ces: /\bces\b|effort|easy to|easy for|ease of|费力|省力|容易|轻松|便捷|便利/i,
};
const SCORE_TYPES = new Set(['nps', 'rating', 'likert', 'number', 'single', 'category']);

const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);
const describeQ = (q: Question) => (q.label && q.label !== q.id ? `${cut(q.id, 40)} ("${cut(q.label, 40)}")` : cut(q.id, 40));

/**
 * The question a metric is computed on: `explicit` (--question: id or label) if given; else the one
 * question with that role (cx.yaml / recognition), else (NPS) the one question of type nps, else the one
 * numeric-looking question whose id/label names the metric (English or Chinese). Several or none: exit 2
 * with the candidates listed.
 */
export function findQuestion(survey: Survey, metric: MetricKind, explicit?: string): Question {
  if (explicit) {
    const { id } = resolveOrSuggest(survey, explicit, '--question');
    return survey.questions.find((q) => q.id === id) ?? { id, label: id, type: 'number' };
  }
  const tiers: Question[][] = [
    survey.questions.filter((q) => q.role === metric),
    metric === 'nps' ? survey.questions.filter((q) => q.type === 'nps') : [],
    survey.questions.filter(
      (q) =>
        SCORE_TYPES.has(q.type) &&
        !q.role &&
        !/_NPS_GROUP$/i.test(q.id) && // Qualtrics' derived promoter/passive/detractor code
        (LABEL_HINTS[metric].test(q.label) || LABEL_HINTS[metric].test(q.id)),
    ),
  ];
  // A column that names NPS is not a CSAT candidate even if it mentions satisfaction.
  if (metric !== 'nps') tiers[2] = tiers[2]!.filter((q) => !LABEL_HINTS.nps.test(q.label) && q.type !== 'nps');
  if (metric === 'csat') {
    const g = guessCsat(survey);
    tiers.push(g ? [g] : []);
  }
  for (const tier of tiers) {
    const qs = tier.filter((q) => survey.columns.has(q.id));
    if (qs.length === 1) return qs[0]!;
    if (qs.length > 1) {
      const list = qs.slice(0, 10).map(describeQ).join(', ');
      throw inputError(
        `${survey.source.join(', ')}: ${qs.length} columns could be the ${metric.toUpperCase()} question: ${list}; choose one with --question COL.`,
        `${survey.source.join('，')}：有 ${qs.length} 列可能是 ${metric.toUpperCase()} 题：${list}；请用 --question 指定其一。`,
      );
    }
  }
  const numeric = survey.questions.filter((q) => SCORE_TYPES.has(q.type) && survey.columns.has(q.id));
  const list = numeric.slice(0, 12).map(describeQ).join(', ') || '(none)';
  throw inputError(
    `${survey.source.join(', ')}: no ${metric.toUpperCase()} question found; choose the column with --question COL (candidates: ${list}).`,
    `${survey.source.join('，')}：未找到 ${metric.toUpperCase()} 题；请用 --question 指定列（候选：${list}）。`,
  );
}

const RATING_WORDS = /\brating\b|\bstars?\b|评分|打分|星级|评星/i;

/**
 * The CSAT question of a feedback file that names no satisfaction: the one rating question on 1–5 (or 1–7,
 * 1–10) whose label says it is a rating ("Rating", "评分", "星级"), when no question has a CSAT role. A guess, so
 * callers only use it when nothing better exists.
 */
export function guessCsat(survey: Survey): Question | undefined {
  if (survey.questions.some((q) => q.role === 'csat')) return undefined;
  const qs = survey.questions.filter(
    (q) => (q.type === 'rating' || q.type === 'likert') && !q.role && !q.parent && survey.columns.has(q.id) && (RATING_WORDS.test(q.label) || RATING_WORDS.test(q.id)),
  );
  return qs.length === 1 ? qs[0] : undefined;
}

export interface ScoreColumn {
  /** Valid integer scores on [min, max]; NaN for missing and excluded values. */
  values: Float64Array;
  missing: number;
  /** Answers that could not be read as a score (accounting: unreadable). */
  notNumeric: number;
  outOfScale: number;
  /** 1-based response numbers of the first excluded values. */
  firstBadRows: number[];
  /** A few of the offending raw values. */
  badExamples: string[];
  /** The accounting rule's record for this question (rows in `mask` only). */
  accounting: Accounting;
}

/** Distinct non-empty texts of a string column (up to `cap`), to pick the answer vocabulary. */
export function distinctTexts(col: Column, cap = 500): string[] {
  if (col.kind === 'num') return [];
  const seen = new Set<string>();
  for (const s of col.values) {
    if (s == null || seen.has(s)) continue;
    seen.add(s);
    if (seen.size >= cap) break;
  }
  return [...seen];
}

/**
 * Reads a score column through the one value reader (src/ingest/values.ts): numbers, full-width digits,
 * "10分", "★★★★", "10 - 极有可能" / "非常愿意 10", vocabulary labels that fit the scale, the question's labels
 * and cx.yaml `values`. Empty and "not applicable" answers are missing; unreadable answers and values that are
 * not whole numbers on [min, max] are excluded and counted with examples. Only rows where `mask` is 1 count.
 */
export function readScores(survey: Survey, q: Question, min: number, max: number, mask?: Uint8Array, opts: { whole?: boolean } = {}): ScoreColumn {
  const whole = opts.whole ?? true;
  const col = survey.columns.get(q.id)!;
  const n = survey.nRows;
  const values = new Float64Array(n);
  const acc = newAccounting(q.id);
  const codes = !(min < 0); // −99-style "don't know" codes, unless the scale itself goes below 0
  if (col.kind === 'num') {
    const src = col.values;
    for (let i = 0; i < n; i++) {
      const v = src[i]!;
      if (mask && !mask[i]) values[i] = NaN;
      else if (v !== v || (v < 0 && codes && MISSING_CODES.has(v))) {
        values[i] = NaN;
        acc.excluded.missing++;
      } else if (v >= min && v <= max && (!whole || Math.floor(v) === v)) {
        values[i] = v;
        acc.answered++;
        acc.used++;
      } else {
        values[i] = NaN;
        note(acc, 'outOfScale', i, () => String(v));
      }
    }
    return toScoreColumn(values, acc);
  }
  const read = readerFor(q, min, max, distinctTexts(col));
  const src = col.values;
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) {
      values[i] = NaN;
      continue;
    }
    const s = src[i];
    const v = s == null ? null : read(s);
    if (v === null) {
      values[i] = NaN;
      acc.excluded.missing++;
    } else if (v !== v) {
      values[i] = NaN;
      note(acc, 'unreadable', i, () => s!.trim());
    } else if (v >= min && v <= max && (!whole || Math.floor(v) === v)) {
      values[i] = v;
      acc.answered++;
      acc.used++;
    } else {
      values[i] = NaN;
      note(acc, 'outOfScale', i, () => s!.trim());
    }
  }
  return toScoreColumn(values, acc);
}

/**
 * Reads any numeric question (drivers, SERVQUAL items, Kano importance) through the same value reader: on its
 * scale when it has one (values off the scale are outOfScale), else any finite number. cx.yaml `values` apply.
 */
export function readNumbers(survey: Survey, id: string, mask?: Uint8Array): ScoreColumn {
  const q = survey.questions.find((x) => x.id === id) ?? { id, label: id, type: 'number' as const };
  const sc = q.type === 'nps' ? { min: 0, max: 10 } : q.scale;
  if (sc && Number.isFinite(sc.min) && Number.isFinite(sc.max) && sc.max > sc.min) return readScores(survey, q, sc.min, sc.max, mask, { whole: false });
  return readScores(survey, q, -Infinity, Infinity, mask, { whole: false });
}

function toScoreColumn(values: Float64Array, acc: Accounting): ScoreColumn {
  const bad = [...acc.examples.unreadable, ...acc.examples.outOfScale].sort((a, b) => a.row - b.row).slice(0, 5);
  return {
    values,
    missing: acc.excluded.missing,
    notNumeric: acc.excluded.unreadable,
    outOfScale: acc.excluded.outOfScale,
    firstBadRows: bad.map((x) => x.row),
    badExamples: bad.map((x) => x.value),
    accounting: acc,
  };
}

export interface GroupCodes {
  /** Column ids grouped by. */
  columns: string[];
  /** Group index per row (every row has one; a missing value is its own group with value null). */
  codes: Int32Array;
  /** One key per group, in sorted order: { COL: value }. */
  keys: Record<string, string | null>[];
}

// A fixed locale, so that group order does not depend on the machine's LANG.
const collator = new Intl.Collator('en', { numeric: true });

/** Sorted order of group values: natural order, missing last. */
function groupOrder(values: (string | null)[]): number[] {
  return values.map((_, i) => i).sort((a, b) => {
    const x = values[a]!;
    const y = values[b]!;
    if (x === null) return y === null ? 0 : 1;
    if (y === null) return -1;
    return collator.compare(x, y);
  });
}

/**
 * Group codes of a dictionary-encoded column (a dataset's): the dictionary's texts are grouped once (blank =
 * missing), then one pass maps each row's stored code. Same groups and order as the per-row path below.
 */
function dictCodesOf(dict: { codes: Uint32Array; values: string[] }, n: number): { codes: Int32Array; values: (string | null)[] } {
  const src = dict.codes;
  const used = new Uint8Array(dict.values.length + 1);
  for (let i = 0; i < n; i++) used[src[i]!] = 1;
  const values: (string | null)[] = [];
  const index = new Map<string | null, number>();
  const entry = new Int32Array(dict.values.length + 1); // stored code → group (in first-seen order)
  for (let j = 0; j < used.length; j++) {
    if (!used[j]) continue;
    const t = j === 0 ? null : dict.values[j - 1]!;
    const v = t === null || t.trim() === '' ? null : t;
    let c = index.get(v);
    if (c === undefined) {
      c = values.length;
      values.push(v);
      index.set(v, c);
    }
    entry[j] = c;
  }
  const order = groupOrder(values);
  const remap = new Int32Array(values.length);
  order.forEach((old, neu) => (remap[old] = neu));
  for (let j = 0; j < entry.length; j++) entry[j] = remap[entry[j]!]!;
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = entry[src[i]!]!;
  return { codes, values: order.map((i) => values[i]!) };
}

function codesOf(col: Column, n: number): { codes: Int32Array; values: (string | null)[] } {
  if (col.kind === 'str' && col.dict && col.dict.codes.length === n) return dictCodesOf(col.dict, n);
  const codes = new Int32Array(n);
  const values: (string | null)[] = [];
  if (col.kind === 'num') {
    const map = new Map<number, number>();
    let missingCode = -1;
    for (let i = 0; i < n; i++) {
      const v = col.values[i]!;
      if (v !== v) {
        if (missingCode < 0) {
          missingCode = values.length;
          values.push(null);
        }
        codes[i] = missingCode;
        continue;
      }
      let c = map.get(v);
      if (c === undefined) {
        c = values.length;
        values.push(String(v));
        map.set(v, c);
      }
      codes[i] = c;
    }
  } else {
    const map = new Map<string | null, number>();
    for (let i = 0; i < n; i++) {
      let v = col.values[i] ?? null;
      if (v !== null && v.trim() === '') v = null;
      let c = map.get(v);
      if (c === undefined) {
        c = values.length;
        values.push(v);
        map.set(v, c);
      }
      codes[i] = c;
    }
  }
  // Sorted order: natural order of values, missing last.
  const order = groupOrder(values);
  const remap = new Int32Array(values.length);
  order.forEach((old, neu) => (remap[old] = neu));
  for (let i = 0; i < n; i++) codes[i] = remap[codes[i]!]!;
  return { codes, values: order.map((i) => values[i]!) };
}

/** Group codes for one or two columns (ids or labels). Groups are the value combinations that occur. */
export function groupCodes(survey: Survey, cols: string[]): GroupCodes {
  if (cols.length === 0 || cols.length > 2) {
    throw inputError('--by takes one or two columns, e.g. --by region or --by region,plan.', '--by 需要一到两个列，例如 --by region 或 --by region,plan。');
  }
  const resolved = cols.map((c) => resolveOrSuggest(survey, c.trim(), '--by'));
  const n = survey.nRows;
  const parts = resolved.map((r) => codesOf(r.col, n));
  const ids = resolved.map((r) => r.id);
  if (parts.length === 1) {
    return { columns: ids, codes: parts[0]!.codes, keys: parts[0]!.values.map((v) => ({ [ids[0]!]: v })) };
  }
  const [a, b] = parts as [ReturnType<typeof codesOf>, ReturnType<typeof codesOf>];
  const kb = b.values.length;
  const present = new Uint8Array(a.values.length * kb);
  for (let i = 0; i < n; i++) present[a.codes[i]! * kb + b.codes[i]!] = 1;
  const dense = new Int32Array(present.length).fill(-1);
  const keys: Record<string, string | null>[] = [];
  for (let j = 0; j < present.length; j++) {
    if (!present[j]) continue;
    dense[j] = keys.length;
    keys.push({ [ids[0]!]: a.values[Math.floor(j / kb)]!, [ids[1]!]: b.values[j % kb]! });
  }
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) codes[i] = dense[a.codes[i]! * kb + b.codes[i]!]!;
  return { columns: ids, codes, keys };
}

/** Row indices per group, keyed by the values joined with " / " (missing shown as "(missing)"). */
export function groupIndices(survey: Survey, cols: string[]): Map<string, number[]> {
  const g = groupCodes(survey, cols);
  const names = g.keys.map((k) => g.columns.map((c) => k[c] ?? '(missing)').join(' / '));
  const out = new Map<string, number[]>(names.map((nm) => [nm, []]));
  for (let i = 0; i < g.codes.length; i++) out.get(names[g.codes[i]!]!)!.push(i);
  return out;
}

export interface WeightColumn {
  id: string;
  /** Weight per row; NaN where missing, negative or not a number (those rows are excluded). */
  weights: Float64Array;
  bad: number;
  firstBadRows: number[];
}

/** Reads a weight column (id or label). */
export function readWeights(survey: Survey, name: string): WeightColumn {
  const { id, col } = resolveColumn(survey, name, '--weight');
  const n = survey.nRows;
  const weights = new Float64Array(n);
  let bad = 0;
  const firstBadRows: number[] = [];
  for (let i = 0; i < n; i++) {
    const raw = col.kind === 'num' ? col.values[i]! : col.values[i] == null || col.values[i]!.trim() === '' ? NaN : Number(col.values[i]);
    if (raw >= 0 && Number.isFinite(raw)) weights[i] = raw;
    else {
      weights[i] = NaN;
      bad++;
      if (firstBadRows.length < 5) firstBadRows.push(i + 1);
    }
  }
  return { id, weights, bad, firstBadRows };
}

const DATE_NAMES = [
  'recordeddate', 'enddate', 'submitdate', 'date submitted', 'submitted at', 'submission date', 'timestamp',
  'completion time', 'end time', 'date', 'startdate', '提交答卷时间', '提交时间', '答题时间', '完成时间', '日期',
];

/** The response-date column: --date if given, else the survey's date column, role or type, else a known name. */
export function findDateColumn(survey: Survey, explicit?: string): string {
  if (explicit) return resolveColumn(survey, explicit, '--date').id;
  if (survey.dateColumn && survey.columns.has(survey.dateColumn)) return survey.dateColumn;
  const byRole = survey.questions.filter((q) => q.role === 'date' && survey.columns.has(q.id));
  if (byRole.length >= 1) return byRole[0]!.id;
  const byType = survey.questions.filter((q) => q.type === 'date' && survey.columns.has(q.id));
  if (byType.length === 1) return byType[0]!.id;
  for (const name of DATE_NAMES) {
    const q = survey.questions.find((x) => x.id.toLowerCase() === name || x.label.toLowerCase() === name);
    if (q && survey.columns.has(q.id)) return q.id;
  }
  throw inputError(
    `${survey.source.join(', ')}: no response-date column found for --period; name it with --date COL.`,
    `${survey.source.join('，')}：找不到用于 --period 的答卷日期列；请用 --date 指定。`,
  );
}
