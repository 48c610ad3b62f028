// `cx servqual … --engine duckdb|postgres`, and the query `cx sql servqual` prints: the statistics of
// SERVQUAL (metrics/servqual.ts ServqualStats) in one aggregate query; the estimate is servqualFromStats.
import type { Survey } from '../dataset/types.js';
import type { Accounting } from '../dataset/accounting.js';
import type { MomentBlock } from '../metrics/moments.js';
import { reverseScale, servqualFromStats, servqualPlan, textItemError, type ServqualOptions, type ServqualResult, type ServqualStats, type SumCount } from '../metrics/servqual.js';
import { blockFromRow, momentsSql, resultNumber, type Agg, type NumericInput } from './moments-sql.js';
import { censusInputs, knownInputs, resolveWhere, withSession, type ResolvedWhere } from './moments-engine.js';
import { inputError } from '../ui/errors.js';
import type { ColType, Dialect } from './sql.js';
import type { Engine } from './score-engine.js';

interface Built {
  sql: string;
  /** Reads the one result row back into the statistics. */
  read(row: Record<string, unknown>, accounting: Accounting[]): ServqualStats;
  ids: string[];
  /** Input index of each column's first use (the status counts of a warehouse result). */
  accountIdx: number[];
}

/** The columns SERVQUAL reads, in the order the built-in engine reads them (for the accounting). */
function columnsOf(plan: ReturnType<typeof servqualPlan>): string[] {
  const ids: string[] = [];
  const add = (id: string | undefined) => {
    if (id && !ids.includes(id)) ids.push(id);
  };
  for (const sp of plan.specs) {
    add(sp.expectation);
    add(sp.perception);
    add(sp.adequate);
    add(sp.desired);
  }
  for (const id of plan.pointCols ?? []) add(id);
  return ids;
}

type Plan = ReturnType<typeof servqualPlan>;

