// Every engine gives the built-in engine's numbers (to 1e-9): DuckDB on a cx dataset, on a plain CSV it
// scans itself, on Parquet, and the duckdb-dialect query's saved result read back with --from-stats.
// Data: the demo exports (fixtures/demo) and a generated messy CSV (blank, non-numeric, off-scale and
// label-style answers, M/D/Y and unreadable dates, bad weights, padded segment names).
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadInput } from '../../src/dataset/load.js';
import { scoreSurvey, type ScoreResult, type ScoreSpec } from '../../src/metrics/score.js';
import { scoreWithDuckdb } from '../../src/engine/score-engine.js';
import { hasDuckdb } from '../../src/engine/duckdb.js';

const root = path.resolve(__dirname, '../..');
const cx = (args: string[]) => spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cx-engine-'));
const haveDuck = await hasDuckdb();
if (!haveDuck) console.warn('DuckDB (@duckdb/node-api) is not installed: the DuckDB parity tests are skipped');

/** Compares the numbers and labels of two results (row numbers of excluded answers are built-in only). */
export function expectSameScore(a: ScoreResult, b: ScoreResult, tol = 1e-9): void {
  const walk = (x: unknown, y: unknown, p: string): void => {
    if (typeof x === 'number' && typeof y === 'number') {
      if (Number.isNaN(x)) expect(Number.isNaN(y), p).toBe(true);
      else expect(Math.abs(x - y), `${p}: ${x} vs ${y}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(x)));
      return;
    }
    if (x && typeof x === 'object') {
      expect(y && typeof y === 'object', p).toBeTruthy();
      const keys = new Set([...Object.keys(x), ...Object.keys(y as object)]);
      for (const k of keys) {
        if (p === '' && (k === 'warnings' || k === 'exclusions' || k === 'rows')) continue;
        walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${p}.${k}`);
      }
      return;
    }
    expect(y, p).toEqual(x);
  };
  walk(a, b, '');
  expect(b.exclusions.notNumeric).toBe(a.exclusions.notNumeric);
  expect(b.exclusions.outOfScale).toBe(a.exclusions.outOfScale);
  expect(b.exclusions.badWeight).toBe(a.exclusions.badWeight);
}

// mulberry32
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function messyCsv(file: string, rows: number): void {
  const r = rng(42);
  const pick = <T,>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const lines = ['id,date,region,plan,nps,csat,ces,w'];
  for (let i = 0; i < rows; i++) {
    const day = 1 + Math.floor(r() * 27);
    const m = 1 + Math.floor(r() * 12);
    const dd = String(day).padStart(2, '0');
    const mm = String(m).padStart(2, '0');
    const date = r() < 0.9 ? (r() < 0.5 ? `2025-${mm}-${dd}` : `2025-${mm}-${dd} 13:45:00`) : r() < 0.5 ? `${m}/${day}/2025` : r() < 0.5 ? '' : 'soon';
    const u = r();
    const nps = u < 0.85 ? String(Math.floor(r() * 11)) : pick(['', 'N/A', '11', '7.5', '10 - Extremely likely', ' 9 ', '-1', '0 - Not at all likely']);
    const csat = r() < 0.9 ? String(1 + Math.floor(r() * 5)) : pick(['', '6', 'x']);
    const ces = r() < 0.9 ? String(1 + Math.floor(r() * 7)) : '';
    const w = r() < 0.95 ? (0.5 + r() * 2).toFixed(3) : pick(['', '-1', 'abc']);
    const region = pick(['East', 'West', ' East', '华东', '', 'North']);
    lines.push([`r${i}`, date, region, pick(['Basic', 'Pro', 'Team']), nps, csat, ces, w].map((s) => (/[",]/.test(s) ? `"${s}"` : s)).join(','));
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

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
    { metric: 'csat', where: 'region != "West" and w > 1', by: ['region', 'plan'] },
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
    expect(cx(['score', 'nps', '--from-stats', files[0]!]).stdout).toBe(localText);
    // The wrong metric, or a different --by, is refused (exit 2), naming what the query was made for.
    const wrong = cx(['score', 'csat', '--from-stats', files[0]!]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/for nps, not csat/);
    const by = cx(['score', 'nps', '--from-stats', files[0]!, '--by', 'plan']);
    expect(by.status).toBe(2);
    expect(by.stderr).toMatch(/--by region/);
  });
});
