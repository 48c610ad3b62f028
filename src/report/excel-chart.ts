// Native Excel charts: exceljs writes none, so cx adds DrawingML chart parts to the finished package
// (a drawing per sheet, one chart part per chart, relationships and content types). Each chart's data
// (from the same chart specs as the SVG and PowerPoint charts) is written to a hidden "Chart data" sheet
// and the chart refers to those cells (with cached values), as Excel itself does: literal-only chart
// data is rendered unreliably by LibreOffice.
import type { ReportModel } from './model.js';
import type { BarChart, ChartSpec, LineChart, ScatterChart } from './charts-spec.js';
import { PALETTE, hasData } from './charts-spec.js';
import { BAND, TARGET } from './colors.js';
import { chartSpecs, type Lang } from './charts-data.js';
import type { SheetPlan } from './excel-sections.js';
import { headerRowOf } from './excel-sheet.js';
import type { PackageHook } from './excel-zip.js';

const NS_C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const NS_A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_CHART = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart';
const CT_DRAWING = 'application/vnd.openxmlformats-officedocument.drawing+xml';
const CT_CHART = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';

export const EXCEL_CHART_FONT = { latin: 'Calibri', ea: 'Microsoft YaHei' };

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function num(v: number): string {
  return Number.isFinite(v) ? String(v) : '0';
}

