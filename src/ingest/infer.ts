// Type inference for one column of cells (question type, scale, choices, role) and cx.yaml overrides.
// Numeric answers become Float64Array columns; text stays interned strings (one instance per value).
import type { Column, Question, QuestionType, Scale, Survey } from '../dataset/types.js';
import type { ColumnHint } from './platforms/common.js';
import { dateWarnings, decideDateOrder, excelSerialToIso, numericDateCandidates, parseDate } from './platforms/dates.js';
import { KANO_CHOICES, KANO_ID, MISSING_CODES, ROLE_CES, ROLE_COMMENT, ROLE_CSAT, ROLE_NPS, roleFromLabel } from './platforms/vocab.js';
import { hasLabelForm, isVocabLabel, matchVocab, normalise, readAnswer, scaleFromText, scaleFromValues, splitNumberLabel, type ScaleGuess, type Vocab } from './values.js';

export { roleFromLabel };

export interface Inferred {
  question: Question;
  column: Column;
  warnings: string[];
}

/** A string pool so equal cell values share one instance. */
export class Interner {
  private m = new Map<string, string>();
  get(s: string): string {
    const v = this.m.get(s);
    if (v !== undefined) return v;
    this.m.set(s, s);
    return s;
  }
}

const DATE_HEADER = /(^|[^a-z])(date|time|timestamp|submitted|created|recorded|datum|fecha)([^a-z]|$)|日期|时间|時間|提交|填写时间|答卷时间/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NUM = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const NUM_LABEL = /^(-?\d+(?:\.\d+)?)(?:\s+[-–]\s+|\s*[:=]\s*)(\D.*)$/s;

export function toNumber(s: string): number {
  const t = s.trim();
  return NUM.test(t) ? Number(t) : NaN;
}

interface Stats {
  n: number; // non-empty
  distinct: Set<string>; // capped at CAP + 1 values
  capped: boolean;
  allNum: boolean;
  numLabel: boolean; // some values like "10 - Extremely likely"
  allInt: boolean;
  min: number;
  max: number;
  totalLen: number;
  /** Every cell as a number (NaN when empty), filled while `allNum` holds: a numeric column needs no second parse. */
  nums?: Float64Array;
}

const CAP = 500;

function scan(cells: readonly string[], n: number): Stats {
  const st: Stats = { n: 0, distinct: new Set(), capped: false, allNum: true, numLabel: false, allInt: true, min: Infinity, max: -Infinity, totalLen: 0 };
  let nums: Float64Array | undefined; // allocated at the first number (never for text columns)
  // Cells are interned (RawTable contract): each distinct text is parsed once.
  const memo = new Map<string, number>();
  const seenSmall = new Uint8Array(100);
  for (let k = 0; k < n; k++) {
    const raw = cells[k]!;
    if (raw === '' || (!(raw.charCodeAt(0) > 32 && raw.charCodeAt(0) < 127) && raw.trim() === '')) continue;
    st.n++;
    st.totalLen += raw.length;
    if (!st.allNum) {
      if (!st.capped && !st.distinct.has(raw)) {
        st.distinct.add(raw);
        if (st.distinct.size > CAP) st.capped = true;
      }
      continue;
    }
    // Ratings and codes "0".."99" (no sign, no leading zero): read the digits; only the first
    // occurrence of each goes through the full path below (statistics, distinct values).
    let small = -1;
    if (raw.length <= 2) {
      const d0 = raw.charCodeAt(0) - 48;
      if (d0 >= 0 && d0 <= 9) {
        if (raw.length === 1) small = d0;
        else if (d0 > 0) {
          const d1 = raw.charCodeAt(1) - 48;
          if (d1 >= 0 && d1 <= 9) small = d0 * 10 + d1;
        }
      }
      if (small >= 0 && seenSmall[small] === 1) {
        nums![k] = small; // seen before as a number, so nums exists
        continue;
      }
    }
    let v = memo.get(raw);
    if (v !== undefined) {
      nums![k] = v; // a memoised text was a number, so nums exists
      continue; // already counted in the statistics
    }
    if (!st.capped) {
      st.distinct.add(raw);
      if (st.distinct.size > CAP) st.capped = true;
    }
    v = toNumber(raw);
    if (Number.isNaN(v)) {
      const m = NUM_LABEL.exec(raw.trim());
      if (m) {
        v = Number(m[1]);
        st.numLabel = true;
      } else {
        st.allNum = false;
        continue;
      }
    }
    if (nums === undefined) st.nums = nums = new Float64Array(n).fill(NaN);
    nums[k] = v;
    if (small >= 0) seenSmall[small] = 1;
    else if (memo.size < 4096) memo.set(raw, v);
    if (!Number.isInteger(v)) st.allInt = false;
    if (!MISSING_CODES.has(v)) {
      if (v < st.min) st.min = v;
      if (v > st.max) st.max = v;
    }
  }
  return st;
}

