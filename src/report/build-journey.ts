// The `journey` section of the report model (touchpoints in journey order with score, target, PRCA effects,
// IA category, AIPA priority and comments) and its renderer-neutral views: the journey map (SVG input), a
// native line chart spec (XLSX/PPTX), the XLSX sheet and the PPTX table rows. Built from cx.yaml journey:
// on the report's rows; a journey that cannot be analysed fails loudly (it was configured).
import type { Survey } from '../dataset/types.js';
import type { CxConfig } from '../config/schema.js';
import type { JourneyResult } from '../metrics/journey-survey.js';
import type { ReportModel } from './model.js';
import type { ChartSpec } from './charts-spec.js';
import type { SheetPlan } from './excel-sections.js';
import type { ColSpec } from './excel-sheet.js';

type Lang = 'en' | 'zh';
type T = (en: string, zh: string) => string;

export interface JourneyTouchpoint {
  stage: string;
  stageOrder: number;
  touchpoint: string;
  column: string;
  owner?: string;
  target?: number;
  targetMet: boolean | null;
  n: number;
  mean: number;
  ci95: [number, number];
  /** Top-2 share in % (0…100, as other report percentages). */
  top2: number;
  bLow: number;
  pLow: number;
  bHigh: number;
  pHigh: number;
  riocs: number;
  riocsPct: number;
  ia: number;
  /** basic | performance | excitement | indifferent | null (no impact). */
  category: string | null;
  /** Category label in meta.lang (痛点 / 痒点 / 爽点, or basic factor (pain point) …). */
  label: string;
  labelZh: string | null;
  aipa: string | null;
  aipaLabel: string | null;
  rwPct: number | null;
  signsOk: boolean;
  flags: string[];
  /** Change of the mean against the comparison window (report period vs the one before). */
  previous?: number;
  change?: number;
  p?: number;
  significant?: boolean;
  comments?: { count: number; pct: number; detractorsPct: number; negative?: number };
}

export interface JourneySection {
  outcome: string;
  outcomeLabel: string;
  n: number;
  nDropped: number;
  r2: number | null;
  theta: number;
  rule: string;
  missing: string;
  grandMean: number;
  scaleMin: number;
  scaleMax: number;
  stages: { stage: string; mean: number; touchpoints: string[] }[];
  touchpoints: JourneyTouchpoint[];
}

const ZH: Record<string, string> = { basic: '痛点', performance: '痒点', excitement: '爽点', indifferent: '无显著影响' };
const EN: Record<string, string> = { basic: 'basic factor (pain point)', performance: 'performance factor (itch point)', excitement: 'excitement factor (delight point)', indifferent: 'indifferent' };
const AIPA: Record<string, { en: string; zh: string }> = {
  LB: { en: 'urgent pain point', zh: '紧急痛点' },
  LP: { en: 'improve', zh: '待提升' },
  LE: { en: 'untapped delight', zh: '待开发爽点' },
  HB: { en: 'basic held', zh: '守住的底线' },
  HP: { en: 'keep up', zh: '保持' },
  HE: { en: 'current delight', zh: '已有爽点' },
};

export function categoryLabel(c: string | null, lang: Lang): string {
  if (!c) return lang === 'zh' ? '无影响' : 'no impact';
  return (lang === 'zh' ? ZH : EN)[c] ?? c;
}

