// Formula-injection and XML safety for spreadsheet cells (customer comments end up in XLSX files).
//
// The rule: every text value written by cx is stored as a plain string cell, never as a formula, whatever
// it starts with. Text starting with `=`, `+`, `-`, `@`, TAB or CR is the classic "CSV/formula injection"
// payload (`=HYPERLINK(...)`, `@SUM(...)`, `=cmd|' /C calc'!A0`): in an XLSX written by exceljs a string
// value is already a string cell, so we keep the text unchanged (researchers need the verbatim) but
//  1. never hand exceljs anything but a primitive string for text (no `{formula}`, no rich-text objects),
//  2. mark such cells with the `quotePrefix` cell style (Excel's "leading apostrophe"): if a user edits the
//     cell and presses Enter, Excel keeps it as text instead of evaluating it (applied by `markQuotePrefix`
//     on the finished package, since exceljs has no API for the attribute),
//  3. strip characters XML 1.0 cannot carry (a stray \u0000 or \u001b would corrupt the whole file),
//  4. cut text to Excel's 32,767-character cell limit.

/** Characters that make spreadsheet software treat typed text as a formula or a command. */
const RISKY_START = /^[=+\-@\t\r]/;

/** True if `s` would be read as a formula if typed into a cell. */
export function isFormulaLike(s: string): boolean {
  return RISKY_START.test(s);
}

/** Excel's per-cell text limit. */
export const MAX_CELL_CHARS = 32767;

// XML 1.0 allows \t \n \r and U+0020..U+D7FF, U+E000..U+FFFD and supplementary planes (valid pairs).
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text that is safe to store in an OOXML string cell (or slide text). */
export function cleanText(s: string): string {
  let out = s.replace(XML_ILLEGAL, '');
  if (out.length > MAX_CELL_CHARS) {
    out = out.slice(0, MAX_CELL_CHARS - 1);
    // do not leave half a surrogate pair at the cut
    if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
    out += '…';
  }
  return out;
}

/** A value exceljs may store: numbers as numbers, everything else as a plain string (never a formula). */
export type SafeCell = string | number | null;

/**
 * Convert any JS value into a cell value: finite numbers stay numbers, NaN/±Infinity/null/undefined and ''
 * become an empty cell, booleans become "true"/"false", Dates become ISO dates (cx reports dates as text so the
 * file does not depend on the reader's time zone), objects become their JSON.
 */
export function safeCell(v: unknown): SafeCell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return v === '' ? null : cleanText(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  return cleanText(JSON.stringify(v) ?? '');
}

/**
 * Rewrite styles.xml and the sheets of a finished XLSX package so that every string cell whose text is
 * formula-like carries a cell format with `quotePrefix="1"`. `sharedStrings` is the parsed list of shared
 * strings; cells are `<c r=".." s="N" t="s"><v>idx</v></c>`. Works on the XML text (exceljs output is
 * regular), returns the new XML for styles and each sheet.
 */
export function markQuotePrefix(
  stylesXml: string,
  sheets: Map<string, string>,
  sharedStrings: string[],
): { stylesXml: string; sheets: Map<string, string> } {
  const m = /<cellXfs count="(\d+)">([\s\S]*?)<\/cellXfs>/.exec(stylesXml);
  if (!m) return { stylesXml, sheets };
  const xfs = m[2].match(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g) ?? [];
  const extra: string[] = [];
  const mapped = new Map<number, number>(); // original xf index → quote-prefixed clone index
  const cloneOf = (idx: number): number => {
    const got = mapped.get(idx);
    if (got !== undefined) return got;
    const src = xfs[idx] ?? '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>';
    const clone = src.includes('quotePrefix=')
      ? src
      : src.replace(/^<xf\b/, '<xf quotePrefix="1"');
    const ni = xfs.length + extra.length;
    extra.push(clone);
    mapped.set(idx, ni);
    return ni;
  };
  const risky = new Set<number>();
  sharedStrings.forEach((s, i) => {
    if (isFormulaLike(s)) risky.add(i);
  });
  const out = new Map<string, string>();
  for (const [name, xml] of sheets) {
    if (risky.size === 0) {
      out.set(name, xml);
      continue;
    }
    out.set(
      name,
      xml.replace(/<c r="([A-Z]+\d+)"((?: s="(\d+)")?) t="s"><v>(\d+)<\/v><\/c>/g, (all, ref, _s, sIdx, v) => {
        if (!risky.has(Number(v))) return all;
        const ni = cloneOf(sIdx === undefined ? 0 : Number(sIdx));
        return `<c r="${ref}" s="${ni}" t="s"><v>${v}</v></c>`;
      }),
    );
  }
  if (extra.length === 0) return { stylesXml, sheets: out };
  const body = m[2] + extra.join('');
  const newStyles = stylesXml.replace(m[0], `<cellXfs count="${xfs.length + extra.length}">${body}</cellXfs>`);
  return { stylesXml: newStyles, sheets: out };
}

/** Decode the `<si>` entries of xl/sharedStrings.xml into plain strings (rich runs concatenated). */
export function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  const siRe = /<si>([\s\S]*?)<\/si>/g;
  let m: RegExpExecArray | null;
  while ((m = siRe.exec(xml))) {
    let text = '';
    const tRe = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g;
    let t: RegExpExecArray | null;
    while ((t = tRe.exec(m[1]))) text += t[1] ?? '';
    out.push(unescapeXml(text));
  }
  return out;
}

function unescapeXml(s: string): string {
  return s
    .replace(/_x([0-9A-Fa-f]{4})_/g, (_, h) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9A-Fa-f]+);/g, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/g, '&');
}