/** Words in a question that say its answers are scores (so "非常愿意 10"-style answers are read as numbers). */
const SCORE_WORDS = /rating|rate|score|scale|stars?|points?|评分|打分|评价|分数|星级|几分|满分|\d\s*[-–~到至]\s*\d+\s*分/i;

/** Questions whose value-guessed scale may be widened to their siblings' (ranking items, matrix rows). */
const GUESSED = new WeakMap<Question, { min: number; max: number }>();

/** Small integer counts 0..10 of a parsed numeric column (for scaleFromValues). */
function smallCounts(nums: Float64Array | undefined, n: number): Float64Array {
  const c = new Float64Array(11);
  if (!nums) return c;
  for (let k = 0; k < n; k++) {
    const v = nums[k]!;
    if (v >= 0 && v <= 10) c[v]! += 1;
  }
  return c;
}

/** The scale of a numeric rating: cx.yaml/platform hint, question text, NPS (0–10), else the values. */
function chooseScale(hintScale: Scale | undefined, text: string, nps: boolean, min: number, max: number, counts?: ArrayLike<number>): { scale: Scale; from: ScaleGuess['from'] | 'hint' } {
  if (hintScale) return { scale: hintScale, from: 'hint' };
  if (nps) return { scale: { min: 0, max: 10 }, from: 'nps' };
  const t = scaleFromText(text);
  if (t && t.min <= Math.max(min, t.min)) return { scale: { min: t.min, max: t.max }, from: 'text' };
  const v = scaleFromValues(min, max, counts);
  return { scale: { min: v.min, max: v.max }, from: 'values' };
}

interface TextScale {
  vocab?: Vocab;
  /** Code per distinct text: a number, null (missing) or NaN (unreadable). */
  codes: Map<string, number | null>;
  labels: Record<string, string>;
  readable: number;
  unreadable: number;
  min: number;
  max: number;
  counts: Float64Array;
}

/**
 * Whether a text-valued column is really a scale: "10分", "★★★★", "非常愿意 10", "1 - 非常不满意", vocabulary
 * labels. At least 80% of its answers (by count) must read as codes and at least two codes must occur; the
 * rest are kept as unreadable answers (a stray "五星" or "a" no longer turns a rating into a category).
 */
