#!/usr/bin/env node
// Writes the synthetic demo survey: fixtures/demo/wave-2026Q2.csv and wave-2026Q3.csv, in the current
// Qualtrics 3-header-row CSV format (FORMATS.md §1.1, numeric values). Deterministic: a seeded PRNG, no
// clock, no randomness from the environment; running it twice gives identical bytes.
//
// Model: each respondent has a latent experience z ~ N(0,1). The five driver ratings (1–5) load on z with
// different weights plus noise; NPS (0–10), CSAT (1–5) and CES (1–7, 7 = very easy) are built from the
// drivers, so key-driver analysis recovers delivery speed and product quality as the strongest drivers.
// Comments are picked from theme templates matching the respondent's weakest/strongest driver and score.
//
// Journey (appended columns Q6_1..Q6_8, Q7; drawn from a second seeded PRNG so the columns above stay
// byte-identical): eight touchpoint ratings 1–5 of the last order (Q6_8 refunds has 0 = "not applicable"),
// and Q7, the overall rating of that order (0–10), built with planted asymmetric effects (TOUCHPOINTS below):
// a low rating (1–2) of a basic touchpoint costs a lot while a high one (4–5) adds little, and the reverse for
// excitement touchpoints, so that `cx journey` should find checkout, packaging and support response basic
// (痛点), browsing and courier excitement (爽点), delivery speed, food quality and refunds performance (痒点).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'fixtures', 'demo');

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makeRng(seed) {
  const u = mulberry32(seed);
  const rng = {
    u,
    normal() {
      const a = Math.max(u(), 1e-12);
      return Math.sqrt(-2 * Math.log(a)) * Math.cos(2 * Math.PI * u());
    },
    int(lo, hi) {
      return lo + Math.floor(u() * (hi - lo + 1));
    },
    pick(arr) {
      return arr[Math.floor(u() * arr.length)];
    },
    weighted(pairs) {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let x = u() * total;
      for (const [v, w] of pairs) if ((x -= w) < 0) return v;
      return pairs[pairs.length - 1][0];
    },
  };
  return rng;
}

