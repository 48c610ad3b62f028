// `cx drivers … --engine duckdb|postgres`, and the query `cx sql drivers` prints: the moment block of
// (drivers…, outcome) computed where the data is; the estimate is driversFromMoments, as in a local run.
import type { Survey } from '../dataset/types.js';
import { getQuestion } from '../dataset/types.js';
import { checkUnreadable, type Accounting } from '../dataset/accounting.js';
import { defaultDrivers, driversFromMoments, type DriversResult, type SurveyDriversOptions } from '../metrics/drivers.js';
import type { MomentBlock } from '../metrics/moments.js';
import { inputError } from '../ui/errors.js';
import { blockFromRow, momentsSql, resultNumber, type Agg, type NumericInput } from './moments-sql.js';
import { censusInputs, knownInputs, resolveWhere, withSession, type ResolvedWhere } from './moments-engine.js';
import type { ColType, Dialect } from './sql.js';
import type { Engine } from './score-engine.js';

/** Driver list as the built-in engine chooses it, with the same errors. */
export function driverNames(s: Survey, o: SurveyDriversOptions): string[] {
  const names = o.drivers && o.drivers.length ? o.drivers : defaultDrivers(s, o.outcome);
  if (names.length === 0) {
    throw inputError(`No driver columns found besides "${o.outcome}"; list them with --drivers COL,COL.`, `除 "${o.outcome}" 外未找到驱动列；请用 --drivers COL,COL 指定。`);
  }
  if (names.includes(o.outcome)) {
    throw inputError(`The outcome "${o.outcome}" is also listed as a driver; remove it from --drivers.`, `结果列 "${o.outcome}" 同时出现在驱动列中；请从 --drivers 中去掉。`);
  }
  for (const id of [o.outcome, ...names, ...(o.weight ? [o.weight] : [])]) {
    if (!s.columns.has(id)) {
      throw inputError(`Column "${id}" is not in ${s.source[0] ?? 'the input'}; run "cx describe" to list the columns.`, `列 "${id}" 不在 ${s.source[0] ?? '输入'} 中；运行 "cx describe" 查看所有列。`);
    }
  }
  return names;
}

/** Scale maxima for top-2 box (undefined: the largest value on the analysis rows). */
function scaleMaxima(s: Survey, names: string[]): (number | undefined)[] {
  return names.map((id) => getQuestion(s, id)?.scale?.max);
}

export interface DriversQuery {
  sql: string;
  /** Index of the block aggregate and the number of drivers. */
  p: number;
}

/** The aggregate query for key drivers (inputs: drivers…, outcome, then the weight if any). */
export function driversSql(d: Dialect, from: string, inputs: NumericInput[], p: number, weighted: boolean, top: (number | undefined)[] | undefined, types?: (c: string) => ColType, meta?: string, account = false, where?: ResolvedWhere): string {
  const exprs = Array.from({ length: p + 1 }, (_, j) => `x${j}`);
  const agg: Agg = { kind: 'block', exprs, weight: weighted ? `x${p + 1}` : undefined };
  if (top) agg.top = top.map((t, j) => (t === undefined ? 'FALSE' : `x${j} >= ${t - 1}`));
  return momentsSql({ dialect: d, from, types, inputs, derived: [], aggs: [agg], meta, where: where?.node, codeOf: where?.codeOf, account: account ? inputs.map((_, i) => i) : undefined, title: `cx drivers statistics: moment block of ${inputs.slice(0, p + 1).map((x) => x.id).join(', ')}${weighted ? ` weighted by ${inputs[p + 1]!.id}` : ''}` });
}

/** The single result row → the block (and top-2 sums). */
export function driversBlock(row: Record<string, unknown>, vars: string[], weighted: boolean, withTop: boolean): { block: MomentBlock; top?: number[] } {
  const block = blockFromRow(row, 0, vars, weighted);
  return { block, top: withTop ? vars.slice(0, vars.length - 1).map((_, j) => resultNumber(row, `cx_a0_t${j}`, 0)) : undefined };
}

