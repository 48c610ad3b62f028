// cx kano and cx tab with --engine postgres and `cx sql kano|tab --dialect postgres` on a real server (the
// throw-away cluster of scripts/pg-test-cluster.sh, named in CX_TEST_PG_URL; skipped without it, saying so).
// Same numbers as the built-in engine to 1e-9: a text table loaded from a messy Kano CSV, and a typed table
// (float8 scores) loaded from the demo dataset.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadInput } from '../../src/dataset/load.js';
import { whereMask } from '../../src/dataset/where.js';
import type { Survey } from '../../src/dataset/types.js';
import { kano, kanoFromStats } from '../../src/metrics/kano.js';
import { kanoStatsWithEngine } from '../../src/engine/counts-engine.js';
import { cx } from './helpers.js';
import { expectClose, expectSameKano, messyKanoCsv } from './counts-helpers.js';

const url = process.env.CX_TEST_PG_URL;
if (!url) console.warn('CX_TEST_PG_URL is not set: PostgreSQL kano/tab tests SKIPPED (run .ci/run, or scripts/pg-test-cluster.sh start)');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cx-pg-counts-'));
const messy = path.join(tmp, 'kano-messy.csv');
const demoDs = path.join(tmp, 'demo-ds');
const schemaName = `cx_counts_${process.pid}`;

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
      for (const x of cols) {
        const v = x.col.kind === 'num' ? (Number.isNaN(x.col.values[i]!) ? null : numeric ? x.col.values[i]! : String(x.col.values[i]!)) : x.col.values[i] ?? null;
        params.push(v);
        ph.push(`$${params.length}`);
      }
      tuples.push(`(${ph.join(', ')})`);
    }
    await c.query(`INSERT INTO ${schemaName}.${q(table)} VALUES ${tuples.join(', ')}`, params);
  }
}

beforeAll(async () => {
  if (!url) return;
  messyKanoCsv(messy, 1500, 11);
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
  const kanoCols = demo.questions.map((q) => q.id).filter((id) => /_(functional|dysfunctional)$/.test(id));
  await loadTable(client, 'demo', demo, ['Q1', 'Q2', 'region', 'plan', 'wave', ...kanoCols], true);
}, 120_000);

afterAll(async () => {
  if (!url || !client) return;
  await client.query(`DROP SCHEMA ${schemaName} CASCADE`).catch(() => undefined);
  await client.end();
});

async function local(input: string, where?: string) {
  const s = { ...(await loadInput(input)), source: [input] };
  return kano(s, undefined, { allowUnreadable: true, mask: where ? whereMask(s, where) : undefined });
}
const viaPg = async (table: string, where?: string) =>
  kanoFromStats(await kanoStatsWithEngine(`${schemaName}.${table}`, { engine: 'postgres', db: url, where }, undefined), { allowUnreadable: true });

describe.skipIf(!url)('cx kano / cx tab --engine postgres = built-in', () => {
  it.each([[undefined], ['region = "East" or w > 1']])('kano: text table from the messy CSV, --where %s', async (where) => {
    const a = await local(messy, where);
    expect(a.unrecognised.length).toBeGreaterThan(0);
    expectSameKano(a, await viaPg('messy', where));
  });
  it.each([[undefined], ['Q1 >= 7 and plan != "Basic"']])('kano: typed table from the demo dataset, --where %s', async (where) => {
    const a = await local(demoDs, where);
    expect(a.features.length).toBe(3);
    expectSameKano(a, await viaPg('demo', where));
  });
  it.each([
    ['messy', 'region', 'plan', 'w > 1'],
    ['demo', 'Q2', 'plan', 'Q1 >= 7'],
    ['demo', 'region', 'wave', undefined],
  ])('tab on %s: %s × %s, --where %s (CLI, JSON)', (table, rows, cols, where) => {
    const args = ['--rows', rows!, '--cols', cols!, ...(where ? ['--where', where] : []), '--json'];
    const a = cx(['tab', table === 'messy' ? messy : demoDs, ...args]);
    expect(a.status, a.stderr).toBe(0);
    const b = cx(['tab', `${schemaName}.${table}`, '--engine', 'postgres', '--db', url!, ...args]);
    expect(b.status, b.stderr).toBe(0);
    expectClose(JSON.parse(a.stdout), JSON.parse(b.stdout));
  });
  it('a missing table or column is exit 2 with one sentence', () => {
    const bad = cx(['kano', 'no_such_table', '--engine', 'postgres', '--db', url!]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no_such_table: no such table/);
    const col = cx(['tab', `${schemaName}.demo`, '--engine', 'postgres', '--db', url!, '--rows', 'nope', '--cols', 'plan']);
    expect(col.status).toBe(2);
    expect(col.stderr).toMatch(/nope/);
  });
  it('cx sql kano|tab --dialect postgres run on the server; results read back with --from-stats', async () => {
    const where = ['--where', 'plan != "Team"'];
    const q = cx(['sql', 'kano', messy, '--dialect', 'postgres', '--table', `${schemaName}.messy`, ...where]);
    expect(q.status, q.stderr).toBe(0);
    const f = path.join(tmp, 'pg-kano.json');
    writeFileSync(f, JSON.stringify((await client.query(q.stdout)).rows));
    const r = cx(['kano', '--from-stats', f, '--allow-unreadable', '--json']);
    expect(r.status, r.stderr).toBe(0);
    expectSameKano(JSON.parse(cx(['kano', messy, ...where, '--allow-unreadable', '--json']).stdout), JSON.parse(r.stdout));
    const tabArgs = ['--rows', 'region', '--cols', 'plan', ...where];
    const t = cx(['sql', 'tab', '--dialect', 'postgres', '--table', `${schemaName}.messy`, ...tabArgs]);
    expect(t.status, t.stderr).toBe(0);
    const g = path.join(tmp, 'pg-tab.json');
    writeFileSync(g, JSON.stringify((await client.query(t.stdout)).rows));
    const s = cx(['tab', '--from-stats', g, '--json']);
    expect(s.status, s.stderr).toBe(0);
    expectClose(JSON.parse(cx(['tab', messy, ...tabArgs, '--json']).stdout), JSON.parse(s.stdout));
  });
});
