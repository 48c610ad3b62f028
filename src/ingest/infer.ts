// Type inference for one column of cells (question type, scale, choices, role) and cx.yaml overrides.
// Numeric answers become Float64Array columns; text stays interned strings (one instance per value).
import type { Column, Question, QuestionType, Scale, Survey } from '../dataset/types.js';
import type { ColumnHint } from './platforms/common.js';
import { dateWarnings, decideDateOrder, excelSerialToIso, numericDateCandidates, parseDate } from './platforms/dates.js';
import { canon, KANO_CHOICES, KANO_ID, MISSING_CODES, NEUTRAL, NOT_APPLICABLE, ROLE_CES, ROLE_COMMENT, ROLE_CSAT, ROLE_NPS, roleFromLabel, SCALES } from './platforms/vocab.js';

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

function matchScale(values: string[]): string[] | undefined {
  const vs = values.map(canon).filter((v) => !NOT_APPLICABLE.has(v));
  if (vs.length < 2) return undefined;
  for (const sc of SCALES) {
    if (vs.every((v) => sc.includes(v) || NEUTRAL.has(v))) return sc;
  }
  return undefined;
}

function scaleFor(min: number, max: number): Scale {
  const lo = min <= 0 ? 0 : 1;
  const hi = max <= 5 ? 5 : max <= 7 ? 7 : 10;
  return { min: lo, max: Math.max(hi, lo === 0 && max > 7 ? 10 : hi) };
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
      let v = map ? map.get(canon(s)) ?? NaN : toNumber(s);
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

  // Choice-text agreement / satisfaction scales.
  const sc = !st.allNum && !st.capped ? matchScale(distinct) : undefined;
  if (sc) {
    const map = new Map<string, number>();
    sc.forEach((v, i) => map.set(v, i + 1));
    const mid = (sc.length + 1) / 2;
    for (const v of NEUTRAL) map.set(v, mid);
    q.type = 'likert';
    const labels: Record<string, string> = {};
    const seen = new Map(distinct.map((d) => [canon(d), d.trim()]));
    sc.forEach((v, i) => (labels[String(i + 1)] = seen.get(v) ?? v));
    q.scale = { min: 1, max: sc.length, labels };
    return finish(q, numCol(map).col, warnings, hint);
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
    } else if (hint.type === 'nps' || (small && ROLE_NPS.test(t) && st.max > 7)) {
      q.type = 'nps';
      q.scale = { min: 0, max: 10 };
    } else if (hint.type === 'rating' || hint.type === 'likert' || (small && (st.max >= 3 || st.numLabel) && (nDistinct >= 3 || st.numLabel || hint.matrix || ROLE_CSAT.test(t) || ROLE_CES.test(t)))) {
      q.type = hint.type === 'likert' ? 'likert' : 'rating';
      q.scale = hint.scale ?? scaleFor(st.min, st.max);
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