/** Key drivers with DuckDB or PostgreSQL computing the moment block. */
export async function driversWithEngine(
  engine: Exclude<Engine, 'builtin'>,
  input: string,
  db: string | undefined,
  o: SurveyDriversOptions,
  schemaHook: (s: Survey) => Survey,
): Promise<DriversResult> {
  return withSession(engine, input, db, schemaHook, async (sess) => {
    const s = sess.schema;
    if (!s.columns.has(o.outcome)) {
      const { resolveColumn } = await import('../dataset/where.js');
      o = { ...o, outcome: resolveColumn(s, o.outcome, '--outcome').id };
    }
    const names = driverNames(s, o);
    const ids = [...names, o.outcome, ...(o.weight ? [o.weight] : [])];
    const where = await resolveWhere(s, o.where);
    const from = await sess.open([...new Set([...ids, ...(where?.columns ?? [])])]);
    const { inputs, accounting } = await censusInputs(sess, from, ids, where);
    const issues: DriversResult['nonNumeric'] = [];
    const oos: DriversResult['outOfScale'] = [];
    const accounts: Accounting[] = [];
    // As drivers(): the outcome first, then the drivers; the weight's unreadable values are listed too.
    const order = [names.length, ...names.map((_, j) => j), ...(o.weight ? [names.length + 1] : [])];
    for (const k of order) {
      const a = accounting[k]!;
      const id = ids[k]!;
      const isWeight = o.weight !== undefined && k === names.length + 1;
      if (!isWeight) accounts.push(a);
      if (a.excluded.unreadable && a.used === 0) {
        const v = a.examples.unreadable[0]!.value;
        throw inputError(
          `Column "${id}" is text, not numbers ("${v}"); choose numeric rating columns, or map its answers in cx.yaml with questions.${id}.values: { ${JSON.stringify(v)}: N }.`,
          `列 "${id}" 是文本而不是数字（"${v}"）；请选择数值评分列，或在 cx.yaml 中用 questions.${id}.values 指定分值。`,
        );
      }
      const vals = (kind: 'unreadable' | 'outOfScale') => a.examples[kind].map((x) => x.value);
      if (a.excluded.unreadable) issues.push({ column: id, count: a.excluded.unreadable, rows: [], values: vals('unreadable') });
      if (a.excluded.outOfScale && !isWeight) oos.push({ column: id, count: a.excluded.outOfScale, rows: [], values: vals('outOfScale') });
    }
    const unreadable = checkUnreadable(accounts, o.allowUnreadable);
    const p = names.length;
    const weighted = Boolean(o.weight);
    const vars = [...names, o.outcome];
    const perf = o.performance ?? 'mean';
    let maxima = perf === 'top2' ? scaleMaxima(s, names) : undefined;
    let [row] = await sess.query(driversSql(sess.dialect, from, inputs, p, weighted, maxima, sess.types, undefined, false, where));
    let stats = driversBlock(row ?? {}, vars, weighted, Boolean(maxima));
    if (maxima && maxima.some((m) => m === undefined)) {
      // Top-2 box on the largest value seen: a second pass once the maxima are known.
      maxima = maxima.map((m, j) => m ?? stats.block.max[j]!);
      [row] = await sess.query(driversSql(sess.dialect, from, inputs, p, weighted, maxima, sess.types, undefined, false, where));
      stats = driversBlock(row ?? {}, vars, weighted, true);
    }
    const res = driversFromMoments({ outcome: o.outcome, drivers: names, block: stats.block, performance: perf, top: stats.top });
    res.nonNumeric = issues;
    res.outOfScale = oos;
    res.accounting = accounts;
    res.unreadableWarnings = unreadable;
    return res;
  });
}

