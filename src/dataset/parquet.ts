// Parquet output of a Survey (for other tools: pandas, DuckDB, R arrow) via hyparquet-writer, loaded lazily.
// Numeric columns are DOUBLE (missing = null), text columns UTF-8 strings. Written atomically.
import { writeFileAtomic } from './write.js';
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