/** The report section from a journey result (and an optional comparison-window result). */
export function journeySection(r: JourneyResult, lang: Lang, prev?: JourneyResult): JourneySection {
  const { diffMeansLite } = helpers;
  return {
    outcome: r.outcome,
    outcomeLabel: r.outcomeLabel,
    n: r.n,
    nDropped: r.nDropped,
    r2: r.r2,
    theta: r.theta,
    rule: r.rule,
    missing: r.missing,
    grandMean: r.grandMean,
    scaleMin: Math.min(...r.touchpoints.map((t) => t.bands.low[0] ?? t.bands.ref[0]!)),
    scaleMax: Math.max(...r.touchpoints.map((t) => t.bands.high[t.bands.high.length - 1] ?? t.bands.ref[t.bands.ref.length - 1]!)),
    stages: r.stages.map((s) => ({ stage: s.stage, mean: s.mean, touchpoints: s.touchpoints })),
    touchpoints: r.touchpoints.map((t, j) => {
      const row: JourneyTouchpoint = {
        stage: t.stage,
        stageOrder: t.stageOrder,
        touchpoint: t.touchpoint,
        column: t.column,
        targetMet: t.targetMet,
        n: t.n,
        mean: t.mean,
        ci95: t.ci95,
        top2: 100 * t.top2,
        bLow: t.bLow,
        pLow: t.pLow,
        bHigh: t.bHigh,
        pHigh: t.pHigh,
        riocs: t.riocs,
        riocsPct: t.riocsPct,
        ia: t.ia,
        category: t.category,
        label: categoryLabel(t.category, lang),
        labelZh: t.labelZh,
        aipa: t.aipa,
        aipaLabel: t.aipa ? AIPA[t.aipa]![lang] : null,
        rwPct: t.rwPct,
        signsOk: t.signsOk,
        flags: t.flags,
      };
      if (t.owner !== undefined) row.owner = t.owner;
      if (t.target !== undefined) row.target = t.target;
      const p = prev?.touchpoints[j];
      if (p && p.n > 1 && t.n > 1) {
        const d = diffMeansLite(t.mean, t.sd, t.n, p.mean, p.sd, p.n);
        row.previous = p.mean;
        row.change = d.diff;
        row.p = d.p;
        row.significant = d.p < 0.05;
      }
      if (t.comments) {
        row.comments = { count: t.comments.count, pct: t.comments.pct, detractorsPct: t.comments.detractors.pct };
        if (t.comments.sentiment) row.comments.negative = t.comments.sentiment.negative;
      }
      return row;
    }),
  };
}

// Filled lazily by buildJourney (keeps this module free of metric imports at load time).
const helpers: { diffMeansLite: (m1: number, s1: number, n1: number, m0: number, s0: number, n0: number) => { diff: number; p: number } } = {
  diffMeansLite: () => ({ diff: NaN, p: NaN }),
};

/** Builds model.journey when cx.yaml has a journey: section (else a note). */
export async function buildJourney(model: ReportModel, s: Survey, cfg: CxConfig, rows: number[], prevRows: number[] | undefined, t: T): Promise<void> {
  if (!cfg.journey) {
    model.notes.push({ section: 'journey', text: t('No customer journey configured (journey: in cx.yaml).', '未配置客户旅程（cx.yaml 中的 journey:）。') });
    return;
  }
  const { subsetSurvey } = await import('./build-studies.js');
  const { flattenJourney, outcomeOf } = await import('../metrics/journey-config.js');
  const { journeyWithRows } = await import('../metrics/journey-survey.js');
  const { diffMeans } = await import('../metrics/proportion.js');
  helpers.diffMeansLite = (m1, s1, n1, m0, s0, n0) => diffMeans({ mean: m1, se: s1 / Math.sqrt(n1), n: n1 }, { mean: m0, se: s0 / Math.sqrt(n0), n: n0 });
  const tps = flattenJourney(cfg.journey);
  const j = cfg.journey;
  const spec = {
    outcome: outcomeOf(j),
    touchpoints: tps,
    ...(j.na ? { na: j.na } : {}),
    ...(j.bands ? { bands: j.bands } : {}),
    ...(j.theta !== undefined ? { theta: j.theta } : {}),
    ...(j.rule ? { rule: j.rule } : {}),
    ...(j.missing ? { missing: j.missing } : {}),
    keepEmptyBands: true,
  };
  const sub = subsetSurvey(s, rows);
  let cur: ReturnType<typeof journeyWithRows>;
  try {
    cur = journeyWithRows(sub, spec);
  } catch (e) {
    // Too few answers in this window (or a constant outcome) is about the data, not the set-up: a note.
    const msg = e instanceof Error ? e.message : '';
    if (/^Only \d+ responses answer|has the same value|has no ratings/.test(msg)) {
      const zh = (e as { zh?: string }).zh ?? msg;
      model.notes.push({ section: 'journey', text: t(`Customer journey omitted: ${msg}`, `客户旅程已省略：${zh}`) });
      return;
    }
    throw e;
  }
  if (cfg.codeframe && tps.some((x) => x.codes?.length)) {
    const { loadCodeframeFile } = await import('../text/codeframe/index.js');
    const { attachComments } = await import('../metrics/journey-comments.js');
    await attachComments(sub, cur.result, tps, cur.y, cur.mask, await loadCodeframeFile(cfg.codeframe), cfg.roles?.text);
  }
  let prev: JourneyResult | undefined;
  if (prevRows && prevRows.length) {
    try {
      prev = journeyWithRows(subsetSurvey(s, prevRows), spec).result;
    } catch {
      prev = undefined; // too few answers in the comparison window: no change shown
    }
  }
  model.journey = journeySection(cur.result, model.meta.lang, prev);
  if (cur.result.n < 30) model.notes.push({ section: 'journey', text: t(`The journey model rests on ${cur.result.n} complete responses (< 30): treat its categories as unstable.`, `客户旅程模型仅基于 ${cur.result.n} 份完整答卷（< 30）：类别结果不稳定。`) });
  const odd = cur.result.touchpoints.filter((x) => !x.signsOk).map((x) => x.touchpoint);
  if (odd.length) model.notes.push({ section: 'journey', text: t(`Sign anomalies (review before acting): ${odd.join(', ')}.`, `符号异常（行动前请复核）：${odd.join('、')}。`) });
}

