// From `cx score` flags and a schema (a Survey whose columns may be empty placeholders) to the statistics
// query and the metadata that reads its result back. Shared by `cx sql`, DuckDB and PostgreSQL. Pure.
import type { Survey } from '../dataset/types.js';
import { findDateColumn, findQuestion } from '../dataset/select.js';
import { parseWhere, resolveColumn, type WhereNode } from '../dataset/where.js';
import { detectDayFirst } from '../dataset/period.js';
import { defaultScale, type ScoreSpec } from '../metrics/score.js';
import { inputError } from '../ui/errors.js';
import { scoreStatsSql, type ColType, type Dialect } from './sql.js';
import type { StatsMeta } from './score-stats.js';

export interface ScorePlan {
  sql: string;
  meta: StatsMeta;
  /** Column ids the query reads (question, --by, date, weight, --where columns). */
  columns: string[];
}

export interface PlanOptions {
  dialect: Dialect;
  /** FROM target; `{cols}` is not used: the query names columns by their ids. */
  from: string;
  types?: (id: string) => ColType;
  source: string[];
  /** A column holding period labels computed by cx (instead of the date column). */
  periodColumn?: string;
}

/** Every column a --where tree names, mapped through `f` (resolution to ids). */
export function mapWhere(node: WhereNode, f: (col: string) => string): WhereNode {
  switch (node.type) {
    case 'and':
    case 'or':
      return { ...node, left: mapWhere(node.left, f), right: mapWhere(node.right, f) };
    case 'not':
      return { ...node, expr: mapWhere(node.expr, f) };
    default:
      return { ...node, col: f(node.col) };
  }
}

export function planScore(schema: Survey, spec: ScoreSpec, o: PlanOptions): ScorePlan {
  const metric = spec.metric;
  const q = findQuestion(schema, metric, spec.question);
  const scale = spec.scale ?? defaultScale(metric, q);
  if (metric === 'nps' && spec.scale && (spec.scale.min !== 0 || spec.scale.max !== 10)) {
    throw inputError('NPS is defined on 0–10; --scale applies to csat and ces only.', 'NPS 固定为 0–10 分；--scale 只适用于 csat 和 ces。');
  }
  if (spec.by && (spec.by.length === 0 || spec.by.length > 2)) {
    throw inputError('--by takes one or two columns, e.g. --by region or --by region,plan.', '--by 需要一到两个列，例如 --by region 或 --by region,plan。');
  }
  const by = spec.by?.map((c) => resolveColumn(schema, c.trim(), '--by').id);
  const dateColumn = spec.period ? findDateColumn(schema, spec.date) : undefined;
  const weight = spec.weight ? resolveColumn(schema, spec.weight, '--weight').id : undefined;
  const whereCols: string[] = [];
  const where = spec.where
    ? mapWhere(parseWhere(spec.where), (c) => {
        const id = resolveColumn(schema, c).id;
        whereCols.push(id);
        return id;
      })
    : undefined;
  const dateCol = dateColumn ? schema.columns.get(dateColumn) : undefined;
  // The day/month order recognition decided for the column (a CSV's dates are already ISO in the schema, so
  // its values no longer show it); else from the values. Not needed when cx gives the period labels.
  const dateQ = dateColumn ? schema.questions.find((x) => x.id === dateColumn) : undefined;
  const dayFirst = o.periodColumn
    ? undefined
    : dateQ?.dateFormat === 'dmy' || dateQ?.dateFormat === 'mdy'
      ? dateQ.dateFormat === 'dmy'
      : dateCol && dateCol.kind === 'str' && dateCol.values.length
        ? detectDayFirst(dateCol.values)
        : undefined;
  const meta: StatsMeta = {
    source: o.source,
    question: { id: q.id, label: q.label, type: q.type, scale: q.scale, choices: q.choices, values: q.values },
    scale,
    by,
    dateColumn,
    weightId: weight,
    waveColumn: schema.waveColumn,
    waves: schema.waves,
  };
  const described: StatsDescription = { cx: 'score-stats', version: 1, metric, ...meta, period: spec.period, where: spec.where };
  delete (described as { source?: unknown }).source;
  const sql = scoreStatsSql({
    meta: JSON.stringify(described),
    dialect: o.dialect,
    from: o.from,
    scale,
    question: q.id,
    by,
    period: spec.period,
    date: dateColumn,
    where,
    weight,
    types: o.types,
    dayFirst,
    periodColumn: o.periodColumn,
    codeOf: (col, label) => {
      const ch = schema.questions.find((x) => x.id === col)?.choices?.find((c) => c.label === label);
      return ch && Number.isFinite(Number(ch.code)) ? Number(ch.code) : undefined;
    },
  });
  const columns = [...new Set([q.id, ...(by ?? []), ...(dateColumn ? [dateColumn] : []), ...(weight ? [weight] : []), ...whereCols])];
  return { sql, columns, meta };
}

/** What cx_meta holds: enough to read the result back without repeating the flags. */
export interface StatsDescription extends Omit<StatsMeta, 'source'> {
  cx: 'score-stats';
  version: 1;
  metric: ScoreSpec['metric'];
  period?: ScoreSpec['period'];
  where?: string;
}

/** A schema with only column names (a warehouse table cx has not seen): every name given is a column. */
export function namesSchema(names: string[], source: string): Survey {
  const uniq = [...new Set(names.filter(Boolean))];
  return {
    source: [source],
    platform: 'sql',
    questions: uniq.map((id) => ({ id, label: id, type: 'number' as const })),
    columns: new Map(uniq.map((id) => [id, { kind: 'str' as const, values: [] }])),
    nRows: 0,
    log: [],
  };
}

/** Column names a --where expression mentions (before resolution). */
export function whereNames(expr: string | undefined): string[] {
  if (!expr) return [];
  const out: string[] = [];
  mapWhere(parseWhere(expr), (c) => {
    out.push(c);
    return c;
  });
  return out;
}
