// cx kano and cx tab from counts: the built-in store and DuckDB give the same numbers (to 1e-9) on the demo
// dataset, on a messy plain CSV that DuckDB scans itself, on its dataset and on its Parquet export; the
// duckdb-dialect query's saved result read back with --from-stats prints the local table and JSON; a small
// fixture's Kano classification is checked against a hand computation.
import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadInput } from '../../src/dataset/load.js';
import { whereMask } from '../../src/dataset/where.js';
import { kano, kanoFromStats, type KanoResult } from '../../src/metrics/kano.js';
import { kanoStatsWithEngine } from '../../src/engine/counts-engine.js';
import { hasDuckdb } from '../../src/engine/duckdb.js';
import { cx } from './helpers.js';
import { alignRows, expectClose, expectSameKano, messyKanoCsv } from './counts-helpers.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'cx-counts-'));
const haveDuck = await hasDuckdb();
if (!haveDuck) console.warn('DuckDB (@duckdb/node-api) is not installed: the kano/tab DuckDB parity tests are skipped');

const demoDs = path.join(tmp, 'demo-ds');
const messy = path.join(tmp, 'kano-messy.csv');
const messyDs = path.join(tmp, 'kano-messy-ds');
const messyParquet = path.join(tmp, 'kano-messy.parquet');
const small = path.join(tmp, 'kano-small.csv');
const wjx = path.join(tmp, 'wjx-multi.csv');

