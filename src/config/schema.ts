// cx.yaml: the project configuration (types + the schema the loader validates against).
// Every section is optional; relative paths are resolved against the directory of the cx.yaml file.
import type { QuestionType } from '../dataset/types.js';

export interface QuestionOverride {
  type?: QuestionType;
  /** 'nps' | 'csat' | 'ces' | 'date' | 'segment' | 'comment' | 'responseId' | 'weight' | … */
  role?: string;
  label?: string;
  scale?: { min: number; max: number; labels?: Record<string, string>; reversed?: boolean };
  /** Answer text → code, e.g. { "满分": 10, "五星": 5 }: read by every command that reads scores. */
  values?: Record<string, number>;
}

export interface RolesConfig {
  nps?: string;
  csat?: string;
  ces?: string;
  date?: string;
  /** Columns used to break results down (region, plan, channel …). */
  segments?: string[];
  /** The open-comment column. */
  text?: string;
  id?: string;
  weight?: string;
}

export interface KanoFeatureConfig {
  name: string;
  functional: string;
  dysfunctional: string;
  importance?: string;
}

export interface ServqualItemConfig {
  expectation: string;
  perception: string;
  /** tangibles | reliability | responsiveness | assurance | empathy (lower case English). */
  dimension: string;
}

export interface ServqualConfig {
  items: ServqualItemConfig[];
  /** Importance weights by dimension (points or fractions; normalised by the metric). */
  weights?: Record<string, number>;
}

export interface DriversConfig {
  outcome: string;
  drivers: string[];
  /** How a driver's performance is summarised: the mean (default) or the top-2-box %. */
  performance?: 'mean' | 'top2';
}

/** One touchpoint (moment of truth) of the journey: a rating column, its owner, target and codeframe codes. */
export interface JourneyTouchpointConfig {
  name: string;
  column: string;
  owner?: string;
  /** Target for the mean rating (e.g. 4.0 on 1–5). */
  target?: number;
  /** Codeframe code ids (or names) whose comments are about this touchpoint. */
  codes?: string[];
}

export interface JourneyConfig {
  /** The overall outcome: a column (0–10, a rating, 1/0, 是/否), or a column and the answers that count as 1. */
  outcome: string | { column: string; positive?: string[] };
  /** Answers meaning "not applicable" (→ missing). */
  na?: string[];
  /** Low / high band scale points (the rest is the reference band); default per scale (METHODS-touchpoints §2.1). */
  bands?: { low: number[]; high: number[] };
  /** Classification threshold θ of the IA rule (default 0.2) and the rule. */
  theta?: number;
  rule?: 'ia' | 'ratio' | 'significance';
  missing?: 'listwise' | 'pairwise';
  stages: { stage: string; touchpoints: JourneyTouchpointConfig[] }[];
}

export type ReportFormat = 'md' | 'html' | 'xlsx' | 'pptx';

export interface ReportConfig {
  title?: string;
  /** Built-in `weekly` | `quarterly`, or a path to a `.liquid` file. */
  template?: string;
  format?: ReportFormat;
  lang?: 'en' | 'zh';
  /** last-week | last-month | last-quarter | 2026-W47 | 2026-Q3 | 2026-03 */
  period?: string;
  output?: string;
  /** How many verbatims to quote (default 5). */
  verbatims?: number;
  /** CES convention: mean (default) | agree | index (METHODS.md §1.3). */
  cesMethod?: 'mean' | 'agree' | 'index';
}

/** `thresholds: { nps: 20, "theme.delivery.pct": { max: 15 } }`: a number is a minimum. */
export type ThresholdConfig = number | { min?: number; max?: number };

export interface CxConfig {
  /** Absolute path of the file this came from (absent for an empty default config). */
  file?: string;
  /** Directory relative paths are resolved against. */
  dir: string;
  /** Dataset directory or export file(s), resolved to absolute paths. */
  input?: string[];
  questions?: Record<string, QuestionOverride>;
  roles?: RolesConfig;
  kano?: { features: KanoFeatureConfig[] };
  servqual?: ServqualConfig;
  drivers?: DriversConfig;
  journey?: JourneyConfig;
  /** Path of the codeframe file (absolute). */
  codeframe?: string;
  report?: ReportConfig;
  thresholds?: Record<string, ThresholdConfig>;
  failIf?: string[];
  /** Day/month order of a/b/yyyy dates in raw exports: dmy | mdy | ymd (default: decided per column). */
  dateFormat?: string;
}

// ---- schema descriptors (walked by validate.ts) ----

