// dataset + cx.yaml + period → ReportModel. Pure orchestration over the metric and text helpers; no
// printing, no clock (generatedAt is the latest response date), so the same data gives the same model.
import path from 'node:path';
import type { Survey } from '../dataset/types.js';
import { getQuestion, strAt } from '../dataset/types.js';
import { accountingLine } from '../dataset/accounting.js';
import { readScores } from '../dataset/select.js';
import type { CxConfig } from '../config/schema.js';
import { applyConfig, resolveRoles } from '../config/apply.js';
import type { CesMethod } from '../metrics/ces.js';
import { inputError } from '../ui/errors.js';
import { REPORT_MODEL_VERSION, type DateWindow, type ReportModel } from './model.js';
import { resolvePeriod, trendWindows } from './period-window.js';
import {
  buildKpi, buildSegments, buildTrends, cellFor, metricSpecs, pick, rowsIn, valuesAt,
} from './build-kpis.js';
import { buildStudies } from './build-studies.js';
import { buildText } from './build-text.js';
import { addInsights } from './build-insights.js';

export interface BuildOptions {
  /** Period spec; default: cx.yaml report.period, else by template (quarterly → last-quarter, else last-week); `all` without dates. */
  period?: string;
  lang: 'en' | 'zh';
  /** Template name for meta (weekly, quarterly, or a file name). */
  template?: string;
  title?: string;
  cesMethod?: CesMethod;
  /** How many verbatims to quote. */
  verbatims?: number;
}

/** Calendar day of each row (`YYYY-MM-DD`), or null when the row has no usable date. */
export function rowDays(s: Survey, dateColumn: string | undefined): (string | null)[] {
  const out: (string | null)[] = new Array(s.nRows).fill(null);
  if (!dateColumn) return out;
  const col = s.columns.get(dateColumn);
  if (!col) return out;
  for (let i = 0; i < s.nRows; i++) {
    const v = strAt(col, i);
    if (v && /^\d{4}-\d{2}-\d{2}/.test(v)) out[i] = v.slice(0, 10);
  }
  return out;
}

function defaultPeriod(cfg: CxConfig, template: string | undefined): string {
  if (cfg.report?.period) return cfg.report.period;
  return template === 'quarterly' ? 'last-quarter' : 'last-week';
}