function textScale(cells: string[], n: number, distinct: string[], text: string, matrix = false): TextScale | undefined {
  if (distinct.length === 0) return undefined;
  const scoreText = SCORE_WORDS.test(text) || ROLE_NPS.test(text) || ROLE_CSAT.test(text) || ROLE_CES.test(text) || scaleFromText(text) !== undefined;
  const vocab = matchVocab(distinct);
  const codes = new Map<string, number | null>();
  const labels: Record<string, string> = {};
  let readableDistinct = 0;
  for (const d of distinct) {
    let v = readAnswer(d, { vocab, anyVocab: false });
    if (v !== null && v === v) {
      const form = hasLabelForm(d);
      if (form === 'leading' || form === 'trailing') {
        const sp = splitNumberLabel(d);
        const labelOk = sp !== undefined && (isVocabLabel(sp.label) || scoreText || (form === 'leading' && /^\s*[+-]?\d+(?:\.\d+)?\s*(?:\s[-–]\s|[:=：])/.test(d.normalize('NFKC'))));
        if (!labelOk) v = NaN;
        else if (sp && !labels[String(sp.code)]) labels[String(sp.code)] = sp.label;
      } else if (form === 'label' && vocab) {
        labels[String(v)] ??= d.trim();
      }
      if (v === v && !(Number.isInteger(v) && v >= 0 && v <= 10)) v = NaN;
    }
    codes.set(d, v);
    if (v !== null && v === v) readableDistinct++;
  }
  if (readableDistinct < 2 || readableDistinct < 0.5 * distinct.length) return undefined;
  // Two labels alone (Good / Bad, 满意 / 不满意) are a choice, not a scale (unless a matrix row says so).
  if (vocab && readableDistinct < 3 && !matrix) return undefined;
  // Count answers per distinct text (cells are interned: one map lookup each).
  const counts = new Float64Array(11);
  let readable = 0;
  let unreadable = 0;
  let min = Infinity;
  let max = -Infinity;
  const perText = new Map<string, number>();
  for (let k = 0; k < n; k++) {
    const c = cells[k]!;
    if (c === '') continue;
    perText.set(c, (perText.get(c) ?? 0) + 1);
  }
  for (const [d, cnt] of perText) {
    const v = codes.get(d);
    if (v === undefined || v === null) continue;
    if (v !== v) {
      unreadable += cnt;
      continue;
    }
    readable += cnt;
    counts[v]! += cnt;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (readable === 0 || readable < 0.8 * (readable + unreadable)) return undefined;
  return { vocab, codes, labels, readable, unreadable, min, max, counts };
}

/**
 * Infer one question + column from cells: `cells[k]` (or `get(k)`) is the k-th kept row's cell ('' when
 * missing). Hints from the platform win over inference.
 */
export function inferColumn(id: string, label: string, get: string[] | ((k: number) => string), n: number, hint: ColumnHint = {}): Inferred {
  const warnings: string[] = [];
  const text = `${label} ${id}`;
  const q: Question = { id, label, type: 'category' };
  const pool = new Interner();
  // The cells array becomes the output of a text column (overwritten in place): callers pass a fresh one.
  let cells: string[];
  if (typeof get === 'function') {
    const a = new Array<string>(n);
    for (let k = 0; k < n; k++) a[k] = get(k);
    cells = a;
  } else cells = get;
  // Raw cells arrive interned (RawTable contract); a transformed value is memoised per raw text so
  // equal inputs share one output instance, and new texts are interned.
  const strCol = (f?: (s: string) => string | null): Column => {
    const values = cells as (string | null)[]; // cells[k] is read before values[k] is written
    if (!f) {
      for (let k = 0; k < n; k++) {
        const s = cells[k]!;
        values[k] = s === '' || (s.charCodeAt(0) <= 32 && s.trim() === '') ? null : s;
      }
      return { kind: 'str', values };
    }
    // Memoising pays when texts repeat (dates without a time); on near-unique texts (timestamps) it
    // only costs: after a probe of 20,000 cells with few repeats, convert directly.
    let memo: Map<string, string | null> | undefined = new Map();
    let hits = 0;
    for (let k = 0; k < n; k++) {
      const s = cells[k]!;
      if (s === '') {
        values[k] = null;
        continue;
      }
      if (memo === undefined) {
        values[k] = s.trim() === '' ? null : f(s);
        continue;
      }
      let v = memo.get(s);
      if (v === undefined) {
        v = s.trim() === '' ? null : f(s);
        if (v !== null) v = pool.get(v);
        if (memo.size < 200_000) memo.set(s, v);
      } else hits++;
      values[k] = v;
      if (k === 20_000 && hits < 2_000) memo = undefined;
    }
    return { kind: 'str', values };
  };
  const numCol = (map?: Map<string, number>, parsed?: Float64Array): { col: Column; dropped: number } => {
    const values = parsed ?? new Float64Array(n);
    let dropped = 0;
    const scaleType = q.type === 'rating' || q.type === 'likert' || q.type === 'nps';
    if (parsed) {
      // Numbers already parsed by scan(): only drop the missing codes.
      if (scaleType) {
        for (let k = 0; k < n; k++) {
          const v = values[k]!;
          if (v < 0 && MISSING_CODES.has(v)) {
            values[k] = NaN;
            dropped++;
          }
        }
      }
      return { col: { kind: 'num', values }, dropped };
    }
    // Cells repeat (and are interned): convert each distinct text once.
    const memo = new Map<string, number>();
    const convert = (s: string): number => {
      let v = map ? map.get(normalise(s)) ?? NaN : toNumber(s);
      if (Number.isNaN(v)) {
        const m = NUM_LABEL.exec(s.trim());
        if (m) v = Number(m[1]);
      }
      return v;
    };
    for (let k = 0; k < n; k++) {
      const s = cells[k]!;
      let v = NaN;
      if (s !== '') {
        const hit = memo.get(s);
        if (hit !== undefined) v = hit;
        else {
          v = convert(s);
          if (memo.size < 4096) memo.set(s, v);
        }
        if (scaleType && MISSING_CODES.has(v)) {
          v = NaN;
          dropped++;
        }
      }
      values[k] = v;
    }
    return { col: { kind: 'num', values }, dropped };
  };

  // Dates: one day/month order for the whole column (dates.ts decideDateOrder), never decided row by row.
  const dateCol = (excel = hint.excelDate): Column => {
    q.type = 'date';
    const dec = decideDateOrder(numericDateCandidates(cells, n), hint.dateOrder ?? (hint.dayFirst ? 'dmy' : undefined));
    if (dec.order && dec.numeric > 0) q.dateFormat = dec.order;
    let bad = 0;
    const badEx: string[] = [];
    const col = strCol((s) => {
      const d = excel && NUM.test(s.trim()) ? excelSerialToIso(Number(s)) : parseDate(s, dec.order ?? false);
      if (d === null) {
        bad++;
        if (badEx.length < 3 && !badEx.includes(s)) badEx.push(s);
      }
      return d ?? s;
    });
    warnings.push(...dateWarnings(id, dec, bad, badEx));
    return col;
  };
  if (hint.type === 'date' || hint.excelDate) return finish(q, dateCol(), warnings, hint);
  if (hint.keepText || hint.type === 'id' || hint.type === 'text') {
    q.type = hint.type ?? 'text';
    return finish(q, strCol(), warnings, hint);
  }

  if (!hint.type && KANO_ID.test(id)) {
    hint = { ...hint, type: 'single', choices: hint.choices ?? KANO_CHOICES };
  }
  const st = scan(cells, n);
  const distinct = [...st.distinct];

  // Scales written as text: labels, "10分", stars, number-with-label; a few unreadable answers are kept.
  const ts = !st.allNum && !st.capped && st.n > 0 && (!hint.type || hint.type === 'rating' || hint.type === 'likert' || hint.type === 'nps') && !hint.choices ? textScale(cells, n, distinct, text, Boolean(hint.matrix) || hint.type === 'likert' || hint.type === 'rating') : undefined;
  if (ts) {
    const t = text.toLowerCase();
    const fromText = scaleFromText(label);
    const nps = hint.type === 'nps' || (!ts.vocab && ROLE_NPS.test(t) && (ts.max > 7 || (fromText?.min === 0 && fromText.max === 10)));
    q.type = nps ? 'nps' : ts.vocab || hint.type === 'likert' ? 'likert' : 'rating';
    const chosen = ts.vocab && !hint.scale && !nps ? { scale: { min: 1, max: ts.vocab.labels.length }, from: 'vocabulary' as const } : chooseScale(hint.scale, label, nps, ts.min, ts.max, ts.counts);
    q.scale = { ...chosen.scale };
    if (chosen.from === 'values') GUESSED.set(q, { min: ts.min, max: ts.max });
    if (ts.vocab) {
      // Every point of the vocabulary gets its label (the wording seen in the data when it occurs).
      ts.vocab.labels.forEach((l, i) => (ts.labels[String(i + 1)] ??= l));
    }
    if (Object.keys(ts.labels).length) q.scale.labels = Object.fromEntries(Object.entries(ts.labels).sort((x, y) => Number(x[0]) - Number(y[0])));
    if (ts.unreadable === 0) {
      const map = new Map<string, number>();
      for (const [d, v] of ts.codes) map.set(d, v ?? NaN);
      const values = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        const c = cells[k]!;
        values[k] = c === '' ? NaN : map.get(c) ?? NaN;
      }
      return finish(q, { kind: 'num', values }, warnings, hint);
    }
    // Unreadable answers stay visible: the column keeps its texts and every reader counts them.
    const ex = [...ts.codes].filter(([, v]) => v !== null && v !== v).slice(0, 3).map(([d]) => JSON.stringify(d.trim()));
    warnings.push(`${id}: ${ts.unreadable} answer(s) cannot be read as scores (${ex.join(', ')}) and are kept as text; map them in cx.yaml with questions.${id}.values`);
    return finish(q, strCol(), warnings, hint);
  }

  // Excel serial dates in a CSV (a sheet saved without date formatting): a date-named column of numbers that
  // are all days of 1970–2100 (25569–73050).
  if (st.allNum && st.n > 0 && !hint.type && !st.numLabel && DATE_HEADER.test(text) && st.min >= 25569 && st.max <= 73050) {
    return finish(q, dateCol(true), warnings, hint);
  }
  if (st.allNum && st.n > 0) {
    const small = st.allInt && st.min >= 0 && st.max <= 10 && st.min !== Infinity;
    const nDistinct = st.capped ? CAP : st.distinct.size;
    const t = text.toLowerCase();
    if (hint.type === 'meta' || hint.type === 'single' || hint.type === 'category' || hint.type === 'multi') {
      q.type = hint.type;
    } else if (hint.type === 'nps' || (small && ROLE_NPS.test(t) && (st.max > 7 || isZeroToTen(scaleFromText(label))))) {
      q.type = 'nps';
      q.scale = { min: 0, max: 10 };
    } else if (hint.type === 'rating' || hint.type === 'likert' || (small && (st.max >= 3 || st.numLabel) && (nDistinct >= 3 || st.numLabel || hint.matrix || ROLE_CSAT.test(t) || ROLE_CES.test(t)))) {
      q.type = hint.type === 'likert' ? 'likert' : 'rating';
      const counts = small ? smallCounts(st.nums, n) : undefined;
      const chosen = chooseScale(hint.scale, label, false, st.min, st.max, counts);
      q.scale = { ...chosen.scale };
      if (chosen.from === 'values') GUESSED.set(q, { min: st.min, max: st.max });
    } else if (st.allInt && st.min >= 0 && st.max <= 1 && !st.capped) {
      // Yes/No and consent questions exported as 1/0.
      q.type = 'single';
      q.choices = [...st.distinct].map((d) => String(Number(d))).sort().map((code) => ({ code, label: code }));
    } else {
      q.type = 'number';
    }
    if (st.numLabel) {
      // "10 - Extremely likely": keep the number, remember the label.
      const labels: Record<string, string> = { ...(q.scale?.labels ?? {}) };
      for (const d of distinct) {
        const m = NUM_LABEL.exec(d.trim());
        if (m) labels[String(Number(m[1]))] = m[2]!.trim();
      }
      if (q.scale) q.scale = { ...q.scale, labels };
      else q.choices = Object.entries(labels).map(([code, lab]) => ({ code, label: lab }));
    }
    const { col, dropped } = numCol(undefined, st.nums);
    if (dropped > 0) warnings.push(`${id}: ${dropped} negative code(s) (don't know / no basis) treated as missing`);
    return finish(q, col, warnings, hint);
  }

  // Text-valued.
  if (hint.type) q.type = hint.type;
  else {
    const avg = st.n ? st.totalLen / st.n : 0;
    const nDistinct = st.capped ? Infinity : st.distinct.size;
    if (st.n > 0 && distinct.every((d) => parseDate(d) !== null)) q.type = 'date';
    else if (st.n > 0 && distinct.every((d) => EMAIL.test(d.trim()))) q.type = 'meta';
    else if (avg > 40 || (ROLE_COMMENT.test(text.toLowerCase()) && (avg > 12 || nDistinct >= 0.7 * st.n)) || (nDistinct > 20 && nDistinct > 0.5 * st.n) || (avg > 15 && nDistinct > 0.8 * st.n && st.n >= 3)) q.type = 'text';
    else if (label === id && !/\s/.test(id.trim())) q.type = 'category';
    else q.type = 'single';
  }
  if ((q.type === 'single' || q.type === 'category') && !st.capped && !hint.choices) {
    q.choices = distinct.sort((a, b) => a.localeCompare(b)).map((d) => ({ code: d, label: d }));
  }
  const col = q.type === 'date' ? dateCol() : strCol();
  return finish(q, col, warnings, hint);
}

