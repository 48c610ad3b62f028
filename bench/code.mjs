// Codeframe coding speed (run after `npm run build`): node bench/code.mjs [n=100000]
// 100,000 synthetic mixed comments (Chinese, English, mixed, ~5 % Traditional Chinese, ~10 % empty),
// a 50-code codeframe (fixtures/codeframes/cx-default.yaml + 15 generated codes using every operator).
// Prints in-process comments/s (one core): matching alone, and matching + comment/per-code sentiment,
// then the end-to-end `cx code` CLI (CSV in → CSV out) wall time and peak RSS.
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { timeProcess } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const dist = (p) => import(path.join(root, 'dist', p));
const N = Number(process.argv[2] ?? 100_000);

// Deterministic generator (mulberry32).
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const ZH = ['送餐太慢了，等了一个多小时', '菜不好吃，分量也少', '客服态度很好，问题很快就解决了', '价格太贵了，性价比不高', 'App经常闪退，支付失败',
  '骑手很准时，点赞', '包装破损，汤洒了', '退款处理太慢', '味道不错，下次还会再点', '优惠券用不了', '配送费太贵', '界面简洁，操作流畅',
  '联系客服很难，没人回复', '饭都凉了', '质量不好，收到的东西有破损', '今天天气不错', '发票一直没开', '会员自动续费了，很失望'];
const TW = ['客服態度很差，退貨很麻煩', '發貨太慢了', '質量不錯，包裝也好'];
const EN = ['Delivery was late again and the food was cold.', 'Support was helpful and solved my problem quickly.', 'Too expensive, not worth it.',
  'The app keeps crashing at checkout.', 'Great value for money, fair prices.', 'The courier was rude.', 'Could not reach support, issue still not resolved.',
  'Food is fresh and tasty.', 'Refund took forever.', 'Nothing special.', 'Login fails every time, password reset never arrives.'];
const MIX = ['这个app的UI很难用，but customer service很好', '送餐很快 but the food was cold', 'refund 一直没到账，客服也不回复', 'delivery fee太贵了'];

function comments(n) {
  const r = rng(20261123);
  const pick = (a) => a[Math.floor(r() * a.length)];
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const u = r();
    if (u < 0.1) out[i] = '';
    else if (u < 0.15) out[i] = pick(TW);
    else if (u < 0.5) out[i] = pick(ZH) + (r() < 0.4 ? '。' + pick(ZH) : '');
    else if (u < 0.85) out[i] = pick(EN) + (r() < 0.4 ? ' ' + pick(EN) : '');
    else out[i] = pick(MIX) + (r() < 0.3 ? '。' + pick(ZH) : '');
  }
  return out;
}

const EXTRA = [
  '{ id: 801, name: Wait time, any: ["/\\\\d+ ?(min|minutes|分钟|小时)/"] }',
  '{ id: 802, name: Hour waits, query: "等了* OR wait* NEAR/3 hour*" }',
  '{ id: 803, name: Cold and late, query: "@107 AND @101" }',
  '{ id: 804, name: Support refund, query: "(客服 OR support) NEAR/8 (退款 OR refund*)" }',
  '{ id: 805, name: App login, query: "(app OR 应用) BEFORE/5 (登录 OR login)" }',
  '{ id: 806, name: Soup, any: [汤, soup, 洒了] }',
  '{ id: 807, name: Weather, any: [天气, weather] }',
  '{ id: 808, name: Invoice missing, query: "(发票 OR invoice*) NEAR/4 (没 OR never OR missing)" }',
  '{ id: 809, name: Password, any: [密码, password, "reset"] }',
  '{ id: 810, name: Not special, any: ["nothing special", 没有特别] }',
  '{ id: 811, name: Next time, any: [下次, "next time", again] }',
  '{ id: 812, name: Coupon unusable, query: "(优惠券 OR coupon*) NEAR/3 (用不了 OR 不能用 OR invalid)" }',
  '{ id: 813, name: UI, any: [ui, 界面, design] }',
  '{ id: 814, name: Price words, query: "(价格 OR price*) NOT 便宜" }',
  '{ id: 815, name: Checkout, any: [checkout, 结账, 支付] }',
  '{ id: 816, name: Membership words, scope: comment, all: [[会员, membership], [续费, renew*, 扣费]] }',
];

