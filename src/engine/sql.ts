// The statistics of `cx score` as one aggregate SQL query, in five dialects (DESIGN.md §8). The query
// returns, per (segment, period, status, answer), the count, Σw and Σw²; `scoreStatsFromRows` turns those
// rows into the tallies that `scoreFromStats` estimates from, so a warehouse, DuckDB, PostgreSQL and the
// built-in store give the same numbers.
//
// Result columns: one per --by column (named as the column), cx_period (label or NULL: no readable date),
// cx_status ('kept' | 'bad_weight' | 'filtered'), cx_raw (the answer as text, NULL when empty), cx_n, cx_sw
// and cx_sw2 (Σw, Σw² of kept rows), and cx_meta (the query's description as JSON). Rows failing --where are
// one 'filtered' row per segment-less group. cx reads each distinct answer text with its own value reader
// (src/ingest/values.ts), so numbers, labels, "10分" or "★★★★" count exactly as in a local run.
//
// Semantics follow the built-in store: a missing value is NULL or blank text; a filter leaf on a missing
// value is false, as in `--where`; weights are numbers ≥ 0.
import type { WhereNode } from '../dataset/where.js';
import type { PeriodUnit } from '../dataset/period.js';

export type Dialect = 'duckdb' | 'postgres' | 'bigquery' | 'snowflake' | 'spark';
export const DIALECTS: readonly Dialect[] = ['duckdb', 'postgres', 'bigquery', 'snowflake', 'spark'];

/** What cx knows about a source column: numeric, text, a date/timestamp, day numbers (days since 1970-01-01), or nothing. */
export type ColType = 'num' | 'str' | 'date' | 'daynum' | 'unknown';

export interface ScoreSqlSpec {
  dialect: Dialect;
  /** The FROM target: a table name (quoted by the caller when needed) or a table function. */
  from: string;
  scale: { min: number; max: number };
  question: string;
  by?: string[];
  period?: PeriodUnit;
  date?: string;
  where?: WhereNode;
  weight?: string;
  /** Column types when known (DuckDB/PostgreSQL sources); warehouse queries use type-agnostic casts. */
  types?: (col: string) => ColType;
  /** A JSON description of the query (metric, question, scale, --by …) returned as cx_meta, so that
   * `--from-stats` reads a self-describing result. */
  meta?: string;
  /** A column that already holds period labels (the built-in store's dates, read by cx). */
  periodColumn?: string;
  /** Numeric dates such as 03/04/2026 are day-first (detected by cx on the export's values). */
  dayFirst?: boolean;
  /** Choice label → numeric code of a column, for `--where plan = "Pro"` on a coded column. */
  codeOf?: (col: string, label: string) => number | undefined;
}

const SIMPLE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const RESERVED = new Set([
  'all', 'and', 'as', 'by', 'case', 'date', 'day', 'desc', 'end', 'from', 'group', 'in', 'is', 'join', 'month', 'not',
  'null', 'or', 'order', 'select', 'table', 'time', 'timestamp', 'to', 'user', 'values', 'week', 'when', 'where', 'year',
]);

