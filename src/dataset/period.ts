// Dates and reporting periods. Dates are read as wall-clock calendar days in the export's own time
// zone (DESIGN.md §4): a trailing offset such as "GMT+8" or "Z" is not applied. Periods: days
// (2026-03-05), ISO-8601 weeks (2026-W03, week-year by the Thursday rule), months (2026-03), quarters (2026-Q1).
import type { Column } from './types.js';
import { inputError } from '../ui/errors.js';
import { decideDateOrder, numericDateCandidates, type DateOrder } from '../ingest/platforms/dates.js';

export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter';
export const PERIOD_UNITS: readonly PeriodUnit[] = ['day', 'week', 'month', 'quarter'];

// Near misses people type for a period unit (English, Chinese, adjectives, plurals, abbreviations).
const UNIT_ALIASES: Record<string, PeriodUnit> = {
  daily: 'day', days: 'day', d: 'day', 日: 'day', 天: 'day', 按日: 'day', 按天: 'day', 每日: 'day', 每天: 'day',
  weekly: 'week', weeks: 'week', w: 'week', wk: 'week', isoweek: 'week', 周: 'week', 星期: 'week', 按周: 'week', 每周: 'week',
  monthly: 'month', months: 'month', m: 'month', mo: 'month', mon: 'month', 月: 'month', 按月: 'month', 每月: 'month',
  quarterly: 'quarter', quarters: 'quarter', q: 'quarter', qtr: 'quarter', 季: 'quarter', 季度: 'quarter', 按季: 'quarter', 按季度: 'quarter', 每季: 'quarter',
};

/**
 * `--period` text → unit. A near miss (`weekly`, `Week`, `月`, `wek`) is refused with "did you mean …" so a
 * typo never silently drops the breakdown.
 */
export function parsePeriodUnit(text: string, flag = '--period'): PeriodUnit {
  const t = text.trim().toLowerCase();
  if ((PERIOD_UNITS as readonly string[]).includes(t) && t === text) return t as PeriodUnit;
  let near: PeriodUnit | undefined = (PERIOD_UNITS as readonly string[]).includes(t) ? (t as PeriodUnit) : UNIT_ALIASES[t];
  if (!near) {
    let best = 3;
    for (const u of PERIOD_UNITS) {
      const d = editDistance(t, u);
      if (d < best) {
        best = d;
        near = u;
      }
    }
  }
  const hint = near ? ` (did you mean "${flag} ${near}"?)` : '';
  const hintZh = near ? `（是否想用 "${flag} ${near}"？）` : '';
  throw inputError(
    `${flag} must be day, week, month or quarter, not "${text}"${hint}.`,
    `${flag} 应为 day、week、month 或 quarter，而不是 "${text}"${hintZh}。`,
  );
}

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

const MS_DAY = 86_400_000;
/** Excel (1900 date system) serial of 1970-01-01. */
const EXCEL_EPOCH = 25_569;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** Days since 1970-01-01 for a calendar date, or NaN when it is not a real date (pure arithmetic, no Date). */
export function dayNumber(y: number, m: number, d: number): number {
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= 31) || !Number.isInteger(y)) return NaN;
  if (d > MONTH_DAYS[m - 1]! && !(m === 2 && d === 29 && isLeap(y))) return NaN; // 2026-02-30
  // days_from_civil (H. Hinnant): proleptic Gregorian calendar.
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));
const pad4 = (n: number) => (n >= 0 && n < 1000 ? String(n).padStart(4, '0') : String(n));

export function dayToIso(day: number): string {
  const dt = new Date(day * MS_DAY);
  return `${pad4(dt.getUTCFullYear())}-${pad2(dt.getUTCMonth() + 1)}-${pad2(dt.getUTCDate())}`;
}

/** ISO-8601 week of a day number: the week (Mon–Sun) belongs to the year holding its Thursday. */
export function isoWeekOfDay(day: number): { year: number; week: number } {
  const wd = (((day + 3) % 7) + 7) % 7; // 0 = Monday (1970-01-01 was a Thursday → 3)
  const thursday = day - wd + 3;
  const year = new Date(thursday * MS_DAY).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1) / MS_DAY;
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

/** The period label of a day number. */
export function dayToPeriod(day: number, unit: PeriodUnit): string {
  if (unit === 'week') {
    const { year, week } = isoWeekOfDay(day);
    return `${pad4(year)}-W${pad2(week)}`;
  }
  const dt = new Date(day * MS_DAY);
  const y = dt.getUTCFullYear();
  const m = dt.getUTCMonth() + 1;
  if (unit === 'month') return `${pad4(y)}-${pad2(m)}`;
  if (unit === 'quarter') return `${pad4(y)}-Q${Math.floor((m - 1) / 3) + 1}`;
  return `${pad4(y)}-${pad2(m)}-${pad2(dt.getUTCDate())}`;
}

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

