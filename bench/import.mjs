#!/usr/bin/env node
// Times `cx import` as a whole process on a generated export and prints rows/s, MB/s and peak RSS, then
// times the read of 3 columns from the dataset (what `cx score nps --by region --period week` loads).
// Usage: node bench/import.mjs [ROWS=1000000] [--keep]   (needs `npm run build` first)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const keep = process.argv.includes('--keep');
const dir = mkdtempSync(join(tmpdir(), 'cx-bench-import-'));
const csv = join(dir, `survey-${rows}.csv`);
const ds = join(dir, 'ds');
const cx = join(root, 'bin', 'cx.js');

/** Wall time of a child without /usr/bin/time (peak RSS then unknown: Node cannot read a child's rusage). */
function measure(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
  return { wall: Number(process.hrtime.bigint() - t0) / 1e9, status: r.status };
}

function timeV(args, exe = process.execPath) {
  if (!existsSync('/usr/bin/time')) return undefined;
  const t0 = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-v', exe, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
  const get = (k) => Number((new RegExp(`${k}[^:]*:\\s*([\\d.:]+)`).exec(r.stderr) ?? [])[1]);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  return { status: r.status, wall, user: get('User time'), sys: get('System time'), rssMB: get('Maximum resident set size') / 1024 };
}

process.stderr.write(`generating ${rows} rows …\n`);
execFileSync(process.execPath, [join(root, 'bench', 'gen-survey.mjs'), csv, String(rows)], { stdio: 'inherit' });
const mb = statSync(csv).size / 1e6;

const imp = timeV([cx, 'import', csv, '-o', ds, '--quiet']) ?? { ...measure([cx, 'import', csv, '-o', ds, '--quiet']), user: NaN, sys: NaN, rssMB: NaN };
if (imp.status !== 0) {
  process.stderr.write(`cx import failed (exit ${imp.status})\n`);
  process.exit(1);
}
const load = `
  const { loadDataset } = await import(${JSON.stringify(join(root, 'dist', 'dataset', 'store.js'))});
  const t = performance.now();
  const s = await loadDataset(${JSON.stringify(ds)}, { columns: ['NPS', 'region', 'RecordedDate'] });
  // Columns are read lazily: touch them so the time includes reading them.
  let k = 0;
  for (const id of ['NPS', 'region', 'RecordedDate']) k += s.columns.get(id)?.values.length ?? 0;
  process.stdout.write(String(performance.now() - t) + ' ' + s.nRows + ' ' + k);
`;
const lr = spawnSync(process.execPath, ['--input-type=module', '-e', load], { encoding: 'utf8' });
const [loadMs] = lr.stdout.split(' ').map(Number);

console.log(`file        ${csv} (${mb.toFixed(1)} MB, ${rows} rows × 25 columns)`);
console.log(`cx import   ${imp.wall.toFixed(2)} s wall, ${(imp.user + imp.sys).toFixed(2)} s CPU`);
console.log(`throughput  ${Math.round(rows / imp.wall).toLocaleString('en')} rows/s, ${(mb / imp.wall).toFixed(1)} MB/s (wall)`);
console.log(`peak RSS    ${imp.rssMB.toFixed(0)} MB`);
console.log(`load 3 cols ${loadMs?.toFixed(0)} ms (NPS, region, RecordedDate read from the dataset)`);
// pandas read_csv on the same file, when a Python with pandas is there (the reference speed).
const py = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import pandas'], { stdio: 'ignore' }).status === 0);
if (py) {
  const pd = timeV(['-c', `import pandas as pd; pd.read_csv(${JSON.stringify(csv)})`].map(String), py);
  if (pd && pd.status === 0) console.log(`pandas      read_csv ${pd.wall.toFixed(2)} s wall, ${(pd.user + pd.sys).toFixed(2)} s CPU, peak RSS ${pd.rssMB.toFixed(0)} MB`);
}
if (!keep) rmSync(dir, { recursive: true, force: true });
else console.log(`kept        ${dir}`);