/** A 问卷星 export with a ┋-joined multi-select (Q3), a membership level (Q4) and blanks. */
function wjxCsv(file: string, rows: number): void {
  let seed = 5;
  const r = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const opts = ['下单', '配送', '评价', '其他〖会员积分〗'];
  const lines = ['序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、您所在的城市是？,2、您向朋友推荐我们的可能性有多大？,3、您使用过哪些功能？,4、您的会员等级是？'];
  for (let i = 1; i <= rows; i++) {
    const picks = opts.filter(() => r() < 0.45);
    const q3 = r() < 0.1 ? '' : (picks.length ? picks : [opts[0]!]).join('┋');
    const q4 = r() < 0.05 ? '' : ['普通', '银卡', '金卡'][Math.floor(r() * 3)]!;
    const d = String(1 + (i % 28)).padStart(2, '0');
    lines.push([i, `2026/03/${d} 10:01:00`, '100秒', '手机提交', '直接访问', `203.0.113.${i % 250}(上海-上海)`, ['上海', '北京', '广州'][i % 3], i % 11, q3, q4].join(','));
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

beforeAll(() => {
  messyKanoCsv(messy, 2000);
  wjxCsv(wjx, 400);
  // Hand-computed below: r1 O, r2 A, r3 M, r4 A; r5 unreadable functional (incomplete); r6 blank; r7 only one answer.
  writeFileSync(
    small,
    [
      'id,region,Dark mode_functional,Dark mode_dysfunctional,Dark mode_importance',
      '1,East,I like it,I dislike it,9',
      '2,华东,我很喜欢,无所谓,8',
      '3,East,理应如此,5,10分',
      '4,West,1. 我很喜欢,I can live with it,',
      '5,East,sort of,I dislike it,N/A',
      '6,West,,,6',
      '7,华东,,我很不喜欢,非常重要',
    ].join('\n') + '\n',
  );
  if (!haveDuck) return;
  expect(cx(['import', 'fixtures/demo/wave-2026Q2.csv', 'fixtures/demo/wave-2026Q3.csv', '-o', demoDs, '--quiet']).status).toBe(0);
  expect(cx(['import', messy, '-o', messyDs, '--quiet']).status).toBe(0);
  expect(cx(['export', messyDs, '-o', messyParquet, '--quiet']).status).toBe(0);
});

async function local(input: string, where?: string): Promise<KanoResult> {
  const s = { ...(await loadInput(input)), source: [input] };
  return kano(s, undefined, { allowUnreadable: true, mask: where ? whereMask(s, where) : undefined });
}
const viaDuck = async (input: string, where?: string) => kanoFromStats(await kanoStatsWithEngine(input, { engine: 'duckdb', where }, undefined), { allowUnreadable: true });

describe('Kano by hand (7 respondents)', () => {
  it('A/O/M counts, Better/Worse, category, DuMouchel means and SDs, importance, accounting', async () => {
    const r = await local(small);
    const f = r.features[0]!;
    expect(f.feature).toBe('Dark mode');
    // r1 (like, dislike) O; r2 (like, neutral) A; r3 (must-be, 5 dislike) M; r4 (1 like, live-with) A.
    expect(f.counts).toEqual({ A: 2, O: 1, M: 1, I: 0, R: 0, Q: 0 });
    expect(f.n).toBe(4);
    expect(f.better).toBe(3 / 4); // (A + O) / (A + O + M + I)
    expect(f.worse).toBe(-2 / 4); // −(O + M) / (A + O + M + I)
    expect(f.category).toBe('A'); // A 2 vs M 1: CS = 1/4 ≥ 6%
    expect(f.categoryStrength).toBe(1 / 4);
    expect(f.totalStrength).toBe(1);
    // functional scores 4, 4, 2, 4 → 3.5, SD √(3/3) = 1; dysfunctional 4, 0, 4, 2 → 2.5, SD √(11/3)
    expect(f.functional).toBe(3.5);
    expect(f.functionalSd).toBe(1);
    expect(f.dysfunctional).toBe(2.5);
    expect(Math.abs(f.dysfunctionalSd - Math.sqrt(11 / 3))).toBeLessThan(1e-15);
    expect(f.incomplete).toBe(2); // r5 (unreadable functional), r7 (blank functional)
    expect(f.unrecognised).toBe(1);
    // importance 9, 8, 10分, 6 (blank and N/A missing; 非常重要 unreadable) → 33/4
    expect(f.importance).toEqual({ n: 4, mean: 8.25 });
    const fa = r.accounting.find((a) => a.question === 'Dark mode_functional')!;
    expect(fa).toMatchObject({ answered: 5, used: 4, excluded: { missing: 2, unreadable: 1, outOfScale: 0 } });
    expect(fa.examples.unreadable).toEqual([{ row: 5, value: 'sort of' }]);
    const ia = r.accounting.find((a) => a.question === 'Dark mode_importance')!;
    expect(ia).toMatchObject({ answered: 5, used: 4, excluded: { missing: 2, unreadable: 1, outOfScale: 0 } });
    expect(r.unrecognised).toEqual([{ column: 'Dark mode_functional', rows: [5], values: ['sort of'], count: 1 }]);
    // --where keeps rows 1, 3, 5 (East): O, M; r5 incomplete
    const east = await local(small, 'region = "East"');
    expect(east.features[0]!.counts).toEqual({ A: 0, O: 1, M: 1, I: 0, R: 0, Q: 0 });
    expect(east.features[0]!.importance).toEqual({ n: 2, mean: 9.5 });
  });
  it.skipIf(!haveDuck)('DuckDB gives the same, with values instead of row numbers', async () => {
    const b = await viaDuck(small);
    expectSameKano(await local(small), b);
    expect(b.unrecognised).toEqual([{ column: 'Dark mode_functional', rows: [], values: ['sort of'], count: 1 }]);
    expect(b.accounting[0]!.examples.unreadable).toEqual([{ row: 0, value: 'sort of' }]);
    expectSameKano(await local(small, 'region = "East"'), await viaDuck(small, 'region = "East"'));
  });
});

describe.skipIf(!haveDuck)('cx kano --engine duckdb = built-in', () => {
  it.each([[undefined], ['plan != "Basic" and region in ("East", "华东")'], ['Q1 >= 7']])('demo dataset, --where %s', async (where) => {
    const a = await local(demoDs, where);
    expect(a.features.length).toBe(3);
    expectSameKano(a, await viaDuck(demoDs, where));
  });
  it.each([[undefined], ['region = "East" or w > 1'], ['plan != "Team" and region is not missing']])('messy CSV, its dataset and Parquet export, --where %s', async (where) => {
    const a = await local(messy, where);
    expect(a.features.map((f) => f.feature)).toEqual(['Dark mode', '在线客服', 'chat']);
    expect(a.unrecognised.length).toBeGreaterThan(0);
    expect(a.features[0]!.importance!.n).toBeGreaterThan(0);
    for (const input of [messy, messyDs, messyParquet]) expectSameKano(a, await viaDuck(input, where));
  });
});

describe.skipIf(!haveDuck)('cx tab --engine duckdb = built-in', () => {
  const tab = (args: string[]) => {
    const r = cx(['tab', ...args, '--json']);
    expect(r.status, r.stderr).toBe(0);
    return { json: JSON.parse(r.stdout), stderr: r.stderr };
  };
  it.each([
    ['region', 'plan', undefined],
    ['dark_mode_functional', 'region', 'Q1 >= 9'],
    ['Q2', 'wave', 'plan != "Basic"'],
    ['plan', 'Q1_NPS_GROUP', undefined],
  ])('demo dataset: %s × %s, --where %s', (rows, cols, where) => {
    const args = [demoDs, '--rows', rows, '--cols', cols, ...(where ? ['--where', where] : [])];
    const a = tab(args);
    const b = tab([...args, '--engine', 'duckdb']);
    expectClose(a.json, b.json);
    expect(b.stderr).toBe(a.stderr);
  });
  it.each([
    ['region', 'plan', undefined],
    ['Dark mode_functional', 'region', 'w > 1'],
    ['chat_func', 'plan', 'region != "West"'],
  ])('messy CSV, its dataset and Parquet export: %s × %s, --where %s', (rows, cols, where) => {
    const args = ['--rows', rows, '--cols', cols, ...(where ? ['--where', where] : [])];
    const a = tab([messy, ...args]);
    expect(a.json.missing).toBeGreaterThan(0);
    // Parquet keeps column names, not choice labels: its coded answers ("1") stay codes, so it is compared only
    // on columns without choices.
    for (const input of [messy, messyDs, ...(rows === 'region' ? [messyParquet] : [])]) {
      const b = tab([input, ...args, '--engine', 'duckdb']).json;
      // Answers outside the question's choices (" 2 ", "sort of"): first-seen order locally, text order from SQL.
      expect([...b.rowLevels].sort()).toEqual([...a.json.rowLevels].sort());
      expectClose(a.json, alignRows(b, a.json));
    }
  });
  it('a multi-select (问卷星 ┋ answers split into option flags): options as rows, respondents as the base, same as built-in', async () => {
    const ds = path.join(tmp, 'wjx-ds');
    expect(cx(['import', wjx, '-o', ds, '--quiet']).status).toBe(0);
    for (const where of [[], ['--where', 'Q4 != "普通" and Q2 >= 3']]) {
      const args = [ds, '--rows', 'Q3', '--cols', 'Q4', ...where, '--json'];
      const a = cx(['tab', ...args]);
      expect(a.status, a.stderr).toBe(0);
      const j = JSON.parse(a.stdout);
      expect(j.kind).toBe('multi-response');
      expect(j.missing).toBeGreaterThan(0);
      const b = cx(['tab', ...args, '--engine', 'duckdb']);
      expect(b.status, b.stderr).toBe(0);
      expectClose(j, JSON.parse(b.stdout));
    }
    // The query's saved result gives the same table.
    const q = cx(['sql', 'tab', ds, '--rows', 'Q3', '--cols', 'Q4', '--dialect', 'duckdb', '--table', 'cx_wjx']);
    expect(q.status, q.stderr).toBe(0);
    const { withDuckdb } = await import('../../src/engine/duckdb.js');
    const f = path.join(tmp, 'multi-stats.csv');
    const s = await loadInput(ds);
    const ids = ['Q4', ...s.questions.filter((x) => x.parent === 'Q3').map((x) => x.id)];
    await withDuckdb(async (con) => {
      const cols = ids.map((id) => ({ id, c: s.columns.get(id)! }));
      await con.run(`CREATE TABLE cx_wjx (${cols.map((x) => `"${x.id}" ${x.c.kind === 'num' ? 'DOUBLE' : 'VARCHAR'}`).join(', ')})`);
      for (let i = 0; i < s.nRows; i++) {
        const vals = cols.map((x) => {
          const v = x.c.kind === 'num' ? x.c.values[i]! : x.c.values[i];
          return v == null || (typeof v === 'number' && Number.isNaN(v)) ? 'NULL' : typeof v === 'number' ? String(v) : `'${v.replace(/'/g, "''")}'`;
        });
        await con.run(`INSERT INTO cx_wjx VALUES (${vals.join(', ')})`);
      }
      await con.run(`COPY (${q.stdout}\n) TO '${f}' (FORMAT csv, HEADER)`);
    });
    const local = cx(['tab', ds, '--rows', 'Q3', '--cols', 'Q4']);
    expect(cx(['tab', '--from-stats', f]).stdout).toBe(local.stdout);
    // A multi-select in --cols is refused as the built-in engine refuses it.
    const r = cx(['tab', ds, '--rows', 'Q4', '--cols', 'Q3', '--engine', 'duckdb']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--cols Q3 is a multi-select question; put it in --rows/);
  });
});

describe.skipIf(!haveDuck)('cx sql kano|tab --dialect duckdb, run in DuckDB, read back with --from-stats', () => {
  const save = async (sql: string, stem: string) => {
    const { withDuckdb } = await import('../../src/engine/duckdb.js');
    const files = ['csv', 'json', 'parquet'].map((e) => path.join(tmp, `${stem}.${e}`));
    await withDuckdb(async (con) => {
      for (const f of files) {
        const fmt = f.endsWith('.json') ? '(FORMAT json, ARRAY true)' : f.endsWith('.parquet') ? '(FORMAT parquet)' : '(FORMAT csv, HEADER)';
        await con.run(`COPY (${sql}\n) TO '${f}' ${fmt}`);
      }
    });
    return files;
  };
  const rowless = (t: string) => t.split('\n').filter((l) => !/\d+ answered/.test(l)).join('\n');
  it('kano: the same JSON numbers and the same table as the local run (CSV, JSON and Parquet results)', async () => {
    const where = ['--where', 'plan != "Team"'];
    const q = cx(['sql', 'kano', messy, '--dialect', 'duckdb', ...where]);
    expect(q.status, q.stderr).toBe(0);
    const files = await save(q.stdout, 'kano-stats');
    const localRun = cx(['kano', messy, ...where, '--allow-unreadable', '--json']);
    expect(localRun.status, localRun.stderr).toBe(0);
    const localText = cx(['kano', messy, ...where, '--allow-unreadable']).stdout;
    for (const f of files) {
      const r = cx(['kano', '--from-stats', f, '--allow-unreadable', '--json']);
      expect(r.status, r.stderr).toBe(0);
      expectSameKano(JSON.parse(localRun.stdout), JSON.parse(r.stdout));
      expect(rowless(cx(['kano', '--from-stats', f, '--allow-unreadable']).stdout)).toBe(rowless(localText));
    }
    // Without --allow-unreadable the 5% rule applies to the counts as it does locally (exit 2 both ways or neither).
    expect(cx(['kano', '--from-stats', files[0]!]).status).toBe(cx(['kano', messy, ...where]).status);
    // A different --where, or a crosstab's statistics, are refused with one sentence.
    const w = cx(['kano', '--from-stats', files[0]!, '--where', 'plan = "Pro"']);
    expect(w.status).toBe(2);
    expect(w.stderr).toMatch(/--where plan != "Team", not plan = "Pro"/);
    const wrong = cx(['tab', '--from-stats', files[0]!]);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/for cx kano, not cx tab/);
  });
  it('tab: the same JSON and table as the local run', async () => {
    const args = ['--rows', 'Dark mode_functional', '--cols', 'region', '--where', 'w > 1'];
    const q = cx(['sql', 'tab', messy, '--dialect', 'duckdb', ...args]);
    expect(q.status, q.stderr).toBe(0);
    const files = await save(q.stdout, 'tab-stats');
    const localRun = cx(['tab', messy, ...args, '--json']);
    const localText = cx(['tab', messy, ...args]).stdout;
    for (const f of files) {
      const r = cx(['tab', '--from-stats', f, '--json']);
      expect(r.status, r.stderr).toBe(0);
      const a = JSON.parse(localRun.stdout);
      expectClose(a, alignRows(JSON.parse(r.stdout), a));
      // The same table but for the order of the rows outside the choices (text order from the engine).
      const lines = (t: string) => t.split('\n').sort();
      expect(lines(cx(['tab', '--from-stats', f]).stdout)).toEqual(lines(localText));
    }
    const other = cx(['tab', '--from-stats', files[0]!, '--rows', 'plan']);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/--rows Dark mode_functional, not plan/);
    const score = cx(['score', 'nps', '--from-stats', files[0]!]);
    expect(score.status).toBe(2);
  });
});
