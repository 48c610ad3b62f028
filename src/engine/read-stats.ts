// `--from-stats FILE`: the result of the statistics query saved by a warehouse or a CI job, as CSV,
// JSON (an array of objects, or one object per line) or Parquet.
import { readFileSync } from 'node:fs';
import { inputError } from '../ui/errors.js';

export async function readStatsFile(file: string): Promise<Record<string, unknown>[]> {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    throw inputError(`--from-stats ${file}: cannot read the file; check the path.`, `--from-stats ${file}：无法读取该文件；请检查路径。`);
  }
  const bad = (what: string, zh: string) =>
    inputError(`--from-stats ${file}: ${what}; give the query's result as CSV, JSON or Parquet.`, `--from-stats ${file}：${zh}；请提供 CSV、JSON 或 Parquet 格式的查询结果。`);
  if (buf.subarray(0, 4).toString('latin1') === 'PAR1' || /\.parquet$/i.test(file)) {
    const { parquetReadObjects } = await import('hyparquet');
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    try {
      return (await parquetReadObjects({ file: ab })) as Record<string, unknown>[];
    } catch (e) {
      throw bad(`not a readable Parquet file (${(e as Error).message})`, '不是可读取的 Parquet 文件');
    }
  }
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const t = text.trimStart();
  if (t.startsWith('[') || t.startsWith('{')) {
    try {
      const v = JSON.parse(t) as unknown;
      if (Array.isArray(v)) return v as Record<string, unknown>[];
      if (v && typeof v === 'object' && Array.isArray((v as { rows?: unknown }).rows)) return (v as { rows: Record<string, unknown>[] }).rows;
      return [v as Record<string, unknown>];
    } catch {
      // one JSON object per line (BigQuery's newline-delimited JSON export)
      const out: Record<string, unknown>[] = [];
      const lines = t.split(/\r?\n/);
      for (let i = 0; i < lines.length; i++) {
        const line = lines[i]!.trim();
        if (!line) continue;
        try {
          out.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          throw bad(`line ${i + 1} is not valid JSON`, `第 ${i + 1} 行不是有效的 JSON`);
        }
      }
      return out;
    }
  }
  const { parse } = await import('csv-parse/sync');
  try {
    const delimiter = /\t/.test(t.slice(0, t.indexOf('\n') >>> 0)) && !/,/.test(t.slice(0, t.indexOf('\n') >>> 0)) ? '\t' : ',';
    return parse(text, { columns: true, skip_empty_lines: true, delimiter, relax_column_count: false }) as Record<string, unknown>[];
  } catch (e) {
    throw bad(`not a readable CSV (${(e as Error).message.split('\n')[0]})`, '不是可读取的 CSV');
  }
}
