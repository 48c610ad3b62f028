// The bench data (bench/gen-survey.mjs: Chinese and English regions, comments with embedded newlines,
// missing answers) at 20,000 rows: every engine gives the built-in numbers to 1e-9 for the benchmark's
// task (NPS by region × ISO week), CSAT by plan × month, and key drivers on its eight driver ratings.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadInput } from '../../src/dataset/load.js';
import { scoreSurvey, type ScoreSpec } from '../../src/metrics/score.js';
import { drivers } from '../../src/metrics/drivers.js';
import { scoreWithDuckdb } from '../../src/engine/score-engine.js';
import { driversWithEngine } from '../../src/engine/drivers-engine.js';
import { hasDuckdb } from '../../src/engine/duckdb.js';
import { cx, expectSameNumbers, expectSameScore } from './helpers.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cx-bench-parity-'));
const csv = path.join(tmp, 'survey.csv');
const ds = path.join(tmp, 'ds');
const haveDuck = await hasDuckdb();

beforeAll(() => {
  const g = spawnSync(process.execPath, [path.resolve(__dirname, '../../bench/gen-survey.mjs'), csv, '20000'], { encoding: 'utf8' });
  expect(g.status, g.stderr).toBe(0);
  expect(cx(['import', csv, '-o', ds, '--quiet']).status).toBe(0);
}, 120_000);

describe.skipIf(!haveDuck)('bench data: --engine duckdb = built-in', () => {
  const specs: ScoreSpec[] = [
    { metric: 'nps', by: ['region'], period: 'week' },
    { metric: 'csat', by: ['plan'], period: 'month', compare: 'previous' },
  ];
  it.each(specs.map((s) => [JSON.stringify(s), s] as const))('score %s on the CSV and on the dataset', async (_, spec) => {
    const a = scoreSurvey(await loadInput(ds), spec);
    expect(a.overall.n).toBeGreaterThan(15000);
    for (const input of [csv, ds]) expectSameScore(a, await scoreWithDuckdb(input, spec));
  });

  it('key drivers of CSAT on the eight driver ratings', async () => {
    const names = ['ease', 'speed', 'price', 'support', 'reliability', 'features', 'docs', 'onboarding'].map((d) => `driver_${d}`);
    const spec = { outcome: 'CSAT', drivers: names };
    const a = drivers(await loadInput(ds), spec);
    expect(a.n).toBeGreaterThan(5000); // listwise over nine columns with missing answers
    expectSameNumbers(a, await driversWithEngine('duckdb', csv, undefined, spec, (s) => s));
  });
});