const isZeroToTen = (g: ScaleGuess | undefined) => g !== undefined && g.min === 0 && g.max === 10;

function finish(q: Question, column: Column, warnings: string[], hint: ColumnHint): Inferred {
  if (hint.scale) q.scale = { ...q.scale, ...hint.scale, labels: { ...(q.scale?.labels ?? {}), ...(hint.scale.labels ?? {}) } };
  if (hint.choices) q.choices = hint.choices;
  if (q.scale && q.scale.labels && Object.keys(q.scale.labels).length === 0) delete q.scale.labels;
  q.role = hint.role ?? roleFromLabel(`${q.label} ${q.id}`, q.type, q.scale);
  if (q.role === undefined) delete q.role;
  return { question: q, column, warnings };
}

export interface Override {
  type?: QuestionType;
  role?: string;
  scale?: Scale | { min: number; max: number; labels?: Record<string, string>; reversed?: boolean };
}

/**
 * Apply cx.yaml question overrides in place: type, role and scale. A text column given a numeric type is
 * converted to numbers (choice-text matched against the scale labels first). Returns warnings.
 */
export function applyOverrides(survey: Survey, overrides: Record<string, Override>): string[] {
  const warnings: string[] = [];
  for (const [id, ov] of Object.entries(overrides)) {
    const q = survey.questions.find((x) => x.id === id);
    if (!q) {
      warnings.push(`cx.yaml names question "${id}", which the data do not have`);
      continue;
    }
    if (ov.scale) q.scale = { ...ov.scale };
    if (ov.role) {
      for (const o of survey.questions) if (o !== q && o.role === ov.role && ov.role !== 'segment') delete o.role;
      q.role = ov.role;
      if (ov.role === 'date') survey.dateColumn = id;
      if (ov.role === 'responseId') survey.idColumn = id;
    }
    if (ov.type && ov.type !== q.type) {
      const numeric: QuestionType[] = ['nps', 'rating', 'likert', 'number'];
      const col = survey.columns.get(id);
      if (numeric.includes(ov.type) && col?.kind === 'str') {
        const byLabel = new Map<string, number>();
        for (const [k, v] of Object.entries(q.scale?.labels ?? {})) byLabel.set(v.toLowerCase(), Number(k));
        for (const c of q.choices ?? []) if (Number.isFinite(Number(c.code))) byLabel.set(c.label.toLowerCase(), Number(c.code));
        const values = new Float64Array(col.values.length);
        let bad = 0;
        col.values.forEach((s, i) => {
          if (s === null) return void (values[i] = NaN);
          const v = byLabel.get(s.trim().toLowerCase()) ?? toNumber(s) ?? NaN;
          const m = Number.isNaN(v) ? NUM_LABEL.exec(s.trim()) : null;
          values[i] = m ? Number(m[1]) : v;
          if (Number.isNaN(values[i]!)) bad++;
        });
        if (bad > 0) warnings.push(`${id}: ${bad} value(s) are not numbers and became missing under type ${ov.type}`);
        survey.columns.set(id, { kind: 'num', values });
      } else if (!numeric.includes(ov.type) && col?.kind === 'num') {
        const pool = new Interner();
        survey.columns.set(id, { kind: 'str', values: Array.from(col.values, (v) => (Number.isNaN(v) ? null : pool.get(String(v)))) });
      }
      q.type = ov.type;
      if (ov.type === 'nps' && !q.scale) q.scale = { min: 0, max: 10 };
      if (ov.type === 'nps' && !ov.role) q.role = 'nps';
    }
  }
  return warnings;
}

