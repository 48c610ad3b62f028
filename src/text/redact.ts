// Personal data in open comments replaced by placeholders: [URL], [EMAIL], [ID] (Chinese resident ID
// card, 18 digits with a valid checksum), [CARD] (payment card, 13–19 digits passing the Luhn check),
// [PHONE] (Chinese mobiles 1[3-9]x with or without +86, landlines with an area code, 400/800 numbers,
// international +CC numbers, North-American (555) 123-4567 / 555-123-4567).
// Order matters: URLs, then e-mails, then ID cards, then cards, then phones, so one span is never counted twice.
import type { Survey } from '../dataset/types.js';
import { strAt, numAt } from '../dataset/types.js';
import { inputError } from '../ui/errors.js';

export type RedactKind = 'url' | 'email' | 'id' | 'card' | 'phone';

export interface RedactCounts {
  email: number;
  phone: number;
  id: number;
  card: number;
  url: number;
}

export const PLACEHOLDER: Record<RedactKind, string> = {
  url: '[URL]',
  email: '[EMAIL]',
  id: '[ID]',
  card: '[CARD]',
  phone: '[PHONE]',
};

export function emptyCounts(): RedactCounts {
  return { email: 0, phone: 0, id: 0, card: 0, url: 0 };
}

const URL_RE = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/gi;
const EMAIL_RE = /[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}/g;
const ID_RE = /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])/g;
const CARD_RE = /(?<![0-9A-Za-z])[2-6]\d{3}(?:[ -]?\d){9,15}(?![0-9A-Za-z])/g;
const PHONE_RES: RegExp[] = [
  // Chinese mobile, optional +86 / 0086 / 86, optional separators: 13812345678, +86 138-1234-5678
  /(?<![0-9A-Za-z+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z])/g,
  // Chinese landline with area code: 010-12345678, (021) 6123 4567, 0755 8888 8888, +86 10 12345678
  /(?<![0-9A-Za-z+])(?:(?:\+|00)86[ -]?(?:\(?0?\d{2,3}\)?)|\(0\d{2,3}\)|0\d{2,3})[ -]?\d{3,4}[ -]?\d{4}(?![0-9A-Za-z])/g,
  // 400 / 800 service numbers: 400-123-4567
  /(?<![0-9A-Za-z])[48]00[ -]?\d{3}[ -]?\d{4}(?![0-9A-Za-z])/g,
  // International: +44 20 7946 0958, +1 (555) 123-4567
  /(?<![0-9A-Za-z])\+\d{1,3}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,4}(?![0-9A-Za-z])/g,
  // North American: (555) 123-4567, 555-123-4567, 555.123.4567
  /(?<![0-9A-Za-z])(?:\(\d{3}\) ?|\d{3}[.-])\d{3}[.-]\d{4}(?![0-9A-Za-z])/g,
];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check digit of an 18-character resident ID number. */
export function validChineseId(id: string): boolean {
  if (!/^\d{17}[0-9Xx]$/.test(id)) return false;
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[s % 11] === id[17]!.toUpperCase();
}

/** Luhn (mod 10) check of a digit string. */
export function luhnValid(digits: string): boolean {
  let s = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    s += d;
    dbl = !dbl;
  }
  return s % 10 === 0;
}

const TRAILING = /[.,;:!?)\]}'"]+$/;

