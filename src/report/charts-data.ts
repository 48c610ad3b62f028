// The report model → renderer-neutral chart specs (charts-spec.ts). One place decides what each chart
// shows, so the SVG (Markdown/HTML), PowerPoint and Excel charts agree.
import type { MetricName, ReportModel } from './model.js';
import { journeyChartSpec } from './build-journey.js';
import type { BarChart, ChartSpec, LineChart, ScatterChart, Series } from './charts-spec.js';
import { cleanText } from './xlsx-safe.js';
import { isTerm, term } from '../ui/glossary.js';
import { BASE, EXPECTATION, IMPACT_COLORS, KANO_COLORS, PERCEPTION, QUADRANT_COLORS, SMALL_BASE } from './colors.js';

const GOOD_BAR = '59A14F';
const BAD_BAR = 'E15759';

export type Lang = 'en' | 'zh';

export const tr = (lang: Lang, en: string, zh: string): string => (lang === 'zh' ? zh : en);

/** At most this many bars in a segment chart (the tables keep every row). */
export const MAX_SEGMENT_BARS = 20;

const METRIC_NAME: Record<MetricName, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

/** Axis label of a metric in the model's units. */
export function metricUnit(m: MetricName, lang: Lang, method?: string): string {
  if (m === 'nps') return tr(lang, 'NPS (points)', 'NPS（分）');
  if (m === 'csat') return tr(lang, 'CSAT (% top-2-box)', 'CSAT（前两项占比 %）');
  return method === 'agree' ? tr(lang, 'CES (% agree)', 'CES（同意占比 %）') : tr(lang, 'CES (mean)', 'CES（均值）');
}

/** Kano category as shown in charts and tables: the letter and its glossary name ("A Attractive"). */
export function kanoName(cat: string, lang: Lang): string {
  return isTerm(cat) && cat.length === 1 ? `${cat} ${term(cat, lang)}` : cat;
}

export function quadrantName(q: string, lang: Lang): string {
  return term(q, lang);
}

function trendCharts(model: ReportModel, lang: Lang): LineChart[] {
  const t = model.trends;
  if (!t || t.points.length === 0) return [];
  return t.metrics.map((m) => {
    const kpi = model.kpis.find((k) => k.metric === m);
    const two = kpi?.unit === 'mean';
    const tg = kpi?.target;
    const tv = tg ? tg.min ?? tg.max : undefined;
    const chart: LineChart = {
      kind: 'line',
      id: `trend-${m}`,
      title: tr(lang, `${METRIC_NAME[m]} trend by ${t.grain}`, `${METRIC_NAME[m]} 趋势（按${t.grain === 'week' ? '周' : t.grain === 'month' ? '月' : '季度'}）`),
      // A period the data covers only partly is marked in its label.
      categories: t.points.map((p) => (p.partial ? `${p.period} ${tr(lang, '(partial)', '（不完整）')}` : p.period)),
      series: [{ name: METRIC_NAME[m], values: t.points.map((p) => p.values[m] ?? null) }],
      band: { lo: t.points.map((p) => p.ci95[m]?.[0] ?? null), hi: t.points.map((p) => p.ci95[m]?.[1] ?? null) },
      yLabel: metricUnit(m, lang, kpi?.method),
      format: two ? 'num2' : 'num',
    };
    if (tv !== undefined) chart.target = { value: tv, label: `${term('target', lang)} ${tg!.min !== undefined ? '≥' : '≤'} ${tv}` };
    return chart;
  });
}

