// The engine side of `cx score`: --engine duckdb|postgres and --from-stats FILE. The CLI keeps its flags,
// table and JSON; only where the statistics come from changes.
import type { Survey } from '../dataset/types.js';
import type { ScoreResult, ScoreSpec } from '../metrics/score.js';
import { inputError } from '../ui/errors.js';
import type { StatsDescription } from './plan.js';
import { ENGINES, type Engine } from './score-engine.js';

export interface EngineOptions {
  engine?: string;
  db?: string;
  fromStats?: string;
}

export function parseEngine(name: string | undefined): Engine {
  const e = (name ?? 'builtin').toLowerCase();
  if (!(ENGINES as readonly string[]).includes(e)) {
    throw inputError(`--engine must be builtin, duckdb or postgres (got "${name}").`, `--engine 应为 builtin、duckdb 或 postgres（收到 "${name}"）。`);
  }
  return e as Engine;
}

/** Whether the command should leave the built-in store (so the CLI can keep its usual path otherwise). */
export function usesEngine(o: EngineOptions): boolean {
  return Boolean(o.fromStats) || parseEngine(o.engine) !== 'builtin';
}

export async function engineScore(input: string | undefined, spec: ScoreSpec, o: EngineOptions, schemaHook?: (s: Survey) => Survey): Promise<ScoreResult> {
  if (o.fromStats) return scoreFromStatsFile(o.fromStats, spec);
  const engine = parseEngine(o.engine);
  if (!input) throw inputError('cx score: give the input (a dataset, Parquet, CSV or, with --engine postgres, a table).', 'cx score：请给出输入（数据集、Parquet、CSV，或 --engine postgres 时的数据表）。');
  const { progressNote } = await import('../ui/progress.js');
  progressNote(`${engine === 'duckdb' ? 'DuckDB' : 'PostgreSQL'}: statistics query on ${input}`, `${engine === 'duckdb' ? 'DuckDB' : 'PostgreSQL'}：正在对 ${input} 运行统计查询`);
  if (engine === 'duckdb') {
    const { scoreWithDuckdb } = await import('./score-engine.js');
    return scoreWithDuckdb(input, spec, schemaHook);
  }
  const db = o.db ?? process.env.CX_DB_URL;
  if (!db) {
    throw inputError('--engine postgres needs --db postgres://user@host:port/database (or CX_DB_URL).', '--engine postgres 需要 --db postgres://user@host:port/database（或环境变量 CX_DB_URL）。');
  }
  const { scoreWithPostgres } = await import('./postgres.js');
  return scoreWithPostgres(db, input, spec, schemaHook);
}

async function scoreFromStatsFile(file: string, spec: ScoreSpec): Promise<ScoreResult> {
  const { readStatsFile } = await import('./read-stats.js');
  const { statRowsFromRecords, scoreFromRows } = await import('./score-stats.js');
  const records = await readStatsFile(file);
  const metaCol = records.length ? Object.keys(records[0]!).find((k) => k.toLowerCase() === 'cx_meta') : undefined;
  const raw = metaCol ? records.find((r) => r[metaCol])?.[metaCol] : undefined;
  let d: StatsDescription | undefined;
  try {
    d = raw ? (JSON.parse(String(raw)) as StatsDescription) : undefined;
  } catch {
    d = undefined;
  }
  if (!d || d.cx !== 'score-stats') {
    throw inputError(
      `--from-stats ${file}: no cx_meta column describing the query; save the full result of the query cx sql prints.`,
      `--from-stats ${file}：缺少描述查询的 cx_meta 列；请保存 cx sql 生成的查询的完整结果。`,
    );
  }
  if (d.metric !== spec.metric) {
    throw inputError(
      `--from-stats ${file}: the statistics are for ${d.metric}, not ${spec.metric}; run cx score ${d.metric} or print the query for ${spec.metric} with cx sql.`,
      `--from-stats ${file}：该统计数据对应 ${d.metric} 而不是 ${spec.metric}；请运行 cx score ${d.metric}，或用 cx sql 生成 ${spec.metric} 的查询。`,
    );
  }
  const given = (a: string[] | string | undefined) => (Array.isArray(a) ? a.join(',') : a ?? '');
  for (const [flag, mine, theirs] of [
    ['--by', spec.by, d.by],
    ['--period', spec.period, d.period],
    ['--where', spec.where, d.where],
  ] as const) {
    if (mine !== undefined && given(mine) !== given(theirs)) {
      throw inputError(
        `--from-stats ${file}: the query was made with ${flag} ${given(theirs) || '(none)'}, not ${given(mine)}; drop ${flag} here or run cx sql again with it.`,
        `--from-stats ${file}：该查询使用的 ${flag} 为 ${given(theirs) || '（无）'}，而不是 ${given(mine)}；请去掉此处的 ${flag}，或用它重新运行 cx sql。`,
      );
    }
  }
  const full: ScoreSpec = { ...spec, question: d.question.id };
  if (d.by?.length) full.by = d.by;
  if (d.period) full.period = d.period;
  if (d.where) full.where = d.where;
  if (d.weightId) full.weight = d.weightId;
  if (spec.metric !== 'nps') full.scale = d.scale;
  const rows = statRowsFromRecords(records, d.by ?? [], file);
  return scoreFromRows(rows, full, {
    source: [file],
    question: d.question,
    scale: d.scale,
    by: d.by,
    dateColumn: d.dateColumn,
    weightId: d.weightId,
    waveColumn: d.waveColumn,
    waves: d.waves,
  });
}