export async function buildReport(input: Survey, cfg: CxConfig, opts: BuildOptions): Promise<ReportModel> {
  const t = (en: string, zh: string) => (opts.lang === 'zh' ? zh : en);
  let s = applyConfig(input, cfg);
  const roles = resolveRoles(s, cfg);
  const notes: ReportModel['notes'] = [];
  const warnings: string[] = [];
  const days = rowDays(s, roles.date);
  let first = '';
  let last = '';
  let undated = 0;
  for (const d of days) {
    if (d == null) {
      undated++;
      continue;
    }
    if (!first || d < first) first = d;
    if (!last || d > last) last = d;
  }
  const srcName = s.source[0] ? path.basename(s.source[0]) : 'input';

  if (s.nRows === 0)
    throw inputError(
      `${srcName}: the data has no responses to report on (check the export; preview and test rows are excluded).`,
      `${srcName}：数据中没有可报告的答卷（请检查导出文件；预览与测试答卷已排除）。`,
    );
  let spec = opts.period ?? defaultPeriod(cfg, opts.template);
  if (!last) {
    if (opts.period && opts.period !== 'all')
      throw inputError(
        `${srcName}: --period ${opts.period} needs response dates, but no date column was found; set roles.date in cx.yaml or use --period all.`,
        `${srcName}：--period ${opts.period} 需要答卷日期，但未找到日期列；请在 cx.yaml 中设置 roles.date，或使用 --period all。`,
      );
    spec = 'all';
    notes.push({ section: 'general', text: t('The data has no response dates: the report covers all responses, without comparison or trend.', '数据中没有答卷日期：报告覆盖全部答卷，不含对比与趋势。') });
  } else if (undated > 0) {
    warnings.push(t(`${undated} response(s) have no usable date in column ${roles.date} and are left out of every period.`, `${undated} 份答卷的日期列 ${roles.date} 无有效日期，未计入任何时间段。`));
  }
  let { period, comparison } = last
    ? resolvePeriod(spec, last, first)
    : { period: { label: 'all', kind: 'all', start: '', end: '' } as DateWindow, comparison: undefined };

  const allRows = Array.from({ length: s.nRows }, (_, i) => i);
  let rows = last ? rowsIn(days, period) : allRows;
  if (last && rows.length === 0 && !opts.period && !cfg.report?.period) {
    // Default period only (nothing asked for): the data has no complete week/quarter yet → report it all.
    notes.push({ section: 'general', text: t(`The data (${first} to ${last}) has no complete ${period.kind} yet: the report covers all responses.`, `数据（${first} 至 ${last}）中还没有完整的${period.kind === 'week' ? '一周' : period.kind === 'month' ? '一个月' : '一个季度'}：报告覆盖全部答卷。`) });
    ({ period, comparison } = resolvePeriod('all', last, first));
    rows = rowsIn(days, period);
  }
  if (rows.length === 0)
    throw inputError(
      `${srcName}: no responses in period ${period.label} (${period.start} to ${period.end}); the data runs from ${first} to ${last}; choose another --period.`,
      `${srcName}：时间段 ${period.label}（${period.start} 至 ${period.end}）内没有答卷；数据范围为 ${first} 至 ${last}；请换一个 --period。`,
    );
  const prevRows = comparison ? rowsIn(days, comparison) : undefined;
  if (comparison && prevRows!.length === 0)
    notes.push({ section: 'kpis', text: t(`No responses in the comparison period ${comparison.label}: changes are not shown.`, `对比时间段 ${comparison.label} 内没有答卷：不显示变化。`) });

  const weights = roles.weight ? valuesAt(s, roles.weight, allRows) : undefined;
  const specs = metricSpecs(s, roles, opts.cesMethod ?? cfg.report?.cesMethod ?? 'mean');
  if (specs.length === 0)
    notes.push({ section: 'kpis', text: t('No NPS, CSAT or CES question found: set roles.nps / roles.csat / roles.ces in cx.yaml.', '未找到 NPS、CSAT 或 CES 题目：请在 cx.yaml 中设置 roles.nps / roles.csat / roles.ces。') });

  // Every KPI answer goes through the one value reader, as in `cx score` (readScores: "10分", "１０", label
  // scales, cx.yaml values); the period's answers are accounted by it (src/dataset/accounting.ts), and the
  // rest of the report (trends, segments, theme impact, verbatims) sees the read values.
  const periodMask = new Uint8Array(s.nRows);
  for (const i of rows) periodMask[i] = 1;
  const questionOf = (id: string) => getQuestion(s, id) ?? { id, label: id, type: 'number' as const };
  const accounts = specs.map((sp) => readScores(s, questionOf(sp.column), sp.scale.min, sp.scale.max, periodMask).accounting);
  const readCols = new Map(s.columns);
  for (const sp of specs) readCols.set(sp.column, { kind: 'num', values: readScores(s, questionOf(sp.column), sp.scale.min, sp.scale.max).values });
  s = { ...s, columns: readCols };
  for (const a of accounts)
    if (a.excluded.unreadable + a.excluded.outOfScale > 0) warnings.push(t(accountingLine(a, 'en'), accountingLine(a, 'zh')));
  const kpis = specs.map((sp) => {
    const vals = valuesAt(s, sp.column, rows);
    const cur = cellFor(sp, vals, weights && pick(weights, rows));
    const prev = prevRows && prevRows.length ? cellFor(sp, valuesAt(s, sp.column, prevRows), weights && pick(weights, prevRows)) : undefined;
    return buildKpi(sp, cur, prev);
  });
  for (const k of kpis)
    if (k.unstable)
      notes.push({ section: 'kpis', text: t(`${k.name} is based on ${k.n} answers (< 30): treat it as unstable.`, `${k.name} 仅基于 ${k.n} 个答案（< 30）：结果不稳定。`) });

  const model: ReportModel = {
    meta: {
      title: opts.title ?? cfg.report?.title ?? t('Customer experience report', '客户体验报告'),
      lang: opts.lang,
      template: opts.template ?? 'weekly',
      period,
      generatedAt: last,
      source: s.source.map((x) => path.basename(x)),
      n: rows.length,
      modelVersion: REPORT_MODEL_VERSION,
    },
    headlines: [],
    alerts: [],
    kpis,
    notes,
    warnings,
  };
  if (comparison) {
    model.meta.comparison = comparison;
    model.meta.nComparison = prevRows!.length;
  }
  if (last) {
    model.meta.dataRange = { first, last };
    model.meta.dateColumn = roles.date;
  }

  if (last && specs.length) {
    const tw = trendWindows(period, first);
    if (tw.windows.length >= 2) model.trends = buildTrends(s, specs, days, tw.grain, tw.windows, weights);
    else notes.push({ section: 'trends', text: t('Only one period of data: no trend.', '数据只有一个时间段：无趋势。') });
  }
  if (roles.segments.length && specs.length) model.segments = buildSegments(s, specs, roles.segments, rows, prevRows, weights);
  else notes.push({ section: 'segments', text: t('No segment columns (roles.segments in cx.yaml).', '未设置细分列（cx.yaml 中的 roles.segments）。') });

  await buildStudies(model, s, cfg, rows, t);
  if (cfg.journey) await (await import('./build-journey.js')).buildJourney(model, s, cfg, rows, prevRows, t);
  await buildText(model, s, cfg, roles, { rows, prevRows, verbatims: opts.verbatims ?? cfg.report?.verbatims ?? 5, t });
  addInsights(model, s, cfg, t);
  if (model.method && accounts.length) model.method.questions = accounts;
  return model;
}
