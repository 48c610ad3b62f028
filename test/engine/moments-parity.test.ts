// Key drivers, SERVQUAL and Cronbach's α from moment blocks computed by DuckDB (issue 14) give the built-in
// engine's numbers to 1e-9: on a plain CSV DuckDB scans itself, on a cx dataset and on its Parquet export.
// The messy CSVs carry labels ("非常满意", "5分", full-width digits), "don't know" codes (−99), off-scale and
// unreadable answers, blanks and bad weights, so the census → value map path is exercised, not only numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadInput } from '../../src/dataset/load.js';
import { drivers, type SurveyDriversOptions } from '../../src/metrics/drivers.js';
import { servqual, type ServqualOptions } from '../../src/metrics/servqual.js';
import { momentsOf, blockFromSums, addBlocks, blockCorrelation, blockMeans } from '../../src/metrics/moments.js';
import { alphaFromMoments, cronbachAlpha } from '../../src/metrics/reliability.js';
import { driversWithEngine } from '../../src/engine/drivers-engine.js';
import { servqualWithEngine } from '../../src/engine/servqual-engine.js';
import { hasDuckdb } from '../../src/engine/duckdb.js';
import { cx, expectSameNumbers, messyDriversCsv, rng } from './helpers.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cx-moments-'));
const haveDuck = await hasDuckdb();
if (!haveDuck) console.warn('DuckDB (@duckdb/node-api) is not installed: the DuckDB moment parity tests are skipped');

