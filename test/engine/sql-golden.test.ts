// `cx sql` for the warehouses cx cannot reach from here (BigQuery, Snowflake, Spark): the query is checked
// against golden files reviewed by hand, and the dialect differences (ISO week, casts, quoting) are
// asserted on their own. DuckDB and PostgreSQL queries are run on the real engines (duckdb-parity,
// postgres tests). Regenerate after a deliberate change with UPDATE_GOLDEN=1 and review the diff.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { namesSchema, planScore, whereNames } from '../../src/engine/plan.js';
import { DIALECTS, ident, lit, type Dialect } from '../../src/engine/sql.js';
import type { ScoreSpec } from '../../src/metrics/score.js';

const where = 'plan != "Basic" and (score >= 0 or channel in ("web", "app")) and note is not missing';
const spec: ScoreSpec = { metric: 'nps', question: 'nps', by: ['region', 'plan'], period: 'week', date: 'created_at', where, weight: 'w' };
const sqlFor = (d: Dialect, s: ScoreSpec = spec) =>
  planScore(namesSchema([s.question!, ...(s.by ?? []), s.date ?? '', s.weight ?? '', ...whereNames(s.where)], 'analytics.responses'), s, {
    dialect: d,
    from: 'analytics.responses',
    source: ['analytics.responses'],
  }).sql;

describe('cx sql golden files', () => {
  it.each(DIALECTS.map((d) => [d]))('%s', (d) => {
    const file = path.join(__dirname, 'golden', `nps-${d}.sql`);
    const sql = sqlFor(d) + '\n';
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, sql);
    expect(sql).toBe(readFileSync(file, 'utf8'));
  });
});

describe('dialect differences', () => {
  it('ISO week labels use each engine\'s ISO week-year and week', () => {
    expect(sqlFor('duckdb')).toContain(`strftime(`);
    expect(sqlFor('duckdb')).toContain(`'%G-W%V')`);
    expect(sqlFor('bigquery')).toContain(`FORMAT_DATE('%G-W%V', `);
    expect(sqlFor('postgres')).toContain(`'IYYY-"W"IW')`);
    expect(sqlFor('snowflake')).toMatch(/YEAROFWEEKISO\(.*'-W'.*LPAD\(TO_VARCHAR\(WEEKISO\(/);
    expect(sqlFor('spark')).toMatch(/EXTRACT\(YEAROFWEEK FROM .*'-W'.*LPAD\(CAST\(WEEKOFYEAR\(/);
  });
  it('text → number casts (weights, numeric filters) return NULL instead of failing; answers go out as text', () => {
    expect(sqlFor('bigquery')).toContain('SAFE_CAST(TRIM(CAST(`w` AS STRING)) AS FLOAT64) AS cx_w');
    expect(sqlFor('snowflake')).toContain('TRY_TO_DOUBLE(TRIM(CAST(w AS VARCHAR))) AS cx_w');
    expect(sqlFor('spark')).toContain('TRY_CAST(TRIM(CAST(`score` AS STRING)) AS DOUBLE) >= 0');
    expect(sqlFor('postgres')).toMatch(/CASE WHEN TRIM\(CAST\("w" AS TEXT\)\) ~ '.*' THEN CAST\(TRIM\(CAST\("w" AS TEXT\)\) AS DOUBLE PRECISION\) END AS cx_w/);
    expect(sqlFor('bigquery')).toContain('CAST(`nps` AS STRING) AS cx_text');
  });
  it('quotes names and literals the way each dialect reads them', () => {
    expect(ident('bigquery', 'Plan type')).toBe('`Plan type`');
    expect(ident('postgres', 'Plan "x"')).toBe('"Plan ""x"""');
    expect(ident('snowflake', 'region')).toBe('region'); // unquoted: matches REGION
    expect(ident('snowflake', 'Plan type')).toBe('"Plan type"');
    expect(ident('snowflake', 'date')).toBe('"date"');
    expect(lit('postgres', `it's \\ok`)).toBe(`'it''s \\ok'`);
    expect(lit('bigquery', `it's \\ok`)).toBe(`'it\\'s \\\\ok'`);
    expect(lit('snowflake', `it's \\ok`)).toBe(`'it''s \\\\ok'`);
  });
  it('periods: month and quarter labels as the built-in store writes them', () => {
    const m = (d: Dialect, period: ScoreSpec['period']) => sqlFor(d, { ...spec, period });
    expect(m('bigquery', 'quarter')).toContain(`FORMAT_DATE('%Y-Q%Q', `);
    expect(m('postgres', 'quarter')).toContain(`'YYYY-"Q"Q')`);
    expect(m('spark', 'month')).toContain(`date_format(`);
    expect(m('snowflake', 'day')).toContain(`'YYYY-MM-DD')`);
  });
  it('an unweighted query sums 1 per answer and has no bad-weight status', () => {
    const s = sqlFor('bigquery', { ...spec, weight: undefined });
    expect(s).toContain('1 AS cx_w');
    expect(s).not.toContain('bad_weight');
  });
});
