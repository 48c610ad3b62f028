// What an engine reads: a cx dataset, Parquet files or folders (hive-partitioned), or a plain CSV whose
// layout cx recognised from its first rows (header, encoding, delimiter, value maps; DuckDB scans the body).
// Each source gives a schema Survey (for finding the question and columns by name) and, for DuckDB, the
// FROM clause and the column types the query is written for.
import { closeSync, existsSync, openSync, readSync, statSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Column, Survey } from '../dataset/types.js';
import { inputError } from '../ui/errors.js';
import { ident, type ColType } from './sql.js';
import { duckdb, duckLit, queryRows, type DuckConnection } from './duckdb.js';

export interface EngineSource {
  kind: 'dataset' | 'csv' | 'parquet';
  schema: Survey;
  /** DuckDB FROM clause presenting the columns under their cx ids. */
  from(columns: string[]): string;
  types(id: string): ColType;
  /** Loads data into DuckDB when the source is not a file DuckDB reads itself (a cx dataset). */
  prepare?(con: DuckConnection, columns: string[], period?: { id: string; unit: import('../dataset/period.js').PeriodUnit }): Promise<void>;
}

/**
 * How much of a CSV cx recognises (header, value labels, day/month order) before DuckDB scans all of it. 1 MB
 * is thousands of rows; parsing and recognising 4 MB took 0.1–0.25 s more of every run (issue 14: the run's
 * overhead over DuckDB's own SQL), with the same outcome on the bench and the test data.
 */
const HEAD_BYTES = 1 << 20;

function isParquetPath(p: string): boolean {
  return /\.parquet$/i.test(p) || /[*?]/.test(p);
}

function parquetFiles(dir: string): boolean {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isFile() && /\.parquet$/i.test(e.name)) return true;
    if (e.isDirectory() && parquetFiles(join(dir, e.name))) return true;
  }
  return false;
}

const emptyCol = (kind: 'num' | 'str'): Column => (kind === 'num' ? { kind, values: new Float64Array(0) } : { kind, values: [] });

/** Whether `openSource` needs no DuckDB connection for this input (a CSV or a cx dataset; not Parquet). */
export function opensWithoutDuckdb(input: string): boolean {
  try {
    const st = statSync(input);
    if (st.isDirectory()) return existsSync(join(input, 'survey.json'));
    return !isParquetPath(input);
  } catch {
    return false;
  }
}

/** Opens an input for the DuckDB engine. */
export async function openSource(input: string, con?: DuckConnection): Promise<EngineSource> {
  let st;
  try {
    st = statSync(input);
  } catch {
    if (!isParquetPath(input)) throw inputError(`${input}: no such file or dataset; check the path.`, `${input}：找不到该文件或数据集，请检查路径。`);
  }
  if (st?.isDirectory()) {
    const { isDataset } = await import('../dataset/store.js');
    if (isDataset(input)) return datasetSource(input);
    if (parquetFiles(input)) return parquetSource(join(input, '**', '*.parquet'), input, con);
    throw inputError(`${input}: neither a cx dataset nor a folder of Parquet files; give a dataset, Parquet files or a CSV.`, `${input}：既不是 cx 数据集也不是 Parquet 文件夹；请给出数据集、Parquet 文件或 CSV。`);
  }
  if (isParquetPath(input)) return parquetSource(input, input, con);
  return csvSource(input);
}