/** A number read as a date: Excel serial (1950–2099), YYYYMMDD, or Unix seconds/milliseconds. NaN otherwise. */
export function numberToDay(v: number): number {
  if (!Number.isFinite(v)) return NaN;
  if (v >= 1e11) return Math.floor(v / MS_DAY); // Unix ms
  if (v >= 1e9) return Math.floor(v / 86_400); // Unix s
  if (v >= 19_000_101 && v <= 29_991_231 && Number.isInteger(v)) {
    return dayNumber(Math.floor(v / 10_000), Math.floor(v / 100) % 100, v % 100);
  }
  if (v >= 18_264 && v < 73_051) {
    // Excel serials (1900 system) of 1950…2099 only: small numbers in a score column are not dates.
    return Math.floor(v) - EXCEL_EPOCH;
  }
  return NaN;
}

const RE_YMD = /^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})/;
const RE_XYZ = /^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})(?!\d)/;
const RE_DMONY = /^\s*(?:[A-Za-z]+,?\s+)?(\d{1,2})[-\s]([A-Za-z]{3,9})\.?[-\s,]+(\d{4})/;
const RE_MONDY = /^\s*(?:[A-Za-z]+,?\s+)?([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})/;
const RE_NUM = /^\s*-?\d+(\.\d+)?\s*$/;

/**
 * A date string read as a day number. `dayFirst` decides `03/04/2026` (false: 4 March is US M/D/Y,
 * the default of most exports; true: 3 April). Dotted `03.04.2026` is always day-first.
 */
export function parseDay(s: string, dayFirst: boolean | DateOrder = false): number {
  let m = RE_YMD.exec(s);
  if (m) return dayNumber(+m[1]!, +m[2]!, +m[3]!);
  m = RE_XYZ.exec(s);
  if (m) {
    let y = +m[3]!;
    if (m[3]!.length === 2) y += y < 70 ? 2000 : 1900;
    const a = +m[1]!;
    const b = +m[2]!;
    // A column's decided order (as import decided it) is kept for every row; legacy: per value.
    const df = dayFirst === 'dmy' ? true : dayFirst === 'mdy' ? false : dayFirst === true || s.includes('.') || a > 12;
    return df ? dayNumber(y, b, a) : dayNumber(y, a, b);
  }
  m = RE_DMONY.exec(s);
  if (m && MONTHS[m[2]!.slice(0, 3).toLowerCase()]) {
    return dayNumber(+m[3]!, MONTHS[m[2]!.slice(0, 3).toLowerCase()]!, +m[1]!);
  }
  m = RE_MONDY.exec(s);
  if (m && MONTHS[m[1]!.slice(0, 3).toLowerCase()]) {
    return dayNumber(+m[3]!, MONTHS[m[1]!.slice(0, 3).toLowerCase()]!, +m[2]!);
  }
  if (RE_NUM.test(s)) return numberToDay(Number(s));
  return NaN;
}

/**
 * The day/month order of a column of date strings, by the same rule as import (dates.ts decideDateOrder), so
 * periods and `describe` agree; `undefined` when the column has no a/b/yyyy values.
 */
export function detectDateOrder(values: readonly (string | null)[], sample = 5000): DateOrder | undefined {
  const step = Math.max(1, Math.floor(values.length / sample));
  const picked: string[] = [];
  for (let i = 0; i < values.length; i += step) {
    const v = values[i];
    if (v) picked.push(v);
  }
  return decideDateOrder(numericDateCandidates(picked)).order;
}

/** Whether a column of strings writes numeric dates day-first. */
export function detectDayFirst(values: readonly (string | null)[], sample = 5000): boolean {
  return detectDateOrder(values, sample) === 'dmy';
}

/** YYYYMMDD from "YYYY-MM-DD…" when all eight positions are digits, else −1. */
function isoPrefix(s: string): number {
  const a = s.charCodeAt(0) - 48, b = s.charCodeAt(1) - 48, c = s.charCodeAt(2) - 48, d = s.charCodeAt(3) - 48;
  const e = s.charCodeAt(5) - 48, f = s.charCodeAt(6) - 48, g = s.charCodeAt(8) - 48, h = s.charCodeAt(9) - 48;
  if ((a | b | c | d | e | f | g | h) < 0 || a > 9 || b > 9 || c > 9 || d > 9 || e > 9 || f > 9 || g > 9 || h > 9) return -1;
  return ((((((a * 10 + b) * 10 + c) * 10 + d) * 10 + e) * 10 + f) * 10 + g) * 10 + h;
}

/**
 * Calls `emit(i, day)` for every row with its day number (NaN when missing or unreadable), reading each
 * distinct run of strings once: one pass, no per-row allocation. The ISO prefix YYYY-MM-DD is a fast path.
 */
