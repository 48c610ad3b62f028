import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cx = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env },
  });

describe('cx program', () => {
  it('prints help and exits 0', () => {
    const r = cx(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: cx');
    expect(r.stdout).toContain('score');
  });
  it('prints the version from package.json', () => {
    const pkg = JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: root, encoding: 'utf8' }));
    expect(cx(['--version']).stdout.trim()).toBe(pkg.version);
  });
  it('exits 2 on an unknown option, with one line on stderr and nothing on stdout', () => {
    const r = cx(['--bogus']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('speaks Chinese with --lang zh', () => {
    expect(cx(['--lang', 'zh', '--help']).stdout).toContain('客户体验');
  });
});
