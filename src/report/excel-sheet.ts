// A small styled-table writer on top of exceljs: one call per sheet, with typed columns (number formats,
// widths), a bold filled header row, frozen header, autofilter, and conditional formats. Every value goes
// through `safeCell` (xlsx-safe.ts): text is always a plain string cell, never a formula.
import type ExcelJS from 'exceljs';
import { cleanText, safeCell } from './xlsx-safe.js';

/** Number formats cx uses. `pct` expects a fraction (0.42 → 42.0%). */
/** `pct100` expects a percentage already on 0…100 (42 → 42.0%), as the report model stores them. */
export type ColFormat = 'text' | 'int' | 'num1' | 'num2' | 'num3' | 'pct' | 'pct100' | 'signed1' | 'signed2' | 'pval';

export interface ColSpec {
  key: string;
  header: string;
  format?: ColFormat;
  /** Column width in characters; default from header and content. */
  width?: number;
  /** Conditional format: `change` = red below 0 / green above 0; `bar` = data bar; `sig` = bold when "*". */
  cond?: 'change' | 'bar';
  /** Wrap long text (verbatims). */
  wrap?: boolean;
  /** A drop-down list (data validation) of allowed values for every row of this column. */
  list?: string[];
}

/**
 * Per-row extras a row object may carry besides its column values: `_fmt` (a number format for one cell,
 * e.g. 2 decimals for the CES row) and `_color` (a font colour by meaning, ARGB, for one cell).
 */
export interface RowExtras {
  _fmt?: Record<string, ColFormat>;
  _color?: Record<string, string>;
}

export interface TableSheet {
  name: string;
  /** Optional title line above the table (bold, larger). */
  title?: string;
  /** Optional note lines under the title (grey). */
  notes?: string[];
  /** Blocks between the title and the notes (e.g. the executive summary): a heading and wrapped lines. */
  blocks?: Array<{ heading: string; lines: Array<{ text: string; color?: string }> }>;
  columns: ColSpec[];
  rows: Array<Record<string, unknown>>;
}

export const NUM_FMT: Record<ColFormat, string | undefined> = {
  text: '@',
  int: '0',
  num1: '0.0',
  num2: '0.00',
  num3: '0.000',
  pct: '0.0%',
  pct100: '0.0"%"',
  signed1: '+0.0;-0.0;0.0',
  signed2: '+0.00;-0.00;0.00',
  pval: '0.000',
};

export const HEADER_FILL = 'FF1F4E79';
const HEADER_FONT = 'FFFFFFFF';
const TITLE_FONT = 'FF1F4E79';
const NOTE_FONT = 'FF666666';
const RED = 'FFC00000';
const GREEN = 'FF00B050';
const RED_FILL = 'FFFFC7CE';
const GREEN_FILL = 'FFC6EFCE';

/** The fonts named in every cell: a Latin font with CJK fallbacks resolved by the reader's font system. */
export const CELL_FONT = 'Calibri';

/** Excel sheet names: ≤ 31 chars, none of []:*?/\, not empty, unique case-insensitively. */
export function sheetName(wanted: string, taken: Set<string>): string {
  let base = cleanText(wanted).replace(/[\u0000-\u001f]/g, ' ').replace(/[[\]:*?/\\]/g, '-').replace(/^'+|'+$/g, '').trim() || 'Sheet';
  base = [...base].slice(0, 31).join('');
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = [...base].slice(0, 31 - suffix.length).join('') + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Display width of a string: CJK and other wide characters count double. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    w += c >= 0x1100 && (c <= 0x115f || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000) ? 2 : 1;
  }
  return w;
}

/** Row number (1-based) of the table header in a sheet written by addTableSheet. */
export function headerRowOf(spec: TableSheet): number {
  const above = (spec.title ? 1 : 0) + (spec.notes?.length ?? 0);
  return above > 0 ? above + 2 : 1;
}

