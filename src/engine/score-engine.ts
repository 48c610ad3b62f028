// `cx score … --engine duckdb|postgres`: the statistics query runs where the data is; the estimate is the
// same scoreFromStats the built-in engine uses.
import type { Survey } from '../dataset/types.js';
import type { ScoreResult, ScoreSpec } from '../metrics/score.js';
import { planScore } from './plan.js';
import { inputError } from '../ui/errors.js';
import { scoreFromRows, statRowsFromRecords } from './score-stats.js';
import { ident } from './sql.js';

export type Engine = 'builtin' | 'duckdb' | 'postgres';
export const ENGINES: readonly Engine[] = ['builtin', 'duckdb', 'postgres'];

/** Score with DuckDB on a dataset, Parquet file/folder/glob, or plain CSV. */
export async function scoreWithDuckdb(input: string, spec: ScoreSpec, schemaHook: (s: Survey) => Survey = (s) => s): Promise<ScoreResult> {
  const { withDuckdb, queryRows } = await import('./duckdb.js');
  const { openSource, opensWithoutDuckdb } = await import('./sources.js');
  // A CSV's head is read and recognised while DuckDB starts (Parquet is described by DuckDB itself).
  const early = opensWithoutDuckdb(input) ? () => openSource(input) : undefined;
  return withDuckdb(async (con, opened) => {
    const src = opened ?? (await openSource(input, con));
    const schema = schemaHook(src.schema);
    const opts = { dialect: 'duckdb' as const, source: [input] };
    const periodColumn = src.kind === 'dataset' && spec.period ? '__cx_period' : undefined;
    const dry = planScore(schema, spec, { ...opts, from: 'cx', types: src.types, periodColumn });
    if (src.prepare) {
      await src.prepare(con, dry.columns, spec.period && dry.meta.dateColumn ? { id: dry.meta.dateColumn, unit: spec.period } : undefined);
    }
    const plan = planScore(schema, spec, { ...opts, from: src.from(dry.columns), types: src.types, periodColumn });
    let rows: Record<string, unknown>[];
    // The statistics columns only: cx_meta (the query's description, for --from-stats) would repeat the same
    // long text on every row.
    const cols = [...(plan.meta.by ?? []).map((c) => ident('duckdb', c)), 'cx_period', 'cx_status', 'cx_raw', 'cx_n', 'cx_sw', 'cx_sw2'];
    try {
      rows = await queryRows(con, `SELECT ${cols.join(', ')} FROM (\n${plan.sql}\n) cx_stats`);
    } catch (e) {
      throw engineError('DuckDB', input, e);
    }
    return scoreFromRows(statRowsFromRecords(rows, plan.meta.by ?? [], input), spec, plan.meta);
  }, early);
}

/** An engine's own error (a malformed CSV line, a missing table) as one exit-2 sentence. */
export function engineError(engine: string, input: string, e: unknown) {
  const msg = ((e as Error)?.message ?? String(e)).split('\n').find((l) => l.trim()) ?? 'failed';
  return inputError(
    `${input}: ${engine} could not run the statistics query (${msg.trim()}); check the input, or use the built-in engine (no --engine).`,
    `${input}：${engine} 无法运行统计查询（${msg.trim()}）；请检查输入，或使用内置引擎（不加 --engine）。`,
  );
}
