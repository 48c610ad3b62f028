// The report's data model: what `cx report` computes once and every renderer (Markdown, HTML, Liquid
// templates, XLSX, PPTX) draws from. Pure types. Every section is optional: when the data for it is absent
// the section is omitted and a `notes` entry says why. Numbers are unrounded (renderers round for display);
// percentages are on 0…100; NPS on −100…100; dates are ISO `YYYY-MM-DD` strings.
// Stability: this is a contract for renderers and user templates (README "Report templates"); add fields,
// do not rename or remove them.

import type { JourneySection } from './build-journey.js';

export const REPORT_MODEL_VERSION = 1;

export type MetricName = 'nps' | 'csat' | 'ces';

export interface DateWindow {
  /** As the user wrote it or as derived: `2026-W47`, `2026-Q3`, `2026-03`, `all`. */
  label: string;
  /** 'week' | 'month' | 'quarter' | 'all' */
  kind: 'week' | 'month' | 'quarter' | 'all';
  /** First day, inclusive (YYYY-MM-DD). */
  start: string;
  /** Last day, inclusive (YYYY-MM-DD). */
  end: string;
}

export interface ReportMeta {
  title: string;
  lang: 'en' | 'zh';
  /** `weekly`, `quarterly` or the user template's file name. */
  template: string;
  /** The reporting window. */
  period: DateWindow;
  /** The window it is compared with (the one before, same length); absent with `all`. */
  comparison?: DateWindow;
  /** A fixed, data-derived date (the latest response date in the data), never the clock. */
  generatedAt: string;
  /** Input file or dataset names (base names, not full paths). */
  source: string[];
  /** Responses in the reporting window / the comparison window. */
  n: number;
  nComparison?: number;
  /** First and last response dates in the whole data. */
  dataRange?: { first: string; last: string };
  /** Name of the date column used for windows. */
  dateColumn?: string;
  modelVersion: number;
}

export interface Kpi {
  metric: MetricName;
  /** Display name: "NPS", "CSAT", "CES". */
  name: string;
  /** Column id of the question. */
  question: string;
  /** The question text. */
  label: string;
  /** nps: points −100…100; csat: % top-2-box; ces: per `method`. */
  value: number;
  unit: 'points' | '%' | 'mean';
  /** For CES: 'mean' | 'agree' | 'index'. */
  method?: string;
  n: number;
  ci95?: [number, number];
  moe95?: number;
  /** The comparison window's value and n (absent when there is none or it has no answers). */
  previous?: number;
  previousN?: number;
  /** value − previous. */
  change?: number;
  /** Two-sided p-value of the change (independent samples). */
  p?: number;
  /** p < 0.05. */
  significant?: boolean;
  /** n < 30: flagged as unstable. */
  unstable: boolean;
  /** The metric helper's full cell (DESIGN.md §3 contract: promoters, passives, detractors, mean, …). */
  cell: Record<string, unknown>;
}

export interface TrendPoint {
  /** `2026-W45`, `2026-03`, `2026-Q3` */
  period: string;
  start: string;
  end: string;
  n: number;
  /** One value per metric present (same units as Kpi.value); missing when that period has no answers. */
  values: Partial<Record<MetricName, number>>;
  ci95: Partial<Record<MetricName, [number, number]>>;
}

export interface TrendSection {
  grain: 'week' | 'month' | 'quarter';
  metrics: MetricName[];
  points: TrendPoint[];
}

export interface SegmentRow {
  value: string;
  n: number;
  values: Partial<Record<MetricName, number>>;
  ci95: Partial<Record<MetricName, [number, number]>>;
  /** Change of each metric versus the comparison window for this segment value. */
  change: Partial<Record<MetricName, number>>;
  unstable: boolean;
}

export interface SegmentSection {
  /** Column id and its question text. */
  column: string;
  label: string;
  /** Sorted by n descending, then value. */
  rows: SegmentRow[];
}

export interface KanoFeatureRow {
  feature: string;
  n: number;
  /** A | O | M | I | R | Q */
  category: string;
  counts: Record<string, number>;
  better: number;
  worse: number;
  significant?: boolean;
}

export interface KanoSection {
  features: KanoFeatureRow[];
}

export interface ServqualSection {
  dimensions: { dimension: string; expectation: number; perception: number; gap: number; alpha?: number }[];
  overall: { unweighted: number; weighted?: number };
}

export interface DriverRow {
  driver: string;
  label: string;
  r: number;
  beta: number;
  weight: number;
  weightPct: number;
  performance: number;
  /** 'concentrate' | 'keep-up' | 'low-priority' | 'overkill' (importance × performance; `label` filter localises). */
  quadrant: string;
}

export interface DriversSection {
  outcome: string;
  n: number;
  r2: number;
  drivers: DriverRow[];
}

export interface ThemeRow {
  /** Stable key for templates and --fail-if: the codeframe id, or a slug of the name. */
  key: string;
  name: string;
  /** Comments mentioning the theme in the window, and as % of coded comments. */
  count: number;
  pct: number;
  /** Previous window's %, and the change in points. */
  previousPct?: number;
  change?: number;
  /** Share of the theme's comments by sentiment, % (when sentiment could be computed). */
  sentiment?: { positive: number; neutral: number; negative: number };
  /** Among NPS detractors: comments with the theme, and % of detractors' comments. */
  detractors?: { count: number; pct: number };
  /** Routed to this owner (codeframe `owner`, inherited from the parent net). */
  owner?: string;
  /** A net (grouping of codes) rather than a code; its nesting depth (0 = top level). */
  net?: boolean;
  level?: number;
}

export interface ThemesSection {
  /** 'codeframe' when a codeframe coded the comments, 'discovered' for unsupervised themes. */
  source: 'codeframe' | 'discovered';
  /** The codeframe's name (source 'codeframe'). */
  codeframe?: string;
  /** Non-empty comments in the window. */
  nComments: number;
  themes: ThemeRow[];
  /** Overall sentiment of the window's comments, % (when available). */
  sentiment?: { positive: number; neutral: number; negative: number };
}

export interface Verbatim {
  id?: string;
  date?: string;
  /** Redacted text (emails, phone numbers, … removed). */
  text: string;
  /** The NPS answer (0–10) when known. */
  score?: number;
  sentiment?: 'positive' | 'neutral' | 'negative';
  themes: string[];
  segment?: string;
}

export interface FollowUpItem {
  id?: string;
  date?: string;
  score?: number;
  text: string;
  themes: string[];
}

export interface FollowUpGroup {
  /** Codeframe `owner` of the matched themes, or 'unassigned'. */
  owner: string;
  items: FollowUpItem[];
}

export interface ReportNote {
  /** The section the note is about ('kano', 'themes', …) or 'general'. */
  section: string;
  /** Text in meta.lang. */
  text: string;
}

export interface ReportModel {
  meta: ReportMeta;
  /** Headline KPIs in order NPS, CSAT, CES (only those with data). */
  kpis: Kpi[];
  trends?: TrendSection;
  segments?: SegmentSection[];
  kano?: KanoSection;
  servqual?: ServqualSection;
  drivers?: DriversSection;
  themes?: ThemesSection;
  /** Customer journey: touchpoints in journey order (build-journey.ts). */
  journey?: JourneySection;
  verbatims?: Verbatim[];
  followUps?: FollowUpGroup[];
  /** Why a section is missing, small-base caveats, etc. */
  notes: ReportNote[];
  /** Data problems found while building (in meta.lang). */
  warnings: string[];
}
