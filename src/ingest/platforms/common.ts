// Shared shapes for the platform modules: each platform turns a RawTable into a Layout (which raw
// column becomes which question, with what hints, which rows are headers, excluded or partial); the
// builder (build.ts) turns a Layout into a Survey the same way for every platform.
import type { Choice, Exclusion, QuestionType, Scale, Survey } from '../../dataset/types.js';
import type { RawTable } from '../read/table.js';

export interface ColumnHint {
  type?: QuestionType;
  role?: string;
  scale?: Scale;
  choices?: Choice[];
  /** Cells are Excel serial dates (MS Forms XLSX). */
  excelDate?: boolean;
  /** Day-first dates (a/b/yyyy read as day/month). */
  dayFirst?: boolean;
  /** The day/month order given by --date-format or cx.yaml (otherwise decided from the column's values). */
  dateOrder?: 'ymd' | 'dmy' | 'mdy';
  /** Keep the cells as text even when they look numeric (ids, phone numbers). */
  keepText?: boolean;
  /** A row of a matrix question: small integers are a rating scale even with few distinct answers. */
  matrix?: boolean;
}

/** A split multi-select whose answers are joined in one cell. */
export interface JoinedMulti {
  sep: string;
}

/** One option column of a multi-select exported as one column per option (flag or label when selected). */
export interface OptionFlag {
  /** Columns with the same group form one question: a row with no option selected is unanswered (NaN). */
  group: string;
  option: string;
}

export interface ColSpec {
  /** Raw column index in the RawTable. */
  index: number;
  /** Proposed id; blank or duplicated ids are made unique by the builder (and reported). */
  id: string;
  label: string;
  source?: string;
  hint?: ColumnHint;
  parent?: string;
  option?: string;
  joined?: JoinedMulti;
  flag?: OptionFlag;
  /** Rewrite a cell before inference (e.g. strip a trailing `;`). */
  map?: (cell: string) => string;
}

export interface Layout {
  platform: string;
  /** Data rows start at this 0-based physical row. */
  headerRows: number;
  cols: ColSpec[];
  /** Raw column index of the response id / the response date, when the platform has one. */
  idIndex?: number;
  dateIndex?: number;
  /** Exclusion reason for row r ('preview', 'test', 'spam' …) or null to keep it. */
  exclude?: (r: number) => string | null;
  /** 1 partial, 0 complete, NaN unknown. */
  partial?: (r: number) => number;
  warnings: string[];
  /** The table the column indexes refer to, when the platform reshaped the input (SurveyJS records). */
  table?: RawTable;
}

export interface RecogniseOptions {
  platform?: string;
  /** --date-format / cx.yaml `dateFormat`: the day/month order of a/b/yyyy dates in every date column. */
  dateFormat?: 'ymd' | 'dmy' | 'mdy';
  includePreview?: boolean;
  file: string;
  /** Keep the RawTable's columns; by default each is emptied once converted, to save memory. */
  keepTable?: boolean;
}

export interface PlatformSpec {
  name: string;
  /** 0..1: how sure this module is that it reads this table. */
  detect(t: RawTable): number;
  /** Which raw column becomes which question, header rows, exclusion and partial rules. */
  layout(t: RawTable, opts: RecogniseOptions): Layout;
}

export interface Platform extends PlatformSpec {
  /** layout + the shared builder (build.ts). */
  toSurvey(t: RawTable, opts: RecogniseOptions): Recognised;
}

export interface Recognised {
  survey: Survey;
  exclusions: Exclusion[];
  warnings: string[];
}

export function cell(t: RawTable, c: number, r: number): string {
  return t.columns[c]?.[r] ?? '';
}

export function headerRow(t: RawTable, r: number): string[] {
  const out: string[] = [];
  for (let c = 0; c < t.width; c++) out.push(cell(t, c, r).trim());
  return out;
}

/** Lower-case, HTML-free, whitespace-collapsed text for matching. */
export function norm(s: string): string {
  return stripHtml(s).toLowerCase().replace(/\s+/g, ' ').trim();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/** Question text without HTML tags and entities, whitespace collapsed (LimeSurvey, Typeform titles). */
export function stripHtml(s: string): string {
  if (!/[<&]/.test(s)) return s.replace(/[\s\u00a0]+/g, ' ').trim();
  return s
    .replace(/<[^>]{0,200}>/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+|#39);/gi, (m, e: string) => {
      if (ENTITIES[e.toLowerCase()]) return ENTITIES[e.toLowerCase()]!;
      if (e[0] === '#') {
        const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(n) ? String.fromCodePoint(n) : m;
      }
      return m;
    })
    .replace(/[\s\u00a0]+/g, ' ')
    .trim();
}

/** Fraction of `want` names present in `have` (case-insensitive). */
export function overlap(have: string[], want: string[]): number {
  const set = new Set(have.map((h) => h.toLowerCase()));
  let n = 0;
  for (const w of want) if (set.has(w.toLowerCase())) n++;
  return n / want.length;
}

/** Column specs that keep the header text as both id and label (one header row). */
export function plainCols(t: RawTable, headers: string[], hints: (h: string, c: number) => ColumnHint | undefined = () => undefined): ColSpec[] {
  return headers.map((h, c) => {
    const label = stripHtml(h);
    return { index: c, id: label, label, source: h, hint: hints(h, c) };
  });
}

export function indexOfCI(headers: string[], ...names: string[]): number {
  for (const n of names) {
    const i = headers.findIndex((h) => h.toLowerCase() === n.toLowerCase());
    if (i >= 0) return i;
  }
  return -1;
}
