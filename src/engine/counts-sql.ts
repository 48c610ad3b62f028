// The statistics of `cx kano` and `cx tab` as one aggregate SQL query each, in five dialects (DESIGN.md §8),
// and the plans that write them from the command's flags and a schema. Both metrics need only counts of
// answer texts: cx reads each distinct text itself (the Kano answer reader, the value reader, choice labels),
// so DuckDB, PostgreSQL, a warehouse and the built-in store give the same numbers.
//
// Kano result columns: cx_feature (0-based index into the features of cx_meta), cx_part ('pair' |
// 'importance'), cx_a (functional answer, or importance answer, as text; NULL when missing), cx_b
// (dysfunctional answer as text; NULL for importance rows), cx_n, cx_meta.
// Crosstab result columns: cx_row, cx_col (answers as text; NULL when missing), cx_n, cx_meta.
// Rows failing --where are left out (WHERE); neither command has weights.
import type { Survey } from '../dataset/types.js';
import type { QuestionLike } from '../ingest/values.js';
import type { KanoPairSpec } from '../metrics/kano-pairs.js';
import { parseWhere, resolveColumn } from '../dataset/where.js';
import { inputError } from '../ui/errors.js';
import { Gen, lit, type ColType, type Dialect } from './sql.js';
import { mapWhere } from './plan.js';

export interface CountsPlanOptions {
  dialect: Dialect;
  /** The FROM target: a table name (quoted when needed) or a table function / subquery. */
  from: string;
  types?: (id: string) => ColType;
  /** What the user named as input (messages, cx_meta). */
  source: string[];
  where?: string;
}

/** What cx_meta of a Kano statistics query holds. */
export interface KanoStatsMeta {
  cx: 'kano-stats';
  version: 1;
  features: KanoPairSpec[];
  /** Columns whose texts are numbers (typed numeric in the source). */
  numeric: string[];
  /** Importance questions (scale, choices, cx.yaml values) for the value reader. */
  questions: Record<string, QuestionLike>;
  where?: string;
}

/** What cx_meta of a crosstab statistics query holds. */
export interface TabStatsMeta {
  cx: 'tab-stats';
  version: 1;
  rows: AxisMeta;
  cols: AxisMeta;
  where?: string;
}

export interface AxisMeta {
  id: string;
  /** Choice code → label (a coded column), and the choices' order. */
  choices?: { code: string; label: string }[];
  /** A multi-select question (rows only): its option-flag columns (1 = picked) and option labels. */
  multi?: { columns: string[]; options: string[] };
}

export interface CountsPlan<M> {
  sql: string;
  meta: M;
  /** Column ids the query reads. */
  columns: string[];
}

const nullText = (d: Dialect) => `CAST(NULL AS ${d === 'bigquery' || d === 'spark' ? 'STRING' : 'VARCHAR'})`;

function gen(o: CountsPlanOptions, schema: Survey, meta: string): Gen {
  return new Gen({
    dialect: o.dialect,
    from: o.from,
    scale: { min: 0, max: 0 },
    question: '',
    types: o.types,
    meta,
    codeOf: (col, label) => {
      const ch = schema.questions.find((x) => x.id === col)?.choices?.find((c) => c.label === label);
      return ch && Number.isFinite(Number(ch.code)) ? Number(ch.code) : undefined;
    },
  });
}

/**
 * An answer as the built-in store shows it: text columns unchanged (blank stays blank: the estimate decides),
 * numbers as JavaScript prints them (3, not 3.0), so choice codes and Kano codes read the same everywhere.
 */
export function answerText(g: Gen, col: string): string {
  const t = g.type(col);
  const c = g.col(col);
  if (t === 'num') {
    if (g.d === 'duckdb') return `CASE WHEN ${c} = FLOOR(${c}) AND ABS(${c}) < 1e15 THEN CAST(CAST(${c} AS BIGINT) AS VARCHAR) ELSE CAST(${c} AS VARCHAR) END`;
    return g.str(c);
  }
  return g.text(col);
}

