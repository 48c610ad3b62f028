// `cx score nps|csat|ces <input>`: parse flags → load → scoreSurvey → JSON or a terminal table.
import type { Command } from 'commander';
import { runner } from './run.js';
import { term } from '../ui/glossary.js';
import type { Ctx } from './context.js';
import { inputError } from '../ui/errors.js';
import { helpZh } from './help-lang.js';
import { parsePeriodUnit } from '../dataset/period.js';
import type { ScoreResult, ScoreSpec, Cell, Change } from '../metrics/score.js';
import { closest } from '../dataset/suggest.js';
import { accountingLine } from '../dataset/accounting.js';

export interface ScoreOpts {
  question?: string;
  by?: string;
  period?: string;
  date?: string;
  where?: string;
  weight?: string;
  compare?: string;
  ces?: string;
  minN?: string;
  scale?: string;
  config?: string;
  engine?: string;
  db?: string;
  fromStats?: string;
  allowUnreadable?: boolean;
}

const METRICS = ['nps', 'csat', 'ces'];
const UNITS = ['day', 'week', 'month', 'quarter'];


export function register(program: Command): void {
  const zh = helpZh();
  const h = (en: string, zhText: string) => (zh ? zhText : en);
  program
    .command('score')
    .description(h('NPS, CSAT or CES with confidence intervals, by segment and period', '计算 NPS、CSAT 或 CES 及置信区间，可按分组和周期'))
    .argument('<metric>', 'nps | csat | ces')
    .argument('[input]', h('dataset directory or survey export (with --engine: also Parquet files/folders, or a table)', '数据集目录或问卷导出文件（--engine 时也可为 Parquet 文件/文件夹或数据表）'))
    .option('--question <col>', h('the score column (found automatically when there is exactly one)', '评分题所在列（只有一个时自动识别）'))
    .option('--by <cols>', h('break down by one or two columns: region or region,plan', '按一到两个列分组：region 或 region,plan'))
    .option('--period <unit>', h('day | week (ISO, 2026-W03) | month | quarter', '周期：day | week（ISO 周，2026-W03）| month | quarter'))
    .option('--date <col>', h('the response-date column for --period (default: the survey date column)', '--period 使用的日期列（默认：问卷的答卷日期列）'))
    .option('--where <expr>', h('filter, e.g. \'region = "East" and plan != "Basic"\'', '筛选条件，如 \'region = "华东" and plan != "Basic"\''))
    .option('--weight <col>', h('weight column (SE by Kish effective n)', '权重列（标准误按 Kish 有效样本量）'))
    .option('--compare <what>', h('"previous": each period (or wave, with --by wave) vs the one before; other segments vs the rest', '"previous"：每期（或 --by wave 时每批次）与上一期比较；其他分组与其余样本比较'))
    .option('--ces <method>', h('CES convention: mean | agree | index', 'CES 口径：mean | agree | index'), 'mean')
    .option('--min-n <n>', h('flag cells with fewer answers as unstable', '样本量低于此值的单元标记为不稳定'), '30')
    .option('--scale <min-max>', h('CSAT/CES scale, e.g. 1-7 (default from the survey, else 1-5 / 1-7)', 'CSAT/CES 量表，如 1-7（默认取自问卷，否则 1-5 / 1-7）'))
    .option('--config <file>', h('cx.yaml with question roles (default: ./cx.yaml if present)', '含题目角色的 cx.yaml（默认：当前目录下的 cx.yaml）'))
    .option('--allow-unreadable', h('leave out answers that cannot be read as scores even above 5% (a warning instead of exit 2)', '即使超过 5% 也排除无法识别的答案（警告而非退出码 2）'))
    .option('--engine <name>', h('builtin (default) | duckdb (dataset, Parquet, plain CSV) | postgres (a table, with --db)', 'builtin（默认）| duckdb（数据集、Parquet、普通 CSV）| postgres（数据表，需 --db）'))
    .option('--db <url>', h('PostgreSQL URL for --engine postgres (or CX_DB_URL)', '--engine postgres 的 PostgreSQL 连接 URL（或环境变量 CX_DB_URL）'))
    .option('--from-stats <file>', h('score from the saved result of the query `cx sql` prints (CSV, JSON or Parquet)', '根据 `cx sql` 所生成查询的结果文件计算（CSV、JSON 或 Parquet）'))
    .action((metric: string, input: string | undefined, opts: ScoreOpts, cmd: Command) =>
      runner(cmd, async (ctx) => {
        const spec = toSpec(metric, opts);
        const { usesEngine, engineScore } = await import('../engine/cli-score.js');
        if (usesEngine(opts)) {
          const { loadConfig } = await import('../config/load.js');
          const { applyConfig } = await import('../config/apply.js');
          const cfg = loadConfig(opts.config);
          if (!spec.weight && cfg.roles?.weight && !opts.fromStats) spec.weight = cfg.roles.weight;
          const result = await engineScore(input, spec, opts, (s) => applyConfig(s, cfg));
          for (const w of result.warnings) ctx.warn(w.en, w.zh);
          const { renderTable } = await import('../ui/table.js');
          ctx.emit(result, () => render(ctx, result, renderTable));
          return;
        }
        if (!input) throw inputError('cx score: give the input (a dataset directory or an export file), or --from-stats FILE.', 'cx score：请给出输入（数据集目录或导出文件），或使用 --from-stats FILE。');
        const { loadInput } = await import('../dataset/load.js');
        const { loadConfig } = await import('../config/load.js');
        const { applyConfig } = await import('../config/apply.js');
        const cfg = loadConfig(opts.config);
        // Messages name what the user typed (a dataset directory, not the exports it was built from).
        const survey = { ...applyConfig(await loadInput(input), cfg), source: [input] };
        if (!spec.weight && cfg.roles?.weight) spec.weight = cfg.roles.weight;
        const { scoreSurvey } = await import('../metrics/score.js');
        const result = scoreSurvey(survey, spec);
        for (const w of result.warnings) ctx.warn(w.en, w.zh);
        const { renderTable } = await import('../ui/table.js');
        ctx.emit(result, () => render(ctx, result, renderTable));
      }),
    );
}

