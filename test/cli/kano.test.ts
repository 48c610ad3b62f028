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

describe('cx kano', () => {
  it('English wordings, codes, an unknown answer and importance (kano_en.csv)', () => {
    // "sort of" is 1 of 8 answers (12.5% > 5%): exit 2 naming it, unless --allow-unreadable (issue 9).
    const strict = cx(['kano', 'fixtures/kano/kano_en.csv', '--json']);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toMatch(/"sort of"/);
    const r = cx(['kano', 'fixtures/kano/kano_en.csv', '--json', '--allow-unreadable']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    const dm = j.features.find((f: { feature: string }) => f.feature === 'Dark mode');
    // rows 1–7: O, A, A, M, I, A, R; row 8 "sort of" is unrecognised
    expect(dm.counts).toEqual({ A: 3, O: 1, M: 1, I: 1, R: 1, Q: 0 });
    expect(dm.n).toBe(7);
    expect(dm.category).toBe('A');
    close(dm.better, 4 / 6);
    close(dm.worse, -2 / 6);
    close(dm.totalStrength, 5 / 7);
    close(dm.categoryStrength, 2 / 7);
    expect(dm.fong.significant).toBe(false); // |3 − 1| = 2 < 1.65·√(4·10/14) = 2.789
    close(dm.functional, (4 + 4 + 4 + 2 + 0 + 4 - 2) / 7);
    close(dm.dysfunctional, (4 + 0 + 2 + 4 + 0 + 0 - 2) / 7);
    close(dm.importance.mean, (9 + 8 + 7 + 5 + 6 + 3 + 4) / 7);
    expect(dm.unrecognised).toBe(1);
    const chat = j.features.find((f: { feature: string }) => f.feature === 'chat');
    // (2,5) M ×4, (1,5) O ×3, (3,3) I: M 4 > O 3, CS = 1/8 = 12.5% ≥ 6% → M
    expect(chat.counts).toEqual({ A: 0, O: 3, M: 4, I: 1, R: 0, Q: 0 });
    expect(chat.category).toBe('M');
    close(chat.better, 3 / 8);
    close(chat.worse, -7 / 8);
    expect(r.stderr).toMatch(/column "Dark mode_functional".*rows 8: "sort of"/);
  });
  it('Chinese headers and wordings, human output in Chinese (kano_zh.csv)', () => {
    const r = cx(['kano', 'fixtures/kano/kano_zh.csv', '--json']);
    expect(r.status).toBe(0);
    const f = JSON.parse(r.stdout).features[0];
    expect(f.feature).toBe('在线客服');
    // O, M, I, A, M
    expect(f.counts).toEqual({ A: 1, O: 1, M: 2, I: 1, R: 0, Q: 0 });
    expect(f.category).toBe('M');
    close(f.better, 2 / 5);
    close(f.worse, -3 / 5);
    const h = cx(['kano', 'fixtures/kano/kano_zh.csv', '--lang', 'zh']);
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('必备属性');
    expect(h.stdout).toContain('在线客服');
  });
  it('uses kano.features from cx.yaml', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-kano-'));
    writeFileSync(path.join(dir, 'k.csv'), 'a,b\n1,5\n1,3\n2,5\n1,4\n3,3\n');
    writeFileSync(path.join(dir, 'cx.yaml'), 'kano:\n  features:\n    - name: Speed\n      functional: a\n      dysfunctional: b\n');
    const r = cx(['kano', path.join(dir, 'k.csv'), '--config', path.join(dir, 'cx.yaml'), '--json']);
    expect(r.status).toBe(0);
    const f = JSON.parse(r.stdout).features[0];
    // METHODS K2: A 2, O 1, M 1, I 1; F̄ = 2.8, D̄ = 2.0
    expect(f.feature).toBe('Speed');
    expect(f.counts).toEqual({ A: 2, O: 1, M: 1, I: 1, R: 0, Q: 0 });
    close(f.functional, 2.8);
    close(f.dysfunctional, 2.0);
  });
  it('exits 2 with one line when no pairs exist or a configured column is missing', () => {
    const r = cx(['kano', 'fixtures/methods/swiss.csv']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no Kano question pairs found/);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-kano-'));
    writeFileSync(path.join(dir, 'k.csv'), 'a,b\n1,5\n');
    writeFileSync(path.join(dir, 'cx.yaml'), 'kano:\n  features:\n    - name: Speed\n      functional: a\n      dysfunctional: zz\n');
    const m = cx(['kano', path.join(dir, 'k.csv'), '--config', path.join(dir, 'cx.yaml')]);
    expect(m.status).toBe(2);
    expect(m.stderr).toMatch(/"zz"/);
    expect(m.stderr.trim().split('\n')).toHaveLength(1);
  });
});
