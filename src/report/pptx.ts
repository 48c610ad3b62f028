// The PowerPoint report: pptxgenjs 4 (imported lazily), 16:9, native (editable) charts: title, KPI
// summary, trend lines, segment bars, Kano Better vs |Worse| scatter, SERVQUAL gap bars, drivers
// importance–performance scatter with quadrant lines, themes bars, verbatims, follow-ups, notes.
// Chinese text: text runs name a CJK-capable East Asian font ("Microsoft YaHei"; PowerPoint on macOS and
// LibreOffice substitute PingFang SC / Noto Sans CJK SC). Fixed document dates from meta.generatedAt.
import type { ReportModel } from './model.js';
import { chartSpecs, kanoName, quadrantName, tr, type Lang } from './charts-data.js';
import { hasData, type ChartSpec } from './charts-spec.js';
import { fixChartXml } from './pptx-charts.js';
import { chartSlide, chartWithTableSlide, fmt, followUpSlide, kpiSlide, notesSlide, titleSlide, verbatimSlides, type Deck } from './pptx-slides.js';
import { newPresentation } from './pptx-types.js';
import { journeySlideTable } from './build-journey.js';
import { cleanText } from './xlsx-safe.js';
import { finalizePackage, fixedDate, writeAtomic, type ZipParts } from './excel-zip.js';

export interface PptxOptions {
  lang?: Lang;
}

/** East Asian font named in every run and chart. */
export const CJK_FONT = 'Microsoft YaHei';

function byId(specs: ChartSpec[], id: string): ChartSpec | undefined {
  return specs.find((c) => c.id === id && hasData(c));
}

