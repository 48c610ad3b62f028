// The PowerPoint report: pptxgenjs 4 (imported lazily), 16:9, native (editable) charts: title, KPI
// summary, trend lines, segment bars, Kano Better vs |Worse| scatter, SERVQUAL gap bars, drivers
// importance–performance scatter with quadrant lines, themes bars, verbatims, follow-ups, notes.
// Chinese text: text runs name a CJK-capable East Asian font ("Microsoft YaHei"; PowerPoint on macOS and
// LibreOffice substitute PingFang SC / Noto Sans CJK SC). Fixed document dates from meta.generatedAt.
import type { ReportModel } from './model.js';
import { chartSpecs, kanoName, quadrantName, tr, type Lang } from './charts-data.js';
import { hasData, type ChartSpec } from './charts-spec.js';
import { fixChartXml } from './pptx-charts.js';
import { alertsSlide, chartSlide, chartWithTableSlide, fmt, followUpSlide, kpiSlide, methodSlide, notesSlide, summarySlide, titleSlide, verbatimSlides, type Deck } from './pptx-slides.js';
import { sectionOrder } from './sections.js';
import { sx } from './build-insights.js';
import { term } from '../ui/glossary.js';
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

type SlideFn = (d: Deck, model: ReportModel, specs: ChartSpec[]) => void;

const grainZh = (g: string) => (g === 'week' ? '周' : g === 'month' ? '月' : '季度');