/** Rows of a column without touching a stored date column's texts. */
const columnLength = (col: Column): number => (col.kind === 'str' && col.epochMs ? col.epochMs.length : col.values.length);

function forEachDay(col: Column, emit: (i: number, day: number) => void): void {
  const n = columnLength(col);
  if (col.kind === 'num') {
    for (let i = 0; i < n; i++) emit(i, numberToDay(col.values[i]!));
    return;
  }
  if (col.epochMs && col.epochMs.length === n) {
    // Stored at import (store.ts): no text to read or parse.
    const ms = col.epochMs;
    for (let i = 0; i < n; i++) {
      const v = ms[i]!;
      emit(i, v === v ? Math.floor(v / MS_DAY) : NaN);
    }
    return;
  }
  const values = col.values;
  const dayFirst = detectDateOrder(values) ?? false;
  let lastS: string | null = null;
  let lastD = NaN;
  let lastYmd = -1;
  let lastYmdDay = NaN;
  for (let i = 0; i < n; i++) {
    const s = values[i];
    if (s == null || s === '') {
      emit(i, NaN);
      continue;
    }
    if (s !== lastS) {
      lastS = s;
      const ymd = s.length >= 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 ? isoPrefix(s) : -1;
      if (ymd >= 0) {
        if (ymd !== lastYmd) {
          lastYmd = ymd;
          lastYmdDay = dayNumber(Math.floor(ymd / 10_000), Math.floor(ymd / 100) % 100, ymd % 100);
        }
        lastD = lastYmdDay;
      } else lastD = parseDay(s, dayFirst);
    }
    emit(i, lastD);
  }
}

/**
 * Wall-clock milliseconds since 1970 (as UTC) of a date text as import stores it (`YYYY-MM-DDTHH:mm:ss`, or
 * any form parseDay reads, then at midnight); NaN when missing or unreadable. For the dataset's date files.
 */
export function columnEpochMs(values: readonly (string | null)[]): Float64Array {
  const out = new Float64Array(values.length);
  let lastYmd = -1;
  let lastDay = NaN;
  const order = detectDateOrder(values) ?? false;
  for (let i = 0; i < values.length; i++) {
    const s = values[i];
    if (s == null || s === '') {
      out[i] = NaN;
      continue;
    }
    const ymd = s.length >= 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 ? isoPrefix(s) : -1;
    if (ymd < 0) {
      out[i] = parseDay(s, order) * MS_DAY;
      continue;
    }
    if (ymd !== lastYmd) {
      lastYmd = ymd;
      lastDay = dayNumber(Math.floor(ymd / 10_000), Math.floor(ymd / 100) % 100, ymd % 100);
    }
    let ms = lastDay * MS_DAY;
    if (s.length >= 19 && (s.charCodeAt(10) === 84 || s.charCodeAt(10) === 32) && s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58) {
      const d = (k: number) => s.charCodeAt(k) - 48;
      const h = d(11) * 10 + d(12);
      const mi = d(14) * 10 + d(15);
      const se = d(17) * 10 + d(18);
      if (h >= 0 && h < 24 && mi >= 0 && mi < 60 && se >= 0 && se <= 60) ms += ((h * 60 + mi) * 60 + se) * 1000;
    }
    out[i] = ms;
  }
  return out;
}

/** Day numbers of a whole column (NaN when missing or unreadable). */
export function columnDays(col: Column): Float64Array {
  const out = new Float64Array(columnLength(col));
  forEachDay(col, (i, d) => (out[i] = d));
  return out;
}

/** Period codes straight from a date column (see periodCodes), without an intermediate array of days. */
export function columnPeriodCodes(col: Column, unit: PeriodUnit): { codes: Int32Array; labels: string[] } {
  const codes = new Int32Array(columnLength(col));
  const { codeOf, labels } = dayCoder(unit);
  let lastDay = NaN;
  let lastCode = -1;
  if (col.kind === 'str' && col.epochMs && col.epochMs.length === codes.length) {
    const dense = epochMsPeriodCodes(col.epochMs, codes, unit);
    if (dense) return dense;
    // A span of days too wide for a table (garbage times): one lookup per distinct day, as for texts.
    const ms = col.epochMs;
    for (let i = 0; i < ms.length; i++) {
      const v = ms[i]!;
      if (!Number.isFinite(v)) {
        codes[i] = -1;
        continue;
      }
      const d = Math.floor(v / MS_DAY);
      if (d !== lastDay) {
        lastDay = d;
        lastCode = codeOf(d);
      }
      codes[i] = lastCode;
    }
    return relabel(codes, labels);
  }
  forEachDay(col, (i, d) => {
    if (d !== d) {
      codes[i] = -1;
      return;
    }
    if (d !== lastDay) {
      lastDay = d;
      lastCode = codeOf(d);
    }
    codes[i] = lastCode;
  });
  return relabel(codes, labels);
}