/** Build the deck bytes. */
export async function buildPptx(model: ReportModel, opts: PptxOptions = {}): Promise<Buffer> {
  const lang = opts.lang ?? model.meta.lang;
  const pptx = await newPresentation();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = 'cx';
  pptx.company = 'cx';
  pptx.subject = cleanText(model.meta.period.label);
  pptx.title = cleanText(model.meta.title);
  const deck: Deck = {
    pptx,
    lang,
    font: lang === 'zh' ? CJK_FONT : 'Calibri',
    langTag: lang === 'zh' ? 'zh-CN' : 'en-US',
    footer: `${model.meta.title} · ${model.meta.period.label}`,
  };
  const specs = chartSpecs(model, lang);

  titleSlide(deck, model);
  kpiSlide(deck, model);

  const trends = specs.filter((c) => c.id.startsWith('trend-') && hasData(c));
  if (trends.length) chartSlide(deck, tr(lang, 'Trend', '趋势'), trends, model.trends ? tr(lang, `By ${model.trends.grain}`, `按${model.trends.grain === 'week' ? '周' : model.trends.grain === 'month' ? '月' : '季度'}`) : undefined);

  const segs = specs.filter((c) => c.id.startsWith('segments-') && hasData(c));
  for (let i = 0; i < segs.length; i += 2) chartSlide(deck, tr(lang, 'Segments', '细分群体'), segs.slice(i, i + 2), tr(lang, 'Bars show the value in this period; n in brackets', '条形为本期数值；括号内为样本量'));

  const kano = byId(specs, 'kano');
  if (kano && model.kano) {
    const rows = model.kano.features.map((f) => [f.feature, kanoName(f.category, lang), fmt(f.better, 2), fmt(Math.abs(f.worse), 2)]);
    chartWithTableSlide(deck, tr(lang, 'Kano: what delights, what is expected', 'Kano：魅力与必备'), kano,
      [tr(lang, 'Feature', '功能'), tr(lang, 'Class', '类别'), 'Better', '|Worse|'], rows,
      tr(lang, 'Quadrant lines at 0.5', '象限分界线为 0.5'));
  }
  const sq = byId(specs, 'servqual');
  if (sq && model.servqual) {
    const rows = model.servqual.dimensions.map((d) => [d.dimension, fmt(d.expectation, 2), fmt(d.perception, 2), fmt(d.gap, 2)]);
    chartWithTableSlide(deck, tr(lang, 'SERVQUAL: service quality gaps', 'SERVQUAL：服务质量差距'), sq,
      [tr(lang, 'Dimension', '维度'), 'E', 'P', tr(lang, 'Gap', '差距')], rows,
      `${tr(lang, 'Overall gap', '总体差距')} ${fmt(model.servqual.overall.unweighted, 2)}${model.servqual.overall.weighted !== undefined ? ` (${tr(lang, 'weighted', '加权')} ${fmt(model.servqual.overall.weighted, 2)})` : ''}`);
  }
  const dr = byId(specs, 'drivers');
  if (dr && model.drivers) {
    const rows = [...model.drivers.drivers].sort((a, b) => b.weightPct - a.weightPct).map((r) => [r.label || r.driver, `${fmt(r.weightPct)}%`, fmt(r.performance, 2), quadrantName(r.quadrant, lang)]);
    chartWithTableSlide(deck, tr(lang, 'Key drivers: where to act', '关键驱动因素：行动重点'), dr,
      [tr(lang, 'Driver', '驱动因素'), tr(lang, 'Importance', '重要性'), tr(lang, 'Perf.', '表现'), tr(lang, 'Quadrant', '象限')], rows,
      `${tr(lang, 'Outcome', '结果变量')}: ${model.drivers.outcome} · R² = ${fmt(model.drivers.r2, 3)} · n = ${model.drivers.n} · ${tr(lang, 'lines at the means', '分界线为均值')}`);
  }
  const jm = byId(specs, 'journey');
  const jt = journeySlideTable(model, lang);
  if (jm && jt) chartWithTableSlide(deck, tr(lang, 'Customer journey: pain, itch and delight points', '客户旅程：痛点、痒点与爽点'), jm, jt.head, jt.rows, jt.subtitle);
  const th = byId(specs, 'themes');
  if (th && model.themes) {
    chartSlide(deck, tr(lang, 'What customers talk about', '客户在谈论什么'), [th],
      `${tr(lang, 'Comments', '评论数')}: ${model.themes.nComments}${model.themes.sentiment ? ` · ${tr(lang, 'negative', '负面')} ${fmt(model.themes.sentiment.negative)}%` : ''}`);
  }
  verbatimSlides(deck, model);
  followUpSlide(deck, model);
  notesSlide(deck, model);

  const raw = (await pptx.write({ outputType: 'nodebuffer' })) as Buffer;
  const date = fixedDate(model.meta.generatedAt);
  return finalizePackage(raw, {
    date,
    kind: 'pptx',
    title: cleanText(model.meta.title),
    hook: async (parts) => {
      await renumberCharts(parts);
      for (const p of parts.list()) {
        if (/^ppt\/charts\/chart\d+\.xml$/.test(p)) parts.set(p, stableIds(fixChartXml((await parts.get(p))!, CJK_FONT), p));
        else if (/^ppt\/embeddings\/[^/]+\.xlsx$/.test(p)) {
          // the chart's editable data workbook: same fixed dates
          parts.setBytes(p, await finalizePackage((await parts.getBytes(p))!, { date, kind: 'xlsx' }));
        }
        else if (/^ppt\/slides\/slide\d+\.xml$/.test(p)) {
          // Latin text keeps its font; East Asian runs use the CJK font.
          parts.set(p, (await parts.get(p))!.replace(/<a:ea typeface="[^"]*"/g, `<a:ea typeface="${CJK_FONT}"`));
        }
      }
    },
  });
}

/**
 * pptxgenjs numbers charts with a module-wide counter, so a second deck built in the same process has
 * chart8.xml… instead of chart1.xml…: renumber the chart parts and their workbooks from 1, in order.
 */
export async function renumberCharts(parts: ZipParts): Promise<void> {
  const nums = parts
    .list()
    .map((p) => /^ppt\/charts\/chart(\d+)\.xml$/.exec(p)?.[1])
    .filter((x): x is string => x !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
  const map = new Map(nums.map((n, i) => [n, i + 1]));
  if (nums.every((n, i) => n === i + 1)) return;
  const ren = (text: string) =>
    text
      .replace(/\bchart(\d+)\.xml/g, (m, n: string) => (map.has(+n) ? `chart${map.get(+n)}.xml` : m))
      .replace(/\bMicrosoft_Excel_Worksheet(\d+)\.xlsx/g, (m, n: string) => (map.has(+n) ? `Microsoft_Excel_Worksheet${map.get(+n)}.xlsx` : m));
  const all = parts.list();
  // Move renamed parts first (old bytes under new names), then fix references in every XML/rels part.
  const moved = new Map<string, Uint8Array>();
  for (const p of all) {
    const np = ren(p);
    if (np !== p && /^ppt\/(charts|embeddings)\//.test(p)) {
      moved.set(np, (await parts.getBytes(p))!);
      parts.remove(p);
    }
  }
  for (const [np, bytes] of moved) parts.setBytes(np, bytes);
  for (const p of parts.list()) {
    if (!/\.(xml|rels)$/.test(p)) continue;
    const text = (await parts.get(p))!;
    const fixed = ren(text);
    if (fixed !== text) parts.set(p, fixed);
  }
}

/**
 * pptxgenjs gives chart data labels random `c16:uniqueId` GUIDs; replace them with ones derived from the
 * part name and position so the same model gives the same deck contents.
 */
export function stableIds(xml: string, part: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193) >>> 0;
  let n = 0;
  return xml.replace(/(<c16:uniqueId val="\{)([0-9A-Fa-f]{8})-[0-9A-Fa-f-]{27}(\}")/g, (_m, a: string, idx: string, b: string) => {
    const tail = ((h + n++) >>> 0).toString(16).padStart(8, '0');
    return `${a}${idx}-0000-4000-8000-0000${tail}${b}`;
  });
}

/** Write the PPTX report to `outPath` (atomically: temp file, then rename). */
export async function renderPptx(model: ReportModel, outPath: string, opts: PptxOptions = {}): Promise<void> {
  await writeAtomic(outPath, await buildPptx(model, opts));
}
