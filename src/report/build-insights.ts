// What a reader needs first, derived from the finished report model: targets next to each KPI, partial
// periods flagged, the method-and-sample section, the alerts block and the executive-summary headlines.
// Pure: every sentence is built from numbers already in the model (tests check they agree).
import type { Survey } from '../dataset/types.js';
import type { CxConfig, ThresholdConfig } from '../config/schema.js';
import type { Alert, DateWindow, Headline, Kpi, MetricName, ReportModel } from './model.js';
import { MIN_BASE } from './build-studies.js';
import { UNSTABLE_N } from './build-kpis.js';
import { dayNumber } from './period-window.js';

type T = (en: string, zh: string) => string;

/** Decimals a KPI value is shown with: 2 for a mean on a short scale (CES mean), 1 otherwise. */
export function digitsOf(k: Pick<Kpi, 'unit'>): number {
  return k.unit === 'mean' ? 2 : 1;
}

/** Fixed decimals, never "-0.0". */
export function fx(v: number, d = 1): string {
  const s = v.toFixed(d);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}

/** Signed fixed decimals: "+3.0", "-3.0", "0.0" (sign of the value as displayed). */
export function sx(v: number, d = 1): string {
  const s = fx(v, d);
  return Number(s) > 0 ? `+${s}` : s;
}