/** A column or alias name in the dialect (Snowflake: simple names unquoted, so REGION matches region). */
export function ident(d: Dialect, name: string): string {
  if (d === 'bigquery' || d === 'spark') return '`' + name.replace(/\\/g, '\\\\').replace(/`/g, '\\`') + '`';
  if (d === 'snowflake' && SIMPLE.test(name) && !RESERVED.has(name.toLowerCase())) return name;
  return '"' + name.replace(/"/g, '""') + '"';
}

/** A string literal in the dialect. */
export function lit(d: Dialect, s: string): string {
  if (d === 'bigquery' || d === 'spark') return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n') + "'";
  // Snowflake reads backslash escapes in '…' literals; PostgreSQL (standard strings) and DuckDB do not.
  if (d === 'snowflake') return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "''") + "'";
  return "'" + s.replace(/'/g, "''") + "'";
}

function num(x: number): string {
  return Number.isFinite(x) ? String(x) : 'NULL';
}

const NUMERIC_RE = String.raw`^\s*[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?\s*$`;
export class Gen {
  constructor(readonly s: ScoreSqlSpec) {}
  get d(): Dialect {
    return this.s.dialect;
  }
  type(col: string): ColType {
    return this.s.types?.(col) ?? 'unknown';
  }
  col(name: string): string {
    return ident(this.d, name);
  }
  /** Any value as text. */
  str(x: string): string {
    switch (this.d) {
      case 'duckdb':
      case 'snowflake':
        return `CAST(${x} AS VARCHAR)`;
      case 'postgres':
        return `CAST(${x} AS TEXT)`;
      default:
        return `CAST(${x} AS STRING)`;
    }
  }
  /** Text → double, NULL when it is not a number. */
  tryDouble(s: string): string {
    switch (this.d) {
      case 'duckdb':
        return `TRY_CAST(${s} AS DOUBLE)`;
      case 'postgres':
        return `CASE WHEN ${s} ~ ${lit(this.d, NUMERIC_RE)} THEN CAST(${s} AS DOUBLE PRECISION) END`;
      case 'bigquery':
        return `SAFE_CAST(${s} AS FLOAT64)`;
      case 'snowflake':
        return `TRY_TO_DOUBLE(${s})`;
      case 'spark':
        return `TRY_CAST(${s} AS DOUBLE)`;
    }
  }
  toDouble(x: string): string {
    return this.d === 'postgres' ? `CAST(${x} AS DOUBLE PRECISION)` : this.d === 'bigquery' ? `CAST(${x} AS FLOAT64)` : `CAST(${x} AS DOUBLE)`;
  }
  /** The text form of a column (for text comparisons), NULL when missing. */
  text(col: string): string {
    const t = this.type(col);
    const c = this.col(col);
    return t === 'str' ? c : this.str(c);
  }
  /** A column as a number (NaN-free: NULL when missing or not a number), as numAt does. */
  number(col: string): string {
    const t = this.type(col);
    const c = this.col(col);
    if (t === 'num' || t === 'daynum') return this.toDouble(c);
    return this.tryDouble(`TRIM(${this.text(col)})`);
  }
  missing(col: string, blankTrimmed: boolean): string {
    const t = this.type(col);
    const c = this.col(col);
    if (t === 'num' || t === 'daynum' || t === 'date') return `${c} IS NULL`;
    return `(${c} IS NULL OR ${blankTrimmed ? `TRIM(${this.text(col)})` : this.text(col)} = '')`;
  }
  /** A segment value as text, as the built-in store groups it (blank = missing; whole numbers without ".0"). */
  group(col: string): string {
    const t = this.type(col);
    const c = this.col(col);
    if (t === 'num') {
      if (this.d === 'duckdb') return `CASE WHEN ${c} = FLOOR(${c}) AND ABS(${c}) < 1e15 THEN CAST(CAST(${c} AS BIGINT) AS VARCHAR) ELSE CAST(${c} AS VARCHAR) END`;
      return this.str(c);
    }
    const s = this.text(col);
    return `CASE WHEN TRIM(${s}) = '' THEN NULL ELSE ${s} END`;
  }
  /** A column as a DATE (NULL when unreadable). */
  date(col: string): string {
    const t = this.type(col);
    const c = this.col(col);
    const d = this.d;
    if (t === 'daynum') return `(DATE '1970-01-01' + CAST(${c} AS INTEGER))`;
    if (t === 'date') return `CAST(${c} AS DATE)`;
    const s = `TRIM(${this.text(col)})`;
    switch (d) {
      case 'duckdb': {
        const mdy = this.s.dayFirst ? '%d/%m/%Y' : '%m/%d/%Y';
        return `COALESCE(TRY_CAST(LEFT(${s}, 10) AS DATE), try_strptime(NULLIF(regexp_extract(${s}, '^([0-9]{1,2}/[0-9]{1,2}/[0-9]{4})', 1), ''), '${mdy}'))`;
      }
      case 'postgres': {
        const mdy = this.s.dayFirst ? 'DD/MM/YYYY' : 'MM/DD/YYYY';
        return `CASE WHEN ${s} ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}' THEN CAST(LEFT(${s}, 10) AS DATE) WHEN ${s} ~ '^[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}' THEN TO_DATE(substring(${s} from '^([0-9]{1,2}/[0-9]{1,2}/[0-9]{4})'), '${mdy}') END`;
      }
      case 'bigquery':
        return `SAFE_CAST(SUBSTR(${s}, 1, 10) AS DATE)`;
      case 'snowflake':
        return `TRY_TO_DATE(SUBSTR(${s}, 1, 10), 'YYYY-MM-DD')`;
      case 'spark':
        return `TRY_CAST(SUBSTR(${s}, 1, 10) AS DATE)`;
    }
  }
  /**
   * A cheap per-row key of a date column from which `dateFromKey` gives exactly `date(col)`, so that a query
   * can group rows by the key and parse each distinct key once (DuckDB). For text, the key is the first ten
   * characters of the trimmed text: `date` reads those for an ISO date, and a M/D/Y date the pattern finds at
   * the start is at most ten characters long, so the pattern finds the same there. Text that does not start
   * with a space needs no TRIM (a third of the scan's cost): its first ten characters differ from those of the
   * trimmed text at most by trailing spaces, which neither DuckDB's cast to DATE nor the pattern reads.
   */
  dateKey(col: string): string {
    const t = this.type(col);
    if (t === 'daynum' || t === 'date') return this.date(col);
    if (this.d !== 'duckdb') return this.date(col);
    const x = this.text(col);
    return `CASE WHEN ${x} < '!' THEN LEFT(TRIM(${x}), 10) ELSE LEFT(${x}, 10) END`;
  }
  /** `date(col)` from the value of `dateKey(col)`, given as the expression `k`. */
  dateFromKey(col: string, k: string): string {
    const t = this.type(col);
    if (t === 'daynum' || t === 'date' || this.d !== 'duckdb') return k;
    const mdy = this.s.dayFirst ? '%d/%m/%Y' : '%m/%d/%Y';
    return `COALESCE(TRY_CAST(${k} AS DATE), try_strptime(NULLIF(regexp_extract(${k}, '^([0-9]{1,2}/[0-9]{1,2}/[0-9]{4})', 1), ''), '${mdy}'))`;
  }
  /** The period label of a DATE expression: 2026-03-05, 2026-W10 (ISO week), 2026-03, 2026-Q1. */
  periodLabel(x: string, unit: PeriodUnit): string {
    const d = this.d;
    const fmt = { day: ['%Y-%m-%d', 'YYYY-MM-DD', 'yyyy-MM-dd'], month: ['%Y-%m', 'YYYY-MM', 'yyyy-MM'] } as const;
    if (unit === 'day' || unit === 'month') {
      const [c, o, j] = fmt[unit];
      if (d === 'duckdb') return `strftime(${x}, '${c}')`;
      if (d === 'bigquery') return `FORMAT_DATE('${c}', ${x})`;
      if (d === 'spark') return `date_format(${x}, '${j}')`;
      return `TO_CHAR(${x}, '${o}')`;
    }
    if (unit === 'week') {
      if (d === 'duckdb') return `strftime(${x}, '%G-W%V')`;
      if (d === 'bigquery') return `FORMAT_DATE('%G-W%V', ${x})`;
      if (d === 'postgres') return `TO_CHAR(${x}, 'IYYY-"W"IW')`;
      if (d === 'snowflake') return `(TO_VARCHAR(YEAROFWEEKISO(${x})) || '-W' || LPAD(TO_VARCHAR(WEEKISO(${x})), 2, '0'))`;
      return `CONCAT(CAST(EXTRACT(YEAROFWEEK FROM ${x}) AS STRING), '-W', LPAD(CAST(WEEKOFYEAR(${x}) AS STRING), 2, '0'))`;
    }
    if (d === 'duckdb') return `(strftime(${x}, '%Y') || '-Q' || CAST(quarter(${x}) AS VARCHAR))`;
    if (d === 'bigquery') return `FORMAT_DATE('%Y-Q%Q', ${x})`;
    if (d === 'postgres') return `TO_CHAR(${x}, 'YYYY-"Q"Q')`;
    if (d === 'snowflake') return `(TO_CHAR(${x}, 'YYYY') || '-Q' || TO_VARCHAR(QUARTER(${x})))`;
    return `CONCAT(date_format(${x}, 'yyyy'), '-Q', CAST(QUARTER(${x}) AS STRING))`;
  }

  // ---- --where -------------------------------------------------------------------------------------
  where(node: WhereNode): string {
    switch (node.type) {
      case 'and':
        return `(${this.where(node.left)} AND ${this.where(node.right)})`;
      case 'or':
        return `(${this.where(node.left)} OR ${this.where(node.right)})`;
      case 'not':
        return `(NOT ${this.where(node.expr)})`;
      case 'missing':
        return node.negate ? `(NOT ${this.missing(node.col, false)})` : `(${this.missing(node.col, false)})`;
      case 'in': {
        const eqs = node.values.map((v) => this.eq(node.col, v)).join(' OR ');
        const miss = this.missing(node.col, false);
        return node.negate ? `(${miss} OR NOT COALESCE(${eqs}, FALSE))` : `(NOT ${miss} AND COALESCE(${eqs}, FALSE))`;
      }
      case 'cmp': {
        const miss = this.missing(node.col, false);
        if (node.op === '=') return `(NOT ${miss} AND COALESCE(${this.eq(node.col, node.value)}, FALSE))`;
        if (node.op === '!=') return `(${miss} OR NOT COALESCE(${this.eq(node.col, node.value)}, FALSE))`;
        const x = this.literalNumber(node.col, node.value);
        if (x !== undefined) return `COALESCE(${this.number(node.col)} ${node.op} ${num(x)}, FALSE)`;
        return `COALESCE(${this.text(node.col)} ${node.op} ${lit(this.d, String(node.value))}, FALSE)`;
      }
    }
  }
  literalNumber(col: string, v: string | number): number | undefined {
    if (typeof v === 'number') return v;
    if (v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
    if (this.type(col) === 'num') return this.s.codeOf?.(col, v);
    return undefined;
  }
  eq(col: string, v: string | number): string {
    const t = this.type(col);
    if (t === 'num') {
      const x = this.literalNumber(col, v);
      return x === undefined ? 'FALSE' : `(${this.col(col)} = ${num(x)})`;
    }
    if (typeof v === 'number') return `(${this.tryDouble(`TRIM(${this.text(col)})`)} = ${num(v)})`;
    const s = this.text(col);
    const l = lit(this.d, v);
    return `(${s} = ${l} OR TRIM(${s}) = ${l})`;
  }
}

