// --engine postgres and `cx sql --dialect postgres` on a real server: the throw-away cluster `.ci/run`
// starts (scripts/pg-test-cluster.sh) and names in CX_TEST_PG_URL. Without it these tests are skipped,
// saying so. Same numbers as the built-in engine to 1e-9, on a text-typed table loaded from a messy CSV
// and on a typed table (float8 scores) loaded from the demo dataset.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadInput } from '../../src/dataset/load.js';
import { scoreSurvey, type ScoreSpec } from '../../src/metrics/score.js';
import type { Survey } from '../../src/dataset/types.js';
import { cx, expectSameScore, messyCsv } from './helpers.js';

const url = process.env.CX_TEST_PG_URL;
if (!url) console.warn('CX_TEST_PG_URL is not set: PostgreSQL engine tests SKIPPED (run .ci/run, or scripts/pg-test-cluster.sh start)');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cx-pg-'));
const messy = path.join(tmp, 'messy.csv');
const demoDs = path.join(tmp, 'demo-ds');
const schemaName = `cx_test_${process.pid}`;

type Client = import('pg').Client;
let client: Client;

async function loadTable(c: Client, table: string, s: Survey, ids: string[], numeric: boolean): Promise<void> {
  const q = (x: string) => '"' + x.replace(/"/g, '""') + '"';
  const cols = ids.map((id) => ({ id, col: s.columns.get(id)! }));
  const typeOf = (k: 'num' | 'str') => (numeric && k === 'num' ? 'DOUBLE PRECISION' : 'TEXT');
  await c.query(`CREATE TABLE ${schemaName}.${q(table)} (${cols.map((x) => `${q(x.id)} ${typeOf(x.col.kind)}`).join(', ')})`);
  const per = Math.floor(60000 / cols.length);
  for (let a = 0; a < s.nRows; a += per) {
    const b = Math.min(s.nRows, a + per);
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (let i = a; i < b; i++) {
      const ph: string[] = [];
      for (const c of cols) {
        params.push(valueAt(c.col, i));
        ph.push(`$${params.length}`);
      }
      tuples.push(`(${ph.join(', ')})`);
    }
    await c.query(`INSERT INTO ${schemaName}.${q(table)} VALUES ${tuples.join(', ')}`, params);
  }
  function valueAt(col: Survey['columns'] extends Map<string, infer C> ? C : never, i: number): unknown {
    if (col.kind === 'num') {
      const v = col.values[i]!;
      return Number.isNaN(v) ? null : numeric ? v : String(v);
    }
    return col.values[i] ?? null;
  }
}

beforeAll(async () => {
  if (!url) return;
  messyCsv(messy, 1500);
  expect(cx(['import', 'fixtures/demo/wave-2026Q2.csv', 'fixtures/demo/wave-2026Q3.csv', '-o', demoDs, '--quiet']).status).toBe(0);
  const pg = (await import('pg')).default;
  client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schemaName}`);
  // The messy CSV as the raw text a warehouse load would give (blank = NULL only when the CSV cell is empty).
  const { readTable } = await import('../../src/ingest/read/index.js');
  const t = await readTable(messy);
  const header = t.columns.map((c) => c[0]!);
  const text: Survey = {
    source: [messy],
    platform: 'raw',
    questions: header.map((h) => ({ id: h, label: h, type: 'category' as const })),
    columns: new Map(header.map((h, j) => [h, { kind: 'str' as const, values: t.columns[j]!.slice(1).map((v) => (v === '' ? null : v)) }])),
    nRows: t.height - 1,
    log: [],
  };
  await loadTable(client, 'messy', text, header, false);
  const demo = await loadInput(demoDs);
  await loadTable(client, 'demo', demo, ['Q1', 'Q2', 'Q3', 'RecordedDate', 'region', 'plan', 'wave'], true);
}, 120_000);

afterAll(async () => {
  if (!url || !client) return;
  await client.query(`DROP SCHEMA ${schemaName} CASCADE`).catch(() => undefined);
  await client.end();
});

describe.skipIf(!url)('--engine postgres = built-in', () => {
  const messySpecs: ScoreSpec[] = [
    { metric: 'nps', by: ['region'], period: 'week', compare: 'previous' },
    { metric: 'nps', weight: 'w', by: ['plan'], period: 'month' },
    { metric: 'csat', scale: { min: 1, max: 5 }, where: 'region != "West" and w > 1', by: ['region', 'plan'], period: 'quarter' },
  ];
  it.each(messySpecs.map((s) => [JSON.stringify(s), s] as const))('text table from the messy CSV %s', async (_, spec) => {
    const { scoreWithPostgres } = await import('../../src/engine/postgres.js');
    const a = scoreSurvey(await loadInput(messy), spec);
    const b = await scoreWithPostgres(url!, `${schemaName}.messy`, spec);
    expectSameScore(a, b);
  });
  const demoSpecs: ScoreSpec[] = [
    { metric: 'nps', question: 'Q1', by: ['region'], period: 'week', date: 'RecordedDate', compare: 'previous' },
    { metric: 'csat', question: 'Q2', by: ['plan'], where: 'Q1 >= 7 and region in ("East", "华东")' },
    { metric: 'ces', question: 'Q3', ces: 'agree', scale: { min: 1, max: 7 }, period: 'month', date: 'RecordedDate' },
  ];
  it.each(demoSpecs.map((s) => [JSON.stringify(s), s] as const))('typed table from the demo dataset %s', async (_, spec) => {
    const { scoreWithPostgres } = await import('../../src/engine/postgres.js');
    const a = scoreSurvey(await loadInput(demoDs), spec);
    const b = await scoreWithPostgres(url!, `${schemaName}.demo`, spec);
    expectSameScore({ ...a, questionLabel: b.questionLabel }, b); // a table has column names, not question texts
  });

  it('cx score --engine postgres --db prints the same JSON as the local run; a bad table is exit 2', () => {
    const args = ['--by', 'region', '--period', 'week', '--where', 'plan != "Team"'];
    const local = cx(['score', 'nps', messy, ...args, '--json']);
    const r = cx(['score', 'nps', `${schemaName}.messy`, '--engine', 'postgres', '--db', url!, '--question', 'nps', '--date', 'date', ...args, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expectSameScore(JSON.parse(local.stdout), JSON.parse(r.stdout));
    const bad = cx(['score', 'nps', 'no_such_table', '--engine', 'postgres', '--db', url!]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no_such_table: no such table/);
  });

  it('cx sql --dialect postgres runs on the server; its result read back with --from-stats', async () => {
    const args = ['--question', 'nps', '--by', 'region,plan', '--period', 'month', '--date', 'date', '--where', 'w >= 1 or region is missing', '--weight', 'w'];
    const q = cx(['sql', 'score', 'nps', '--dialect', 'postgres', '--table', `${schemaName}.messy`, ...args]);
    expect(q.status, q.stderr).toBe(0);
    const rows = (await client.query(q.stdout)).rows;
    const f = path.join(tmp, 'pg-stats.json');
    writeFileSync(f, JSON.stringify(rows));
    const fromStats = cx(['score', 'nps', '--from-stats', f, '--json']);
    expect(fromStats.status, fromStats.stderr).toBe(0);
    const local = cx(['score', 'nps', messy, ...args, '--json']);
    expectSameScore(JSON.parse(local.stdout), JSON.parse(fromStats.stdout));
  });
});
