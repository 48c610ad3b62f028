// The report model → the table sheets of the XLSX report (pure: no exceljs here).
// Sheet order: Summary, Trend, Segments (one per segmenting column), Kano, SERVQUAL, Drivers, Themes,
// Verbatims, one "Follow-up" sheet per owner (the closed loop), Notes.
import type { MetricName, ReportModel } from './model.js';
import { journeySheet } from './build-journey.js';
import type { ColSpec, TableSheet } from './excel-sheet.js';
import { kanoName, quadrantName, slug, tr, type Lang } from './charts-data.js';

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
    { key: 'name', header: tr(lang, 'Metric', '指标'), format: 'text' },
    { key: 'label', header: tr(lang, 'Question', '题目'), format: 'text', width: 40, wrap: true },
    { key: 'value', header: tr(lang, 'Value', '数值'), format: 'num1' },
    { key: 'lo', header: tr(lang, 'CI 95% low', '95% 置信下限'), format: 'num1' },
    { key: 'hi', header: tr(lang, 'CI 95% high', '95% 置信上限'), format: 'num1' },
    { key: 'moe', header: tr(lang, '± MOE', '± 误差'), format: 'num1' },
    { key: 'n', header: 'n', format: 'int' },
    { key: 'previous', header: tr(lang, 'Previous', '上期'), format: 'num1' },
    { key: 'change', header: tr(lang, 'Change', '变化'), format: 'signed1', cond: 'change' },
    { key: 'p', header: 'p', format: 'pval' },
    { key: 'sig', header: tr(lang, 'Sig.', '显著'), format: 'text' },
    { key: 'unit', header: tr(lang, 'Unit', '单位'), format: 'text' },
  ];
  const rows = model.kpis.map((k) => ({
    name: k.name,
    label: k.label,
    value: k.value,
    lo: k.ci95?.[0],
    hi: k.ci95?.[1],
    moe: k.moe95,
    n: k.n,
    previous: k.previous,
    change: k.change,
    p: k.p,
    sig: `${k.significant ? '*' : ''}${k.unstable ? '!' : ''}`,
    unit: k.unit === 'points' ? tr(lang, 'points', '分') : k.unit === '%' ? '%' : k.method ?? tr(lang, 'mean', '均值'),
  }));
  return { name: tr(lang, 'Summary', '概览'), title: model.meta.title, notes: periodText(model, lang), columns, rows };
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
    columns.push({ key: m, header: MNAME[m], format: 'num1' });
    columns.push({ key: `${m}_lo`, header: `${MNAME[m]} ${tr(lang, 'CI low', '置信下限')}`, format: 'num1' });
    columns.push({ key: `${m}_hi`, header: `${MNAME[m]} ${tr(lang, 'CI high', '置信上限')}`, format: 'num1' });
  }
  const rows = t.points.map((p) => {
    const r: Record<string, unknown> = { period: p.period, start: p.start, end: p.end, n: p.n };
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
      columns.push({ key: m, header: MNAME[m], format: 'num1' });
      columns.push({ key: `${m}_lo`, header: `${MNAME[m]} ${tr(lang, 'CI low', '置信下限')}`, format: 'num1' });
      columns.push({ key: `${m}_hi`, header: `${MNAME[m]} ${tr(lang, 'CI high', '置信上限')}`, format: 'num1' });
      columns.push({ key: `${m}_chg`, header: `${MNAME[m]} ${tr(lang, 'change', '变化')}`, format: 'signed1', cond: 'change' });
    }
    columns.push({ key: 'flag', header: tr(lang, 'Small base', '样本量小'), format: 'text' });
    const rows = seg.rows.map((r) => {
      const o: Record<string, unknown> = { value: r.value, n: r.n, flag: r.unstable ? '!' : '' };
      for (const m of metrics) {
        o[m] = r.values[m];
        o[`${m}_lo`] = r.ci95[m]?.[0];
        o[`${m}_hi`] = r.ci95[m]?.[1];
        o[`${m}_chg`] = r.change[m];
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
    { key: 'gap', header: tr(lang, 'Gap (P − E)', '差距（P − E）'), format: 'num2', cond: 'change' },
    { key: 'alpha', header: "Cronbach's α", format: 'num2' },
  ];
  const notes = [`${tr(lang, 'Overall gap (unweighted)', '总体差距（未加权）')}: ${s.overall.unweighted.toFixed(2)}${s.overall.weighted !== undefined ? `; ${tr(lang, 'weighted', '加权')}: ${s.overall.weighted.toFixed(2)}` : ''}`];
  return { name: 'SERVQUAL', title: tr(lang, 'SERVQUAL gaps', 'SERVQUAL 差距'), notes, columns, rows: s.dimensions.map((d) => ({ ...d })), chartIds: ['servqual'] };
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
    { key: 'performance', header: tr(lang, 'Performance', '表现'), format: 'num2' },
    { key: 'quadrant', header: tr(lang, 'Quadrant', '象限'), format: 'text' },
  ];
  const rows = d.drivers.map((r) => ({ ...r, label: r.label || r.driver, quadrant: quadrantName(r.quadrant, lang) }));
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
    { key: 'change', header: tr(lang, 'Change (pts)', '变化（百分点）'), format: 'signed1', cond: 'change' },
    { key: 'pos', header: tr(lang, 'Positive %', '正面 %'), format: 'pct100' },
    { key: 'neu', header: tr(lang, 'Neutral %', '中性 %'), format: 'pct100' },
    { key: 'neg', header: tr(lang, 'Negative %', '负面 %'), format: 'pct100' },
    { key: 'detN', header: tr(lang, 'Detractors', '贬损者'), format: 'int' },
    { key: 'detPct', header: tr(lang, '% of detractors', '占贬损者 %'), format: 'pct100' },
    { key: 'owner', header: tr(lang, 'Owner', '负责人'), format: 'text' },
    { key: 'key', header: tr(lang, 'Key', '键'), format: 'text' },
  ];
  const rows = t.themes.map((r) => ({
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

function followUpSheets(model: ReportModel, lang: Lang): SheetPlan[] {
  return (model.followUps ?? []).map((g) => {
    const owner = g.owner === 'unassigned' ? tr(lang, 'unassigned', '未分配') : g.owner;
    return {
      name: `${tr(lang, 'Follow-up', '跟进')} ${owner}`,
      title: tr(lang, `Follow-up: ${owner} (${g.items.length})`, `跟进：${owner}（${g.items.length} 条）`),
      notes: [tr(lang, 'Detractors whose comments match this owner\'s themes. Close the loop and record the outcome.', '评论主题归属该负责人的贬损者。请跟进并记录结果。')],
      columns: [...verbatimColumns(lang, false).filter((c) => c.key !== 'sentiment'), { key: 'status', header: tr(lang, 'Status', '状态'), format: 'text', width: 14 }, { key: 'action', header: tr(lang, 'Action taken', '处理措施'), format: 'text', width: 30 }],
      rows: g.items.map((it) => ({ ...it, themes: it.themes.join(', ') })),
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

/** Every sheet of the workbook, in order. Sections absent from the model give no sheet. */
export function planSheets(model: ReportModel, lang: Lang = model.meta.lang): SheetPlan[] {
  const all: Array<SheetPlan | undefined> = [
    summarySheet(model, lang),
    trendSheet(model, lang),
    ...segmentSheets(model, lang),
    kanoSheet(model, lang),
    servqualSheet(model, lang),
    driversSheet(model, lang),
    journeySheet(model, lang),
    themesSheet(model, lang),
    verbatimSheet(model, lang),
    ...followUpSheets(model, lang),
    notesSheet(model, lang),
  ];
  return all.filter((s): s is SheetPlan => s !== undefined);
}
