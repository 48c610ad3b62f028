// Moment statistics on DuckDB or PostgreSQL (issue 14): open the source, run the census of the numeric
// columns, read every distinct answer with cx's own value reader (the same decisions, counts and accounting
// as the built-in engine), then run one aggregate query (engine/moments-sql.ts). Used by `cx drivers` and
// `cx servqual` with --engine duckdb|postgres.
import type { Survey } from '../dataset/types.js';
import { newAccounting, type Accounting } from '../dataset/accounting.js';
import { MISSING_CODES, readerFor, type QuestionLike } from '../ingest/values.js';
import { inputError } from '../ui/errors.js';
import { progressNote } from '../ui/progress.js';
import { castValue, censusSql, resultNumber, type NumericInput, type ValueMap } from './moments-sql.js';
import type { ColType, Dialect } from './sql.js';
import type { Engine } from './score-engine.js';

/** An open source on an engine: its schema, and a way to run queries over the columns it presents. */
export interface EngineSession {
  dialect: Dialect;
  schema: Survey;
  types(id: string): ColType;
  /** Loads the columns (a cx dataset into DuckDB) and gives the FROM clause presenting them by id. */
  open(columns: string[]): Promise<string>;
  query(sql: string): Promise<Record<string, unknown>[]>;
  /** What the user named (for messages). */
  input: string;
  engineName: string;
}

/** Opens `input` on the engine and runs `work`; the connection is closed afterwards. */
export async function withSession<T>(
  engine: Exclude<Engine, 'builtin'>,
  input: string,
  db: string | undefined,
  schemaHook: (s: Survey) => Survey,
  work: (s: EngineSession) => Promise<T>,
): Promise<T> {
  const { engineError } = await import('./score-engine.js');
  if (engine === 'duckdb') {
    const { withDuckdb, queryRows } = await import('./duckdb.js');
    const { openSource } = await import('./sources.js');
    return withDuckdb(async (con) => {
      const src = await openSource(input, con);
      return work({
        dialect: 'duckdb',
        schema: schemaHook(src.schema),
        types: (id) => src.types(id),
        async open(columns) {
          if (src.prepare) await src.prepare(con, columns);
          if (src.kind !== 'csv') return src.from(columns);
          // A CSV is parsed once into a table of the columns needed: the census and the aggregate query
          // then scan memory instead of parsing the file twice.
          try {
            await con.run(`CREATE TEMP TABLE cx_csv AS SELECT * FROM ${src.from(columns)}`);
          } catch (e) {
            throw engineError('DuckDB', input, e);
          }
          return 'cx_csv';
        },
        async query(sql) {
          progressNote(`DuckDB: ${sql.slice(3, sql.indexOf('\n')).trim()}`, 'DuckDB：正在运行统计查询');
          try {
            return await queryRows(con, sql);
          } catch (e) {
            throw engineError('DuckDB', input, e);
          }
        },
        input,
        engineName: 'DuckDB',
      });
    });
  }
  const url = db ?? process.env.CX_DB_URL;
  if (!url) {
    throw inputError('--engine postgres needs --db postgres://user@host:port/database (or CX_DB_URL).', '--engine postgres 需要 --db postgres://user@host:port/database（或环境变量 CX_DB_URL）。');
  }
  const { withPostgres, tableSchema } = await import('./postgres.js');
  return withPostgres(url, async (client) => {
    const ts = await tableSchema(client, input);
    return work({
      dialect: 'postgres',
      schema: schemaHook(ts.schema),
      types: ts.types,
      open: async () => ts.from,
      async query(sql) {
        progressNote(`PostgreSQL: ${sql.slice(3, sql.indexOf('\n')).trim()}`, 'PostgreSQL：正在运行统计查询');
        try {
          return (await client.query(sql)).rows as Record<string, unknown>[];
        } catch (e) {
          throw engineError('PostgreSQL', input, e);
        }
      },
      input,
      engineName: 'PostgreSQL',
    });
  });
}