const RANKING = /排序|排名|rank|order of (preference|importance)|按.{0,6}顺序/i;
const STEM = /^([A-Za-z]*\d+|[A-Za-z]+)[_.\-](\d{1,3})(?=$|[\s:：.、)）])/;
/** "请对以下因素排序 - 价格": the question text before the item. */
const LABEL_STEM = /^(.{4,}?)\s*[-–—:：]\s*[^-–—:：]+$/s;

/**
 * Items of one question share one scale. Siblings are rating questions with the same parent (matrix rows,
 * ranking items) or the same id stem (Q7_1, Q7_2 …) whose scale was only guessed from their own values: a
 * ranking question's items get 1…k (k = number of items, or the largest rank seen), other siblings the highest
 * top of their guessed scales (each keeps its own bottom). Scales stated by the platform, the question text or a vocabulary are left alone.
 */
export function harmoniseScales(questions: Question[]): void {
  const groups = new Map<string, Question[]>();
  for (const q of questions) {
    if (!GUESSED.has(q) || (q.type !== 'rating' && q.type !== 'likert')) continue;
    const key = q.parent ?? STEM.exec(q.id)?.[1] ?? (q.label ? LABEL_STEM.exec(q.label)?.[1]?.trim() : undefined);
    if (!key) continue;
    const g = groups.get(key);
    if (g) g.push(q);
    else groups.set(key, [q]);
  }
  for (const [key, g] of groups) {
    if (g.length < 2) continue;
    const seen = g.map((q) => GUESSED.get(q)!);
    const parent = questions.find((q) => q.id === key);
    const ranking = g.some((q) => RANKING.test(q.label)) || (parent !== undefined && RANKING.test(parent.label));
    const lo = Math.min(...seen.map((s) => s.min));
    const hi = Math.max(...seen.map((s) => s.max));
    // The top of the scale is shared; the bottom stays per item (a 0 in only some rows of a 1–5 grid is
    // usually a "not applicable" code, which the journey and drivers commands look for).
    const top = ranking ? Math.max(g.length, hi) : Math.max(...g.map((q) => q.scale!.max));
    for (const q of g) {
      q.scale = { ...q.scale, min: ranking ? Math.min(1, lo) : q.scale!.min, max: top };
      if (ranking && q.role && q.role !== 'segment') delete q.role;
    }
  }
}
