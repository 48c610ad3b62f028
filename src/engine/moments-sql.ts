// The statistics of key drivers, SERVQUAL and Cronbach's α as SQL (issue 14): moment blocks (metrics/moments.ts)
// and sums/counts of row expressions, in one aggregate query over the source, in the five dialects.
//
// Answers reach the query as numbers through a value map: DuckDB and PostgreSQL first run a census
// (censusSql: each distinct answer text of each column with its count), cx reads every distinct text with
// its own value reader (ingest/values.ts) exactly as the built-in engine does, and the aggregate query maps
// the texts that are not plain numbers (labels, "10分", full-width digits, "don't know" codes, answers off
// the scale) with a CASE; plain numbers are cast. A printed warehouse query (cx sql) has no census: it maps
// the labels cx knows from the dataset or cx.yaml and range-checks the rest.
import { Gen, ident, lit, type ColType, type Dialect } from './sql.js';
import type { WhereNode } from '../dataset/where.js';
import { blockFromSums, type MomentBlock } from '../metrics/moments.js';
import { MISSING_CODES, NOT_APPLICABLE } from '../ingest/values.js';

const VALUES_INFO = { NOT_APPLICABLE, MISSING_CODES };

/** How one source column becomes a number (NULL = not used). */
export interface ValueMap {
  /** Exact answer texts (as the source gives them) with their value or null (missing/unreadable/off-scale). */
  exceptions: Map<string, number | null>;
  /** Range check for texts not in `exceptions` (warehouse queries, where no census ran). */
  range?: { min: number; max: number };
}

/** A numeric column of the source, as the query reads it. */
export interface NumericInput {
  id: string;
  map: ValueMap;
  /** Reverse-scored as (min + max) − x (SERVQUAL's negatively worded items). */
  reverse?: { min: number; max: number };
}

export type Agg =
  /** COUNT and SUM of a row expression (non-NULL rows). */
  | { kind: 'sum'; expr: string }
  /** A moment block over the rows where every expression is non-NULL (and the weight > 0). */
  | { kind: 'block'; exprs: string[]; weight?: string; top?: string[] }
  /** Rows where a condition holds. */
  | { kind: 'count'; cond: string };

export interface MomentsSqlSpec {
  dialect: Dialect;
  from: string;
  types?: (col: string) => ColType;
  inputs: NumericInput[];
  /** Further row expressions over the inputs' aliases (x0, x1, …) and earlier derived names (d0, d1, …). */
  derived: string[][];
  aggs: Agg[];
  /** The weight column (read as a number; missing/negative → the row is left out of weighted blocks). */
  weight?: string;
  meta?: string;
  /** A comment line naming the statistics. */
  title: string;
  /**
   * Inputs (by index) whose answers the query also accounts for, for a warehouse result read back with
   * --from-stats (no census there): result columns cx_st<i>_0…3 count missing, used, unreadable, off-scale.
   */
  account?: number[];
  /** --where, with column ids resolved (rows failing it are not read at all). */
  where?: WhereNode;
  /** Choice label → numeric code of a column, for --where on a coded column. */
  codeOf?: (col: string, label: string) => number | undefined;
}