const clamp = (x, lo, hi) => Math.max(lo, Math.min(hi, x));
const p2 = (n) => String(n).padStart(2, '0');
function fmtDate(ms) {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

const REGIONS = [
  ['华东', 0.26, 'zh'],
  ['华北', 0.2, 'zh'],
  ['华南', 0.18, 'zh'],
  ['West', 0.18, 'en'],
  ['East', 0.18, 'en'],
];
const PLANS = [
  ['Basic', 0.5],
  ['Pro', 0.35],
  ['Enterprise', 0.15],
];
// Driver: [column suffix, label, weight on z, weight in NPS, mean rating] — delivery matters most but
// performs below average (a "concentrate here" driver); the app performs well but matters little.
const DRIVERS = [
  ['price', 'Price', 0.5, 0.35, 2.8],
  ['delivery', 'Delivery speed', 0.9, 1.1, 3.0],
  ['support', 'Customer support', 0.7, 0.6, 3.3],
  ['quality', 'Product quality', 0.85, 0.9, 3.8],
  ['app', 'App experience', 0.6, 0.25, 3.9],
];
// Touchpoints: [label, mean, weight on z, driver index whose rating it follows (or -1), b_low, b_high].
const TOUCHPOINTS = [
  ['Browsing the menu', 3.9, 0.5, 4, -0.05, 0.3],
  ['Checkout & payment', 4.1, 0.45, 4, -0.6, 0.05],
  ['Delivery speed', 3.0, 0.3, 1, -0.4, 0.5],
  ['Courier', 3.7, 0.5, -1, -0.05, 0.35],
  ['Packaging', 3.9, 0.4, -1, -0.45, 0.05],
  ['Food quality', 3.8, 0.3, 3, -0.4, 0.45],
  ['Support response', 3.2, 0.3, 2, -0.4, 0.08],
  ['Refunds', 3.3, 0.5, -1, -0.15, 0.3],
];
// Region / plan / wave effects on the latent experience.
const REGION_EFFECT = { 华东: 0.25, 华北: -0.1, 华南: 0.05, West: -0.3, East: 0.15 };
const PLAN_EFFECT = { Basic: -0.15, Pro: 0.1, Enterprise: 0.3 };

// Kano features: probability of each (functional, dysfunctional) answer pair by true category.
const KANO = [
  ['dark_mode', 'dark mode in the app', '应用提供深色模式', 'A'],
  ['live_tracking', 'live courier tracking', '实时骑手定位', 'O'],
  ['contactless', 'contactless delivery', '无接触配送', 'M'],
];
const KANO_PAIRS = {
  A: [[[1, 3], 50], [[1, 4], 12], [[3, 3], 18], [[2, 3], 6], [[1, 5], 8], [[3, 4], 6]],
  O: [[[1, 5], 48], [[1, 4], 10], [[2, 5], 8], [[1, 3], 10], [[3, 3], 12], [[3, 5], 12]],
  M: [[[2, 5], 36], [[3, 5], 22], [[4, 5], 6], [[1, 5], 12], [[3, 3], 16], [[2, 4], 8]],
};

// Comment templates by theme and tone. {x} is replaced by a small variation.
const COMMENTS = {
  zh: {
    delivery: {
      pos: ['配送很快，{x}就到了，很满意。', '送货速度快，骑手很准时。', '物流给力，{x}送达，点赞！'],
      neg: ['配送太慢了，等了{x}才到。', '送货不准时，骑手迟到好几次，不满意。', '物流太慢，饭都凉了。'],
      neu: ['配送速度还可以，偶尔会晚一点。'],
    },
    price: {
      pos: ['价格实惠，性价比很高。', '优惠力度大，价格合理。'],
      neg: ['价格太贵了，{p}一单不划算。', '涨价太多，性价比不高。', '配送费太贵，不值这个价。'],
      neu: ['价格一般，希望多一些优惠券。'],
    },
    support: {
      pos: ['客服态度很好，问题很快就解决了。', '售后处理及时，客服很耐心。'],
      neg: ['客服一直不回复，等了{x}也没人处理。', '客服态度差，退款处理太慢。', '联系客服很难，问题没有解决。'],
      neu: ['客服还行，就是回复有点慢。'],
    },
    quality: {
      pos: ['菜品新鲜，味道很好，包装也干净。', '东西好吃，分量足，质量稳定。'],
      neg: ['不好吃，菜品不新鲜。', '质量不好，收到的东西有破损。', '味道不好，分量也少，不会再买了。'],
      neu: ['质量还可以，没有特别惊喜。'],
    },
    app: {
      pos: ['App很好用，下单方便。', '界面简洁，操作流畅。'],
      neg: ['App经常闪退，下单很麻烦。', '应用太卡了，支付总是失败。', 'App不好用，找不到订单记录。'],
      neu: ['App还行，功能有点多，有时找不到入口。'],
    },
  },
  en: {
    delivery: {
      pos: ['Delivery was fast, arrived in {x}. Great job!', 'Super quick delivery and the courier was friendly.', 'Always on time, love how fast it is.'],
      neg: ['Delivery is too slow, waited {x} for my order.', 'Late again. The courier was not on time and the food was cold.', 'Delivery times are not good, always late.'],
      neu: ['Delivery is ok, sometimes a bit late.'],
    },
    price: {
      pos: ['Great value for money, fair prices.', 'Good discounts and reasonable prices.'],
      neg: ['Too expensive, {p} per order is not worth it.', 'Prices went up again, not good value anymore.', 'Delivery fee is way too high.'],
      neu: ['Prices are fine but could use more coupons.'],
    },
    support: {
      pos: ['Support was helpful and solved my problem quickly.', 'Friendly customer service, refund in minutes.'],
      neg: ['Customer support never replied, waited {x} for an answer.', 'Support was rude and the refund took forever.', 'Could not reach support, issue still not resolved.'],
      neu: ['Support is okay, a bit slow to respond.'],
    },
    quality: {
      pos: ['Food is fresh and tasty, great quality.', 'Excellent quality, portions are generous.'],
      neg: ['The food was not good and not fresh.', 'Poor quality, the package arrived damaged.', 'Tasted bad and portions are small. Not ordering again.'],
      neu: ['Quality is fine, nothing special.'],
    },
    app: {
      pos: ['The app is easy to use, ordering is quick.', 'Clean app, smooth checkout.'],
      neg: ['The app keeps crashing at checkout.', 'App is slow and payment often fails.', 'The app is confusing, cannot find my order history.'],
      neu: ['App works, but the menu is cluttered.'],
    },
  },
};
const X = {
  zh: ['半小时', '一个小时', '两个小时', '三天', '40分钟'],
  en: ['30 minutes', 'an hour', 'two hours', '3 days', '45 minutes'],
};
const PRICE = { zh: ['45元', '60块', '38元'], en: ['$30', '$25', '$40'] };
const EMAIL_TAIL = {
  zh: ['有问题请联系我：{e}', '请回复到 {e}', '邮箱 {e}，希望有人跟进。'],
  en: ['Please contact me at {e}.', 'Reach me on {e} if you need details.', 'My email is {e}, happy to talk.'],
};
const NAMES = ['li.wei', 'wang.fang', 'zhang.min', 'chen.jing', 'j.smith', 'maria.g', 'tom.baker', 'a.khan', 'liu.yang', 'sam.lee'];

function comment(rng, lang, nps, drivers) {
  // Theme: the weakest driver for unhappy respondents, the strongest for happy ones.
  const order = DRIVERS.map((d, i) => [d[0], drivers[i]]).sort((a, b) => a[1] - b[1]);
  const tone = nps >= 9 ? 'pos' : nps <= 6 ? 'neg' : 'neu';
  const theme = tone === 'pos' ? order[order.length - 1][0] : order[0][0];
  const fill = (t) => t.replace('{x}', rng.pick(X[lang])).replace('{p}', rng.pick(PRICE[lang]));
  let text = fill(rng.pick(COMMENTS[lang][theme][tone]));
  if (tone !== 'neu' && rng.u() < 0.25) {
    const other = rng.pick(DRIVERS)[0];
    if (other !== theme) text += (lang === 'zh' ? '' : ' ') + fill(rng.pick(COMMENTS[lang][other][tone]));
  }
  if (rng.u() < 0.06) {
    const e = `${rng.pick(NAMES)}${rng.int(1, 99)}@example.${rng.u() < 0.5 ? 'com' : 'org'}`;
    text += (lang === 'zh' ? '' : ' ') + rng.pick(EMAIL_TAIL[lang]).replace('{e}', e);
  }
  if (rng.u() < 0.01) text += lang === 'zh' ? '\n谢谢！' : '\nThanks!';
  return text;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function responseId(rng) {
  let s = 'R_';
  for (let i = 0; i < 15; i++) s += ID_CHARS[Math.floor(rng.u() * ID_CHARS.length)];
  return s;
}

function header() {
  const tz = { timeZone: 'Asia/Shanghai' };
  const cols = [
    ['StartDate', 'Start Date', { ImportId: 'startDate', ...tz }],
    ['EndDate', 'End Date', { ImportId: 'endDate', ...tz }],
    ['Status', 'Response Type', { ImportId: 'status' }],
    ['IPAddress', 'IP Address', { ImportId: 'ipAddress' }],
    ['Progress', 'Progress', { ImportId: 'progress' }],
    ['Duration (in seconds)', 'Duration (in seconds)', { ImportId: 'duration' }],
    ['Finished', 'Finished', { ImportId: 'finished' }],
    ['RecordedDate', 'Recorded Date', { ImportId: 'recordedDate', ...tz }],
    ['ResponseId', 'Response ID', { ImportId: '_recordId' }],
    ['DistributionChannel', 'Distribution Channel', { ImportId: 'distributionChannel' }],
    ['UserLanguage', 'User Language', { ImportId: 'userLanguage' }],
    ['Q1', 'How likely are you to recommend Acme Eats to a friend or colleague?', { ImportId: 'QID1' }],
    ['Q1_NPS_GROUP', 'How likely are you to recommend Acme Eats to a friend or colleague? - Group', { ImportId: 'QID1_NPS_GROUP' }],
    ['Q2', 'Overall, how satisfied are you with Acme Eats?', { ImportId: 'QID2' }],
    ['Q3', 'How easy was it to get what you needed from Acme Eats today?', { ImportId: 'QID3' }],
  ];
  DRIVERS.forEach(([, label], i) => cols.push([`Q4_${i + 1}`, `Please rate Acme Eats on each of the following. - ${label}`, { ImportId: `QID4_${i + 1}` }]));
  KANO.forEach(([key, en], i) => {
    cols.push([`${key}_functional`, `If Acme Eats offered ${en}, how would you feel?`, { ImportId: `QID${10 + i}` }]);
    cols.push([`${key}_dysfunctional`, `If Acme Eats did not offer ${en}, how would you feel?`, { ImportId: `QID${20 + i}` }]);
  });
  cols.push(['Q5', 'What is the main reason for your score? 请告诉我们您打分的主要原因。', { ImportId: 'QID5_TEXT' }]);
  cols.push(['region', 'region', { ImportId: 'region' }]);
  cols.push(['plan', 'plan', { ImportId: 'plan' }]);
  TOUCHPOINTS.forEach(([label], i) => cols.push([`Q6_${i + 1}`, `Please rate each step of your last order. - ${label}`, { ImportId: `QID6_${i + 1}` }]));
  cols.push(['Q7', 'All in all, how would you rate your last order? (0 = very poor, 10 = excellent)', { ImportId: 'QID7' }]);
  return cols;
}

function csvCell(v) {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Touchpoint ratings and the overall order rating (own PRNG `jr`; reads the main draws, never advances them). */
function journeyCells(jr, z, drivers) {
  const ratings = TOUCHPOINTS.map(([, mean, load, follow], t) => {
    if (t === 7 && jr.u() < 0.15) return 0; // refunds: most customers never needed one → "not applicable"
    const base = follow >= 0 ? 0.6 * drivers[follow] + 0.4 * mean : mean;
    return clamp(Math.round(base + load * z + 0.8 * jr.normal()), 1, 5);
  });
  // Effects are on the 0–10 scale of Q7: twice the b_low / b_high of TOUCHPOINTS.
  let y = 6.2 + 1.0 * jr.normal();
  TOUCHPOINTS.forEach(([, , , , bLow, bHigh], t) => {
    const v = ratings[t];
    if (v >= 1 && v <= 2) y += 2 * bLow;
    if (v >= 4) y += 2 * bHigh;
  });
  return [...ratings, clamp(Math.round(y), 0, 10)];
}

function wave({ seed, startMs, weeks, days, n, waveShift, previews, partialRate, duplicate }) {
  const rng = makeRng(seed);
  const jr = makeRng(seed + 6);
  const cols = header();
  const lines = [cols.map((c) => csvCell(c[0])), cols.map((c) => csvCell(c[1])), cols.map((c) => csvCell(JSON.stringify(c[2])))].map((l) => l.join(','));
  const rows = [];
  // Last second of the quarter, wall clock (startMs is 08:00 on its first day).
  const quarterEnd = startMs - 8 * 3600e3 + days * 86400e3 - 1000;
  const previewAt = new Set();
  while (previewAt.size < previews) previewAt.add(rng.int(0, n - 1));
  for (let i = 0; i < n; i++) {
    const region = rng.weighted(REGIONS.map((r) => [r, r[1]]));
    const [regionName, , lang] = region;
    const plan = rng.weighted(PLANS.map((p) => [p[0], p[1]]));
    const z = rng.normal() + REGION_EFFECT[regionName] + PLAN_EFFECT[plan] + waveShift;
    const drivers = DRIVERS.map(([key, , load, , mean]) => {
      const shift = key === 'delivery' && regionName === '华东' ? waveShift * 2 : 0;
      return clamp(Math.round(mean + load * z + shift + 0.75 * rng.normal()), 1, 5);
    });
    const lin = DRIVERS.reduce((s, d, k) => s + d[3] * (drivers[k] - 3), 0);
    const nps = clamp(Math.round(6.9 + 0.75 * lin + 1.1 * rng.normal()), 0, 10);
    const csat = clamp(Math.round(3.6 + 0.35 * lin + 0.6 * rng.normal()), 1, 5);
    const ces = clamp(Math.round(5 + 0.3 * lin + 0.3 * (drivers[4] - 3) + 0.9 * rng.normal()), 1, 7);
    const group = nps >= 9 ? 3 : nps >= 7 ? 2 : 1;
    // Weekly spread: a week, then a day in it (kept inside the quarter), then a time between 08:00 and 22:00.
    const day = Math.min(Math.floor(rng.u() * weeks) * 7 + rng.int(0, 6), days - 1);
    const start = startMs + day * 86400e3 + Math.floor(rng.u() * 14 * 3600) * 1000;
    const duration = rng.int(95, 900);
    const preview = previewAt.has(i);
    const partial = !preview && rng.u() < partialRate;
    const progress = partial ? rng.pick([25, 42, 58, 75, 88]) : 100;
    const end = start + duration * 1000;
    const kano = KANO.flatMap(([, , , cat]) => rng.weighted(KANO_PAIRS[cat].map(([pair, w]) => [pair, w])));
    const row = [
      fmtDate(start),
      fmtDate(end),
      preview ? 1 : 0,
      preview ? '' : `${rng.pick(['203.0.113', '198.51.100', '192.0.2'])}.${rng.int(1, 254)}`,
      progress,
      duration,
      partial ? 0 : 1,
      fmtDate(partial ? Math.min(end + 7 * 86400e3, quarterEnd) : end),
      responseId(rng),
      preview ? 'preview' : rng.u() < 0.8 ? 'email' : 'anonymous',
      lang === 'zh' ? 'ZH-S' : 'EN',
      nps,
      group,
      csat,
      ces,
      ...drivers,
      ...kano,
      rng.u() < 0.82 ? comment(rng, lang, nps, drivers) : '',
      regionName,
      plan,
    ];
    if (partial) {
      // Partial responses stop part-way: later questions are empty.
      const keep = progress >= 75 ? 15 + DRIVERS.length : progress >= 50 ? 15 : 13;
      for (let k = keep; k < row.length - 2; k++) row[k] = '';
    }
    const jc = journeyCells(jr, z, drivers);
    row.push(...(partial && progress < 88 ? jc.map(() => '') : jc));
    rows.push(row);
  }
  // Recorded order, as Qualtrics lists them.
  rows.sort((a, b) => (a[7] < b[7] ? -1 : a[7] > b[7] ? 1 : 0));
  if (duplicate) rows.splice(Math.floor(rows.length / 2), 0, [...rows[Math.floor(rows.length / 3)]]);
  for (const r of rows) lines.push(r.map(csvCell).join(','));
  return lines.join('\n') + '\n';
}

function writeAtomic(file, text) {
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

mkdirSync(outDir, { recursive: true });
// Q2 2026 starts Wed 1 Apr 2026; Q3 starts Wed 1 Jul 2026 (times are Asia/Shanghai wall clock).
writeAtomic(
  join(outDir, 'wave-2026Q2.csv'),
  wave({ seed: 20260401, startMs: Date.UTC(2026, 3, 1, 8), weeks: 13, days: 91, n: 512, waveShift: 0, previews: 4, partialRate: 0.04, duplicate: false }),
);
writeAtomic(
  join(outDir, 'wave-2026Q3.csv'),
  wave({ seed: 20260701, startMs: Date.UTC(2026, 6, 1, 8), weeks: 14, days: 92, n: 488, waveShift: 0.15, previews: 3, partialRate: 0.05, duplicate: true }),
);
process.stdout.write(`wrote ${join('fixtures', 'demo', 'wave-2026Q2.csv')} and ${join('fixtures', 'demo', 'wave-2026Q3.csv')}\n`);