export function pText(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/** A KPI value with its unit: "31.5", "72.4%", "5.63". */
export function kpiValueText(k: Pick<Kpi, 'unit'>, v: number): string {
  return `${fx(v, digitsOf(k))}${k.unit === '%' ? '%' : ''}`;
}

/** The threshold for a KPI in cx.yaml `thresholds` (keys `nps`, `nps.value`; a number is a minimum). */
export function targetFor(metric: MetricName, th: Record<string, ThresholdConfig> | undefined): { min?: number; max?: number } | undefined {
  const v = th?.[metric] ?? th?.[`${metric}.value`];
  if (v === undefined) return undefined;
  if (typeof v === 'number') return { min: v };
  const out: { min?: number; max?: number } = {};
  if (v.min !== undefined) out.min = v.min;
  if (v.max !== undefined) out.max = v.max;
  return out.min === undefined && out.max === undefined ? undefined : out;
}

export function meetsTarget(v: number, t: { min?: number; max?: number }): boolean {
  return (t.min === undefined || v >= t.min) && (t.max === undefined || v <= t.max);
}

/** "≥ 20", "≤ 15", "20 – 40" (in the KPI's unit). */
export function targetText(k: Pick<Kpi, 'unit'>, t: { min?: number; max?: number }): string {
  const u = k.unit === '%' ? '%' : '';
  const d = digitsOf(k);
  const f = (x: number) => `${Number.isInteger(x) ? String(x) : fx(x, d)}${u}`;
  if (t.min !== undefined && t.max !== undefined) return `${f(t.min)} – ${f(t.max)}`;
  return t.min !== undefined ? `≥ ${f(t.min)}` : `≤ ${f(t.max!)}`;
}

/** Marks windows the data covers only partly (data starts after the first day or ends before the last). */
export function markPartial(w: DateWindow, first: string, last: string): boolean {
  if (w.kind === 'all' || !first || !last) return false;
  const s = first > w.start ? first : w.start;
  const e = last < w.end ? last : w.end;
  if (s > e) return false; // no data in the window at all (a note says so elsewhere)
  // The data ends before the window does (the window is still open), or starts well into it (more than a
  // tenth of the window uncovered: a survey that started on day 2 of a quarter is not a partial quarter).
  const len = dayNumber(w.end) - dayNumber(w.start) + 1;
  const lateStart = dayNumber(s) - dayNumber(w.start) > len / 10;
  if (e === w.end && !lateStart) return false;
  w.partial = true;
  w.coveredStart = s;
  w.coveredEnd = e;
  return true;
}

export function addInsights(model: ReportModel, s: Survey, cfg: CxConfig, t: T): void {
  // Targets next to each KPI.
  for (const k of model.kpis) {
    const tg = targetFor(k.metric, cfg.thresholds);
    if (!tg) continue;
    k.target = tg;
    if (Number.isFinite(k.value)) k.targetMet = meetsTarget(k.value, tg);
  }

  // Partial periods: a window the data only partly covers is compared with full ones; say so.
  const range = model.meta.dataRange;
  if (range) {
    const { period, comparison } = model.meta;
    if (markPartial(period, range.first, range.last))
      model.notes.push({ section: 'general', text: t(`The data covers only ${period.coveredStart} to ${period.coveredEnd} of ${period.label}: it is a partial period, compared with ${comparison ? 'a full one' : 'nothing'}; read changes with care.`, `数据只覆盖 ${period.label} 中的 ${period.coveredStart} 至 ${period.coveredEnd}：这是不完整的时间段${comparison ? '，却与完整时间段对比' : ''}；解读变化时请谨慎。`) });
    if (comparison && markPartial(comparison, range.first, range.last))
      model.notes.push({ section: 'general', text: t(`The comparison period ${comparison.label} is partial (data from ${comparison.coveredStart} to ${comparison.coveredEnd} only).`, `对比时间段 ${comparison.label} 不完整（数据仅覆盖 ${comparison.coveredStart} 至 ${comparison.coveredEnd}）。`) });
    const partialPoints: string[] = [];
    for (const p of model.trends?.points ?? []) {
      const w: DateWindow = { label: p.period, kind: model.trends!.grain, start: p.start, end: p.end };
      if (markPartial(w, range.first, range.last)) {
        p.partial = true;
        partialPoints.push(p.period);
      }
    }
    if (partialPoints.length)
      model.notes.push({ section: 'trends', text: t(`Partial periods in the trend (the data does not cover them fully): ${partialPoints.join(', ')}; marked "(partial)".`, `趋势中的不完整时间段（数据未完全覆盖）：${partialPoints.join('、')}；已标注"（不完整）"。`) });
  }

  model.method = methodSection(model, s, t);
  model.alerts = alerts(model, t);
  model.headlines = headlines(model, t).map((h) => ({ ...h, text: h.text.charAt(0).toUpperCase() + h.text.slice(1) }));
}

function methodSection(model: ReportModel, s: Survey, t: T): NonNullable<ReportModel['method']> {
  const excl = new Map<string, number>();
  let read = 0;
  let kept = 0;
  for (const e of s.log ?? []) {
    read += e.rowsRead;
    kept += e.rowsKept;
    for (const x of e.exclusions) excl.set(x.reason, (excl.get(x.reason) ?? 0) + x.count);
  }
  const m: NonNullable<ReportModel['method']> = {
    n: model.meta.n,
    bases: model.kpis.map((k) => ({ metric: k.metric, name: k.name, n: k.n, moe95: k.moe95, unit: k.unit })),
    exclusions: [...excl.entries()].filter(([, c]) => c > 0).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([reason, count]) => ({ reason, count })),
    statistics: [
      t('95% confidence intervals: adjusted Wald for NPS, Agresti–Coull for percentages, t for means.', '95% 置信区间：NPS 用调整 Wald 法，百分比用 Agresti–Coull 法，均值用 t 分布。'),
      t('Changes and segment differences: two-sided tests on independent samples at the 5% level; a segment is compared with all other respondents of the period.', '变化与细分差异：独立样本双侧检验，显著性水平 5%；每个细分群体与本期其余答卷者比较。'),
      t(`Bases below ${UNSTABLE_N} answers are flagged as small; Kano and SERVQUAL need ${MIN_BASE.kano}, key drivers max(${MIN_BASE.drivers}, ${MIN_BASE.driversPerItem} per driver) complete answers, else the section is left out.`, `样本量少于 ${UNSTABLE_N} 标注为"样本量小"；Kano 与 SERVQUAL 至少需要 ${MIN_BASE.kano} 个答案，关键驱动因素至少需要 max(${MIN_BASE.drivers}, 每个驱动因素 ${MIN_BASE.driversPerItem} 个) 完整答案，否则省略该部分。`),
    ],
    minBase: { small: UNSTABLE_N, kano: MIN_BASE.kano, servqual: MIN_BASE.servqual, drivers: MIN_BASE.drivers },
  };
  if (model.meta.nComparison !== undefined) m.nComparison = model.meta.nComparison;
  if (read) {
    m.rowsRead = read;
    m.rowsKept = kept;
  }
  return m;
}