/** The printed query (`cx sql drivers`): value maps from what cx knows of the columns, no census. */
export async function driversSqlFor(d: Dialect, from: string, s: Survey, o: SurveyDriversOptions, types?: (c: string) => ColType): Promise<{ sql: string; columns: string[] }> {
  const names = driverNames(s, o);
  const ids = [...names, o.outcome, ...(o.weight ? [o.weight] : [])];
  const inputs = knownInputs(s, ids);
  const maxima = o.performance === 'top2' ? scaleMaxima(s, names) : undefined;
  if (maxima?.some((m) => m === undefined)) {
    throw inputError(
      `cx sql drivers --performance top2: the scale of ${names.filter((_, j) => maxima[j] === undefined).join(', ')} is not known; set it in cx.yaml (questions.ID.scale) or use --performance mean.`,
      `cx sql drivers --performance top2：${names.filter((_, j) => maxima[j] === undefined).join('、')} 的量表未知；请在 cx.yaml 中设置 questions.ID.scale，或使用 --performance mean。`,
    );
  }
  const where = await resolveWhere(s, o.where);
  const meta: DriversMeta = { cx: 'drivers-stats', version: 1, outcome: o.outcome, drivers: names, weight: o.weight ?? null, performance: o.performance ?? 'mean', where: o.where ?? null };
  return { sql: driversSql(d, from, inputs, names.length, Boolean(o.weight), maxima, types, JSON.stringify(meta), true, where), columns: [...new Set([...ids, ...(where?.columns ?? [])])] };
}

interface DriversMeta {
  cx: 'drivers-stats';
  version: 1;
  outcome: string;
  drivers: string[];
  weight: string | null;
  performance: 'mean' | 'top2';
  where?: string | null;
}

/** `cx drivers --from-stats FILE`: the saved result of the query `cx sql drivers` printed. */
export async function driversFromStatsFile(file: string, o: { outcome?: string; allowUnreadable?: boolean; where?: string }): Promise<DriversResult> {
  const { readStatsFile } = await import('./read-stats.js');
  const { statsMeta, accountingFromStatus } = await import('./moments-engine.js');
  const { meta, row } = statsMeta<DriversMeta>(await readStatsFile(file), file, 'drivers-stats', 'drivers');
  if (o.outcome && o.outcome !== meta.outcome) {
    throw inputError(
      `--from-stats ${file}: the statistics are for the outcome ${meta.outcome}, not ${o.outcome}; drop --outcome or print the query again with cx sql drivers --outcome ${o.outcome}.`,
      `--from-stats ${file}：该统计数据的结果变量为 ${meta.outcome} 而不是 ${o.outcome}；请去掉 --outcome，或用 cx sql drivers --outcome ${o.outcome} 重新生成查询。`,
    );
  }
  if (o.where !== undefined && o.where !== (meta.where ?? undefined)) {
    throw inputError(
      `--from-stats ${file}: the query was made with --where ${meta.where ?? '(none)'}, not ${o.where}; drop --where here or print the query again with it.`,
      `--from-stats ${file}：该查询使用的 --where 为 ${meta.where ?? '（无）'}，而不是 ${o.where}；请去掉此处的 --where，或用它重新生成查询。`,
    );
  }
  const names = meta.drivers;
  const p = names.length;
  const weighted = Boolean(meta.weight);
  const vars = [...names, meta.outcome];
  const stats = driversBlock(row, vars, weighted, meta.performance === 'top2');
  const ids = [...vars, ...(meta.weight ? [meta.weight] : [])];
  const accounting = ids.map((id, i) => accountingFromStatus(row, i, id));
  const issues: DriversResult['nonNumeric'] = [];
  const oos: DriversResult['outOfScale'] = [];
  const accounts: Accounting[] = [];
  for (const k of [p, ...names.map((_, j) => j), ...(weighted ? [p + 1] : [])]) {
    const a = accounting[k]!;
    const isWeight = weighted && k === p + 1;
    if (!isWeight) accounts.push(a);
    if (a.excluded.unreadable) issues.push({ column: ids[k]!, count: a.excluded.unreadable, rows: [], values: [] });
    if (a.excluded.outOfScale && !isWeight) oos.push({ column: ids[k]!, count: a.excluded.outOfScale, rows: [], values: [] });
  }
  const unreadable = checkUnreadable(accounts, o.allowUnreadable);
  const res = driversFromMoments({ outcome: meta.outcome, drivers: names, block: stats.block, performance: meta.performance, top: stats.top });
  res.nonNumeric = issues;
  res.outOfScale = oos;
  res.accounting = accounts;
  res.unreadableWarnings = unreadable;
  return res;
}
