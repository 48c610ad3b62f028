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
const close = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b)).toBeLessThan(tol);

describe('cx servqual', () => {
  it('reproduces an independent numpy computation on servqual_22.csv', () => {
    const r = cx(['servqual', 'fixtures/servqual/servqual_22.csv', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    // expected from the numpy script described in fixtures/servqual/README.md
    const exp: Record<string, [number, number, number, number, number]> = {
      tangibles: [-1.9583333333333333, 0.4819277108433734, 6, 3.5416666666666665, 5.5],
      reliability: [-1.7833333333333332, 0.0, 5, 3.4166666666666674, 5.166666666666667],
      responsiveness: [-1.375, 0.035555555555555486, 6, 3.875, 5.25],
      assurance: [-1.7083333333333333, 0.11764705882352929, 6, 3.6666666666666665, 5.375],
      empathy: [-1.4666666666666668, -0.13157894736842118, 6, 3.8333333333333335, 5.3],
    };
    expect(j.dimensions.map((d: { dimension: string }) => d.dimension)).toEqual(Object.keys(exp));
    for (const d of j.dimensions) {
      const e = exp[d.dimension]!;
      close(d.gap, e[0]);
      close(d.alpha, e[1], 1e-10);
      expect(d.alphaN).toBe(e[2]);
      close(d.perception, e[3]);
      close(d.expectation, e[4]);
    }
    close(j.overall.unweighted, -1.6583333333333332);
    close(j.overall.weighted, -1.6320833333333338);
    expect(r.stderr).toMatch(/below the usual \.70/);
  });
  it('human output in Chinese names the dimensions', () => {
    const r = cx(['servqual', 'fixtures/servqual/servqual_22.csv', '--lang', 'zh', '--quiet']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('有形性');
    expect(r.stdout).toContain('移情性');
    expect(r.stderr).toBe('');
  });
  it('fixed weights from cx.yaml (S2 convention)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-sq-'));
    writeFileSync(path.join(dir, 'cx.yaml'), 'servqual:\n  items:\n    - { expectation: e1, perception: p1, dimension: tangibles }\n    - { expectation: e2, perception: p2, dimension: reliability }\n  weights: { tangibles: 25, reliability: 75 }\n');
    writeFileSync(path.join(dir, 's.csv'), 'e1,p1,e2,p2\n6,5,7,4\n5,5,6,6\n');
    const r = cx(['servqual', path.join(dir, 's.csv'), '--config', path.join(dir, 'cx.yaml'), '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    // tangibles gaps (−1, 0) → −0.5; reliability (−3, 0) → −1.5; weighted = .25·−0.5 + .75·−1.5 = −1.25
    close(j.dimensions[0].gap, -0.5);
    close(j.dimensions[1].gap, -1.5);
    close(j.overall.unweighted, -1);
    close(j.overall.weighted, -1.25);
  });
  it('--reverse recodes 1988 negative items (8 − x) and rejects unknown items', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-sq-'));
    writeFileSync(path.join(dir, 's.csv'), 'E1,P1,E2,P2\n2,6,5,4\n3,3,5,4\n');
    const r = cx(['servqual', path.join(dir, 's.csv'), '--reverse', '1', '--json']);
    expect(r.status).toBe(0);
    // item 1 → E (6, 5), P (2, 5): gaps (−4, 0); item 2 gaps (−1, −1); tangibles = mean(−2.5, −0.5) = −1.5
    close(JSON.parse(r.stdout).dimensions[0].gap, -1.5);
    const bad = cx(['servqual', path.join(dir, 's.csv'), '--reverse', '10-13']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--reverse names 10, 11, 12, 13/);
  });
  it('exits 2 naming the column when scores are text', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-sq-'));
    writeFileSync(path.join(dir, 's.csv'), 'E1,P1\n5,good\n6,bad\n');
    const r = cx(['servqual', path.join(dir, 's.csv')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/"P1".*row 1/);
    expect(r.stdout).toBe('');
  });
});
