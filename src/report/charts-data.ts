// The report model → renderer-neutral chart specs (charts-spec.ts). One place decides what each chart
// shows, so the SVG (Markdown/HTML), PowerPoint and Excel charts agree.
import type { MetricName, ReportModel } from './model.js';
import { journeyChartSpec } from './build-journey.js';
import type { BarChart, ChartSpec, LineChart, ScatterChart, Series } from './charts-spec.js';
import { cleanText } from './xlsx-safe.js';

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

export const KANO_NAMES: Record<string, [string, string]> = {
  A: ['Attractive', '魅力'],
  O: ['One-dimensional', '期望'],
  M: ['Must-be', '必备'],
  I: ['Indifferent', '无差异'],
  R: ['Reverse', '反向'],
  Q: ['Questionable', '可疑'],
};

export function kanoName(cat: string, lang: Lang): string {
  const n = KANO_NAMES[cat];
  return n ? `${cat} ${tr(lang, n[0], n[1])}` : cat;
}

const QUADRANT_NAMES: Record<string, [string, string]> = {
  fix: ['Concentrate here', '重点改进'],
  concentrate: ['Concentrate here', '重点改进'],
  maintain: ['Keep up the good work', '继续保持'],
  keep: ['Keep up the good work', '继续保持'],
  'keep-up': ['Keep up the good work', '继续保持'],
  monitor: ['Low priority', '低优先级'],
  'low-priority': ['Low priority', '低优先级'],
  leverage: ['Possible overkill', '可能过度投入'],
  overkill: ['Possible overkill', '可能过度投入'],
};

export function quadrantName(q: string, lang: Lang): string {
  const n = QUADRANT_NAMES[q.toLowerCase()];
  return n ? tr(lang, n[0], n[1]) : q;
}

function trendCharts(model: ReportModel, lang: Lang): LineChart[] {
  const t = model.trends;
  if (!t || t.points.length === 0) return [];
  return t.metrics.map((m) => {
    const kpi = model.kpis.find((k) => k.metric === m);
    return {
      kind: 'line',
      id: `trend-${m}`,
      title: tr(lang, `${METRIC_NAME[m]} trend by ${t.grain}`, `${METRIC_NAME[m]} 趋势（按${t.grain === 'week' ? '周' : t.grain === 'month' ? '月' : '季度'}）`),
      categories: t.points.map((p) => p.period),
      series: [{ name: METRIC_NAME[m], values: t.points.map((p) => p.values[m] ?? null) }],
      yLabel: metricUnit(m, lang, kpi?.method),
      format: 'num',
    } satisfies LineChart;
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
    out.push({
      kind: 'bar',
      id: `segments-${slug(seg.column)}`,
      title: tr(lang, `${METRIC_NAME[m]} by ${seg.label || seg.column}`, `${METRIC_NAME[m]}：按${seg.label || seg.column}`) +
        (seg.rows.length > rows.length ? tr(lang, ` (largest ${rows.length} of ${seg.rows.length})`, `（样本最多的 ${rows.length} 个，共 ${seg.rows.length} 个）`) : ''),
      categories: rows.map((r) => `${r.value} (n=${r.n})`),
      series: [{ name: METRIC_NAME[m], values: rows.map((r) => r.values[m] ?? null) }],
      horizontal: true,
      yLabel: metricUnit(m, lang, kpi?.method),
      format: 'num',
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
    categories: s.dimensions.map((d) => d.dimension),
    series: [{ name: tr(lang, 'Gap', '差距'), values: s.dimensions.map((d) => d.gap) }],
    horizontal: true,
    yLabel: tr(lang, 'Gap', '差距'),
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
    xLabel: tr(lang, 'Importance (% of R²)', '重要性（占 R² 的 %）'),
    yLabel: tr(lang, 'Performance', '表现'),
    xRef: imp.length ? mean(imp) : undefined,
    yRef: perf.length ? mean(perf) : undefined,
    format: 'num',
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
    servqualChart(model, lang),
    driversChart(model, lang),
    themesChart(model, lang),
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