/** The scale a numeric question is read on (as dataset/select.readNumbers does). */
export function numberScale(q: QuestionLike): { min: number; max: number } {
  const sc = q.type === 'nps' ? { min: 0, max: 10 } : q.scale;
  if (sc && Number.isFinite(sc.min) && Number.isFinite(sc.max) && sc.max > sc.min) return { min: sc.min, max: sc.max };
  return { min: -Infinity, max: Infinity };
}

export interface CensusEntry {
  raw: string | null;
  num: number | null;
  n: number;
}

/**
 * One column's census → its value map and the accounting rule (examples are distinct values: an engine has
 * no row numbers, so `row` is 0). Mirrors dataset/select.readScores with whole = false.
 */
export function readCensus(q: QuestionLike, numeric: boolean, entries: CensusEntry[]): { map: ValueMap; accounting: Accounting } {
  const { min, max } = numberScale(q);
  const acc = newAccounting(q.id);
  const exceptions = new Map<string, number | null>();
  const codes = !(min < 0);
  const example = (k: 'unreadable' | 'outOfScale', value: string) => {
    const ex = acc.examples[k];
    if (ex.length < 5 && !ex.some((x) => x.value === value)) ex.push({ row: 0, value });
  };
  if (numeric) {
    for (const e of entries) {
      const v = e.num;
      if (v === null || v !== v || (v < 0 && codes && MISSING_CODES.has(v))) {
        acc.excluded.missing += e.n;
        if (v !== null && v === v) exceptions.set(String(v), null);
      } else if (v >= min && v <= max) {
        acc.answered += e.n;
        acc.used += e.n;
      } else {
        acc.answered += e.n;
        acc.excluded.outOfScale += e.n;
        example('outOfScale', String(v));
        exceptions.set(String(v), null);
      }
    }
    return { map: { exceptions }, accounting: acc };
  }
  const distinct = entries.flatMap((e) => (e.raw == null ? [] : [e.raw])).slice(0, 500);
  const read = readerFor(q, min, max, distinct);
  for (const e of entries) {
    const s = e.raw;
    const v = s == null ? null : read(s);
    let mapped: number | null = null;
    if (v === null) acc.excluded.missing += e.n;
    else if (v !== v) {
      acc.answered += e.n;
      acc.excluded.unreadable += e.n;
      example('unreadable', s!.trim());
    } else if (v >= min && v <= max) {
      acc.answered += e.n;
      acc.used += e.n;
      mapped = v;
    } else {
      acc.answered += e.n;
      acc.excluded.outOfScale += e.n;
      example('outOfScale', s!.trim());
    }
    // Texts the plain cast reads differently (labels, "10分", codes, off-scale numbers) are listed.
    if (s != null && castValue(s) !== mapped) exceptions.set(s, mapped);
  }
  return { map: { exceptions }, accounting: acc };
}

/** Census of `ids` on the session → the numeric inputs of the aggregate query, with their accounting. */
export async function censusInputs(sess: EngineSession, from: string, ids: string[], where?: ResolvedWhere): Promise<{ inputs: NumericInput[]; accounting: Accounting[] }> {
  progressNote(`${sess.engineName}: distinct answers of ${ids.length} column${ids.length === 1 ? '' : 's'}`, `${sess.engineName}：统计 ${ids.length} 列的不同答案`);
  const rows = await sess.query(censusSql(sess.dialect, from, ids, (c) => sess.types(c), where?.node, where?.codeOf));
  const per: CensusEntry[][] = ids.map(() => []);
  for (const r of rows) {
    const k = Number(r.cx_col);
    const num = r.cx_num == null ? null : Number(r.cx_num);
    per[k]!.push({ raw: r.cx_raw == null ? null : String(r.cx_raw), num, n: Number(r.cx_n) });
  }
  const inputs: NumericInput[] = [];
  const accounting: Accounting[] = [];
  ids.forEach((id, k) => {
    const q = sess.schema.questions.find((x) => x.id === id) ?? { id, label: id, type: 'number' as const };
    const t = sess.types(id);
    const { map, accounting: a } = readCensus(q, t === 'num' || t === 'daynum', per[k]!);
    inputs.push({ id, map });
    accounting.push(a);
  });
  return { inputs, accounting };
}

