// Parquet output of a Survey (for other tools: pandas, DuckDB, R arrow) via hyparquet-writer, loaded lazily.
// Numeric columns are DOUBLE (missing = null), text columns UTF-8 strings. Written atomically.
import { existsSync, renameSync, rmSync, rmdirSync } from 'node:fs';
import { outputPathError, writeFileAtomic } from './write.js';
import type { Survey } from './types.js';

export async function writeParquet(path: string, s: Survey, ids: string[] = s.questions.map((q) => q.id)): Promise<void> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  type Source = { name: string; data: (number | null)[] | (string | null)[]; type: 'DOUBLE' | 'STRING' };
  const columnData = ids.flatMap((id): Source[] => {
    const col = s.columns.get(id);
    if (!col) return [];
    if (col.kind === 'num') {
      const data = Array.from(col.values, (v) => (Number.isNaN(v) ? null : v));
      return [{ name: id, data, type: 'DOUBLE' }];
    }
    return [{ name: id, data: col.values, type: 'STRING' }];
  });
  const buf = parquetWriteBuffer({ columnData, rowGroupSize: 100000, createdBy: 'cx' });
  writeFileAtomic(path, new Uint8Array(buf));
}

/**
 * Parquet partitioned by a column, hive style: DIR/COL=value/data_0.parquet holding that value's rows
 * (without the column, which readers take from the folder name). Written into DIR.tmp, then renamed.
 */
export async function writeParquetPartitioned(dir: string, s: Survey, ids: string[], by: string): Promise<void> {
  const { mkdirSync } = await import('node:fs');
  const { join } = await import('node:path');
  const col = s.columns.get(by);
  const rowsOf = new Map<string, number[]>();
  for (let i = 0; i < s.nRows; i++) {
    const v = col ? (col.kind === 'num' ? (Number.isNaN(col.values[i]!) ? null : String(col.values[i])) : col.values[i] ?? null) : null;
    const key = v === null || v === '' ? '__HIVE_DEFAULT_PARTITION__' : v;
    let r = rowsOf.get(key);
    if (!r) rowsOf.set(key, (r = []));
    r.push(i);
  }
  const tmp = `${dir}.tmp-${process.pid}`;
  try {
    for (const [key, rows] of rowsOf) {
      const sub = join(tmp, `${by}=${encodeURIComponent(key)}`);
      mkdirSync(sub, { recursive: true });
      const columns = new Map(
        ids.filter((id) => id !== by && s.columns.has(id)).map((id) => {
          const c = s.columns.get(id)!;
          return [id, c.kind === 'num' ? { kind: 'num' as const, values: Float64Array.from(rows, (i) => c.values[i]!) } : { kind: 'str' as const, values: rows.map((i) => c.values[i] ?? null) }];
        }),
      );
      await writeParquet(join(sub, 'data_0.parquet'), { ...s, columns, nRows: rows.length }, [...columns.keys()]);
    }
    if (existsSync(dir)) rmdirSync(dir); // an empty folder (checked by the caller)
    renameSync(tmp, dir);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw outputPathError(dir, e);
  }
}
