// Native PowerPoint charts (pptxgenjs) from renderer-neutral chart specs (charts-spec.ts).
// Scatter charts draw one series per group (Kano class, driver quadrant) and the quadrant lines as extra
// two-point series; `fixChartXml` (run on the finished package) drops the empty points those series need
// and styles the reference series as dashed lines without markers or labels.
import type { ChartData, ChartOpts, Pptx, Slide } from './pptx-types.js';
import type { ChartSpec, ScatterChart } from './charts-spec.js';
import { PALETTE } from './charts-spec.js';
import { BAND, TARGET } from './colors.js';

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Names given to reference-line series, so the package post-processor can restyle them. */
export const REF_SERIES_PREFIX = '\u2009'; // a thin space: invisible in the legend, unique in practice
/** Names of the 95% band series (thin pale lines) and of target series (red dashed) in line charts. */
export const BAND_SERIES_PREFIX = '\u200A';
export const TARGET_SERIES_PREFIX = '\u2007';

function numFmt(fmt: ChartSpec['format']): string {
  return fmt === 'pct' ? '0%' : fmt === 'int' ? '0' : fmt === 'num2' ? '0.00' : '0.0';
}

function labelFmt(fmt: ChartSpec['format']): string {
  return fmt === 'pct' ? '0.0%' : fmt === 'int' ? '0' : fmt === 'num2' ? '0.00' : '0.0';
}

function common(font: string, lang: string) {
  return {
    lang,
    titleFontFace: font,
    titleFontSize: 14,
    titleColor: '1F4E79',
    catAxisLabelFontFace: font,
    valAxisLabelFontFace: font,
    catAxisLabelFontSize: 10,
    valAxisLabelFontSize: 10,
    legendFontFace: font,
    legendFontSize: 10,
    dataLabelFontFace: font,
    dataLabelFontSize: 9,
    catAxisTitleFontFace: font,
    valAxisTitleFontFace: font,
    catAxisTitleFontSize: 11,
    valAxisTitleFontSize: 11,
    chartColors: PALETTE,
  };
}

function niceStep(span: number): number {
  return Math.pow(10, Math.floor(Math.log10(span))) / 2;
}
const niceFloor = (v: number, span: number) => Math.floor(v / niceStep(span)) * niceStep(span);
const niceCeil = (v: number, span: number) => Math.ceil(v / niceStep(span)) * niceStep(span);

/** Pad a scatter axis range by 8% and round outwards to a readable step. */
function niceRange(lo: number, hi: number): [number, number] {
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.08;
  const span = hi - lo + 2 * pad;
  const step = Math.pow(10, Math.floor(Math.log10(span))) / 2;
  return [Math.floor((lo - pad) / step) * step, Math.ceil((hi + pad) / step) * step];
}

function addScatter(pptx: Pptx, slide: Slide, c: ScatterChart, box: Box, font: string, lang: string): void {
  const pts = c.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const groups: string[] = [];
  for (const p of pts) if (!groups.includes(p.group ?? '')) groups.push(p.group ?? '');
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  const [x0, x1] = c.xDomain ?? niceRange(Math.min(...xs, c.xRef ?? Infinity), Math.max(...xs, c.xRef ?? -Infinity));
  const [y0, y1] = c.yDomain ?? niceRange(Math.min(...ys, c.yRef ?? Infinity), Math.max(...ys, c.yRef ?? -Infinity));
  const xVals: number[] = [...xs];
  const refs: Array<{ name: string; at: number[]; y: number[] }> = [];
  if (c.xRef !== undefined && Number.isFinite(c.xRef)) {
    refs.push({ name: `${REF_SERIES_PREFIX}${c.xLabel}`, at: [xVals.length, xVals.length + 1], y: [y0, y1] });
    xVals.push(c.xRef, c.xRef);
  }
  if (c.yRef !== undefined && Number.isFinite(c.yRef)) {
    refs.push({ name: `${REF_SERIES_PREFIX}${c.yLabel}`, at: [xVals.length, xVals.length + 1], y: [c.yRef, c.yRef] });
    xVals.push(x0, x1);
  }
  const n = xVals.length;
  const data: Array<{ name: string; values: Array<number | null>; labels?: string[] }> = [{ name: 'X', values: xVals }];
  for (const g of groups) {
    const values: Array<number | null> = new Array(n).fill(null);
    const labels: string[] = new Array(n).fill('');
    pts.forEach((p, i) => {
      if ((p.group ?? '') === g) {
        values[i] = p.y;
        labels[i] = p.label;
      }
    });
    data.push({ name: g || c.yLabel, values, labels });
  }
  for (const r of refs) {
    const values: Array<number | null> = new Array(n).fill(null);
    r.at.forEach((idx, k) => (values[idx] = r.y[k]));
    data.push({ name: r.name, values, labels: new Array(n).fill('') });
  }
  slide.addChart(pptx.ChartType.scatter, data as unknown as ChartData[], {
    ...box,
    ...common(font, lang),
    // colour by meaning: the same Kano category / quadrant has the same colour in every deck
    chartColors: groups.map((g, i) => c.groupColors?.[g] ?? PALETTE[i % PALETTE.length]!),
    title: c.title,
    showTitle: true,
    lineSize: 0,
    lineDataSymbol: 'circle',
    lineDataSymbolSize: 9,
    showLabel: true,
    dataLabelFormatScatter: 'custom',
    dataLabelPosition: 'r',
    showLegend: groups.length > 1 || (groups.length === 1 && groups[0] !== ''),
    legendPos: 'b',
    valAxisMinVal: y0,
    valAxisMaxVal: y1,
    catAxisMinVal: x0,
    catAxisMaxVal: x1,
    valAxisLabelFormatCode: numFmt(c.format),
    catAxisLabelFormatCode: numFmt(c.format),
    showValAxisTitle: true,
    valAxisTitle: c.yLabel,
    showCatAxisTitle: true,
    catAxisTitle: c.xLabel,
  } as ChartOpts);
}