function resolveWhere(schema: Survey, expr: string | undefined) {
  const cols: string[] = [];
  const node = expr
    ? mapWhere(parseWhere(expr), (c) => {
        const id = resolveColumn(schema, c).id;
        cols.push(id);
        return id;
      })
    : undefined;
  return { node, cols };
}

/** The Kano statistics query: one UNION ALL branch per feature (and per importance question). */
export function planKano(schema: Survey, features: KanoPairSpec[], o: CountsPlanOptions): CountsPlan<KanoStatsMeta> {
  const w = resolveWhere(schema, o.where);
  const cols = [...new Set(features.flatMap((f) => [f.functional, f.dysfunctional, ...(f.importance ? [f.importance] : [])]))];
  const numeric = cols.filter((id) => o.types?.(id) === 'num');
  const questions: Record<string, QuestionLike> = {};
  for (const f of features) {
    if (!f.importance) continue;
    const q = schema.questions.find((x) => x.id === f.importance);
    questions[f.importance] = q ? { id: q.id, type: q.type, scale: q.scale, choices: q.choices, values: q.values } : { id: f.importance, type: 'number' };
  }
  const meta: KanoStatsMeta = { cx: 'kano-stats', version: 1, features, numeric, questions, ...(o.where ? { where: o.where } : {}) };
  const g = gen(o, schema, JSON.stringify(meta));
  const d = o.dialect;
  const branches: string[] = [];
  features.forEach((f, i) => {
    branches.push(`  SELECT ${i} AS cx_feature, 'pair' AS cx_part, ${answerText(g, f.functional)} AS cx_a, ${answerText(g, f.dysfunctional)} AS cx_b FROM cx_src`);
    if (f.importance) branches.push(`  SELECT ${i} AS cx_feature, 'importance' AS cx_part, ${answerText(g, f.importance)} AS cx_a, ${nullText(d)} AS cx_b FROM cx_src`);
  });
  const sql = [
    `-- cx kano statistics (${d}): counts of (functional, dysfunctional) answer pairs per feature${features.some((f) => f.importance) ? ', and of importance answers' : ''}`,
    `WITH cx_src AS (`,
    `  SELECT * FROM ${o.from}${w.node ? `\n  WHERE ${g.where(w.node)}` : ''}`,
    `)`,
    'SELECT',
    '  cx_feature,',
    '  cx_part,',
    '  cx_a,',
    '  cx_b,',
    '  COUNT(*) AS cx_n,',
    `  MAX(${lit(d, JSON.stringify(meta))}) AS cx_meta`,
    'FROM (',
    branches.join('\n  UNION ALL\n'),
    ') cx_u',
    'GROUP BY 1, 2, 3, 4',
    'ORDER BY 1, 2, 3, 4',
  ].join('\n');
  return { sql, meta, columns: [...new Set([...cols, ...w.cols])] };
}

/** The crosstab statistics query: counts by (row answer, column answer), missing answers included. */
export function planTab(schema: Survey, rows: string, cols: string, o: CountsPlanOptions): CountsPlan<TabStatsMeta> {
  const w = resolveWhere(schema, o.where);
  const r = resolveColumn(schema, rows, '--rows').id;
  const c = resolveColumn(schema, cols, '--cols').id;
  const axis = (id: string): AxisMeta => {
    const q = schema.questions.find((x) => x.id === id);
    return q?.choices ? { id, choices: q.choices.map((ch) => ({ code: ch.code, label: ch.label })) } : { id };
  };
  const meta: TabStatsMeta = { cx: 'tab-stats', version: 1, rows: axis(r), cols: axis(c), ...(o.where ? { where: o.where } : {}) };
  const g = gen(o, schema, JSON.stringify(meta));
  const d = o.dialect;
  const sql = [
    `-- cx tab statistics (${d}): counts by ${r} × ${c} (answers as text, missing included)`,
    'SELECT',
    `  ${answerText(g, r)} AS cx_row,`,
    `  ${answerText(g, c)} AS cx_col,`,
    '  COUNT(*) AS cx_n,',
    `  MAX(${lit(d, JSON.stringify(meta))}) AS cx_meta`,
    `FROM ${o.from}${w.node ? `\nWHERE ${g.where(w.node)}` : ''}`,
    'GROUP BY 1, 2',
    'ORDER BY 1, 2',
  ].join('\n');
  return { sql, meta, columns: [...new Set([r, c, ...w.cols])] };
}

