// `cx journey <input>`: the journey: section of cx.yaml → journeySurvey (+ comments per touchpoint) → JSON,
// a terminal table in journey order, and optionally the journey map as SVG (--svg FILE).
import type { Command } from 'commander';
import { runner } from './run.js';
import { helpText } from './help-lang.js';
import type { Ctx } from './context.js';
import { inputError } from '../ui/errors.js';
import type { JourneyResult, JourneySpec } from '../metrics/journey-survey.js';

interface JourneyOpts {
  config?: string;
  outcome?: string;
  positive?: string;
  missing?: string;
  theta?: string;
  rule?: string;
  alpha?: string;
  bands?: string;
  by?: string;
  where?: string;
  period?: string;
  date?: string;
  compare?: string;
  minBase?: string;
  keepEmptyBands?: boolean;
  codeframe?: string;
  text?: string;
  svg?: string;
}

const UNITS = ['day', 'week', 'month', 'quarter'];

export function register(program: Command): void {
  const h = helpText();
  program
    .command('journey')
    .description(h('Customer journey: touchpoint scores, penalty–reward (PRCA), impact asymmetry, pain/itch/delight points', '客户旅程：触点得分、奖惩对比分析（PRCA）、影响不对称性、痛点/痒点/爽点'))
    .argument('<input>', h('dataset directory or survey export', '数据集目录或问卷导出文件'))
    .option('--config <file>', h('cx.yaml with a journey section (default: ./cx.yaml)', '含 journey 部分的 cx.yaml（默认：当前目录下的 cx.yaml）'))
    .option('--outcome <col>', h('overall outcome column (overrides journey.outcome)', '总体结果变量列（覆盖 journey.outcome）'))
    .option('--positive <answers>', h('answers of the outcome that count as 1, comma-separated (e.g. satisfied)', '结果变量中算作 1 的答案，逗号分隔（如 满意）'))
    .option('--missing <how>', h('listwise (one model, default) | pairwise (one model per touchpoint)', 'listwise（单一模型，默认）| pairwise（每个触点一个模型）'))
    .option('--theta <θ>', h('IA threshold: basic below −θ, excitement above θ (default 0.2)', 'IA 阈值：低于 −θ 为基本因素，高于 θ 为兴奋因素（默认 0.2）'))
    .option('--rule <rule>', h('classification rule: ia (default) | ratio | significance', '分类规则：ia（默认）| ratio | significance'))
    .option('--alpha <α>', h('significance level for p-value based flags and the significance rule (default 0.05)', '显著性水平（默认 0.05）'))
    .option('--bands <bands>', h('default | extremes (bottom/top box) | nps (0–6/9–10) | low/high points, e.g. 1,2/4,5', 'default | extremes（首尾选项）| nps（0–6/9–10）| 低/高分点，如 1,2/4,5'))
    .option('--by <cols>', h('the map per segment, with a test of whether the effects differ', '按分组分别分析，并检验效应是否不同'))
    .option('--where <expr>', h('filter, e.g. \'region = "East"\'', '筛选条件，如 \'region = "华东"\''))
    .option('--period <unit>', h('day | week | month | quarter: the map per period', '按周期：day | week | month | quarter'))
    .option('--date <col>', h('response-date column for --period', '--period 使用的日期列'))
    .option('--compare <what>', h('"previous": each period against the one before', '"previous"：每期与上一期比较'))
    .option('--min-base <n>', h('flag bands and cells with fewer answers (default 30)', '样本量低于此值的区间和单元加以标记（默认 30）'))
    .option('--keep-empty-bands', h('fit even when a touchpoint has no answers in its low or high band (effect set to 0, flagged)', '触点的低分或高分区间没有答案时仍然拟合（该效应设为 0 并标记）'))
    .option('--codeframe <file>', h('codeframe for comments per touchpoint (default: codeframe in cx.yaml)', '用于触点评论的编码框架（默认：cx.yaml 中的 codeframe）'))
    .option('--text <col>', h('comment column (default: the survey comment column)', '评论列（默认：问卷的评论列）'))
    .option('--svg <file>', h('also write the journey map as SVG', '同时输出旅程地图 SVG'))
    .action((input: string, opts: JourneyOpts, cmd: Command) =>
      runner(cmd, async (ctx) => {
        const { loadConfig } = await import('../config/load.js');
        const cfg = loadConfig(opts.config);
        if (!cfg.journey) {
          throw inputError(
            `cx journey needs a journey: section in ${cfg.file ?? 'cx.yaml'} (outcome and stages with touchpoints); "cx init ${input}" proposes one from a rating grid.`,
            `cx journey 需要 ${cfg.file ?? 'cx.yaml'} 中的 journey: 部分（结果变量及各阶段的触点）；"cx init ${input}" 可根据评分矩阵题生成草稿。`,
          );
        }
        const { flattenJourney, outcomeOf } = await import('../metrics/journey-config.js');
        const tps = flattenJourney(cfg.journey);
        const spec = toSpec(opts, cfg.journey, outcomeOf(cfg.journey), tps);
        const { loadInput } = await import('../dataset/load.js');
        const { applyConfig } = await import('../config/apply.js');
        const survey = { ...applyConfig(await loadInput(input), cfg), source: [input] };
        const { journeyWithRows } = await import('../metrics/journey-survey.js');
        const { result, y, mask } = journeyWithRows(survey, spec);
        const cfPath = opts.codeframe ?? cfg.codeframe;
        if (tps.some((t) => t.codes?.length)) {
          if (!cfPath) {
            ctx.warn('touchpoints name codeframe codes but no codeframe is set (--codeframe FILE or codeframe: in cx.yaml): comments per touchpoint are left out.', '触点指定了编码，但未设置编码框架（--codeframe 或 cx.yaml 中的 codeframe:）：不输出触点评论。');
          } else {
            const { loadCodeframeFile } = await import('../text/codeframe/index.js');
            const { attachComments } = await import('../metrics/journey-comments.js');
            await attachComments(survey, result, tps, y, mask, await loadCodeframeFile(cfPath), opts.text ?? cfg.roles?.text);
          }
        }
        for (const w of result.warnings) ctx.warn(w.en, w.zh);
        if (result.missing === 'listwise' && result.nDropped > 0) {
          ctx.info(
            `${result.nDropped} of ${result.rowsFiltered} responses left out (listwise): ${result.dropped.outcomeMissing} without the outcome, ${result.dropped.touchpointMissing} missing a touchpoint; n = ${result.n}.`,
            `${result.rowsFiltered} 份答卷中剔除 ${result.nDropped} 份（整行剔除）：${result.dropped.outcomeMissing} 份缺结果变量，${result.dropped.touchpointMissing} 份缺触点评分；n = ${result.n}。`,
          );
        }
        if (opts.svg) {
          const { journeyMapFromResult } = await import('../report/build-journey.js');
          const { journeyMapSvg } = await import('../report/charts-journey.js');
          const { writeFileAtomic } = await import('../report/render.js');
          writeFileAtomic(opts.svg, journeyMapSvg(journeyMapFromResult(result, ctx.lang)));
          ctx.info(`wrote ${opts.svg}`, `已写入 ${opts.svg}`);
        }
        const { renderTable } = await import('../ui/table.js');
        ctx.emit(result, () => render(ctx, result, renderTable));
      }),
    );
}

