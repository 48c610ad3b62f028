// DuckDB (optional dependency @duckdb/node-api), loaded only when a command asks for it.
import { createRequire } from 'node:module';
import { inputError } from '../ui/errors.js';

type DuckApi = typeof import('@duckdb/node-api');
export type DuckConnection = import('@duckdb/node-api').DuckDBConnection;

let api: DuckApi | undefined;

/** The DuckDB module, or exit 2 with what to do when the optional package is not installed. */
export async function duckdb(): Promise<DuckApi> {
  if (api) return api;
  try {
    // require, not import(): the package is CommonJS, and import() would first scan all its files for their
    // export names (cjs-module-lexer, ~100 ms of every --engine duckdb run).
    const name = '@duckdb/node-api';
    api = createRequire(import.meta.url)(name) as DuckApi;
    return api;
  } catch {
    throw inputError(
      'DuckDB is not available: the optional package @duckdb/node-api is not installed (or this is the single-binary build); install it with npm install @duckdb/node-api next to cx, or use the built-in engine (no --engine).',
      'DuckDB 不可用：未安装可选依赖 @duckdb/node-api（或这是单文件可执行版本）；请在 cx 旁执行 npm install @duckdb/node-api，或使用内置引擎（不加 --engine）。',
    );
  }
}

/** True when DuckDB can be loaded (for optional fast paths such as Parquet export). */
export async function hasDuckdb(): Promise<boolean> {
  try {
    await duckdb();
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `work` on a fresh in-memory DuckDB connection and closes it. `meanwhile` (optional) runs while DuckDB
 * starts up in the background, and its result is handed to `work` (cx reading a CSV's head, for instance).
 */
export async function withDuckdb<T, E = undefined>(work: (con: DuckConnection, early: E) => Promise<T>, meanwhile?: () => Promise<E>): Promise<T> {
  const { DuckDBInstance } = await duckdb();
  const starting = DuckDBInstance.create(':memory:');
  let early: E;
  try {
    early = meanwhile ? await meanwhile() : (undefined as E);
  } catch (e) {
    starting.then((i) => i.closeSync(), () => undefined);
    throw e;
  }
  const inst = await starting;
  const con = await inst.connect();
  try {
    return await work(con, early);
  } finally {
    con.closeSync();
    inst.closeSync();
  }
}

/** Rows of a query as plain objects (BIGINT as number when safe). */
export async function queryRows(con: DuckConnection, sql: string): Promise<Record<string, unknown>[]> {
  const reader = await con.runAndReadAll(sql);
  // Column by column, as DuckDB hands them over: text, numbers, booleans and NULL need no conversion (the
  // row-object conversion costs ~50 ms on a few thousand rows); other types (dates, decimals …) go through it.
  const cols = reader.getColumns();
  if (cols.every((c) => c.every((v) => v === null || typeof v !== 'object'))) {
    const names = reader.columnNames();
    const n = reader.currentRowCount;
    const out: Record<string, unknown>[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const o: Record<string, unknown> = {};
      for (let j = 0; j < names.length; j++) {
        const v = cols[j]![i];
        o[names[j]!] = typeof v === 'bigint' ? Number(v) : v;
      }
      out[i] = o;
    }
    return out;
  }
  return reader.getRowObjectsJS().map((r) => {
    const o: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) o[k] = typeof v === 'bigint' ? Number(v) : v;
    return o;
  });
}

/** A string literal for DuckDB. */
export const duckLit = (s: string) => "'" + s.replace(/'/g, "''") + "'";