function segmentCharts(model: ReportModel, lang: Lang): BarChart[] {
  const out: BarChart[] = [];
  for (const seg of model.segments ?? []) {
    const metrics = (['nps', 'csat', 'ces'] as MetricName[]).filter((m) => seg.rows.some((r) => r.values[m] !== undefined));
    const m = metrics[0];
    if (!m || seg.rows.length === 0) continue;
    // The largest groups (rows come sorted by n); a chart with more bars is unreadable.
    const rows = seg.rows.slice(0, MAX_SEGMENT_BARS);
    const kpi = model.kpis.find((k) => k.metric === m);
    // Significantly above / below the rest: an arrow in the label; a small base: ⚠ and a pale bar.
    const mark = (r: (typeof rows)[number]) => {
      const vr = r.vsRest?.[m];
      return `${vr?.significant ? (vr.diff > 0 ? ' ↑' : ' ↓') : ''}${r.unstable ? ' ⚠' : ''}`;
    };
    out.push({
      kind: 'bar',
      id: `segments-${slug(seg.column)}`,
      title: tr(lang, `${METRIC_NAME[m]} by ${seg.label || seg.column}`, `${METRIC_NAME[m]}：按${seg.label || seg.column}`) +
        (seg.rows.length > rows.length ? tr(lang, ` (largest ${rows.length} of ${seg.rows.length})`, `（样本最多的 ${rows.length} 个，共 ${seg.rows.length} 个）`) : ''),
      categories: rows.map((r) => `${r.value} (n=${r.n})${mark(r)}`),
      series: [{ name: METRIC_NAME[m], values: rows.map((r) => r.values[m] ?? null) }],
      pointColors: rows.map((r) => {
        if (r.unstable) return SMALL_BASE;
        const vr = r.vsRest?.[m];
        return vr?.significant ? (vr.diff > 0 ? GOOD_BAR : BAD_BAR) : BASE;
      }),
      horizontal: true,
      yLabel: metricUnit(m, lang, kpi?.method),
      format: kpi?.unit === 'mean' ? 'num2' : 'num',
    });
  }
  return out;
}

function kanoChart(model: ReportModel, lang: Lang): ScatterChart | undefined {
  const k = model.kano;
  if (!k || k.features.length === 0) return undefined;
  return {
    kind: 'scatter',
    id: 'kano',
    title: tr(lang, 'Kano: Better vs |Worse|', 'Kano：满意影响力 vs 不满意影响力'),
    points: k.features.map((f) => ({ label: f.feature, x: Math.abs(f.worse), y: f.better, group: kanoName(f.category, lang) })),
    groupColors: Object.fromEntries(Object.entries(KANO_COLORS).map(([c, col]) => [kanoName(c, lang), col])),
    xLabel: tr(lang, '|Worse| (dissatisfaction if absent)', '|Worse|（缺失时的不满意）'),
    yLabel: tr(lang, 'Better (satisfaction if present)', 'Better（具备时的满意）'),
    xRef: 0.5,
    yRef: 0.5,
    xDomain: [0, 1],
    yDomain: [0, 1],
    format: 'num',
  };
}

function servqualChart(model: ReportModel, lang: Lang): BarChart | undefined {
  const s = model.servqual;
  if (!s || s.dimensions.length === 0) return undefined;
  return {
    kind: 'bar',
    id: 'servqual',
    title: tr(lang, 'SERVQUAL gaps (perception − expectation)', 'SERVQUAL 差距（感知 − 期望）'),
    categories: s.dimensions.map((d) => term(d.dimension, lang)),
    series: [{ name: tr(lang, 'Gap', '差距'), values: s.dimensions.map((d) => d.gap) }],
    horizontal: true,
    yLabel: tr(lang, 'Gap', '差距'),
    format: 'num2',
  };
}

function servqualEpChart(model: ReportModel, lang: Lang): BarChart | undefined {
  const s = model.servqual;
  if (!s || s.dimensions.length === 0) return undefined;
  return {
    kind: 'bar',
    id: 'servqual-ep',
    title: tr(lang, 'SERVQUAL: expectation vs perception', 'SERVQUAL：期望与感知'),
    categories: s.dimensions.map((d) => term(d.dimension, lang)),
    series: [
      { name: tr(lang, 'Expectation', '期望'), values: s.dimensions.map((d) => d.expectation) },
      { name: tr(lang, 'Perception', '感知'), values: s.dimensions.map((d) => d.perception) },
    ],
    seriesColors: [EXPECTATION, PERCEPTION],
    horizontal: true,
    yLabel: tr(lang, 'Mean score', '平均分'),
    format: 'num2',
  };
}

function impactChart(model: ReportModel, lang: Lang): BarChart | undefined {
  const imp = model.themes?.impact;
  if (!imp || imp.rows.length === 0) return undefined;
  const rows = imp.rows.slice(0, 10);
  const M = imp.metric.toUpperCase();
  return {
    kind: 'bar',
    id: 'impact',
    title: tr(lang, `${M}: mention the theme vs not (difference)`, `${M}：提及该主题者 vs 未提及者（差值）`),
    categories: rows.map((r) => `${r.name}${r.unstable ? ' ⚠' : ''}`),
    series: [{ name: tr(lang, 'Difference', '差值'), values: rows.map((r) => r.diff) }],
    pointColors: rows.map((r) => (r.unstable ? SMALL_BASE : IMPACT_COLORS[r.kind]!)),
    horizontal: true,
    yLabel: tr(lang, `${M} difference (points)`, `${M} 差值（分）`),
    format: 'num',
  };
}

