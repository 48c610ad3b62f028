// The report's data model: what `cx report` computes once and every renderer (Markdown, HTML, Liquid
// templates, XLSX, PPTX) draws from. Pure types. Every section is optional: when the data for it is absent
// the section is omitted and a `notes` entry says why. Numbers are unrounded (renderers round for display);
// percentages are on 0…100; NPS on −100…100; dates are ISO `YYYY-MM-DD` strings.
// Stability: this is a contract for renderers and user templates (README "Report templates"); add fields,
// do not rename or remove them.

import type { JourneySection } from './build-journey.js';

import type { Accounting } from '../dataset/accounting.js';

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
  /**
   * The data covers only part of the window (it starts after the window's first day or ends before its
   * last day): compare it with a full window with care. `coveredStart`/`coveredEnd` are the data's days.
   */
  partial?: boolean;
  coveredStart?: string;
  coveredEnd?: string;
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
  /** 95% CI of the change (same test as `p`). */
  changeCi95?: [number, number];
  /** Two-sided p-value of the change (independent samples). */
  p?: number;
  /** p < 0.05. */
  significant?: boolean;
  /** n < 30: flagged as unstable. */
  unstable: boolean;
  /** The target from cx.yaml `thresholds` (a number there is a minimum). */
  target?: { min?: number; max?: number };
  /** Whether the value meets the target (absent without a target). */
  targetMet?: boolean;
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
  /** The data covers only part of this period (see DateWindow.partial). */
  partial?: boolean;
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
  /** p-value of that change (independent samples) and whether p < 0.05. */
  changeP?: Partial<Record<MetricName, number>>;
  changeSignificant?: Partial<Record<MetricName, boolean>>;
  /** This segment value versus all other respondents in the period: difference, p, p < 0.05. */
  vsRest?: Partial<Record<MetricName, { diff: number; p: number; significant: boolean }>>;
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
  /** Answers behind the analysis (the largest feature base). */
  n?: number;
}

export interface ServqualSection {
  dimensions: { dimension: string; expectation: number; perception: number; gap: number; alpha?: number }[];
  overall: { unweighted: number; weighted?: number };
  /** Respondents with SERVQUAL answers. */
  n?: number;
}

export interface DriverRow {
  driver: string;
  label: string;
  r: number;
  beta: number;
  weight: number;
  weightPct: number;
  /** Mean rating, or with `drivers.performance: top2` the top-2-box % on 0…100 (see `performanceUnit`). */
  performance: number;
  /** 'concentrate' | 'keep-up' | 'low-priority' | 'overkill' (importance × performance; `label` filter localises). */
  quadrant: string;
}

export interface DriversSection {
  outcome: string;
  n: number;
  r2: number;
  /** 'mean' (on the rating scale) or '%' (top-2-box, 0…100). */
  performanceUnit?: 'mean' | '%';
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
  /**
   * Among NPS detractors: comments with the theme, and % of detractors' comments; `n` detractors with a
   * comment; the comparison window's count/n/% and the change in points with its p (two proportions).
   */
  detractors?: { count: number; pct: number; n?: number; previousCount?: number; previousN?: number; previousPct?: number; change?: number; p?: number; significant?: boolean };
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
  /** Theme impact on the score: commenters who mention each theme versus those who do not. */
  impact?: ThemeImpactSection;
}

export interface ThemeImpactRow {
  key: string;
  name: string;
  /** Commenters with a score who mention / do not mention the theme. */
  nWith: number;
  nWithout: number;
  /** Score (NPS points or CSAT %) of each group. */
  with: number;
  without: number;
  /** with − without, its 95% CI and p (independent samples). */
  diff: number;
  ci95: [number, number];
  p: number;
  significant: boolean;
  /** 'pain' pulls the score down (diff < 0), 'delight' pulls it up; by the sign of diff. */
  kind: 'pain' | 'delight';
  /** Fewer than 30 commenters mention it. */
  unstable: boolean;
  /** diff × nWith / n: the points of the overall score the theme accounts for (the sort key, by size). */
  impact: number;
}

export interface ThemeImpactSection {
  metric: 'nps' | 'csat';
  /** Commenters with a score (the base of the comparison). */
  n: number;
  /** Sorted by |diff| × nWith (impact on the total), largest first; themes no one mentions are left out. */
  rows: ThemeImpactRow[];
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
  /** Segment column id → this respondent's value (roles.segments). */
  segments?: Record<string, string>;
  /** Other owners the same comment is routed to (it appears in their groups too). */
  alsoRoutedTo?: string[];
}

export interface FollowUpGroup {
  /** Codeframe `owner` of the matched themes, or 'unassigned'. */
  owner: string;
  items: FollowUpItem[];
  /** Items in this group that are also routed to another owner. */
  shared?: number;
}

export interface FollowUpSummary {
  /** Distinct detractor comments to follow up. */
  comments: number;
  /** Comments routed to more than one owner (counted once per owner in the groups). */
  multiRouted: number;
  /** Sum of the group counts (≥ comments). */
  assignments: number;
}

export type HeadlineKind = 'kpi-change' | 'kpi' | 'segment' | 'driver' | 'theme' | 'target-missed' | 'theme-impact';

export interface Headline {
  /** One sentence in meta.lang with its number, CI or p, and base. */
  text: string;
  kind: HeadlineKind;
  /** The metric (nps/csat/ces), or the driver/theme/segment key it is about. */
  metric?: string;
  /** The headline number (the change, the gap, the importance %, the rise in points, the value). */
  value?: number;
  ci95?: [number, number];
  p?: number;
  /** The base the number rests on. */
  n?: number;
  /** Where the supporting detail is ('kpis', 'segments', 'drivers', 'themes'). */
  section?: string;
}

export interface Alert {
  kind: 'significant-change' | 'target-missed' | 'volume' | 'theme-rise';
  text: string;
  /** 'bad' (act), 'good' (celebrate), 'info'. */
  tone: 'bad' | 'good' | 'info';
  metric?: string;
  value?: number;
}

export interface MethodSection {
  /** Responses in the window, after the import's exclusions. */
  n: number;
  nComparison?: number;
  /** Per KPI: answers and 95% margin of error. */
  bases: { metric: MetricName; name: string; n: number; moe95?: number; unit: string }[];
  /** Rows the import left out, by reason (preview, test, duplicate, …), summed over the imported files. */
  exclusions: { reason: string; count: number }[];
  /** Rows read and kept by the import (all periods). */
  rowsRead?: number;
  rowsKept?: number;
  /** Per KPI question, the accounting rule (src/dataset/accounting.ts): answered, used, excluded by reason. */
  questions?: Accounting[];
  /** Sentences on the statistics used (in meta.lang). */
  statistics: string[];
  /** Minimum bases applied to sections. */
  minBase: Record<string, number>;
}

export interface ReportNote {
  /** The section the note is about ('kano', 'themes', …) or 'general'. */
  section: string;
  /** Text in meta.lang. */
  text: string;
}

export interface ReportModel {
  meta: ReportMeta;
  /** The executive summary: 3–6 generated headlines, most important first. */
  headlines?: Headline[];
  /** What changed significantly, targets missed, response volume (weekly block). */
  alerts?: Alert[];
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
  followUpSummary?: FollowUpSummary;
  /** Bases, exclusions, margins of error. */
  method?: MethodSection;
  /** Why a section is missing, small-base caveats, etc. */
  notes: ReportNote[];
  /** Data problems found while building (in meta.lang). */
  warnings: string[];
}
