// Date/time parsing for survey exports. Output is the wall-clock time as the export wrote it (the
// export's own time zone), as `YYYY-MM-DDTHH:mm:ss`; a trailing offset (`GMT+8`, `+08:00`, `Z`) is dropped
// because the wall-clock value already is in that zone (DESIGN.md §4).

function p2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function valid(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 60) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return d <= (mo === 2 && leap ? 29 : DAYS[mo - 1]!);
}

const digit = (t: string, i: number): number => {
  const c = t.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : NaN;
};

/** Fast path for the most common export format, `YYYY-MM-DD HH:MM:SS` (Qualtrics, LimeSurvey, Typeform). */
function fastIso(t: string): string | null | undefined {
  if (t.length !== 19 || t[4] !== '-' || t[7] !== '-' || (t[10] !== ' ' && t[10] !== 'T') || t[13] !== ':' || t[16] !== ':') return undefined;
  const n = (i: number) => digit(t, i) * 10 + digit(t, i + 1);
  const y = n(0) * 100 + n(2);
  if (Number.isNaN(y)) return undefined;
  if (!valid(y, n(5), n(8), n(11), n(14), n(17))) return null;
  if (t[10] === 'T') return t;
  // Built as one flat string: a template literal makes a rope of 3 strings (48 MB more per million dates).
  const c = (i: number) => t.charCodeAt(i);
  return String.fromCharCode(c(0), c(1), c(2), c(3), 45, c(5), c(6), 45, c(8), c(9), 84, c(11), c(12), 58, c(14), c(15), 58, c(17), c(18));
}

function iso(y: number, mo: number, d: number, h: number, mi: number, s: number): string | null {
  if (!valid(y, mo, d, h, mi, s)) return null;
  return `${y}-${p2(mo)}-${p2(d)}T${p2(h)}:${p2(mi)}:${p2(Math.floor(s))}`;
}

const PM = /^(pm|下午|晚上|中午)$/i;

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const a = ampm.replace(/\./g, '');
  const pm = PM.test(a);
  if (a === '中午') return h >= 1 && h <= 2 ? h + 12 : h; // 中午12:30 is 12:30, 中午1:00 is 13:00
  if (h > 12) return h; // "下午 15:04": already a 24-hour time
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

/** The order of day, month and year in a column's all-numeric dates. */
export type DateOrder = 'ymd' | 'dmy' | 'mdy';
export const DATE_ORDERS: readonly DateOrder[] = ['ymd', 'dmy', 'mdy'];

const AMPM = '(上午|下午|晚上|中午|凌晨|早上|[ap]\\.?m\\.?)';
const ZONE = '(?:Z|GMT|UTC|[+-]\\d{2}:?\\d{2}|(?:GMT|UTC)\\s*[+-]\\d{1,2}(?::?\\d{2})?)';
// Year first: 2024-05-02 09:14:03, 2024/05/02 9:14:03 pm GMT+8, 2024-05-02T09:14:03.123Z, 2024年5月2日 9:14,
// 2026/02/02 2:03:11 下午 GMT+8 (Google Forms, Chinese locale), 2026年3月5日 下午3:04
const YMD = new RegExp(
  `^(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})\\s*日?(?:(?:[ T,]+|(?=[上下晚中凌早]))(?:${AMPM}\\s*)?(\\d{1,2})[:：时](\\d{2})(?:[:：分](\\d{2}(?:\\.\\d+)?)秒?)?\\s*${AMPM}?)?\\s*${ZONE}?$`,
  'i',
);
// Month or day first: 8/22/22 15:44, 05/02/2024 09:14:03 AM, 22.08.2022 15:44
const XYZ = new RegExp(
  `^(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{2}|\\d{4})(?:[ T,]+(?:${AMPM}\\s*)?(\\d{1,2}):(\\d{2})(?::(\\d{2}(?:\\.\\d+)?))?\\s*${AMPM}?)?\\s*(?:${ZONE}|(?:GMT|UTC)?\\s*[+-]\\d{1,2}(?::?\\d{2})?)?$`,
  'i',
);
const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
// 5 Mar 2026, 5-Mar-2026 14:02, Mar 5, 2026 2:03 PM, Thursday, March 5, 2026
const DMONY = /^(?:[a-z]+,?\s+)?(\d{1,2})[-\s]([a-z]{3,9})\.?[-\s,]+(\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i;
const MONDY = /^(?:[a-z]+,?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:[ T,]+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?m\.?)?)?$/i;