/** Draw a chart spec as a native chart on `slide` inside `box` (inches). */
export function addNativeChart(pptx: Pptx, slide: Slide, spec: ChartSpec, box: Box, font: string, lang: string): void {
  if (spec.kind === 'scatter') {
    addScatter(pptx, slide, spec, box, font, lang);
    return;
  }
  const data = spec.series.map((s) => ({ name: s.name, labels: spec.categories, values: s.values.map((v) => (v === null || !Number.isFinite(v) ? null : v)) }));
  const multi = spec.series.length > 1;
  if (spec.kind === 'line') {
    const fin = (v: number | null) => (v === null || !Number.isFinite(v) ? null : v);
    const extra: typeof data = [];
    const colors = [PALETTE[0]!];
    if (spec.band && !multi) {
      extra.push({ name: `${BAND_SERIES_PREFIX}95% CI`, labels: spec.categories, values: spec.band.lo.map(fin) });
      extra.push({ name: `${BAND_SERIES_PREFIX}95% CI `, labels: spec.categories, values: spec.band.hi.map(fin) });
      colors.push(BAND, BAND);
    }
    if (spec.target) {
      extra.push({ name: `${TARGET_SERIES_PREFIX}${spec.target.label}`, labels: spec.categories, values: spec.categories.map(() => spec.target!.value) });
      colors.push(TARGET);
    }
    slide.addChart(pptx.ChartType.line, [...data, ...extra] as unknown as ChartData[], {
      ...box,
      ...common(font, lang),
      chartColors: multi ? PALETTE : colors,
      title: spec.title,
      showTitle: true,
      lineSize: 2,
      lineDataSymbol: 'circle',
      lineDataSymbolSize: 7,
      showLegend: multi || Boolean(spec.target),
      legendPos: 'b',
      showValue: spec.categories.length <= 12,
      dataLabelPosition: 't',
      dataLabelFormatCode: labelFmt(spec.format),
      valAxisLabelFormatCode: numFmt(spec.format),
      catAxisLabelRotate: spec.categories.length > 8 ? -45 : 0,
      displayBlanksAs: 'gap',
      ...(spec.yLabel ? { showValAxisTitle: true, valAxisTitle: spec.yLabel } : {}),
    } as ChartOpts);
    return;
  }
  // bar: PowerPoint draws horizontal bars bottom-up (first category and first series at the bottom):
  // reverse categories and series so the spec's order reads top-down; colours follow the original order.
  const horiz = spec.horizontal === true;
  const bars = horiz
    ? data.map((d) => ({ ...d, labels: [...d.labels].reverse(), values: [...d.values].reverse() })).reverse()
    : data;
  const seriesCols = spec.seriesColors ?? PALETTE.slice(0, data.length);
  const colors = multi ? (horiz ? seriesCols.slice(0, data.length).reverse() : seriesCols) : [PALETTE[0]];
  // Per-bar colours (meaning, small base) in the order drawn; pptxgenjs writes them as data points.
  const pc = !multi && spec.pointColors ? (horiz ? [...spec.pointColors].reverse() : spec.pointColors) : undefined;
  // Negative bars: room on the left for their value labels, so they do not run into the category labels.
  const vals = data.flatMap((x) => x.values).filter((v): v is number => v !== null);
  const lo = Math.min(0, ...vals);
  const hi = Math.max(0, ...vals);
  const span = hi - lo || 1;
  const axis = lo < 0 ? { valAxisMinVal: niceFloor(lo - 0.3 * span, span), valAxisMaxVal: hi > 0 ? niceCeil(hi + 0.15 * span, span) : 0 } : {};
  slide.addChart(pptx.ChartType.bar, bars as unknown as ChartData[], {
    ...box,
    ...common(font, lang),
    ...axis,
    chartColors: pc ?? colors,
    ...(multi ? {} : { invertedColors: pc ?? [PALETTE[2]] }),
    catAxisLabelPos: 'low',
    title: spec.title,
    showTitle: true,
    barDir: horiz ? 'bar' : 'col',
    barGrouping: 'clustered',
    barGapWidthPct: 60,
    showLegend: multi,
    legendPos: 'b',
    showValue: true,
    dataLabelPosition: 'outEnd',
    dataLabelFormatCode: labelFmt(spec.format),
    valAxisLabelFormatCode: numFmt(spec.format),
    valGridLine: { color: 'E6E6E6', size: 0.5 },
    ...(spec.yLabel ? { showValAxisTitle: true, valAxisTitle: spec.yLabel } : {}),
  } as ChartOpts);
}