function messyServqualCsv(file: string, rows: number): void {
  const r = rng(11);
  const head = ['id'];
  for (const s of ['E', 'P', 'A', 'D']) for (let i = 1; i <= 9; i++) head.push(`${s}${i}`);
  const lines = [head.join(',')];
  for (let i = 0; i < rows; i++) {
    const row = [`s${i}`];
    for (let s = 0; s < 4; s++)
      for (let k = 0; k < 9; k++) {
        const u = r();
        row.push(u < 0.9 ? String(1 + Math.floor(r() * 7)) : u < 0.95 ? '' : u < 0.97 ? '-99' : u < 0.985 ? '８' : '9');
      }
    lines.push(row.join(','));
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

const dCsv = path.join(tmp, 'drivers.csv');
const dDs = path.join(tmp, 'drivers-ds');
const dParquet = path.join(tmp, 'drivers.parquet');
const sCsv = path.join(tmp, 'servqual.csv');
const demoDs = path.join(tmp, 'demo-ds');

beforeAll(() => {
  messyDriversCsv(dCsv, 2500);
  messyServqualCsv(sCsv, 400);
  expect(cx(['import', dCsv, '-o', dDs, '--quiet']).status).toBe(0);
  expect(cx(['import', 'fixtures/demo/wave-2026Q2.csv', 'fixtures/demo/wave-2026Q3.csv', '-o', demoDs, '--quiet']).status).toBe(0);
  if (haveDuck) expect(cx(['export', dDs, '-o', dParquet, '--quiet']).status).toBe(0);
});

describe('moment blocks', () => {
  it('raw sums (as an engine returns them) give the same means, correlations and α as the centred built-in block', () => {
    const r = rng(3);
    const cols = [0, 1, 2].map(() => Array.from({ length: 200 }, () => (r() < 0.05 ? NaN : 1 + Math.floor(r() * 7))));
    const b = momentsOf(['a', 'b', 'c'], cols);
    // Raw sums by hand over the complete rows, split in two partitions and added.
    const part = (lo: number, hi: number) => {
      const sum = [0, 0, 0];
      const cross = [0, 1, 2].map(() => [0, 0, 0]);
      const min = [Infinity, Infinity, Infinity];
      const max = [-Infinity, -Infinity, -Infinity];
      let n = 0;
      for (let i = lo; i < hi; i++) {
        const x = cols.map((c) => c[i]!);
        if (!x.every(Number.isFinite)) continue;
        n++;
        x.forEach((v, j) => {
          sum[j]! += v;
          min[j] = Math.min(min[j]!, v);
          max[j] = Math.max(max[j]!, v);
          x.forEach((u, k) => (cross[j]![k]! += v * u));
        });
      }
      return blockFromSums(['a', 'b', 'c'], { rows: hi - lo, n, sw: n, weighted: false, sum, cross, min, max });
    };
    const raw = addBlocks(part(0, 77), part(77, 200));
    expect(raw.n).toBe(b.n);
    expect(raw.rows).toBe(200);
    const close = (x: number[], y: number[]) => x.forEach((v, i) => expect(Math.abs(v - y[i]!)).toBeLessThan(1e-12));
    close(blockMeans(raw), blockMeans(b));
    blockCorrelation(raw).forEach((row, i) => close(row, blockCorrelation(b)[i]!));
    const a1 = alphaFromMoments(raw);
    const a2 = cronbachAlpha(cols[0]!.map((_, i) => cols.map((c) => c[i]!)));
    expect(Math.abs(a1.alpha - a2.alpha)).toBeLessThan(1e-12);
    close(a1.itemRestR, a2.itemRestR);
    close(a1.alphaIfDeleted, a2.alphaIfDeleted);
  });

  it('a constant column has exactly zero variance from raw sums (no rounding residue)', () => {
    const b = blockFromSums(['x', 'y'], { rows: 3, n: 3, sw: 3, weighted: false, sum: [0.3, 6], cross: [[0.03, 0.6], [0.6, 14]], min: [0.1, 1], max: [0.1, 3] });
    expect(blockCorrelation(b)[0]![0]).toBeNaN();
    expect(blockMeans(b)[0]).toBeCloseTo(0.1, 15);
  });
});

const driverSpecs: SurveyDriversOptions[] = [
  { outcome: 'overall' },
  { outcome: 'overall', drivers: ['speed', 'price', 'support'], weight: 'w', performance: 'top2', allowUnreadable: true },
  { outcome: 'overall', drivers: ['ease', 'speed'], performance: 'top2', allowUnreadable: true },
];

describe.skipIf(!haveDuck)('key drivers: --engine duckdb = built-in', () => {
  it.each(driverSpecs.map((s) => [JSON.stringify(s), s] as const))('messy CSV, its dataset and Parquet %s', async (_, spec) => {
    const a = drivers(await loadInput(dCsv), spec);
    expect(a.nonNumeric.length + a.outOfScale.length).toBeGreaterThan(0);
    for (const input of [dCsv, dDs, dParquet]) {
      const s = await loadInput(dCsv);
      const b = await driversWithEngine('duckdb', input, undefined, spec, (x) => (input === dParquet ? { ...x, questions: x.questions.map((q) => ({ ...q, ...s.questions.find((y) => y.id === q.id), type: s.questions.find((y) => y.id === q.id)?.type ?? q.type })) } : x));
      expectSameNumbers(a, b);
      expect(b.n).toBe(a.n);
      expect(b.accounting!.map((x) => x.excluded)).toEqual(a.accounting!.map((x) => x.excluded));
    }
  });

  it('demo dataset (Q2 on every rating)', async () => {
    const spec = { outcome: 'Q2' };
    const a = drivers(await loadInput(demoDs), spec);
    const b = await driversWithEngine('duckdb', demoDs, undefined, spec, (x) => x);
    expectSameNumbers(a, b);
    expect(b.drivers.map((d) => d.driver)).toEqual(a.drivers.map((d) => d.driver));
  });

  it('the CLI prints the same JSON with --engine duckdb', () => {
    const one = cx(['drivers', dDs, '--outcome', 'overall', '--allow-unreadable', '--json']);
    const two = cx(['drivers', dCsv, '--outcome', 'overall', '--allow-unreadable', '--json', '--engine', 'duckdb']);
    expect(one.status).toBe(0);
    expect(two.status, two.stderr).toBe(0);
    expectSameNumbers(JSON.parse(one.stdout), JSON.parse(two.stdout));
  });
});

const servqualSpecs: [string, ServqualOptions][] = [
  ['fixture with point allocations', {}],
  ['fixture, 1988 reversed items', { reverse: [10, 11, 12, 13, 18, 19, 20, 21, 22] }],
  ['fixture, fixed weights', { weights: { tangibles: 10, reliability: 30, responsiveness: 20, assurance: 20, empathy: 20 } }],
];

describe.skipIf(!haveDuck)('SERVQUAL: --engine duckdb = built-in', () => {
  it.each(servqualSpecs)('%s', async (_, spec) => {
    const file = 'fixtures/servqual/servqual_22.csv';
    const a = servqual(await loadInput(file), spec);
    const b = await servqualWithEngine('duckdb', file, undefined, spec, (x) => x);
    expectSameNumbers(a, b);
  });

  it('messy items with zone-of-tolerance columns, codes and full-width digits', async () => {
    const a = servqual(await loadInput(sCsv), { allowUnreadable: true });
    expect(a.accounting.some((x) => x.excluded.outOfScale > 0)).toBe(true);
    expect(a.dimensions[0]!.zone).toBeDefined();
    const b = await servqualWithEngine('duckdb', sCsv, undefined, { allowUnreadable: true }, (x) => x);
    expectSameNumbers(a, b);
  });
});

describe.skipIf(!haveDuck)('the printed query (warehouse path) read back with --from-stats', () => {
  async function runDuck(sql: string): Promise<Record<string, unknown>[]> {
    const { withDuckdb, queryRows } = await import('../../src/engine/duckdb.js');
    return withDuckdb((con) => queryRows(con, sql));
  }

  it('drivers: same estimate as the local run; the accounting comes from the query\'s status counts', async () => {
    const { driversSqlFor } = await import('../../src/engine/drivers-engine.js');
    const spec: SurveyDriversOptions = { outcome: 'overall', drivers: ['speed', 'price', 'support'], weight: 'w', performance: 'top2', allowUnreadable: true };
    const s = await loadInput(dCsv);
    const scan = `(SELECT * FROM read_csv('${dCsv}', all_varchar = true, header = true))`;
    const q = await driversSqlFor('duckdb', scan, s, spec);
    const rows = await runDuck(q.sql);
    expect(rows).toHaveLength(1);
    const f = path.join(tmp, 'drivers-stats.json');
    writeFileSync(f, JSON.stringify(rows));
    const r = cx(['drivers', '--from-stats', f, '--allow-unreadable', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const local = drivers(s, spec);
    const got = JSON.parse(r.stdout);
    // Labels the query was not told about ("5分", full-width digits) are left out in the warehouse and read
    // locally, so the warehouse n is smaller; the accounting says how many were left out and why.
    const sum = (acc: { excluded: { unreadable: number } }[]) => acc.reduce((t, a) => t + a.excluded.unreadable, 0);
    expect(got.n).toBeLessThan(local.n);
    expect(sum(got.accounting)).toBeGreaterThan(sum(local.accounting!));
    for (const [i, a] of got.accounting.entries()) {
      const l = local.accounting![i]!;
      expect(a.question).toBe(l.question);
      expect(a.answered + a.excluded.missing).toBe(l.answered + l.excluded.missing); // every row accounted for
      expect(a.excluded.outOfScale).toBe(l.excluded.outOfScale);
    }
  });

  it('drivers on numbers only: the warehouse result equals the local run to 1e-9', async () => {
    const { driversSqlFor } = await import('../../src/engine/drivers-engine.js');
    const spec: SurveyDriversOptions = { outcome: 'Q2', drivers: ['Q4_1', 'Q4_2', 'Q4_3', 'Q4_4', 'Q4_5'] };
    const s = await loadInput(demoDs);
    const pq = path.join(tmp, 'demo.parquet');
    expect(cx(['export', demoDs, '-o', pq, '--quiet']).status).toBe(0);
    const rows = await runDuck((await driversSqlFor('duckdb', `read_parquet('${pq}')`, s, spec)).sql);
    const f = path.join(tmp, 'demo-drivers.csv');
    const cols = Object.keys(rows[0]!);
    const cell = (v: unknown) => (v == null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
    writeFileSync(f, [cols.join(','), ...rows.map((r) => cols.map((c) => cell(r[c])).join(','))].join('\n') + '\n');
    const r = cx(['drivers', '--from-stats', f, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout);
    expectSameNumbers(JSON.parse(JSON.stringify(drivers(s, spec))), got);
  });

  it('SERVQUAL with point allocations and reversed items: the warehouse result equals the local run', async () => {
    const { servqualSqlFor } = await import('../../src/engine/servqual-engine.js');
    const file = 'fixtures/servqual/servqual_22.csv';
    const s = await loadInput(file);
    const spec: ServqualOptions = { reverse: [10, 11, 12, 13] };
    const rows = await runDuck((await servqualSqlFor('duckdb', `read_csv('${file}', header = true)`, s, spec)).sql);
    const f = path.join(tmp, 'servqual-stats.json');
    writeFileSync(f, JSON.stringify(rows));
    const r = cx(['servqual', '--from-stats', f, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expectSameNumbers(JSON.parse(JSON.stringify(servqual(s, spec))), JSON.parse(r.stdout));
  });

  it('cx sql drivers on a CSV (DuckDB scans the file) → DuckDB → cx drivers --from-stats', async () => {
    const r0 = rng(5);
    const plain = path.join(tmp, 'plain.csv');
    const lines = ['a,b,c,y'];
    for (let i = 0; i < 300; i++) {
      const x = [0, 1, 2].map(() => 1 + Math.floor(r0() * 5));
      lines.push([...x, Math.min(10, Math.max(0, Math.round(x[0]! + x[1]! - x[2]! / 2 + r0() * 3)))].join(','));
    }
    writeFileSync(plain, lines.join('\n') + '\n');
    const q = cx(['sql', 'drivers', plain, '--dialect', 'duckdb', '--outcome', 'y', '--drivers', 'a,b,c']);
    expect(q.status, q.stderr).toBe(0);
    expect(q.stdout).toContain('read_csv(');
    const f = path.join(tmp, 'cli-drivers.json');
    writeFileSync(f, JSON.stringify(await runDuck(q.stdout)));
    const r = cx(['drivers', '--from-stats', f, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const local = cx(['drivers', plain, '--outcome', 'y', '--drivers', 'a,b,c', '--json']);
    expect(local.status, local.stderr).toBe(0);
    expectSameNumbers(JSON.parse(local.stdout), JSON.parse(r.stdout));
  });

  it('a result of another query is one exit-2 sentence', () => {
    const f = path.join(tmp, 'other.json');
    writeFileSync(f, JSON.stringify([{ cx_meta: JSON.stringify({ cx: 'score-stats' }), cx_n: 1 }]));
    const r = cx(['servqual', '--from-stats', f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/not the result of the query `cx sql servqual` prints/);
  });
});

describe('--where on drivers and SERVQUAL', () => {
  it('built-in: the same as the analysis of a file holding only the matching rows (filtered rows are not "excluded")', async () => {
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(dCsv, 'utf8').trimEnd().split('\n');
    // Rows whose weight is a number above 1 (text weights fail the numeric comparison, as in cx score).
    const kept = lines.slice(1).filter((l) => {
      const w = l.split(',').at(-1)!;
      return w.trim() !== '' && Number.isFinite(Number(w)) && Number(w) > 1;
    });
    const sub = path.join(tmp, 'drivers-sub.csv');
    writeFileSync(sub, [lines[0], ...kept].join('\n') + '\n');
    const spec: SurveyDriversOptions = { outcome: 'overall', drivers: ['speed', 'price'], allowUnreadable: true };
    const a = drivers(await loadInput(sub), spec);
    const b = drivers(await loadInput(dCsv), { ...spec, where: 'w > 1' });
    expect(b.n).toBe(a.n);
    expect(b.excluded).toBe(a.excluded);
    expectSameNumbers(a, b);
  });

  it.skipIf(!haveDuck)('DuckDB = built-in with --where (drivers on the CSV and the dataset, SERVQUAL on the fixture)', async () => {
    const spec: SurveyDriversOptions = { outcome: 'overall', drivers: ['speed', 'price', 'ease'], where: 'w > 1 and support >= 3', allowUnreadable: true };
    const a = drivers(await loadInput(dCsv), spec);
    for (const input of [dCsv, dDs]) expectSameNumbers(a, await driversWithEngine('duckdb', input, undefined, spec, (x) => x));
    const file = 'fixtures/servqual/servqual_22.csv';
    const sq = { where: 'resp != 3' };
    const x = servqual(await loadInput(file), sq);
    expect(x.n).toBe(servqual(await loadInput(file)).n - 1);
    expectSameNumbers(x, await servqualWithEngine('duckdb', file, undefined, sq, (s) => s));
  });
});
