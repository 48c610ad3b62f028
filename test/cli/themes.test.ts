import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../..');
const cx = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });

let dir = '';
const f = (n: string) => path.join(dir, n);

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cx-themes-cli-'));
  const slow = ['送餐太慢了，等了一个小时', '等了两个小时才送到', '送餐速度太慢，一个小时才到', '超过一个小时，送餐太慢', '送餐慢，等了快一个小时', '一个小时才送到，太慢了'];
  const taste = ['味道很好，分量很足', '分量足，味道不错', '味道好，分量也足', '分量很足味道也好', '味道正宗，分量足', '这家味道好分量足'];
  writeFileSync(f('c.csv'), 'id,comment\n' + [...slow, ...taste].map((t, i) => `${i + 1},"${t}"`).join('\n') + '\n');
});

describe('cx themes', () => {
  it('prints a YAML draft codeframe on stdout', () => {
    const r = cx(['themes', f('c.csv'), '--top', '3']);
    expect(r.status).toBe(0);
    const doc = parse(r.stdout);
    expect(doc.codes.length).toBeGreaterThanOrEqual(2);
    expect(doc.codes.at(-1)).toMatchObject({ id: 999, fallback: true });
    expect(doc.codes[0].any.length).toBeGreaterThan(0);
  });
  it('-o writes the draft, and cx code reads it back', () => {
    const r = cx(['themes', f('c.csv'), '-o', f('draft.yaml'), '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.n).toBe(12);
    expect(j.themes.length).toBeGreaterThan(0);
    expect(existsSync(f('draft.yaml'))).toBe(true);
    expect(readFileSync(f('draft.yaml'), 'utf8')).toContain('codes:');
    const c = cx(['code', f('c.csv'), '--codeframe', f('draft.yaml'), '--json']);
    expect(c.status).toBe(0);
    expect(JSON.parse(c.stdout).n).toBe(12);
  });
  it('bad usage → exit 2 with one line', () => {
    const a = cx(['themes', f('c.csv'), '--top', '0']);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('--top');
    const b = cx(['themes', f('c.csv'), '-o', f('draft.txt')]);
    expect(b.status).toBe(2);
    expect(existsSync(f('draft.txt'))).toBe(false);
    const c = cx(['themes', f('c.csv'), '--text', 'nope']);
    expect(c.status).toBe(2);
    expect(c.stderr).toContain('"nope"');
  });
});
