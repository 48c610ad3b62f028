// `cx score` as a pure function: filter → validate → one pass into tallies per (group × period) →
// cells, comparisons and warnings, in the JSON contract of DESIGN.md §3.
import type { Survey } from '../dataset/types.js';
import { findDateColumn, findQuestion, groupCodes, readScores, readWeights, type MetricKind, type ScoreColumn } from '../dataset/select.js';
import { columnPeriodCodes, type PeriodUnit } from '../dataset/period.js';
import { whereMask } from '../dataset/where.js';
import { checkUnreadable, type Accounting } from '../dataset/accounting.js';
import { inputError, type Bilingual } from '../ui/errors.js';
import { diffNps, npsFromTally, type NpsCell } from './nps.js';
import { csatFromTally, diffCsat, diffCsatMean, type CsatCell } from './csat.js';
import { cesFromTally, diffCes, type CesCell, type CesMethod } from './ces.js';
import type { DiffResult } from './proportion.js';
import { cellOf, newTallySet, subtractTally, summarize, type Tally, type TallySet } from './tally.js';

export interface ScoreSpec {
  metric: MetricKind;
  /** Column id or label; found automatically when omitted. */
  question?: string;
  by?: string[];
  period?: PeriodUnit;
  date?: string;
  where?: string;
  weight?: string;
  compare?: 'previous';
  ces?: CesMethod;
  /** Cells with fewer answers are flagged `unstable` (DESIGN.md §4: 30). */
  minN?: number;
  /** Scale override for CSAT/CES (NPS is always 0–10). */
  scale?: { min: number; max: number };
  /** Significance level for `significant` (default 0.05). */
  alpha?: number;
  /** More than 5% unreadable answers is an error (exit 2) unless this is set; then it is a warning. */
  allowUnreadable?: boolean;
}

export type Cell = (NpsCell | CsatCell | CesCell) & { unstable: boolean };
export interface Change extends DiffResult {
  significant: boolean;
  /** What the cell is compared with: the previous period (or wave) label, or "rest" (the rest of the sample). */
  against: string;
  /** CSAT only: the change of the mean. */
  meanChange?: DiffResult & { significant: boolean };
}
export interface PeriodRow extends Record<string, unknown> {
  period: string;
  change?: Change;
}
export interface GroupRow extends Record<string, unknown> {
  key: Record<string, string | null>;
  vsRest?: Change;
  /** --by the wave column with --compare previous: the change from the previous wave. */
  change?: Change;
  periods?: (PeriodRow & Cell)[];
}

export interface ScoreResult {
  metric: MetricKind;
  question: string;
  questionLabel: string;
  /** How the score and its interval are computed. */
  method: string;
  seMethod: string;
  compareMethod?: string;
  scale: { min: number; max: number };
  ces?: CesMethod;
  weight?: string;
  where?: string;
  by?: string[];
  period?: PeriodUnit;
  dateColumn?: string;
  minN: number;
  /** Rows in the input, rows passing --where, rows with a valid answer. */
  rows: number;
  rowsFiltered: number;
  /** Answers excluded as invalid (not a number, off the scale, or a bad weight); details in `exclusions`. */
  excluded: number;
  exclusions: { notNumeric: number; outOfScale: number; badWeight: number; rows: number[]; examples: string[] };
  missing: number;
  /** The accounting rule: answered, used, excluded by reason with examples (rows passing --where). */
  accounting: Accounting;
  noDate?: number;
  overall: Cell;
  groups?: (GroupRow & Cell)[];
  periods?: (PeriodRow & Cell)[];
  warnings: Bilingual[];
}

export function defaultScale(metric: MetricKind, q: { scale?: { min: number; max: number } }): { min: number; max: number } {
  if (metric === 'nps') return { min: 0, max: 10 };
  if (q.scale && Number.isInteger(q.scale.min) && Number.isInteger(q.scale.max) && q.scale.max > q.scale.min) {
    return { min: q.scale.min, max: q.scale.max };
  }
  return metric === 'csat' ? { min: 1, max: 5 } : { min: 1, max: 7 };
}