/** "rose"/"fell" for a change, with the sign shown separately. */
function moved(v: number, t: T): string {
  return v > 0 ? t('rose', '上升') : t('fell', '下降');
}

function alerts(model: ReportModel, t: T): Alert[] {
  const out: Alert[] = [];
  const cmp = model.meta.comparison?.label ?? t('the previous period', '上期');
  for (const k of model.kpis) {
    if (k.significant && k.change !== undefined) {
      const good = k.metric === 'ces' && k.unit === 'mean' ? undefined : k.change > 0;
      out.push({
        kind: 'significant-change',
        tone: good === undefined ? 'info' : good ? 'good' : 'bad',
        metric: k.metric,
        value: k.change,
        text: t(
          `${k.name} ${moved(k.change, t)} significantly: ${kpiValueText(k, k.value)} (${sx(k.change, digitsOf(k))} vs ${cmp}; ${pText(k.p!)}; n = ${k.n}).`,
          `${k.name} 显著${moved(k.change, t)}：${kpiValueText(k, k.value)}（较 ${cmp} ${sx(k.change, digitsOf(k))}；${pText(k.p!)}；n = ${k.n}）。`,
        ),
      });
    }
  }
  for (const k of model.kpis) {
    if (k.target && k.targetMet === false)
      out.push({
        kind: 'target-missed',
        tone: 'bad',
        metric: k.metric,
        value: k.value,
        text: t(`${k.name} ${kpiValueText(k, k.value)} misses its target ${targetText(k, k.target)} (n = ${k.n}).`, `${k.name} ${kpiValueText(k, k.value)} 未达成目标 ${targetText(k, k.target)}（n = ${k.n}）。`),
      });
  }
  const { n, nComparison } = model.meta;
  if (nComparison !== undefined && nComparison > 0) {
    const pct = (100 * (n - nComparison)) / nComparison;
    out.push({
      kind: 'volume',
      tone: pct <= -30 ? 'bad' : 'info',
      value: pct,
      text: t(`Responses: ${n} vs ${nComparison} in ${cmp} (${sx(pct, 0)}%).`, `答卷量：${n} 份，${cmp} 为 ${nComparison} 份（${sx(pct, 0)}%）。`),
    });
  }
  const rise = topDetractorRise(model);
  if (rise)
    out.push({ kind: 'theme-rise', tone: 'bad', metric: rise.key, value: rise.detractors!.change, text: themeRiseText(rise, t) });
  return out;
}

function topDetractorRise(model: ReportModel) {
  const rows = (model.themes?.themes ?? []).filter((r) => !r.net && r.detractors?.significant && (r.detractors.change ?? 0) > 0);
  rows.sort((a, b) => b.detractors!.change! - a.detractors!.change! || (a.name < b.name ? -1 : 1));
  return rows[0];
}

function themeRiseText(r: NonNullable<ReturnType<typeof topDetractorRise>>, t: T): string {
  const d = r.detractors!;
  return t(
    `Among detractors, "${r.name}" rose ${fx(d.change!, 1)} points to ${fx(d.pct, 1)}% of comments (from ${fx(d.previousPct!, 1)}%; ${pText(d.p!)}; n = ${d.n} detractors with a comment).`,
    `贬损者中提及"${r.name}"的比例上升 ${fx(d.change!, 1)} 个百分点，达 ${fx(d.pct, 1)}%（上期 ${fx(d.previousPct!, 1)}%；${pText(d.p!)}；n = ${d.n} 位留言的贬损者）。`,
  );
}

