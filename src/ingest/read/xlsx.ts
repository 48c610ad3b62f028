// XLSX reader (exceljs, loaded lazily): the first sheet or `--sheet NAME` → RawTable of cell texts.
// Date cells (and numbers carrying a date format, i.e. Excel serial dates) become `YYYY-MM-DD HH:MM:SS`
// in the workbook's wall-clock time; their columns are listed in `dateColumns`.
import type { RawTable } from './table.js';
import { inputError } from '../../ui/errors.js';

const pad = (n: number): string => String(n).padStart(2, '0');

/** exceljs gives dates as UTC instants holding the sheet's wall-clock time. */
export function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const h = d.getUTCHours();
  const m = d.getUTCMinutes();
  const s = d.getUTCSeconds();
  return h || m || s ? `${date} ${pad(h)}:${pad(m)}:${pad(s)}` : date;
}

/** Excel serial day number (1900 system, with Lotus's phantom 29 Feb 1900) → Date (UTC wall clock). */
export function excelSerialToDate(serial: number): Date {
  // Serials before 61 (1900-03-01) count Lotus's phantom 1900-02-29, so they sit one day later.
  const days = serial < 61 ? serial + 1 : serial;
  const ms = Math.round((days - 25569) * 86400 * 1000);
  return new Date(ms);
}

const DATE_FMT = /(^|[^"\\])[dmyhs]/i;

function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt || fmt === 'General' || fmt === '@') return false;
  const cleaned = fmt.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '');
  return DATE_FMT.test(cleaned) && !/^[#0.,%\s]+$/.test(cleaned);
}

function cellText(v: unknown, numFmt: string | undefined, isDate: { yes: boolean }): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') {
    if (isDateFormat(numFmt) && v > 0 && v < 2958466) {
      isDate.yes = true;
      return formatDate(excelSerialToDate(v));
    }
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) {
    isDate.yes = true;
    return formatDate(v);
  }
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string; formula?: string };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o || 'formula' in o) return cellText(o.result, numFmt, isDate);
    if (o.text !== undefined) return cellText(o.text, numFmt, isDate);
    if (o.error) return '';
  }
  return String(v);
}

/** Largest declared table (rows × columns) read without checking that the data really fills it. */
const MAX_SPARSE_CELLS = 5_000_000;

/** 0 → A, 25 → Z, 26 → AA … (Excel column letters). */
function columnLetters(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

interface SheetLike {
  name: string;
  state?: string;
  actualRowCount: number;
  actualColumnCount: number;
  getRow(r: number): { values: unknown };
}

/**
 * Without --sheet, the data sheet of a workbook is the largest table with a header row (≥ 2 filled cells
 * in row 1) among the visible sheets, so a first sheet `说明` / `Instructions` / `Notes` is not read as the
 * responses. The other visible sheets are named so the user sees what was not read.
 */
function pickDataSheet<T extends SheetLike>(sheets: T[]): { sheet: T; others: { name: string; rows: number }[] } | undefined {
  const visible = sheets.filter((w) => !w.state || w.state === 'visible');
  if (visible.length <= 1) return undefined;
  const filled = (v: unknown) => v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '');
  let best: T | undefined;
  let bestScore = -1;
  for (const w of visible) {
    const row1 = (w.getRow(1).values as unknown[] | undefined) ?? [];
    const head = Array.isArray(row1) ? row1.filter(filled).length : 0;
    const score = (head >= 2 ? 1e12 : 0) + w.actualRowCount * Math.max(1, w.actualColumnCount);
    if (score > bestScore) {
      bestScore = score;
      best = w;
    }
  }
  if (!best) return undefined;
  return { sheet: best, others: visible.filter((w) => w !== best).map((w) => ({ name: w.name, rows: w.actualRowCount })) };
}

export interface XlsxReadOptions {
  file: string;
  sheet?: string;
}

