// `cx sql score nps|csat|ces [input] --dialect duckdb|postgres|bigquery|snowflake|spark`: prints the aggregate
// query that produces the statistics of the score where the data lives; `cx score … --from-stats FILE`
// reads its result back (DESIGN.md §8).
import type { Command } from 'commander';
import { runner } from './run.js';
import { inputError } from '../ui/errors.js';
import { helpZh } from './help-lang.js';
import type { ScoreOpts } from './score.js';

interface SqlOpts extends ScoreOpts {
  dialect?: string;
  table?: string;
  rows?: string;
  cols?: string;
  outcome?: string;
  drivers?: string;
  performance?: string;
  reverse?: string;
}

export function register(program: Command): void {
  const zh = helpZh();
  const h = (en: string, zhText: string) => (zh ? zhText : en);
  program
    .command('sql')
    .description(h('print the SQL that computes a command\'s statistics (score, kano, tab, drivers, servqual) in DuckDB, PostgreSQL or a warehouse', '输出在 DuckDB、PostgreSQL 或数据仓库中计算统计量（score、kano、tab、drivers、servqual）的 SQL'))
    .argument('<command...>', h('the command: score nps|csat|ces [input], kano [input], tab [input], drivers [input] or servqual [input] (input: a dataset or CSV to find columns in)', '命令：score nps|csat|ces [input]、kano [input]、tab [input]、drivers [input] 或 servqual [input]（input：用于查找列的数据集或 CSV）'))
    .requiredOption('--dialect <name>', 'duckdb | postgres | bigquery | snowflake | spark')
    .option('--table <name>', h('the table or view to read (default: responses; duckdb with a CSV input reads the file)', '要读取的表或视图（默认 responses；duckdb 且输入为 CSV 时直接读取该文件）'))
    .option('--question <col>', h('the score column (found in the input when given)', '评分列（有输入时自动识别）'))
    .option('--by <cols>', h('segments: one or two columns', '分组：一到两个列'))
    .option('--period <unit>', h('day | week (ISO) | month | quarter', 'day | week（ISO 周）| month | quarter'))
    .option('--date <col>', h('the date column for --period', '--period 使用的日期列'))
    .option('--where <expr>', h('filter, as in cx score', '筛选条件，同 cx score'))
    .option('--weight <col>', h('weight column', '权重列'))
    .option('--scale <min-max>', h('CSAT/CES scale, e.g. 1-7', 'CSAT/CES 量表，如 1-7'))
    .option('--rows <col>', h('tab: the row variable', 'tab：行变量'))
    .option('--cols <col>', h('tab: the column variable', 'tab：列变量'))
    .option('--outcome <col>', h('drivers: the outcome column', 'drivers：结果变量列'))
    .option('--drivers <cols>', h('drivers: driver columns, comma-separated (default: every other rating column of the input)', 'drivers：驱动因素列，逗号分隔（默认：输入中其余所有评分列）'))
    .option('--performance <how>', h('drivers: mean | top2', 'drivers：mean | top2'))
    .option('--reverse <items>', h('servqual: reverse-scored items, e.g. 10-13,18-22', 'servqual：反向计分题，如 10-13,18-22'))
    .option('--config <file>', h('cx.yaml (kano.features, servqual.items, drivers, question scales and values; default: ./cx.yaml if present)', 'cx.yaml（kano.features、servqual.items、drivers、题目量表与取值；默认：当前目录下的 cx.yaml）'))
    .action((words: string[], opts: SqlOpts, cmd: Command) =>
      runner(cmd, async (ctx) => {
        if (words[0] === 'kano' || words[0] === 'tab') {
          const r = await countsSql(words, opts);
          ctx.emit(r, () => r.sql);
          return;
        }
        if (words[0] === 'drivers' || words[0] === 'servqual') {
          const r = await momentsSqlCli(words, opts);
          ctx.emit(r, () => r.sql);
          return;
        }
        const [sub, metric, input, ...extra] = words;
        if (sub !== 'score' || !metric || extra.length) {
          throw inputError(
            `cx sql: supports "score nps|csat|ces [input]", "kano [input]", "tab [input]", "drivers [input]" and "servqual [input]" (got "${words.join(' ')}"), e.g. cx sql score nps --dialect bigquery --table proj.cx.responses --question nps --by region --period week.`,
            `cx sql：支持 "score nps|csat|ces [input]"、"kano [input]"、"tab [input]"、"drivers [input]" 和 "servqual [input]"（收到 "${words.join(' ')}"），例如 cx sql score nps --dialect bigquery --table proj.cx.responses --question nps --by region --period week。`,
          );
        }
        const d = await parseDialect(opts);
        const { toSpec } = await import('./score.js');
        const spec = toSpec(metric, { ...opts, minN: undefined });
        const { planScore, namesSchema, whereNames } = await import('../engine/plan.js');
        let plan;
        const table = opts.table ?? 'responses';
        if (input) {
          const { loadConfig } = await import('../config/load.js');
          const cfg = loadConfig(opts.config);
          if (!spec.weight && cfg.roles?.weight) spec.weight = cfg.roles.weight;
          plan = await onInput(input, d, opts, cfg, table, async (schema, from, types) => planScore(schema, spec, { dialect: d, from, types, source: [input] }));
        } else {
          if (!spec.question) {
            throw inputError('cx sql: name the score column with --question COL (or give a dataset or CSV to find it in).', 'cx sql：请用 --question 指定评分列（或给出可从中识别的数据集或 CSV）。');
          }
          if (spec.period && !spec.date) {
            throw inputError('cx sql: --period needs --date COL (the response-date column) when no input is given.', 'cx sql：未给出输入时，--period 需要 --date 指定答卷日期列。');
          }
          const names = [spec.question, ...(spec.by ?? []), spec.date ?? '', spec.weight ?? '', ...whereNames(spec.where)];
          plan = planScore(namesSchema(names, table), spec, { dialect: d, from: table, source: [table] });
        }
        const result = { dialect: d, command: `score ${metric}`, sql: plan.sql, columns: plan.columns, meta: plan.meta };
        ctx.emit(result, () => plan.sql);
      }),
    );
}

