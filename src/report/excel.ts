// The XLSX report: a styled workbook (exceljs, imported lazily) with a Summary sheet and one sheet per
// analysis in the report model, follow-ups split into one sheet per owner, native Excel charts next to the
// chart-worthy tables (excel-chart.ts), formula-safe text (xlsx-safe.ts) and fixed document dates taken
// from model.meta.generatedAt, so the same model always gives the same bytes.
import type { ReportModel } from './model.js';
import type { Lang } from './charts-data.js';
import { planSheets } from './excel-sections.js';
import { addTableSheet } from './excel-sheet.js';
import { finalizePackage, fixedDate, writeAtomic } from './excel-zip.js';

export interface ExcelOptions {
  lang?: Lang;
  /** Add native Excel charts (default true). */
  charts?: boolean;
}

/** Build the workbook bytes (exported for tests and for callers that stream elsewhere). */
export async function buildExcel(model: ReportModel, opts: ExcelOptions = {}): Promise<Buffer> {
  const lang = opts.lang ?? model.meta.lang;
  const { default: ExcelJS } = await import('exceljs');
  const date = fixedDate(model.meta.generatedAt);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'cx';
  wb.lastModifiedBy = 'cx';
  wb.title = model.meta.title;
  wb.created = date;
  wb.modified = date;
  wb.calcProperties = { fullCalcOnLoad: false };
  const taken = new Set<string>();
  const plans = planSheets(model, lang);
  const placed: Array<{ sheetIndex: number; plan: (typeof plans)[number] }> = [];
  plans.forEach((plan, i) => {
    addTableSheet(wb, plan, taken);
    placed.push({ sheetIndex: i + 1, plan });
  });
  const raw = await wb.xlsx.writeBuffer();
  let hook;
  if (opts.charts !== false) {
    const { excelChartHook } = await import('./excel-chart.js');
    hook = excelChartHook(model, placed, lang);
  }
  return finalizePackage(Buffer.from(raw as ArrayBuffer), { date, kind: 'xlsx', title: model.meta.title, hook });
}

/** Write the XLSX report to `outPath` (atomically: temp file, then rename). */
export async function renderExcel(model: ReportModel, outPath: string, opts: ExcelOptions = {}): Promise<void> {
  await writeAtomic(outPath, await buildExcel(model, opts));
}