/** One builder per report section (sections.ts gives the order per template); absent data = no slide. */
export const SLIDES: Record<string, SlideFn> = {
  summary: (d, m) => summarySlide(d, m),
  alerts: (d, m) => alertsSlide(d, m),
  kpis: (d, m) => kpiSlide(d, m),
  trend: (d, m, specs) => {
    const trends = specs.filter((c) => c.id.startsWith('trend-') && hasData(c));
    if (trends.length && m.trends)
      chartSlide(d, tr(d.lang, 'Trend', '趋势'), trends, tr(d.lang, `By ${m.trends.grain}; shaded: 95% confidence band${m.kpis.some((k) => k.target) ? '; red dashed line: target' : ''}`, `按${grainZh(m.trends.grain)}；阴影：95% 置信带${m.kpis.some((k) => k.target) ? '；红色虚线：目标' : ''}`));
  },
  segments: (d, _m, specs) => {
    const segs = specs.filter((c) => c.id.startsWith('segments-') && hasData(c));
    for (let i = 0; i < segs.length; i += 2)
      chartSlide(d, tr(d.lang, 'Segments', '细分群体'), segs.slice(i, i + 2), tr(d.lang, 'n in brackets; ↑↓ significantly above / below the other respondents (5%); pale bar ⚠ = fewer than 30 answers', '括号内为样本量；↑↓ 显著高于 / 低于其余答卷者（5% 水平）；浅色条 ⚠ = 答案少于 30 个'));
  },
  kano: (d, m, specs) => {
    const kano = byId(specs, 'kano');
    if (!kano || !m.kano) return;
    const rows = m.kano.features.map((f) => [f.feature, kanoName(f.category, d.lang), fmt(f.better, 2), fmt(Math.abs(f.worse), 2), String(f.n)]);
    chartWithTableSlide(d, tr(d.lang, 'Kano: what delights, what is expected', 'Kano：魅力与必备'), kano,
      [tr(d.lang, 'Feature', '功能'), tr(d.lang, 'Class', '类别'), 'Better', '|Worse|', 'n'], rows,
      tr(d.lang, 'Quadrant lines at 0.5', '象限分界线为 0.5'));
  },
  servqual: (d, m, specs) => {
    if (!m.servqual) return;
    const ep = byId(specs, 'servqual-ep');
    const gap = byId(specs, 'servqual');
    const sub = `${tr(d.lang, 'Overall gap', '总体差距')} ${sx(m.servqual.overall.unweighted, 2)}${m.servqual.overall.weighted !== undefined ? ` (${tr(d.lang, 'weighted', '加权')} ${sx(m.servqual.overall.weighted, 2)})` : ''}${m.servqual.n ? ` · n = ${m.servqual.n}` : ''}`;
    const charts = [ep, gap].filter((c): c is ChartSpec => Boolean(c));
    if (charts.length) chartSlide(d, tr(d.lang, 'SERVQUAL: expectation vs perception', 'SERVQUAL：期望与感知'), charts, sub);
  },
  drivers: (d, m, specs) => {
    const dr = byId(specs, 'drivers');
    if (!dr || !m.drivers) return;
    const pu = m.drivers.performanceUnit === '%';
    const rows = [...m.drivers.drivers].sort((a, b) => b.weightPct - a.weightPct).map((r) => [r.label || r.driver, `${fmt(r.weightPct)}%`, pu ? `${fmt(r.performance)}%` : fmt(r.performance, 2), quadrantName(r.quadrant, d.lang)]);
    chartWithTableSlide(d, tr(d.lang, 'Key drivers: where to act', '关键驱动因素：行动重点'), dr,
      [tr(d.lang, 'Driver', '驱动因素'), tr(d.lang, 'Importance', '重要性'), pu ? tr(d.lang, 'Top-2-box', '前两项占比') : tr(d.lang, 'Perf.', '表现'), tr(d.lang, 'Quadrant', '象限')], rows,
      `${tr(d.lang, 'Outcome', '结果变量')}: ${m.drivers.outcome} · R² = ${fmt(m.drivers.r2, 3)} · n = ${m.drivers.n} · ${tr(d.lang, 'lines at the means', '分界线为均值')}`);
  },
  journey: (d, m, specs) => {
    const jm = byId(specs, 'journey');
    const jt = journeySlideTable(m, d.lang);
    if (jm && jt) chartWithTableSlide(d, tr(d.lang, 'Customer journey: pain, itch and delight points', '客户旅程：痛点、痒点与爽点'), jm, jt.head, jt.rows, jt.subtitle);
  },
  themes: (d, m, specs) => {
    const th = byId(specs, 'themes');
    if (!th || !m.themes) return;
    chartSlide(d, tr(d.lang, 'What customers talk about', '客户在谈论什么'), [th],
      `${tr(d.lang, 'Comments', '评论数')}: ${m.themes.nComments}${m.themes.sentiment ? ` · ${tr(d.lang, 'negative', '负面')} ${fmt(m.themes.sentiment.negative)}%` : ''}`);
  },
  impact: (d, m, specs) => {
    const im = byId(specs, 'impact');
    const imp = m.themes?.impact;
    if (!im || !imp) return;
    const M = imp.metric.toUpperCase();
    const rows = imp.rows.slice(0, 10).map((r) => [r.name, term(r.kind, d.lang), String(r.nWith), `${sx(r.diff)}${r.significant ? '*' : ''}`]);
    chartWithTableSlide(d, tr(d.lang, `Theme impact on ${M}: pain points and delights`, `主题对 ${M} 的影响：痛点与亮点`), im,
      [tr(d.lang, 'Theme', '主题'), tr(d.lang, 'Effect', '作用'), 'n', tr(d.lang, 'Diff.', '差值')], rows,
      tr(d.lang, `${M} of commenters who mention the theme minus ${M} of those who do not (n = ${imp.n}); * = significant (5%)`, `提及该主题者的 ${M} 减去未提及者的 ${M}（n = ${imp.n}）；* = 显著（5% 水平）`));
  },
  verbatims: (d, m) => verbatimSlides(d, m),
  followups: (d, m) => followUpSlide(d, m),
  method: (d, m) => methodSlide(d, m),
  notes: (d, m) => notesSlide(d, m),
};

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
  for (const id of sectionOrder(model.meta.template)) {
    const slide = SLIDES[id];
    if (slide) slide(deck, model, specs);
  }

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