// ---- cx sql kano | tab ------------------------------------------------------------------------------------

/** `cx sql kano [input]` and `cx sql tab [input] --rows COL --cols COL`: the counts query (engine/counts-sql.ts). */
async function countsSql(words: string[], opts: SqlOpts) {
  const { sub, input, d, cfg, applyConfig, table } = await sqlStart(words, opts);
  const { planMultiTab, planTab } = await import('../engine/counts-sql.js');
  const { namesSchema, whereNames } = await import('../engine/plan.js');
  if (sub === 'tab' && (!opts.rows || !opts.cols)) {
    throw inputError('cx sql tab: name the variables with --rows COL --cols COL.', 'cx sql tab：请用 --rows COL --cols COL 指定行、列变量。');
  }
  const features = cfg.kano?.features;
  const plan = async (schema: import('../dataset/types.js').Survey, o: import('../engine/counts-sql.js').CountsPlanOptions) => {
    if (sub === 'tab') {
      const { multiSelectOptions } = await import('../metrics/crosstab-multi.js');
      const m = multiSelectOptions(schema, opts.rows!);
      if (multiSelectOptions(schema, opts.cols!)) {
        throw inputError(
          `--cols ${opts.cols} is a multi-select question; put it in --rows (options become rows, respondents the base) and a single-choice column in --cols.`,
          `--cols ${opts.cols} 是多选题；请把它放在 --rows（选项为行，以答题人数为基数），--cols 用单选列。`,
        );
      }
      return m ? planMultiTab(schema, opts.rows!, m, opts.cols!, o) : planTab(schema, opts.rows!, opts.cols!, o);
    }
    const { kanoPlanner } = await import('../engine/counts-engine.js');
    return (await kanoPlanner(features))(schema, o);
  };
  const base = { dialect: d, where: opts.where };
  let p;
  if (input) {
    p = await onInput(input, d, opts, cfg, table, (schema, from, types) => plan(schema, { ...base, from, types, source: [input] }));
  } else {
    if (sub === 'kano' && !features?.length) {
      throw inputError(
        'cx sql kano: give a dataset or CSV to find the Kano pairs in, or list them under kano.features in cx.yaml (--config).',
        'cx sql kano：请给出可从中识别 Kano 成对题目的数据集或 CSV，或在 cx.yaml（--config）的 kano.features 中列出。',
      );
    }
    const names =
      sub === 'tab'
        ? [opts.rows!, opts.cols!, ...whereNames(opts.where)]
        : [...features!.flatMap((f) => [f.functional, f.dysfunctional, f.importance ?? '']), ...whereNames(opts.where)];
    p = await plan(namesSchema(names, table), { ...base, from: table, source: [table] });
  }
  return { dialect: d, command: sub!, sql: p.sql, columns: p.columns, meta: p.meta };
}

