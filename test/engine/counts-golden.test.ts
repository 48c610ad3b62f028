// `cx sql kano|tab` for the warehouses cx cannot reach from here: the counts queries are checked against
// golden files reviewed by hand (five dialects); DuckDB and PostgreSQL run them for real in counts-parity
// and counts-postgres. Regenerate after a deliberate change with UPDATE_GOLDEN=1 and review the diff.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { namesSchema, whereNames } from '../../src/engine/plan.js';
import { planKano, planMultiTab, planTab } from '../../src/engine/counts-sql.js';
import { DIALECTS, type Dialect } from '../../src/engine/sql.js';
import type { KanoPairSpec } from '../../src/metrics/kano-pairs.js';

const where = 'plan != "Basic" and (w > 1 or region in ("East", "华东"))';
const features: KanoPairSpec[] = [
  { name: 'Dark mode', functional: 'dark_f', dysfunctional: 'dark_d', importance: 'dark_imp' },
  { name: '在线客服', functional: '在线客服_正向', dysfunctional: '在线客服_反向' },
];
const table = 'analytics.responses';
const kanoSql = (d: Dialect, w: string | undefined = where) =>
  planKano(namesSchema([...features.flatMap((f) => [f.functional, f.dysfunctional, f.importance ?? '']), ...whereNames(w)], table), features, { dialect: d, from: table, source: [table], where: w }).sql;
const tabSql = (d: Dialect, w: string | undefined = where) =>
  planTab(namesSchema(['region', 'plan', ...whereNames(w)], table), 'region', 'plan', { dialect: d, from: table, source: [table], where: w }).sql;

function golden(name: string, sql: string): void {
  const file = path.join(__dirname, 'golden', name);
  const text = sql + '\n';
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, text);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

const multi = { columns: ['channels_1', 'channels_2', 'channels_3'], options: ['App', 'Web', '电话'] };
const multiSql = (d: Dialect) =>
  planMultiTab(namesSchema(['plan', ...multi.columns, ...whereNames(where)], table), 'channels', multi, 'plan', { dialect: d, from: table, source: [table], where }).sql;

describe('cx sql kano / tab golden files', () => {
  it.each(DIALECTS.map((d) => [d]))('kano %s', (d) => golden(`kano-${d}.sql`, kanoSql(d)));
  it.each(DIALECTS.map((d) => [d]))('tab %s', (d) => golden(`tab-${d}.sql`, tabSql(d)));
  it.each(DIALECTS.map((d) => [d]))('multi-select tab %s', (d) => golden(`tab-multi-${d}.sql`, multiSql(d)));
});

describe('counts queries', () => {
  it('Kano: one branch per feature and per importance question, answers as text, one cx_meta describing them', () => {
    const s = kanoSql('bigquery');
    expect(s.match(/UNION ALL/g)).toHaveLength(2);
    expect(s).toContain("SELECT 0 AS cx_feature, 'pair' AS cx_part, CAST(`dark_f` AS STRING) AS cx_a, CAST(`dark_d` AS STRING) AS cx_b FROM cx_src");
    expect(s).toContain("SELECT 0 AS cx_feature, 'importance' AS cx_part, CAST(`dark_imp` AS STRING) AS cx_a, CAST(NULL AS STRING) AS cx_b FROM cx_src");
    expect(s).toContain("SELECT 1 AS cx_feature, 'pair' AS cx_part, CAST(`在线客服_正向` AS STRING)");
    const meta = JSON.parse(/MAX\('(.*)'\) AS cx_meta/.exec(kanoSql('duckdb'))![1]!.replace(/''/g, "'"));
    expect(meta).toMatchObject({ cx: 'kano-stats', version: 1, features, where });
  });
  it('--where becomes a WHERE clause (no filter: none)', () => {
    expect(kanoSql('postgres')).toMatch(/WITH cx_src AS \(\n  SELECT \* FROM analytics\.responses\n  WHERE \(+"plan" IS NULL OR CAST\("plan" AS TEXT\) = ''\)/);
    expect(kanoSql('postgres', '')).not.toContain('WHERE');
    expect(tabSql('snowflake')).toMatch(/\nWHERE \(+plan IS NULL OR CAST\(plan AS VARCHAR\) = ''\)/);
    expect(tabSql('spark', '')).not.toContain('WHERE');
  });
  it('a crosstab groups by the two answers as text, missing ones included', () => {
    const s = tabSql('spark');
    expect(s).toContain('CAST(`region` AS STRING) AS cx_row');
    expect(s).toContain('CAST(`plan` AS STRING) AS cx_col');
    expect(s).toContain('GROUP BY 1, 2');
    expect(s).not.toMatch(/IS NOT NULL/);
  });
  it('a multi-select counts respondents by (column, answered) and the picks of each option flag', () => {
    const s = multiSql('postgres');
    expect(s).toMatch(/CASE WHEN .*"channels_1".* IS NOT NULL OR .*"channels_3".* IS NOT NULL THEN 1 ELSE 0 END AS cx_answered/);
    expect(s).toMatch(/SUM\(CASE WHEN .*"channels_2".* = 1 THEN 1 ELSE 0 END\) AS cx_o1/);
  });
  it('numeric source columns go out as JavaScript prints numbers (3, not 3.0) in DuckDB', () => {
    const s = planTab(namesSchema(['a', 'b'], 't'), 'a', 'b', { dialect: 'duckdb', from: 't', source: ['t'], types: (id) => (id === 'a' ? 'num' : 'str') }).sql;
    expect(s).toContain('CASE WHEN "a" = FLOOR("a") AND ABS("a") < 1e15 THEN CAST(CAST("a" AS BIGINT) AS VARCHAR) ELSE CAST("a" AS VARCHAR) END AS cx_row');
    expect(s).toContain('"b" AS cx_col');
  });
});
