// bytes → RawTable for any supported export: CSV/TSV/TXT (encoding + delimiter sniffed), XLSX, JSON/JSONL.
import { closeSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import type { RawTable } from './table.js';
import { looksBinary, toUtf8 } from './encoding.js';
import { CsvParser, estimateRows, parseCsv, sepLine, sniffDelimiter } from './csv.js';
import { CxError, inputError } from '../../ui/errors.js';
import { assertInputFile, readStdin } from '../../dataset/file-guard.js';

export interface ReadTableOptions {
  encoding?: string;
  sheet?: string;
  delimiter?: string;
  /** Chunked parsing of large UTF-8 CSV files: from this size on (default 32 MB), in chunks of `chunkBytes` (16 MB). */
  streamMinBytes?: number;
  chunkBytes?: number;
}

function readBytes(file: string): Buffer {
  if (file === '-') return readStdin();
  // Only regular files: a device (/dev/zero) or FIFO would be read forever; a symlink loop is named as such.
  const st = assertInputFile(file, { allowDir: true });
  if (st.isDirectory()) throw inputError(`${file}: is a directory, not an export file; give a CSV, XLSX or JSON file.`, `${file}：是目录而不是导出文件；请提供 CSV、XLSX 或 JSON 文件。`);
  try {
    return readFileSync(file);
  } catch {
    throw inputError(`${file}: cannot be read (permissions?); check the file.`, `${file}：无法读取（权限？）；请检查该文件。`);
  }
}

const isZip = (b: Buffer): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer): boolean => b.length >= 8 && b.readUInt32BE(0) === 0xd0cf11e0 && b.readUInt32BE(4) === 0xa1b11ae1;

/**
 * Most columns one export may have. A dataset stores one file set per column, so a 1.3 MB CSV of 100,000
 * narrow columns used to become 100,003 files (413 MB, ~55 s). Real exports stay far below this (large
 * Qualtrics matrices reach a few thousand). Documented in the README ("Safety").
 */
export const MAX_COLUMNS = 20_000;

function checkWidth(t: { file: string; width: number }): void {
  if (t.width <= MAX_COLUMNS) return;
  throw inputError(
    `${t.file}: ${t.width.toLocaleString('en-US')} columns; cx reads at most ${MAX_COLUMNS.toLocaleString('en-US')} columns per file; export fewer questions (or split the file by columns) and import the parts.`,
    `${t.file}：共 ${t.width} 列；cx 每个文件最多读取 ${MAX_COLUMNS} 列；请减少导出的题目（或按列拆分文件）后分别导入。`,
  );
}

/** Fields in the first record, for the most frequent delimiter among , ; tab | (quotes respected). */
function headerWidth(bytes: Buffer): number {
  const counts = [0, 0, 0, 0];
  let quoted = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x22) quoted = !quoted;
    else if (quoted) continue;
    else if (b === 0x0a) break;
    else if (b === 0x2c) counts[0]!++;
    else if (b === 0x3b) counts[1]!++;
    else if (b === 0x09) counts[2]!++;
    else if (b === 0x7c) counts[3]!++;
  }
  return Math.max(...counts) + 1;
}

/** Reject tables without a usable header row (all blank, or all numbers, i.e. data where a header belongs). */
function checkHeader(t: RawTable): void {
  if (t.format === 'json') return;
  const head = t.columns.map((c) => (c[0] ?? '').trim());
  if (head.every((h) => h === '')) {
    throw inputError(
      `${t.file}: row 1 is blank, so there is no header row; the first row must hold the column names.`,
      `${t.file}：第 1 行为空，没有表头行；第一行必须是列名。`,
    );
  }
  const nonEmpty = head.filter((h) => h !== '');
  if (t.width >= 2 && nonEmpty.length === t.width && nonEmpty.every((h) => /^[-+]?\d+(\.\d+)?$/.test(h))) {
    throw inputError(
      `${t.file}: row 1 holds numbers (${nonEmpty.slice(0, 3).join(', ')}…), not column names; add a header row or export with headers.`,
      `${t.file}：第 1 行是数字（${nonEmpty.slice(0, 3).join('、')}…）而不是列名；请加上表头行或带表头重新导出。`,
    );
  }
}

const STREAM_MIN_BYTES = 32 << 20;
const CHUNK_BYTES = 16 << 20;

/** Fill buf[from, from + size) from the file; returns the number of bytes read (less at the end of the file). */
function readInto(fd: number, buf: Buffer, from: number, size: number): number {
  let got = 0;
  while (got < size) {
    const k = readSync(fd, buf, from + got, size - got, null);
    if (k === 0) break;
    got += k;
  }
  return got;
}

/**
 * Large UTF-8 CSV/TSV files are parsed in 16 MB chunks so the whole file never sits in memory next to its
 * cells. One work buffer is reused for every chunk (an incomplete last record moves to its start): fresh
 * 16 MB buffers per chunk count as external memory and made V8 run a full GC every other chunk.
 * Returns undefined when the file is not plain UTF-8 CSV (then the whole-file path decides), or when a
 * chunk turns out not to be UTF-8 or holds an error (the whole-file path then reports it with its line).
 */
