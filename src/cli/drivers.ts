// `cx drivers <input> --outcome COL [--drivers COL,...]`: parse flags → load → drivers() → JSON or table.
import type { Command } from 'commander';
import { runner } from './run.js';
import { helpText } from './help-lang.js';
import type { Ctx } from './context.js';
import { inputError } from '../ui/errors.js';
import type { DriversResult } from '../metrics/drivers.js';
import type { Survey } from '../dataset/types.js';
import { accountingLine } from '../dataset/accounting.js';

interface DriversOpts {
  outcome?: string;
  drivers?: string;
  performance?: string;
  weight?: string;
  config?: string;
  allowUnreadable?: boolean;
  engine?: string;
  db?: string;
  fromStats?: string;
  where?: string;
}

export function register(program: Command): void {
  const h = helpText();
  program
    .command('drivers')
    .description(h('Key driver analysis: r, β, VIF, relative weights, Shapley/LMG, importance–performance quadrants', '关键驱动因素分析：r、β、VIF、相对权重、Shapley/LMG、重要性–表现象限'))
    .argument('[input]', h('dataset directory or survey export (with --engine: also Parquet files/folders, or a table)', '数据集目录或问卷导出文件（--engine 时也可为 Parquet 文件/文件夹或数据表）'))
    .option('--outcome <col>', h('the outcome column (overall satisfaction, likelihood to recommend …)', '结果变量列（总体满意度、推荐意愿 …）'))
    .option('--drivers <cols>', h('driver columns, comma-separated (default: every other rating column)', '驱动因素列，逗号分隔（默认：其余所有评分列）'))
    .option('--performance <how>', h('driver performance: mean | top2', '表现的计算：mean（均值）| top2（前两项占比）'), 'mean')
    .option('--weight <col>', h('respondent weight column', '受访者权重列'))
    .option('--config <file>', h('cx.yaml with a drivers section (default: ./cx.yaml if present)', '含 drivers 部分的 cx.yaml（默认：当前目录下的 cx.yaml）'))
    .option('--allow-unreadable', h('leave out answers that cannot be read as numbers even above 5% (a warning instead of exit 2)', '即使超过 5% 也排除无法识别的答案（警告而非退出码 2）'))
    .option('--where <expr>', h('only the responses matching a filter, e.g. \'region = "华东" and wave = "2026Q3"\'', '只分析符合条件的答卷，如 \'region = "华东" and wave = "2026Q3"\''))
    .option('--engine <name>', h('builtin (default) | duckdb (dataset, Parquet, plain CSV) | postgres (a table, with --db)', 'builtin（默认）| duckdb（数据集、Parquet、普通 CSV）| postgres（数据表，需 --db）'))
    .option('--db <url>', h('PostgreSQL URL for --engine postgres (or CX_DB_URL)', '--engine postgres 的 PostgreSQL 连接 URL（或环境变量 CX_DB_URL）'))
    .option('--from-stats <file>', h('key drivers from the saved result of the query `cx sql drivers` prints (CSV, JSON or Parquet)', '根据 `cx sql drivers` 所生成查询的结果文件计算（CSV、JSON 或 Parquet）'))
    .action((input: string | undefined, opts: DriversOpts, cmd: Command) =>
      runner(cmd, async (ctx) => {
        const { loadInput } = await import('../dataset/load.js');
        const { loadConfig } = await import('../config/load.js');
        const { applyConfig } = await import('../config/apply.js');
        const cfg = loadConfig(opts.config);
        if (opts.fromStats) {
          const { driversFromStatsFile } = await import('../engine/drivers-engine.js');
          const r = await driversFromStatsFile(opts.fromStats, { outcome: opts.outcome, allowUnreadable: opts.allowUnreadable, where: opts.where });
          for (const w of r.unreadableWarnings ?? []) ctx.warn(w.en, w.zh);
          const { renderTable, fmt } = await import('../ui/table.js');
          const { QUADRANT_LABELS } = await import('../metrics/drivers.js');
          ctx.emit(r, () => render(ctx, r, renderTable, fmt, QUADRANT_LABELS, (id) => id));
          return;
        }
        if (!input) throw inputError('cx drivers: give the input (a dataset directory or an export file), or --from-stats FILE.', 'cx drivers：请给出输入（数据集目录或导出文件），或使用 --from-stats FILE。');
        const outcome = opts.outcome ?? cfg.drivers?.outcome;
        if (!outcome) {
          throw inputError('cx drivers needs --outcome COL (or drivers.outcome in cx.yaml).', 'cx drivers 需要 --outcome COL（或 cx.yaml 中的 drivers.outcome）。');
        }
        const explicitPerf = cmd.getOptionValueSource('performance') === 'cli';
        const perf = explicitPerf ? opts.performance : (cfg.drivers?.performance ?? opts.performance);
        if (perf !== 'mean' && perf !== 'top2') {
          throw inputError(`--performance must be mean or top2, not "${perf}".`, `--performance 只能是 mean 或 top2，而不是 "${perf}"。`);
        }
        const list = opts.drivers
          ? opts.drivers.split(',').map((s) => s.trim()).filter(Boolean)
          : cfg.drivers?.drivers;
        const { parseEngine } = await import('../engine/cli-score.js');
        const engine = parseEngine(opts.engine);
        const dOpts = { outcome, drivers: list, performance: perf, weight: opts.weight ?? cfg.roles?.weight, allowUnreadable: opts.allowUnreadable, where: opts.where } as const;
        let survey: Survey;
        let result: DriversResult;
        if (engine !== 'builtin') {
          // DuckDB or PostgreSQL computes the moment block where the data is; the estimate is the same.
          const { driversWithEngine } = await import('../engine/drivers-engine.js');
          let seen: Survey | undefined;
          result = await driversWithEngine(engine, input, opts.db, { ...dOpts }, (s) => (seen = { ...applyConfig(s, cfg), source: [input] }));
          survey = seen!;
        } else {
          // Messages name what the user typed (a dataset directory, not the exports it was built from).
          survey = { ...applyConfig(await loadInput(input), cfg), source: [input] };
          // An unknown --outcome is named as such (it used to say "No driver columns found besides …").
          const { resolveColumn } = await import('../dataset/where.js');
          const outcomeId = survey.columns.has(outcome) ? outcome : resolveColumn(survey, outcome, opts.outcome ? '--outcome' : 'drivers.outcome in cx.yaml').id;
          const { drivers } = await import('../metrics/drivers.js');
          result = drivers(survey, { ...dOpts, outcome: outcomeId });
        }
        for (const w of result.unreadableWarnings ?? []) ctx.warn(w.en, w.zh);
        for (const b of result.outOfScale) {
          ctx.warn(
            `${b.count} value(s) in column "${b.column}" are outside its scale and treated as missing ("don't know" codes?) (rows ${b.rows.join(', ')}: ${b.values.join(', ')}).`,
            `列 "${b.column}" 中有 ${b.count} 个值超出量表范围，按缺失处理（可能是"不知道"编码）（第 ${b.rows.join('、')} 行：${b.values.join('、')}）。`,
          );
        }
        if (result.excluded) {
          ctx.info(
            `${result.excluded} row(s) with a missing value were left out (listwise); n = ${result.n}.`,
            `${result.excluded} 行存在缺失值，已整行剔除；n = ${result.n}。`,
          );
        }
        for (const d of result.drivers) {
          if (d.suppressor) {
            ctx.warn(
              `"${d.driver}": the sign of β differs from the sign of r (suppressor effect); read its β with care.`,
              `"${d.driver}"：β 与 r 符号相反（抑制效应），请谨慎解读其 β。`,
            );
          }
          if (d.vif > 5) {
            ctx.warn(`"${d.driver}": VIF ${d.vif.toFixed(1)} (> 5), strongly overlapping with other drivers.`, `"${d.driver}"：VIF 为 ${d.vif.toFixed(1)}（> 5），与其他驱动因素高度重叠。`);
          }
        }
        const { renderTable, fmt } = await import('../ui/table.js');
        const { QUADRANT_LABELS } = await import('../metrics/drivers.js');
        ctx.emit(result, () => render(ctx, result, renderTable, fmt, QUADRANT_LABELS, (id) => shortLabel(survey.questions.find((q) => q.id === id)?.label, id)));
      }),
    );
}

