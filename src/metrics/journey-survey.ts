// `cx journey` as a pure function of a Survey: read the outcome and the touchpoint ratings (N/A codes →
// missing, everything unreadable counted with examples), one pass into sufficient statistics per cell
// (overall, segments, periods; journey-stats.ts), then the estimates (journey.ts). No printing.
import type { Survey } from '../dataset/types.js';
import { findDateColumn, groupCodes } from '../dataset/select.js';
import { columnPeriodCodes, type PeriodUnit } from '../dataset/period.js';
import { whereMask } from '../dataset/where.js';
import { inputError, type Bilingual } from '../ui/errors.js';
import { checkUnreadable, type Accounting } from '../dataset/accounting.js';
import { accumulate, addStats, emptyStats, type JourneyStats, type TouchpointScale } from './journey-stats.js';
import {
  defaultBands, estimateJourney, heterogeneity, meanChange,
  type Category, type EffectCov, type EstimateOptions, type JourneyEstimate, type MissingMode, type Rule, type TouchpointMeta, type TouchpointRow,
} from './journey.js';
import type { FlatTouchpoint } from './journey-config.js';
import { naMatcher, readOutcome, readTouchpoint, type ColumnAccount } from './journey-read.js';

export type { ColumnAccount };

export type BandPreset = 'default' | 'extremes' | 'nps';

export interface JourneySpec {
  outcome: { column: string; positive?: string[] };
  touchpoints: FlatTouchpoint[];
  na?: string[];
  bands?: { low: number[]; high: number[] };
  bandPreset?: BandPreset;
  missing?: MissingMode;
  theta?: number;
  rule?: Rule;
  alpha?: number;
  minBase?: number;
  by?: string[];
  where?: string;
  period?: PeriodUnit;
  date?: string;
  compare?: 'previous';
  /** Fit even when a touchpoint's low or high band has no answers (dummy dropped, coefficient 0, flagged). */
  keepEmptyBands?: boolean;
  /** More than 5% unreadable answers in a column is an error (exit 2) unless this is set (the accounting rule). */
  allowUnreadable?: boolean;
}


export interface TouchpointResult extends TouchpointRow {
  bands: { low: number[]; ref: number[]; high: number[] };
  /** Latest period against the one before (with --period and --compare previous). */
  change?: { period: string; against: string; previous: number; diff: number; p: number; significant: boolean };
  /** Comments on this touchpoint (when it names codeframe codes). */
  comments?: TouchpointComments;
}

export interface TouchpointComments {
  codes: string[];
  count: number;
  /** % of non-empty comments that mention the touchpoint. */
  pct: number;
  detractors: { count: number; pct: number; base: number };
  sentiment?: { positive: number; neutral: number; negative: number; meanScore: number };
}

export interface JourneyCellResult extends Omit<JourneyEstimate, 'touchpoints'> {
  touchpoints: TouchpointRow[];
}

export interface JourneyResult {
  metric: 'journey';
  outcome: string;
  outcomeLabel: string;
  /** 'binary' (0/1: positive answers or yes/no), else 'numeric' (used as is). */
  outcomeKind: 'numeric' | 'binary';
  positive?: string[];
  /** Rows in the input and rows passing --where. */
  rows: number;
  rowsFiltered: number;
  n: number;
  nDropped: number;
  dropped: { outcomeMissing: number; touchpointMissing: number };
  missing: MissingMode;
  coding: { low: number[]; ref: number[]; high: number[] };
  bandSource: string;
  theta: number;
  rule: Rule;
  alpha: number;
  minBase: number;
  r2: number | null;
  adjR2: number | null;
  intercept: number | null;
  rwR2: number | null;
  grandMean: number;
  meanRiocs: number;
  touchpoints: TouchpointResult[];
  stages: { stage: string; stageOrder: number; touchpoints: string[]; mean: number; n: number }[];
  method: Record<string, string>;
  /** The accounting rule (shared shape, src/dataset/accounting.ts): the outcome, then the touchpoints in journey order. */
  accounting: Accounting[];
  /** The same answers in more detail: blanks and N/A codes apart, per touchpoint. */
  answers: { outcome: ColumnAccount; touchpoints: ColumnAccount[] };
  where?: string;
  by?: string[];
  groups?: { key: Record<string, string | null>; n: number; r2: number | null; touchpoints: TouchpointRow[] }[];
  segmentTests?: { touchpoint: string; categories: Record<string, Category | null>; differs: boolean; chi2: number | null; df: number | null; p: number | null; segments: number }[];
  period?: PeriodUnit;
  dateColumn?: string;
  periods?: { period: string; n: number; r2: number | null; touchpoints: (TouchpointRow & { change?: { against: string; previous: number; diff: number; p: number; significant: boolean } })[] }[];
  warnings: Bilingual[];
}


