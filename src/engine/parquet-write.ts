// `cx export --format parquet` through DuckDB (when the optional package is installed): the columns go to
// DuckDB in 2048-row chunks and COPY writes snappy Parquet (readable by hyparquet, pandas, R arrow), either one file or a folder partitioned by wave
// (wave=…/data_0.parquet, hive style, which `--engine duckdb` and most tools read back as a column).
import { renameSync, rmSync, rmdirSync, existsSync } from 'node:fs';
import type { Survey } from '../dataset/types.js';
import { ident } from './sql.js';
import { duckLit, withDuckdb } from './duckdb.js';

export async function writeParquetDuckdb(path: string, s: Survey, ids: string[], partitionBy?: string): Promise<void> {
  const { outputPathError } = await import('../dataset/write.js');
  const { DuckDBDataChunk, DOUBLE, VARCHAR } = await import('@duckdb/node-api');
  const cols = ids.flatMap((id) => {
    const col = s.columns.get(id);
    return col ? [{ id, col }] : [];
  });
  const tmp = `${path}.tmp-${process.pid}`;
  const { mkdirSync } = await import('node:fs');
  const { dirname } = await import('node:path');
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw outputPathError(path, e);
  }
  await withDuckdb(async (con) => {
    await con.run(`CREATE TABLE cx_out (${cols.map((c) => `${ident('duckdb', c.id)} ${c.col.kind === 'num' ? 'DOUBLE' : 'VARCHAR'}`).join(', ')})`);
    const types = cols.map((c) => (c.col.kind === 'num' ? DOUBLE : VARCHAR));
    const appender = await con.createAppender('cx_out');
    const n = s.nRows;
    const CH = 2048;
    for (let a = 0; a < n; a += CH) {
      const b = Math.min(n, a + CH);
      const chunk = DuckDBDataChunk.create(types, b - a);
      cols.forEach((c, j) => {
        if (c.col.kind === 'num') chunk.setColumnValues(j, Array.from(c.col.values.subarray(a, b), (v) => (v !== v ? null : v)));
        else chunk.setColumnValues(j, c.col.values.slice(a, b));
      });
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
    appender.closeSync();
    const part = partitionBy ? `, PARTITION_BY (${ident('duckdb', partitionBy)})` : '';
    try {
      await con.run(`COPY cx_out TO ${duckLit(tmp)} (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 100000${part})`);
    } catch (e) {
      rmSync(tmp, { recursive: true, force: true });
      throw outputPathError(path, e);
    }
  });
  try {
    if (partitionBy && existsSync(path)) rmdirSync(path); // an empty folder (checked by the caller)
    renameSync(tmp, path);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw outputPathError(path, e);
  }
}