function buildQuery(d: Dialect, from: string, plan: Plan, mk: (id: string, reverse: boolean) => NumericInput, types?: (c: string) => ColType, meta?: string, account = false, where?: ResolvedWhere): Built {
  const { specs, dims } = plan;
  const inputs: NumericInput[] = [];
  const accountIdx: number[] = [];
  const accountIds: string[] = [];
  const input = (id: string | undefined, reverse: boolean): string | undefined => {
    if (!id) return undefined;
    inputs.push(mk(id, reverse));
    if (!accountIds.includes(id)) {
      accountIds.push(id);
      accountIdx.push(inputs.length - 1);
    }
    return `x${inputs.length - 1}`;
  };
  const NULL = d === 'postgres' ? 'CAST(NULL AS DOUBLE PRECISION)' : d === 'bigquery' ? 'CAST(NULL AS FLOAT64)' : 'CAST(NULL AS DOUBLE)';
  const cols = specs.map((sp, k) => {
    const on = plan.reverseOn[k]!;
    const E = input(sp.expectation, on);
    const P = input(sp.perception, on)!;
    const both = Boolean(sp.adequate && sp.desired);
    const A = input(sp.adequate, on);
    const D = input(sp.desired, on);
    return { E, P, A, D, both };
  });
  const pts = (plan.pointCols ?? []).map((id) => input(id, false)!);
  const hasE = cols.some((c) => c.E);
  // Layer 1: item gaps.
  let next = 0;
  const layer1: string[] = [];
  const gap = cols.map((c) => {
    if (!c.E) return undefined;
    layer1.push(`${c.P} - ${c.E}`);
    return `d${next++}`;
  });
  // Layer 2: each respondent's mean of the available items per dimension; the allocation's sum and validity.
  const layer2: string[] = [];
  const rowMean = (xs: (string | undefined)[]): string => {
    const have = xs.filter((x): x is string => Boolean(x));
    if (!have.length) return NULL;
    return `(${have.map((x) => `COALESCE(${x}, 0)`).join(' + ')}) / NULLIF(${have.map((x) => `CASE WHEN ${x} IS NULL THEN 0 ELSE 1 END`).join(' + ')}, 0)`;
  };
  const dimIdx = dims.map((dim) => specs.flatMap((sp, k) => (sp.dimension === dim ? [k] : [])));
  const dm = dimIdx.map((ks) => {
    const one = (e: string) => {
      layer2.push(e);
      return `d${next++}`;
    };
    return {
      E: one(rowMean(ks.map((k) => cols[k]!.E))),
      P: one(rowMean(ks.map((k) => cols[k]!.P))),
      G: one(rowMean(ks.map((k) => gap[k]))),
      A: one(rowMean(ks.map((k) => cols[k]!.A))),
      D: one(rowMean(ks.map((k) => cols[k]!.D))),
    };
  });
  let psum: string | undefined;
  let valid: string | undefined;
  const layer3: string[] = [];
  const layer4: string[] = [];
  let wCols: string[] = [];
  let wScore: string | undefined;
  let pScore: string | undefined;
  if (pts.length) {
    layer2.push(pts.join(' + '));
    psum = `d${next++}`;
    layer2.push(`CASE WHEN ${pts.map((p) => `${p} IS NOT NULL AND ${p} >= 0`).join(' AND ')} AND ${pts.join(' + ')} > 0 THEN 1 ELSE 0 END`);
    valid = `d${next++}`;
    // Layer 3: the respondent's shares and weighted scores.
    wCols = pts.map((p) => {
      layer3.push(`CASE WHEN ${valid} = 1 THEN ${p} / ${psum} END`);
      return `d${next++}`;
    });
    // Layer 4 (a name cannot be used in the SELECT that defines it, outside DuckDB).
    layer4.push(`CASE WHEN ${valid} = 1 THEN ${dm.map((m, k) => `${wCols[k]} * ${m.G}`).join(' + ')} END`);
    wScore = `d${next++}`;
    layer4.push(`CASE WHEN ${valid} = 1 THEN ${dm.map((m, k) => `${wCols[k]} * ${m.P}`).join(' + ')} END`);
    pScore = `d${next++}`;
  }
  const aggs: Agg[] = [];
  const sum = (expr: string) => aggs.push({ kind: 'sum', expr }) - 1;
  const itemAggs = cols.map((c, k) => ({
    E: c.E ? sum(c.E) : undefined,
    P: sum(c.P),
    G: gap[k] ? sum(gap[k]!) : undefined,
    A: c.both ? sum(c.A!) : undefined,
    D: c.both ? sum(c.D!) : undefined,
  }));
  const dimAggs = dm.map((m, j) => {
    const ks = dimIdx[j]!;
    const block = (xs: (string | undefined)[]) => aggs.push({ kind: 'block', exprs: xs.map((x) => x ?? NULL) }) - 1;
    return {
      E: sum(m.E),
      P: sum(m.P),
      G: sum(m.G),
      A: sum(m.A),
      D: sum(m.D),
      aP: block(ks.map((k) => cols[k]!.P)),
      aE: hasE ? block(ks.map((k) => cols[k]!.E)) : undefined,
      aG: hasE ? block(ks.map((k) => gap[k])) : undefined,
      k: ks.length,
    };
  });
  let ptAggs: { valid: number; rescaled: number; w: number[]; ws: number; ps: number } | undefined;
  if (pts.length) {
    ptAggs = {
      valid: aggs.push({ kind: 'count', cond: `${valid} = 1` }) - 1,
      rescaled: aggs.push({ kind: 'count', cond: `${valid} = 1 AND ABS(${psum} - 100) > 1e-9` }) - 1,
      w: wCols.map((w) => sum(w)),
      ws: sum(wScore!),
      ps: sum(pScore!),
    };
  }
  const sql = momentsSql({
    dialect: d,
    from,
    types,
    inputs,
    derived: [layer1, layer2, layer3, layer4].filter((l) => l.length),
    aggs,
    meta,
    account: account ? accountIdx : undefined,
    where: where?.node,
    codeOf: where?.codeOf,
    title: `cx servqual statistics: ${specs.length} items in ${dims.length} dimensions${pts.length ? ', with point allocations' : ''}`,
  });
  // momentsSql numbers derived names across non-empty layers in order; layers 1–4 above are numbered the same way.
  const read = (row: Record<string, unknown>, accounting: Accounting[]): ServqualStats => {
    const sc = (i: number | undefined): SumCount | undefined => (i === undefined ? undefined : { n: resultNumber(row, `cx_a${i}_n`, 0), sum: resultNumber(row, `cx_a${i}_s`, 0) });
    const blk = (i: number, k: number): MomentBlock => blockFromRow(row, i, Array.from({ length: k }, (_, j) => `item${j + 1}`), false);
    const count = (i: number) => resultNumber(row, `cx_a${i}_n`, 0);
    return {
      rows: resultNumber(row, `cx_a${dimAggs[0]!.aP}_rows`, 0),
      specs,
      dims,
      reversed: plan.reversed,
      hasE,
      items: itemAggs.map((a) => ({ E: sc(a.E), P: sc(a.P)!, gap: sc(a.G), A: sc(a.A), D: sc(a.D) })),
      dimensions: dimAggs.map((a) => ({
        E: sc(a.E)!,
        P: sc(a.P)!,
        gap: sc(a.G)!,
        A: sc(a.A)!,
        D: sc(a.D)!,
        alphaP: blk(a.aP, a.k),
        alphaE: a.aE === undefined ? undefined : blk(a.aE, a.k),
        alphaG: a.aG === undefined ? undefined : blk(a.aG, a.k),
      })),
      points: ptAggs
        ? { valid: count(ptAggs.valid), rescaled: count(ptAggs.rescaled), wSum: ptAggs.w.map((i) => sc(i)!.sum), weighted: sc(ptAggs.ws)!, servperf: sc(ptAggs.ps)! }
        : undefined,
      accounting,
    };
  };
  return { sql, read, ids: accountIds, accountIdx };
}

