// The reader → recogniser contract: a file's cells as strings, stored column by column (memory: one
// array per column, equal cell values interned), before any platform logic.

export type FileFormat = 'csv' | 'tsv' | 'xlsx' | 'json';

export interface RawTable {
  file: string;
  format: FileFormat;
  /** Encoding as detected or given: 'utf-8', 'utf-8-bom', 'utf-16le', 'utf-16be', 'gb18030', 'windows-1252'. */
  encoding: string;
  /** CSV/TSV field delimiter. */
  delimiter?: string;
  /** XLSX sheet name that was read. */
  sheet?: string;
  /** CSV: an Excel `sep=X` first line named the delimiter and was skipped (physical rows then start at line 2). */
  sepLine?: boolean;
  /** XLSX: the other sheets of the workbook, when the data sheet was chosen among several. */
  otherSheets?: { name: string; rows: number }[];
  /** Number of physical rows, header rows included. */
  height: number;
  /** Number of columns (the widest row). */
  width: number;
  /** columns[c][r]: the cell text; '' when empty or when the row was short. */
  columns: string[][];
  /** 1-based source row numbers whose field count differed from the header's. */
  raggedRows: number[];
  /** For XLSX: cells that were real dates/numbers keep their raw value's text; this notes date cells' columns. */
  dateColumns?: Set<number>;
  /** For JSON inputs (SurveyJS): the parsed records, when the recogniser needs more than cells. */
  records?: Record<string, unknown>[];
  /** Reader warnings (mixed encodings, unreadable characters), with line numbers. */
  warnings?: string[];
}

export function rowAt(t: RawTable, r: number): string[] {
  const out = new Array<string>(t.width);
  for (let c = 0; c < t.width; c++) out[c] = t.columns[c]![r] ?? '';
  return out;
}