function driversChart(model: ReportModel, lang: Lang): ScatterChart | undefined {
  const d = model.drivers;
  if (!d || d.drivers.length === 0) return undefined;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const imp = d.drivers.map((r) => r.weightPct).filter(Number.isFinite);
  const perf = d.drivers.map((r) => r.performance).filter(Number.isFinite);
  return {
    kind: 'scatter',
    id: 'drivers',
    // the outcome is often a whole question: name it in the title only when short
    title: [...d.outcome].length <= 24
      ? tr(lang, `Key drivers of ${d.outcome}: importance vs performance`, `${d.outcome} 关键驱动因素：重要性 vs 表现`)
      : tr(lang, 'Key drivers: importance vs performance', '关键驱动因素：重要性 vs 表现'),
    points: d.drivers.map((r) => ({ label: r.label || r.driver, x: r.weightPct, y: r.performance, group: quadrantName(r.quadrant, lang) })),
    groupColors: Object.fromEntries(Object.entries(QUADRANT_COLORS).map(([q, col]) => [quadrantName(q, lang), col])),
    format: d.performanceUnit === '%' ? 'num' : 'num2',
    xLabel: tr(lang, 'Importance (% of R²)', '重要性（占 R² 的 %）'),
    yLabel: tr(lang, 'Performance', '表现'),
    xRef: imp.length ? mean(imp) : undefined,
    yRef: perf.length ? mean(perf) : undefined,
  };
}

function themesChart(model: ReportModel, lang: Lang): BarChart | undefined {
  const t = model.themes;
  if (!t || t.themes.length === 0) return undefined;
  // Codes, not nets (a net repeats its codes' comments); nets only when there is nothing else.
  const pool = t.themes.some((r) => !r.net) ? t.themes.filter((r) => !r.net) : t.themes;
  const rows = [...pool].filter((r) => Number.isFinite(r.pct)).sort((a, b) => b.pct - a.pct || a.name.localeCompare(b.name)).slice(0, 15);
  if (rows.length === 0) return undefined;
  const withPrev = rows.some((r) => r.previousPct !== undefined);
  const series: Series[] = [{ name: tr(lang, 'This period', '本期'), values: rows.map((r) => r.pct) }];
  if (withPrev) series.push({ name: tr(lang, 'Previous period', '上期'), values: rows.map((r) => r.previousPct ?? null) });
  return {
    kind: 'bar',
    id: 'themes',
    title: tr(lang, 'Themes in comments (% of comments)', '评论主题（占评论 %）'),
    categories: rows.map((r) => r.name),
    series,
    horizontal: true,
    yLabel: tr(lang, '% of comments', '占评论 %'),
    format: 'num',
  };
}

/** All charts the model supports, in report order. */
export function chartSpecs(model: ReportModel, lang: Lang = model.meta.lang): ChartSpec[] {
  const out: Array<ChartSpec | undefined> = [
    ...trendCharts(model, lang),
    ...segmentCharts(model, lang),
    kanoChart(model, lang),
    servqualEpChart(model, lang),
    servqualChart(model, lang),
    driversChart(model, lang),
    themesChart(model, lang),
    impactChart(model, lang),
    journeyChartSpec(model, lang),
  ];
  return out.filter((c): c is ChartSpec => c !== undefined).map(cleanSpec);
}

/** Text from the data (segment values, feature names, question text) made safe for XML/SVG. */
function cleanSpec(c: ChartSpec): ChartSpec {
  const t = (s: string) => [...cleanText(s)].slice(0, 200).join('');
  if (c.kind === 'scatter') {
    return { ...c, title: t(c.title), xLabel: t(c.xLabel), yLabel: t(c.yLabel), points: c.points.map((p) => ({ ...p, label: t(p.label), group: p.group === undefined ? undefined : t(p.group) })) };
  }
  return { ...c, title: t(c.title), yLabel: c.yLabel === undefined ? undefined : t(c.yLabel), categories: c.categories.map(t), series: c.series.map((s) => ({ ...s, name: t(s.name) })) } as ChartSpec;
}

/** File-name-safe id part. */
export function slug(s: string): string {
  const out = s.toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-').replace(/^-+|-+$/g, '');
  return out || 'x';
}
