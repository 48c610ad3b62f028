import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cx = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
const close = (a: number, b: number, tol = 1e-6) => expect(Math.abs(a - b)).toBeLessThan(tol);

describe('cx tab', () => {
  it('X2: mtcars am × vs', () => {
    const r = cx(['tab', 'fixtures/methods/mtcars.csv', '--rows', 'am', '--cols', 'vs', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.counts).toEqual([[12, 7], [6, 7]]);
    close(j.chi2.chi2, 0.906883, 5e-7);
    close(j.chi2.p, 0.340943, 5e-7);
    close(j.colPct[0][0], (100 * 12) / 18, 1e-12);
    close(j.tests[0].z, 0.952304, 5e-7);
  });
  it('X1 and X3 from a respondent-level file: χ² and letters', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-tab-'));
    const lines = ['gender,party'];
    const add = (g: string, p: string, k: number) => { for (let i = 0; i < k; i++) lines.push(`${g},${p}`); };
    add('F', 'Dem', 762); add('F', 'Indep', 327); add('F', 'Rep', 468);
    add('M', 'Dem', 484); add('M', 'Indep', 239); add('M', 'Rep', 477);
    writeFileSync(path.join(dir, 'x1.csv'), lines.join('\n') + '\n');
    const r = cx(['tab', path.join(dir, 'x1.csv'), '--rows', 'gender', '--cols', 'party', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    close(j.chi2.chi2, 30.0701, 5e-5);
    close(j.chi2.p, 2.9536e-7, 5e-12);
    const x3 = ['g,ans'];
    const add3 = (g: string, yes: number, n: number) => { for (let i = 0; i < n; i++) x3.push(`${g},${i < yes ? 'yes' : 'no'}`); };
    add3('A', 45, 100); add3('B', 30, 100); add3('C', 60, 120);
    writeFileSync(path.join(dir, 'x3.csv'), x3.join('\n') + '\n');
    const t = cx(['tab', path.join(dir, 'x3.csv'), '--rows', 'ans', '--cols', 'g', '--json']);
    const k = JSON.parse(t.stdout);
    const yes = k.rowLevels.indexOf('yes');
    expect(k.letters[yes]).toEqual(['', '', 'B']);
    const h = cx(['tab', path.join(dir, 'x3.csv'), '--rows', 'ans', '--cols', 'g']);
    expect(h.stdout).toMatch(/60\s+50\.0% B/);
    const nb = JSON.parse(cx(['tab', path.join(dir, 'x3.csv'), '--rows', 'ans', '--cols', 'g', '--no-bonferroni', '--json']).stdout);
    expect(nb.letters[yes]).toEqual(['B', '', 'B']); // A vs B p = 0.028 unadjusted
  });
  it('exits 2 for an unknown column and a bad --alpha', () => {
    const r = cx(['tab', 'fixtures/methods/mtcars.csv', '--rows', 'am', '--cols', 'nope']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Column "nope"/);
    expect(r.stdout).toBe('');
    expect(cx(['tab', 'fixtures/methods/mtcars.csv', '--rows', 'am', '--cols', 'vs', '--alpha', '2']).status).toBe(2);
  });
});