function headlines(model: ReportModel, t: T): Headline[] {
  const out: Headline[] = [];
  const cmp = model.meta.comparison?.label ?? t('the previous period', '上期');
  // 1. Significant KPI changes.
  for (const k of model.kpis) {
    if (!k.significant || k.change === undefined) continue;
    const d = digitsOf(k);
    const ci = k.changeCi95 ? t(`95% CI ${sx(k.changeCi95[0], d)} to ${sx(k.changeCi95[1], d)}; `, `95% 置信区间 ${sx(k.changeCi95[0], d)} 至 ${sx(k.changeCi95[1], d)}；`) : '';
    const unit = k.unit === '%' ? t(' points', ' 个百分点') : k.unit === 'points' ? t(' points', ' 分') : '';
    out.push({
      kind: 'kpi-change', metric: k.metric, value: k.change, ci95: k.changeCi95, p: k.p, n: k.n, section: 'kpis',
      text: t(
        `${k.name} ${moved(k.change, t)} ${fx(Math.abs(k.change), d)}${unit} to ${kpiValueText(k, k.value)} vs ${cmp} (${ci}${pText(k.p!)}; n = ${k.n} vs ${k.previousN}).`,
        `${k.name} 较 ${cmp} ${moved(k.change, t)} ${fx(Math.abs(k.change), d)}${unit}，达 ${kpiValueText(k, k.value)}（${ci}${pText(k.p!)}；n = ${k.n}，上期 ${k.previousN}）。`,
      ),
    });
  }
  // 2. Targets missed.
  for (const k of model.kpis) {
    if (!k.target || k.targetMet !== false || !(k.n > 0)) continue;
    const ci = k.ci95 ? t(`95% CI ${fx(k.ci95[0], digitsOf(k))} to ${fx(k.ci95[1], digitsOf(k))}; `, `95% 置信区间 ${fx(k.ci95[0], digitsOf(k))} 至 ${fx(k.ci95[1], digitsOf(k))}；`) : '';
    out.push({
      kind: 'target-missed', metric: k.metric, value: k.value, ci95: k.ci95, n: k.n, section: 'kpis',
      text: t(
        `${k.name} is ${kpiValueText(k, k.value)}, missing its target of ${targetText(k, k.target)} (${ci}n = ${k.n}).`,
        `${k.name} 为 ${kpiValueText(k, k.value)}，未达成目标 ${targetText(k, k.target)}（${ci}n = ${k.n}）。`,
      ),
    });
  }
  // 3. The segment furthest from the rest (significant, not a small base), on the first KPI.
  const k0 = model.kpis[0];
  if (k0 && model.segments) {
    let best: { seg: string; label: string; value: string; n: number; v: number; diff: number; p: number } | undefined;
    for (const seg of model.segments)
      for (const r of seg.rows) {
        const vr = r.vsRest?.[k0.metric];
        const v = r.values[k0.metric];
        if (!vr || !vr.significant || r.unstable || v === undefined) continue;
        if (!best || Math.abs(vr.diff) > Math.abs(best.diff)) best = { seg: seg.column, label: seg.label || seg.column, value: r.value, n: r.n, v, diff: vr.diff, p: vr.p };
      }
    if (best) {
      const d = digitsOf(k0);
      const unit = k0.unit === '%' ? t(' points', ' 个百分点') : k0.unit === 'points' ? t(' points', ' 分') : '';
      out.push({
        kind: 'segment', metric: `${best.seg}=${best.value}`, value: best.diff, p: best.p, n: best.n, section: 'segments',
        text: t(
          `${best.label} "${best.value}" stands out: ${k0.name} ${kpiValueText(k0, best.v)}, ${fx(Math.abs(best.diff), d)}${unit} ${best.diff < 0 ? 'below' : 'above'} the other respondents (${pText(best.p)}; n = ${best.n}).`,
          `${best.label}"${best.value}"最为突出：${k0.name} 为 ${kpiValueText(k0, best.v)}，比其余答卷者${best.diff < 0 ? '低' : '高'} ${fx(Math.abs(best.diff), d)}${unit}（${pText(best.p)}；n = ${best.n}）。`,
        ),
      });
    }
  }
  // 4. The top "concentrate here" driver.
  const dr = model.drivers;
  const top = dr?.drivers.filter((r) => r.quadrant === 'concentrate').sort((a, b) => b.weightPct - a.weightPct)[0];
  if (dr && top) {
    const outcomeKpi = model.kpis.find((k) => k.label === dr.outcome);
    const pu = dr.performanceUnit === '%';
    const perf = pu ? `${fx(top.performance, 1)}%` : fx(top.performance, 2);
    out.push({
      kind: 'driver', metric: top.driver, value: top.weightPct, n: dr.n, section: 'drivers',
      text: t(
        `Fix first: ${top.label} explains ${fx(top.weightPct, 1)}% of the explained variation in ${outcomeKpi ? outcomeKpi.name : dr.outcome.length > 40 ? 'the outcome' : `"${dr.outcome}"`} and performs below average (${perf}; R² = ${fx(dr.r2, 2)}; n = ${dr.n}).`,
        `优先改进：${top.label} 占${outcomeKpi ? ` ${outcomeKpi.name} ` : ''}可解释差异的 ${fx(top.weightPct, 1)}%，且表现低于平均（${perf}；R² = ${fx(dr.r2, 2)}；n = ${dr.n}）。`,
      ),
    });
  }
  // 5. The theme with the largest significant rise among detractors.
  const rise = topDetractorRise(model);
  if (rise)
    out.push({ kind: 'theme', metric: rise.key, value: rise.detractors!.change, p: rise.detractors!.p, n: rise.detractors!.n, section: 'themes', text: themeRiseText(rise, t) });
  // 6. The theme that pulls the score down most (significant), when there is room.
  const pain = model.themes?.impact?.rows.find((r) => r.kind === 'pain' && r.significant && !r.unstable);
  if (pain && out.length < 6) {
    const m = model.themes!.impact!.metric.toUpperCase();
    const pct = m === 'CSAT' ? '%' : '';
    out.push({
      kind: 'theme-impact', metric: pain.key, value: pain.diff, ci95: pain.ci95, p: pain.p, n: pain.nWith, section: 'themes',
      text: t(
        `Customers who mention "${pain.name}" give ${m} ${fx(pain.with, 1)}${pct} vs ${fx(pain.without, 1)}${pct} for other commenters (${sx(pain.diff, 1)}; 95% CI ${sx(pain.ci95[0], 1)} to ${sx(pain.ci95[1], 1)}; ${pText(pain.p)}; n = ${pain.nWith}).`,
        `提及"${pain.name}"的客户 ${m} 为 ${fx(pain.with, 1)}${pct}，其他留言客户为 ${fx(pain.without, 1)}${pct}（差 ${sx(pain.diff, 1)}；95% 置信区间 ${sx(pain.ci95[0], 1)} 至 ${sx(pain.ci95[1], 1)}；${pText(pain.p)}；n = ${pain.nWith}）。`,
      ),
    });
  }
  // At least three: the KPIs that did not change significantly, as they stand.
  for (const k of model.kpis) {
    if (out.length >= 3) break;
    if (k.significant || !(k.n > 0) || !Number.isFinite(k.value)) continue; // no answers in the period: no headline
    const d = digitsOf(k);
    const ci = k.ci95 ? t(`95% CI ${fx(k.ci95[0], d)} to ${fx(k.ci95[1], d)}; `, `95% 置信区间 ${fx(k.ci95[0], d)} 至 ${fx(k.ci95[1], d)}；`) : '';
    const stable = k.change !== undefined && k.p !== undefined
      ? t(`, no significant change vs ${cmp} (${sx(k.change, d)}; ${pText(k.p)})`, `，较 ${cmp} 无显著变化（${sx(k.change, d)}；${pText(k.p)}）`)
      : '';
    out.push({
      kind: 'kpi', metric: k.metric, value: k.value, ci95: k.ci95, p: k.p, n: k.n, section: 'kpis',
      text: t(`${k.name} is ${kpiValueText(k, k.value)}${stable} (${ci}n = ${k.n}).`, `${k.name} 为 ${kpiValueText(k, k.value)}${stable}（${ci}n = ${k.n}）。`),
    });
  }
  return out.slice(0, 6);
}
