// The report model → the table sheets of the XLSX report (pure: no exceljs here).
// Sheet order: Summary, Trend, Segments (one per segmenting column), Kano, SERVQUAL, Drivers, Themes,
// Verbatims, one "Follow-up" sheet per owner (the closed loop), Notes.
import type { MetricName, ReportModel } from './model.js';
import { journeySheet } from './build-journey.js';
import type { ColSpec, RowExtras, TableSheet } from './excel-sheet.js';
import { kanoName, quadrantName, slug, tr, type Lang } from './charts-data.js';
import { digitsOf, fx, targetText } from './build-insights.js';
import { term } from '../ui/glossary.js';
import { BAD, GOOD, NAVY, changeColor } from './colors.js';
import { sectionOrder } from './sections.js';
import { npsSplit } from './markdown.js';

const argb = (hex: string) => `FF${hex}`;

const METRICS: MetricName[] = ['nps', 'csat', 'ces'];
const MNAME: Record<MetricName, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

/** A sheet plus where its chart data sits (for native charts): the chart id and the data columns. */
export interface SheetPlan extends TableSheet {
  /** Ids of the charts (charts-data.ts) drawn next to this table. */
  chartIds?: string[];
}

function periodText(model: ReportModel, lang: Lang): string[] {
  const m = model.meta;
  // Chinese text takes full-width punctuation (：（），。), English the ASCII forms.
  const [c, o, cl, sep, dot] = lang === 'zh' ? ['：', '（', '）', '，', '。'] : [': ', ' (', ')', ', ', '. '];
  const lines = [`${tr(lang, 'Period', '报告期')}${c}${m.period.label}${o}${m.period.start} – ${m.period.end}${cl}${sep}n = ${m.n}`];
  if (m.comparison) {
    lines.push(`${tr(lang, 'Compared with', '对比期')}${c}${m.comparison.label}${o}${m.comparison.start} – ${m.comparison.end}${cl}${m.nComparison !== undefined ? `${sep}n = ${m.nComparison}` : ''}`);
  }
  if (m.source.length) lines.push(`${tr(lang, 'Source', '数据来源')}${c}${m.source.join(lang === 'zh' ? '、' : ', ')}`);
  lines.push(`${tr(lang, 'Data as of', '数据截至')}${c}${m.generatedAt}${dot}${tr(lang, '* = significant change (p < 0.05); ! = small base (n < 30).', '* = 变化显著（p < 0.05）；! = 样本量小（n < 30）。')}`);
  return lines;
}

