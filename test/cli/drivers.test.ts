import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cx = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], {
    cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
const close = (a: number, b: number, tol = 1e-9) => expect(Math.abs(a - b)).toBeLessThan(tol);

describe('cx drivers', () => {
  it('D1 on swiss.csv (relaimpo / lm values from METHODS §4.1)', () => {
    const r = cx(['drivers', 'fixtures/methods/swiss.csv', '--outcome', 'Fertility', '--drivers', 'Agriculture,Examination,Education,Catholic,Infant.Mortality', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.outcome).toBe('Fertility');
    expect(j.n).toBe(47);
    close(j.r2, 0.706735001593);
    close(j.adjR2, 0.670970977397);
    const edu = j.drivers.find((d: { driver: string }) => d.driver === 'Education');
    close(edu.beta, -0.670400780106);
    close(edu.weight, 0.271964104646, 1e-10);
    close(edu.shapley, 0.2601346786244, 1e-10);
    expect(edu.rank).toBe(1);
    // Education mean over the 47 provinces (independent: sum of the column = 516 / 47)
    close(edu.performance, 516 / 47, 1e-9);
    expect(['concentrate', 'keep-up', 'low-priority', 'overkill']).toContain(edu.quadrant);
    expect(r.stderr).toMatch(/Agriculture.*suppressor/);
  });
  it('D4 on the flipRegression data; top-2 performance is a share', () => {
    const r = cx(['drivers', 'fixtures/methods/flipRegression_ria_test_data.csv', '--outcome', 'y', '--drivers', 'v1,v2,v3', '--performance', 'top2', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    close(j.r2, 0.0409055316886271, 1e-12);
    close(j.drivers[2].weightPct, 84.254254422183, 1e-8);
    for (const d of j.drivers) expect(d.performance).toBeGreaterThanOrEqual(0);
    for (const d of j.drivers) expect(d.performance).toBeLessThanOrEqual(1);
  });
  it('D2: --weight gives relaimpo\'s weighted LMG', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-kda-'));
    const lines = readFileSync(path.join(root, 'fixtures/methods/swiss.csv'), 'utf8').trim().split('\n');
    // w = 1 + (row %% 3) for rows 1..47
    writeFileSync(path.join(dir, 'sw.csv'), [lines[0] + ',w', ...lines.slice(1).map((l, i) => `${l},${1 + ((i + 1) % 3)}`)].join('\n') + '\n');
    const r = cx(['drivers', path.join(dir, 'sw.csv'), '--outcome', 'Fertility', '--drivers', 'Agriculture,Examination,Education,Catholic,Infant.Mortality', '--weight', 'w', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    close(j.r2, 0.694332891423);
    expect(j.weighted).toBe(true);
    [0.0518208063017, 0.1549452302086, 0.2559770835712, 0.1019573530969, 0.1296324182449].forEach((v, k) => close(j.drivers[k].shapley, v, 1e-10));
  });
  it('exits 2 naming perfectly collinear drivers', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-kda-'));
    writeFileSync(path.join(dir, 'c.csv'), 'y,a,b,c\n3,1,2,3\n4,2,1,3\n2,3,4,7\n5,4,3,7\n6,5,6,11\n5,6,5,11\n7,7,7,14\n1,2,1,3\n');
    const r = cx(['drivers', path.join(dir, 'c.csv'), '--outcome', 'y', '--drivers', 'a,b,c']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/collinear \("a" \+ "b" \+ "c"\)/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('exits 2 for a text outcome, naming column and rows; and without --outcome', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-kda-'));
    writeFileSync(path.join(dir, 't.csv'), 'y,a,b\ngood,1,2\nbad,2,1\nok,3,4\nfine,4,3\n');
    const r = cx(['drivers', path.join(dir, 't.csv'), '--outcome', 'y', '--lang', 'en']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Column "y" is text.*rows 1, 2, 3, 4/);
    const z = cx(['drivers', path.join(dir, 't.csv'), '--lang', 'zh']);
    expect(z.status).toBe(2);
    expect(z.stderr).toMatch(/--outcome/);
  });
});