function bandLut(min: number, max: number, b: { low: number[]; ref: number[]; high: number[] }): Uint8Array {
  const lut = new Uint8Array(max - min + 1).fill(1);
  for (const v of b.low) if (v >= min && v <= max) lut[v - min] = 0;
  for (const v of b.high) if (v >= min && v <= max) lut[v - min] = 2;
  return lut;
}

/** The journey analysis of a survey (see the file header). */
export function journeySurvey(s: Survey, spec: JourneySpec): JourneyResult {
  return journeyWithRows(s, spec).result;
}

/** journeySurvey plus the outcome per row and the --where mask (for comments per touchpoint). */
export function journeyWithRows(s: Survey, spec: JourneySpec): { result: JourneyResult; y: Float64Array; mask: Uint8Array } {
  const warnings: Bilingual[] = [];
  if (spec.touchpoints.length === 0) throw inputError('journey: no touchpoints; add stages with touchpoints to journey in cx.yaml.', 'journey：没有触点；请在 cx.yaml 的 journey 中添加阶段和触点。');
  const missing: MissingMode = spec.missing ?? 'listwise';
  const theta = spec.theta ?? 0.2;
  const rule = spec.rule ?? 'ia';
  const alpha = spec.alpha ?? 0.05;
  const minBase = spec.minBase ?? 30;
  const n = s.nRows;
  const mask = whereMask(s, spec.where);
  let rowsFiltered = 0;
  for (let i = 0; i < n; i++) rowsFiltered += mask[i]!;
  if (rowsFiltered === 0) {
    throw inputError(
      `${s.source.join(', ')}: no responses to analyse${spec.where ? ` (no row matches --where ${spec.where})` : ''}.`,
      `${s.source.join('，')}：没有可分析的答卷${spec.where ? `（没有符合 --where ${spec.where} 的行）` : ''}。`,
    );
  }
  const out = readOutcome(s, spec.outcome, mask, rowsFiltered);
  const na = naMatcher(spec.na);
  const tps = spec.touchpoints.map((tp) => readTouchpoint(s, tp, mask, rowsFiltered, na));
  // The accounting rule: > 5% unreadable answers in a column is exit 2 (naming values, rows and the cx.yaml fix).
  warnings.push(...checkUnreadable([out.accounting, ...tps.map((t) => t.accounting)], spec.allowUnreadable));
  const bandSource = spec.bands ? 'cx.yaml journey.bands' : spec.bandPreset === 'extremes' ? 'bottom/top box (extremes)' : spec.bandPreset === 'nps' ? 'NPS bands 0–6 / 7–8 / 9–10' : 'default per scale (METHODS-touchpoints §2.1)';
  const metas: TouchpointMeta[] = spec.touchpoints.map((tp, j) => {
    const { min, max } = tps[j]!;
    let b = defaultBands(min, max, spec.bandPreset ?? 'default');
    if (spec.bands) {
      const pts = Array.from({ length: max - min + 1 }, (_, o) => min + o);
      const low = pts.filter((v) => spec.bands!.low.includes(v));
      const high = pts.filter((v) => spec.bands!.high.includes(v));
      b = { low, high, ref: pts.filter((v) => !low.includes(v) && !high.includes(v)) };
      if (!low.length || !high.length || !b.ref.length) {
        throw inputError(
          `touchpoint "${tp.name}": journey.bands (low ${spec.bands.low.join(', ')}; high ${spec.bands.high.join(', ')}) leave${!b.ref.length ? ' no middle (reference) band' : ` no ${!low.length ? 'low' : 'high'} band`} on its scale ${min}–${max}; fix bands in cx.yaml.`,
          `触点 "${tp.name}"：journey.bands（low ${spec.bands.low.join('、')}；high ${spec.bands.high.join('、')}）在其量表 ${min}–${max} 上${!b.ref.length ? '没有中间（参照）区间' : `没有${!low.length ? '低分' : '高分'}区间`}；请修正 cx.yaml 中的 bands。`,
        );
      }
    }
    return { stage: tp.stage, stageOrder: tp.stageOrder, touchpoint: tp.name, column: tps[j]!.account.column, owner: tp.owner, target: tp.target, min, max, ...b };
  });
  const scales: TouchpointScale[] = metas.map((m) => ({ min: m.min, max: m.max, bands: bandLut(m.min, m.max, m) }));

  // Cells: finest (group g, period p) with g = G / p = P for "no group" / "no date"; margins are sums.
  const groups = spec.by && spec.by.length ? groupCodes(s, spec.by) : undefined;
  let periods: { codes: Int32Array; labels: string[] } | undefined;
  let dateColumn: string | undefined;
  if (spec.period) {
    dateColumn = findDateColumn(s, spec.date);
    periods = columnPeriodCodes(s.columns.get(dateColumn)!, spec.period);
  }
  const G = groups ? groups.keys.length : 0;
  const P = periods ? periods.labels.length : 0;
  const cell = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (!mask[i]) {
      cell[i] = -1;
      continue;
    }
    const g = groups ? groups.codes[i]! : 0;
    let p = periods ? periods.codes[i]! : 0;
    if (p < 0) p = P;
    cell[i] = g * (P + 1) + p;
  }
  const finest = accumulate(out.values, tps.map((t) => t.values), scales, cell, Math.max(G, 1) * (P + 1));
  const total = emptyStats(scales);
  const groupStats: JourneyStats[] = Array.from({ length: G }, () => emptyStats(scales));
  const periodStats: JourneyStats[] = Array.from({ length: P }, () => emptyStats(scales));
  finest.forEach((st, c) => {
    addStats(total, st);
    const g = Math.floor(c / (P + 1));
    const p = c % (P + 1);
    if (groups) addStats(groupStats[g]!, st);
    if (periods && p < P) addStats(periodStats[p]!, st);
  });

  // Outcome checks on the analysis rows.
  const k = 1 + 2 * metas.length;
  const nUsed = missing === 'listwise' ? total.n : Math.max(...total.pwN.map((b) => b[0]! + b[1]! + b[2]!));
  if (missing === 'listwise' && total.n < k + 1) {
    throw inputError(
      `Only ${total.n} responses answer the outcome ${out.id} and all ${metas.length} touchpoints; the penalty–reward model needs at least ${k + 1} (${metas.length} touchpoints × 2 bands + 2). Use --missing pairwise, remove touchpoints or add data.`,
      `只有 ${total.n} 份答卷同时回答了结果变量 ${out.id} 和全部 ${metas.length} 个触点；奖惩模型至少需要 ${k + 1} 份（${metas.length} 个触点 × 2 个区间 + 2）。可使用 --missing pairwise、减少触点或增加数据。`,
    );
  }
  if (nUsed === 0) {
    throw inputError(`journey.outcome: column ${out.id} has no answers together with the touchpoints.`, `journey.outcome：列 ${out.id} 没有与触点同时作答的答案。`);
  }
  const varY = missing === 'listwise' ? total.yty - (total.dty[0]! * total.dty[0]!) / total.n : NaN;
  const constant = missing === 'listwise' ? !(varY > 1e-12 * Math.max(1, total.yty)) : total.pwSyy.every((b, j) => {
    const nn = total.pwN[j]![0]! + total.pwN[j]![1]! + total.pwN[j]![2]!;
    const sy = total.pwSy[j]![0]! + total.pwSy[j]![1]! + total.pwSy[j]![2]!;
    return !(b[0]! + b[1]! + b[2]! - (sy * sy) / nn > 1e-12);
  });
  if (constant) {
    const v = total.n > 0 ? total.dty[0]! / total.n : NaN;
    throw inputError(
      `journey.outcome: column ${out.id} has the same value${Number.isFinite(v) ? ` (${v})` : ''} for every response analysed; a constant outcome cannot show what the touchpoints do. Choose another outcome or widen --where.`,
      `journey.outcome：列 ${out.id} 在所有分析答卷中取值相同${Number.isFinite(v) ? `（${v}）` : ''}；常数结果变量无法反映触点的作用。请换一个结果变量或放宽 --where。`,
    );
  }
  // A touchpoint with an empty low or high band in the whole analysis cannot be placed: say which.
  if (!spec.keepEmptyBands) {
    metas.forEach((m, j) => {
      const nb = missing === 'listwise' ? [total.dtd[(1 + 2 * j) * k + 1 + 2 * j]!, 0, total.dtd[(2 + 2 * j) * k + 2 + 2 * j]!] : [total.pwN[j]![0]!, 0, total.pwN[j]![2]!];
      const empty = nb[0] === 0 ? 'low' : nb[2] === 0 ? 'high' : undefined;
      if (empty) {
        const pts = empty === 'low' ? m.low : m.high;
        throw inputError(
          `touchpoint "${m.touchpoint}" (column ${m.column}): no analysed response is in its ${empty} band (${pts.join(', ')} on ${m.min}–${m.max}), so its ${empty === 'low' ? 'penalty' : 'reward'} cannot be estimated; widen journey.bands, remove the touchpoint, or pass --keep-empty-bands to fit it with that effect set to 0.`,
          `触点 "${m.touchpoint}"（列 ${m.column}）：没有分析样本落在其${empty === 'low' ? '低分' : '高分'}区间（${m.min}–${m.max} 量表上的 ${pts.join('、')}），无法估计其${empty === 'low' ? '惩罚' : '奖励'}效应；请放宽 journey.bands、删除该触点，或加 --keep-empty-bands 将该效应设为 0 后拟合。`,
        );
      }
    });
  }

  const eo: EstimateOptions = { missing, theta, rule, alpha, minBase };
  const overall = estimateJourney(total, metas, eo);
  const bandsOf = (m: TouchpointMeta) => ({ low: m.low, ref: m.ref, high: m.high });
  const result: JourneyResult = {
    metric: 'journey',
    outcome: out.id,
    outcomeLabel: out.label,
    outcomeKind: out.kind,
    ...(spec.outcome.positive?.length ? { positive: spec.outcome.positive } : {}),
    rows: n,
    rowsFiltered,
    // Pairwise: the largest per-touchpoint base (each touchpoint's own n is in touchpoints[].n).
    n: missing === 'listwise' ? overall.est.n : nUsed,
    nDropped: rowsFiltered - (missing === 'listwise' ? overall.est.n : nUsed),
    dropped: { outcomeMissing: 0, touchpointMissing: 0 },
    missing,
    coding: bandsOf(metas[0]!),
    bandSource,
    theta,
    rule,
    alpha,
    minBase,
    r2: overall.est.r2,
    adjR2: overall.est.adjR2,
    intercept: overall.est.intercept,
    rwR2: overall.est.rwR2,
    grandMean: overall.est.grandMean,
    meanRiocs: overall.est.meanRiocs,
    touchpoints: overall.est.touchpoints.map((r, j) => ({ ...r, bands: bandsOf(metas[j]!) })),
    stages: [],
    method: {
      model: missing === 'listwise'
        ? `one OLS of the outcome on low/high band dummies of every touchpoint (middle band = reference), raw coefficients; listwise deletion over the outcome and all touchpoints`
        : `one OLS per touchpoint of the outcome on its low/high band dummies (middle band = reference), raw coefficients; rows with that touchpoint and the outcome (pairwise)`,
      outcome: out.kind === 'binary' ? 'a 0/1 outcome: linear probability model (effects in probability points)' : 'numeric outcome used as it is',
      score: 'mean with a t-based 95% CI and the top-2 share (the two highest scale points), on the rows of the model',
      importance: 'RIOCS = |b_low| + |b_high| (range of impact, Mikulić & Prebežac 2008); Johnson (2000) relative weights of the raw ratings (listwise rows)',
      category: rule === 'ia'
        ? `IA = (R − P)/(R + P); basic if IA < −${theta}, excitement if IA > ${theta}, else performance`
        : rule === 'ratio' ? 'ratio rule ρ = R/P: excitement if ρ > 1.1, basic if ρ < 0.9, else performance (Füller & Matzler 2008)'
        : `significance rule at α = ${alpha}: only the penalty significant → basic, only the reward → excitement, both → performance, neither → indifferent`,
      aipa: 'performance split at the mean of the touchpoint means × category; priority LB > LP > LE > HB > HP > HE',
      labels: '痛点 = basic (pain), 痒点 = performance (itch; a house convention), 爽点 = excitement (delight)',
      bands: bandSource,
    },
    accounting: [out.accounting, ...tps.map((t) => t.accounting)],
    answers: { outcome: out.account, touchpoints: tps.map((t) => t.account) },
    warnings,
  };
  // Why rows were dropped (listwise): no outcome, or some touchpoint missing.
  if (missing === 'listwise') {
    let noY = 0;
    for (let i = 0; i < n; i++) if (mask[i] && out.values[i] !== out.values[i]) noY++;
    result.dropped = { outcomeMissing: noY, touchpointMissing: rowsFiltered - overall.est.n - noY };
  }
  // Stage summaries (mean of the touchpoint means).
  const stageMap = new Map<string, JourneyResult['stages'][number]>();
  for (const r of result.touchpoints) {
    let st = stageMap.get(r.stage);
    if (!st) stageMap.set(r.stage, (st = { stage: r.stage, stageOrder: r.stageOrder, touchpoints: [], mean: 0, n: 0 }));
    st.touchpoints.push(r.touchpoint);
  }
  for (const st of stageMap.values()) {
    const rs = result.touchpoints.filter((r) => r.stage === st.stage);
    st.mean = rs.reduce((a, r) => a + r.mean, 0) / rs.length;
    st.n = Math.max(...rs.map((r) => r.n));
  }
  result.stages = [...stageMap.values()];
  if (spec.where) result.where = spec.where;

  if (groups) {
    result.by = groups.columns;
    const effectsByGroup: EffectCov[][] = [];
    result.groups = groupStats.flatMap((st, g) => {
      const rowsIn = st.n;
      if (rowsIn === 0 && st.pwN.every((b) => b[0]! + b[1]! + b[2]! === 0)) return [];
      const e = estimateJourney(st, metas, eo);
      effectsByGroup.push(e.effects);
      return [{ key: groups.keys[g]!, n: e.est.n, r2: e.est.r2, touchpoints: e.est.touchpoints }];
    });
    const name = (key: Record<string, string | null>) => groups.columns.map((c) => key[c] ?? '(missing)').join(' / ');
    result.segmentTests = metas.map((m, j) => {
      const cats: Record<string, Category | null> = {};
      for (const gr of result.groups!) cats[name(gr.key)] = gr.touchpoints[j]!.category;
      const h = heterogeneity(effectsByGroup.map((e) => e[j]!));
      const distinct = new Set(Object.values(cats).filter((c) => c !== null));
      return { touchpoint: m.touchpoint, categories: cats, differs: distinct.size > 1, chi2: h?.chi2 ?? null, df: h?.df ?? null, p: h?.p ?? null, segments: h?.segments ?? 0 };
    });
    for (const gr of result.groups) {
      if (gr.n < minBase) warnings.push({ en: `segment ${name(gr.key)}: model on ${gr.n} responses (< ${minBase}); read its categories with care`, zh: `分组 ${name(gr.key)}：模型仅基于 ${gr.n} 份答卷（< ${minBase}），其分类请谨慎解读` });
    }
  }
  if (periods) {
    result.period = spec.period;
    result.dateColumn = dateColumn;
    let prev: NonNullable<JourneyResult['periods']>[number] | undefined;
    result.periods = periodStats.flatMap((st, p) => {
      if (st.n === 0 && st.pwN.every((b) => b[0]! + b[1]! + b[2]! === 0)) return [];
      const e = estimateJourney(st, metas, eo);
      const row: NonNullable<JourneyResult['periods']>[number] = { period: periods!.labels[p]!, n: e.est.n, r2: e.est.r2, touchpoints: e.est.touchpoints };
      if (spec.compare === 'previous' && prev) {
        const against = prev.period;
        row.touchpoints = row.touchpoints.map((t, j) => {
          const c = meanChange(t, prev!.touchpoints[j]!, alpha);
          return c ? { ...t, change: { against, ...c } } : t;
        });
      }
      prev = row;
      return [row];
    });
    if (spec.compare === 'previous' && result.periods.length >= 2) {
      const last = result.periods[result.periods.length - 1]!;
      result.touchpoints.forEach((t, j) => {
        const c = last.touchpoints[j]!.change;
        if (c) t.change = { period: last.period, ...c };
      });
    }
  }
  // Accounting warnings (every unreadable answer is counted, with examples).
  for (const a of [result.answers.outcome, ...result.answers.touchpoints]) {
    const bad = a.outOfScale; // unreadable answers: the shared rule's warning (checkUnreadable) says it
    if (bad > 0) {
      const who = a.touchpoint ? `touchpoint "${a.touchpoint}" (${a.column})` : `outcome ${a.column}`;
      const whoZh = a.touchpoint ? `触点 "${a.touchpoint}"（${a.column}）` : `结果变量 ${a.column}`;
      const ex = a.examples.slice(0, 3).map((e) => JSON.stringify(e)).join(', ');
      warnings.push({
        en: `${who}: ${bad} answer(s) off the scale or not whole treated as missing, first at responses ${a.firstBadRows.join(', ')}: ${ex}`,
        zh: `${whoZh}：${bad} 个超出量表或非整数的答案按缺失处理，最早在第 ${a.firstBadRows.join('、')} 条答卷：${ex}`,
      });
    }
  }
  const flagged = result.touchpoints.filter((t) => !t.signsOk).map((t) => t.touchpoint);
  if (flagged.length) {
    warnings.push({
      en: `sign anomalies (a penalty that raises the outcome or a reward that lowers it) for ${flagged.map((f) => `"${f}"`).join(', ')}: review before acting on their category (correlated touchpoints?)`,
      zh: `${flagged.map((f) => `"${f}"`).join('、')} 出现符号异常（惩罚使结果升高或奖励使结果降低）：按其分类行动前请复核（触点之间相关？）`,
    });
  }
  return { result, y: out.values, mask };
}
