#!/usr/bin/env node
// Deterministic survey-export generator for the import benchmark.
// Usage: node bench/gen-survey.mjs OUT.csv ROWS
// A generic (one header row) export, 25 columns: ResponseId, RecordedDate over 2025, region (zh + en names),
// plan, NPS 0–10, CSAT 1–5, CES 1–7, eight 1–5 driver ratings, categories, and two open comments in Chinese
// and English holding commas, doubled quotes and embedded newlines. ~250 bytes per row (1,000,000 rows ≈ 250 MB).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

const [out, rowsArg] = process.argv.slice(2);
if (!out || !rowsArg || !/^\d+$/.test(rowsArg)) {
  process.stderr.write('usage: node bench/gen-survey.mjs OUT.csv ROWS\n');
  process.exit(2);
}
const ROWS = Number(rowsArg);

// mulberry32: small deterministic PRNG.
let seed = 0x5eed1234;
function rand() {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (a) => a[Math.floor(rand() * a.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
const maybe = (v, pMissing) => (rand() < pMissing ? '' : String(v));
const pad = (n, w = 2) => String(n).padStart(w, '0');
const ID_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

const REGIONS = ['华东', '华北', '华南', '西南', '东北', 'North America', 'Europe', 'APAC', 'Latin America', 'Middle East'];
const PLANS = ['Free', 'Starter', 'Pro', 'Business', 'Enterprise'];
const CHANNELS = ['web', 'app', 'email', 'phone', 'chat'];
const SEGMENTS = ['SMB', 'Mid-market', 'Enterprise', '个人'];
const DEVICES = ['iOS', 'Android', 'Desktop', 'Tablet'];
const AGES = ['18-24', '25-34', '35-44', '45-54', '55+'];
const LANGS = ['EN', 'ZH-S'];
const ZH = [
  '客服响应很快，问题当天就解决了',
  '价格有点贵，希望能有更多优惠',
  '发货太慢了，等了一个星期',
  '界面很好用，但是导出报表经常卡住',
  '售后态度不错，不过流程太复杂',
  '总体满意，会推荐给朋友和同事',
];
const EN = [
  'Support was fast, friendly and fixed it the same day',
  'Too expensive for what you get, honestly',
  'The "export" button fails on large reports, again',
  'Onboarding was confusing; the docs are out of date',
  'Reliable product. Would recommend, but pricing, hmm',
  'Love the new dashboard, the mobile app less so',
];

function comment() {
  const r = rand();
  if (r < 0.25) return '';
  const zh = rand() < 0.5;
  let s = zh ? pick(ZH) + '，' + pick(ZH) : pick(EN) + ', ' + pick(EN);
  if (rand() < 0.15) s += '\n' + (zh ? pick(ZH) : pick(EN));
  if (rand() < 0.1) s = 'He said "' + s + '"';
  return s;
}
function field(s) {
  return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

const header = [
  'ResponseId', 'RecordedDate', 'Finished', 'UserLanguage', 'region', 'plan', 'channel', 'segment', 'tenure_months',
  'NPS', 'CSAT', 'CES', 'driver_ease', 'driver_speed', 'driver_price', 'driver_support', 'driver_reliability',
  'driver_features', 'driver_docs', 'driver_onboarding', 'age_group', 'device', 'comment', 'comment_other', 'follow_up',
];
const start = Date.UTC(2025, 0, 1);
const YEAR_MS = 365 * 86400 * 1000;

const ws = createWriteStream(out);
let buf = header.join(',') + '\r\n';
for (let i = 0; i < ROWS; i++) {
  let id = 'R_';
  for (let k = 0; k < 15; k++) id += ID_CHARS[int(0, ID_CHARS.length - 1)];
  const d = new Date(start + Math.floor(rand() * YEAR_MS));
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const row = [
    id, date, rand() < 0.93 ? '1' : '0', pick(LANGS), pick(REGIONS), pick(PLANS), pick(CHANNELS), pick(SEGMENTS), String(int(0, 120)),
    maybe(int(0, 10), 0.03), maybe(int(1, 5), 0.05), maybe(int(1, 7), 0.08),
    maybe(int(1, 5), 0.1), maybe(int(1, 5), 0.1), maybe(int(1, 5), 0.1), maybe(int(1, 5), 0.1),
    maybe(int(1, 5), 0.1), maybe(int(1, 5), 0.1), maybe(int(1, 5), 0.1), maybe(int(1, 5), 0.1),
    pick(AGES), pick(DEVICES), comment(), comment(), rand() < 0.3 ? 'Yes' : 'No',
  ];
  buf += row.map(field).join(',') + '\r\n';
  if (buf.length > 1 << 20) {
    if (!ws.write(buf)) await once(ws, 'drain');
    buf = '';
  }
}
ws.write(buf);
ws.end();
await once(ws, 'finish');
