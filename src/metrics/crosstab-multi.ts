// Multiple-response crosstabs (METHODS.md §5.3): a multi-select question's options as rows, respondents as the
// base; per option a χ² of selected vs not across the columns and column-proportion letters. Statistics
// (respondents by column answer and answered, per-option pick counts) → estimate, as for single crosstabs. Pure.
import type { Survey } from '../dataset/types.js';
import { chiSquare, columnLetter, columnProportionTests, levelsOf, type PairTest } from './crosstab.js';

/**
 * A multi-select question split into option-flag columns (0/1, NaN when unanswered): its option columns and
 * labels, or undefined when `id` is an ordinary column.
 */
export function multiSelectOptions(survey: Survey, id: string): { columns: string[]; options: string[] } | undefined {
  const q = survey.questions.find((x) => x.id === id);
  const kids = survey.questions.filter((k) => k.parent === id && k.type === 'multi' && k.option !== undefined && survey.columns.get(k.id)?.kind === 'num');
  if (kids.length === 0 || (q && q.type !== 'multi')) return undefined;
  return { columns: kids.map((k) => k.id), options: kids.map((k) => k.option!) };
}

export interface OptionTest {
  option: string;
  /** Pearson χ² of selected vs not selected across the columns (2 × k, respondents as the unit). */
  chi2: number;
  df: number;
  p: number;
  cramersV: number;
  warning: boolean;
}

export interface MultiCrosstabResult {
  kind: 'multi-response';
  rows: string;
  cols: string;
  /** The options of the multiple-response question (one table row each). */
  rowLevels: string[];
  colLevels: string[];
  /** counts[option][col]: respondents in the column who selected the option. */
  counts: number[][];
  /** Respondents who selected the option (all columns). */
  rowTotals: number[];
  /** Base of each column: respondents who answered the question and have a column value. */
  colTotals: number[];
  /** All respondents in the table (the sum of the column bases). */
  total: number;
  /** Selections (mentions) per column: more than the base when respondents pick several options. */
  mentions: number[];
  /** Column % of respondents (0–100); a column adds up to more than 100. */
  colPct: number[][];
  /** Option % of all respondents in the table. */
  totalPct: number[];
  /** Rows left out: question unanswered or column value missing. */
  missing: number;
  optionTests: OptionTest[];
  columnLetters: string[];
  letters: string[][];
  tests: PairTest[];
  alpha: number;
  bonferroni: boolean;
  method: string;
}

/**
 * Multiple-response crosstab (one row per option, base = respondents). `picks[i]` lists the options row i
 * selected (null when the question was not answered; [] is answered with nothing selected). A respondent
 * counts once in each option row they picked, so no overall χ² is computed (its cells are not independent);
 * instead each option is tested on its own: χ² of selected vs not selected by column, and the SPSS-style
 * pairwise column-proportion z-tests with the respondents of each column as the base.
 */
export function multiCrosstab(
  picks: (readonly number[] | null)[],
  options: string[],
  colValues: (string | null)[],
  opts: MultiCrosstabOptions = {},
): MultiCrosstabResult {
  return multiCrosstabFromCounts(multiCounts(picks, options.length, colValues), options, picks.length, opts);
}

export interface MultiCrosstabOptions {
  rowName?: string;
  colName?: string;
  colOrder?: string[];
  alpha?: number;
  bonferroni?: boolean;
  /** Answer text → label of the column variable (a coded column's choice labels). */
  colLabel?: (text: string) => string;
}

/** Multiple-response statistics: respondents by (column answer, answered the question), and how many picked each option. */
export interface MultiCell {
  col: string | null;
  answered: boolean;
  n: number;
  /** selected[o]: respondents of the cell who picked option o. */
  selected: number[];
}

/** Counts of respondents by (column answer, answered) in first-seen order, with their picks per option. */
export function multiCounts(picks: (readonly number[] | null)[], nOptions: number, colValues: (string | null)[]): MultiCell[] {
  const byCol = new Map<string | null, [MultiCell | undefined, MultiCell | undefined]>();
  const out: MultiCell[] = [];
  picks.forEach((p, i) => {
    const c = colValues[i] ?? null;
    let e = byCol.get(c);
    if (!e) byCol.set(c, (e = [undefined, undefined]));
    const k = p === null ? 0 : 1;
    let cell = e[k];
    if (!cell) {
      e[k] = cell = { col: c, answered: p !== null, n: 0, selected: new Array<number>(nOptions).fill(0) };
      out.push(cell);
    }
    cell.n++;
    if (p) for (const o of new Set(p)) cell.selected[o]!++;
  });
  return out;
}

/** The multiple-response estimate from counts (the same for every engine); `nRows` = all rows considered. */
export function multiCrosstabFromCounts(cells: MultiCell[], options: string[], nRows: number, opts: MultiCrosstabOptions = {}): MultiCrosstabResult {
  const cl = opts.colLabel ?? ((x: string) => x);
  const kept: { c: string; cell: MultiCell }[] = [];
  for (const cell of cells) {
    if (!cell.answered || cell.col == null) continue;
    const c = cl(cell.col);
    if (c !== '') kept.push({ c, cell });
  }
  const colLevels = levelsOf(kept.map((k) => k.c), opts.colOrder);
  const ci = new Map(colLevels.map((l, j) => [l, j]));
  const counts = options.map(() => colLevels.map(() => 0));
  const colTotals = colLevels.map(() => 0);
  const mentions = colLevels.map(() => 0);
  let total = 0;
  for (const { c, cell } of kept) {
    const j = ci.get(c)!;
    colTotals[j]! += cell.n;
    total += cell.n;
    options.forEach((_, o) => {
      const x = cell.selected[o] ?? 0;
      counts[o]![j]! += x;
      mentions[j]! += x;
    });
  }
  const rowTotals = counts.map((r) => r.reduce((s, x) => s + x, 0));
  const optionTests: OptionTest[] = options.map((option, o) => {
    const c = chiSquare([counts[o]!, counts[o]!.map((x, j) => colTotals[j]! - x)]);
    return { option, chi2: c.chi2, df: c.df, p: c.p, cramersV: c.cramersV, warning: c.warning };
  });
  const cp = columnProportionTests(counts, colTotals, opts);
  return {
    kind: 'multi-response',
    rows: opts.rowName ?? 'rows',
    cols: opts.colName ?? 'cols',
    rowLevels: options,
    colLevels,
    counts,
    rowTotals,
    colTotals,
    total,
    mentions,
    colPct: counts.map((r) => r.map((x, j) => (colTotals[j] ? (100 * x) / colTotals[j]! : NaN))),
    totalPct: rowTotals.map((x) => (total ? (100 * x) / total : NaN)),
    missing: nRows - total,
    optionTests,
    columnLetters: colLevels.map((_, j) => columnLetter(j)),
    letters: cp.letters,
    tests: cp.tests,
    alpha: cp.alpha,
    bonferroni: cp.bonferroni,
    method:
      'Multiple response: base = respondents who answered the question; column % of respondents (a column can add up to more than 100%); ' +
      'no overall χ² (a respondent appears in several rows); each option tested on its own with Pearson χ² (selected vs not selected × column, no continuity correction) ' +
      `and two-sided column-proportion z-tests at α = ${cp.alpha}` +
      (cp.bonferroni ? ', Bonferroni-adjusted within each option' : '') +
      '; a letter marks a column whose proportion is significantly smaller (SPSS convention)',
  };
}