function render(
  ctx: Ctx,
  r: DriversResult,
  renderTable: (h: string[], rows: (string | number)[][], align?: ('left' | 'right' | 'center')[]) => string,
  fmt: (n: number | null | undefined, d?: number) => string,
  labels: Record<string, { en: string; zh: string }>,
  labelOf: (id: string) => string = (id) => id,
): string {
  const top2 = r.method.performance.startsWith('top');
  const hasSh = r.drivers.some((d) => d.shapley != null);
  const head = [
    ctx.t('driver', '驱动因素'), 'r', 'β', 'p', 'VIF', ctx.t('RW %', '相对权重 %'), ...(hasSh ? [ctx.t('Shapley %', 'Shapley %')] : []),
    ctx.t('rank', '排名'), top2 ? ctx.t('top-2 %', '前两项 %') : ctx.t('mean', '均值'), ctx.t('quadrant', '象限'),
  ];
  const rows = [...r.drivers].sort((a, b) => a.rank - b.rank).map((d) => [
    driverName(d.driver, labelOf(d.driver)), fmt(d.r, 2), fmt(d.beta, 2), d.p < 0.001 ? '<.001' : fmt(d.p, 3), fmt(d.vif, 2), fmt(d.weightPct, 1),
    ...(hasSh ? [fmt(d.shapleyPct, 1)] : []), d.rank, top2 ? fmt(100 * d.performance, 0) : fmt(d.performance, 2),
    ctx.lang === 'zh' ? labels[d.quadrant]!.zh : labels[d.quadrant]!.en,
  ]);
  const stars = r.fP < 0.001 ? '<.001' : fmt(r.fP, 3);
  const acc = (r.accounting ?? []).filter((a) => a.excluded.unreadable || a.excluded.outOfScale || a.excluded.missing);
  return [
    `${ctx.t('outcome: ', '结果变量：')}${r.outcome}   n = ${r.n}${r.excluded ? ctx.t(` (${r.excluded} excluded)`, `（剔除 ${r.excluded}）`) : ''}   R² = ${fmt(r.r2, 3)}   ${ctx.t('adj. R²', '调整 R²')} = ${fmt(r.adjR2, 3)}   F(${r.df1}, ${r.df2}) = ${fmt(r.f, 2)}, p ${stars.startsWith('<') ? '< .001' : '= ' + stars}`,
    renderTable(head, rows, head.map((_, i) => (i === 0 || i === head.length - 1 ? 'left' : 'right'))), // quadrant (last) is text
    ctx.t(
      'RW % = Johnson relative weight as % of R²; quadrants split at the mean importance and mean performance.',
      '相对权重 % = Johnson 相对权重占 R² 的百分比；象限以重要性均值和表现均值划分。',
    ),
    ...(r.n < 30 ? [ctx.t(`unstable: n = ${r.n} < 30.`, `样本不足：n = ${r.n} < 30，结果不稳定。`)] : []),
    ...acc.map((a) => accountingLine(a, ctx.lang === 'zh' ? 'zh' : 'en')),
  ].join('\n');
}

/** "Q4_2 Delivery speed": the id, then the matrix row text (after the last " - ") or the question text. */
export function shortLabel(label: string | undefined, id: string): string {
  if (!label || label === id) return '';
  const parts = label.split(/\s[-–—]\s/);
  return (parts.length > 1 ? parts[parts.length - 1]! : label).trim();
}

function driverName(id: string, label: string): string {
  const s = label ? `${id} ${label}` : id;
  return s.length > 40 ? s.slice(0, 39) + '…' : s;
}