// ---- cx sql drivers | servqual ----------------------------------------------------------------------------

/**
 * `cx sql drivers [input] --outcome COL` and `cx sql servqual [input]`: the moment query (engine/moments-sql.ts)
 * with the value maps cx knows from the input or cx.yaml, and status counts for the accounting.
 */
async function momentsSqlCli(words: string[], opts: SqlOpts) {
  const { sub, input, d, cfg, applyConfig, table } = await sqlStart(words, opts);
  const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);
  const outcome = opts.outcome ?? cfg.drivers?.outcome;
  const driverList = list(opts.drivers) ?? cfg.drivers?.drivers;
  const perf = opts.performance ?? cfg.drivers?.performance ?? 'mean';
  if (sub === 'drivers') {
    if (!outcome) throw inputError('cx sql drivers needs --outcome COL (or drivers.outcome in cx.yaml).', 'cx sql drivers 需要 --outcome COL（或 cx.yaml 中的 drivers.outcome）。');
    if (perf !== 'mean' && perf !== 'top2') throw inputError(`--performance must be mean or top2, not "${perf}".`, `--performance 只能是 mean 或 top2，而不是 "${perf}"。`);
  }
  let reverse: (number | string)[] | undefined;
  if (opts.reverse) {
    const { parseReverse } = await import('./servqual.js');
    reverse = parseReverse(opts.reverse);
  }
  const sOpts = { items: cfg.servqual?.items?.map((it) => ({ ...it, item: it.perception })), weights: cfg.servqual?.weights, reverse, where: opts.where };
  const weight = opts.weight ?? cfg.roles?.weight;
  const build = async (schema: import('../dataset/types.js').Survey, from: string, types?: (c: string) => import('../engine/sql.js').ColType) => {
    if (sub === 'drivers') {
      const { resolveColumn } = await import('../dataset/where.js');
      const outcomeId = schema.columns.has(outcome!) ? outcome! : resolveColumn(schema, outcome!, '--outcome').id;
      const { driversSqlFor } = await import('../engine/drivers-engine.js');
      return driversSqlFor(d, from, schema, { outcome: outcomeId, drivers: driverList, weight, performance: perf as 'mean' | 'top2', where: opts.where }, types);
    }
    const { servqualSqlFor } = await import('../engine/servqual-engine.js');
    return servqualSqlFor(d, from, schema, sOpts, types);
  };
  let q;
  if (input) {
    q = await onInput(input, d, opts, cfg, table, build);
  } else {
    const { namesSchema, whereNames } = await import('../engine/plan.js');
    let names: string[];
    if (sub === 'drivers') {
      if (!driverList?.length) {
        throw inputError('cx sql drivers: list the drivers with --drivers COL,COL (or give a dataset or CSV to find them in).', 'cx sql drivers：请用 --drivers COL,COL 列出驱动因素（或给出可从中识别的数据集或 CSV）。');
      }
      names = [outcome!, ...driverList, ...(weight ? [weight] : []), ...whereNames(opts.where)];
    } else {
      if (!sOpts.items?.length) {
        throw inputError(
          'cx sql servqual: give a dataset or CSV to find the SERVQUAL items in, or list them under servqual.items in cx.yaml (--config).',
          'cx sql servqual：请给出可从中识别 SERVQUAL 题目的数据集或 CSV，或在 cx.yaml（--config）的 servqual.items 中列出。',
        );
      }
      names = [...sOpts.items.flatMap((it) => [it.expectation ?? '', it.perception]), ...whereNames(opts.where)];
    }
    q = await build(applyConfig(namesSchema(names, table), cfg), table);
  }
  return { dialect: d, command: sub!, sql: q.sql, columns: q.columns };
}

