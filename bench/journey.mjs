#!/usr/bin/env node
// Times `cx journey` on a dataset of ROWS responses × 15 touchpoints (1–5, with 3% N/A = 0 and 2% blanks)
// and a 0–10 outcome with planted penalty/reward effects: the whole analysis (load the columns, read and
// account every answer, sufficient statistics, PRCA, relative weights), then with --by region (5 segments
// and the heterogeneity tests). Prints seconds, rows/s and whether the planted categories came out.
// Usage: node bench/journey.mjs [ROWS=1000000] [--keep]   (needs `npm run build` first)
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rows = Number(process.argv.slice(2).find((a) => /^\d+$/.test(a)) ?? 1_000_000);
const keep = process.argv.includes('--keep');
const dir = mkdtempSync(join(tmpdir(), 'cx-bench-journey-'));
const csv = join(dir, `journey-${rows}.csv`);
const ds = join(dir, 'ds');
const cfg = join(dir, 'cx.yaml');
const cx = join(root, 'bin', 'cx.js');
const env = { ...process.env, CI: 'true', NO_COLOR: '1' };
const P = 15;

let a = 20261202;
const u = () => {
  a = (a + 0x6d2b79f5) >>> 0;
  let t = a;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const normal = () => Math.sqrt(-2 * Math.log(Math.max(u(), 1e-12))) * Math.cos(2 * Math.PI * u());
// Planted: every third touchpoint basic, excitement, performance.
const effects = Array.from({ length: P }, (_, j) => (j % 3 === 0 ? [-0.9, 0.1] : j % 3 === 1 ? [-0.1, 0.8] : [-0.6, 0.6]));
const planted = effects.map(([l, h]) => ((h + l) / (h - l) > 0.2 ? 'excitement' : (h + l) / (h - l) < -0.2 ? 'basic' : 'performance'));
const REGIONS = ['North', 'South', 'East', 'West', 'Central'];

async function generate() {
  const out = createWriteStream(csv);
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', r)));
  await write(`id,region,${effects.map((_, j) => `T${j + 1}`).join(',')},overall\n`);
  let buf = '';
  for (let i = 0; i < rows; i++) {
    const z = normal();
    let y = 6 + 0.8 * normal();
    const cells = [];
    for (let j = 0; j < P; j++) {
      const r = u();
      if (r < 0.02) {
        cells.push('');
        continue;
      }
      if (r < 0.05) {
        cells.push('0');
        continue;
      }
      const v = Math.max(1, Math.min(5, Math.round(3.4 + 0.6 * z + 0.9 * normal())));
      cells.push(String(v));
      if (v <= 2) y += effects[j][0];
      if (v >= 4) y += effects[j][1];
    }
    buf += `${i + 1},${REGIONS[i % 5]},${cells.join(',')},${Math.max(0, Math.min(10, Math.round(y)))}\n`;
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise((r) => out.end(r));
}

function time(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cx, ...args], { encoding: 'utf8', env, maxBuffer: 1 << 28 });
  return { seconds: Number(process.hrtime.bigint() - t0) / 1e9, r };
}

process.stderr.write(`  journey: generating ${rows.toLocaleString('en-US')} responses × ${P} touchpoints …\n`);
await generate();
writeFileSync(
  cfg,
  `journey:\n  outcome: overall\n  na: [0]\n  stages:\n${[0, 1, 2].map((s) => `    - stage: S${s + 1}\n      touchpoints:\n${Array.from({ length: 5 }, (_, k) => `        - { name: T${s * 5 + k + 1}, column: T${s * 5 + k + 1} }`).join('\n')}`).join('\n')}\n`,
);
const imp = time(['import', csv, '-o', ds, '--quiet']);
if (imp.r.status !== 0) {
  process.stderr.write(imp.r.stderr);
  process.exit(1);
}
const one = time(['journey', ds, '--config', cfg, '--json', '--quiet']);
if (one.r.status !== 0) {
  process.stderr.write(one.r.stderr);
  process.exit(1);
}
const j = JSON.parse(one.r.stdout);
const found = j.touchpoints.map((t) => t.category);
const agree = found.filter((c, k) => c === planted[k]).length;
const by = time(['journey', ds, '--config', cfg, '--by', 'region', '--json', '--quiet']);
console.log(`journey ${rows.toLocaleString('en-US')} × ${P} (dataset): ${one.seconds.toFixed(2)} s, ${Math.round(rows / one.seconds).toLocaleString('en-US')} rows/s; n = ${j.n}, R² = ${j.r2.toFixed(3)}; planted categories found ${agree}/${P}`);
console.log(`journey --by region (5 segments):    ${by.seconds.toFixed(2)} s${by.r.status === 0 ? '' : ` (exit ${by.r.status})`}`);
console.log(`(import of the ${rows.toLocaleString('en-US')}-row CSV, not part of the analysis: ${imp.seconds.toFixed(2)} s)`);
if (!keep) rmSync(dir, { recursive: true, force: true });