// ---- views ----

export interface JourneyMapInput {
  title: string;
  subtitle?: string;
  scaleMin: number;
  scaleMax: number;
  targetLabel: string;
  legend: [string, string][];
  touchpoints: { stage: string; touchpoint: string; mean: number; ci95: [number, number]; target?: number; category: string | null; categoryLabel: string; warn: boolean }[];
}

function legend(lang: Lang): [string, string][] {
  return (['basic', 'performance', 'excitement'] as const).map((c) => [c, lang === 'zh' ? `${ZH[c]}（${c === 'basic' ? '基本因素' : c === 'performance' ? '绩效因素' : '兴奋因素'}）` : EN[c]!]);
}

export function journeyMapInput(j: JourneySection, lang: Lang): JourneyMapInput {
  return {
    title: lang === 'zh' ? '客户旅程地图' : 'Customer journey map',
    subtitle: lang === 'zh'
      ? `均值及 95% 置信区间；颜色 = 类别；n = ${j.n}${j.r2 !== null ? `，R² = ${j.r2.toFixed(2)}` : ''}`
      : `Mean with 95% CI; colour = category; n = ${j.n}${j.r2 !== null ? `, R² = ${j.r2.toFixed(2)}` : ''}`,
    scaleMin: j.scaleMin,
    scaleMax: j.scaleMax,
    targetLabel: lang === 'zh' ? '目标' : 'target',
    legend: legend(lang),
    touchpoints: j.touchpoints.map((t) => ({
      stage: t.stage, touchpoint: t.touchpoint, mean: t.mean, ci95: t.ci95, target: t.target, category: t.category, categoryLabel: t.label, warn: !t.signsOk,
    })),
  };
}

export function journeyMapFromResult(r: JourneyResult, lang: Lang): JourneyMapInput {
  return journeyMapInput(journeySection(r, lang), lang);
}

/** A native line chart of the touchpoint means (and targets) for XLSX/PPTX. */
export function journeyChartSpec(model: ReportModel, lang: Lang): ChartSpec | undefined {
  const j = model.journey;
  if (!j) return undefined;
  const series = [{ name: lang === 'zh' ? '均值' : 'Mean', values: j.touchpoints.map((t) => (Number.isFinite(t.mean) ? t.mean : null)) }];
  if (j.touchpoints.some((t) => t.target !== undefined)) series.push({ name: lang === 'zh' ? '目标' : 'Target', values: j.touchpoints.map((t) => t.target ?? null) });
  return {
    kind: 'line',
    id: 'journey',
    title: lang === 'zh' ? '客户旅程地图' : 'Customer journey map',
    categories: j.touchpoints.map((t) => `${t.touchpoint} · ${lang === 'zh' ? (t.category ? ZH[t.category] : '—') : t.category ?? '—'}`),
    series,
    yLabel: lang === 'zh' ? '均值' : 'Mean',
    format: 'num',
  };
}