/** Value maps for a printed warehouse query (no census): the labels cx knows, and a range check. */
export function knownInputs(schema: Survey, ids: string[]): NumericInput[] {
  return ids.map((id) => {
    const q = schema.questions.find((x) => x.id === id) ?? { id, label: id, type: 'number' as const };
    const { min, max } = numberScale(q);
    const exceptions = new Map<string, number | null>();
    const put = (label: string, v: number) => {
      if (castValue(label) !== v) exceptions.set(label, v >= min && v <= max ? v : null);
    };
    for (const c of q.choices ?? []) if (c.code.trim() !== '' && Number.isFinite(Number(c.code))) put(c.label, Number(c.code));
    for (const [v, label] of Object.entries(q.scale?.labels ?? {})) if (Number.isFinite(Number(v))) put(label, Number(v));
    for (const [k, v] of Object.entries(q.values ?? {})) put(k, v);
    const codes = !(min < 0);
    if (codes) for (const c of MISSING_CODES) exceptions.set(String(c), null);
    return { id, map: { exceptions, range: Number.isFinite(min) ? { min, max } : undefined } };
  });
}

/** The accounting of input `i` from the status counts of a warehouse result (examples are not available). */
export function accountingFromStatus(row: Record<string, unknown>, i: number, id: string): Accounting {
  const k = (j: number) => resultNumber(row, `cx_st${i}_${j}`, 0);
  const a = newAccounting(id);
  a.excluded.missing = k(0);
  a.used = k(1);
  a.excluded.unreadable = k(2);
  a.excluded.outOfScale = k(3);
  a.answered = a.used + a.excluded.unreadable + a.excluded.outOfScale;
  return a;
}

/** The cx_meta description of a saved result, or exit 2 naming what to do. */
export function statsMeta<T extends { cx: string }>(records: Record<string, unknown>[], file: string, kind: string, command: string): { meta: T; row: Record<string, unknown> } {
  const row = records.find((r) => Object.keys(r).some((k) => k.toLowerCase() === 'cx_meta'));
  const key = row ? Object.keys(row).find((k) => k.toLowerCase() === 'cx_meta')! : undefined;
  let meta: T | undefined;
  try {
    meta = row && key ? (JSON.parse(String(row[key])) as T) : undefined;
  } catch {
    meta = undefined;
  }
  if (!row || !meta || meta.cx !== kind) {
    throw inputError(
      `--from-stats ${file}: not the result of the query \`cx sql ${command}\` prints (no cx_meta of kind ${kind}); save the query's full result (CSV, JSON or Parquet) and read it back.`,
      `--from-stats ${file}：不是 \`cx sql ${command}\` 所生成查询的结果（缺少类型为 ${kind} 的 cx_meta）；请保存该查询的完整结果（CSV、JSON 或 Parquet）后再读取。`,
    );
  }
  return { meta, row };
}

/** A --where expression resolved against a schema: the tree on column ids, the columns it reads, and coded labels. */
export interface ResolvedWhere {
  node: import('../dataset/where.js').WhereNode;
  columns: string[];
  codeOf: (col: string, label: string) => number | undefined;
}

export async function resolveWhere(schema: Survey, expr: string | undefined): Promise<ResolvedWhere | undefined> {
  if (!expr) return undefined;
  const { parseWhere, resolveColumn } = await import('../dataset/where.js');
  const { mapWhere } = await import('./plan.js');
  const columns: string[] = [];
  const node = mapWhere(parseWhere(expr), (c) => {
    const id = resolveColumn(schema, c).id;
    if (!columns.includes(id)) columns.push(id);
    return id;
  });
  const codeOf = (col: string, label: string) => {
    const ch = schema.questions.find((x) => x.id === col)?.choices?.find((c) => c.label === label);
    return ch && Number.isFinite(Number(ch.code)) ? Number(ch.code) : undefined;
  };
  return { node, columns, codeOf };
}
