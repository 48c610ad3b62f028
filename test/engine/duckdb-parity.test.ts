// Every engine gives the built-in engine's numbers (to 1e-9): DuckDB on a cx dataset, on a plain CSV it
// scans itself, on Parquet, and the duckdb-dialect query's saved result read back with --from-stats.
// Data: the demo exports (fixtures/demo) and a generated messy CSV (blank, non-numeric, off-scale and
// label-style answers, M/D/Y and unreadable dates, bad weights, padded segment names).
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadInput } from '../../src/dataset/load.js';
import { scoreSurvey, type ScoreSpec } from '../../src/metrics/score.js';
import { scoreWithDuckdb } from '../../src/engine/score-engine.js';
import { hasDuckdb } from '../../src/engine/duckdb.js';
import { cx, expectSameScore, messyCsv } from './helpers.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cx-engine-'));
const haveDuck = await hasDuckdb();
if (!haveDuck) console.warn('DuckDB (@duckdb/node-api) is not installed: the DuckDB parity tests are skipped');

const demoDs = path.join(tmp, 'demo-ds');
const messy = path.join(tmp, 'messy.csv');
const messyDs = path.join(tmp, 'messy-ds');
const messyParquet = path.join(tmp, 'messy.parquet');

beforeAll(() => {
  expect(cx(['import', 'fixtures/demo/wave-2026Q2.csv', 'fixtures/demo/wave-2026Q3.csv', '-o', demoDs, '--quiet']).status).toBe(0);
  messyCsv(messy, 3000);
  expect(cx(['import', messy, '-o', messyDs, '--quiet']).status).toBe(0);
  expect(cx(['export', messyDs, '-o', messyParquet, '--quiet']).status).toBe(0);
});

const demoSpecs: ScoreSpec[] = [
  { metric: 'nps' },
  { metric: 'nps', by: ['region'], period: 'week', compare: 'previous' },
  { metric: 'nps', by: ['region', 'plan'], period: 'month', where: 'plan != "Basic" or region in ("East", "华东")' },
  { metric: 'nps', by: ['wave'], compare: 'previous' },
  { metric: 'csat', by: ['plan'], period: 'quarter', compare: 'previous' },
  { metric: 'ces', ces: 'index', period: 'day', where: 'Q1 >= 7 and not (region = "West")' },
];

describe.skipIf(!haveDuck)('--engine duckdb = built-in', () => {
  it.each(demoSpecs.map((s) => [JSON.stringify(s), s] as const))('demo dataset %s', async (_, spec) => {
    const a = scoreSurvey(await loadInput(demoDs), spec);
    const b = await scoreWithDuckdb(demoDs, spec);
    expectSameScore(a, b);
    expect(b.overall.n).toBe(a.overall.n);
  });

  const messySpecs: ScoreSpec[] = [
    { metric: 'nps', by: ['region'], period: 'week', compare: 'previous' },
    { metric: 'nps', weight: 'w', by: ['plan'], period: 'month' },
    { metric: 'csat', scale: { min: 1, max: 5 }, where: 'region != "West" and w > 1', by: ['region', 'plan'] },
    { metric: 'ces', period: 'quarter', where: 'date is not missing' },
  ];
  it.each(messySpecs.map((s) => [JSON.stringify(s), s] as const))('messy CSV, its dataset and its Parquet export %s', async (_, spec) => {
    const a = scoreSurvey(await loadInput(messy), spec);
    expect(a.excluded + a.missing).toBeGreaterThan(0);
    for (const input of [messy, messyDs, messyParquet]) {
      const b = await scoreWithDuckdb(input, spec);
      expectSameScore(a, b);
    }
  });
});