/** Replace personal data in one text; counts per kind. Null/empty text is returned unchanged. */
export function redactText(s: string | null | undefined): { text: string; counts: RedactCounts } {
  const counts = emptyCounts();
  if (!s) return { text: s ?? '', counts };
  // Cheap exit: nothing to redact without a digit, an @ or a URL marker.
  if (!/[\d@]|www\.|:\/\//i.test(s)) return { text: s, counts };
  let t = s.replace(URL_RE, (m) => {
    const tail = TRAILING.exec(m)?.[0] ?? '';
    counts.url++;
    return PLACEHOLDER.url + tail;
  });
  t = t.replace(EMAIL_RE, () => {
    counts.email++;
    return PLACEHOLDER.email;
  });
  t = t.replace(ID_RE, (m) => {
    if (!validChineseId(m)) return m;
    counts.id++;
    return PLACEHOLDER.id;
  });
  t = t.replace(CARD_RE, (m) => {
    const d = m.replace(/[ -]/g, '');
    if (d.length < 13 || d.length > 19 || !luhnValid(d)) return m;
    counts.card++;
    return PLACEHOLDER.card;
  });
  for (const re of PHONE_RES) {
    t = t.replace(re, () => {
      counts.phone++;
      return PLACEHOLDER.phone;
    });
  }
  return { text: t, counts };
}

/** Add b into a. */
export function addCounts(a: RedactCounts, b: RedactCounts): RedactCounts {
  a.email += b.email;
  a.phone += b.phone;
  a.id += b.id;
  a.card += b.card;
  a.url += b.url;
  return a;
}

export interface SurveyRedaction {
  /** Redacted values of each redacted column. */
  columns: Map<string, (string | null)[]>;
  counts: RedactCounts;
  total: number;
  cellsChanged: number;
}

/** Redact the given string columns of a survey (the survey itself is not modified). */
export function redactSurvey(s: Survey, cols: readonly string[]): SurveyRedaction {
  const counts = emptyCounts();
  const columns = new Map<string, (string | null)[]>();
  let cellsChanged = 0;
  for (const id of cols) {
    const c = s.columns.get(id)!;
    const vals: (string | null)[] = new Array(s.nRows);
    for (let i = 0; i < s.nRows; i++) {
      const v = strAt(c, i);
      if (v == null) { vals[i] = null; continue; }
      const r = redactText(v);
      if (r.text !== v) cellsChanged++;
      addCounts(counts, r.counts);
      vals[i] = r.text;
    }
    columns.set(id, vals);
  }
  const total = counts.email + counts.phone + counts.id + counts.card + counts.url;
  return { columns, counts, total, cellsChanged };
}

/** Write the redacted copy atomically: every column as a table, or one comment per line for .txt. */
export async function writeRedacted(s: Survey, r: SurveyRedaction, out: string, format?: string): Promise<void> {
  if (/\.txt$/i.test(out) && !format) {
    if (r.columns.size !== 1) throw inputError(`${out}: a .txt output holds one column; choose one with --text or write .csv.`, `${out}：.txt 输出只能包含一列；请用 --text 选择一列，或输出 .csv。`);
    const vals = [...r.columns.values()][0]!;
    const { writeFileAtomic } = await import('../dataset/write.js');
    writeFileAtomic(out, vals.map((v) => (v ?? '').replace(/\r?\n/g, ' ')).join('\n') + '\n');
    return;
  }
  const { writeTable, formatFromPath } = await import('../dataset/write.js');
  const f = format ?? formatFromPath(out);
  if (f !== 'csv' && f !== 'xlsx' && f !== 'jsonl') {
    throw inputError(`cannot tell the output format of ${out}: use .csv, .xlsx, .jsonl (or .txt for a .txt input), or --format.`, `无法判断 ${out} 的输出格式：请用 .csv、.xlsx、.jsonl（.txt 输入可用 .txt）结尾，或加 --format。`);
  }
  const ids = [...s.columns.keys()];
  function* rows(): Generator<(string | number | null)[]> {
    for (let i = 0; i < s.nRows; i++) {
      yield ids.map((id) => {
        const red = r.columns.get(id);
        if (red) return red[i] ?? null;
        const c = s.columns.get(id)!;
        if (c.kind === 'num') {
          const v = numAt(c, i);
          return Number.isFinite(v) ? v : null;
        }
        return strAt(c, i);
      });
    }
  }
  await writeTable(out, ids, rows(), { format: f });
}
