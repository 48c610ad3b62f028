import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { buildExcel, renderExcel } from '../../src/report/excel.js';
import { cleanText, isFormulaLike, markQuotePrefix, MAX_CELL_CHARS, parseSharedStrings, safeCell } from '../../src/report/xlsx-safe.js';
import { displayWidth, sheetName } from '../../src/report/excel-sheet.js';
import { addDrawingRef } from '../../src/report/excel-chart.js';
import { CxError } from '../../src/ui/errors.js';
import type { ReportModel } from '../../src/report/model.js';
import { RISKY_TEXTS, sampleModel } from './charts-fixture.js';

async function readBack(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

/** Find the row whose first cell equals `first`. */
function rowStarting(ws: ExcelJS.Worksheet, first: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!found && row.getCell(1).value === first) found = row;
  });
  if (!found) throw new Error(`no row starting with ${first} in ${ws.name}`);
  return found;
}

describe('xlsx-safe', () => {
  it('flags text that spreadsheet software would run as a formula', () => {
    for (const t of RISKY_TEXTS) expect(isFormulaLike(t)).toBe(true);
    for (const t of ['fine', '3 = three', ' =not first', '中文', '']) expect(isFormulaLike(t)).toBe(false);
  });

  it('keeps text as text: never a formula object, numbers stay numbers, NaN is empty', () => {
    expect(safeCell('=1+1')).toBe('=1+1');
    expect(safeCell(3.25)).toBe(3.25);
    expect(safeCell(Number.NaN)).toBeNull();
    expect(safeCell(Infinity)).toBeNull();
    expect(safeCell(undefined)).toBeNull();
    expect(safeCell('')).toBeNull();
    expect(safeCell(true)).toBe('true');
    expect(safeCell(new Date(Date.UTC(2026, 10, 22)))).toBe('2026-11-22');
  });

  it('strips characters XML cannot carry and cuts at the Excel cell limit', () => {
    expect(cleanText('a\u0000b\u0007c\u001bd\te\nf')).toBe('abcd\te\nf');
    expect(cleanText('x\uD800y')).toBe('xy'); // lone surrogate
    expect(cleanText('😀')).toBe('😀'); // valid pair kept
    const long = cleanText('z'.repeat(40000));
    expect(long.length).toBe(MAX_CELL_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });

  it('adds quotePrefix clones of the cell styles of risky shared strings only', () => {
    const styles = '<styleSheet><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs></styleSheet>';
    const sheet = '<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c><c r="C1" s="1" t="s"><v>0</v></c></row></sheetData>';
    const res = markQuotePrefix(styles, new Map([['s1', sheet]]), ['=HYPERLINK("x")', 'plain']);
    // A1 (style 0) → new xf 2; C1 (style 1) → new xf 3; B1 (plain text) unchanged
    expect(res.sheets.get('s1')).toBe('<sheetData><row r="1"><c r="A1" s="2" t="s"><v>0</v></c><c r="B1" s="1" t="s"><v>1</v></c><c r="C1" s="3" t="s"><v>0</v></c></row></sheetData>');
    expect(res.stylesXml).toContain('<cellXfs count="4">');
    expect(res.stylesXml).toContain('<xf quotePrefix="1" numFmtId="0" fontId="1"');
  });

  it('decodes shared strings with entities and rich runs', () => {
    const xml = '<sst><si><t>a &amp; b</t></si><si><r><t>=x</t></r><r><t xml:space="preserve"> y</t></r></si><si><t/></si></sst>';
    expect(parseSharedStrings(xml)).toEqual(['a & b', '=x y', '']);
  });
});

describe('sheet names and widths', () => {
  it('makes Excel-legal, unique sheet names', () => {
    const taken = new Set<string>();
    expect(sheetName('Follow-up: a/b [x]?', taken)).toBe('Follow-up- a-b -x--');
    expect(sheetName('x'.repeat(40), taken)).toBe('x'.repeat(31));
    expect(sheetName('X'.repeat(40), taken)).toBe(`${'X'.repeat(27)} (2)`); // case-insensitive clash
    expect(sheetName('', taken)).toBe('Sheet');
  });

  it('counts CJK characters as double width', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('客服abc')).toBe(7);
  });

  it('puts <drawing> after pageSetup and before the worksheet extLst, not inside a cfRule', () => {
    const xml = '<worksheet xmlns:r="R"><sheetData/><conditionalFormatting><cfRule><extLst><ext/></extLst></cfRule></conditionalFormatting><pageMargins/><pageSetup/><extLst><ext/></extLst></worksheet>';
    expect(addDrawingRef(xml, 'rId9')).toBe('<worksheet xmlns:r="R"><sheetData/><conditionalFormatting><cfRule><extLst><ext/></extLst></cfRule></conditionalFormatting><pageMargins/><pageSetup/><drawing r:id="rId9"/><extLst><ext/></extLst></worksheet>');
  });
});