export function toSpec(metric: string, o: ScoreOpts): ScoreSpec {
  if (!METRICS.includes(metric)) {
    const near = closest(metric, METRICS);
    const dym = near ? ` (did you mean "${near}"? metric names are lower case)` : '';
    const dymZh = near ? `（是否应为 "${near}"？指标名为小写）` : '';
    throw inputError(`cx score: unknown metric "${metric}"${dym}; use nps, csat or ces.`, `cx score：未知指标 "${metric}"${dymZh}；可用 nps、csat 或 ces。`);
  }
  const spec: ScoreSpec = { metric: metric as ScoreSpec['metric'] };
  if (o.question) spec.question = o.question;
  if (o.by) spec.by = o.by.split(',').map((s) => s.trim()).filter(Boolean);
  if (o.period) {
    spec.period = UNITS.includes(o.period) ? (o.period as ScoreSpec['period']) : parsePeriodUnit(o.period);
  }
  if (o.date) {
    if (!o.period) throw inputError('--date only makes sense with --period (e.g. --period month).', '--date 需与 --period 一起使用（如 --period month）。');
    spec.date = o.date;
  }
  if (o.where) spec.where = o.where;
  if (o.weight) spec.weight = o.weight;
  if (o.allowUnreadable) spec.allowUnreadable = true;
  if (o.compare) {
    if (o.compare !== 'previous') throw inputError(`--compare takes "previous" (got "${o.compare}").`, `--compare 只接受 "previous"（收到 "${o.compare}"）。`);
    if (!o.period && !o.by) throw inputError('--compare previous needs --period (periods) or --by (segments vs the rest).', '--compare previous 需要 --period（与上期比较）或 --by（分组与其余样本比较）。');
    spec.compare = 'previous';
  }
  if (!['mean', 'agree', 'index'].includes(o.ces ?? 'mean')) throw inputError(`--ces must be mean, agree or index (got "${o.ces}").`, `--ces 应为 mean、agree 或 index（收到 "${o.ces}"）。`);
  if (metric === 'ces') spec.ces = (o.ces ?? 'mean') as ScoreSpec['ces'];
  const minN = Number(o.minN ?? 30);
  if (!Number.isInteger(minN) || minN < 0) throw inputError(`--min-n must be a whole number ≥ 0 (got "${o.minN}").`, `--min-n 应为不小于 0 的整数（收到 "${o.minN}"）。`);
  spec.minN = minN;
  if (o.scale) {
    const m = /^\s*(-?\d+)\s*[-–:]\s*(\d+)\s*$/.exec(o.scale);
    if (!m || +m[2]! <= +m[1]! || +m[2]! - +m[1]! > 100) throw inputError(`--scale must look like 1-5 or 1-7 (got "${o.scale}").`, `--scale 格式应为 1-5 或 1-7（收到 "${o.scale}"）。`);
    spec.scale = { min: +m[1]!, max: +m[2]! };
  }
  return spec;
}

