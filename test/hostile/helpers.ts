// Shared helpers for the hostile-input suite (issue 10): every hostile file is generated at test time in a
// temporary folder (nothing big in git). A refusal must be exit 2, one sentence on stderr naming the file,
// no stack trace, nothing left behind, and every input byte-identical afterwards.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';

export const root = path.resolve(__dirname, '../..');

export function cx(args: string[], opts: { cwd?: string; input?: string | Buffer; timeout?: number } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], {
    cwd: opts.cwd ?? root,
    encoding: 'utf8',
    input: opts.input,
    // A hang is a failure, not a stuck test run.
    timeout: opts.timeout ?? 30_000,
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
}

export function tmpDir(tag: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `cx-hostile-${tag}-`));
}

/** name → sha256 (or the kind of a non-regular entry) of every entry in `dir`, recursively. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const n of readdirSync(d).sort()) {
      const p = path.join(d, n);
      const r = rel ? `${rel}/${n}` : n;
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[r] = 'symlink';
      else if (st.isDirectory()) {
        out[r] = 'dir';
        walk(p, r);
      } else if (st.isFIFO()) out[r] = 'fifo';
      else out[r] = createHash('sha256').update(readFileSync(p)).digest('hex');
    }
  };
  walk(dir, '');
  return out;
}

/** Exit 2, one line on stderr that contains every `mentions`, no stack trace, no internal error. */
export function expectRefused(r: SpawnSyncReturns<string>, ...mentions: (string | RegExp)[]): void {
  expect(r.error, 'cx did not finish in time').toBeUndefined();
  expect(r.status, r.stderr).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at |Maximum call stack|RangeError|TypeError/);
  for (const m of mentions) {
    if (typeof m === 'string') expect(r.stderr).toContain(m);
    else expect(r.stderr).toMatch(m);
  }
}
