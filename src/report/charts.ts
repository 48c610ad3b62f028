// SVG charts for the Markdown and HTML reports: the report model → Vega-Lite → SVG strings, headless
// (vega `View` with `renderer: 'none'`, no canvas, no DOM). vega and vega-lite are imported lazily.
// The caller (the Markdown/HTML renderer) writes each `svg` to `<report dir>/<file>`.
import type { ReportModel } from './model.js';
import type { ChartSpec } from './charts-spec.js';
import { chartSpecs, type Lang } from './charts-data.js';
import { hasData } from './charts-spec.js';
import { chartToSvg } from './charts-svg.js';

export type { ChartSpec } from './charts-spec.js';

async function journeySvg(model: ReportModel, lang: Lang): Promise<string> {
  const [{ journeyMapSvg }, { journeyMapInput }] = await Promise.all([import('./charts-journey.js'), import('./build-journey.js')]);
  return journeyMapSvg(journeyMapInput(model.journey!, lang));
}
export { chartSpecs } from './charts-data.js';
export { chartToSvg, vegaLiteSpec } from './charts-svg.js';

export interface SvgChart {
  /** Stable id: `trend-nps`, `segments-region`, `kano`, `servqual`, `drivers`, `themes`. */
  id: string;
  title: string;
  /** Suggested file name: `<id>.svg`. */
  file: string;
  svg: string;
}

/**
 * Render every chart the model supports (trend per metric, segments, Kano, SERVQUAL gaps, drivers
 * quadrant, themes) as SVG. Sections without data give no chart. Output is deterministic.
 */
export async function renderChartSvgs(model: ReportModel, opts: { lang?: Lang; only?: string[] } = {}): Promise<SvgChart[]> {
  const specs: ChartSpec[] = chartSpecs(model, opts.lang ?? model.meta.lang).filter(
    (c) => hasData(c) && (!opts.only || opts.only.includes(c.id) || opts.only.some((o) => c.id.startsWith(`${o}-`))),
  );
  const out: SvgChart[] = [];
  for (const spec of specs) out.push({ id: spec.id, title: spec.title, file: `${spec.id}.svg`, svg: spec.id === 'journey' && model.journey ? await journeySvg(model, opts.lang ?? model.meta.lang) : await chartToSvg(spec) });
  return out;
}