/** The Journey sheet of the XLSX report. */
export function journeySheet(model: ReportModel, lang: Lang): SheetPlan | undefined {
  const j = model.journey;
  if (!j) return undefined;
  const tr = (en: string, zh: string) => (lang === 'zh' ? zh : en);
  const columns: ColSpec[] = [
    { key: 'stage', header: tr('Stage', '阶段'), format: 'text' },
    { key: 'touchpoint', header: tr('Touchpoint', '触点'), format: 'text', width: 28 },
    { key: 'owner', header: tr('Owner', '负责人'), format: 'text' },
    { key: 'n', header: 'n', format: 'int' },
    { key: 'mean', header: tr('Mean', '均值'), format: 'num2' },
    { key: 'lo', header: tr('CI 95% low', '95% 置信下限'), format: 'num2' },
    { key: 'hi', header: tr('CI 95% high', '95% 置信上限'), format: 'num2' },
    { key: 'top2', header: tr('Top-2 %', '前两项 %'), format: 'pct100' },
    { key: 'target', header: tr('Target', '目标'), format: 'num2' },
    { key: 'met', header: tr('Met', '达标'), format: 'text' },
    { key: 'change', header: tr('Change', '变化'), format: 'signed1', cond: 'change' },
    { key: 'bLow', header: tr('Penalty b(low)', '惩罚 b(低)'), format: 'num3' },
    { key: 'pLow', header: 'p', format: 'pval' },
    { key: 'bHigh', header: tr('Reward b(high)', '奖励 b(高)'), format: 'num3' },
    { key: 'pHigh', header: 'p', format: 'pval' },
    { key: 'riocsPct', header: tr('Impact %', '影响范围 %'), format: 'pct100', cond: 'bar' },
    { key: 'ia', header: 'IA', format: 'num2' },
    { key: 'label', header: tr('Category', '类别'), format: 'text', width: 24 },
    { key: 'aipa', header: 'AIPA', format: 'text' },
    { key: 'rwPct', header: tr('Relative weight %', '相对权重 %'), format: 'pct100' },
    { key: 'comments', header: tr('Comments %', '评论 %'), format: 'pct100' },
    { key: 'flags', header: tr('Flags', '标记'), format: 'text' },
  ];
  const rows = j.touchpoints.map((t) => ({
    stage: t.stage, touchpoint: t.touchpoint, owner: t.owner ?? '', n: t.n, mean: t.mean, lo: t.ci95[0], hi: t.ci95[1], top2: t.top2,
    target: t.target, met: t.targetMet === null ? '' : t.targetMet ? '✓' : '✗', change: t.change, bLow: t.bLow, pLow: t.pLow, bHigh: t.bHigh, pHigh: t.pHigh,
    riocsPct: t.riocsPct, ia: t.ia, label: `${t.label}${t.signsOk ? '' : ' ⚠'}`, aipa: t.aipa ? `${t.aipa} ${t.aipaLabel}` : '', rwPct: t.rwPct ?? undefined,
    comments: t.comments?.pct, flags: t.flags.join(' '),
  }));
  const notes = [
    tr(`Outcome: ${j.outcomeLabel || j.outcome}; n = ${j.n}${j.nDropped ? ` (${j.nDropped} left out)` : ''}; R² = ${j.r2 === null ? '–' : j.r2.toFixed(3)}; category by ${j.rule === 'ia' ? `IA ±${j.theta}` : j.rule}.`,
      `结果变量：${j.outcomeLabel || j.outcome}；n = ${j.n}${j.nDropped ? `（剔除 ${j.nDropped}）` : ''}；R² = ${j.r2 === null ? '–' : j.r2.toFixed(3)}；类别按 ${j.rule === 'ia' ? `IA ±${j.theta}` : j.rule}。`),
    tr('Penalty/reward: effect of a low/high rating vs a middling one; ⚠ = sign anomaly. AIPA priority LB > LP > LE > HB > HP > HE.', '惩罚/奖励：低分/高分相对中间分的效应；⚠ = 符号异常。AIPA 优先级 LB > LP > LE > HB > HP > HE。'),
  ];
  return { name: tr('Journey', '客户旅程'), title: tr('Customer journey: touchpoints', '客户旅程：触点'), notes, columns, rows, chartIds: ['journey'] };
}

/** Head and rows for the PPTX journey slide's table. */
export function journeySlideTable(model: ReportModel, lang: Lang): { head: string[]; rows: string[][]; subtitle: string } | undefined {
  const j = model.journey;
  if (!j) return undefined;
  const f = (x: number | undefined | null, d = 2) => (x == null || !Number.isFinite(x) ? '–' : x.toFixed(d));
  const tr = (en: string, zh: string) => (lang === 'zh' ? zh : en);
  return {
    head: [tr('Touchpoint', '触点'), tr('Mean', '均值'), tr('Category', '类别'), 'AIPA'],
    rows: j.touchpoints.map((t) => [t.touchpoint, `${f(t.mean)}${t.target !== undefined ? (t.targetMet ? ' ✓' : ' ✗') : ''}`, `${lang === 'zh' ? (t.category ? ZH[t.category] : '—') : t.category ?? '—'}${t.signsOk ? '' : ' ⚠'}`, t.aipa ?? '–']),
    subtitle: tr(`${j.outcomeLabel || j.outcome} · n = ${j.n} · R² = ${f(j.r2, 2)} · ✓/✗ target`, `${j.outcomeLabel || j.outcome} · n = ${j.n} · R² = ${f(j.r2, 2)} · ✓/✗ 目标`),
  };
}
