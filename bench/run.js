#!/usr/bin/env node
// `npm run bench`: generates its own data and times cx as whole processes, with pandas (Debian's
// python3-pandas) doing the same work in the same run when it is installed.
//   BENCH_ROWS=1000000 (default)   BENCH_SKIP=code,sentiment,journey,moments   BENCH_KEEP=1 (keep bench/data)
//   BENCH_BIG=100000000 (optional: a Parquet dataset of that many rows, made by DuckDB, scored out of core)
//   BENCH_BIG_DIR=/path/parquet-100000000 (optional: an existing dataset made by bench/gen-parquet.mjs)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fileMB, pandasPython, timeProcess } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const cx = path.join(root, 'bin', 'cx.js');
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const skip = new Set((process.env.BENCH_SKIP ?? '').split(',').filter(Boolean));
const dataDir = path.join(root, 'bench', 'data');
mkdirSync(dataDir, { recursive: true });
const csv = path.join(dataDir, `survey-${ROWS}.csv`);
const ds = path.join(dataDir, `ds-${ROWS}`);
const env = { ...process.env, CI: 'true', NO_COLOR: '1' };
const results = [];

function record(task, tool, r, extra = {}) {
  results.push({ task, tool, seconds: r.seconds, rssMB: r.rssMB, ...extra });
  const rss = r.rssMB == null ? '' : `, peak RSS ${r.rssMB.toFixed(0)} MB`;
  const more = Object.entries(extra)
    .map(([k, v]) => `${k} ${typeof v === 'number' ? Math.round(v).toLocaleString('en-US') : v}`)
    .join(', ');
  process.stderr.write(`  ${task} [${tool}]: ${r.seconds.toFixed(2)} s${rss}${more ? ', ' + more : ''}\n`);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs each command `n` times, interleaved (so load from elsewhere falls on both alike); median seconds, max RSS. */
function timeMedian(n, runs) {
  const got = runs.map(() => []);
  for (let i = 0; i < n; i++) runs.forEach(([cmd, args, opts], j) => got[j].push(timeProcess(cmd, args, opts)));
  return got.map((rs) => {
    const sec = median(rs.map((r) => r.seconds));
    const rss = rs.every((r) => r.rssMB == null) ? null : Math.max(...rs.map((r) => r.rssMB ?? 0));
    return { seconds: sec, rssMB: rss };
  });
}

process.stderr.write(`cx benchmark: ${ROWS.toLocaleString('en-US')} rows, ${os.cpus().length} cores, Node ${process.version}\n`);

// 0. Start-up.
{
  const runs = (args) => median(Array.from({ length: 7 }, () => timeProcess(process.execPath, [cx, ...args], { env }).seconds));
  const help = runs(['--help']);
  const version = runs(['--version']);
  results.push({ task: 'cx --help (median of 7)', tool: 'cx', seconds: help, rssMB: null });
  results.push({ task: 'cx --version (median of 7)', tool: 'cx', seconds: version, rssMB: null });
  process.stderr.write(`  start-up: --help ${(help * 1000).toFixed(0)} ms, --version ${(version * 1000).toFixed(0)} ms\n`);
}

// 1. Data.
if (!existsSync(csv)) {
  process.stderr.write(`  generating ${csv} …\n`);
  execFileSync(process.execPath, [path.join(here, 'gen-survey.mjs'), csv, String(ROWS)], { stdio: 'inherit' });
}
const mb = fileMB(csv);

// 2. Import.
rmSync(ds, { recursive: true, force: true });
{
  const r = timeProcess(process.execPath, [cx, 'import', csv, '-o', ds, '--quiet'], { env });
  record('import CSV → dataset', 'cx', r, { 'rows/s': ROWS / r.seconds, 'MB/s': mb / r.seconds });
}

// 3. NPS by region by ISO week, on the dataset and on the raw CSV.
const scoreArgs = ['score', 'nps', '--by', 'region', '--period', 'week', '--json'];
{
  const [r] = timeMedian(3, [[process.execPath, [cx, ...scoreArgs.slice(0, 2), ds, ...scoreArgs.slice(2)], { env }]]);
  record('score nps --by region --period week (dataset, median of 3)', 'cx', r, { 'rows/s': ROWS / r.seconds });
  const r2 = timeProcess(process.execPath, [cx, ...scoreArgs.slice(0, 2), csv, ...scoreArgs.slice(2)], { env });
  record('score nps --by region --period week (raw CSV)', 'cx', r2, { 'rows/s': ROWS / r2.seconds, 'MB/s': mb / r2.seconds });
}

// 3b. DuckDB: cx --engine duckdb on the same CSV, and DuckDB's own SQL for the task (both whole processes:
// Node + DuckDB start-up included on both sides).
let bigRun;
const hasDuck = spawnSync(process.execPath, ['-e', "import('@duckdb/node-api').then(()=>process.exit(0),()=>process.exit(1))"], { cwd: root }).status === 0;
if (hasDuck) {
  const [r, r2] = timeMedian(3, [
    [process.execPath, [cx, 'score', 'nps', csv, '--by', 'region', '--period', 'week', '--engine', 'duckdb', '--json'], { env }],
    [process.execPath, [path.join(here, 'duckdb-sql.mjs'), csv], { env, cwd: root }],
  ]);
  record('score nps --by region --period week --engine duckdb (raw CSV, median of 3)', 'cx', r, { 'rows/s': ROWS / r.seconds, 'MB/s': mb / r.seconds });
  record('NPS by region × ISO week, own SQL (raw CSV, median of 3)', 'duckdb', r2, { 'rows/s': ROWS / r2.seconds });
  const r3 = timeProcess(process.execPath, [cx, 'score', 'nps', ds, '--by', 'region', '--period', 'week', '--engine', 'duckdb', '--json'], { env });
  record('score nps --by region --period week --engine duckdb (dataset)', 'cx', r3, { 'rows/s': ROWS / r3.seconds });
  // BENCH_BIG=100000000: out-of-core, a Parquet dataset made by DuckDB (partitioned by month).
  const big = Number(process.env.BENCH_BIG ?? 0);
  if (big > 0) {
    const dir = process.env.BENCH_BIG_DIR ?? path.join(dataDir, `parquet-${big}`);
    if (!existsSync(dir)) {
      process.stderr.write(`  generating ${dir} …\n`);
      const g = timeProcess(process.execPath, [path.join(here, 'gen-parquet.mjs'), dir, String(big)], { env, cwd: root });
      record(`generate ${big.toLocaleString('en-US')}-row Parquet (DuckDB)`, 'duckdb', g);
    }
    const b1 = timeProcess(process.execPath, [cx, 'score', 'nps', dir, '--question', 'NPS', '--by', 'region', '--period', 'week', '--engine', 'duckdb', '--json'], { env });
    record(`score nps --by region --period week --engine duckdb (${big.toLocaleString('en-US')}-row Parquet)`, 'cx', b1, { 'rows/s': big / b1.seconds });
    bigRun = { rows: big, cx: b1 };
    const b2 = timeProcess(process.execPath, [path.join(here, 'duckdb-sql.mjs'), dir], { env, cwd: root });
    record(`NPS by region × ISO week, own SQL (${big.toLocaleString('en-US')}-row Parquet)`, 'duckdb', b2, { 'rows/s': big / b2.seconds });
    bigRun.sql = b2;
  }
} else {
  process.stderr.write('  @duckdb/node-api not installed: no DuckDB rows in this run\n');
}

// 4. pandas doing the same: read_csv alone, and read_csv + NPS by region and ISO week.
const py = pandasPython();
if (py) {
  const script = path.join(dataDir, 'pandas_nps.py');
  writeFileSync(
    script,
    `import sys, pandas as pd
mode = sys.argv[2]
if mode == 'read':
    df = pd.read_csv(sys.argv[1])
    print(len(df))
else:
    df = pd.read_csv(sys.argv[1], usecols=['RecordedDate', 'region', 'NPS'])
    d = pd.to_datetime(df['RecordedDate'])
    iso = d.dt.isocalendar()
    df['week'] = iso['year'].astype(str) + '-W' + iso['week'].astype(str).str.zfill(2)
    s = df['NPS']
    df['p'] = (s >= 9).astype(float); df['d'] = (s <= 6).astype(float); df['n'] = s.notna().astype(float)
    g = df[s.notna()].groupby(['region', 'week'])[['p', 'd', 'n']].sum()
    g['nps'] = (g['p'] - g['d']) / g['n'] * 100
    print(len(g))
`,
  );
  const r = timeProcess(py, [script, csv, 'read']);
  record('read_csv (all columns)', 'pandas', r, { 'rows/s': ROWS / r.seconds, 'MB/s': mb / r.seconds });
  const r2 = timeProcess(py, [script, csv, 'nps']);
  record('read_csv + NPS by region × ISO week', 'pandas', r2, { 'rows/s': ROWS / r2.seconds });
} else {
  process.stderr.write('  pandas not found (apt-get install python3-pandas): no pandas comparison in this run\n');
}

// 5. Open comments: coding with a 50-code codeframe, and sentiment.
for (const [name, script, args] of [
  ['code', 'code.mjs', ['100000']],
  ['sentiment', 'sentiment.mjs', []],
  ['journey', 'journey.mjs', [String(ROWS)]],
  ['moments', 'moments.mjs', [csv, ds]],
]) {
  if (skip.has(name) || !existsSync(path.join(here, script))) continue;
  process.stderr.write(`  ${name}: bench/${script}\n`);
  const r = spawnSync(process.execPath, [path.join(here, script), ...args], { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  process.stderr.write((r.stdout || '') + (r.status === 0 ? '' : r.stderr));
}

// Summary (stdout): a Markdown table, ready for the README.
const byTask = (t, tool) => results.find((x) => x.task === t && x.tool === tool);
const pandasNps = byTask('read_csv + NPS by region × ISO week', 'pandas');
const rawNps = byTask('score nps --by region --period week (raw CSV)', 'cx');
const dsNps = byTask('score nps --by region --period week (dataset, median of 3)', 'cx');
const lines = [
  `| task | tool | seconds | peak RSS (MB) | throughput |`,
  `|---|---|---:|---:|---|`,
  ...results.map((x) => {
    const thr = Object.entries(x)
      .filter(([k]) => !['task', 'tool', 'seconds', 'rssMB'].includes(k))
      .map(([k, v]) => `${Math.round(v).toLocaleString('en-US')} ${k}`)
      .join(', ');
    return `| ${x.task} | ${x.tool} | ${x.seconds.toFixed(2)} | ${x.rssMB == null ? '–' : x.rssMB.toFixed(0)} | ${thr} |`;
  }),
];
lines.push('');
if (pandasNps && rawNps) lines.push(`cx / pandas time ratio, NPS by region × week on the raw CSV: ${(rawNps.seconds / pandasNps.seconds).toFixed(2)}`);
if (dsNps) lines.push(`cx score on the imported dataset (built-in engine): ${dsNps.seconds.toFixed(2)} s (target < 0.5 s${ROWS === 1_000_000 ? '' : ', set for 1,000,000 rows'})`);
const duckCx = byTask('score nps --by region --period week --engine duckdb (raw CSV, median of 3)', 'cx');
const duckSql = byTask('NPS by region × ISO week, own SQL (raw CSV, median of 3)', 'duckdb');
if (duckCx && duckSql) lines.push(`cx --engine duckdb / DuckDB's own SQL, raw CSV: ${(duckCx.seconds / duckSql.seconds).toFixed(2)} (target ≤ 1.2)`);
if (duckCx && pandasNps) lines.push(`cx --engine duckdb / pandas, raw CSV: ${(duckCx.seconds / pandasNps.seconds).toFixed(2)} (target ≤ 0.25)`);
if (bigRun) {
  const rss = bigRun.cx.rssMB == null ? 'peak RSS not measured (no /usr/bin/time)' : `peak RSS ${(bigRun.cx.rssMB / 1024).toFixed(2)} GiB`;
  const vs = bigRun.sql ? `; ${(bigRun.cx.seconds / bigRun.sql.seconds).toFixed(2)} × DuckDB's own SQL` : '';
  lines.push(`cx --engine duckdb, ${bigRun.rows.toLocaleString('en-US')}-row Parquet: ${bigRun.cx.seconds.toFixed(1)} s, ${rss} (target < 30 s and < 4 GiB)${vs}`);
}
lines.push('', `${ROWS.toLocaleString('en-US')} rows, ${mb.toFixed(0)} MB CSV; ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}; Node ${process.version}; ${new Date().toISOString().slice(0, 10)}`);
console.log(lines.join('\n'));
if (!process.env.BENCH_KEEP) rmSync(ds, { recursive: true, force: true });
