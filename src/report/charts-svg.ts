// Vega-Lite specifications for cx charts and their headless SVG rendering.
// vega renders SVG without a canvas (`renderer: 'none'` + `toSVG()`); text widths are then estimated.
// Single-binary note: vega's dependency vega-canvas does `await import('canvas')` at top level (inside a
// try/catch, so a missing `canvas` package is fine under Node); the esbuild bundle must alias
// `canvas` (or vega-canvas) to a stub (DESIGN.md §7).
import type { BarChart, ChartSpec, LineChart, ScatterChart } from './charts-spec.js';
import { CHART_FONT, PALETTE } from './charts-spec.js';
import { BAND, TARGET } from './colors.js';

type VlSpec = Record<string, unknown>;

const WIDTH = 560;
const HEIGHT = 300;
const COLORS = PALETTE.map((c) => `#${c}`);

function axisFormat(fmt: ChartSpec['format']): string | undefined {
  return fmt === 'pct' ? '.0%' : fmt === 'int' ? 'd' : undefined;
}

function tipFormat(fmt: ChartSpec['format']): string {
  return fmt === 'pct' ? '.1%' : fmt === 'int' ? 'd' : fmt === 'num2' ? '.2f' : '.1f';
}

function base(spec: ChartSpec): VlSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: spec.title, anchor: 'start', fontSize: 15 },
    width: WIDTH,
    height: HEIGHT,
    background: 'white',
    padding: 8,
    config: {
      font: CHART_FONT,
      view: { stroke: null },
      axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridColor: '#e6e6e6' },
      // columnPadding: without a canvas vega estimates text widths, too narrow for CJK labels
      // labelLimit 0: legend labels (long theme / quadrant names) are never cut
      legend: { labelFontSize: 11, titleFontSize: 11, orient: 'bottom', columnPadding: 30, labelLimit: 0 },
      range: { category: COLORS },
    },
  };
}

function lineSpec(c: LineChart): VlSpec {
  const values: Array<Record<string, unknown>> = [];
  c.series.forEach((s) => s.values.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) values.push({ period: c.categories[i], order: i, series: s.name, value: v });
  }));
  const multi = c.series.length > 1;
  const x = { field: 'period', type: 'ordinal', sort: c.categories, title: null, axis: { labelAngle: c.categories.length > 8 ? -40 : 0 } };
  const yScale = { zero: false };
  const line: VlSpec = {
    data: { values },
    mark: { type: 'line', point: { size: 50, filled: true }, strokeWidth: 2.5 },
    encoding: {
      x,
      y: { field: 'value', type: 'quantitative', title: c.yLabel ?? null, axis: { format: axisFormat(c.format) }, scale: yScale },
      ...(multi ? { color: { field: 'series', type: 'nominal', title: null, sort: c.series.map((s) => s.name) } } : { color: { value: COLORS[0] } }),
    },
  };
  const layers: VlSpec[] = [];
  // The 95% confidence band behind the line.
  if (c.band && !multi) {
    const band = c.categories.map((p, i) => ({ period: p, lo: c.band!.lo[i], hi: c.band!.hi[i] })).filter((b) => b.lo !== null && b.hi !== null && Number.isFinite(b.lo) && Number.isFinite(b.hi));
    if (band.length)
      layers.push({ data: { values: band }, mark: { type: 'area', color: `#${BAND}`, opacity: 0.8 }, encoding: { x, y: { field: 'lo', type: 'quantitative', scale: yScale }, y2: { field: 'hi' } } });
  }
  layers.push(line);
  if (c.target) {
    layers.push({ data: { values: [{ v: c.target.value, label: c.target.label }] }, mark: { type: 'rule', strokeDash: [6, 4], color: `#${TARGET}`, strokeWidth: 1.5 }, encoding: { y: { field: 'v', type: 'quantitative' } } });
    layers.push({ data: { values: [{ v: c.target.value, label: c.target.label }] }, mark: { type: 'text', align: 'right', dy: -6, color: `#${TARGET}`, fontSize: 10, x: 'width' }, encoding: { y: { field: 'v', type: 'quantitative' }, text: { field: 'label' } } });
  }
  return { ...base(c), layer: layers };
}