function streamCsv(file: string, size: number, opts: ReadTableOptions): RawTable | undefined {
  if (opts.encoding || /\.(xlsx|json|jsonl|ndjson)$/i.test(file)) return undefined;
  const fd = openSync(file, 'r');
  try {
    const chunkBytes = opts.chunkBytes ?? CHUNK_BYTES;
    let work = Buffer.allocUnsafe(chunkBytes * 2);
    let len = readInto(fd, work, 0, chunkBytes);
    let readSoFar = len;
    let start = 0;
    let encoding = 'utf-8';
    if (work[0] === 0xef && work[1] === 0xbb && work[2] === 0xbf && len >= 3) {
      start = 3;
      encoding = 'utf-8-bom';
    }
    // Excel's `sep=;` first line names the delimiter and is not the header.
    const sep = sepLine(work.subarray(start, len));
    if (sep) start += sep.skip;
    const chunk = work.subarray(start, len);
    const head = chunk.subarray(0, 4096);
    if (chunk[0] === 0xff || chunk[0] === 0xfe || looksBinary(head)) return undefined;
    if (!/\.(csv|tsv|txt|tab)$/i.test(file) && /^\s*[[{]/.test(head.toString('latin1', 0, 64))) return undefined;
    const parser = new CsvParser(opts.delimiter ?? sep?.delimiter ?? sniffDelimiter(chunk), file, estimateRows(chunk.subarray(0, 1 << 18), size));
    let final = readSoFar >= size;
    for (;;) {
      const buf = work.subarray(start, len);
      const used = parser.push(buf, final);
      if (!isUtf8(buf.subarray(0, used))) return undefined;
      if (final) break;
      // Move the incomplete record to the front, then read the next chunk behind it.
      const rest = len - (start + used);
      if (rest + chunkBytes > work.length) {
        const grown = Buffer.allocUnsafe(rest + chunkBytes);
        work.copy(grown, 0, start + used, len);
        work = grown;
      } else if (rest > 0) work.copyWithin(0, start + used, len);
      start = 0;
      len = rest;
      const k = readInto(fd, work, len, chunkBytes);
      len += k;
      readSoFar += k;
      if (k === 0 || readSoFar >= size) final = true;
    }
    const t = parser.finish(encoding);
    if (sep) t.sepLine = true;
    return t;
  } catch (e) {
    if (e instanceof CxError) return undefined;
    throw e;
  } finally {
    closeSync(fd);
  }
}

export async function readTable(file: string, opts: ReadTableOptions = {}): Promise<RawTable> {
  let size = -1;
  try {
    const st = statSync(file);
    if (st.isFile()) size = st.size;
  } catch {
    /* readBytes reports it */
  }
  if (size >= (opts.streamMinBytes ?? STREAM_MIN_BYTES)) {
    const t = streamCsv(file, size, opts);
    if (t) {
      if (t.height === 0 || t.width === 0) throw inputError(`${file}: the file has no content; export the survey responses again.`, `${file}：文件没有内容；请重新导出问卷答卷。`);
      checkWidth(t);
      checkHeader(t);
      return t;
    }
  }
  const raw = readBytes(file);
  if (raw.length === 0) throw inputError(`${file}: the file is empty; export the survey responses again.`, `${file}：文件为空；请重新导出问卷答卷。`);
  let table: RawTable;
  let decodeWarnings: string[] | undefined;
  if (isZip(raw) || /\.xlsx$/i.test(file)) {
    if (!isZip(raw)) throw inputError(`${file}: named .xlsx but not an XLSX workbook; check the file or export again.`, `${file}：扩展名为 .xlsx 但不是 XLSX 工作簿；请检查文件或重新导出。`);
    const { readXlsx } = await import('./xlsx.js');
    table = await readXlsx(raw, { file, sheet: opts.sheet });
  } else if (isOle(raw)) {
    throw inputError(`${file}: an old Excel .xls workbook; open it in Excel and save as .xlsx or CSV UTF-8.`, `${file}：旧版 Excel .xls 工作簿；请在 Excel 中另存为 .xlsx 或 CSV UTF-8。`);
  } else {
    const { bytes, encoding, warnings } = await toUtf8(raw, opts.encoding, file);
    decodeWarnings = warnings;
    const first = bytes.subarray(0, 256).toString('utf8').trimStart();
    const isJson = /\.(json|jsonl|ndjson)$/i.test(file) || (!/\.(csv|tsv|txt|tab)$/i.test(file) && /^[[{]/.test(first));
    if (isJson) {
      const { readJson } = await import('./json.js');
      table = readJson(bytes.toString('utf8'), { file, encoding });
    } else {
      if (bytes.every((b) => b === 0x0a || b === 0x0d || b === 0x20 || b === 0x09))
        throw inputError(`${file}: the file has no content; export the survey responses again.`, `${file}：文件没有内容；请重新导出问卷答卷。`);
      checkWidth({ file, width: headerWidth(bytes) }); // before parsing: 100,000 columns must fail fast
      table = parseCsv(bytes, { file, encoding, delimiter: opts.delimiter });
    }
  }
  if (table.height === 0 || table.width === 0) throw inputError(`${file}: the file has no content; export the survey responses again.`, `${file}：文件没有内容；请重新导出问卷答卷。`);
  checkWidth(table);
  checkHeader(table);
  if (decodeWarnings?.length) table.warnings = [...(table.warnings ?? []), ...decodeWarnings];
  return table;
}