function colName(c: number): string {
  let s = '';
  for (let x = c; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Cells of the hidden chart-data sheet, and formula references into it. */
export class ChartDataSheet {
  readonly cells: Array<{ row: number; col: number; value: string | number }> = [];
  private nextCol = 1;
  constructor(readonly sheetName: string) {}

  private ref(col: number, r0: number, r1: number): string {
    const q = `'${this.sheetName.replace(/'/g, "''")}'`;
    return r0 === r1 ? `${q}!$${colName(col)}$${r0}` : `${q}!$${colName(col)}$${r0}:$${colName(col)}$${r1}`;
  }

  /** Reserve `n` columns for one chart, with the chart title in row 1; returns the first column. */
  block(title: string, n: number): number {
    const c0 = this.nextCol;
    this.nextCol += n + 1; // one empty column between charts
    this.cells.push({ row: 1, col: c0, value: title });
    return c0;
  }

  /** A column: name in row 2, values from row 3. Returns the name ref and the values ref. */
  column(col: number, name: string, values: Array<string | number | null>): { nameRef: string; ref: string } {
    this.cells.push({ row: 2, col, value: name });
    values.forEach((v, i) => {
      if (v !== null && (typeof v === 'string' || Number.isFinite(v))) this.cells.push({ row: 3 + i, col, value: v });
    });
    return { nameRef: this.ref(col, 2, 2), ref: this.ref(col, 3, Math.max(3, 2 + values.length)) };
  }
}

function txPr(size: number, bold = false): string {
  return `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size * 100}" b="${bold ? 1 : 0}"><a:solidFill><a:srgbClr val="404040"/></a:solidFill><a:latin typeface="${EXCEL_CHART_FONT.latin}"/><a:ea typeface="${EXCEL_CHART_FONT.ea}"/></a:defRPr></a:pPr><a:endParaRPr lang="en-US"/></a:p></c:txPr>`;
}

function richText(text: string, size: number, bold: boolean, color = '1F4E79'): string {
  return `<c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size * 100}" b="${bold ? 1 : 0}"/></a:pPr><a:r><a:rPr lang="en-US" sz="${size * 100}" b="${bold ? 1 : 0}"><a:solidFill><a:srgbClr val="${color}"/></a:solidFill><a:latin typeface="${EXCEL_CHART_FONT.latin}"/><a:ea typeface="${EXCEL_CHART_FONT.ea}"/></a:rPr><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx>`;
}

function title(text: string, size = 13): string {
  return `<c:title>${richText(text, size, true)}<c:overlay val="0"/></c:title>`;
}

function strRef(f: string, values: string[]): string {
  return `<c:strRef><c:f>${esc(f)}</c:f><c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(v)}</c:v></c:pt>`).join('')}</c:strCache></c:strRef>`;
}

/** Numeric reference with its cache; null values are left out of the cache (gaps). */
function numRef(f: string, values: Array<number | null>, fmt = 'General'): string {
  const pts = values.map((v, i) => (v === null || !Number.isFinite(v) ? '' : `<c:pt idx="${i}"><c:v>${num(v)}</c:v></c:pt>`)).join('');
  return `<c:numRef><c:f>${esc(f)}</c:f><c:numCache><c:formatCode>${esc(fmt)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache></c:numRef>`;
}

function serTx(nameRef: string, name: string): string {
  return `<c:tx>${strRef(nameRef, [name])}</c:tx>`;
}

function solid(color: string): string {
  return `<a:solidFill><a:srgbClr val="${color}"/></a:solidFill>`;
}

function axis(kind: 'cat' | 'val', id: number, cross: number, pos: 'b' | 'l', opts: { title?: string; fmt?: string; min?: number; max?: number; grid?: boolean; crossesAt?: number } = {}): string {
  const scaling = `<c:scaling><c:orientation val="minMax"/>${opts.max !== undefined ? `<c:max val="${num(opts.max)}"/>` : ''}${opts.min !== undefined ? `<c:min val="${num(opts.min)}"/>` : ''}</c:scaling>`;
  const head = `<c:axId val="${id}"/>${scaling}<c:delete val="0"/><c:axPos val="${pos}"/>${opts.grid ? '<c:majorGridlines><c:spPr><a:ln w="6350">' + solid('E6E6E6') + '</a:ln></c:spPr></c:majorGridlines>' : ''}${opts.title ? `<c:title>${richText(opts.title, 10, false)}<c:overlay val="0"/></c:title>` : ''}`;
  const fmt = kind === 'val' ? `<c:numFmt formatCode="${esc(opts.fmt ?? 'General')}" sourceLinked="0"/>` : '';
  const common = `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:spPr><a:ln w="6350">${solid('BFBFBF')}</a:ln></c:spPr>${txPr(9)}<c:crossAx val="${cross}"/>${opts.crossesAt !== undefined ? `<c:crossesAt val="${num(opts.crossesAt)}"/>` : '<c:crosses val="autoZero"/>'}`;
  if (kind === 'cat') return `<c:catAx>${head}${common}<c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  return `<c:valAx>${head}${fmt}${common}<c:crossBetween val="between"/></c:valAx>`;
}

function fmtCode(spec: ChartSpec): string {
  return spec.format === 'pct' ? '0%' : spec.format === 'int' ? '0' : spec.format === 'num2' ? '0.00' : '0.0';
}

/** Per-category colours (meaning or small base) as data points. */
function colorPoints(colors: string[]): string {
  return colors.map((c, i) => `<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr>${solid(c)}</c:spPr></c:dPt>`).join('');
}

/** Data points below zero in red (single-series bars: gaps, negative NPS). */
function negPoints(vals: Array<number | null>): string {
  return vals.map((v, i) => (v !== null && v < 0 ? `<c:dPt><c:idx val="${i}"/><c:invertIfNegative val="0"/><c:bubble3D val="0"/><c:spPr>${solid(PALETTE[2])}</c:spPr></c:dPt>` : '')).join('');
}

const NO_SHOW = '<c:showLegendKey val="0"/><c:showVal val="0"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/>';
const NO_BOX = '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>';

function lineOrBar(spec: LineChart | BarChart, data: ChartDataSheet): string {
  const isBar = spec.kind === 'bar';
  const horiz = isBar && spec.horizontal === true;
  // Excel draws horizontal bars bottom-up (first category and first series at the bottom): reverse both
  // so the spec's first category, and its first series within a category, are on top. (Reversing the axis
  // instead moves the value axis to the top in some readers.)
  const cats = horiz ? [...spec.categories].reverse() : spec.categories;
  const series = horiz ? [...spec.series].reverse() : spec.series;
  const nExtra = spec.kind === 'line' ? (spec.band ? 2 : 0) + (spec.target ? 1 : 0) : 0;
  const c0 = data.block(spec.title, series.length + 1 + nExtra);
  const catRef = data.column(c0, '', cats).ref;
  const sers = series.map((s, i) => {
    const vals = horiz ? [...s.values].reverse() : s.values;
    const refs = data.column(c0 + 1 + i, s.name, vals);
    const k = horiz ? series.length - 1 - i : i;
    const color = spec.kind === 'bar' && spec.seriesColors?.[k] ? spec.seriesColors[k]! : PALETTE[k % PALETTE.length]!;
    const pc = spec.kind === 'bar' && spec.pointColors && series.length === 1 ? (horiz ? [...spec.pointColors].reverse() : spec.pointColors) : undefined;
    const look = isBar
      ? `<c:spPr>${solid(color)}</c:spPr><c:invertIfNegative val="0"/>${pc ? colorPoints(pc) : series.length === 1 ? negPoints(vals) : ''}`
      : `<c:spPr><a:ln w="28575" cap="rnd">${solid(color)}<a:round/></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr>${solid(color)}<a:ln>${solid(color)}</a:ln></c:spPr></c:marker>`;
    const labels = `<c:dLbls><c:numFmt formatCode="${fmtCode(spec)}" sourceLinked="0"/>${NO_BOX}${txPr(8)}<c:dLblPos val="${isBar ? 'outEnd' : 't'}"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`;
    return `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${serTx(refs.nameRef, s.name)}${look}${series.length === 1 || isBar ? labels : ''}<c:cat>${strRef(catRef, cats)}</c:cat><c:val>${numRef(refs.ref, vals)}</c:val>${isBar ? '' : '<c:smooth val="0"/>'}</c:ser>`;
  });
  // Line charts: the 95% band as two thin pale dotted lines, the target as a red dashed line (no labels).
  if (!isBar && spec.kind === 'line' && spec.series.length === 1) {
    const extra: Array<{ name: string; values: Array<number | null>; ln: string }> = [];
    if (spec.band) {
      const ln = `<a:ln w="12700" cap="rnd">${solid(BAND)}<a:prstDash val="sysDot"/></a:ln>`;
      extra.push({ name: '95% CI', values: spec.band.lo, ln }, { name: '95% CI ', values: spec.band.hi, ln });
    }
    if (spec.target) extra.push({ name: spec.target.label, values: spec.categories.map(() => spec.target!.value), ln: `<a:ln w="19050">${solid(TARGET)}<a:prstDash val="dash"/></a:ln>` });
    extra.forEach((e, j) => {
      const i = sers.length;
      const refs = data.column(c0 + 1 + series.length + j, e.name, e.values);
      sers.push(`<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${serTx(refs.nameRef, e.name)}<c:spPr>${e.ln}</c:spPr><c:marker><c:symbol val="none"/></c:marker><c:cat>${strRef(catRef, cats)}</c:cat><c:val>${numRef(refs.ref, e.values)}</c:val><c:smooth val="0"/></c:ser>`);
    });
  }
  const plot = isBar
    ? `<c:barChart><c:barDir val="${horiz ? 'bar' : 'col'}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${sers.join('')}<c:gapWidth val="60"/><c:axId val="1001"/><c:axId val="1002"/></c:barChart>`
    : `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${sers.join('')}<c:marker val="1"/><c:axId val="1001"/><c:axId val="1002"/></c:lineChart>`;
  const axes = axis('cat', 1001, 1002, horiz ? 'l' : 'b') + axis('val', 1002, 1001, horiz ? 'b' : 'l', { title: spec.yLabel, fmt: fmtCode(spec), grid: true });
  return wrapChart(spec.title, plot + axes, spec.series.length > 1);
}

function scatter(spec: ScatterChart, data: ChartDataSheet): string {
  const pts = spec.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const groups: string[] = [];
  for (const p of pts) if (!groups.includes(p.group ?? '')) groups.push(p.group ?? '');
  const range = (vals: number[], ref?: number): [number, number] => {
    const all = ref !== undefined && Number.isFinite(ref) ? [...vals, ref] : vals;
    let lo = Math.min(...all);
    let hi = Math.max(...all);
    if (!(hi > lo)) {
      lo -= 1;
      hi += 1;
    }
    const pad = (hi - lo) * 0.1;
    return [lo - pad, hi + pad];
  };
  const [x0, x1] = spec.xDomain ?? range(pts.map((p) => p.x), spec.xRef);
  const [y0, y1] = spec.yDomain ?? range(pts.map((p) => p.y), spec.yRef);
  const refs: Array<{ name: string; x: number[]; y: number[] }> = [];
  if (spec.xRef !== undefined && Number.isFinite(spec.xRef)) refs.push({ name: spec.xLabel, x: [spec.xRef, spec.xRef], y: [y0, y1] });
  if (spec.yRef !== undefined && Number.isFinite(spec.yRef)) refs.push({ name: spec.yLabel, x: [x0, x1], y: [spec.yRef, spec.yRef] });
  const c0 = data.block(spec.title, 3 * (groups.length + refs.length));
  let col = c0;
  const sers: string[] = [];
  groups.forEach((g, i) => {
    const mine = pts.filter((p) => (p.group ?? '') === g);
    const name = g || spec.yLabel;
    const color = spec.groupColors?.[g] ?? PALETTE[i % PALETTE.length]!;
    data.column(col, name, mine.map((p) => p.label));
    const xr = data.column(col + 1, 'x', mine.map((p) => p.x));
    const yr = data.column(col + 2, name, mine.map((p) => p.y));
    col += 3;
    const dl = mine.map((p, k) => `<c:dLbl><c:idx val="${k}"/>${richText(p.label, 8, false, '404040')}${NO_BOX}<c:dLblPos val="r"/>${NO_SHOW}</c:dLbl>`).join('');
    sers.push(`<c:ser><c:idx val="${i}"/><c:order val="${i}"/>${serTx(yr.nameRef, name)}<c:spPr><a:ln w="19050"><a:noFill/></a:ln></c:spPr><c:marker><c:symbol val="circle"/><c:size val="8"/><c:spPr>${solid(color)}<a:ln>${solid('FFFFFF')}</a:ln></c:spPr></c:marker><c:dLbls>${dl}${NO_BOX}${txPr(8)}${NO_SHOW}</c:dLbls><c:xVal>${numRef(xr.ref, mine.map((p) => p.x))}</c:xVal><c:yVal>${numRef(yr.ref, mine.map((p) => p.y))}</c:yVal><c:smooth val="0"/></c:ser>`);
  });
  const hidden: number[] = [];
  refs.forEach((r) => {
    const idx = sers.length;
    hidden.push(idx);
    data.column(col, r.name, ['', '']);
    const xr = data.column(col + 1, 'x', r.x);
    const yr = data.column(col + 2, r.name, r.y);
    col += 3;
    sers.push(`<c:ser><c:idx val="${idx}"/><c:order val="${idx}"/>${serTx(yr.nameRef, r.name)}<c:spPr><a:ln w="15875">${solid('888888')}<a:prstDash val="dash"/></a:ln></c:spPr><c:marker><c:symbol val="none"/></c:marker><c:xVal>${numRef(xr.ref, r.x)}</c:xVal><c:yVal>${numRef(yr.ref, r.y)}</c:yVal><c:smooth val="0"/></c:ser>`);
  });
  const plot = `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${sers.join('')}<c:axId val="1001"/><c:axId val="1002"/></c:scatterChart>`;
  const axes = axis('val', 1001, 1002, 'b', { title: spec.xLabel, fmt: fmtCode(spec), min: x0, max: x1, crossesAt: y0 }) +
    axis('val', 1002, 1001, 'l', { title: spec.yLabel, fmt: fmtCode(spec), min: y0, max: y1, grid: true, crossesAt: x0 });
  return wrapChart(spec.title, plot + axes, groups.some((g) => g !== ''), hidden);
}

function wrapChart(titleText: string, plotBody: string, legend: boolean, hiddenLegend: number[] = []): string {
  const legendXml = legend
    ? `<c:legend><c:legendPos val="b"/>${hiddenLegend.map((i) => `<c:legendEntry><c:idx val="${i}"/><c:delete val="1"/></c:legendEntry>`).join('')}<c:overlay val="0"/>${txPr(9)}</c:legend>`
    : '';
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:date1904 val="0"/><c:lang val="en-US"/><c:roundedCorners val="0"/><c:chart>${title(titleText)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${plotBody}<c:spPr><a:noFill/></c:spPr></c:plotArea>${legendXml}<c:plotVisOnly val="0"/><c:dispBlanksAs val="gap"/></c:chart><c:spPr>${solid('FFFFFF')}<a:ln w="6350">${solid('D9D9D9')}</a:ln></c:spPr>${txPr(10)}</c:chartSpace>`;
}

/** The chart part XML for one spec; its data goes to `data`. */
export function chartXml(spec: ChartSpec, data: ChartDataSheet): string {
  return spec.kind === 'scatter' ? scatter(spec, data) : lineOrBar(spec, data);
}

function anchor(i: number, col: number, row: number, cols: number, rows: number, name: string): string {
  return `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>${col + cols}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row + rows}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${esc(name)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS_C}"><c:chart xmlns:c="${NS_C}" r:id="rId${i + 1}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;
}

export function addDrawingRef(sheetXml: string, rid: string): string {
  const tag = `<drawing r:id="${rid}"/>`;
  // Search only after the elements that come before <drawing>: cfRules carry their own nested <extLst>.
  const from = Math.max(0, ...['</sheetData>', '</conditionalFormatting>', '</dataValidations>', '</hyperlinks>', '<pageMargins', '<pageSetup', '</headerFooter>', '</rowBreaks>', '</colBreaks>', '</ignoredErrors>'].map((t) => sheetXml.lastIndexOf(t)));
  const re = /<legacyDrawing\b|<legacyDrawingHF\b|<picture\b|<oleObjects\b|<controls\b|<webPublishItems\b|<tableParts\b|<extLst\b|<\/worksheet>/g;
  re.lastIndex = from;
  const m = re.exec(sheetXml);
  const at = m ? m.index : sheetXml.length;
  let out = sheetXml.slice(0, at) + tag + sheetXml.slice(at);
  if (!/xmlns:r=/.test(out.slice(0, out.indexOf('>', out.indexOf('<worksheet'))))) {
    out = out.replace('<worksheet ', `<worksheet xmlns:r="${NS_R}" `);
  }
  return out;
}

export interface ExcelChartPlan {
  /** Cells to write into the hidden chart-data sheet (added as the last sheet). */
  data: ChartDataSheet;
  hook: PackageHook;
}

/**
 * Plan the native charts next to the tables that have some: fills the chart-data sheet's cells now (the
 * caller writes them with exceljs) and returns the package hook that adds the chart parts afterwards.
 */
export function planExcelCharts(model: ReportModel, placed: Array<{ sheetIndex: number; plan: SheetPlan }>, lang: Lang, dataSheetName: string): ExcelChartPlan {
  const specs = new Map(chartSpecs(model, lang).filter(hasData).map((c) => [c.id, c]));
  const data = new ChartDataSheet(dataSheetName);
  const perSheet: Array<{ sheetIndex: number; plan: SheetPlan; charts: Array<{ spec: ChartSpec; xml: string }> }> = [];
  for (const { sheetIndex, plan } of placed) {
    const charts = (plan.chartIds ?? []).map((id) => specs.get(id)).filter((c): c is ChartSpec => c !== undefined);
    if (charts.length) perSheet.push({ sheetIndex, plan, charts: charts.map((spec) => ({ spec, xml: chartXml(spec, data) })) });
  }
  const hook: PackageHook = async (parts) => {
    let chartNo = 0;
    let drawingNo = 0;
    const overrides: string[] = [];
    for (const { sheetIndex, plan, charts } of perSheet) {
      const sheetPath = `xl/worksheets/sheet${sheetIndex}.xml`;
      const sheetXml = await parts.get(sheetPath);
      if (!sheetXml) continue;
      drawingNo++;
      const drawingPath = `xl/drawings/drawing${drawingNo}.xml`;
      const col = plan.columns.length + 1;
      const row = headerRowOf(plan) - 1;
      const anchors: string[] = [];
      const rels: string[] = [];
      let at = row;
      charts.forEach(({ spec, xml }, i) => {
        chartNo++;
        const tall = spec.kind === 'bar' && spec.horizontal ? Math.max(18, Math.min(40, spec.categories.length * spec.series.length * 2 + 6)) : 20;
        anchors.push(anchor(i, col, at, 10, tall, spec.title));
        at += tall + 2;
        rels.push(`<Relationship Id="rId${i + 1}" Type="${REL_CHART}" Target="../charts/chart${chartNo}.xml"/>`);
        parts.set(`xl/charts/chart${chartNo}.xml`, xml);
        overrides.push(`<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="${CT_CHART}"/>`);
      });
      parts.set(drawingPath, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors.join('')}</xdr:wsDr>`);
      parts.set(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`);
      overrides.push(`<Override PartName="/${drawingPath}" ContentType="${CT_DRAWING}"/>`);
      const relsPath = `xl/worksheets/_rels/sheet${sheetIndex}.xml.rels`;
      const existing = await parts.get(relsPath);
      const rid = 'rIdCxDrawing1';
      const relXml = `<Relationship Id="${rid}" Type="${REL_DRAWING}" Target="../drawings/drawing${drawingNo}.xml"/>`;
      parts.set(relsPath, existing
        ? existing.replace('</Relationships>', `${relXml}</Relationships>`)
        : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relXml}</Relationships>`);
      parts.set(sheetPath, addDrawingRef(sheetXml, rid));
    }
    if (overrides.length) {
      const ct = (await parts.get('[Content_Types].xml'))!;
      parts.set('[Content_Types].xml', ct.replace('</Types>', `${overrides.join('')}</Types>`));
    }
  };
  return { data, hook };
}
