// `cx kano <input> [--config cx.yaml]`: parse flags → load → kano() → JSON or a terminal table.
import type { Command } from 'commander';
import { runner } from './run.js';
import { GLOSSARY } from '../ui/glossary.js';
import { helpText } from './help-lang.js';
import type { Ctx } from './context.js';
import type { KanoResult, KanoCategory } from '../metrics/kano.js';
import { accountingLine } from '../dataset/accounting.js';
import { inputError } from '../ui/errors.js';

interface KanoOpts {
  allowUnreadable?: boolean;
  config?: string;
  where?: string;
  engine?: string;
  db?: string;
  fromStats?: string;
}

const CAT_NAMES = Object.fromEntries((['A', 'O', 'M', 'I', 'R', 'Q'] as KanoCategory[]).map((c) => [c, GLOSSARY[c]])) as Record<KanoCategory, readonly [string, string]>;

export function register(program: Command): void {
  const h = helpText();
  program
    .command('kano')
    .description(h('Kano analysis: categories, Better/Worse, strength, Fong test, DuMouchel scores', 'Kano 分析：属性类别、Better/Worse、强度、Fong 检验、DuMouchel 得分'))
    .argument('[input]', h('dataset directory or survey export (with --engine: also Parquet files/folders, a plain CSV, or a table)', '数据集目录或问卷导出文件（--engine 时也可为 Parquet 文件/文件夹、普通 CSV 或数据表）'))
    .option('--config <file>', h('cx.yaml listing kano.features (default: ./cx.yaml if present; else pairs are found by name)', '列出 kano.features 的 cx.yaml（默认：当前目录下的 cx.yaml；否则按列名自动配对）'))
    .option('--where <expr>', h('filter, e.g. \'region = "East"\'', '筛选条件，如 \'region = "华东"\''))
    .option('--allow-unreadable', h('leave out answers that cannot be read even above 5% (a warning instead of exit 2)', '即使超过 5% 也排除无法识别的答案（警告而非退出码 2）'))
    .option('--engine <name>', h('builtin (default) | duckdb (dataset, Parquet, plain CSV) | postgres (a table, with --db)', 'builtin（默认）| duckdb（数据集、Parquet、普通 CSV）| postgres（数据表，需 --db）'))
    .option('--db <url>', h('PostgreSQL URL for --engine postgres (or CX_DB_URL)', '--engine postgres 的 PostgreSQL 连接 URL（或环境变量 CX_DB_URL）'))
    .option('--from-stats <file>', h('Kano from the saved result of the query `cx sql kano` prints (CSV, JSON or Parquet)', '根据 `cx sql kano` 所生成查询的结果文件计算（CSV、JSON 或 Parquet）'))
    .action((input: string | undefined, opts: KanoOpts, cmd: Command) =>
      runner(cmd, async (ctx) => {
        const { loadConfig } = await import('../config/load.js');
        const { applyConfig } = await import('../config/apply.js');
        const cfg = loadConfig(opts.config);
        const { usesEngine } = await import('../engine/cli-score.js');
        let result: KanoResult;
        if (usesEngine(opts)) {
          const { kanoStatsWithEngine } = await import('../engine/counts-engine.js');
          const stats = await kanoStatsWithEngine(input, opts, cfg.kano?.features, (s) => applyConfig(s, cfg));
          const { kanoFromStats } = await import('../metrics/kano.js');
          result = kanoFromStats(stats, { allowUnreadable: opts.allowUnreadable });
        } else {
          if (!input) throw inputError('cx kano: give the input (a dataset directory or an export file), or --from-stats FILE.', 'cx kano：请给出输入（数据集目录或导出文件），或使用 --from-stats FILE。');
          const { loadInput } = await import('../dataset/load.js');
          // Messages name what the user typed (a dataset directory, not the exports it was built from).
          const survey = { ...applyConfig(await loadInput(input), cfg), source: [input] };
          const { kano } = await import('../metrics/kano.js');
          let mask: Uint8Array | undefined;
          if (opts.where) {
            const { whereMask } = await import('../dataset/where.js');
            mask = whereMask(survey, opts.where);
          }
          result = kano(survey, cfg.kano?.features, { allowUnreadable: opts.allowUnreadable, mask });
        }
        for (const u of result.unrecognised) {
          const rows = u.rows.length ? `rows ${u.rows.join(', ')}: ` : '';
          const rowsZh = u.rows.length ? `第 ${u.rows.join('、')} 行：` : '';
          ctx.warn(
            `${u.count} answer(s) in column "${u.column}" are not one of the five Kano answers (${rows}${u.values.map((v) => `"${v}"`).join(', ')}); excluded.`,
            `列 "${u.column}" 中有 ${u.count} 个答案不是 Kano 五个选项之一（${rowsZh}${u.values.map((v) => `"${v}"`).join('、')}），已排除。`,
          );
        }
        const { renderTable, fmt } = await import('../ui/table.js');
        ctx.emit(result, () => render(ctx, result, renderTable, fmt));
      }),
    );
}