function summarySheet(model: ReportModel, lang: Lang): SheetPlan {
  const columns: ColSpec[] = [
    { key: 'name', header: tr(lang, 'Metric', '指标'), format: 'text', width: 9 },
    { key: 'label', header: tr(lang, 'Question', '题目'), format: 'text', width: 36, wrap: true },
    { key: 'value', header: tr(lang, 'Value', '数值'), format: 'num1' },
    { key: 'lo', header: tr(lang, 'CI 95% low', '95% 置信下限'), format: 'num1' },
    { key: 'hi', header: tr(lang, 'CI 95% high', '95% 置信上限'), format: 'num1' },
    { key: 'moe', header: tr(lang, '± MOE', '± 误差'), format: 'num1' },
    { key: 'n', header: 'n', format: 'int' },
    { key: 'target', header: term('target', lang), format: 'text' },
    { key: 'met', header: tr(lang, 'Target met', '是否达成'), format: 'text' },
    { key: 'previous', header: tr(lang, 'Previous', '上期'), format: 'num1' },
    { key: 'change', header: tr(lang, 'Change', '变化'), format: 'signed1' },
    { key: 'p', header: 'p', format: 'pval' },
    { key: 'sig', header: tr(lang, 'Sig.', '显著'), format: 'text' },
    { key: 'split', header: tr(lang, 'Promoters / passives / detractors', '推荐者 / 中立者 / 贬损者'), format: 'text', width: 26 },
    { key: 'unit', header: tr(lang, 'Unit', '单位'), format: 'text' },
  ];
  const rows = model.kpis.map((k) => {
    // digits reach the workbook: a CES mean shows 2 decimals in every number cell of its row
    const two = digitsOf(k) === 2;
    const fmts: RowExtras['_fmt'] = two ? { value: 'num2', lo: 'num2', hi: 'num2', moe: 'num2', previous: 'num2', change: 'signed2' } : {};
    const shownChange = k.change === undefined ? 0 : Number(fx(k.change, digitsOf(k)));
    const colors: Record<string, string> = {};
    if (k.change !== undefined) {
      const c = changeColor(k.change, k.metric === 'ces' && k.unit === 'mean' ? undefined : true, shownChange);
      if (c !== '666666') colors.change = argb(c);
    }
    if (k.target) colors.met = argb(k.targetMet ? GOOD : BAD);
    const sp = k.metric === 'nps' ? npsSplit(k.cell) : undefined;
    return {
      name: k.name,
      label: k.label,
      value: k.value,
      lo: k.ci95?.[0],
      hi: k.ci95?.[1],
      moe: k.moe95,
      n: k.n,
      target: k.target ? targetText(k, k.target) : '',
      met: k.target ? term(k.targetMet ? 'met' : 'missed', lang) : '',
      previous: k.previous,
      change: k.change,
      p: k.p,
      sig: `${k.significant ? '*' : ''}${k.unstable ? '!' : ''}`,
      split: sp ? `${fx(sp.pctPromoters, 0)}% / ${fx(sp.pctPassives, 0)}% / ${fx(sp.pctDetractors, 0)}%` : '',
      unit: k.unit === 'points' ? tr(lang, 'points', '分') : k.unit === '%' ? '%' : k.method ?? tr(lang, 'mean', '均值'),
      _fmt: fmts,
      _color: colors,
    };
  });
  const blocks: NonNullable<SheetPlan['blocks']> = [];
  if (model.headlines?.length)
    blocks.push({ heading: tr(lang, 'Executive summary', '执行摘要'), lines: model.headlines.map((h, i) => ({ text: `${i + 1}. ${h.text}`, color: h.kind === 'target-missed' || h.kind === 'theme' ? BAD : NAVY })) });
  if (model.meta.template === 'weekly' && model.alerts?.length)
    blocks.push({ heading: tr(lang, 'Alerts', '预警'), lines: model.alerts.map((a) => ({ text: `• ${a.text}`, color: a.tone === 'bad' ? BAD : a.tone === 'good' ? GOOD : '333333' })) });
  return { name: tr(lang, 'Summary', '概览'), title: model.meta.title, blocks, notes: periodText(model, lang), columns, rows };
}

function digitsOfMetric(model: ReportModel, m: MetricName): number {
  const k = model.kpis.find((x) => x.metric === m);
  return k ? digitsOf(k) : 1;
}

/** Number format of a metric's values: 2 decimals for a CES mean (digits reach every renderer). */
function fmtOf(model: ReportModel, m: MetricName): 'num1' | 'num2' {
  return digitsOfMetric(model, m) === 2 ? 'num2' : 'num1';
}

function trendSheet(model: ReportModel, lang: Lang): SheetPlan | undefined {
  const t = model.trends;
  if (!t || t.points.length === 0) return undefined;
  const columns: ColSpec[] = [
    { key: 'period', header: tr(lang, 'Period', '期间'), format: 'text' },
    { key: 'start', header: tr(lang, 'Start', '开始'), format: 'text' },
    { key: 'end', header: tr(lang, 'End', '结束'), format: 'text' },
    { key: 'n', header: 'n', format: 'int' },
  ];
  for (const m of t.metrics) {
    const f = fmtOf(model, m);
    columns.push({ key: m, header: MNAME[m], format: f });
    columns.push({ key: `${m}_lo`, header: `${MNAME[m]} ${tr(lang, 'CI low', '置信下限')}`, format: f });
    columns.push({ key: `${m}_hi`, header: `${MNAME[m]} ${tr(lang, 'CI high', '置信上限')}`, format: f });
  }
  columns.push({ key: 'partial', header: tr(lang, 'Partial', '不完整'), format: 'text' });
  const rows = t.points.map((p) => {
    const r: Record<string, unknown> = { period: p.period, start: p.start, end: p.end, n: p.n, partial: p.partial ? tr(lang, 'partial', '不完整') : '' };
    for (const m of t.metrics) {
      r[m] = p.values[m];
      r[`${m}_lo`] = p.ci95[m]?.[0];
      r[`${m}_hi`] = p.ci95[m]?.[1];
    }
    return r;
  });
  return { name: tr(lang, 'Trend', '趋势'), title: tr(lang, `Trend by ${t.grain}`, '趋势'), columns, rows, chartIds: t.metrics.map((m) => `trend-${m}`) };
}