/**
 * Parse one date text. `order` is the column's decision for `a/b/yyyy` values (see decideDateOrder):
 * 'dmy' reads 05/03/2026 as 5 March, 'mdy' as May 3; without one (legacy), month first unless the first
 * field is > 12 or the separator is a dot. Returns null when the text is not a date (or not a valid one in
 * the given order: 13/03/2026 under 'mdy').
 */
export function parseDate(text: string, order?: DateOrder | boolean): string | null {
  const t = text.trim();
  if (t.length < 6 || t.length > 48) return null;
  const fast = fastIso(t);
  if (fast !== undefined) return fast;
  let m = YMD.exec(t);
  if (m) {
    const ampm = m[4] ?? m[8];
    const h = m[5] ? hour12(Number(m[5]), ampm) : 0;
    return iso(Number(m[1]), Number(m[2]), Number(m[3]), h, m[6] ? Number(m[6]) : 0, m[7] ? Number(m[7]) : 0);
  }
  m = XYZ.exec(t);
  if (m) {
    let a = Number(m[1]);
    let b = Number(m[3]);
    const ord = order === true ? 'dmy' : order === false ? undefined : order;
    const dayFirst = ord === 'dmy' || (ord === undefined && (m[2] === '.' || a > 12));
    if (dayFirst) [a, b] = [b, a];
    let y = Number(m[4]);
    if (m[4]!.length === 2) y += y < 70 ? 2000 : 1900;
    const h = m[6] ? hour12(Number(m[6]), m[5] ?? m[9]) : 0;
    return iso(y, a, b, h, m[7] ? Number(m[7]) : 0, m[8] ? Number(m[8]) : 0);
  }
  m = DMONY.exec(t);
  if (m && MONTHS[m[2]!.slice(0, 3).toLowerCase()]) {
    const h = m[4] ? hour12(Number(m[4]), m[7]) : 0;
    return iso(Number(m[3]), MONTHS[m[2]!.slice(0, 3).toLowerCase()]!, Number(m[1]), h, m[5] ? Number(m[5]) : 0, m[6] ? Number(m[6]) : 0);
  }
  m = MONDY.exec(t);
  if (m && MONTHS[m[1]!.slice(0, 3).toLowerCase()]) {
    const h = m[4] ? hour12(Number(m[4]), m[7]) : 0;
    return iso(Number(m[3]), MONTHS[m[1]!.slice(0, 3).toLowerCase()]!, Number(m[2]), h, m[5] ? Number(m[5]) : 0, m[6] ? Number(m[6]) : 0);
  }
  return null;
}

export interface DateDecision {
  /** The order used for `a/b/yyyy` values; undefined when the column has none (ISO, Chinese, month names). */
  order?: DateOrder;
  /** How it was decided: from the data (a field > 12), given (flag or cx.yaml), or a default for ambiguous data. */
  by: 'data' | 'given' | 'default';
  /** Values where the first field is > 12 (day first) and where the second is (month first). */
  dayFirstEvidence: number;
  monthFirstEvidence: number;
  /** Numeric a/b/yyyy values seen (distinct). */
  numeric: number;
  /** An example value that decided it (or that shows the ambiguity). */
  example?: string;
}

const XYZ_HEAD = /^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})(?!\d)/;

/**
 * One decision per column for `a/b/yyyy` dates (issue 9): all (distinct) values are looked at, not one row
 * at a time, so 05/03/2026 and 13/03/2026 in one column are both March. A first field > 12 means day first,
 * a second field > 12 month first; when both occur the majority wins (the others then do not parse and are
 * reported); when neither occurs the column is ambiguous: dotted dates are day first, others month first,
 * and the caller says which was chosen.
 */
