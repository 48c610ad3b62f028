// Renderer-neutral chart descriptions. The report model is turned into these once (charts-data.ts) and
// each renderer draws them: SVG via vega-lite (charts.ts), native PowerPoint charts (pptx-charts.ts),
// native Excel charts (excel-chart.ts).

/** num: 1 decimal; num2: 2 decimals (means on short scales, SERVQUAL); pct: fractions as %; int. */
export type ValueFormat = 'num' | 'num2' | 'pct' | 'int';

export interface Series {
  name: string;
  /** One value per category; null = no data (gap). `pct` values are fractions (0.42 = 42%). */
  values: Array<number | null>;
}

export interface LineChart {
  kind: 'line';
  id: string;
  title: string;
  categories: string[];
  series: Series[];
  /** 95% band around the (single) series: lower and upper bound per category. */
  band?: { lo: Array<number | null>; hi: Array<number | null> };
  /** A target drawn as a horizontal dashed line. */
  target?: { value: number; label: string };
  yLabel?: string;
  format?: ValueFormat;
}

export interface BarChart {
  kind: 'bar';
  id: string;
  title: string;
  categories: string[];
  series: Series[];
  /** Bars grow to the right (long category names, ranked lists). */
  horizontal?: boolean;
  /** One colour per category (single series): meaning (pain/delight), small base (pale). Hex, no '#'. */
  pointColors?: string[];
  /** One colour per series (e.g. expectation grey, perception blue). */
  seriesColors?: string[];
  yLabel?: string;
  format?: ValueFormat;
}

export interface ScatterPoint {
  label: string;
  x: number;
  y: number;
  /** Category used for colour (e.g. Kano class, driver quadrant). */
  group?: string;
}

export interface ScatterChart {
  kind: 'scatter';
  id: string;
  title: string;
  points: ScatterPoint[];
  xLabel: string;
  yLabel: string;
  /** Reference lines that split the plane into quadrants. */
  xRef?: number;
  yRef?: number;
  xDomain?: [number, number];
  yDomain?: [number, number];
  /** Colour of each group (by the group's display name), so a meaning keeps its colour in every deck. */
  groupColors?: Record<string, string>;
  format?: ValueFormat;
}

export type ChartSpec = LineChart | BarChart | ScatterChart;

/** Fonts for chart text: Latin first, then CJK fonts for Windows, macOS and Linux. */
export const CHART_FONT = 'Calibri, Arial, "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", "Noto Sans SC", sans-serif';

/** cx's palette (colour-blind friendly, Tableau 10 order). */
export const PALETTE = ['4E79A7', 'F28E2B', 'E15759', '76B7B2', '59A14F', 'EDC948', 'B07AA1', 'FF9DA7', '9C755F', 'BAB0AC'];

/** Is there anything to draw? */
export function hasData(spec: ChartSpec): boolean {
  if (spec.kind === 'scatter') return spec.points.some((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
  return spec.categories.length > 0 && spec.series.some((s) => s.values.some((v) => v !== null && Number.isFinite(v)));
}