function segmentSheets(model: ReportModel, lang: Lang): SheetPlan[] {
  return (model.segments ?? []).map((seg) => {
    const metrics = METRICS.filter((m) => seg.rows.some((r) => r.values[m] !== undefined));
    const columns: ColSpec[] = [
      { key: 'value', header: seg.label || seg.column, format: 'text' },
      { key: 'n', header: 'n', format: 'int', cond: 'bar' },
    ];
    for (const m of metrics) {
      const f = fmtOf(model, m);
      columns.push({ key: m, header: MNAME[m], format: f });
      columns.push({ key: `${m}_lo`, header: `${MNAME[m]} ${tr(lang, 'CI low', '置信下限')}`, format: f });
      columns.push({ key: `${m}_hi`, header: `${MNAME[m]} ${tr(lang, 'CI high', '置信上限')}`, format: f });
      columns.push({ key: `${m}_rest`, header: `${MNAME[m]} ${tr(lang, 'vs rest', '与其余对比')}`, format: 'text' });
      columns.push({ key: `${m}_chg`, header: `${MNAME[m]} ${tr(lang, 'change', '变化')}`, format: f === 'num2' ? 'signed2' : 'signed1' });
      columns.push({ key: `${m}_chgsig`, header: `${MNAME[m]} ${tr(lang, 'change sig.', '变化显著')}`, format: 'text' });
    }
    columns.push({ key: 'flag', header: tr(lang, 'Small base', '样本量小'), format: 'text' });
    const rows = seg.rows.map((r) => {
      const o: Record<string, unknown> & RowExtras = { value: r.value, n: r.n, flag: r.unstable ? '!' : '', _color: {} };
      for (const m of metrics) {
        o[m] = r.values[m];
        o[`${m}_lo`] = r.ci95[m]?.[0];
        o[`${m}_hi`] = r.ci95[m]?.[1];
        const vr = r.vsRest?.[m];
        // significantly above / below the other respondents: arrow and colour by meaning
        o[`${m}_rest`] = vr?.significant ? `${vr.diff > 0 ? '↑' : '↓'} ${vr.diff > 0 ? '+' : ''}${fx(vr.diff, digitsOfMetric(model, m))}` : '';
        if (vr?.significant) o._color![m] = argb(changeColor(vr.diff, m === 'ces' && fmtOf(model, m) === 'num2' ? undefined : true));
        o[`${m}_chg`] = r.change[m];
        o[`${m}_chgsig`] = r.changeSignificant?.[m] ? '*' : '';
        if (r.changeSignificant?.[m] && r.change[m] !== undefined) o._color![`${m}_chg`] = argb(changeColor(r.change[m]!, m === 'ces' && fmtOf(model, m) === 'num2' ? undefined : true));
      }
      return o;
    });
    return {
      name: `${tr(lang, 'Segment', '细分')} ${seg.label || seg.column}`,
      title: tr(lang, `By ${seg.label || seg.column}`, `按${seg.label || seg.column}`),
      columns,
      rows,
      chartIds: [`segments-${slug(seg.column)}`],
    };
  });
}

function kanoSheet(model: ReportModel, lang: Lang): SheetPlan | undefined {
  const k = model.kano;
  if (!k || k.features.length === 0) return undefined;
  const cats = ['A', 'O', 'M', 'I', 'R', 'Q'];
  const columns: ColSpec[] = [
    { key: 'feature', header: tr(lang, 'Feature', '功能'), format: 'text' },
    { key: 'category', header: tr(lang, 'Category', '类别'), format: 'text' },
    { key: 'n', header: 'n', format: 'int' },
    ...cats.map((c): ColSpec => ({ key: `c_${c}`, header: c, format: 'int' })),
    { key: 'better', header: 'Better', format: 'num2', cond: 'bar' },
    { key: 'worse', header: 'Worse', format: 'num2' },
    { key: 'absWorse', header: '|Worse|', format: 'num2', cond: 'bar' },
    { key: 'sig', header: tr(lang, 'Sig.', '显著'), format: 'text' },
  ];
  const rows = k.features.map((f) => {
    const o: Record<string, unknown> = {
      feature: f.feature, category: kanoName(f.category, lang), n: f.n, better: f.better, worse: f.worse,
      absWorse: Math.abs(f.worse), sig: f.significant === undefined ? '' : f.significant ? '*' : tr(lang, 'no', '否'),
    };
    for (const c of cats) o[`c_${c}`] = f.counts[c] ?? 0;
    return o;
  });
  return { name: 'Kano', title: tr(lang, 'Kano classification', 'Kano 分类'), columns, rows, chartIds: ['kano'] };
}