/** The aggregate query that produces the statistics of `cx score` (see the header of this file). */
export function scoreStatsSql(spec: ScoreSqlSpec): string {
  if (spec.dialect === 'duckdb') return twoStageSql(spec);
  const g = new Gen(spec);
  const d = spec.dialect;
  const by = spec.by ?? [];
  const { min, max } = spec.scale;
  const keep = spec.where ? g.where(spec.where) : 'TRUE';
  const inner: string[] = [`    ${keep} AS cx_keep`];
  by.forEach((c, i) => inner.push(`    ${g.group(c)} AS cx_g${i}`));
  inner.push(`    ${spec.period && spec.periodColumn ? g.col(spec.periodColumn) : spec.period && spec.date ? g.periodLabel(g.date(spec.date), spec.period) : 'CAST(NULL AS ' + (d === 'bigquery' || d === 'spark' ? 'STRING' : 'VARCHAR') + ')'} AS cx_period`);
  inner.push(`    ${g.text(spec.question)} AS cx_text`);
  inner.push(`    ${spec.weight ? g.number(spec.weight) : '1'} AS cx_w`);
  const status = `CASE WHEN NOT cx_keep THEN 'filtered' ${spec.weight ? `WHEN cx_w IS NULL OR cx_w < 0 THEN 'bad_weight' ` : ''}ELSE 'kept' END`;
  const mid: string[] = [];
  by.forEach((c, i) => mid.push(`    CASE WHEN cx_keep THEN cx_g${i} END AS ${ident(d, c)}`));
  mid.push(`    CASE WHEN cx_keep THEN cx_period END AS cx_period`);
  mid.push(`    ${status} AS cx_status`);
  mid.push(`    CASE WHEN cx_keep THEN cx_text END AS cx_raw`);
  mid.push(`    cx_w`);
  const outer: string[] = [...by.map((c) => `  ${ident(d, c)}`)];
  outer.push(`  cx_period`, `  cx_status`, `  cx_raw`);
  outer.push(`  COUNT(*) AS cx_n`);
  outer.push(`  SUM(CASE WHEN cx_status = 'kept' THEN cx_w ELSE 0 END) AS cx_sw`);
  outer.push(`  SUM(CASE WHEN cx_status = 'kept' THEN cx_w * cx_w ELSE 0 END) AS cx_sw2`);
  if (spec.meta) outer.push(`  MAX(${lit(d, spec.meta)}) AS cx_meta`);
  const nGroup = by.length + 3;
  return [
    `-- cx score statistics (${d}): counts, Σw and Σw² by ${by.length ? by.join(' × ') + ' × ' : ''}${spec.period ? `${spec.period} × ` : ''}answer (scale ${min}–${max})`,
    'SELECT',
    outer.join(',\n'),
    'FROM (',
    '  SELECT',
    mid.join(',\n'),
    '  FROM (',
    '    SELECT',
    inner.join(',\n'),
    `    FROM ${spec.from}`,
    '  ) cx_b',
    ') cx_c',
    `GROUP BY ${Array.from({ length: nGroup }, (_, i) => i + 1).join(', ')}`,
    `ORDER BY ${Array.from({ length: nGroup }, (_, i) => i + 1).join(', ')}`,
  ].join('\n');
}