/** SERVQUAL with DuckDB or PostgreSQL computing the statistics. */
export async function servqualWithEngine(
  engine: Exclude<Engine, 'builtin'>,
  input: string,
  db: string | undefined,
  opts: ServqualOptions,
  schemaHook: (s: Survey) => Survey,
): Promise<ServqualResult> {
  return withSession(engine, input, db, schemaHook, async (sess) => {
    const s = sess.schema;
    const ids = columnsOf(servqualPlan(s, opts));
    const where = await resolveWhere(s, opts.where);
    const from = await sess.open([...new Set([...ids, ...(where?.columns ?? [])])]);
    const census = await censusInputs(sess, from, ids, where);
    census.accounting.forEach((a, k) => {
      if (a.excluded.unreadable > 0 && a.used === 0) throw textItemError(ids[k]!, a.examples.unreadable[0]!.value);
    });
    const maps = new Map(census.inputs.map((x) => [x.id, x.map]));
    const plan = servqualPlan(s, opts);
    const q = buildQuery(sess.dialect, from, plan, (id, rev) => ({ id, map: maps.get(id)!, reverse: rev ? reverseScale(s, id) : undefined }), (c) => sess.types(c), undefined, false, where);
    const [row] = await sess.query(q.sql);
    return servqualFromStats(q.read(row ?? {}, census.accounting), opts);
  });
}

/** The printed query (`cx sql servqual`): value maps from what cx knows of the columns, no census. */
export async function servqualSqlFor(d: Dialect, from: string, s: Survey, opts: ServqualOptions, types?: (c: string) => ColType): Promise<{ sql: string; columns: string[] }> {
  const plan = servqualPlan(s, opts);
  const ids = columnsOf(plan);
  const maps = new Map(knownInputs(s, ids).map((x) => [x.id, x.map]));
  const where = await resolveWhere(s, opts.where);
  const meta: ServqualMeta = { cx: 'servqual-stats', version: 1, plan, where: opts.where ?? null };
  const q = buildQuery(d, from, plan, (id, rev) => ({ id, map: maps.get(id)!, reverse: rev ? reverseScale(s, id) : undefined }), types, JSON.stringify(meta), true, where);
  return { sql: q.sql, columns: [...new Set([...ids, ...(where?.columns ?? [])])] };
}

interface ServqualMeta {
  cx: 'servqual-stats';
  version: 1;
  plan: Plan;
  where?: string | null;
}

/** `cx servqual --from-stats FILE`: the saved result of the query `cx sql servqual` printed. */
export async function servqualFromStatsFile(file: string, opts: ServqualOptions): Promise<ServqualResult> {
  const { readStatsFile } = await import('./read-stats.js');
  const { statsMeta, accountingFromStatus } = await import('./moments-engine.js');
  const { meta, row } = statsMeta<ServqualMeta>(await readStatsFile(file), file, 'servqual-stats', 'servqual');
  if (opts.where !== undefined && opts.where !== (meta.where ?? undefined)) {
    throw inputError(
      `--from-stats ${file}: the query was made with --where ${meta.where ?? '(none)'}, not ${opts.where}; drop --where here or print the query again with it.`,
      `--from-stats ${file}：该查询使用的 --where 为 ${meta.where ?? '（无）'}，而不是 ${opts.where}；请去掉此处的 --where，或用它重新生成查询。`,
    );
  }
  // The layout of the result follows the plan; the value maps do not matter when reading it back.
  const q = buildQuery('duckdb', 'cx', meta.plan, (id) => ({ id, map: { exceptions: new Map() } }), undefined, undefined, true);
  const accounting = q.ids.map((id, k) => accountingFromStatus(row, q.accountIdx[k]!, id));
  accounting.forEach((a) => {
    if (a.excluded.unreadable > 0 && a.used === 0) throw textItemError(a.question, '…');
  });
  // The weights the query was planned with (fixed weights come from cx.yaml at read time, as locally).
  return servqualFromStats(q.read(row, accounting), opts);
}
