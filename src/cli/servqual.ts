// `cx servqual <input> [--config cx.yaml]`: parse flags → load → servqual() → JSON or a terminal table.
import type { Command } from 'commander';
import { runner } from './run.js';
import { term } from '../ui/glossary.js';
import { helpText } from './help-lang.js';
import type { Ctx } from './context.js';
import type { ServqualResult } from '../metrics/servqual.js';
import { accountingLine } from '../dataset/accounting.js';
import { inputError } from '../ui/errors.js';

const ZH: Record<string, string> = Object.fromEntries(['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'].map((d) => [d, term(d, 'zh')]));

export function register(program: Command): void {
  const h = helpText();
  program
    .command('servqual')
    .description(h('SERVQUAL gaps (P − E) by dimension, weighted score, SERVPERF, zone of tolerance, Cronbach α', 'SERVQUAL 各维度差距（P − E）、加权得分、SERVPERF、容忍区间、Cronbach α'))
    .argument('[input]', h('dataset directory or survey export (with --engine: also Parquet files/folders, or a table)', '数据集目录或问卷导出文件（--engine 时也可为 Parquet 文件/文件夹或数据表）'))
    .option('--config <file>', h('cx.yaml with servqual.items / servqual.weights (default: ./cx.yaml if present)', '含 servqual.items / servqual.weights 的 cx.yaml（默认：当前目录下的 cx.yaml）'))
    .option('--items', h('also list every item', '同时列出每道题'))
    .option('--reverse <items>', h('reverse-score negatively worded items (1988 version), e.g. 10-13,18-22 or column ids', '反向计分的负向表述题（1988 版），如 10-13,18-22 或列名'))
    .option('--allow-unreadable', h('leave out answers that cannot be read even above 5% (a warning instead of exit 2)', '即使超过 5% 也排除无法识别的答案（警告而非退出码 2）'))
    .option('--where <expr>', h('only the responses matching a filter, e.g. \'branch = "上海"\'', '只分析符合条件的答卷，如 \'branch = "上海"\''))
    .option('--engine <name>', h('builtin (default) | duckdb (dataset, Parquet, plain CSV) | postgres (a table, with --db)', 'builtin（默认）| duckdb（数据集、Parquet、普通 CSV）| postgres（数据表，需 --db）'))
    .option('--db <url>', h('PostgreSQL URL for --engine postgres (or CX_DB_URL)', '--engine postgres 的 PostgreSQL 连接 URL（或环境变量 CX_DB_URL）'))
    .option('--from-stats <file>', h('SERVQUAL from the saved result of the query `cx sql servqual` prints (CSV, JSON or Parquet)', '根据 `cx sql servqual` 所生成查询的结果文件计算（CSV、JSON 或 Parquet）'))
    .action((input: string | undefined, opts: { allowUnreadable?: boolean; config?: string; items?: boolean; reverse?: string; engine?: string; db?: string; fromStats?: string; where?: string }, cmd: Command) =>
      runner(cmd, async (ctx) => {
        const { loadInput } = await import('../dataset/load.js');
        const { loadConfig } = await import('../config/load.js');
        const { applyConfig } = await import('../config/apply.js');
        const cfg = loadConfig(opts.config);
        const sOpts = {
          items: cfg.servqual?.items?.map((it) => ({ ...it, item: it.perception })),
          weights: cfg.servqual?.weights,
          reverse: opts.reverse ? parseReverse(opts.reverse) : undefined,
          allowUnreadable: opts.allowUnreadable,
          where: opts.where,
        };
        const { parseEngine } = await import('../engine/cli-score.js');
        const engine = parseEngine(opts.engine);
        let result: import('../metrics/servqual.js').ServqualResult;
        if (opts.fromStats) {
          const { servqualFromStatsFile } = await import('../engine/servqual-engine.js');
          result = await servqualFromStatsFile(opts.fromStats, sOpts);
        } else if (!input) {
          throw inputError('cx servqual: give the input (a dataset directory or an export file), or --from-stats FILE.', 'cx servqual：请给出输入（数据集目录或导出文件），或使用 --from-stats FILE。');
        } else if (engine !== 'builtin') {
          // DuckDB or PostgreSQL computes the statistics where the data is; the estimate is the same.
          const { servqualWithEngine } = await import('../engine/servqual-engine.js');
          result = await servqualWithEngine(engine, input, opts.db, sOpts, (s) => ({ ...applyConfig(s, cfg), source: [input] }));
        } else {
          // Messages name what the user typed (a dataset directory, not the exports it was built from).
          const survey = { ...applyConfig(await loadInput(input), cfg), source: [input] };
          const { servqual } = await import('../metrics/servqual.js');
          result = servqual(survey, sOpts);
        }
        const { checkUnreadable } = await import('../dataset/accounting.js');
        for (const w of checkUnreadable(result.accounting, true)) ctx.warn(w.en, w.zh);
        if (result.rescaledAllocations) {
          ctx.warn(
            `${result.rescaledAllocations} respondent(s) allocated points that do not sum to 100; rescaled to 100.`,
            `${result.rescaledAllocations} 位受访者的分配分数之和不等于 100，已按比例换算为 100。`,
          );
        }
        for (const d of result.dimensions) {
          if (d.alpha < 0.7) {
            ctx.warn(
              `Cronbach's α of ${d.dimension} (perception items) is ${d.alpha.toFixed(2)}, below the usual .70.`,
              `${ZH[d.dimension] ?? d.dimension}（感知题）的 Cronbach α 为 ${d.alpha.toFixed(2)}，低于常用标准 0.70。`,
            );
          }
        }
        const { renderTable, fmt } = await import('../ui/table.js');
        ctx.emit(result, () => render(ctx, result, Boolean(opts.items), renderTable, fmt));
      }),
    );
}