/**
 * The multiple-response crosstab statistics query: respondents by (column answer, answered the question:
 * any option flag present), with the number who picked each option (flag = 1) as cx_o0, cx_o1, ….
 */
export function planMultiTab(schema: Survey, rows: string, multi: { columns: string[]; options: string[] }, cols: string, o: CountsPlanOptions): CountsPlan<TabStatsMeta> {
  const w = resolveWhere(schema, o.where);
  const c = resolveColumn(schema, cols, '--cols').id;
  const q = schema.questions.find((x) => x.id === c);
  const colsMeta: AxisMeta = q?.choices ? { id: c, choices: q.choices.map((ch) => ({ code: ch.code, label: ch.label })) } : { id: c };
  const meta: TabStatsMeta = { cx: 'tab-stats', version: 1, rows: { id: rows, multi }, cols: colsMeta, ...(o.where ? { where: o.where } : {}) };
  const g = gen(o, schema, JSON.stringify(meta));
  const d = o.dialect;
  const answered = multi.columns.map((id) => `${g.number(id)} IS NOT NULL`).join(' OR ');
  const sql = [
    `-- cx tab statistics (${d}): respondents by ${c} × answered ${rows}, and how many picked each of its ${multi.options.length} options`,
    'SELECT',
    `  ${answerText(g, c)} AS cx_col,`,
    `  CASE WHEN ${answered} THEN 1 ELSE 0 END AS cx_answered,`,
    '  COUNT(*) AS cx_n,',
    ...multi.columns.map((id, k) => `  SUM(CASE WHEN ${g.number(id)} = 1 THEN 1 ELSE 0 END) AS cx_o${k},`),
    `  MAX(${lit(d, JSON.stringify(meta))}) AS cx_meta`,
    `FROM ${o.from}${w.node ? `\nWHERE ${g.where(w.node)}` : ''}`,
    'GROUP BY 1, 2',
    'ORDER BY 1, 2',
  ].join('\n');
  return { sql, meta, columns: [...new Set([c, ...multi.columns, ...w.cols])] };
}

/** Result records (a driver's rows or a saved file) → numbers; names matched case-insensitively (CX_N). */
export function recordReader(records: Record<string, unknown>[], source: string, what: string) {
  const names = records.length ? Object.keys(records[0]!) : [];
  const find = (want: string): string => {
    const hit = names.find((n) => n === want) ?? names.find((n) => n.toLowerCase() === want.toLowerCase());
    if (!hit) {
      throw inputError(
        `${source}: no column ${want} in the statistics (columns: ${names.slice(0, 12).join(', ')}); give the result of the query cx sql ${what} prints.`,
        `${source}：统计结果中没有列 ${want}（现有列：${names.slice(0, 12).join('、')}）；请提供 cx sql ${what} 生成的查询结果。`,
      );
    }
    return hit;
  };
  const text = (v: unknown): string | null => (v == null ? null : typeof v === 'string' ? v : String(v));
  const count = (v: unknown, col: string, i: number): number => {
    const x = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : v == null || v === '' ? NaN : Number(v);
    if (!Number.isFinite(x) || x < 0) {
      throw inputError(
        `${source}: row ${i + 1}: ${col} is ${JSON.stringify(String(v))}, not a count; give the query's result unchanged.`,
        `${source}：第 ${i + 1} 行：${col} 为 ${JSON.stringify(String(v))}，不是计数；请提供未经修改的查询结果。`,
      );
    }
    return x;
  };
  return { find, text, count };
}