type Render = (head: string[], rows: (string | number)[][], align?: ('left' | 'right' | 'center')[]) => string;

const f = (x: number | null | undefined, d = 1) => (x == null || Number.isNaN(x) ? '–' : x.toFixed(d));

function render(ctx: Ctx, r: ScoreResult, renderTable: Render): string {
  const t = ctx.t;
  const d = r.metric === 'ces' && r.ces === 'mean' ? 2 : 1;
  const name = r.metric === 'nps' ? 'NPS' : r.metric === 'csat' ? t('CSAT %', 'CSAT %') : `CES (${r.ces})`;
  const score = (c: Cell) => (c as { nps?: number; csat?: number; ces?: number })[r.metric as 'nps'];
  const head = [t('n', '样本量'), name, t('95% CI', '95% 置信区间'), '±MOE'];
  if (r.metric === 'nps') head.push(`${t('Prom', term('promoters', 'zh'))} %`, `${t('Pass', term('passives', 'zh'))} %`, `${t('Detr', term('detractors', 'zh'))} %`);
  if (r.metric === 'csat') head.push(t('mean', '均值'), t('mean 95% CI', '均值 95% CI'));
  if (r.metric === 'ces' && r.ces !== 'mean') head.push(t('mean', '均值'));
  let anyUnstable = false;
  const cells = (c: Cell): string[] => {
    if (c.unstable) anyUnstable = true;
    const out = [`${c.n}${c.unstable ? ' †' : ''}`, f(score(c), d), `[${f(c.ci95[0], d)}, ${f(c.ci95[1], d)}]`, f(c.moe95, d)];
    if (r.metric === 'nps') {
      const n = c as Cell & { pctPromoters: number; pctPassives: number; pctDetractors: number };
      out.push(f(n.pctPromoters), f(n.pctPassives), f(n.pctDetractors));
    }
    if (r.metric === 'csat') {
      const m = c as Cell & { mean: number; meanCi95: [number, number] };
      out.push(f(m.mean, 2), `[${f(m.meanCi95[0], 2)}, ${f(m.meanCi95[1], 2)}]`);
    }
    if (r.metric === 'ces' && r.ces !== 'mean') out.push(f((c as Cell & { mean: number }).mean, 2));
    return out;
  };
  const change = (c?: Change): string => {
    if (!c) return '';
    const arrow = c.significant ? (c.diff > 0 ? '▲' : c.diff < 0 ? '▼' : '') : '';
    return `${arrow}${c.diff > 0 ? '+' : ''}${f(c.diff, d)}${c.significant ? '*' : ''} (${c.p < 0.001 ? 'p<0.001' : `p=${f(c.p, 3)}`})`;
  };
  const compare = Boolean(r.compareMethod);
  const lines: string[] = [];
  const label = r.questionLabel.replace(/\s+/g, ' ').trim();
  const qlabel = label && label !== r.question ? ` "${label.length > 60 ? `${label.slice(0, 59)}…` : label}"` : '';
  lines.push(`${name} · ${r.question}${qlabel}${r.where ? ` · ${t('where', '筛选')} ${r.where}` : ''}${r.weight ? ` · ${t('weight', '权重')} ${r.weight}` : ''}`);
  const byCols = r.by ?? [];
  const rows: (string | number)[][] = [];
  const withPeriod = Boolean(r.periods);
  const nLead = Math.max(1, byCols.length + (withPeriod ? 1 : 0));
  const overallLead = [t('overall', '总体'), ...Array<string>(nLead - 1).fill('')];
  const tail = (c?: Change) => (compare ? [change(c)] : []);
  rows.push([...overallLead, ...cells(r.overall), ...tail()]);
  const blanks = byCols.length ? [t('overall', '总体'), ...Array<string>(byCols.length - 1).fill('')] : [];
  for (const p of r.periods ?? []) rows.push([...blanks, p.period, ...cells(p), ...tail(p.change)]);
  for (const g of r.groups ?? []) {
    const keys = byCols.map((c) => g.key[c] ?? t('(missing)', '（缺失）'));
    rows.push([...keys, ...(withPeriod ? [t('all', '全部')] : []), ...cells(g), ...tail(g.change ?? g.vsRest)]);
    for (const p of g.periods ?? []) rows.push([...keys, p.period, ...cells(p), ...tail(p.change)]);
  }
  const leadHead = [...byCols, ...(withPeriod ? [t('period', '周期')] : [])];
  const fullHead = [...(leadHead.length ? leadHead : ['']), ...head, ...(compare ? [t('change', '变化')] : [])];
  const align = fullHead.map((_, i) => (i < Math.max(1, leadHead.length) ? 'left' : 'right')) as ('left' | 'right')[];
  lines.push(renderTable(fullHead, rows, align));
  const { min, max } = r.scale;
  const methodZh =
    r.metric === 'nps'
      ? 'NPS = 推荐者(9–10)% − 贬损者(0–6)%；置信区间为调整 Wald 法，MOE 为 Wald 法'
      : r.metric === 'csat'
        ? `CSAT = 前两项（${max - 1}–${max}，量表 ${min}–${max}）占比；置信区间为 Agresti–Coull 法；均值用 t 区间`
        : `CES（${r.ces === 'mean' ? '均值' : r.ces === 'agree' ? '同意比例：高于中点' : `指数：${max - 1}–${max} 占比 − 低于中点占比`}，量表 ${min}–${max}）`;
  const seZh = r.weight ? `加权（${r.weight}），标准误按 Kish 有效样本量` : '简单随机样本';
  const notes: string[] = [t(`method: ${r.method}; SE: ${r.seMethod}`, `方法：${methodZh}；标准误：${seZh}`)];
  if (compare) notes.push(t(`* significant at 5% (${r.compareMethod}); ▲/▼ direction`, `* 5% 水平显著（独立样本双侧检验；各期与上一期比较，${r.compareMethod?.includes('previous wave') ? '各批次与上一批次比较' : '各分组与其余样本比较'}）；▲/▼ 表示方向`));
  if (anyUnstable) notes.push(t(`† n < ${r.minN}: unstable, read with care`, `† 样本量 < ${r.minN}：结果不稳定，请谨慎解读`));
  if (r.excluded) notes.push(t(`${r.excluded} invalid answers excluded`, `已排除 ${r.excluded} 个无效答案`));
  notes.push(accountingLine(r.accounting, ctx.lang === 'zh' ? 'zh' : 'en'));
  lines.push(...notes);
  return lines.join('\n');
}