const { compileCodeframeText } = await dist('text/codeframe/index.js');
const { codeTexts } = await dist('text/code.js');
const { loadSegmenter } = await dist('text/segment.js');
const base = readFileSync(path.join(root, 'fixtures/codeframes/cx-default.yaml'), 'utf8');
const yaml = base.replace(/\n  - id: 998\n/, '\n' + EXTRA.map((e) => `  - ${e}`).join('\n') + '\n  - id: 998\n');
const cf = compileCodeframeText(yaml, 'bench.yaml');
const nCodes = cf.codes.filter((c) => !c.net && !c.fallback).length;
const texts = comments(N);
const seg = await loadSegmenter(process.env.CX_SEGMENTER === 'intl' ? 'intl' : 'jieba');

console.log(`codeframe: ${nCodes} codes + ${cf.codes.filter((c) => c.net).length} nets; ${N} comments; segmenter ${seg}; Node ${process.version}`);
await codeTexts(texts.slice(0, 2000), cf, true); // warm-up (dictionaries, JIT)

// Wall time depends on what else runs on the machine; CPU time of this process is the one-core figure.
async function measure(label, f) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await f();
  const wall = (performance.now() - t0) / 1000;
  const c = process.cpuUsage(c0);
  const cpu = (c.user + c.system) / 1e6;
  console.log(`${label} ${(N / cpu).toFixed(0).padStart(7)} comments/s of CPU time (${cpu.toFixed(2)} s CPU), ${(N / wall).toFixed(0).padStart(7)} comments/s wall (${wall.toFixed(2)} s)`);
  return r;
}
const a = await measure('matching only:       ', () => codeTexts(texts, cf, false));
const b = await measure('matching + sentiment:', () => codeTexts(texts, cf, true));
const coded = a.filter((r) => !r.empty && r.codes.length).length;
console.log(`coded comments: ${coded}; with sentiment: ${b.filter((r) => r.sentiment).length}; in-process RSS now ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);

// Topic (aspect) coding accuracy of the default codeframe on the hand-labelled set (fixtures/aspects/):
// nets 100–600, precision / recall of topics and accuracy of their topic sentiment; dev half = even data
// rows (the codeframe was tuned looking at these), held-out half = odd rows.
{
  const { parseTopicTsv, scoreTopics } = await dist('text/codeframe/topic-eval.js');
  const { loadCodeframe } = await dist('text/codeframe/index.js');
  const dcf = loadCodeframe(path.join(root, 'fixtures/codeframes/cx-default.yaml'));
  for (const lang of ['zh', 'en']) {
    const items = parseTopicTsv(readFileSync(path.join(root, `fixtures/aspects/cx-aspects-${lang}.tsv`), 'utf8'));
    for (const [part, sel] of [['held-out', items.filter((_, i) => i % 2 === 1)], ['dev', items.filter((_, i) => i % 2 === 0)]]) {
      const s = scoreTopics(dcf, sel, await codeTexts(sel.map((x) => x.text), dcf, true));
      console.log(`aspect set ${lang} ${part.padEnd(8)} n=${String(s.n).padStart(3)}: topic precision ${s.precision.toFixed(3)}, recall ${s.recall.toFixed(3)}, topic-sentiment accuracy ${s.sentimentAccuracy.toFixed(3)}`);
    }
  }
}

// End to end: CSV of comments → cx code → CSV.
const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-bench-code-'));
try {
  const inCsv = path.join(dir, 'comments.csv');
  writeFileSync(inCsv, 'id,comment\n' + texts.map((t, i) => `${i + 1},"${t.replace(/"/g, '""')}"`).join('\n') + '\n');
  const cfFile = path.join(dir, 'cf.yaml');
  writeFileSync(cfFile, yaml);
  const out = path.join(dir, 'coded.csv');
  const r = timeProcess(process.execPath, [path.join(root, 'bin/cx.js'), 'code', inCsv, '--codeframe', cfFile, '-o', out, '--quiet', '--json']);
  const j = JSON.parse(r.stdout);
  console.log(`cx code CLI end-to-end: ${r.seconds.toFixed(2)} s for ${j.n} rows (${(j.n / r.seconds).toFixed(0)} rows/s incl. start-up, CSV read/write), peak RSS ${r.rssMB == null ? 'n/a' : r.rssMB.toFixed(0) + ' MB'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