/**
 * DuckDB: the same result in two stages. The scan groups rows by the raw values (--by columns, a date key,
 * the answer, the --where outcome and weight status) and counts; everything that depends on one value only
 * (segment text, the date and its period label, the answer as text) is then computed once per distinct value
 * on the few grouped rows, and the counts and sums are added up by the final keys. Per row there is no date
 * parsing, no strftime and no cast of a numeric answer to text.
 */
function twoStageSql(spec: ScoreSqlSpec): string {
  const g = new Gen(spec);
  const d = spec.dialect;
  const by = spec.by ?? [];
  const { min, max } = spec.scale;
  // Raw key columns, each once (a --by column may also be the question).
  const keyOf = new Map<string, string>();
  const keyType = new Map<string, ColType>();
  for (const c of [...by, spec.question]) {
    if (keyOf.has(c)) continue;
    const k = `cx_k${keyOf.size}`;
    keyOf.set(c, k);
    keyType.set(k, g.type(c));
  }
  // Expressions on the grouped keys: the same Gen, with each key column typed as its source column.
  const k2 = new Gen({ ...spec, types: (c) => keyType.get(c) ?? 'unknown' });
  const filtered = Boolean(spec.where);
  const onlyKept = (x: string) => (filtered ? `CASE WHEN cx_keep THEN ${x} END` : x);
  const perRow: string[] = [];
  if (filtered) perRow.push(`        ${g.where(spec.where!)} AS cx_keep`);
  for (const [c, k] of keyOf) perRow.push(`        ${g.col(c)} AS ${k}`);
  let periodKey: string | undefined;
  let periodOf: (k: string) => string = () => 'CAST(NULL AS VARCHAR)';
  if (spec.period && spec.periodColumn) {
    periodKey = g.col(spec.periodColumn);
    periodOf = (k) => k;
  } else if (spec.period && spec.date) {
    const date = spec.date;
    const unit = spec.period;
    periodKey = g.dateKey(date);
    periodOf = (k) => g.periodLabel(g.dateFromKey(date, k), unit);
  }
  if (periodKey) perRow.push(`        ${periodKey} AS cx_pk`);
  if (spec.weight) perRow.push(`        ${g.number(spec.weight)} AS cx_w`);
  const status =
    filtered || spec.weight
      ? `CASE ${filtered ? "WHEN NOT cx_keep THEN 'filtered' " : ''}${spec.weight ? "WHEN cx_w IS NULL OR cx_w < 0 THEN 'bad_weight' " : ''}ELSE 'kept' END`
      : `'kept'`;
  const keys = [...keyOf.values(), ...(periodKey ? ['cx_pk'] : [])].map((k) => onlyKept(k) + ` AS ${k}`);
  if (filtered) keys.unshift('cx_keep');
  const grouped = [
    ...keys.map((k) => `      ${k}`),
    `      ${status} AS cx_status`,
    `      COUNT(*) AS cx_n`,
    ...(spec.weight
      ? [`      SUM(CASE WHEN ${status} = 'kept' THEN cx_w ELSE 0 END) AS cx_sw`, `      SUM(CASE WHEN ${status} = 'kept' THEN cx_w * cx_w ELSE 0 END) AS cx_sw2`]
      : []),
  ];
  const final: string[] = [];
  by.forEach((c) => final.push(`    ${k2.group(keyOf.get(c)!)} AS ${ident(d, c)}`));
  final.push(`    ${periodKey ? periodOf('cx_pk') : 'CAST(NULL AS VARCHAR)'} AS cx_period`);
  final.push(`    cx_status`);
  final.push(`    ${k2.text(keyOf.get(spec.question)!)} AS cx_raw`);
  final.push(`    cx_n`);
  final.push(spec.weight ? `    cx_sw` : `    CASE WHEN cx_status = 'kept' THEN cx_n ELSE 0 END AS cx_sw`);
  final.push(spec.weight ? `    cx_sw2` : `    CASE WHEN cx_status = 'kept' THEN cx_n ELSE 0 END AS cx_sw2`);
  const outer: string[] = [...by.map((c) => `  ${ident(d, c)}`)];
  outer.push(`  cx_period`, `  cx_status`, `  cx_raw`);
  outer.push(`  CAST(SUM(cx_n) AS BIGINT) AS cx_n`);
  outer.push(spec.weight ? `  SUM(cx_sw) AS cx_sw` : `  CAST(SUM(cx_sw) AS BIGINT) AS cx_sw`);
  outer.push(spec.weight ? `  SUM(cx_sw2) AS cx_sw2` : `  CAST(SUM(cx_sw2) AS BIGINT) AS cx_sw2`);
  if (spec.meta) outer.push(`  MAX(${lit(d, spec.meta)}) AS cx_meta`);
  const nGroup = by.length + 3;
  const nGrouped = keys.length + 1;
  return [
    `-- cx score statistics (${d}): counts, Σw and Σw² by ${by.length ? by.join(' × ') + ' × ' : ''}${spec.period ? `${spec.period} × ` : ''}answer (scale ${min}–${max})`,
    `-- (rows grouped by their raw values first; labels, dates and answer texts computed once per distinct value)`,
    'SELECT',
    outer.join(',\n'),
    'FROM (',
    '  SELECT',
    final.join(',\n'),
    '  FROM (',
    '    SELECT',
    grouped.join(',\n'),
    '    FROM (',
    '      SELECT',
    perRow.join(',\n'),
    `      FROM ${spec.from}`,
    '    ) cx_a',
    `    GROUP BY ${Array.from({ length: nGrouped }, (_, i) => i + 1).join(', ')}`,
    '  ) cx_b',
    ') cx_c',
    `GROUP BY ${Array.from({ length: nGroup }, (_, i) => i + 1).join(', ')}`,
    `ORDER BY ${Array.from({ length: nGroup }, (_, i) => i + 1).join(', ')}`,
  ].join('\n');
}