// ---- shared by cx sql kano | tab | drivers | servqual ---------------------------------------------------------

/** The common start: at most one input after the command word, a known dialect, cx.yaml, the table name. */
async function sqlStart(words: string[], opts: SqlOpts) {
  const [sub, input, ...extra] = words;
  if (extra.length) {
    throw inputError(
      `cx sql ${sub}: takes at most one input (got "${words.join(' ')}"), e.g. cx sql ${sub} survey.csv --dialect bigquery --table proj.cx.responses.`,
      `cx sql ${sub}：最多接受一个输入（收到 "${words.join(' ')}"），例如 cx sql ${sub} survey.csv --dialect bigquery --table proj.cx.responses。`,
    );
  }
  const d = await parseDialect(opts);
  const { loadConfig } = await import('../config/load.js');
  const { applyConfig } = await import('../config/apply.js');
  return { sub: sub!, input, d, cfg: loadConfig(opts.config), applyConfig, table: opts.table ?? 'responses' };
}

async function parseDialect(opts: SqlOpts): Promise<import('../engine/sql.js').Dialect> {
  const { DIALECTS } = await import('../engine/sql.js');
  const dialect = (opts.dialect ?? '').toLowerCase();
  if (!(DIALECTS as readonly string[]).includes(dialect)) {
    throw inputError(`--dialect must be duckdb, postgres, bigquery, snowflake or spark (got "${opts.dialect}").`, `--dialect 应为 duckdb、postgres、bigquery、snowflake 或 spark（收到 "${opts.dialect}"）。`);
  }
  return dialect as import('../engine/sql.js').Dialect;
}

type Schema = import('../dataset/types.js').Survey;
type Types = (c: string) => import('../engine/sql.js').ColType;

/**
 * Plans a query on the columns an input holds: a dataset's, or a CSV's (with duckdb and no --table, the
 * query scans the CSV itself: planned once to learn the columns it reads, then on the file's scan).
 */
async function onInput<T extends { columns: string[] }>(
  input: string,
  d: import('../engine/sql.js').Dialect,
  opts: SqlOpts,
  cfg: import('../config/schema.js').CxConfig,
  table: string,
  plan: (schema: Schema, from: string, types?: Types) => Promise<T>,
): Promise<T> {
  const { applyConfig } = await import('../config/apply.js');
  const { statSync } = await import('node:fs');
  let isDir = false;
  try {
    isDir = statSync(input).isDirectory();
  } catch {
    throw inputError(`${input}: no such file or dataset; check the path.`, `${input}：找不到该文件或数据集，请检查路径。`);
  }
  if (isDir) {
    const { loadDataset } = await import('../dataset/store.js');
    return plan({ ...applyConfig(await loadDataset(input), cfg), source: [input] }, table);
  }
  const { openSource } = await import('../engine/sources.js');
  const src = await openSource(input);
  const schema = { ...applyConfig(src.schema, cfg), source: [input] };
  const dry = await plan(schema, table);
  return d === 'duckdb' && !opts.table ? plan(schema, src.from(dry.columns), src.types) : dry;
}