async function datasetSource(dir: string): Promise<EngineSource> {
  const { loadDataset } = await import('../dataset/store.js');
  const survey = await loadDataset(dir);
  const kinds = new Map<string, 'num' | 'str'>();
  return {
    kind: 'dataset',
    schema: survey,
    from: () => 'cx_data',
    types: (id) => (id === '__cx_period' ? 'str' : kinds.get(id) ?? 'unknown'),
    async prepare(con, columns, period) {
      const { DuckDBDataChunk, DOUBLE, VARCHAR } = await duckdb();
      const cols = columns.map((id) => ({ id, col: survey.columns.get(id)! }));
      for (const c of cols) kinds.set(c.id, c.col.kind);
      let periodLabels: (string | null)[] | undefined;
      if (period) {
        // Period labels come from the same code as the built-in engine (dates as the store keeps them).
        const { columnPeriodCodes } = await import('../dataset/period.js');
        const { codes, labels } = columnPeriodCodes(survey.columns.get(period.id)!, period.unit);
        periodLabels = Array.from(codes, (c) => (c < 0 ? null : labels[c]!));
      }
      const defs = [...cols.map((c) => `${ident('duckdb', c.id)} ${c.col.kind === 'num' ? 'DOUBLE' : 'VARCHAR'}`), ...(periodLabels ? ['"__cx_period" VARCHAR'] : [])];
      await con.run(`CREATE TABLE cx_data (${defs.join(', ')})`);
      const types = [...cols.map((c) => (c.col.kind === 'num' ? DOUBLE : VARCHAR)), ...(periodLabels ? [VARCHAR] : [])];
      const appender = await con.createAppender('cx_data');
      const n = survey.nRows;
      const CH = 2048;
      for (let a = 0; a < n; a += CH) {
        const b = Math.min(n, a + CH);
        const chunk = DuckDBDataChunk.create(types, b - a);
        cols.forEach((c, j) => {
          if (c.col.kind === 'num') chunk.setColumnValues(j, Array.from(c.col.values.subarray(a, b), (v) => (v !== v ? null : v)));
          else chunk.setColumnValues(j, c.col.values.slice(a, b));
        });
        if (periodLabels) chunk.setColumnValues(cols.length, periodLabels.slice(a, b));
        appender.appendDataChunk(chunk);
      }
      appender.flushSync();
      appender.closeSync();
    },
  };
}

async function parquetSource(glob: string, input: string, con?: DuckConnection): Promise<EngineSource> {
  const scan = `read_parquet(${duckLit(glob)}, hive_partitioning = true, union_by_name = true)`;
  if (!con) {
    throw inputError(
      `${input}: cx sql finds columns in a dataset or CSV; for Parquet name them with --question, --by, --date (no input), or score it with --engine duckdb.`,
      `${input}：cx sql 从数据集或 CSV 中识别列；Parquet 请直接用 --question、--by、--date 指定列（不给输入），或用 --engine duckdb 计算。`,
    );
  }
  let desc: Record<string, unknown>[];
  try {
    desc = await queryRows(con, `DESCRIBE SELECT * FROM ${scan}`);
  } catch (e) {
    throw inputError(`${input}: DuckDB cannot read it as Parquet (${(e as Error).message.split('\n')[0]}); check the path.`, `${input}：DuckDB 无法将其读取为 Parquet（${(e as Error).message.split('\n')[0]}）；请检查路径。`);
  }
  const kinds = new Map<string, ColType>();
  for (const r of desc) {
    const t = String(r.column_type).toUpperCase();
    kinds.set(String(r.column_name), /^(DOUBLE|FLOAT|REAL|DECIMAL|NUMERIC|TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)/.test(t) ? 'num' : /^(DATE|TIMESTAMP)/.test(t) ? 'date' : t === 'VARCHAR' ? 'str' : 'unknown');
  }
  const schema: Survey = {
    source: [input],
    platform: 'parquet',
    questions: [...kinds].map(([id, k]) => ({ id, label: id, type: k === 'num' ? 'number' : k === 'date' ? 'date' : 'category' })),
    columns: new Map([...kinds].map(([id, k]) => [id, emptyCol(k === 'num' ? 'num' : 'str')])),
    nRows: 0,
    log: [],
  };
  return { kind: 'parquet', schema, from: () => scan, types: (id) => kinds.get(id) ?? 'unknown' };
}

