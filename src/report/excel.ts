// The XLSX report: a styled workbook (exceljs, imported lazily) with a Summary sheet and one sheet per
// analysis in the report model, follow-ups split into one sheet per owner, native Excel charts next to the
// chart-worthy tables (excel-chart.ts), formula-safe text (xlsx-safe.ts) and fixed document dates taken
// from model.meta.generatedAt, so the same model always gives the same bytes.
import type { ReportModel } from './model.js';
import type { Lang } from './charts-data.js';
import { planSheets } from './excel-sections.js';
import { addTableSheet, sheetName } from './excel-sheet.js';
import { tr } from './charts-data.js';
import { cleanText, safeCell } from './xlsx-safe.js';
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
  wb.title = cleanText(model.meta.title);
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
  let hook;
  if (opts.charts !== false) {
    const { planExcelCharts } = await import('./excel-chart.js');
    const name = sheetName(tr(lang, 'Chart data', '图表数据'), taken);
    const charts = planExcelCharts(model, placed, lang, name);
    if (charts.data.cells.length) {
      const ws = wb.addWorksheet(name, { state: 'hidden' });
      for (const c of charts.data.cells) ws.getCell(c.row, c.col).value = safeCell(c.value);
      hook = charts.hook;
    }
  }
  const raw = await wb.xlsx.writeBuffer();
  return finalizePackage(Buffer.from(raw as ArrayBuffer), { date, kind: 'xlsx', title: cleanText(model.meta.title), hook });
}

/** Write the XLSX report to `outPath` (atomically: temp file, then rename). */
export async function renderExcel(model: ReportModel, outPath: string, opts: ExcelOptions = {}): Promise<void> {
  await writeAtomic(outPath, await buildExcel(model, opts));
}