function num(flag: string, v: string | undefined, lo: number, hi: number): number | undefined {
  if (v === undefined) return undefined;
  const x = Number(v);
  if (!Number.isFinite(x) || x < lo || x > hi) throw inputError(`${flag} must be a number from ${lo} to ${hi} (got "${v}").`, `${flag} 应为 ${lo} 到 ${hi} 之间的数（收到 "${v}"）。`);
  return x;
}

function toSpec(o: JourneyOpts, j: NonNullable<import('../config/schema.js').CxConfig['journey']>, outcome: { column: string; positive?: string[] }, tps: JourneySpec['touchpoints']): JourneySpec {
  const spec: JourneySpec = { outcome: { ...outcome }, touchpoints: tps };
  if (o.outcome) spec.outcome = { column: o.outcome };
  if (o.positive) spec.outcome.positive = o.positive.split(',').map((s) => s.trim()).filter(Boolean);
  if (j.na) spec.na = j.na;
  if (j.bands) spec.bands = j.bands;
  const missing = o.missing ?? j.missing;
  if (missing !== undefined) {
    if (missing !== 'listwise' && missing !== 'pairwise') throw inputError(`--missing must be listwise or pairwise (got "${missing}").`, `--missing 应为 listwise 或 pairwise（收到 "${missing}"）。`);
    spec.missing = missing;
  }
  spec.theta = num('--theta', o.theta, 0, 1) ?? j.theta;
  const rule = o.rule ?? j.rule;
  if (rule !== undefined) {
    if (!['ia', 'ratio', 'significance'].includes(rule)) throw inputError(`--rule must be ia, ratio or significance (got "${rule}").`, `--rule 应为 ia、ratio 或 significance（收到 "${rule}"）。`);
    spec.rule = rule as JourneySpec['rule'];
  }
  spec.alpha = num('--alpha', o.alpha, 0.0001, 0.5);
  const mb = num('--min-base', o.minBase, 0, 1e9);
  if (mb !== undefined) spec.minBase = Math.floor(mb);
  if (o.bands) {
    const b = o.bands.trim();
    if (b === 'default' || b === 'extremes' || b === 'nps') {
      spec.bandPreset = b;
      delete spec.bands;
    } else {
      const m = /^([\d\s,.-]+)\/([\d\s,.-]+)$/.exec(b);
      const list = (s: string) => s.split(',').map((x) => x.trim()).filter(Boolean).map(Number);
      if (!m || list(m[1]!).some((x) => !Number.isInteger(x)) || list(m[2]!).some((x) => !Number.isInteger(x)) || !list(m[1]!).length || !list(m[2]!).length) {
        throw inputError(`--bands must be default, extremes, nps or low/high scale points such as 1,2/4,5 (got "${o.bands}").`, `--bands 应为 default、extremes、nps，或低/高分点如 1,2/4,5（收到 "${o.bands}"）。`);
      }
      spec.bands = { low: list(m[1]!), high: list(m[2]!) };
    }
  }
  if (o.keepEmptyBands) spec.keepEmptyBands = true;
  if (o.by) spec.by = o.by.split(',').map((s) => s.trim()).filter(Boolean);
  if (o.where) spec.where = o.where;
  if (o.period) {
    if (!UNITS.includes(o.period)) throw inputError(`--period must be day, week, month or quarter (got "${o.period}").`, `--period 应为 day、week、month 或 quarter（收到 "${o.period}"）。`);
    spec.period = o.period as JourneySpec['period'];
  }
  if (o.date) {
    if (!o.period) throw inputError('--date only makes sense with --period (e.g. --period month).', '--date 需与 --period 一起使用（如 --period month）。');
    spec.date = o.date;
  }
  if (o.compare) {
    if (o.compare !== 'previous') throw inputError(`--compare takes "previous" (got "${o.compare}").`, `--compare 只接受 "previous"（收到 "${o.compare}"）。`);
    if (!o.period) throw inputError('--compare previous needs --period (each period against the one before).', '--compare previous 需要 --period（每期与上一期比较）。');
    spec.compare = 'previous';
  }
  return spec;
}