function servqualSheet(model: ReportModel, lang: Lang): SheetPlan | undefined {
  const s = model.servqual;
  if (!s || s.dimensions.length === 0) return undefined;
  const columns: ColSpec[] = [
    { key: 'dimension', header: tr(lang, 'Dimension', '维度'), format: 'text' },
    { key: 'expectation', header: tr(lang, 'Expectation', '期望'), format: 'num2' },
    { key: 'perception', header: tr(lang, 'Perception', '感知'), format: 'num2' },
    { key: 'gap', header: tr(lang, 'Gap (P − E)', '差距（P − E）'), format: 'signed2', cond: 'change' },
    { key: 'alpha', header: "Cronbach's α", format: 'num2' },
  ];
  const notes = [`${tr(lang, 'Overall gap (unweighted)', '总体差距（未加权）')}: ${s.overall.unweighted.toFixed(2)}${s.overall.weighted !== undefined ? `; ${tr(lang, 'weighted', '加权')}: ${s.overall.weighted.toFixed(2)}` : ''}`];
  if (s.n) notes.push(`n = ${s.n}`);
  return { name: 'SERVQUAL', title: tr(lang, 'SERVQUAL gaps', 'SERVQUAL 差距'), notes, columns, rows: s.dimensions.map((d) => ({ ...d, dimension: term(d.dimension, lang) })), chartIds: ['servqual-ep', 'servqual'] };
}

function driversSheet(model: ReportModel, lang: Lang): SheetPlan | undefined {
  const d = model.drivers;
  if (!d || d.drivers.length === 0) return undefined;
  const columns: ColSpec[] = [
    { key: 'label', header: tr(lang, 'Driver', '驱动因素'), format: 'text' },
    { key: 'driver', header: tr(lang, 'Column', '列'), format: 'text' },
    { key: 'r', header: 'r', format: 'num3' },
    { key: 'beta', header: 'β', format: 'num3' },
    { key: 'weight', header: tr(lang, 'Relative weight', '相对权重'), format: 'num3' },
    { key: 'weightPct', header: tr(lang, 'Importance (% of R²)', '重要性（占 R² %）'), format: 'pct100', cond: 'bar' },
    d.performanceUnit === '%'
      ? { key: 'performance', header: tr(lang, 'Performance (top-2-box %)', '表现（前两项占比 %）'), format: 'pct100' }
      : { key: 'performance', header: tr(lang, 'Performance', '表现'), format: 'num2' },
    { key: 'quadrant', header: tr(lang, 'Quadrant', '象限'), format: 'text' },
  ];
  const rows = d.drivers.map((r) => ({ ...r, label: r.label || r.driver, quadrant: quadrantName(r.quadrant, lang), _color: r.quadrant === 'concentrate' ? { quadrant: argb(BAD) } : {} }));
  const notes = [`${tr(lang, 'Outcome', '结果变量')}: ${d.outcome}; n = ${d.n}; R² = ${d.r2.toFixed(3)}`];
  return { name: tr(lang, 'Drivers', '驱动因素'), title: tr(lang, 'Key drivers', '关键驱动因素分析'), notes, columns, rows, chartIds: ['drivers'] };
}

