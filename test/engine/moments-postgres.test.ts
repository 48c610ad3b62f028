// Key drivers and SERVQUAL with --engine postgres on a real server (the throw-away cluster .ci/run starts,
// named in CX_TEST_PG_URL; skipped without it): the same numbers as the built-in engine to 1e-9, on a text
// table holding the messy answers as a warehouse load gives them and on typed (float8) tables.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadInput } from '../../src/dataset/load.js';
import type { Survey } from '../../src/dataset/types.js';
import { drivers, type SurveyDriversOptions } from '../../src/metrics/drivers.js';
import { servqual, type ServqualOptions } from '../../src/metrics/servqual.js';
import { driversWithEngine } from '../../src/engine/drivers-engine.js';
import { servqualWithEngine } from '../../src/engine/servqual-engine.js';
import { cx, expectSameNumbers, messyDriversCsv } from './helpers.js';

const url = process.env.CX_TEST_PG_URL;
if (!url) console.warn('CX_TEST_PG_URL is not set: PostgreSQL moment tests SKIPPED (run .ci/run, or scripts/pg-test-cluster.sh start)');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cx-pgm-'));
const dCsv = path.join(tmp, 'drivers.csv');
const demoDs = path.join(tmp, 'demo-ds');
const sq = 'fixtures/servqual/servqual_22.csv';
const schemaName = `cx_mtest_${process.pid}`;
type Client = import('pg').Client;
let client: Client;

async function load(table: string, s: Survey, ids: string[], numeric: boolean): Promise<void> {
  const q = (x: string) => '"' + x.replace(/"/g, '""') + '"';
  const cols = ids.map((id) => s.columns.get(id)!);
  await client.query(`CREATE TABLE ${schemaName}.${q(table)} (${ids.map((id, j) => `${q(id)} ${numeric && cols[j]!.kind === 'num' ? 'DOUBLE PRECISION' : 'TEXT'}`).join(', ')})`);
  const per = Math.floor(30000 / ids.length);
  for (let a = 0; a < s.nRows; a += per) {
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (let i = a; i < Math.min(s.nRows, a + per); i++) {
      tuples.push(`(${cols.map((c) => {
        const v = c.kind === 'num' ? (Number.isNaN(c.values[i]!) ? null : numeric ? c.values[i]! : String(c.values[i]!)) : c.values[i] ?? null;
        params.push(v);
        return `$${params.length}`;
      }).join(', ')})`);
    }
    await client.query(`INSERT INTO ${schemaName}.${q(table)} VALUES ${tuples.join(', ')}`, params);
  }
}

/** The raw text of a CSV as a table (what a warehouse load gives): every cell as text, empty = NULL. */
async function rawText(file: string): Promise<Survey> {
  const { readTable } = await import('../../src/ingest/read/index.js');
  const t = await readTable(file);
  const header = t.columns.map((c) => c[0]!);
  return {
    source: [file],
    platform: 'raw',
    questions: header.map((h) => ({ id: h, label: h, type: 'category' as const })),
    columns: new Map(header.map((h, j) => [h, { kind: 'str' as const, values: t.columns[j]!.slice(1).map((v) => (v === '' ? null : v)) }])),
    nRows: t.height - 1,
    log: [],
  };
}

/** cx.yaml's role for a warehouse table: the questions' scales and types as cx recognised them in the export. */
const like = (ref: Survey) => (s: Survey): Survey => ({
  ...s,
  questions: s.questions.map((q) => {
    const r = ref.questions.find((x) => x.id === q.id);
    return r ? { ...q, type: r.type, scale: r.scale, choices: r.choices, values: r.values } : q;
  }),
});

beforeAll(async () => {
  if (!url) return;
  messyDriversCsv(dCsv, 1500);
  expect(cx(['import', 'fixtures/demo/wave-2026Q2.csv', 'fixtures/demo/wave-2026Q3.csv', '-o', demoDs, '--quiet']).status).toBe(0);
  const pg = (await import('pg')).default;
  client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schemaName}`);
  const t = await rawText(dCsv);
  await load('drivers', t, [...t.columns.keys()], false);
  const demo = await loadInput(demoDs);
  await load('demo', demo, ['Q2', 'Q4_1', 'Q4_2', 'Q4_3', 'Q4_4', 'Q4_5'], true);
  const s = await loadInput(sq);
  await load('servqual', s, [...s.columns.keys()], true);
}, 120_000);

afterAll(async () => {
  if (!url || !client) return;
  await client.query(`DROP SCHEMA ${schemaName} CASCADE`).catch(() => undefined);
  await client.end();
});

describe.skipIf(!url)('moments on PostgreSQL = built-in', () => {
  const specs: SurveyDriversOptions[] = [
    { outcome: 'overall', drivers: ['speed', 'price', 'support', 'ease'], allowUnreadable: true },
    { outcome: 'overall', drivers: ['speed', 'price'], weight: 'w', performance: 'top2', allowUnreadable: true },
  ];
  it.each(specs.map((s) => [JSON.stringify(s), s] as const))('drivers on a text table of the messy CSV %s', async (_, spec) => {
    const ref = await loadInput(dCsv);
    const a = drivers(ref, spec);
    const b = await driversWithEngine('postgres', `${schemaName}.drivers`, url, spec, like(ref));
    expectSameNumbers(a, b);
    expect(b.accounting!.map((x) => x.excluded)).toEqual(a.accounting!.map((x) => x.excluded));
  });

  it('drivers on a typed table of the demo dataset', async () => {
    const spec = { outcome: 'Q2', drivers: ['Q4_1', 'Q4_2', 'Q4_3', 'Q4_4', 'Q4_5'] };
    const ref = await loadInput(demoDs);
    const a = drivers(ref, spec);
    const b = await driversWithEngine('postgres', `${schemaName}.demo`, url, spec, like(ref));
    expectSameNumbers(a, b);
  });

  const sqSpecs: [string, ServqualOptions][] = [
    ['point allocations', {}],
    ['reversed items', { reverse: [10, 11, 12, 13] }],
  ];
  it.each(sqSpecs)('SERVQUAL on a typed table, %s', async (_, spec) => {
    const ref = await loadInput(sq);
    const a = servqual(ref, spec);
    const b = await servqualWithEngine('postgres', `${schemaName}.servqual`, url, spec, like(ref));
    expectSameNumbers(a, b);
  });

  it('cx drivers --engine postgres: a missing table is one exit-2 sentence', () => {
    const r = cx(['drivers', 'no_such_table', '--outcome', 'x', '--engine', 'postgres', '--db', url!]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no_such_table: no such table/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