const METHOD: Record<MetricKind, string> = {
  nps: 'NPS = %promoters(9–10) − %detractors(0–6); ci95 adjusted-Wald (+3/4, +3/2, +3/4), moe95 Wald',
  csat: 'CSAT = % top-2-box; ci95 Agresti–Coull; mean with t interval',
  ces: '',
};

/** More segments than this in --by is almost always a comment/id column chosen by mistake: warn. */
const MANY_SEGMENTS = 100;

export function scoreSurvey(survey: Survey, spec: ScoreSpec): ScoreResult {
  const metric = spec.metric;
  const minN = spec.minN ?? 30;
  const alpha = spec.alpha ?? 0.05;
  const warnings: Bilingual[] = [];
  if (survey.nRows === 0) {
    const ex = (survey.log ?? []).flatMap((l) => l.exclusions ?? []).map((e) => `${e.count} × ${e.reason}`);
    throw inputError(
      `${survey.source.join(', ')}: no responses to score (${ex.length ? `every row was excluded: ${ex.join(', ')}` : 'only a header row'}); check the export${ex.length ? '; to keep preview/test rows, import with --include-preview' : ''}.`,
      `${survey.source.join('，')}：没有可计算的答卷（${ex.length ? `所有行都被排除：${ex.join('，')}` : '只有表头'}）；请检查导出文件${ex.length ? '；如需保留预览/测试答卷，导入时加 --include-preview' : ''}。`,
    );
  }
  const q = findQuestion(survey, metric, spec.question);
  const scale = spec.scale ?? defaultScale(metric, q);
  if (metric === 'nps' && spec.scale && (spec.scale.min !== 0 || spec.scale.max !== 10)) {
    throw inputError('NPS is defined on 0–10; --scale applies to csat and ces only.', 'NPS 固定为 0–10 分；--scale 只适用于 csat 和 ces。');
  }
  const n = survey.nRows;
  // No --where: no mask (every row passes), and no pass over the rows to count them.
  const mask = spec.where && spec.where.trim() ? whereMask(survey, spec.where) : undefined;
  let rowsFiltered = mask ? 0 : n;
  if (mask) for (let i = 0; i < n; i++) rowsFiltered += mask[i]!;
  if (spec.where && rowsFiltered === 0) {
    warnings.push({ en: `no rows match --where ${spec.where}`, zh: `没有符合 --where ${spec.where} 的行` });
  }
  // Usage errors (--by names) before data errors (unreadable answers).
  // Cell layout: (G+1)·(P+1); index G = all groups, P = all periods.
  const groups = spec.by && spec.by.length ? groupCodes(survey, spec.by) : undefined;
  if (groups && groups.keys.length > MANY_SEGMENTS) {
    const cols = groups.columns.join(',');
    warnings.push({
      en: `--by ${cols}: ${groups.keys.length} segments, most too small to read; is it a comment or id column? Group by a category such as region or plan.`,
      zh: `--by ${cols}：共 ${groups.keys.length} 个分组，大多样本过小；它是否为评论或编号列？请按地区、套餐等类别列分组。`,
    });
  }
  const sc = readScores(survey, q, scale.min, scale.max, mask);
  const values = sc.values;
  const w = spec.weight ? readWeights(survey, spec.weight) : undefined;
  if (w && n > 0 && w.bad === n) {
    throw inputError(
      `--weight ${spec.weight}: column ${w.id} has no usable weights (numbers ≥ 0); choose a numeric weight column.`,
      `--weight ${spec.weight}：列 ${w.id} 没有可用的权重（≥ 0 的数字）；请选择数值型权重列。`,
    );
  }
  let badWeight = 0;
  const badRows = [...sc.firstBadRows];
  if (w) {
    for (let i = 0; i < n; i++) {
      if (values[i] === values[i] && w.weights[i] !== w.weights[i]) {
        values[i] = NaN;
        badWeight++;
        if (badRows.length < 5) badRows.push(i + 1);
      }
    }
  }
  const noneValid = (): never => {
    const invalid = sc.notNumeric + sc.outOfScale;
    // Every answer there is fails to parse or lies off the scale: the wrong column (a comment, a segment) or
    // scale, not an empty sample. Reporting n = 0 with exit 0 would let a script carry on with no score.
    const ex = sc.badExamples.slice(0, 3).map((e) => JSON.stringify(e)).join(', ');
    const name = metric.toUpperCase();
    throw inputError(
      `--question ${q.id}: none of its ${invalid} answers is ${metric === 'nps' ? 'an' : 'a'} ${name} score on ${scale.min}–${scale.max} (responses ${sc.firstBadRows.join(', ')}: ${ex}); choose the score column with --question COL${metric === 'nps' ? '' : ' or set the scale with --scale, e.g. 0-10'} (cx describe lists the columns)${sc.notNumeric ? `, or map its answers in cx.yaml with questions.${q.id}.values: { ${JSON.stringify(sc.badExamples[0] ?? '…')}: N }` : ''}.`,
      `--question ${q.id}：其 ${invalid} 个答案都不是 ${scale.min}–${scale.max} 的 ${name} 分数（第 ${sc.firstBadRows.join('、')} 条答卷：${ex}）；请用 --question 指定评分列${metric === 'nps' ? '' : '，或用 --scale 指定量表，如 0-10'}（cx describe 可列出所有列）${sc.notNumeric ? `，或在 cx.yaml 中用 questions.${q.id}.values: { ${JSON.stringify(sc.badExamples[0] ?? '…')}: N } 指定分值` : ''}。`,
    );
  };
  if (sc.accounting.used === 0 && sc.notNumeric + sc.outOfScale > 0) noneValid();
  // The 5% rule on unreadable answers (exit 2 naming the values and the cx.yaml key), then one warning for
  // what is left out.
  const unreadable = checkUnreadable([sc.accounting], spec.allowUnreadable);
  if (sc.notNumeric + sc.outOfScale > 0) {
    const parts = `${sc.notNumeric} not readable as a score, ${sc.outOfScale} outside ${scale.min}–${scale.max} or not whole`;
    const partsZh = `${sc.notNumeric} 个无法识别，${sc.outOfScale} 个超出 ${scale.min}–${scale.max} 或非整数`;
    const ex = sc.badExamples.map((e) => JSON.stringify(e)).join(', ');
    const mapHint = unreadable.length ? `; map unreadable answers with ${`questions.${q.id}.values: { "…": N }`} in cx.yaml` : '';
    const mapHintZh = unreadable.length ? `；可在 cx.yaml 中用 questions.${q.id}.values: { "…": N } 指定无法识别答案的分值` : '';
    warnings.push({
      en: `column ${q.id}: excluded ${sc.notNumeric + sc.outOfScale} value${sc.notNumeric + sc.outOfScale === 1 ? '' : 's'} (${parts}), first at responses ${sc.firstBadRows.join(', ')}: ${ex}${metric !== 'nps' && sc.outOfScale ? ' (set the scale with --scale, e.g. 1-7)' : ''}${mapHint}`,
      zh: `列 ${q.id}：已排除 ${sc.notNumeric + sc.outOfScale} 个值（${partsZh}），最早出现在第 ${sc.firstBadRows.join('、')} 条答卷：${ex}${metric !== 'nps' && sc.outOfScale ? '（可用 --scale 指定量表，如 1-7）' : ''}${mapHintZh}`,
    });
  }
  if (w && badWeight > 0) {
    warnings.push({
      en: `column ${w.id}: ${badWeight} answers have a missing, negative or non-numeric weight and were excluded (first at responses ${w.firstBadRows.join(', ')})`,
      zh: `列 ${w.id}：${badWeight} 个答案的权重缺失、为负或非数字，已排除（最早在第 ${w.firstBadRows.join('、')} 条答卷）`,
    });
  }

  let dateColumn: string | undefined;
  let periods: { codes: Int32Array; labels: string[] } | undefined;
  if (spec.period) {
    dateColumn = findDateColumn(survey, spec.date);
    periods = columnPeriodCodes(survey.columns.get(dateColumn)!, spec.period);
  }
  const G = groups ? groups.keys.length : 0;
  const P = periods ? periods.labels.length : 0;
  // Rows passing --where per group and per period: segments and periods with none are left out, while
  // those with rows but no valid answer are reported with n = 0.
  const groupRowsIn = new Int32Array(G);
  const periodRowsIn = new Int32Array(P);
  const tallies = newTallySet(scale.min, scale.max, (G + 1) * (P + 1), Boolean(w));
  // One pass: rows per group and period, and each valid answer into the finest cell (group g, period p;
  // p = P when the date is missing); the margins are added up from the cells later.
  const gc = groups?.codes;
  const pc = periods?.codes;
  const weights = w?.weights;
  const k = tallies.k;
  const min = scale.min;
  const cnt = tallies.count;
  const ws = tallies.wsum;
  const w2 = tallies.w2sum;
  let noDate = 0;
  for (let i = 0; i < n; i++) {
    if (mask && !mask[i]) continue; // (its value is NaN: readScores leaves out masked rows)
    const g = gc ? gc[i]! : G;
    let p = pc ? pc[i]! : P;
    if (gc) groupRowsIn[g]!++;
    if (pc && p >= 0) periodRowsIn[p]!++;
    const v = values[i]!;
    if (v !== v) continue;
    if (p < 0) {
      p = P;
      noDate++;
    }
    const j = (g * (P + 1) + p) * k + (v - min);
    cnt[j]! += 1;
    if (weights) {
      const wt = weights[i]!;
      ws[j]! += wt;
      w2[j]! += wt * wt;
    }
  }
  if (!weights) {
    ws.set(cnt);
    w2.set(cnt);
  }
  return scoreFromStats({
    survey: { source: survey.source, waveColumn: survey.waveColumn, waves: survey.waves },
    spec, q, scale, rows: n, rowsFiltered, sc, w, badWeight, badRows, groups, periods, dateColumn,
    tallies, groupRowsIn, periodRowsIn, noDate, warnings, noneValid,
  });
}