/** Reads the first MB of a CSV (cut at a record boundary) and recognises its layout there. */
async function csvSource(file: string): Promise<EngineSource> {
  const fd = openSync(file, 'r');
  let head: Buffer;
  let whole = false;
  try {
    const size = statSync(file).size;
    const buf = Buffer.alloc(Math.min(size, HEAD_BYTES));
    const got = readSync(fd, buf, 0, buf.length, 0);
    head = buf.subarray(0, got);
    whole = got >= size;
  } finally {
    closeSync(fd);
  }
  if (!whole) {
    // Cut after the last newline outside quotes.
    let inQ = false;
    let cut = -1;
    for (let i = 0; i < head.length; i++) {
      const c = head[i]!;
      if (c === 0x22) inQ = !inQ;
      else if (c === 0x0a && !inQ) cut = i + 1;
    }
    if (cut > 0) head = head.subarray(0, cut);
  }
  const { toUtf8 } = await import('../ingest/read/encoding.js');
  const { parseCsv, sniffDelimiter } = await import('../ingest/read/csv.js');
  const { recognise } = await import('../ingest/recognise.js');
  const { bytes, encoding } = await toUtf8(head, undefined, file);
  if (encoding !== 'utf-8' && encoding !== 'utf-8-bom') {
    throw inputError(
      `${file}: DuckDB reads UTF-8 CSVs only and this file is ${encoding}; import it with cx import and use the dataset, or use the built-in engine.`,
      `${file}：DuckDB 只读取 UTF-8 编码的 CSV，而该文件为 ${encoding}；请先用 cx import 导入后使用数据集，或使用内置引擎。`,
    );
  }
  const delimiter = sniffDelimiter(bytes);
  const table = parseCsv(bytes, { file, encoding, delimiter });
  const names = table.columns.map((c) => (c[0] ?? '').trim()); // the header line (recognise consumes the cells)
  const { survey, exclusions } = recognise(table, { file });
  if (survey.platform !== 'generic' || exclusions.some((e) => e.count > 0 && e.reason !== 'empty')) {
    throw inputError(
      `${file}: a ${survey.platform} export (header rows or excluded preview/test rows) is not a plain CSV DuckDB can scan; import it first (cx import ${file} -o DIR) and run --engine duckdb on the dataset.`,
      `${file}：这是 ${survey.platform} 导出文件（含多行表头或需排除的预览/测试答卷），不是 DuckDB 可直接扫描的普通 CSV；请先导入（cx import ${file} -o DIR），再对数据集使用 --engine duckdb。`,
    );
  }
  const header = new Map<string, string>();
  for (const q of survey.questions) header.set(q.id, q.source ?? q.id);
  const headers = [...header.values()];
  if (new Set(headers).size !== headers.length) {
    throw inputError(`${file}: the header repeats a column name; import it with cx import and use the dataset.`, `${file}：表头中有重复的列名；请先用 cx import 导入后使用数据集。`);
  }
  // Every column as text, named by position (c0, c1, …) and typed here, so DuckDB neither sniffs the file
  // nor depends on how it would spell the header; the header line (after an Excel "sep=" line) is skipped.
  const position = new Map<string, number>();
  for (const [id, h] of header) {
    const at = names.indexOf(h);
    if (at >= 0 && names.indexOf(h, at + 1) < 0) position.set(id, at);
  }
  const positional = position.size === header.size;
  const opts = positional
    ? [
        `header = true`,
        ...(table.sepLine ? ['skip = 1'] : []),
        `auto_detect = false`,
        `columns = {${names.map((_, c) => `'c${c}': 'VARCHAR'`).join(', ')}}`,
      ]
    : [`header = true`, `all_varchar = true`];
  opts.push(`delim = ${duckLit(delimiter)}`, `quote = '"'`, `escape = '"'`);
  const scan = `read_csv(${duckLit(file)}, ${opts.join(', ')})`;
  const source = (id: string) => ident('duckdb', positional && position.has(id) ? `c${position.get(id)!}` : header.get(id) ?? id);
  return {
    kind: 'csv',
    schema: survey,
    from: (columns) => `(SELECT ${columns.map((id) => `${source(id)} AS ${ident('duckdb', id)}`).join(', ')} FROM ${scan}) cx_src`,
    types: () => 'str',
  };
}