export async function readXlsx(bytes: Buffer, opts: XlsxReadOptions): Promise<RawTable> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw inputError(
      `${opts.file}: not a readable XLSX workbook (corrupt, encrypted or an old .xls); open it in Excel and save it as .xlsx or CSV.`,
      `${opts.file}：无法读取该 XLSX 工作簿（已损坏、加密或为旧版 .xls）；请在 Excel 中另存为 .xlsx 或 CSV。`,
    );
  }
  const names = wb.worksheets.map((w) => w.name);
  const picked = opts.sheet ? undefined : pickDataSheet(wb.worksheets);
  const ws = opts.sheet ? wb.getWorksheet(opts.sheet) : (picked?.sheet ?? wb.worksheets[0]);
  if (!ws) {
    const list = names.join(', ') || '(none)';
    throw inputError(
      opts.sheet
        ? `${opts.file}: no sheet named "${opts.sheet}"; the sheets are: ${list}.`
        : `${opts.file}: the workbook has no worksheet; export the responses again.`,
      opts.sheet ? `${opts.file}：没有名为“${opts.sheet}”的工作表；现有工作表：${list}。` : `${opts.file}：工作簿中没有工作表；请重新导出答卷。`,
    );
  }
  // Cells are collected sparsely (only cells that exist, only non-empty texts): the table's size comes from
  // the data itself, never from the declared <dimension> or an empty cell at XFD1048576.
  const cellRows: number[] = [];
  const cellCols: number[] = [];
  const cellTexts: string[] = [];
  const dateCols = new Set<number>();
  let height = 0;
  let width = 0;
  let hdr = 0;
  ws.eachRow((row, rowNumber) => {
    row.eachCell((cell, colNumber) => {
      const flag = { yes: false };
      const text = cellText(cell.value, cell.numFmt, flag);
      if (text === '') return;
      if (flag.yes && rowNumber > 1) dateCols.add(colNumber - 1);
      cellRows.push(rowNumber - 1);
      cellCols.push(colNumber - 1);
      cellTexts.push(text);
      if (rowNumber > height) height = rowNumber;
      if (colNumber > width) width = colNumber;
      if (rowNumber === 1 && colNumber > hdr) hdr = colNumber;
    });
  });
  if (height === 0 || width === 0) {
    throw inputError(
      `${opts.file}: sheet "${ws.name}" has no data; pick the sheet with the responses (--sheet NAME; sheets: ${names.join(', ')}).`,
      `${opts.file}：工作表“${ws.name}”没有数据；请用 --sheet 指定含答卷的工作表（现有：${names.join('、')}）。`,
    );
  }
  const n = cellTexts.length;
  if (height * width > MAX_SPARSE_CELLS && n * 20 < height * width) {
    // A stray value far from the data (e.g. in XFD1048576) would make a table of billions of empty cells.
    let far = 0;
    for (let k = 1; k < n; k++) if (cellRows[k]! * width + cellCols[k]! > cellRows[far]! * width + cellCols[far]!) far = k;
    const ref = `${columnLetters(cellCols[far]!)}${cellRows[far]! + 1}`;
    throw inputError(
      `${opts.file}: sheet "${ws.name}" has a value in cell ${ref}, far outside the rest of its ${n} filled cells (a ${height} × ${width} table would be mostly empty); delete the stray cell or copy the responses to a new sheet.`,
      `${opts.file}：工作表“${ws.name}”的单元格 ${ref} 有值，远离其余 ${n} 个有值单元格（${height} × ${width} 的表格几乎全空）；请删除该单元格，或把答卷复制到新工作表。`,
    );
  }
  const raggedSet = new Set<number>();
  const columns: string[][] = Array.from({ length: width }, () => new Array<string>(height).fill(''));
  const interns = new Map<string, string>();
  for (let k = 0; k < n; k++) {
    let v = cellTexts[k]!;
    if (v.length <= 32) {
      const hit = interns.get(v);
      if (hit !== undefined) v = hit;
      else interns.set(v, v);
    }
    const r = cellRows[k]!;
    const c = cellCols[k]!;
    columns[c]![r] = v;
    if (r > 0 && c >= hdr) raggedSet.add(r + 1);
  }
  const raggedRows = [...raggedSet].sort((a, b) => a - b);
  const rowsLength = height;
  const others = picked?.others;
  return {
    ...(others && others.length ? { otherSheets: others } : {}),
    file: opts.file,
    format: 'xlsx',
    encoding: 'utf-8',
    sheet: ws.name,
    height: rowsLength,
    width,
    columns,
    raggedRows,
    dateColumns: dateCols,
  };
}
