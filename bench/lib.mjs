// Shared benchmark helpers: time a whole process and read its peak RSS (GNU time), find pandas.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Runs a command to completion; returns wall seconds and peak RSS in MB (null when GNU time is absent). */
export function timeProcess(cmd, args, opts = {}) {
  const tf = path.join(os.tmpdir(), `cx-bench-time-${process.pid}.txt`);
  const useTime = existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = useTime
    ? spawnSync('/usr/bin/time', ['-f', '%M', '-o', tf, cmd, ...args], { encoding: 'utf8', maxBuffer: 1 << 28, ...opts })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, ...opts });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  let rssMB = null;
  if (useTime && existsSync(tf)) {
    const kb = Number(readFileSync(tf, 'utf8').trim().split('\n').pop());
    if (Number.isFinite(kb)) rssMB = kb / 1024;
    rmSync(tf, { force: true });
  }
  if (r.status !== 0) {
    throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr || '').slice(0, 2000)}`);
  }
  return { seconds, rssMB, stdout: r.stdout, stderr: r.stderr };
}

/** A Python interpreter that has pandas (Debian's python3-pandas installs for /usr/bin/python3). */
export function pandasPython() {
  for (const py of ['/usr/bin/python3', 'python3']) {
    const r = spawnSync(py, ['-c', 'import pandas'], { encoding: 'utf8' });
    if (r.status === 0) return py;
  }
  return null;
}

export function fileMB(p) {
  return statSync(p).size / (1024 * 1024);
}

export function fmtRow(cells, widths) {
  return cells.map((c, i) => String(c).padEnd(widths[i] ?? 12)).join('  ');
}
