// `cx sql drivers|servqual` for the warehouses cx cannot reach from here: golden files reviewed by hand
// (regenerate after a deliberate change with UPDATE_GOLDEN=1 and review the diff); the DuckDB and PostgreSQL
// forms of the same queries run on real engines in moments-parity and moments-postgres.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { namesSchema } from '../../src/engine/plan.js';
import { DIALECTS, type Dialect } from '../../src/engine/sql.js';
import { driversSqlFor } from '../../src/engine/drivers-engine.js';
import { servqualSqlFor } from '../../src/engine/servqual-engine.js';
import { castValue } from '../../src/engine/moments-sql.js';
import type { Survey } from '../../src/dataset/types.js';

/** A warehouse table cx knows through cx.yaml: a 1–5 satisfaction scale with its Chinese labels. */
function schema(): Survey {
  const s = namesSchema(['overall', 'speed', 'price', 'w', 'E1', 'P1', 'E5', 'P5', 'P6'], 'cx.responses');
  for (const q of s.questions) {
    if (['overall', 'speed', 'price'].includes(q.id)) {
      q.type = 'rating';
      q.scale = { min: 1, max: 5, labels: { '1': '非常不满意', '5': '非常满意' } };
    }
    if (/^[EP]\d/.test(q.id)) q.scale = { min: 1, max: 7 };
  }
  s.questions.find((q) => q.id === 'speed')!.values = { 满分: 5 };
  return s;
}

const driversFor = async (d: Dialect) => (await driversSqlFor(d, 'cx.responses', schema(), { outcome: 'overall', drivers: ['speed', 'price'], weight: 'w', performance: 'top2' })).sql;
const items = [
  { expectation: 'E1', perception: 'P1', dimension: 'tangibles', item: 'P1', number: 1 },
  { expectation: 'E5', perception: 'P5', dimension: 'reliability', item: 'P5', number: 5 },
  { perception: 'P6', dimension: 'reliability', item: 'P6', number: 6 },
];
const servqualFor = async (d: Dialect) => (await servqualSqlFor(d, 'cx.responses', schema(), { items, reverse: [5] })).sql;

describe('cx sql drivers / servqual golden files', () => {
  it.each(DIALECTS.flatMap((d) => [['drivers', d] as const, ['servqual', d] as const]))('%s %s', async (kind, d) => {
    const file = path.join(__dirname, 'golden', `${kind}-${d}.sql`);
    const sql = (kind === 'drivers' ? await driversFor(d) : await servqualFor(d)) + '\n';
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, sql);
    expect(sql).toBe(readFileSync(file, 'utf8'));
  });
});

describe('what the printed queries do', () => {
  it('labels cx knows are mapped; plain numbers are range-checked; "don\'t know" codes are missing', async () => {
    const sql = await driversFor('bigquery');
    expect(sql).toContain(`WHEN '非常满意' THEN 5`);
    expect(sql).toContain(`WHEN '满分' THEN 5`);
    expect(sql).toMatch(/SAFE_CAST\(TRIM\(CAST\(`speed` AS STRING\)\) AS FLOAT64\) >= 1 AND .* <= 5/);
    expect(sql).toContain(`WHEN '-99' THEN NULL`);
  });
  it('top-2 box counts the scale maximum and the point below it; weights must be > 0', async () => {
    const sql = await driversFor('snowflake');
    expect(sql).toContain('x0 >= 4');
    expect(sql).toContain('x3 > 0');
  });
  it('reversed SERVQUAL items are (min + max) − x on their scale; the gap is P − E', async () => {
    const sql = await servqualFor('postgres');
    expect(sql).toMatch(/\(8 - \(CASE CAST\("E5" AS TEXT\)/);
    expect(sql).toContain('x3 - x2 AS d1');
  });
  it('the plain cast is trusted only for plain decimal numbers', () => {
    expect(castValue('7')).toBe(7);
    expect(castValue('-0.5')).toBe(-0.5);
    expect(castValue('1e3')).toBe(1000);
    for (const s of [' 7', '7 ', '７', '7分', 'inf', 'NaN', '0x10', '1,5', '']) expect(castValue(s)).toBeNull();
  });
});