function themesSheet(model: ReportModel, lang: Lang): SheetPlan | undefined {
  const t = model.themes;
  if (!t || t.themes.length === 0) return undefined;
  const columns: ColSpec[] = [
    { key: 'name', header: tr(lang, 'Theme', '主题'), format: 'text' },
    ...(t.themes.some((r) => r.net) ? [{ key: 'type', header: tr(lang, 'Type', '类型'), format: 'text' } as ColSpec] : []),
    { key: 'count', header: tr(lang, 'Comments', '评论数'), format: 'int' },
    { key: 'pct', header: tr(lang, '% of comments', '占评论 %'), format: 'pct100', cond: 'bar' },
    { key: 'previousPct', header: tr(lang, 'Previous %', '上期 %'), format: 'pct100' },
    { key: 'change', header: tr(lang, 'Change (pts)', '变化（百分点）'), format: 'signed1' },
    { key: 'pos', header: tr(lang, 'Positive %', '正面 %'), format: 'pct100' },
    { key: 'neu', header: tr(lang, 'Neutral %', '中性 %'), format: 'pct100' },
    { key: 'neg', header: tr(lang, 'Negative %', '负面 %'), format: 'pct100' },
    { key: 'detN', header: tr(lang, 'Detractors', '贬损者'), format: 'int' },
    { key: 'detPct', header: tr(lang, '% of detractors', '占贬损者 %'), format: 'pct100' },
    { key: 'owner', header: tr(lang, 'Owner', '负责人'), format: 'text' },
    { key: 'key', header: tr(lang, 'Key', '键'), format: 'text' },
  ];
  const rows = t.themes.filter((r) => r.count > 0 || r.change !== undefined).map((r) => ({
    // Colour by meaning: more mentions of a complaint (mostly negative comments) is bad news (red), more
    // mentions of praise is good news (green); no colour without sentiment or for a change that shows 0.
    _color: r.change !== undefined && r.sentiment && Number(fx(r.change, 1)) !== 0 && r.sentiment.negative !== r.sentiment.positive
      ? { change: argb(changeColor(r.change, r.sentiment.positive > r.sentiment.negative)) }
      : {},
    name: r.name, type: r.net ? tr(lang, `net (level ${r.level ?? 0})`, `汇总（第 ${r.level ?? 0} 层）`) : tr(lang, 'code', '代码'), count: r.count, pct: r.pct, previousPct: r.previousPct, change: r.change,
    pos: r.sentiment?.positive, neu: r.sentiment?.neutral, neg: r.sentiment?.negative,
    detN: r.detractors?.count, detPct: r.detractors?.pct, owner: r.owner, key: r.key,
  }));
  const notes = [`${tr(lang, 'Comments in period', '本期评论数')}: ${t.nComments}; ${tr(lang, 'source', '来源')}: ${t.source === 'codeframe' ? tr(lang, 'codeframe', '编码框架') : tr(lang, 'discovered themes', '自动发现的主题')}`];
  if (t.sentiment) notes.push(`${tr(lang, 'Sentiment', '情感')}: +${t.sentiment.positive.toFixed(1)}% / ${t.sentiment.neutral.toFixed(1)}% / −${t.sentiment.negative.toFixed(1)}%`);
  return { name: tr(lang, 'Themes', '主题'), title: tr(lang, 'Themes in comments', '评论主题'), notes, columns, rows, chartIds: ['themes'] };
}

function verbatimColumns(lang: Lang, withSegment: boolean): ColSpec[] {
  return [
    { key: 'date', header: tr(lang, 'Date', '日期'), format: 'text', width: 12 },
    { key: 'id', header: 'ID', format: 'text', width: 12 },
    { key: 'score', header: tr(lang, 'Score', '评分'), format: 'int', width: 8 },
    ...(withSegment ? [{ key: 'segment', header: tr(lang, 'Segment', '细分'), format: 'text', width: 14 } as ColSpec] : []),
    { key: 'sentiment', header: tr(lang, 'Sentiment', '情感'), format: 'text', width: 11 },
    { key: 'themes', header: tr(lang, 'Themes', '主题'), format: 'text', width: 30, wrap: true },
    { key: 'text', header: tr(lang, 'Comment (redacted)', '评论（已脱敏）'), format: 'text', wrap: true, width: 80 },
  ];
}

const SENT: Record<string, [string, string]> = { positive: ['positive', '正面'], neutral: ['neutral', '中性'], negative: ['negative', '负面'] };

function verbatimSheet(model: ReportModel, lang: Lang): SheetPlan | undefined {
  const v = model.verbatims;
  if (!v || v.length === 0) return undefined;
  const rows = v.map((x) => ({ ...x, themes: x.themes.join(', '), sentiment: x.sentiment ? tr(lang, ...SENT[x.sentiment]) : undefined }));
  return { name: tr(lang, 'Verbatims', '原话'), columns: verbatimColumns(lang, v.some((x) => x.segment)), rows };
}

