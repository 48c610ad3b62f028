import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cx = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cx-redact-'));

describe('cx redact', () => {
  it('redacts the comment column of a CSV and reports counts per kind', () => {
    const src = path.join(tmp, 'in.csv');
    copyFileSync(path.join(root, 'fixtures/comments/sample.csv'), src);
    const before = readFileSync(src, 'utf8');
    const out = path.join(tmp, 'out.csv');
    const r = cx(['redact', src, '-o', out, '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    // sample.csv holds one mobile number (c07) and one e-mail (c09)
    expect(j.counts).toEqual({ email: 1, phone: 1, id: 0, card: 0, url: 0 });
    expect(j.total).toBe(2);
    expect(j.columns).toEqual(['comment']);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('价格太贵了，不划算。联系我：[PHONE]');
    expect(text).toContain('Support never replied. Email me at [EMAIL]');
    expect(text).not.toContain('13812345678');
    expect(text).toContain('c10,South,10,今天天气不错');
    expect(readFileSync(src, 'utf8')).toBe(before); // input untouched
  });
  it('writes a .txt copy of a .txt input', () => {
    const out = path.join(tmp, 'out.txt');
    const r = cx(['redact', 'fixtures/comments/sample.txt', '-o', out]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('[PHONE]');
    expect(readFileSync(out, 'utf8')).toBe('送货太慢了，饭都凉了。\n\nSupport never replied, call me on [PHONE]\nApp很好用\n');
  });
  it('exit 2 when the output is the input, or has an unknown extension, or the column is unknown', () => {
    const same = cx(['redact', 'fixtures/comments/sample.csv', '-o', 'fixtures/comments/sample.csv']);
    expect(same.status).toBe(2);
    expect(same.stderr).toMatch(/never overwrites its input/);
    expect(cx(['redact', 'fixtures/comments/sample.csv', '-o', path.join(tmp, 'x.pdf')]).status).toBe(2);
    const col = cx(['redact', 'fixtures/comments/sample.csv', '--text', 'nope', '-o', path.join(tmp, 'y.csv')]);
    expect(col.status).toBe(2);
    expect(col.stderr).toMatch(/no column "nope"/);
  });
});