function render(
  ctx: Ctx,
  r: ServqualResult,
  showItems: boolean,
  renderTable: (h: string[], rows: (string | number)[][], align?: ('left' | 'right' | 'center')[]) => string,
  fmt: (n: number | null | undefined, d?: number) => string,
): string {
  const name = (d: string) => (ctx.lang === 'zh' ? (ZH[d] ?? d) : d);
  const hasZone = r.dimensions.some((d) => d.zone);
  const hasW = r.dimensions.some((d) => d.weight != null);
  const head = [
    ctx.t('dimension', '维度'), ctx.t('items', '题数'), 'n', ctx.t('E', '期望'), ctx.t('P', '感知'), ctx.t('gap P−E', '差距 P−E'),
    'α(P)', ctx.t('α std', '标准化 α'),
  ];
  if (hasW) head.push(ctx.t('weight', '权重'));
  if (hasZone) head.push('MSA', 'MSS', ctx.t('zone', '容忍区'));
  const zone = (z?: string) => (z ? (ctx.lang === 'zh' ? { below: '低于', within: '区内', above: '高于' }[z]! : z) : '–');
  const rows = r.dimensions.map((d) => {
    const row: (string | number)[] = [
      name(d.dimension), d.items, d.n, fmt(d.expectation, 2), fmt(d.perception, 2), fmt(d.gap, 2), fmt(d.alpha, 2), fmt(d.alphaStandardized, 2),
    ];
    if (hasW) row.push(fmt(d.weight, 2));
    if (hasZone) row.push(fmt(d.msa, 2), fmt(d.mss, 2), zone(d.zone));
    return row;
  });
  const out = [renderTable(head, rows, ['left', ...head.slice(1).map(() => 'right' as const)])];
  if (showItems) {
    out.push(renderTable(
      [ctx.t('item', '题目'), ctx.t('dimension', '维度'), 'n', 'E', 'P', 'P−E', ...(hasZone ? ['MSA', 'MSS', ctx.t('zone', '容忍区')] : [])],
      r.items.map((i) => [i.item, name(i.dimension), i.n, fmt(i.expectation, 2), fmt(i.perception, 2), fmt(i.gap, 2),
        ...(hasZone ? [fmt(i.msa, 2), fmt(i.mss, 2), zone(i.zone)] : [])]),
    ));
  }
  const o = r.overall;
  const parts = [
    `${ctx.t('SERVQUAL (unweighted)', 'SERVQUAL（未加权）')}: ${fmt(o.unweighted, 2)}`,
    ...(o.weighted != null ? [`${ctx.t('weighted', '加权')}: ${fmt(o.weighted, 2)}`] : []),
    `SERVPERF: ${fmt(o.servperf, 2)}`,
    ...(o.servperfWeighted != null ? [`${ctx.t('SERVPERF weighted', '加权 SERVPERF')}: ${fmt(o.servperfWeighted, 2)}`] : []),
  ];
  out.push(parts.join('   '));
  if (r.method.weighting) {
    const perRespondent = r.rescaledAllocations != null;
    out.push(ctx.t(
      `weighting: ${r.method.weighting}`,
      perRespondent
        ? '加权方法：每位受访者自己的 100 分分配（总和不为 100 时按比例换算），w = 分数/100，先算每人 Σ w·维度差距再求平均（ZPB 1990）。'
        : '加权方法：cx.yaml 中的固定重要性分数归一化为比例（w = 分数/总分），加权得分 = Σ w·维度差距（ZPB 1990；非“分数×差距/5”变体）。',
    ));
  }
  if (r.reversed.length) out.push(ctx.t(`reverse-scored: ${r.reversed.join(', ')}`, `已反向计分：${r.reversed.join('、')}`));
  out.push(ctx.t('A negative gap means perceptions fall short of expectations.', '差距为负表示感知低于期望。'));
  for (const a of r.accounting ?? []) {
    if (a.excluded.unreadable || a.excluded.outOfScale) out.push(accountingLine(a, ctx.lang === 'zh' ? 'zh' : 'en'));
  }
  return out.join('\n');
}

/** "10-13,18-22,P5" → [10, 11, 12, 13, 18, …, 22, 'P5']. */
export function parseReverse(text: string): (number | string)[] {
  const out: (number | string)[] = [];
  for (const part of text.split(',').map((x) => x.trim()).filter(Boolean)) {
    const m = /^(\d+)\s*-\s*(\d+)$/.exec(part);
    if (m) {
      const [a, b] = [Number(m[1]), Number(m[2])];
      if (b < a || b - a > 100) throw inputError(`--reverse: "${part}" is not a valid range.`, `--reverse："${part}" 不是有效的范围。`);
      for (let i = a; i <= b; i++) out.push(i);
    } else out.push(/^\d+$/.test(part) ? Number(part) : part);
  }
  return out;
}