const STATUS: Record<Lang, string[]> = {
  en: ['Open', 'Contacted', 'Resolved', 'No action needed'],
  zh: ['待处理', '已联系', '已解决', '无需处理'],
};

function followUpSheets(model: ReportModel, lang: Lang): SheetPlan[] {
  const segCols = (model.segments ?? []).map((s) => ({ column: s.column, label: s.label }));
  return (model.followUps ?? []).map((g) => {
    const owner = g.owner === 'unassigned' ? tr(lang, 'unassigned', '未分配') : g.owner;
    return {
      name: `${tr(lang, 'Follow-up', '跟进')} ${owner}`,
      title: tr(lang, `Follow-up: ${owner} (${g.items.length})`, `跟进：${owner}（${g.items.length} 条）`),
      notes: [tr(lang, 'Detractors whose comments match this owner\'s themes. Close the loop and record the outcome.', '评论主题归属该负责人的贬损者。请跟进并记录结果。')],
      columns: [
        ...verbatimColumns(lang, false).filter((c) => c.key !== 'sentiment' && c.key !== 'text'),
        ...segCols.map((c): ColSpec => ({ key: `seg_${c.column}`, header: c.label || c.column, format: 'text', width: 12 })),
        { key: 'text', header: tr(lang, 'Comment (redacted)', '评论（已脱敏）'), format: 'text', wrap: true, width: 70 },
        { key: 'also', header: tr(lang, 'Also routed to', '同时分派给'), format: 'text', width: 16 },
        { key: 'status', header: tr(lang, 'Status', '状态'), format: 'text', width: 14, list: STATUS[lang] },
        { key: 'action', header: tr(lang, 'Action taken', '处理措施'), format: 'text', width: 30 },
      ],
      rows: g.items.map((it) => {
        const o: Record<string, unknown> = { ...it, themes: it.themes.join(', '), also: (it.alsoRoutedTo ?? []).join(', '), status: STATUS[lang][0] };
        for (const c of segCols) o[`seg_${c.column}`] = it.segments?.[c.column] ?? '';
        return o;
      }),
    };
  });
}

function notesSheet(model: ReportModel, lang: Lang): SheetPlan | undefined {
  const rows = [
    ...model.warnings.map((w) => ({ section: tr(lang, 'warning', '警告'), text: w })),
    ...model.notes.map((n) => ({ section: n.section, text: n.text })),
  ];
  if (rows.length === 0) return undefined;
  return {
    name: tr(lang, 'Notes', '说明'),
    columns: [
      { key: 'section', header: tr(lang, 'Section', '部分'), format: 'text', width: 14 },
      { key: 'text', header: tr(lang, 'Note', '说明'), format: 'text', wrap: true, width: 100 },
    ],
    rows,
  };
}

function methodSheet(model: ReportModel, lang: Lang): SheetPlan | undefined {
  const me = model.method;
  if (!me) return undefined;
  const rows: Array<Record<string, unknown>> = me.bases.map((b) => ({
    item: b.name, n: b.n, moe: b.moe95 === undefined ? '' : `± ${fx(b.moe95, b.unit === 'mean' ? 2 : 1)}${b.unit === '%' ? tr(lang, ' pts', ' 个百分点') : ''}`,
  }));
  for (const e of me.exclusions) rows.push({ item: `${tr(lang, 'Excluded at import', '导入时排除')}: ${term(e.reason, lang)}`, n: e.count, moe: '' });
  for (const q of me.questions ?? []) {
    rows.push({ item: `${q.question}: ${tr(lang, 'answers used', '使用的答案')}`, n: q.used, moe: '' });
    if (q.excluded.missing) rows.push({ item: `${q.question}: ${tr(lang, 'no answer', '未作答')}`, n: q.excluded.missing, moe: '' });
    if (q.excluded.unreadable) rows.push({ item: `${q.question}: ${tr(lang, 'unreadable', '无法识别')}`, n: q.excluded.unreadable, moe: '' });
    if (q.excluded.outOfScale) rows.push({ item: `${q.question}: ${tr(lang, 'out of scale', '超出量表')}`, n: q.excluded.outOfScale, moe: '' });
  }
  const notes = [tr(lang, `${me.n} responses in the period${me.rowsRead ? `; the import read ${me.rowsRead} rows and kept ${me.rowsKept}` : ''}.`, `本期共 ${me.n} 份答卷${me.rowsRead ? `；导入时读取 ${me.rowsRead} 行，保留 ${me.rowsKept} 行` : ''}。`), ...me.statistics];
  return {
    name: tr(lang, 'Method', '方法'),
    title: tr(lang, 'Method and sample', '方法与样本'),
    notes,
    columns: [
      { key: 'item', header: tr(lang, 'Base', '样本'), format: 'text', width: 34 },
      { key: 'n', header: 'n', format: 'int' },
      { key: 'moe', header: tr(lang, 'Margin of error (95%)', '误差范围（95%）'), format: 'text', width: 22 },
    ],
    rows,
  };
}

