// The Survey model every command works on (DESIGN.md §1). Pure types, no I/O.

export type QuestionType =
  | 'nps'
  | 'rating'
  | 'likert'
  | 'single'
  | 'multi'
  | 'text'
  | 'date'
  | 'number'
  | 'id'
  | 'category'
  | 'meta';

export interface Scale {
  min: number;
  max: number;
  /** Value → label, e.g. { "1": "Very dissatisfied", "5": "Very satisfied" }. */
  labels?: Record<string, string>;
  /** True when the platform recoded the scale so that a lower number is better. */
  reversed?: boolean;
}

export interface Choice {
  /** The stored value (numeric code as text, or the choice text itself). */
  code: string;
  label: string;
}

export interface Question {
  /** Unique column id (the export's short header: Q5_1, QID12, 序号 …). */
  id: string;
  /** The question text as shown to respondents. */
  label: string;
  type: QuestionType;
  scale?: Scale;
  choices?: Choice[];
  /** For matrix rows and split multi-select options: the id of the parent question. */
  parent?: string;
  /** A role set by recognition or cx.yaml: 'nps', 'csat', 'ces', 'date', 'segment', 'comment', 'responseId', 'wave', 'partial', 'weight'. */
  role?: string;
  /** The header(s) as they appeared in the export. */
  source?: string;
  /** For a split multi-select option column: the option text it stands for. */
  option?: string;
  /** Date columns: the day/month order their a/b/yyyy values were read in (decided once per column at import). */
  dateFormat?: 'ymd' | 'dmy' | 'mdy';
  /** Answer text → code from cx.yaml (`questions.ID.values`), read by every command that reads scores. */
  values?: Record<string, number>;
}

/** Numbers: NaN is missing. */
export interface NumColumn {
  kind: 'num';
  values: Float64Array;
}

/** Strings: null is missing. Repeated values should share one string instance (interned). */
export interface StrColumn {
  kind: 'str';
  values: (string | null)[];
  /**
   * Date columns loaded from a dataset: each row's wall-clock time as milliseconds since 1970-01-01 read as
   * UTC (NaN when missing or unreadable), stored at import so periods need no re-parsing of the texts.
   */
  epochMs?: Float64Array;
  /**
   * Dictionary-encoded columns loaded from a dataset: per row 0 (missing) or j (the text `dict.values[j − 1]`),
   * so grouping needs no per-row string work; `values` is built from them on first use, and from then on
   * the codes are gone (the texts may be changed).
   */
  dict?: { codes: Uint32Array; values: string[] };
}

export type Column = NumColumn | StrColumn;

export interface Exclusion {
  /** 'preview' | 'test' | 'spam' | 'duplicate' | 'empty' | 'screened-out' … */
  reason: string;
  count: number;
  /** First few source row numbers (1-based, as a spreadsheet shows them) for the log. */
  rows?: number[];
  file?: string;
}

export interface ImportLogEntry {
  at: string; // ISO timestamp
  file: string;
  platform: string;
  encoding: string;
  wave?: string;
  rowsRead: number;
  rowsKept: number;
  exclusions: Exclusion[];
  warnings: string[];
  /** SHA-256 of the file's bytes: the same file imported again is skipped (cx import --replace-wave re-imports). */
  sha256?: string;
}

export interface Survey {
  /** Input files this survey came from. */
  source: string[];
  platform: string;
  encoding?: string;
  questions: Question[];
  columns: Map<string, Column>;
  nRows: number;
  /** Ids of special columns, when known. */
  idColumn?: string;
  dateColumn?: string;
  waveColumn?: string;
  /** 1 = partial (incomplete) response, 0 = complete, NaN = unknown. */
  partialColumn?: string;
  log: ImportLogEntry[];
  waves?: string[];
}

export function getQuestion(s: Survey, id: string): Question | undefined {
  return s.questions.find((q) => q.id === id);
}

/** Value of a column at row i as a number (NaN when missing or not numeric). */
export function numAt(c: Column, i: number): number {
  if (c.kind === 'num') return c.values[i]!;
  const v = c.values[i];
  if (v == null || v === '') return NaN;
  const n = Number(v);
  return Number.isFinite(n) ? n : NaN;
}

/** Value of a column at row i as a string (null when missing). */
export function strAt(c: Column, i: number): string | null {
  if (c.kind === 'str') return c.values[i] ?? null;
  const v = c.values[i]!;
  return Number.isNaN(v) ? null : String(v);
}