describe('renderExcel', () => {
  it('writes a styled Summary sheet with KPI values, CIs, changes and significance marks', async () => {
    const wb = await readBack(await buildExcel(sampleModel('en')));
    const ws = wb.getWorksheet('Summary')!;
    expect(ws.getCell('A1').value).toBe('Customer experience weekly');
    const head = rowStarting(ws, 'Metric');
    expect(head.getCell(3).value).toBe('Value');
    expect(head.getCell(1).fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FF1F4E79' } });
    const nps = rowStarting(ws, 'NPS');
    expect(nps.getCell(3).value).toBe(31.5);
    expect(nps.getCell(3).numFmt).toBe('0.0');
    expect(nps.getCell(4).value).toBe(24.1);
    expect(nps.getCell(5).value).toBe(38.9);
    expect(nps.getCell(11).value).toBe(7.5);
    expect(nps.getCell(11).numFmt).toBe('+0.0;-0.0;0.0');
    expect(nps.getCell(13).value).toBe('*'); // p = 0.021 < 0.05
    const ces = rowStarting(ws, 'CES');
    expect(ces.getCell(4).value).toBeNull(); // no CI in the model → empty, not 0
    expect(ces.getCell(13).value).toBe('!'); // n = 21 < 30
    // frozen header row, autofilter over the table
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: head.number });
    expect(ws.autoFilter).toBeTruthy();
    // the change coloured by meaning: NPS up is good news (green)
    expect((nps.getCell(11).font as { color?: { argb?: string } }).color?.argb).toBe('FF2E7D32');
  });

  it('has one sheet per analysis and one follow-up sheet per owner', async () => {
    const wb = await readBack(await buildExcel(sampleModel('en')));
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toEqual(['Summary', 'Trend', 'Segment Region', 'Kano', 'SERVQUAL', 'Drivers', 'Themes', 'Verbatims',
      'Follow-up logistics', 'Follow-up support', 'Follow-up unassigned', 'Notes', 'Chart data']);
    expect(wb.getWorksheet('Chart data')!.state).toBe('hidden');
    const support = wb.getWorksheet('Follow-up support')!;
    const ids: unknown[] = [];
    support.eachRow((row) => ids.push(row.getCell(2).value));
    expect(ids).toContain('x0');
    expect(ids).toContain('x3');
    // Kano: |Worse| = −(−0.4) for "One-click refund", formatted 0.00
    const kano = wb.getWorksheet('Kano')!;
    const refund = rowStarting(kano, 'One-click refund');
    expect(refund.getCell(2).value).toBe('A Attractive');
    expect(refund.getCell(4).value).toBe(40); // A count
    expect(refund.getCell(12).value).toBe(0.4);
    expect(refund.getCell(12).numFmt).toBe('0.00');
    // Themes: pct on 0…100 shown with a literal % sign
    const th = rowStarting(wb.getWorksheet('Themes')!, 'Delivery');
    expect(th.getCell(3).value).toBe(24);
    expect(th.getCell(3).numFmt).toBe('0.0"%"');
  });

  it('writes customer comments that look like formulas as text, never formulas (read back)', async () => {
    const buf = await buildExcel(sampleModel('en'));
    const wb = await readBack(buf);
    const ws = wb.getWorksheet('Verbatims')!;
    const texts: unknown[] = [];
    let formulas = 0;
    wb.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((c) => {
      if (c.type === ExcelJS.ValueType.Formula || c.formula) formulas++;
    })));
    ws.eachRow((row, i) => i > 1 && texts.push(row.getCell(ws.columnCount).value));
    expect(formulas).toBe(0);
    for (const t of RISKY_TEXTS) expect(texts).toContain(t); // CR kept as &#13;, not normalised to LF
    // the package itself: no <f> element anywhere, and risky cells carry quotePrefix
    const zip = await JSZip.loadAsync(buf);
    const sheets = Object.keys(zip.files).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    for (const n of sheets) expect(await zip.file(n)!.async('string')).not.toMatch(/<f[ >]/);
    const styles = await zip.file('xl/styles.xml')!.async('string');
    expect(styles).toContain('quotePrefix="1"');
    // The bell character was stripped, the comment kept
    expect(texts.some((t) => typeof t === 'string' && t.startsWith('bell char'))).toBe(true);
  });

  it('keeps Chinese text and sheet names in a zh report', async () => {
    const wb = await readBack(await buildExcel(sampleModel('zh')));
    expect(wb.worksheets[0].name).toBe('概览');
    expect(wb.getWorksheet('细分 地区')).toBeTruthy();
    expect(rowStarting(wb.getWorksheet('概览')!, 'NPS').getCell(2).value).toBe('您向朋友推荐我们的可能性有多大？');
    expect(wb.getWorksheet('跟进 未分配')).toBeTruthy();
    // QA: the period lines use Chinese full-width punctuation, not "报告期: … (…)"
    const texts: string[] = [];
    wb.getWorksheet('概览')!.eachRow((row) => texts.push(String(row.getCell(1).value ?? '')));
    expect(texts.find((t) => t.startsWith('报告期'))).toMatch(/^报告期：2026-W47（2026-11-16 – 2026-11-22）/);
    expect(texts.find((t) => t.startsWith('对比期'))).toMatch(/^对比期：2026-W46（2026-11-09 – 2026-11-15）/);
    expect(texts.find((t) => t.startsWith('数据截至'))).toMatch(/^数据截至：2026-11-22。/);
  });

  it('adds native chart parts wired to drawings and the hidden data sheet', async () => {
    const zip = await JSZip.loadAsync(await buildExcel(sampleModel('en')));
    const charts = Object.keys(zip.files).filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n)).sort();
    // trend NPS + trend CSAT, segments, Kano, SERVQUAL expectation vs perception + gaps, drivers, themes
    expect(charts).toHaveLength(8);
    const ct = await zip.file('[Content_Types].xml')!.async('string');
    for (const c of charts) expect(ct).toContain(`PartName="/${c}"`);
    const kano = await Promise.all(charts.map((c) => zip.file(c)!.async('string'))).then((x) => x.find((s) => s.includes('Better vs |Worse|'))!);
    expect(kano).toContain('<c:scatterChart>');
    expect(kano).toContain("<c:f>'Chart data'!$");
    // quadrant line at |Worse| = 0.5 spans the whole Better axis 0…1
    expect(kano).toMatch(/<c:xVal><c:numRef><c:f>[^<]+<\/c:f><c:numCache><c:formatCode>General<\/c:formatCode><c:ptCount val="2"\/><c:pt idx="0"><c:v>0.5<\/c:v><\/c:pt><c:pt idx="1"><c:v>0.5<\/c:v>/);
    const trendSheet = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    expect(trendSheet).toMatch(/<drawing r:id="rIdCxDrawing1"\/>/);
  });

  it('is deterministic: fixed document dates from generatedAt, identical bytes twice', async () => {
    const a = await buildExcel(sampleModel('en'));
    const b = await buildExcel(sampleModel('en'));
    expect(a.equals(b)).toBe(true);
    const wb = await readBack(a);
    expect(wb.created.toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(wb.modified.toISOString()).toBe('2026-11-22T00:00:00.000Z');
  });

  it('writes a minimal model (KPIs only) without chart parts', async () => {
    const m = sampleModel('en');
    const minimal: ReportModel = { meta: m.meta, kpis: m.kpis.slice(0, 1), notes: [], warnings: [] };
    const buf = await buildExcel(minimal);
    const wb = await readBack(buf);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Summary']);
    const zip = await JSZip.loadAsync(buf);
    expect(Object.keys(zip.files).some((n) => n.startsWith('xl/charts/'))).toBe(false);
  });

  it('writes atomically and reports an unwritable path as a usage error (exit 2)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cx-xlsx-'));
    const out = path.join(dir, 'r.xlsx');
    await renderExcel(sampleModel('en'), out);
    expect(existsSync(out)).toBe(true);
    expect(readdirSync(dir)).toEqual(['r.xlsx']); // no temp file left
    const bad = path.join(dir, 'missing-dir', 'r.xlsx');
    const err = await renderExcel(sampleModel('en'), bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CxError);
    expect((err as CxError).exitCode).toBe(2);
    expect((err as CxError).message).toContain(bad);
  });
});
