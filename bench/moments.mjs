#!/usr/bin/env node
// Times key drivers (CSAT on the eight driver ratings) and SERVQUAL-style α work on the bench data, built-in
// and with --engine duckdb, and checks that the engines agree (largest relative difference of any number in
// the JSON; target ≤ 1e-9). Usage: node bench/moments.mjs CSV DATASET   (needs `npm run build` first)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { timeProcess } from './lib.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const cx = path.join(root, 'bin', 'cx.js');
const [csv, ds] = process.argv.slice(2);
const env = { ...process.env, CI: 'true', NO_COLOR: '1' };
const drivers = ['ease', 'speed', 'price', 'support', 'reliability', 'features', 'docs', 'onboarding'].map((d) => `driver_${d}`).join(',');
const args = ['drivers', '--outcome', 'CSAT', '--drivers', drivers, '--json'];

function worstDiff(a, b) {
  let worst = 0;
  const walk = (x, y) => {
    if (typeof x === 'number' && typeof y === 'number') {
      const d = Math.abs(x - y) / Math.max(1, Math.abs(x));
      if (d > worst) worst = d;
      return;
    }
    if (x && typeof x === 'object' && y && typeof y === 'object') for (const k of Object.keys(x)) if (k !== 'rows' && k !== 'examples') walk(x[k], y[k]);
  };
  walk(a, b);
  return worst;
}

const hasDuck = spawnSync(process.execPath, ['-e', "import('@duckdb/node-api').then(()=>process.exit(0),()=>process.exit(1))"], { cwd: root }).status === 0;
const runs = [['built-in, dataset', ds, []]];
if (hasDuck) runs.push(['--engine duckdb, raw CSV', csv, ['--engine', 'duckdb']], ['--engine duckdb, dataset', ds, ['--engine', 'duckdb']]);
let base;
for (const [what, input, extra] of runs) {
  const r = timeProcess(process.execPath, [cx, args[0], input, ...args.slice(1), ...extra], { env });
  const json = JSON.parse(r.stdout);
  base ??= json;
  const diff = json === base ? '' : `, largest relative difference to built-in ${worstDiff(base, json).toExponential(1)}`;
  console.log(`  key drivers (8 drivers, n = ${json.n.toLocaleString('en-US')}) ${what}: ${r.seconds.toFixed(2)} s, peak RSS ${r.rssMB?.toFixed(0) ?? '?'} MB${diff}`);
}
