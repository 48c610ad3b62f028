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

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = /^(pm|下午|晚上)$/i.test(ampm.replace(/\./g, ''));
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

// Year first: 2024-05-02 09:14:03, 2024/05/02 9:14:03 pm GMT+8, 2024-05-02T09:14:03.123Z, 2024年5月2日 9:14
const YMD =
  /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]+(?:(上午|下午|晚上)\s*)?(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?\s*([ap]\.?m\.?)?)?\s*(?:Z|GMT|UTC|[+-]\d{2}:?\d{2}|(?:GMT|UTC)\s*[+-]\d{1,2}(?::?\d{2})?)?$/i;
// Month or day first: 8/22/22 15:44, 05/02/2024 09:14:03 AM, 22.08.2022 15:44
const MDY =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2}|\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::(\d{2}(?:\.\d+)?))?\s*([ap]\.?m\.?)?)?\s*(?:Z|GMT|UTC|(?:GMT|UTC)?\s*[+-]\d{1,2}(?::?\d{2})?)?$/i;

/**
 * Parse one date text. `dayFirst` decides ambiguous `a/b/yyyy` values (default: month first, as US
 * platforms write them; a dot separator means day first). Returns null when the text is not a date.
 */
export function parseDate(text: string, dayFirst = false): string | null {
  const t = text.trim();
  if (t.length < 6 || t.length > 40) return null;
  const fast = fastIso(t);
  if (fast !== undefined) return fast;
  let m = YMD.exec(t);
  if (m) {
    const h = m[5] ? hour12(Number(m[5]), m[8] ?? m[4]) : 0;
    return iso(Number(m[1]), Number(m[2]), Number(m[3]), h, m[6] ? Number(m[6]) : 0, m[7] ? Number(m[7]) : 0);
  }
  m = MDY.exec(t);
  if (m) {
    let a = Number(m[1]);
    let b = Number(m[3]);
    if (dayFirst || m[2] === '.' || a > 12) [a, b] = [b, a];
    let y = Number(m[4]);
    if (m[4]!.length === 2) y += y < 70 ? 2000 : 1900;
    const h = m[5] ? hour12(Number(m[5]), m[8]) : 0;
    return iso(y, a, b, h, m[6] ? Number(m[6]) : 0, m[7] ? Number(m[7]) : 0);
  }
  return null;
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
