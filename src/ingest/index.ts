// Reading one export file into a Survey: bytes → RawTable (read/) → platform recognition (recognise.ts).
import type { Exclusion, Survey } from '../dataset/types.js';
import type { RawTable } from './read/table.js';

export interface ReadOptions {
  platform?: string;
  encoding?: string;
  includePreview?: boolean;
  sheet?: string;
  wave?: string;
  /** Day/month order of a/b/yyyy dates (--date-format, cx.yaml `dateFormat`): dmy | mdy | ymd. */
  dateFormat?: 'ymd' | 'dmy' | 'mdy';
}

export interface ReadResult {
  survey: Survey;
  table: RawTable;
  exclusions: Exclusion[];
  warnings: string[];
}

/** Read and recognise one export, keeping the raw table and the recogniser's report. */
export async function readExport(file: string, opts: ReadOptions = {}): Promise<ReadResult> {
  const { readTable } = await import('./read/index.js');
  const { recognise } = await import('./recognise.js');
  const table = await readTable(file, { encoding: opts.encoding, sheet: opts.sheet });
  const { survey, exclusions, warnings } = recognise(table, { platform: opts.platform, includePreview: opts.includePreview, file, ...(opts.dateFormat ? { dateFormat: opts.dateFormat } : {}) });
  const all = [...(table.warnings ?? []), ...warnings];
  if (table.raggedRows.length > 0) {
    const list = table.raggedRows.slice(0, 10).join(', ') + (table.raggedRows.length > 10 ? ', …' : '');
    const msg = `${table.raggedRows.length} row(s) have a different number of fields than the header (rows ${list}); short rows were padded with blanks`;
    if (!all.some((w) => w.includes('different number of fields'))) all.push(msg);
  }
  if (table.otherSheets?.length) {
    const list = table.otherSheets.map((o) => `"${o.name}" (${o.rows} rows)`).join(', ');
    all.push(`read sheet "${table.sheet}" (the largest table with a header); not read: ${list}; use --sheet NAME to read another sheet`);
  }
  // Every row excluded as preview/test/spam: say how to keep them (as `cx score` does), not just "0 responses".
  if (survey.nRows === 0 && !opts.includePreview) {
    const ex = exclusions.filter((e) => e.reason !== 'empty' && e.reason !== 'duplicate');
    if (ex.length > 0) {
      all.push(`every response was excluded (${ex.map((e) => `${e.count} × ${e.reason}`).join(', ')}); to keep preview/test responses, add --include-preview`);
    }
  }
  survey.encoding = table.encoding;
  const entry = survey.log[survey.log.length - 1];
  if (entry) {
    entry.encoding = table.encoding;
    entry.warnings = all;
    if (opts.wave) entry.wave = opts.wave;
  }
  return { survey, table, exclusions, warnings: all };
}

export async function readSurvey(file: string, opts: ReadOptions = {}): Promise<Survey> {
  return (await readExport(file, opts)).survey;
}