describe.skipIf(!haveDuck)('cx sql --dialect duckdb, run in DuckDB, read back with --from-stats', () => {
  it('prints the same table and JSON as the local run (CSV, JSON and Parquet results)', async () => {
    const args = ['--by', 'region', '--period', 'week', '--where', 'plan != "Team"', '--weight', 'w'];
    const q = cx(['sql', 'score', 'nps', messy, '--dialect', 'duckdb', ...args]);
    expect(q.status, q.stderr).toBe(0);
    const { withDuckdb } = await import('../../src/engine/duckdb.js');
    const files = ['stats.csv', 'stats.json', 'stats.parquet'].map((f) => path.join(tmp, f));
    await withDuckdb(async (con) => {
      for (const f of files) {
        const fmt = f.endsWith('.json') ? "(FORMAT json, ARRAY true)" : f.endsWith('.parquet') ? '(FORMAT parquet)' : '(FORMAT csv, HEADER)';
        await con.run(`COPY (${q.stdout}\n) TO '${f}' ${fmt}`);
      }
    });
    const local = cx(['score', 'nps', messy, ...args, '--json']);
    expect(local.status, local.stderr).toBe(0);
    const localText = cx(['score', 'nps', messy, ...args]).stdout;
    for (const f of files) {
      const r = cx(['score', 'nps', '--from-stats', f, '--json']);
      expect(r.status, r.stderr).toBe(0);
      expectSameScore(JSON.parse(local.stdout), JSON.parse(r.stdout));
    }
    // The same table; only the accounting line under it names rows locally and values from statistics.
    const table = (t: string) => t.split('\n').filter((l) => !/\d+ answered/.test(l)).join('\n');
    expect(table(cx(['score', 'nps', '--from-stats', files[0]!]).stdout)).toBe(table(localText));
    // The wrong metric, or a different --by, is refused (exit 2), naming what the query was made for.
    const wrong = cx(['score', 'csat', '--from-stats', files[0]!]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/for nps, not csat/);
    const by = cx(['score', 'nps', '--from-stats', files[0]!, '--by', 'plan']);
    expect(by.status).toBe(2);
    expect(by.stderr).toMatch(/--by region/);
  });
});

describe.skipIf(!haveDuck)('cx export --format parquet, partitioned by wave', () => {
  it('DuckDB and the hyparquet-writer fallback both write wave=…/data_0.parquet that --engine duckdb scores like the dataset', async () => {
    const viaDuck = path.join(tmp, 'pq-duck');
    const r = cx(['export', demoDs, '--format', 'parquet', '-o', viaDuck, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ writer: 'duckdb', partitionedBy: 'wave', rows: 993 });
    const viaHyparquet = path.join(tmp, 'pq-hyparquet');
    const { writeParquetPartitioned } = await import('../../src/dataset/parquet.js');
    const s = await loadInput(demoDs);
    await writeParquetPartitioned(viaHyparquet, s, s.questions.map((q) => q.id).filter((id) => s.columns.has(id)), 'wave');
    const { readdirSync } = await import('node:fs');
    for (const dir of [viaDuck, viaHyparquet]) {
      expect(readdirSync(dir).sort()).toEqual(['wave=wave-2026Q2', 'wave=wave-2026Q3']);
      const spec: ScoreSpec = { metric: 'nps', question: 'Q1', by: ['wave', 'region'], period: 'month', where: 'plan != "Basic"' };
      const b = await scoreWithDuckdb(dir, spec);
      expect(b.questionLabel).toBe('Q1'); // Parquet carries column names, not question texts
      expectSameScore({ ...scoreSurvey(s, spec), questionLabel: 'Q1' }, b);
    }
    // An existing non-empty folder is not overwritten.
    const again = cx(['export', demoDs, '--format', 'parquet', '-o', viaDuck]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/not an empty folder/);
  });
});

