// Row-table writer shared by `cx export`, `cx code`, `cx sentiment` … (CSV, XLSX, JSONL).
// Atomic: the table is written to `<path>.tmp-<pid>` beside the target, then renamed; on any failure the
// temporary file is removed and no output exists. CSV cells that a spreadsheet would run as a formula
// (starting with = + - @, tab or CR) are prefixed with a single quote (OWASP "CSV injection").
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { inputError } from '../ui/errors.js';
import { assertReplaceable } from './file-guard.js';

export { assertInputFile, assertNotSpecial, assertReplaceable, guardOutput, type GuardedInput } from './file-guard.js';

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

/** The nearest existing ancestor folder-or-file of `path` (for "… is a file" messages). */
function nearestExisting(path: string): string | undefined {
  let p = dirname(resolve(path));
  for (;;) {
    if (existsSync(p)) return p;
    const up = dirname(p);
    if (up === p) return undefined;
    p = up;
  }
}

/**
 * `mkdir -p` without `mkdirSync(dir, { recursive: true })`: on Node 20/22 that call loops forever when
 * mkdir answers ENOENT under an existing folder (e.g. anything below /proc), so a bad -o hung cx.
 * Creates the missing folders one by one, top down; errors keep their code (ENOTDIR, EACCES, ENOENT…).
 */
export function makeDirs(dir: string): void {
  const missing: string[] = [];
  let p = resolve(dir);
  while (!existsSync(p)) {
    missing.push(p);
    const up = dirname(p);
    if (up === p) break;
    p = up;
  }
  for (let i = missing.length - 1; i >= 0; i--) {
    try {
      mkdirSync(missing[i]!);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(missing[i]!).isDirectory()) throw e;
    }
  }
  if (!statSync(resolve(dir)).isDirectory()) {
    throw Object.assign(new Error(`EEXIST: file already exists, mkdir '${dir}'`), { code: 'EEXIST' });
  }
}

/**
 * A file-system error met while writing the output `path` (a file or a dataset directory), as one
 * bilingual exit-2 sentence naming the path and what to do. Errors without a known code are returned as is.
 */
export function outputPathError(path: string, e: unknown): unknown {
  const code = (e as NodeJS.ErrnoException | null)?.code;
  const anc = nearestExisting(path);
  const ancIsFile = anc !== undefined && !statSync(anc).isDirectory();
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      if (ancIsFile) {
        return inputError(
          `cannot write ${path}: ${anc} is a file, not a folder; choose another -o.`,
          `无法写入 ${path}：${anc} 是文件而不是文件夹；请用 -o 另选路径。`,
        );
      }
      return inputError(
        `cannot write ${path}: a file is in the way (${code}); choose another -o.`,
        `无法写入 ${path}：路径上已有同名文件（${code}）；请用 -o 另选路径。`,
      );
    case 'ENOENT':
      return inputError(
        `cannot write ${path}: its folder ${dirname(path)} does not exist or cannot hold files; create it or choose another -o.`,
        `无法写入 ${path}：文件夹 ${dirname(path)} 不存在或不能存放文件；请先创建它或用 -o 另选路径。`,
      );
    case 'EACCES':
    case 'EPERM':
      return inputError(
        `cannot write ${path}: permission denied; choose another -o where you can write.`,
        `无法写入 ${path}：没有写权限；请用 -o 另选可写的路径。`,
      );
    case 'EROFS':
      return inputError(
        `cannot write ${path}: the file system is read-only; choose another -o.`,
        `无法写入 ${path}：文件系统只读；请用 -o 另选路径。`,
      );
    case 'EISDIR':
      return inputError(
        `cannot write ${path}: it is a folder; give a file name with -o.`,
        `无法写入 ${path}：它是文件夹；请用 -o 指定文件名。`,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return inputError(
        `cannot write ${path}: the disk is full; free some space or choose another -o.`,
        `无法写入 ${path}：磁盘已满；请释放空间或用 -o 另选路径。`,
      );
    case 'ENAMETOOLONG':
      return inputError(
        `cannot write ${path}: the path is too long; choose a shorter -o.`,
        `无法写入 ${path}：路径过长；请用 -o 另选较短的路径。`,
      );
    default:
      return e;
  }
}

/**
 * Write the chunks to a new file `tmp`. Synchronous I/O on purpose: an open or write error is thrown
 * right here (an async stream that fails on open can leave nothing pending and let node exit 0).
 * Chunks are batched into ~64 KiB writes.
 */
function writeChunks(tmp: string, chunks: Iterable<string>): void {
  const fd = openSync(tmp, 'wx');
  try {
    let buf = '';
    for (const chunk of chunks) {
      buf += chunk;
      if (buf.length >= 1 << 16) {
        writeAll(fd, buf);
        buf = '';
      }
    }
    if (buf) writeAll(fd, buf);
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
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
  // Create the file first so an unwritable path fails here, synchronously, with its real error code.
  closeSync(openSync(tmp, 'wx'));
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
  assertReplaceable(path);
  const tmp = tmpName(path);
  try {
    rmSync(tmp, { force: true });
    if (opts.format === 'csv') writeChunks(tmp, csvChunks(header, rows, opts.bom !== false));
    else if (opts.format === 'jsonl') writeChunks(tmp, jsonlChunks(header, rows));
    else if (opts.format === 'xlsx') await writeXlsx(tmp, header, rows, opts.sheet ?? 'data');
    else throw new Error(`unknown table format ${String(opts.format)}`);
    assertReplaceable(path);
    renameSync(tmp, path);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the temporary file could not even be created (e.g. its folder is a file): nothing to remove
    }
    throw outputPathError(path, e);
  }
}

/**
 * Write bytes or text to `path` atomically: a new temp file beside it, then a rename that only ever
 * replaces a regular file (or nothing). On any failure the temp file is removed and the error is one
 * exit-2 sentence naming the path.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  assertReplaceable(path);
  const tmp = tmpName(path);
  try {
    rmSync(tmp, { force: true });
    const fd = openSync(tmp, 'wx');
    try {
      if (typeof data === 'string') writeAll(fd, data);
      else {
        let off = 0;
        while (off < data.length) off += writeSync(fd, data, off, data.length - off);
      }
    } finally {
      closeSync(fd);
    }
    assertReplaceable(path);
    renameSync(tmp, path);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // the temporary file could not even be created: nothing to remove
    }
    throw outputPathError(path, e);
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