/** Add one styled table sheet; returns the worksheet. `taken` keeps sheet names unique. */
export function addTableSheet(wb: ExcelJS.Workbook, spec: TableSheet, taken: Set<string>): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(sheetName(spec.name, taken), {
    // Printing: landscape, one page wide (tables and their charts), header row repeated.
    pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 },
  });
  let r = 1;
  if (spec.title) {
    const c = ws.getCell(r, 1);
    c.value = safeCell(spec.title);
    c.font = { name: CELL_FONT, bold: true, size: 14, color: { argb: TITLE_FONT } };
    r++;
  }
  // Blocks (executive summary, alerts): each line merged across the table's width, wrapped, with a row
  // height for its length, so long sentences never overlap the next row.
  const span = Math.max(1, spec.columns.length);
  const spanWidth = spec.columns.reduce((a, c) => a + (c.width ?? Math.max(10, displayWidth(c.header) + 2)), 0);
  for (const b of spec.blocks ?? []) {
    const h = ws.getCell(r, 1);
    h.value = safeCell(b.heading);
    h.font = { name: CELL_FONT, bold: true, size: 12, color: { argb: TITLE_FONT } };
    r++;
    for (const line of b.lines) {
      if (span > 1) ws.mergeCells(r, 1, r, span);
      const c = ws.getCell(r, 1);
      c.value = safeCell(line.text);
      c.font = { name: CELL_FONT, size: 11, color: { argb: line.color ? `FF${line.color}` : 'FF222222' } };
      c.alignment = { wrapText: true, vertical: 'top' };
      ws.getRow(r).height = rowHeight(line.text, Math.max(30, spanWidth));
      r++;
    }
    r++;
  }
  for (const note of spec.notes ?? []) {
    const c = ws.getCell(r, 1);
    c.value = safeCell(note);
    c.font = { name: CELL_FONT, italic: true, size: 9, color: { argb: NOTE_FONT } };
    r++;
  }
  if (r > 1) r++; // blank line between title block and table
  const headerRow = r;
  spec.columns.forEach((col, i) => {
    const c = ws.getCell(headerRow, i + 1);
    c.value = safeCell(col.header);
    c.font = { name: CELL_FONT, bold: true, color: { argb: HEADER_FONT } };
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    c.alignment = { vertical: 'middle', wrapText: true, horizontal: col.format && col.format !== 'text' ? 'right' : 'left' };
    c.border = { bottom: { style: 'thin', color: { argb: 'FF999999' } } };
  });
  ws.getRow(headerRow).height = 20;

  const widths = spec.columns.map((col) => Math.max(8, displayWidth(col.header) + 2));
  spec.rows.forEach((row, ri) => {
    const rr = headerRow + 1 + ri;
    const ex = row as RowExtras;
    let lines = 1;
    spec.columns.forEach((col, ci) => {
      const raw = row[col.key];
      const format = ex._fmt?.[col.key] ?? col.format;
      const v = format === 'text' && typeof raw === 'number' ? String(raw) : safeCell(raw);
      const c = ws.getCell(rr, ci + 1);
      c.value = v;
      c.font = ex._color?.[col.key] ? { name: CELL_FONT, bold: true, color: { argb: ex._color[col.key]! } } : { name: CELL_FONT };
      if (typeof v === 'number' && format && format !== 'text') c.numFmt = NUM_FMT[format]!;
      if (col.wrap && typeof v === 'string' && col.width) lines = Math.max(lines, Math.ceil(displayWidth(v) / Math.max(4, col.width - 1)));
      if (col.wrap) c.alignment = { wrapText: true, vertical: 'top' };
      else if (typeof v === 'string' && col.format === 'text') c.alignment = { vertical: 'top' };
      const w = v === null ? 0 : typeof v === 'number' ? 8 : Math.min(displayWidth(v) + 2, col.wrap ? 80 : 50);
      if (w > widths[ci]) widths[ci] = w;
    });
    // Wrapped cells get a row tall enough for their lines (Excel and LibreOffice do not grow rows written
    // by a library; without it long question texts overlap the next row).
    if (lines > 1) ws.getRow(rr).height = Math.min(409, 15 * lines + 2);
  });
  spec.columns.forEach((col, i) => {
    ws.getColumn(i + 1).width = col.width ?? Math.min(widths[i], 60);
  });

  const lastRow = headerRow + spec.rows.length;
  ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: headerRow, topLeftCell: `A${headerRow + 1}`, activeCell: `A${headerRow + 1}` }];
  spec.columns.forEach((col, i) => {
    if (!col.list || spec.rows.length === 0) return;
    const L = colLetter(i + 1);
    // A drop-down on every row (and 200 more for rows the team adds).
    const ref = `${L}${headerRow + 1}:${L}${lastRow + 200}`;
    (ws as unknown as { dataValidations: { add(ref: string, v: object): void } }).dataValidations.add(ref, {
      type: 'list', allowBlank: true, showErrorMessage: true, formulae: [`"${col.list.join(',')}"`],
    });
  });
  if (spec.rows.length > 0) {
    ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: lastRow, column: spec.columns.length } };
    spec.columns.forEach((col, i) => {
      const L = colLetter(i + 1);
      const ref = `${L}${headerRow + 1}:${L}${lastRow}`;
      if (col.cond === 'change') {
        ws.addConditionalFormatting({
          ref,
          rules: [
            { type: 'cellIs', operator: 'lessThan', formulae: ['0'], priority: 1,
              style: { font: { color: { argb: RED } }, fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: RED_FILL } } } },
            { type: 'cellIs', operator: 'greaterThan', formulae: ['0'], priority: 2,
              style: { font: { color: { argb: GREEN } }, fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: GREEN_FILL } } } },
          ],
        });
      } else if (col.cond === 'bar') {
        ws.addConditionalFormatting({
          ref,
          rules: [{ type: 'dataBar', priority: 3, minLength: 0, maxLength: 100, gradient: false,
            cfvo: [{ type: 'min' }, { type: 'max' }], color: { argb: 'FF5B9BD5' } } as unknown as ExcelJS.ConditionalFormattingRule],
        });
      }
    });
  }
  return ws;
}

/** Row height (points) for `text` wrapped in a cell `width` characters wide. */
export function rowHeight(text: string, width: number): number {
  const lines = Math.max(1, Math.ceil(displayWidth(text) / Math.max(4, width - 2)));
  return Math.min(409, 15 * lines + 3);
}

/** An empty-state sheet body: one line saying why the section has no rows. */
export function emptyRow(columns: ColSpec[], text: string): Array<Record<string, unknown>> {
  return columns.length ? [{ [columns[0].key]: text }] : [];
}
