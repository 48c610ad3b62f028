// Row-table writer shared by `cx export`, `cx code`, `cx sentiment` … (CSV, XLSX, JSONL).
// Atomic: the table is written to `<path>.tmp-<pid>` beside the target, then renamed; on any failure the
// temporary file is removed and no output exists. CSV cells that a spreadsheet would run as a formula
// (starting with = + - @, tab or CR) are prefixed with a single quote (OWASP "CSV injection").
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { once } from 'node:events';

export type Cell = string | number | null | undefined;
export type TableFormat = 'csv' | 'xlsx' | 'jsonl';

export interface WriteTableOptions {
  format: TableFormat;
  /** CSV only: write a UTF-8 BOM so Excel opens Chinese text correctly (default true). */
  bom?: boolean;
  /** XLSX only: worksheet name (default "data"). */
  sheet?: string;
}

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/** A string cell made safe for spreadsheets: a leading = + - @ tab or CR gets a ' prefix. */
export function neutraliseFormula(s: string): string {
  return s.length > 0 && FORMULA_START.has(s[0]!) ? "'" + s : s;
}

/** One CSV field (RFC 4180 quoting). Numbers are written unquoted and never escaped (-3 stays -3). */
export function csvField(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  const s = neutraliseFormula(v);
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

export function csvLine(cells: readonly Cell[]): string {
  let out = '';
  for (let i = 0; i < cells.length; i++) {
    if (i > 0) out += ',';
    out += csvField(cells[i]);
  }
  return out + '\r\n';
}

function tmpName(path: string): string {
  return `${path}.tmp-${process.pid}`;
}

async function writeStreamed(tmp: string, chunks: Iterable<string>): Promise<void> {
  const ws = createWriteStream(tmp, { flags: 'wx' });
  const failed = new Promise<never>((_, reject) => ws.once('error', reject));
  failed.catch(() => undefined);
  let buf = '';
  try {
    for (const chunk of chunks) {
      buf += chunk;
      if (buf.length >= 1 << 16) {
        if (!ws.write(buf)) await Promise.race([once(ws, 'drain'), failed]);
        buf = '';
      }
    }
  } catch (e) {
    await new Promise<void>((resolve) => ws.destroy() && ws.once('close', () => resolve()));
    throw e;
  }
  if (buf) ws.write(buf);
  ws.end();
  await Promise.race([once(ws, 'finish'), failed]);
  await new Promise<void>((resolve, reject) => ws.close((e) => (e ? reject(e) : resolve())));
}

function* csvChunks(header: readonly string[], rows: Iterable<readonly Cell[]>, bom: boolean): Iterable<string> {
  yield (bom ? '\uFEFF' : '') + csvLine(header);
  for (const r of rows) yield csvLine(r);
}

function jsonCell(v: Cell): string | number | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return v;
}

function* jsonlChunks(header: readonly string[], rows: Iterable<readonly Cell[]>): Iterable<string> {
  for (const r of rows) {
    const o: Record<string, string | number | null> = {};
    for (let c = 0; c < header.length; c++) o[header[c]!] = jsonCell(r[c]);
    yield JSON.stringify(o) + '\n';
  }
}

async function writeXlsx(tmp: string, header: readonly string[], rows: Iterable<readonly Cell[]>, sheet: string): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: false, useStyles: true });
  const ws = wb.addWorksheet(sheet.slice(0, 31) || 'data');
  const head = ws.addRow([...header]);
  head.font = { bold: true };
  head.commit();
  for (const r of rows) {
    // Strings stay strings (exceljs writes them as text, never as formulas); a leading = is still
    // neutralised so a copy-paste to CSV stays safe.
    ws.addRow(r.map((v) => (typeof v === 'string' ? neutraliseFormula(v) : jsonCell(v)))).commit();
  }
  ws.commit();
  await wb.commit();
}

/**
 * Write a one-header-row table to `path` atomically.
 * `rows` may be a generator: it is consumed once, row by row (CSV/JSONL stream to disk).
 */
export async function writeTable(
  path: string,
  header: readonly string[],
  rows: Iterable<readonly Cell[]>,
  opts: WriteTableOptions,
): Promise<void> {
  const tmp = tmpName(path);
  rmSync(tmp, { force: true });
  try {
    if (opts.format === 'csv') await writeStreamed(tmp, csvChunks(header, rows, opts.bom !== false));
    else if (opts.format === 'jsonl') await writeStreamed(tmp, jsonlChunks(header, rows));
    else if (opts.format === 'xlsx') await writeXlsx(tmp, header, rows, opts.sheet ?? 'data');
    else throw new Error(`unknown table format ${String(opts.format)}`);
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/** Table format from an output file name (.csv, .xlsx, .jsonl/.ndjson), or undefined. */
export function formatFromPath(path: string): TableFormat | undefined {
  const m = /\.([a-z]+)$/i.exec(path);
  const ext = m?.[1]?.toLowerCase();
  if (ext === 'csv') return 'csv';
  if (ext === 'xlsx') return 'xlsx';
  if (ext === 'jsonl' || ext === 'ndjson') return 'jsonl';
  return undefined;
}
