// `--engine postgres --db URL`: the statistics query runs in PostgreSQL (via `pg`, loaded only here) on a
// table or view; cx reads the column types from information_schema and never fetches rows.
import type { Survey } from '../dataset/types.js';
import type { ScoreResult, ScoreSpec } from '../metrics/score.js';
import { inputError } from '../ui/errors.js';
import { planScore } from './plan.js';
import { scoreFromRows, statRowsFromRecords } from './score-stats.js';
import { engineError } from './score-engine.js';
import type { ColType } from './sql.js';

type PgClient = import('pg').Client;

/** Connects, runs `work`, disconnects; a failed connection is one exit-2 sentence (password hidden). */
export async function withPostgres<T>(url: string, work: (c: PgClient) => Promise<T>): Promise<T> {
  const pg = (await import('pg')).default;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  const shown = url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  try {
    await client.connect();
  } catch (e) {
    throw inputError(
      `--db ${shown}: cannot connect to PostgreSQL (${(e as Error).message}); check the URL, that the server runs, and the password.`,
      `--db ${shown}：无法连接 PostgreSQL（${(e as Error).message}）；请检查 URL、服务器是否运行以及密码。`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** "schema.table" or "table" → its quoted form and parts. */
export function splitTable(name: string): { schema?: string; table: string; sql: string } {
  const parts = name.split('.');
  const q = (s: string) => '"' + s.replace(/"/g, '""') + '"';
  if (parts.length === 2) return { schema: parts[0]!, table: parts[1]!, sql: `${q(parts[0]!)}.${q(parts[1]!)}` };
  return { table: name, sql: q(name) };
}

export async function tableSchema(client: PgClient, name: string): Promise<{ schema: Survey; types: (id: string) => ColType; from: string }> {
  const t = splitTable(name);
  const r = await client.query<{ column_name: string; data_type: string }>(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 AND ($2::text IS NULL OR table_schema = $2) ORDER BY ordinal_position`,
    [t.table, t.schema ?? null],
  );
  if (r.rows.length === 0) {
    throw inputError(`${name}: no such table or view in the database (or no columns visible); check the name (schema.table).`, `${name}：数据库中没有该表或视图（或无可见列）；请检查名称（schema.table）。`);
  }
  const kinds = new Map<string, ColType>();
  for (const c of r.rows) {
    const dt = c.data_type.toLowerCase();
    kinds.set(c.column_name, /^(smallint|integer|bigint|real|double precision|numeric|decimal)/.test(dt) ? 'num' : /^(date|timestamp)/.test(dt) ? 'date' : /^(text|character)/.test(dt) ? 'str' : 'unknown');
  }
  const schema: Survey = {
    source: [name],
    platform: 'postgres',
    questions: [...kinds].map(([id, k]) => ({ id, label: id, type: k === 'num' ? 'number' : k === 'date' ? 'date' : 'category' })),
    columns: new Map([...kinds].map(([id, k]) => [id, k === 'num' ? { kind: 'num' as const, values: new Float64Array(0) } : { kind: 'str' as const, values: [] }])),
    nRows: 0,
    log: [],
  };
  return { schema, types: (id) => kinds.get(id) ?? 'unknown', from: t.sql };
}

export async function scoreWithPostgres(url: string, table: string, spec: ScoreSpec, schemaHook: (s: Survey) => Survey = (s) => s): Promise<ScoreResult> {
  return withPostgres(url, async (client) => {
    const ts = await tableSchema(client, table);
    const plan = planScore(schemaHook(ts.schema), spec, { dialect: 'postgres', from: ts.from, types: ts.types, source: [table] });
    let rows: Record<string, unknown>[];
    try {
      rows = (await client.query(plan.sql)).rows as Record<string, unknown>[];
    } catch (e) {
      throw engineError('PostgreSQL', table, e);
    }
    return scoreFromRows(statRowsFromRecords(rows, plan.meta.by ?? [], table), spec, plan.meta);
  });
}