function impactSheet(model: ReportModel, lang: Lang): SheetPlan | undefined {
  const imp = model.themes?.impact;
  if (!imp || imp.rows.length === 0) return undefined;
  const M = imp.metric.toUpperCase();
  return {
    name: tr(lang, 'Theme impact', '主题影响'),
    title: tr(lang, `Theme impact on ${M}`, `主题对 ${M} 的影响`),
    notes: [tr(lang, `${M} of commenters who mention each theme versus those who do not (n = ${imp.n}); sorted by impact (difference × share mentioning). * = significant (5%).`, `提及各主题的留言者与未提及者的 ${M} 对比（n = ${imp.n}）；按影响（差值 × 提及比例）排序。* = 显著（5% 水平）。`)],
    columns: [
      { key: 'name', header: tr(lang, 'Theme', '主题'), format: 'text' },
      { key: 'kind', header: tr(lang, 'Effect', '作用'), format: 'text' },
      { key: 'nWith', header: tr(lang, 'Mention it', '提及人数'), format: 'int' },
      { key: 'with', header: `${M} ${tr(lang, '(mention)', '（提及）')}`, format: 'num1' },
      { key: 'without', header: `${M} ${tr(lang, '(others)', '（其他）')}`, format: 'num1' },
      { key: 'diff', header: tr(lang, 'Difference', '差值'), format: 'signed1' },
      { key: 'lo', header: tr(lang, 'CI low', '置信下限'), format: 'num1' },
      { key: 'hi', header: tr(lang, 'CI high', '置信上限'), format: 'num1' },
      { key: 'p', header: 'p', format: 'pval' },
      { key: 'sig', header: tr(lang, 'Sig.', '显著'), format: 'text' },
      { key: 'impact', header: tr(lang, 'Impact (pts)', '影响（分）'), format: 'signed1' },
    ],
    rows: imp.rows.map((r) => ({
      ...r, kind: term(r.kind, lang), lo: r.ci95[0], hi: r.ci95[1], sig: `${r.significant ? '*' : ''}${r.unstable ? '!' : ''}`,
      _color: { kind: argb(r.kind === 'pain' ? BAD : GOOD), diff: argb(r.kind === 'pain' ? BAD : GOOD) },
    })),
    chartIds: ['impact'],
  };
}

type SheetFn = (model: ReportModel, lang: Lang) => SheetPlan | SheetPlan[] | undefined;

/** One sheet builder per report section (sections.ts gives the order; the summary holds headlines and alerts). */
export const SHEETS: Record<string, SheetFn> = {
  kpis: summarySheet,
  trend: trendSheet,
  segments: segmentSheets,
  kano: kanoSheet,
  servqual: servqualSheet,
  drivers: driversSheet,
  journey: journeySheet,
  themes: themesSheet,
  impact: impactSheet,
  verbatims: verbatimSheet,
  followups: followUpSheets,
  method: methodSheet,
  notes: notesSheet,
};

/** Every sheet of the workbook, in order. Sections absent from the model give no sheet. */
export function planSheets(model: ReportModel, lang: Lang = model.meta.lang): SheetPlan[] {
  const out: SheetPlan[] = [];
  for (const id of sectionOrder(model.meta.template)) {
    const r = SHEETS[id]?.(model, lang);
    if (Array.isArray(r)) out.push(...r);
    else if (r) out.push(r);
  }
  return out;
}