/** Widest span of days (about 11,000 years) that period coding of stored times handles with a table. */
const MAX_DAY_SPAN = 1 << 22;

/**
 * Period codes of stored times (a dataset's date column) without a per-row lookup: day numbers are written
 * into `codes` as offsets from the first day, each distinct day gets its label once, and a table from day to
 * sorted period code renumbers the rows. Three tight passes, no allocation per row. Undefined when the times
 * span more than MAX_DAY_SPAN days (the caller then uses a map per distinct day).
 */
function epochMsPeriodCodes(ms: Float64Array, codes: Int32Array, unit: PeriodUnit): { codes: Int32Array; labels: string[] } | undefined {
  const n = ms.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = ms[i]!;
    if (v < lo) lo = v; // NaN compares false both ways
    if (v > hi) hi = v;
  }
  if (!(lo <= hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    // No time at all, or an infinite one (not written by import): the finite ones go the slow way.
    if (lo <= hi) return undefined;
    codes.fill(-1);
    return { codes, labels: [] };
  }
  const d0 = Math.floor(lo / MS_DAY);
  const span = Math.floor(hi / MS_DAY) - d0 + 1;
  if (!(span <= MAX_DAY_SPAN)) return undefined;
  const seen = new Uint8Array(span);
  for (let i = 0; i < n; i++) {
    const v = ms[i]!;
    if (v !== v) codes[i] = -1;
    else {
      const d = Math.floor(v / MS_DAY) - d0;
      codes[i] = d;
      seen[d] = 1;
    }
  }
  // Labels of the days that occur; days of one period share its label.
  const dayLabel: string[] = [];
  const dayIdx: number[] = [];
  const byLabel = new Map<string, number>();
  const labels: string[] = [];
  for (let d = 0; d < span; d++) {
    if (!seen[d]) continue;
    const label = dayToPeriod(d0 + d, unit);
    dayIdx.push(d);
    dayLabel.push(label);
    if (!byLabel.has(label)) {
      byLabel.set(label, labels.length);
      labels.push(label);
    }
  }
  labels.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  labels.forEach((l, i) => byLabel.set(l, i));
  const table = new Int32Array(span);
  for (let j = 0; j < dayIdx.length; j++) table[dayIdx[j]!] = byLabel.get(dayLabel[j]!)!;
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (c >= 0) codes[i] = table[c]!;
  }
  return { codes, labels };
}

/** Day number → period code, computing each distinct day's label once (labels in first-seen order). */
function dayCoder(unit: PeriodUnit): { codeOf: (day: number) => number; labels: string[] } {
  const byDay = new Map<number, number>();
  const byLabel = new Map<string, number>();
  const labels: string[] = [];
  const codeOf = (d: number): number => {
    let c = byDay.get(d);
    if (c === undefined) {
      const label = dayToPeriod(d, unit);
      c = byLabel.get(label);
      if (c === undefined) {
        c = labels.length;
        labels.push(label);
        byLabel.set(label, c);
      }
      byDay.set(d, c);
    }
    return c;
  };
  return { codeOf, labels };
}

/** Period label of one date (Date, day string, or number as Excel serial/YYYYMMDD/epoch). */
export function periodKey(date: Date | string | number, unit: PeriodUnit): string | null {
  let day: number;
  if (date instanceof Date) day = Math.floor(date.getTime() / MS_DAY);
  else if (typeof date === 'number') day = numberToDay(date);
  else day = parseDay(date);
  return Number.isFinite(day) ? dayToPeriod(day, unit) : null;
}

/**
 * Period codes for every row: `codes[i]` indexes `labels` (sorted chronologically), −1 when the date is
 * missing or unreadable. Period labels are computed once per distinct day.
 */
export function periodCodes(days: Float64Array, unit: PeriodUnit): { codes: Int32Array; labels: string[] } {
  const { codeOf, labels } = dayCoder(unit);
  const codes = new Int32Array(days.length);
  for (let i = 0; i < days.length; i++) {
    const d = days[i]!;
    codes[i] = d !== d ? -1 : codeOf(d);
  }
  return relabel(codes, labels);
}

/** Renumbers codes so that they follow chronological (= lexicographic: labels are zero-padded) order. */
function relabel(codes: Int32Array, labels: string[]): { codes: Int32Array; labels: string[] } {
  const order = labels.map((_, i) => i).sort((a, b) => (labels[a]! < labels[b]! ? -1 : labels[a]! > labels[b]! ? 1 : 0));
  const remap = new Int32Array(labels.length);
  order.forEach((old, neu) => (remap[old] = neu));
  for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) codes[i] = remap[codes[i]!]!;
  return { codes, labels: order.map((i) => labels[i]!) };
}