export type Schema =
  | { t: 'string'; nonEmpty?: boolean }
  | { t: 'number'; min?: number; max?: number; integer?: boolean }
  | { t: 'boolean' }
  | { t: 'enum'; values: readonly string[] }
  | { t: 'array'; of: Schema; minItems?: number }
  | { t: 'object'; props: Record<string, Schema>; required?: readonly string[]; additional?: Schema }
  | { t: 'oneOf'; of: Schema[]; describe: string }
  /** A string or a list of strings, normalised to a list. */
  | { t: 'strings' };

const str: Schema = { t: 'string', nonEmpty: true };
const num: Schema = { t: 'number' };

export const QUESTION_TYPES = [
  'nps', 'rating', 'likert', 'single', 'multi', 'text', 'date', 'number', 'id', 'category', 'meta',
] as const;

export const SERVQUAL_DIMENSIONS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;

export const configSchema: Schema = {
  t: 'object',
  props: {
    input: { t: 'strings' },
    questions: {
      t: 'object',
      props: {},
      additional: {
        t: 'object',
        props: {
          type: { t: 'enum', values: QUESTION_TYPES },
          role: str,
          label: { t: 'string' },
          scale: {
            t: 'object',
            props: {
              min: num,
              max: num,
              labels: { t: 'object', props: {}, additional: { t: 'string' } },
              reversed: { t: 'boolean' },
            },
            required: ['min', 'max'],
          },
          values: { t: 'object', props: {}, additional: num },
        },
      },
    },
    roles: {
      t: 'object',
      props: {
        nps: str, csat: str, ces: str, date: str, text: str, id: str, weight: str,
        segments: { t: 'strings' },
      },
    },
    kano: {
      t: 'object',
      props: {
        features: {
          t: 'array',
          minItems: 1,
          of: {
            t: 'object',
            props: { name: str, functional: str, dysfunctional: str, importance: str },
            required: ['name', 'functional', 'dysfunctional'],
          },
        },
      },
      required: ['features'],
    },
    servqual: {
      t: 'object',
      props: {
        items: {
          t: 'array',
          minItems: 1,
          of: {
            t: 'object',
            props: { expectation: str, perception: str, dimension: { t: 'enum', values: SERVQUAL_DIMENSIONS } },
            required: ['expectation', 'perception', 'dimension'],
          },
        },
        weights: { t: 'object', props: {}, additional: { t: 'number', min: 0 } },
      },
      required: ['items'],
    },
    drivers: {
      t: 'object',
      props: {
        outcome: str,
        drivers: { t: 'array', of: str, minItems: 1 },
        performance: { t: 'enum', values: ['mean', 'top2'] },
      },
      required: ['outcome', 'drivers'],
    },
    journey: {
      t: 'object',
      props: {
        outcome: {
          t: 'oneOf',
          describe: 'a column, or { column, positive: [answers] }',
          of: [str, { t: 'object', props: { column: str, positive: { t: 'strings' } }, required: ['column'] }],
        },
        na: { t: 'strings' },
        bands: {
          t: 'object',
          props: { low: { t: 'array', of: num, minItems: 1 }, high: { t: 'array', of: num, minItems: 1 } },
          required: ['low', 'high'],
        },
        theta: { t: 'number', min: 0, max: 1 },
        rule: { t: 'enum', values: ['ia', 'ratio', 'significance'] },
        missing: { t: 'enum', values: ['listwise', 'pairwise'] },
        stages: {
          t: 'array',
          minItems: 1,
          of: {
            t: 'object',
            // touchpoints and their keys are checked by journeyConfigProblems, whose messages name the stage.
            props: {
              stage: str,
              touchpoints: {
                t: 'array',
                of: { t: 'object', props: { name: str, column: str, owner: { t: 'string' }, target: num, codes: { t: 'strings' } } },
              },
            },
            required: ['stage'],
          },
        },
      },
      required: ['outcome', 'stages'],
    },
    codeframe: str,
    report: {
      t: 'object',
      props: {
        title: { t: 'string' },
        template: str,
        format: { t: 'enum', values: ['md', 'html', 'xlsx', 'pptx'] },
        lang: { t: 'enum', values: ['en', 'zh'] },
        period: str,
        output: str,
        verbatims: { t: 'number', min: 0, max: 100, integer: true },
        cesMethod: { t: 'enum', values: ['mean', 'agree', 'index'] },
      },
    },
    thresholds: {
      t: 'object',
      props: {},
      additional: {
        t: 'oneOf',
        describe: 'a number (minimum) or {min, max}',
        of: [num, { t: 'object', props: { min: num, max: num } }],
      },
    },
    failIf: { t: 'strings' },
    dateFormat: { t: 'enum', values: ['dmy', 'mdy', 'ymd', 'DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD'] },
  },
};