function barSpec(c: BarChart): VlSpec {
  const values: Array<Record<string, unknown>> = [];
  c.series.forEach((s) => s.values.forEach((v, i) => {
    if (v !== null && Number.isFinite(v)) values.push({ category: c.categories[i], series: s.name, value: v });
  }));
  const multi = c.series.length > 1;
  const cat = { field: 'category', type: 'nominal', sort: c.categories, title: null, axis: { labelLimit: 420 } };
  // Room beyond the longest bars for their value labels.
  const nums = values.map((v) => v.value as number);
  const lo = Math.min(0, ...nums);
  const hi = Math.max(0, ...nums);
  // 12% beyond positive bars, 30% beyond negative ones: their labels sit left of the bar end, clear of the
  // category labels.
  const pad = (hi - lo || 1) * 0.12;
  const padNeg = (hi - lo || 1) * 0.3;
  const val = {
    field: 'value', type: 'quantitative', title: c.yLabel ?? null, axis: { format: axisFormat(c.format) },
    scale: { domain: [lo < 0 ? lo - padNeg : 0, hi > 0 ? hi + pad : 0], nice: true },
  };
  const height = c.horizontal ? Math.max(120, Math.min(600, c.categories.length * (multi ? 16 * c.series.length : 22))) : HEIGHT;
  const enc: Record<string, unknown> = c.horizontal ? { y: cat, x: val } : { x: { ...cat, axis: { labelAngle: c.categories.length > 6 ? -40 : 0, labelLimit: 160 } }, y: val };
  if (multi) {
    enc.color = { field: 'series', type: 'nominal', title: null, sort: c.series.map((s) => s.name) };
    enc[c.horizontal ? 'yOffset' : 'xOffset'] = { field: 'series', sort: c.series.map((s) => s.name) };
  } else if (c.pointColors) {
    // colour by meaning (significance, small base, pain/delight): one colour per category
    values.forEach((v) => (v.color = `#${c.pointColors![c.categories.indexOf(v.category as string)] ?? PALETTE[0]}`));
    enc.color = { field: 'color', type: 'nominal', scale: null, legend: null };
  } else {
    enc.color = { condition: { test: 'datum.value < 0', value: COLORS[2] }, value: COLORS[0] };
  }
  if (multi && c.seriesColors) enc.color = { ...(enc.color as object), scale: { domain: c.series.map((s) => s.name), range: c.seriesColors.map((x) => `#${x}`) } };
  // Value labels just outside the bar end: to the right/top of positive bars, left/below negative ones.
  const labelLayer = (positive: boolean): VlSpec => ({
    transform: [{ filter: positive ? 'datum.value >= 0' : 'datum.value < 0' }],
    mark: {
      type: 'text', fontSize: 10, color: '#333',
      ...(c.horizontal ? { align: positive ? 'left' : 'right', dx: positive ? 3 : -3 } : { baseline: positive ? 'bottom' : 'top', dy: positive ? -2 : 2 }),
    },
    encoding: { text: { field: 'value', type: 'quantitative', format: tipFormat(c.format) }, color: { value: '#333' } },
  });
  return {
    ...base(c),
    height,
    data: { values },
    encoding: enc,
    layer: multi ? [{ mark: { type: 'bar' } }] : [{ mark: { type: 'bar' } }, labelLayer(true), labelLayer(false)],
  };
}

function groupsOf(pts: ScatterChart['points']): string[] {
  const out: string[] = [];
  for (const p of pts) if (!out.includes(p.group ?? '')) out.push(p.group ?? '');
  return out;
}

function scatterSpec(c: ScatterChart): VlSpec {
  const pts = c.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  const values = pts.map((p) => ({ label: p.label, x: p.x, y: p.y, group: p.group ?? '' }));
  const grouped = pts.some((p) => p.group);
  const x = { field: 'x', type: 'quantitative', title: c.xLabel, axis: { format: axisFormat(c.format) }, scale: c.xDomain ? { domain: c.xDomain, nice: false } : { zero: false, padding: 16 } };
  const y = { field: 'y', type: 'quantitative', title: c.yLabel, axis: { format: axisFormat(c.format) }, scale: c.yDomain ? { domain: c.yDomain, nice: false } : { zero: false, padding: 16 } };
  const layers: VlSpec[] = [
    {
      mark: { type: 'point', filled: true, size: 90, opacity: 0.9 },
      encoding: {
        x, y,
        color: grouped
          ? {
              field: 'group', type: 'nominal', title: null,
              // colour by meaning: a Kano category / driver quadrant keeps its colour whatever the order
              ...(c.groupColors ? { scale: { domain: groupsOf(pts), range: groupsOf(pts).map((g) => `#${c.groupColors![g] ?? PALETTE[0]}`) } } : {}),
            }
          : { value: COLORS[0] },
        tooltip: [{ field: 'label' }, { field: 'x', format: tipFormat(c.format) }, { field: 'y', format: tipFormat(c.format) }],
      },
    },
    {
      mark: { type: 'text', align: 'left', dx: 7, dy: -6, fontSize: 10, color: '#333' },
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' }, text: { field: 'label' } },
    },
  ];
  if (c.xRef !== undefined && Number.isFinite(c.xRef)) {
    layers.push({ data: { values: [{ v: c.xRef }] }, mark: { type: 'rule', strokeDash: [5, 4], color: '#888' }, encoding: { x: { field: 'v', type: 'quantitative' } } });
  }
  if (c.yRef !== undefined && Number.isFinite(c.yRef)) {
    layers.push({ data: { values: [{ v: c.yRef }] }, mark: { type: 'rule', strokeDash: [5, 4], color: '#888' }, encoding: { y: { field: 'v', type: 'quantitative' } } });
  }
  return { ...base(c), data: { values }, layer: layers };
}

/** The Vega-Lite specification for a chart (exported for tests and for users who want the JSON). */
export function vegaLiteSpec(spec: ChartSpec): VlSpec {
  switch (spec.kind) {
    case 'line':
      return lineSpec(spec);
    case 'bar':
      return barSpec(spec);
    case 'scatter':
      return scatterSpec(spec);
  }
}

/** Render one chart to an SVG string, headless (no canvas, no DOM). */
export async function chartToSvg(spec: ChartSpec): Promise<string> {
  const [vl, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const compiled = vl.compile(vegaLiteSpec(spec) as unknown as Parameters<typeof vl.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