export function decideDateOrder(values: Iterable<string>, given?: DateOrder): DateDecision {
  let dayFirst = 0;
  let monthFirst = 0;
  let numeric = 0;
  let dots = 0;
  let exDay: string | undefined;
  let exMonth: string | undefined;
  let exAny: string | undefined;
  for (const v of values) {
    const m = XYZ_HEAD.exec(v);
    if (!m) continue;
    numeric++;
    exAny ??= v.trim();
    if (m[2] === '.') dots++;
    if (+m[1]! > 12) {
      dayFirst++;
      exDay ??= v.trim();
    }
    if (+m[3]! > 12) {
      monthFirst++;
      exMonth ??= v.trim();
    }
  }
  const base = { dayFirstEvidence: dayFirst, monthFirstEvidence: monthFirst, numeric };
  if (given) return { ...base, order: given, by: 'given' };
  if (numeric === 0) return { ...base, by: 'data' };
  if (dayFirst > 0 || monthFirst > 0) {
    const order: DateOrder = dayFirst >= monthFirst ? 'dmy' : 'mdy';
    return { ...base, order, by: 'data', example: order === 'dmy' ? exDay : exMonth };
  }
  return { ...base, order: dots > numeric / 2 ? 'dmy' : 'mdy', by: 'default', example: exAny };
}

/** `--date-format` / cx.yaml text → order: dmy, mdy, ymd or the patterns DD/MM/YYYY, MM/DD/YYYY, YYYY-MM-DD. */
export function dateOrderOf(text: string): DateOrder | undefined {
  const t = text.trim().toLowerCase().replace(/[^a-z]/g, '');
  if (t === 'dmy' || t === 'ddmmyyyy' || t === 'ddmmyy' || t === 'dmyy' || t === 'uk' || t === 'eu') return 'dmy';
  if (t === 'mdy' || t === 'mmddyyyy' || t === 'mmddyy' || t === 'us') return 'mdy';
  if (t === 'ymd' || t === 'yyyymmdd' || t === 'iso') return 'ymd';
  return undefined;
}

/** The cells worth looking at for the day/month decision: `a/b/yyyy`-like texts, each distinct run once. */
export function* numericDateCandidates(cells: readonly string[], n = cells.length): Generator<string> {
  let last: string | undefined;
  for (let k = 0; k < n; k++) {
    const s = cells[k]!;
    if (s === last || s.length < 6) continue;
    last = s;
    // Year-first and text dates have no digit-separator-digit start of a/b/yyyy: skip without a regex.
    const c1 = s.charCodeAt(1);
    const c2 = s.charCodeAt(2);
    const sep1 = c1 === 47 || c1 === 45 || c1 === 46;
    const sep2 = c2 === 47 || c2 === 45 || c2 === 46;
    if (sep1 || sep2) yield s;
  }
}

/** The warnings a date column gets: the ambiguous or mixed day/month order, and values left unparsed. */
export function dateWarnings(id: string, dec: DateDecision, bad: number, examples: string[]): string[] {
  const out: string[] = [];
  const name = (o: DateOrder | undefined) => (o === 'dmy' ? 'day/month/year' : o === 'mdy' ? 'month/day/year' : 'year-month-day');
  if (dec.by === 'default' && dec.order) {
    const ex = dec.example ?? '';
    const read = ex ? ` (${ex} = ${parseDate(ex, dec.order)?.slice(0, 10) ?? '?'})` : '';
    const other = dec.order === 'dmy' ? 'mdy' : 'dmy';
    out.push(`${id}: no date has a day above 12, so day/month order is ambiguous; read as ${name(dec.order)}${read}; if that is wrong, use --date-format ${other} (or dateFormat: ${other} in cx.yaml)`);
  } else if (dec.by === 'data' && dec.order && dec.dayFirstEvidence > 0 && dec.monthFirstEvidence > 0) {
    out.push(`${id}: dates mix day-first and month-first writing (${dec.dayFirstEvidence} vs ${dec.monthFirstEvidence} distinct values); read as ${name(dec.order)}; the others could not be read`);
  }
  if (bad > 0) {
    const order = dec.numeric > 0 && dec.order ? `; dates read as ${name(dec.order)}` : '';
    out.push(`${id}: ${bad} date value(s) could not be parsed and were kept as text (e.g. ${examples.map((e) => `"${e}"`).join(', ')})${order}`);
  }
  return out;
}

/** Excel serial day number (1900 system) → wall-clock ISO text; null when out of a plausible range. */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 20000 || serial > 80000) return null;
  // Excel day 25569 = 1970-01-01; round to the nearest second to undo floating error.
  const ms = Math.round((serial - 25569) * 86400) * 1000;
  const d = new Date(ms);
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

/** True when most of the sampled non-empty values parse as dates (used by inference). */
export function looksLikeDates(sample: string[]): boolean {
  if (sample.length === 0) return false;
  let ok = 0;
  for (const s of sample) if (parseDate(s) !== null) ok++;
  return ok === sample.length;
}
