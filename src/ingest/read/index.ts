// bytes → RawTable for any supported export: CSV/TSV/TXT (encoding + delimiter sniffed), XLSX, JSON/JSONL.
import { readFileSync, statSync } from 'node:fs';
import type { RawTable } from './table.js';
import { toUtf8 } from './encoding.js';
import { parseCsv } from './csv.js';
import { inputError } from '../../ui/errors.js';

export interface ReadTableOptions {
  encoding?: string;
  sheet?: string;
  delimiter?: string;
}

function readBytes(file: string): Buffer {
  let st;
  try {
    st = statSync(file);
  } catch {
    throw inputError(`${file}: no such file; check the path.`, `${file}：文件不存在，请检查路径。`);
  }
  if (st.isDirectory()) throw inputError(`${file}: is a directory, not an export file; give a CSV, XLSX or JSON file.`, `${file}：是目录而不是导出文件；请提供 CSV、XLSX 或 JSON 文件。`);
  try {
    return readFileSync(file);
  } catch {
    throw inputError(`${file}: cannot be read (permissions?); check the file.`, `${file}：无法读取（权限？）；请检查该文件。`);
  }
}

const isZip = (b: Buffer): boolean => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Buffer): boolean => b.length >= 8 && b.readUInt32BE(0) === 0xd0cf11e0 && b.readUInt32BE(4) === 0xa1b11ae1;

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

export async function readTable(file: string, opts: ReadTableOptions = {}): Promise<RawTable> {
  const raw = readBytes(file);
  if (raw.length === 0) throw inputError(`${file}: the file is empty; export the survey responses again.`, `${file}：文件为空；请重新导出问卷答卷。`);
  let table: RawTable;
  if (isZip(raw) || /\.xlsx$/i.test(file)) {
    if (!isZip(raw)) throw inputError(`${file}: named .xlsx but not an XLSX workbook; check the file or export again.`, `${file}：扩展名为 .xlsx 但不是 XLSX 工作簿；请检查文件或重新导出。`);
    const { readXlsx } = await import('./xlsx.js');
    table = await readXlsx(raw, { file, sheet: opts.sheet });
  } else if (isOle(raw)) {
    throw inputError(`${file}: an old Excel .xls workbook; open it in Excel and save as .xlsx or CSV UTF-8.`, `${file}：旧版 Excel .xls 工作簿；请在 Excel 中另存为 .xlsx 或 CSV UTF-8。`);
  } else {
    const { bytes, encoding } = await toUtf8(raw, opts.encoding, file);
    const first = bytes.subarray(0, 256).toString('utf8').trimStart();
    if (/\.(json|jsonl|ndjson)$/i.test(file) || first.startsWith('[') || (first.startsWith('{') && /\.(json|jsonl|ndjson|txt)$/i.test(file))) {
      const { readJson } = await import('./json.js');
      table = readJson(bytes.toString('utf8'), { file, encoding });
    } else {
      if (bytes.every((b) => b === 0x0a || b === 0x0d || b === 0x20 || b === 0x09))
        throw inputError(`${file}: the file has no content; export the survey responses again.`, `${file}：文件没有内容；请重新导出问卷答卷。`);
      table = parseCsv(bytes, { file, encoding, delimiter: opts.delimiter });
    }
  }
  if (table.height === 0 || table.width === 0) throw inputError(`${file}: the file has no content; export the survey responses again.`, `${file}：文件没有内容；请重新导出问卷答卷。`);
  checkHeader(table);
  return table;
}
