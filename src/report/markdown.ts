// Markdown reports: the report model rendered through a Liquid template (built-in `weekly` / `quarterly`
// in English or Chinese, or the user's own file). Charts are SVG files written next to the report.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assetExists, readAsset } from '../assets.js';
import { inputError } from '../ui/errors.js';
import type { Kpi, MetricName, ReportModel } from './model.js';
import { renderLiquid } from './liquid.js';

export const BUILTIN_TEMPLATES = ['weekly', 'quarterly'];

export interface ChartRef {
  id: string;
  title: string;
  /** Path as written in the report (relative to it), or a `cx-chart:<id>` placeholder for HTML. */
  file: string;
}

const METRICS: MetricName[] = ['nps', 'csat', 'ces'];
const CHART_KEYS = ['trend_nps', 'trend_csat', 'trend_ces', 'kano', 'servqual', 'drivers', 'themes', 'journey'];

const fill = <T extends object>(o: T, keys: string[]): T => {
  const out = { ...o } as Record<string, unknown>;
  for (const k of keys) if (out[k] === undefined) out[k] = null;
  return out as T;
};
const fillMetrics = (o: object, ms: string[]) => fill(o, ms);

/** Decimals a KPI is shown with: 2 for a mean on a short scale (CES mean), 1 for points and percentages. */
export function kpiDigits(k: Pick<Kpi, 'unit'>): number {
  return k.unit === 'mean' ? 2 : 1;
}

/**
 * What templates see: the model with every documented optional field present (absent = nil, so
 * `{% if kano %}` and `{{ k.change | signed }}` work while a misspelt name is still an error), plus
 * `kpi.nps|csat|ces`, `charts.<id>` (file of each chart, nil when none) and `chart_list`.
 */
export function templateData(model: ReportModel, charts: ChartRef[] = []): Record<string, unknown> {
  const ms = model.kpis.map((k) => k.metric);
  // Display decimals per KPI: 2 for a CES mean (as `cx score ces`), 1 otherwise; `digits.<metric>` for trend tables.
  const kpis = model.kpis.map((k) => ({ ...fill(k, ['method', 'ci95', 'moe95', 'previous', 'previousN', 'change', 'p', 'significant']), digits: kpiDigits(k) }));
  const digits: Record<string, number> = {};
  for (const m of METRICS) digits[m] = 1;
  for (const k of model.kpis) digits[k.metric] = kpiDigits(k);
  const kpi: Record<string, unknown> = {};
  for (const m of METRICS) kpi[m] = kpis.find((k) => k.metric === m) ?? null;
  const chartMap: Record<string, string | null> = {};
  for (const k of CHART_KEYS) chartMap[k] = null;
  for (const c of charts) chartMap[c.id.replace(/-/g, '_')] = c.file;
  const data: Record<string, unknown> = {
    meta: fill(model.meta, ['comparison', 'nComparison', 'dataRange', 'dateColumn']),
    kpis,
    kpi,
    digits,
    trends: model.trends
      ? {
          ...model.trends,
          points: model.trends.points.map((p) => ({ ...p, values: fillMetrics(p.values, model.trends!.metrics), ci95: fillMetrics(p.ci95, model.trends!.metrics) })),
        }
      : null,
    segments: model.segments
      ? model.segments.map((s) => ({
          ...s,
          rows: s.rows.map((r) => ({ ...r, values: fillMetrics(r.values, ms), ci95: fillMetrics(r.ci95, ms), change: fillMetrics(r.change, ms) })),
        }))
      : null,
    kano: model.kano ? { features: model.kano.features.map((f) => fill(f, ['significant'])) } : null,
    servqual: model.servqual
      ? { dimensions: model.servqual.dimensions.map((d) => fill(d, ['alpha'])), overall: fill(model.servqual.overall, ['weighted']) }
      : null,
    drivers: model.drivers ?? null,
    journey: model.journey ? { ...model.journey, touchpoints: model.journey.touchpoints.map((t) => fill(t, ['owner', 'target', 'previous', 'change', 'p', 'significant', 'comments'])) } : null,
    themes: model.themes
      ? { ...fill(model.themes, ['sentiment', 'codeframe']), themes: model.themes.themes.map((t) => fill(t, ['previousPct', 'change', 'sentiment', 'detractors', 'owner', 'net', 'level'])) }
      : null,
    verbatims: model.verbatims ? model.verbatims.map((v) => fill(v, ['id', 'date', 'score', 'sentiment', 'segment'])) : null,
    followUps: model.followUps ? model.followUps.map((g) => ({ ...g, items: g.items.map((i) => fill(i, ['id', 'date', 'score'])) })) : null,
    notes: model.notes,
    warnings: model.warnings,
    charts: chartMap,
    chart_list: charts,
  };
  return data;
}

export interface TemplateSource {
  /** For messages and meta.template. */
  name: string;
  source: string;
  builtin: boolean;
}

/** A built-in template name (weekly, quarterly) or a path to a `.liquid` file. */
export function loadTemplate(template: string, lang: 'en' | 'zh'): TemplateSource {
  if (BUILTIN_TEMPLATES.includes(template)) {
    const rel = `templates/${template}.${lang}.md.liquid`;
    if (!assetExists(rel)) throw new Error(`built-in template ${rel} is missing from the package`);
    return { name: template, source: readAsset(rel), builtin: true };
  }
  try {
    return { name: path.basename(template), source: readFileSync(template, 'utf8').replace(/^\uFEFF/, ''), builtin: false };
  } catch {
    throw inputError(
      `--template ${template}: no such file and not a built-in template (${BUILTIN_TEMPLATES.join(', ')}); check the path.`,
      `--template ${template}：文件不存在，也不是内置模板（${BUILTIN_TEMPLATES.join('、')}）；请检查路径。`,
    );
  }
}

/** Renders the model with a template to text (Markdown for the built-ins; whatever the user's template makes). */
export async function renderTemplate(model: ReportModel, tpl: TemplateSource, charts: ChartRef[] = []): Promise<string> {
  const out = await renderLiquid(tpl.source, templateData(model, charts), { name: tpl.name, lang: model.meta.lang });
  if (!tpl.builtin) return out;
  // Built-ins are tidied: no trailing spaces, at most one blank line in a row, one final newline.
  return out.replace(/[ \t]+$/gm, '').replace(/\n{3,}/g, '\n\n').replace(/^\n+/, '').replace(/\n*$/, '\n');
}
