// Test helper: build a RawTable from CSV text or rows (independent of the readers' own code).
import { parse } from 'csv-parse/sync';
import type { RawTable } from '../../../src/ingest/read/table.js';

export function tableFromRows(rows: string[][], extra: Partial<RawTable> = {}): RawTable {
  const width = Math.max(0, ...rows.map((r) => r.length));
  const columns: string[][] = [];
  for (let c = 0; c < width; c++) columns.push(rows.map((r) => r[c] ?? ''));
  return { file: 'test.csv', format: 'csv', encoding: 'utf-8', height: rows.length, width, columns, raggedRows: [], ...extra };
}

export function tableFromCsv(text: string, delimiter = ',', extra: Partial<RawTable> = {}): RawTable {
  const rows = parse(text, { bom: true, delimiter, relax_column_count: true, relax_quotes: false, skip_empty_lines: true }) as string[][];
  return tableFromRows(rows, { delimiter, ...extra });
}