/**
 * Clean a chart part written by pptxgenjs: drop points with an empty value (nulls: gaps, other groups'
 * points), give every run an East Asian font so Chinese labels render, and restyle reference-line series.
 */
export function fixChartXml(xml: string, eaFont: string): string {
  let out = xml.replace(/<c:pt idx="\d+"><c:v><\/c:v><\/c:pt>/g, '');
  // Chart text: pptxgenjs only sets <a:latin>; add <a:ea> so CJK text uses a CJK font.
  out = out.replace(/<a:latin typeface="([^"]*)"\s*\/>(?!\s*<a:ea)/g, `<a:latin typeface="$1"/><a:ea typeface="${eaFont}"/>`);
  // Reference-line series: dashed grey line, no markers, no labels.
  out = out.replace(/<c:ser>([\s\S]*?)<\/c:ser>/g, (ser, body: string) => {
    if (!new RegExp(`<c:v>${REF_SERIES_PREFIX}`).test(body)) return ser;
    let b = body.replace(/<c:spPr>[\s\S]*?<\/c:spPr>/, '<c:spPr><a:ln w="15875" cap="flat"><a:solidFill><a:srgbClr val="888888"/></a:solidFill><a:prstDash val="dash"/><a:round/></a:ln></c:spPr>');
    b = b.replace(/<c:marker>[\s\S]*?<\/c:marker>/, '<c:marker><c:symbol val="none"/></c:marker>');
    b = b.replace(/<c:dLbls>[\s\S]*?<\/c:dLbls>/, '');
    return `<c:ser>${b}</c:ser>`;
  });
  // Band series: thin pale lines, no markers or labels. Target series: red dashed line, no markers or labels.
  const restyle = (prefix: string, ln: string) => {
    out = out.replace(/<c:ser>([\s\S]*?)<\/c:ser>/g, (ser, body: string) => {
      if (!body.includes(`<c:v>${prefix}`)) return ser;
      let b = body.replace(/<c:spPr>[\s\S]*?<\/c:spPr>/, `<c:spPr>${ln}</c:spPr>`);
      b = b.replace(/<c:marker>[\s\S]*?<\/c:marker>/, '<c:marker><c:symbol val="none"/></c:marker>');
      b = b.replace(/<c:dLbls>[\s\S]*?<\/c:dLbls>/, '');
      return `<c:ser>${b}</c:ser>`;
    });
  };
  restyle(BAND_SERIES_PREFIX, `<a:ln w="12700" cap="flat"><a:solidFill><a:srgbClr val="${BAND}"/></a:solidFill><a:prstDash val="sysDot"/><a:round/></a:ln>`);
  restyle(TARGET_SERIES_PREFIX, `<a:ln w="19050" cap="flat"><a:solidFill><a:srgbClr val="${TARGET}"/></a:solidFill><a:prstDash val="dash"/><a:round/></a:ln>`);
  // Hide reference and band series from the legend (the target stays: it names the target).
  const refIdx: number[] = [];
  for (const m of out.matchAll(/<c:ser>\s*<c:idx val="(\d+)"\/>[\s\S]*?<\/c:ser>/g)) {
    if (m[0].includes(`<c:v>${REF_SERIES_PREFIX}`) || m[0].includes(`<c:v>${BAND_SERIES_PREFIX}`)) refIdx.push(Number(m[1]));
  }
  if (refIdx.length) {
    const entries = refIdx.map((i) => `<c:legendEntry><c:idx val="${i}"/><c:delete val="1"/></c:legendEntry>`).join('');
    out = out.replace(/(<c:legend>\s*<c:legendPos val="[a-z]+"\/>)/, `$1${entries}`);
  }
  return out;
}