function render(
  ctx: Ctx,
  r: KanoResult,
  renderTable: (h: string[], rows: (string | number)[][], align?: ('left' | 'right' | 'center')[]) => string,
  fmt: (n: number | null | undefined, d?: number) => string,
): string {
  const head = ctx.lang === 'zh'
    ? ['功能', 'n', 'A', 'O', 'M', 'I', 'R', 'Q', '类别', 'Better', 'Worse', 'TS', 'CS', 'Fong', 'F̄', 'D̄']
    : ['feature', 'n', 'A', 'O', 'M', 'I', 'R', 'Q', 'category', 'Better', 'Worse', 'TS', 'CS', 'Fong', 'F̄', 'D̄'];
  const hasImp = r.features.some((f) => f.importance);
  if (hasImp) head.push(ctx.t('importance', '重要性'));
  const rows = r.features.map((f) => {
    const name = f.category ? CAT_NAMES[f.category][ctx.lang === 'zh' ? 1 : 0] : '';
    const row: (string | number)[] = [
      f.feature, f.n, f.counts.A, f.counts.O, f.counts.M, f.counts.I, f.counts.R, f.counts.Q,
      f.category ? `${f.category} ${name}${f.nearTie ? ' *' : ''}` : '–',
      fmt(f.better, 2), fmt(f.worse, 2), `${fmt(100 * f.totalStrength, 0)}%`, `${fmt(100 * f.categoryStrength, 0)}%`,
      f.fong.significant ? ctx.t('sig', '显著') : ctx.t('ns', '不显著'), fmt(f.functional, 2), fmt(f.dysfunctional, 2),
    ];
    if (hasImp) row.push(f.importance ? fmt(f.importance.mean, 2) : '–');
    return row;
  });
  // text columns (feature, category, Fong) left, numbers right
  const lines = [renderTable(head, rows, head.map((_, i) => (i === 0 || i === 8 || i === 13 ? 'left' : 'right')))];
  if (r.features.some((f) => f.nearTie)) {
    lines.push(ctx.t(
      '* near-tie (category strength < 6%): decided by M > O > A > I (Berger et al. 1993).',
      '* 接近并列（类别强度 < 6%）：按 M > O > A > I 规则判定（Berger 等，1993）。',
    ));
  }
  const small = r.features.filter((f) => f.n < 30);
  if (small.length) {
    lines.push(ctx.t(
      `unstable: n < 30 for ${small.map((f) => f.feature).join(', ')}.`,
      `样本不足：${small.map((f) => f.feature).join('、')} 的 n < 30，结果不稳定。`,
    ));
  }
  for (const a of r.accounting ?? []) {
    if (a.excluded.unreadable || a.excluded.outOfScale) lines.push(accountingLine(a, ctx.lang === 'zh' ? 'zh' : 'en'));
  }
  lines.push(ctx.t(
    'Better = (A+O)/(A+O+M+I), Worse = −(O+M)/(A+O+M+I); F̄/D̄ = DuMouchel functional/dysfunctional means (−2…4).',
    'Better =（A+O）/（A+O+M+I），Worse = −（O+M）/（A+O+M+I）；F̄/D̄ 为 DuMouchel 正向/反向平均分（−2…4）。',
  ));
  return lines.join('\n');
}