// A plain decimal number with no spaces: what every dialect's cast reads the same way as JavaScript.
const NUMERIC_RE = /^[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/;

/** What the query's plain cast gives for an answer text (a decimal number, else NULL). */
export function castValue(raw: string): number | null {
  return NUMERIC_RE.test(raw) ? Number(raw) : null;
}

function num(x: number): string {
  return Number.isFinite(x) ? String(x) : 'NULL';
}

/** The number expression of an input (alias-free). */
export function mappedExpr(g: Gen, inp: NumericInput): string {
  const d = g.d;
  const t = g.type(inp.id);
  const c = ident(d, inp.id);
  let e: string;
  if (t === 'num' || t === 'daynum') {
    // Numbers: the census gives the distinct numbers; those to drop are listed (NULL), the rest pass.
    const drop = [...inp.map.exceptions].filter(([, v]) => v === null).map(([k]) => Number(k)).filter(Number.isFinite);
    const x = g.toDouble(c);
    const conds: string[] = [];
    if (drop.length) conds.push(`${x} IN (${drop.map(num).join(', ')})`);
    if (inp.map.range) conds.push(`${x} < ${num(inp.map.range.min)} OR ${x} > ${num(inp.map.range.max)}`);
    e = conds.length ? `CASE WHEN ${conds.map((s) => `(${s})`).join(' OR ')} THEN NULL ELSE ${x} END` : x;
  } else {
    const s = g.text(inp.id);
    const whens = [...inp.map.exceptions].map(([k, v]) => `WHEN ${lit(d, k)} THEN ${v === null ? 'NULL' : num(v)}`);
    let other = g.tryDouble(`TRIM(${s})`);
    if (inp.map.range) other = `CASE WHEN ${other} >= ${num(inp.map.range.min)} AND ${other} <= ${num(inp.map.range.max)} THEN ${other} END`;
    e = whens.length ? `CASE ${s} ${whens.join(' ')} ELSE ${other} END` : other;
  }
  if (inp.reverse) e = `(${num(inp.reverse.min + inp.reverse.max)} - (${e}))`;
  return e;
}

/** "Not applicable" answers and "don't know" codes count as missing, as in the value reader. */
export interface StatusInfo {
  notApplicable: string[];
  codes: number[];
}

/** 0 missing, 1 used, 2 unreadable, 3 off the scale: the accounting of one answer in SQL (warehouse queries). */
export function statusExpr(g: Gen, inp: NumericInput, info: StatusInfo): string {
  const t = g.type(inp.id);
  const c = ident(g.d, inp.id);
  const mapped = mappedExpr(g, { ...inp, reverse: undefined });
  if (t === 'num' || t === 'daynum') {
    const code = info.codes.length ? ` OR ${g.toDouble(c)} IN (${info.codes.map(num).join(', ')})` : '';
    return `CASE WHEN ${c} IS NULL${code} THEN 0 WHEN (${mapped}) IS NOT NULL THEN 1 ELSE 3 END`;
  }
  const s = `TRIM(${g.text(inp.id)})`;
  const na = info.notApplicable.length ? ` OR LOWER(${s}) IN (${info.notApplicable.map((x) => lit(g.d, x)).join(', ')})` : '';
  const code = info.codes.length ? ` OR ${s} IN (${info.codes.map((x) => lit(g.d, String(x))).join(', ')})` : '';
  const known = [...inp.map.exceptions.keys()];
  const label = known.length ? ` AND ${g.text(inp.id)} NOT IN (${known.map((x) => lit(g.d, x)).join(', ')})` : '';
  return `CASE WHEN ${c} IS NULL OR ${s} = ''${na}${code} THEN 0 WHEN (${mapped}) IS NOT NULL THEN 1 WHEN ${g.tryDouble(s)} IS NULL${label} THEN 2 ELSE 3 END`;
}

/**
 * The census: per input column (cx_k = its index), each distinct answer (as text; numbers as DOUBLE in
 * cx_num for numeric columns) with its count. One scan of the source (a cross join with the column indexes).
 * Run by DuckDB and PostgreSQL only (VALUES lists).
 */
export function censusSql(d: Dialect, from: string, cols: string[], types?: (col: string) => ColType, where?: WhereNode, codeOf?: (col: string, label: string) => number | undefined): string {
  const g = new Gen({ dialect: d, from, scale: { min: 0, max: 0 }, question: cols[0] ?? '', types, codeOf });
  const isNum = (c: string) => ['num', 'daynum'].includes(g.type(c));
  const textCase = `CASE cx_k.k ${cols.map((c, i) => (isNum(c) ? '' : `WHEN ${i} THEN ${g.text(c)}`)).filter(Boolean).join(' ')} END`;
  const numCase = `CASE cx_k.k ${cols.map((c, i) => (isNum(c) ? `WHEN ${i} THEN ${g.toDouble(ident(d, c))}` : '')).filter(Boolean).join(' ')} END`;
  const anyText = cols.some((c) => !isNum(c));
  const anyNum = cols.some(isNum);
  const values = `(VALUES ${cols.map((_, i) => `(${i})`).join(', ')}) AS cx_k(k)`;
  return [
    `-- cx census (${d}): distinct answers of ${cols.join(', ')} with their counts`,
    `SELECT cx_col, cx_raw, cx_num, COUNT(*) AS cx_n FROM (`,
    `  SELECT cx_k.k AS cx_col, ${anyText ? textCase : g.str('NULL')} AS cx_raw, ${anyNum ? numCase : g.toDouble('NULL')} AS cx_num`,
    `  FROM (SELECT * FROM ${from}${where ? ` WHERE ${g.where(where)}` : ''}) cx_f CROSS JOIN ${values}`,
    `) cx_c GROUP BY 1, 2, 3 ORDER BY 1, 4 DESC`,
  ].join('\n');
}

/** Names of the result columns of aggregate `a` (index i), in order. */
export function aggColumns(a: Agg, i: number): string[] {
  if (a.kind === 'sum') return [`cx_a${i}_n`, `cx_a${i}_s`];
  if (a.kind === 'count') return [`cx_a${i}_n`];
  const p = a.exprs.length;
  const out = [`cx_a${i}_rows`, `cx_a${i}_n`, `cx_a${i}_sw`];
  for (let j = 0; j < p; j++) out.push(`cx_a${i}_s${j}`, `cx_a${i}_min${j}`, `cx_a${i}_max${j}`);
  for (let j = 0; j < p; j++) for (let k = j; k < p; k++) out.push(`cx_a${i}_c${j}_${k}`);
  (a.top ?? []).forEach((_, j) => out.push(`cx_a${i}_t${j}`));
  return out;
}

/** The aggregate query (one row). */
export function momentsSql(spec: MomentsSqlSpec): string {
  const d = spec.dialect;
  const g = new Gen({ dialect: d, from: spec.from, scale: { min: 0, max: 0 }, question: spec.inputs[0]?.id ?? '', types: spec.types, codeOf: spec.codeOf });
  const base = spec.inputs.map((inp, i) => `    ${mappedExpr(g, inp)} AS x${i}`);
  if (spec.weight) base.push(`    ${g.number(spec.weight)} AS cx_w`);
  const account = spec.account ?? [];
  const { NOT_APPLICABLE, MISSING_CODES } = VALUES_INFO;
  for (const i of account) {
    const inp = spec.inputs[i]!;
    const codes = inp.map.range && !(inp.map.range.min < 0) ? [...MISSING_CODES] : [];
    base.push(`    ${statusExpr(g, inp, { notApplicable: [...NOT_APPLICABLE], codes })} AS cx_s${i}`);
  }
  if (base.length === 0) base.push('    1 AS cx_one');
  let sql = `  SELECT\n${base.join(',\n')}\n  FROM ${spec.from}${spec.where ? `\n  WHERE ${g.where(spec.where)}` : ''}`;
  const names = [...spec.inputs.map((_, i) => `x${i}`), ...(spec.weight ? ['cx_w'] : []), ...account.map((i) => `cx_s${i}`)];
  let di = 0;
  spec.derived.forEach((layer, li) => {
    const cols = [...names.map((n) => `    ${n}`), ...layer.map((e) => `    ${e} AS d${di++}`)];
    for (let k = di - layer.length; k < di; k++) names.push(`d${k}`);
    sql = `  SELECT\n${cols.join(',\n')}\n  FROM (\n${indent(sql)}\n  ) cx_l${li}`;
  });
  const out: string[] = [];
  spec.aggs.forEach((a, i) => {
    const [c0] = aggColumns(a, i);
    if (a.kind === 'sum') {
      out.push(`  COUNT(${a.expr}) AS ${c0}`, `  SUM(${a.expr}) AS cx_a${i}_s`);
    } else if (a.kind === 'count') {
      out.push(`  SUM(CASE WHEN ${a.cond} THEN 1 ELSE 0 END) AS ${c0}`);
    } else {
      const conds = a.exprs.map((e) => `${e} IS NOT NULL`);
      if (a.weight) conds.push(`${a.weight} > 0`);
      const ok = conds.join(' AND ') || 'TRUE';
      const w = a.weight ? `${a.weight} * ` : '';
      out.push(`  COUNT(*) AS cx_a${i}_rows`, `  SUM(CASE WHEN ${ok} THEN 1 ELSE 0 END) AS cx_a${i}_n`, `  SUM(CASE WHEN ${ok} THEN ${a.weight ?? '1'} ELSE 0 END) AS cx_a${i}_sw`);
      a.exprs.forEach((e, j) => {
        out.push(`  SUM(CASE WHEN ${ok} THEN ${w}${e} END) AS cx_a${i}_s${j}`);
        out.push(`  MIN(CASE WHEN ${ok} THEN ${e} END) AS cx_a${i}_min${j}`);
        out.push(`  MAX(CASE WHEN ${ok} THEN ${e} END) AS cx_a${i}_max${j}`);
      });
      for (let j = 0; j < a.exprs.length; j++)
        for (let k = j; k < a.exprs.length; k++) out.push(`  SUM(CASE WHEN ${ok} THEN ${w}${a.exprs[j]} * ${a.exprs[k]} END) AS cx_a${i}_c${j}_${k}`);
      (a.top ?? []).forEach((cond, j) => out.push(`  SUM(CASE WHEN ${ok} AND ${cond} THEN ${a.weight ?? '1'} ELSE 0 END) AS cx_a${i}_t${j}`));
    }
  });
  for (const i of account) for (let k = 0; k < 4; k++) out.push(`  SUM(CASE WHEN cx_s${i} = ${k} THEN 1 ELSE 0 END) AS cx_st${i}_${k}`);
  if (spec.meta) out.push(`  MAX(${lit(d, spec.meta)}) AS cx_meta`);
  return [`-- ${spec.title} (${d})`, 'SELECT', out.join(',\n'), 'FROM (', sql, ') cx_r'].join('\n');
}

function indent(s: string): string {
  return s
    .split('\n')
    .map((l) => '  ' + l)
    .join('\n');
}

/** A result value as a number (NULL sums are 0, NULL min/max NaN). */
export function resultNumber(row: Record<string, unknown>, name: string, empty: number): number {
  const key = name in row ? name : Object.keys(row).find((k) => k.toLowerCase() === name.toLowerCase());
  const v = key === undefined ? undefined : row[key];
  if (v == null || v === '') return empty;
  const x = typeof v === 'bigint' ? Number(v) : Number(v);
  return Number.isFinite(x) ? x : empty;
}

/** The moment block of aggregate `i` in the one result row (vars name its expressions, in order). */
export function blockFromRow(row: Record<string, unknown>, i: number, vars: string[], weighted: boolean): MomentBlock {
  const get = (name: string, empty = 0) => resultNumber(row, name, empty);
  return blockFromSums(vars, {
    rows: get(`cx_a${i}_rows`),
    n: get(`cx_a${i}_n`),
    sw: get(`cx_a${i}_sw`),
    weighted,
    sum: vars.map((_, j) => get(`cx_a${i}_s${j}`)),
    cross: vars.map((_, a) => vars.map((_, b) => get(`cx_a${i}_c${Math.min(a, b)}_${Math.max(a, b)}`))),
    min: vars.map((_, j) => get(`cx_a${i}_min${j}`, NaN)),
    max: vars.map((_, j) => get(`cx_a${i}_max${j}`, NaN)),
  });
}