// A day-first export with Windows line endings and a BOM, and dates as people type them: padded with spaces
// on either side, with times, unpadded, ISO among D/M/Y, blank and unreadable. DuckDB reads the date from the
// first ten characters (no TRIM unless the text starts with a space): every row must land in the same period.
describe.skipIf(!haveDuck)('--engine duckdb = built-in on a D/M/Y CSV with spaced dates', () => {
  const dmy = path.join(tmp, 'dmy.csv');
  const dmyDs = path.join(tmp, 'dmy-ds');
  let noDate = 0;
  beforeAll(() => {
    let seed = 7;
    const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const lines = ['id,date,region,nps,w'];
    for (let i = 0; i < 2400; i++) {
      const d = 1 + Math.floor(r() * 28);
      const m = 1 + Math.floor(r() * 12);
      const dd = String(d).padStart(2, '0');
      const mm = String(m).padStart(2, '0');
      const forms = [`${dd}/${mm}/2025`, `${d}/${m}/2025`, `  ${d}/${m}/2025`, `${dd}/${mm}/2025   `, `${d}/${m}/2025 9:05`, `${d}/${m}/2025  10:30`,
        `2025-${mm}-${dd}`, ` 2025-${mm}-${dd} 08:00`, `2025-${mm}-${dd}  `, '', 'soon', ' '];
      const date = forms[Math.floor(r() * forms.length)]!;
      const nps = r() < 0.9 ? String(Math.floor(r() * 11)) : ['', 'x', '12'][Math.floor(r() * 3)]!;
      if (nps !== '' && nps !== 'x' && nps !== '12' && (date.trim() === '' || date === 'soon')) noDate++;
      const region = ['East', 'West', ' North', ''][Math.floor(r() * 4)]!;
      lines.push([`r${i}`, date, region, nps, (0.5 + r()).toFixed(3)].map((c) => (/^\s|\s$/.test(c) ? `"${c}"` : c)).join(','));
    }
    writeFileSync(dmy, '\uFEFF' + lines.join('\r\n') + '\r\n');
    expect(cx(['import', dmy, '-o', dmyDs, '--quiet']).status).toBe(0);
  });
  const specs: ScoreSpec[] = [
    { metric: 'nps', by: ['region'], period: 'week' },
    { metric: 'nps', weight: 'w', period: 'day', where: 'region != "West"' },
    { metric: 'nps', by: ['nps'], period: 'month' }, // grouped by the answer column itself
  ];
  it.each(specs.map((s) => [JSON.stringify(s), s] as const))('%s', async (_, spec) => {
    const a = scoreSurvey(await loadInput(dmy), spec);
    for (const input of [dmy, dmyDs]) expectSameScore(a, await scoreWithDuckdb(input, spec));
  });
  it('reads the dates day-first: 13/02 is a date, and only blank or unreadable dates have no period', async () => {
    const b = await scoreWithDuckdb(dmy, { metric: 'nps', period: 'month' });
    expect(b.noDate).toBe(noDate);
    expect(b.periods!.map((p) => p.period)).toEqual(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`));
  });
});

// A Parquet dataset as DuckDB writes one (DATE dates, DOUBLE answers with NULLs, hive-partitioned by month, as
// bench/gen-parquet.mjs makes the 100M-row one): DuckDB groups by the typed values and makes the texts and
// week labels once per distinct value; the same rows as CSV through the built-in engine give the same numbers.
describe.skipIf(!haveDuck)('--engine duckdb on typed, partitioned Parquet = built-in on the same rows', () => {
  const dir = path.join(tmp, 'pq-typed');
  const csv = path.join(tmp, 'pq-typed.csv');
  beforeAll(async () => {
    const { withDuckdb } = await import('../../src/engine/duckdb.js');
    await withDuckdb(async (con) => {
      await con.run(`CREATE TABLE t AS SELECT
          DATE '2024-12-20' + CAST(hash(i) % 400 AS INTEGER) AS RecordedDate,
          ['East', 'West', '华东', 'North America'][1 + CAST(hash(i + 1) % 4 AS INTEGER)] AS region,
          CASE WHEN hash(i + 3) % 100 < 4 THEN NULL ELSE CAST(hash(i + 4) % 11 AS DOUBLE) END AS NPS,
          0.5 + (hash(i + 5) % 1000) / 500.0 AS weight
        FROM range(6000) r(i)`);
      await con.run(`COPY (SELECT *, strftime(RecordedDate, '%Y-%m') AS month FROM t) TO '${dir}' (FORMAT parquet, PARTITION_BY (month))`);
      await con.run(`COPY t TO '${csv}' (FORMAT csv, HEADER)`);
    });
  });
  const specs: ScoreSpec[] = [
    { metric: 'nps', question: 'NPS', by: ['region'], period: 'week', compare: 'previous' },
    { metric: 'nps', question: 'NPS', weight: 'weight', period: 'quarter', where: 'region != "West"' },
    { metric: 'nps', question: 'NPS', by: ['NPS'], period: 'month' },
  ];
  it.each(specs.map((s) => [JSON.stringify(s), s] as const))('%s', async (_, spec) => {
    const a = scoreSurvey(await loadInput(csv), spec);
    const b = await scoreWithDuckdb(dir, spec);
    expectSameScore({ ...a, questionLabel: b.questionLabel }, b);
    expect(a.missing).toBeGreaterThan(0); // the NULL answers are counted as missing on both sides
  });
});