/**
 * The statistics a score needs, from any engine: tallies (count, Σw, Σw² per answer) in the finest cells
 * (group g, period p; p = P holds answers with no date; margins empty), rows passing --where per group
 * and period, and the accounting of excluded answers. `scoreFromStats` never sees rows.
 */
export interface ScoreStats {
  survey: Pick<Survey, 'source' | 'waveColumn' | 'waves'>;
  spec: ScoreSpec;
  q: { id: string; label: string };
  scale: { min: number; max: number };
  /** Rows in the input and rows passing --where. */
  rows: number;
  rowsFiltered: number;
  sc: Omit<ScoreColumn, 'values'>;
  w?: { id: string; firstBadRows: number[] };
  badWeight: number;
  badRows: number[];
  groups?: { columns: string[]; keys: Record<string, string | null>[] };
  periods?: { labels: string[] };
  dateColumn?: string;
  tallies: TallySet;
  groupRowsIn: ArrayLike<number>;
  periodRowsIn: ArrayLike<number>;
  noDate: number;
  /** Warnings from gathering the statistics (bad values, weights, segments); the estimate adds its own. */
  warnings: Bilingual[];
  /** Raises the "no answer is a score" error (exit 2) when no valid answer is left. */
  noneValid?: () => never;
}

/** The exact estimate of a score (cells, intervals, comparisons, warnings) from its statistics. */
export function scoreFromStats(stats: ScoreStats): ScoreResult {
  const { survey, spec, q, scale, rowsFiltered, sc, w, badWeight, badRows, groups, periods, dateColumn } = stats;
  const { tallies, groupRowsIn, periodRowsIn, noDate, warnings } = stats;
  const n = stats.rows;
  const metric = spec.metric;
  const minN = spec.minN ?? 30;
  const alpha = spec.alpha ?? 0.05;
  const G = groups ? groups.keys.length : 0;
  const P = periods ? periods.labels.length : 0;
  const k = tallies.k;
  const cnt = tallies.count;
  const ws = tallies.wsum;
  const w2 = tallies.w2sum;
  const addCell = (to: number, from: number) => {
    for (let b = 0; b < k; b++) {
      cnt[to * k + b]! += cnt[from * k + b]!;
      ws[to * k + b]! += ws[from * k + b]!;
      w2[to * k + b]! += w2[from * k + b]!;
    }
  };
  if (groups) {
    for (let g = 0; g < G; g++) {
      for (let p = 0; p < P; p++) {
        addCell(g * (P + 1) + P, g * (P + 1) + p); // group total (its no-date rows are already there)
        addCell(G * (P + 1) + p, g * (P + 1) + p); // period total
      }
      addCell(G * (P + 1) + P, g * (P + 1) + P); // grand total
    }
  } else {
    for (let p = 0; p < P; p++) addCell(G * (P + 1) + P, G * (P + 1) + p);
  }

  const cesMethod = spec.ces ?? 'mean';
  const toCell = (t: Tally): Cell => {
    const c = metric === 'nps' ? npsFromTally(t) : metric === 'csat' ? csatFromTally(t) : cesFromTally(t, cesMethod);
    return { ...c, unstable: c.n < minN };
  };
  const diff = (a: Cell, b: Cell, against: string): Change | undefined => {
    if (a.n === 0 || b.n === 0) return undefined;
    const r = metric === 'nps' ? diffNps(a as NpsCell, b as NpsCell) : metric === 'csat' ? diffCsat(a as CsatCell, b as CsatCell) : diffCes(a as CesCell, b as CesCell);
    const out: Change = { ...r, significant: r.p < alpha, against };
    if (metric === 'csat') {
      const m = diffCsatMean(a as CsatCell, b as CsatCell);
      out.meanChange = { ...m, significant: m.p < alpha };
    }
    return out;
  };
  const periodRows = (g: number): (PeriodRow & Cell)[] => {
    const rows: (PeriodRow & Cell)[] = [];
    let prev: (PeriodRow & Cell) | undefined;
    for (let p = 0; p < P; p++) {
      const t = cellOf(tallies, g * (P + 1) + p);
      if (g !== G ? summarize(t).n === 0 : periodRowsIn[p] === 0) continue; // nothing to report
      const row: PeriodRow & Cell = { period: periods!.labels[p]!, ...toCell(t) };
      if (spec.compare === 'previous' && prev) {
        const c = diff(row, prev, prev.period);
        if (c) row.change = c;
      }
      rows.push(row);
      if (row.n > 0) prev = row;
    }
    return rows;
  };

  const overallTally = cellOf(tallies, G * (P + 1) + P);
  const result: ScoreResult = {
    metric,
    question: q.id,
    questionLabel: q.label,
    method:
      metric === 'ces'
        ? `CES ${cesMethod === 'mean' ? 'mean' : cesMethod === 'agree' ? `% agree (values above the midpoint ${(scale.min + scale.max) / 2})` : `index = %(${scale.max - 1}–${scale.max}) − %(below the midpoint ${(scale.min + scale.max) / 2})`} on ${scale.min}–${scale.max}`
        : metric === 'csat'
          ? `${METHOD.csat}; top-2 = ${scale.max - 1}–${scale.max} on ${scale.min}–${scale.max}`
          : METHOD.nps,
    seMethod: w ? `weighted (${w.id}): SE with Kish effective n = (Σw)²/Σw²` : 'simple random sample',
    scale,
    minN,
    rows: n,
    rowsFiltered,
    excluded: sc.notNumeric + sc.outOfScale + badWeight,
    exclusions: {
      notNumeric: sc.notNumeric,
      outOfScale: sc.outOfScale,
      badWeight,
      rows: badRows.sort((a, b) => a - b).slice(0, 5),
      examples: sc.badExamples,
    },
    missing: sc.missing,
    accounting: sc.accounting,
    overall: toCell(overallTally),
    warnings,
  };
  if (metric === 'ces') result.ces = cesMethod;
  if (w) result.weight = w.id;
  if (spec.where) result.where = spec.where;
  if (spec.compare === 'previous') {
    result.compareMethod =
      (metric === 'nps' || cesMethod === 'index' && metric === 'ces'
        ? 'adjusted-Wald z test'
        : metric === 'csat' || cesMethod === 'agree'
          ? 'Agresti–Caffo z test (CSAT mean: Welch t)'
          : 'Welch t test') + `, independent samples, two-sided, alpha ${alpha}; periods vs the previous period, ${
          spec.by?.length === 1 && spec.by[0] === survey.waveColumn ? 'waves vs the previous wave' : 'segments vs the rest of the sample'
        }`;
  }
  const invalid = sc.notNumeric + sc.outOfScale;
  if (result.overall.n === 0 && invalid > 0) stats.noneValid?.();
  if (result.overall.n === 0) {
    warnings.push({ en: `column ${q.id} has no valid answers${spec.where ? ' after --where' : ''}`, zh: `列 ${q.id} 没有有效答案${spec.where ? '（应用 --where 后）' : ''}` });
  }
  if (periods) {
    result.period = spec.period;
    result.dateColumn = dateColumn;
    result.noDate = noDate;
    result.periods = periodRows(G);
    if (noDate > 0 && noDate === result.overall.n) {
      throw inputError(
        `column ${dateColumn}: none of the ${noDate} answers has a readable date; choose the date column with --date COL (dates as 2026-03-05, 03/05/2026, Excel serials …).`,
        `列 ${dateColumn}：${noDate} 个答案都没有可识别的日期；请用 --date 指定日期列（如 2026-03-05、03/05/2026、Excel 序列号等）。`,
      );
    }
    if (noDate > 0) {
      warnings.push({
        en: `column ${dateColumn}: ${noDate} answer${noDate === 1 ? ' has' : 's have'} a missing or unreadable date and ${noDate === 1 ? 'is' : 'are'} in no period (counted in overall)`,
        zh: `列 ${dateColumn}：${noDate} 个答案的日期缺失或无法识别，未计入任何周期（计入总体）`,
      });
    }
  }
  if (groups) {
    result.by = groups.columns;
    // --by the wave column: each wave is compared with the wave before it (import order), like periods.
    const waveCol = groups.columns.length === 1 && groups.columns[0] === survey.waveColumn ? survey.waveColumn : undefined;
    const waveOrder = survey.waves ?? [];
    const waveRank = (key: Record<string, string | null>) => {
      const v = waveCol ? key[waveCol] : null;
      const i = v == null ? -1 : waveOrder.indexOf(v);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    let prevWave: (GroupRow & Cell) | undefined;
    const order = groups.keys.map((_, g) => g);
    if (waveCol) order.sort((a, b) => waveRank(groups.keys[a]!) - waveRank(groups.keys[b]!) || a - b);
    result.groups = order.flatMap((g) => {
      const key = groups.keys[g]!;
      if (groupRowsIn[g] === 0) return [];
      const t = cellOf(tallies, g * (P + 1) + P);
      const row: GroupRow & Cell = { key, ...toCell(t) };
      if (spec.compare === 'previous' && waveCol) {
        const c = prevWave ? diff(row, prevWave, String(prevWave.key[waveCol])) : undefined;
        if (c) row.change = c;
        if (row.n > 0) prevWave = row;
      } else if (spec.compare === 'previous') {
        const rest = subtractTally(overallTally, t);
        const c = diff(row, toCell(rest), 'rest');
        if (c) row.vsRest = c;
      }
      if (periods) row.periods = periodRows(g);
      if (row.n === 0) {
        const name = Object.values(key).map((v) => v ?? '(missing)').join(' / ');
        warnings.push({ en: `segment ${name} has no valid answers`, zh: `分组 ${name} 没有有效答案` });
      }
      return [row];
    });
  }
  return result;
}