type Render = (head: string[], rows: (string | number)[][], align?: ('left' | 'right' | 'center')[]) => string;

const f = (x: number | null | undefined, d = 2) => (x == null || !Number.isFinite(x) ? '–' : x.toFixed(d));
const pv = (p: number) => (!Number.isFinite(p) ? '–' : p < 0.001 ? '<.001' : p.toFixed(3));

export function categoryText(ctx: Pick<Ctx, 'lang'>, c: string | null): string {
  if (!c) return ctx.lang === 'zh' ? '无影响' : 'no impact';
  const zh: Record<string, string> = { basic: '痛点', performance: '痒点', excitement: '爽点', indifferent: '无显著影响' };
  const en: Record<string, string> = { basic: 'basic (pain)', performance: 'performance (itch)', excitement: 'excitement (delight)', indifferent: 'indifferent' };
  return ctx.lang === 'zh' ? zh[c]! : en[c]!;
}

function render(ctx: Ctx, r: JourneyResult, renderTable: Render): string {
  const t = ctx.t;
  const change = r.touchpoints.find((x) => x.change)?.change;
  const comments = r.touchpoints.some((x) => x.comments);
  const head = [
    t('stage', '阶段'), t('touchpoint', '触点'), 'n', t('mean [95% CI]', '均值 [95% CI]'), t('top-2', '前两项'), t('target', '目标'),
    ...(change ? [t(`Δ vs ${change.against}`, `较 ${change.against}`)] : []),
    t('penalty', '惩罚'), 'p', t('reward', '奖励'), 'p', 'IA', t('category', '类别'), 'AIPA', t('RW %', '相对权重 %'),
    ...(comments ? [t('comments %', '评论 %'), t('detr. %', '贬损者 %'), t('neg. %', '负面 %')] : []),
    t('flags', '标记'),
  ];
  let lastStage = '';
  const rows = r.touchpoints.map((x) => {
    const stage = x.stage === lastStage ? '' : x.stage;
    lastStage = x.stage;
    const target = x.target === undefined ? '' : `${f(x.target, 1)} ${x.targetMet ? '✓' : '✗'}`;
    const ch = x.change ? `${x.change.diff > 0 ? '+' : ''}${f(x.change.diff)}${x.change.significant ? '*' : ''} (p ${pv(x.change.p)})` : '';
    const flags = x.flags.join(' ');
    return [
      stage, x.touchpoint, x.n, `${f(x.mean)} [${f(x.ci95[0])}, ${f(x.ci95[1])}]`, `${f(100 * x.top2, 0)}%`, target,
      ...(change ? [ch] : []),
      f(x.bLow, 3), pv(x.pLow), f(x.bHigh, 3), pv(x.pHigh), f(x.ia), `${categoryText(ctx, x.category)}${x.signsOk ? '' : ' ⚠'}`, x.aipa ?? '–', f(x.rwPct, 1),
      ...(comments ? [f(x.comments?.pct, 1), f(x.comments?.detractors.pct, 1), f(x.comments?.sentiment?.negative, 0)] : []),
      flags,
    ];
  });
  const lines: string[] = [];
  const outcome = `${r.outcome}${r.outcomeLabel && r.outcomeLabel !== r.outcome ? ` "${r.outcomeLabel.length > 50 ? r.outcomeLabel.slice(0, 49) + '…' : r.outcomeLabel}"` : ''}`;
  lines.push(
    `${t('outcome', '结果变量')}: ${outcome}${r.outcomeKind === 'binary' ? t(' (0/1)', '（0/1）') : ''}   n = ${r.n}${r.nDropped ? t(` (${r.nDropped} dropped)`, `（剔除 ${r.nDropped}）`) : ''}   R² = ${f(r.r2, 3)}   ${t('bands', '区间')} ${r.coding.low.join(',')} | ${r.coding.ref.join(',')} | ${r.coding.high.join(',')}   ${r.rule === 'ia' ? `θ = ${r.theta}` : t(`rule ${r.rule}`, `规则 ${r.rule}`)}${r.where ? `   ${t('where', '筛选')} ${r.where}` : ''}`,
  );
  const align = head.map((_, i) => (i < 2 || head[i] === t('category', '类别') || head[i] === t('flags', '标记') || head[i] === 'AIPA' ? 'left' : 'right')) as ('left' | 'right')[];
  lines.push(renderTable(head, rows, align));
  lines.push(
    t(
      `penalty = b(low band) and reward = b(high band) vs the middle band (${r.missing === 'listwise' ? 'one OLS, listwise' : 'one OLS per touchpoint, pairwise'}); IA = (R − P)/(R + P); category by ${r.rule === 'ia' ? `IA (±${r.theta})` : r.rule}; AIPA priority LB > LP > LE > HB > HP > HE; ⚠ = sign anomaly, review before acting.`,
      `惩罚 = 低分区间系数，奖励 = 高分区间系数（以中间区间为参照；${r.missing === 'listwise' ? '单一 OLS，整行剔除' : '每个触点单独 OLS'}）；IA = (R − P)/(R + P)；类别按 ${r.rule === 'ia' ? `IA（±${r.theta}）` : r.rule}；AIPA 优先级 LB > LP > LE > HB > HP > HE；⚠ = 符号异常，行动前请复核。`,
    ),
  );
  if (r.segmentTests) {
    lines.push('');
    lines.push(t(`by ${r.by!.join(', ')}: categories per segment, and a test of equal penalty/reward across segments`, `按 ${r.by!.join('、')}：各分组的类别，以及奖惩效应是否相同的检验`));
    const segNames = Object.keys(r.segmentTests[0]?.categories ?? {});
    const sh = [t('touchpoint', '触点'), ...segNames, 'χ²', 'df', 'p'];
    const srows = r.segmentTests.map((s) => [s.touchpoint, ...segNames.map((g) => categoryText(ctx, s.categories[g] ?? null)), f(s.chi2, 1), s.df ?? '–', s.p == null ? '–' : pv(s.p)]);
    lines.push(renderTable(sh, srows, sh.map((_, i) => (i === 0 ? 'left' : i <= segNames.length ? 'left' : 'right'))));
  }
  if (r.periods && r.periods.length > 1 && !change) {
    lines.push(t(`${r.periods.length} periods in --json (periods[]); add --compare previous for changes.`, `--json 中有 ${r.periods.length} 个周期（periods[]）；加 --compare previous 查看变化。`));
  }
  return lines.join('\n');
}
