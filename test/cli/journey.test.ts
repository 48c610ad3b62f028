// `cx journey` end to end, run as a user would: the demo waves (fixtures/demo, planted asymmetric effects, see
// scripts/make-demo.mjs TOUCHPOINTS) and small generated files for bad input. Expected numbers are recomputed
// here from the CSV (listwise n, means) or come from the generator's planted structure.
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

const root = path.resolve(__dirname, '../..');
const cfg = path.join(root, 'fixtures/demo/journey.cx.yaml');
const cx = (args: string[], cwd = root) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1', LANG: 'C' } });

const dir = mkdtempSync(path.join(tmpdir(), 'cx-journey-'));
const ds = path.join(dir, 'ds');
// The same journey without the codeframe (no text models needed).
const plain = path.join(dir, 'plain.yaml');

beforeAll(() => {
  const r = cx(['import', 'fixtures/demo/wave-2026Q2.csv', 'fixtures/demo/wave-2026Q3.csv', '-o', ds, '--quiet']);
  expect(r.status, r.stderr).toBe(0);
  writeFileSync(plain, readFileSync(cfg, 'utf8').replace(/^codeframe:.*$/m, '').replace(/, codes: \[[^\]]*\]/g, ''));
}, 60_000);

/** The demo responses as a researcher would count them: not previews, one per ResponseId. */
function demoRows(): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const seen = new Set<string>();
  for (const w of ['2026Q2', '2026Q3']) {
    const recs = parse(readFileSync(path.join(root, `fixtures/demo/wave-${w}.csv`))) as string[][];
    const head = recs[0]!;
    for (const r of recs.slice(3)) {
      const o = Object.fromEntries(head.map((h, i) => [h, r[i]!]));
      if (o.Status === '1' || seen.has(o.ResponseId!)) continue;
      seen.add(o.ResponseId!);
      out.push(o);
    }
  }
  return out;
}

describe('cx journey on the demo', () => {
  it('--json: the METHODS-touchpoints §4 contract, listwise n and means recomputed, planted categories found', () => {
    const r = cx(['journey', ds, '--config', plain, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const tpCols = ['Q6_1', 'Q6_2', 'Q6_3', 'Q6_4', 'Q6_5', 'Q6_6', 'Q6_7', 'Q6_8'];
    const rows = demoRows();
    const ok = (v: string | undefined) => v !== undefined && v !== '' && v !== '0';
    const complete = rows.filter((o) => o.Q7 !== '' && tpCols.every((c) => ok(o[c])));
    expect(j.n).toBe(complete.length);
    expect(j.nDropped).toBe(rows.length - complete.length);
    for (const k of ['outcome', 'n', 'nDropped', 'coding', 'theta', 'r2', 'touchpoints']) expect(j).toHaveProperty(k);
    expect(j.coding).toEqual({ low: [1, 2], ref: [3], high: [4, 5] });
    const t0 = j.touchpoints[0];
    for (const k of ['stage', 'stageOrder', 'touchpoint', 'n', 'mean', 'ci95', 'top2', 'bLow', 'pLow', 'bHigh', 'pHigh', 'riocs', 'riocsPct', 'sgp', 'dgp', 'ia', 'category', 'labelZh', 'aipa', 'signsOk', 'flags']) {
      expect(t0, k).toHaveProperty(k);
    }
    tpCols.forEach((c, i) => {
      const vals = complete.map((o) => Number(o[c]));
      expect(j.touchpoints[i].mean).toBeCloseTo(vals.reduce((a, b) => a + b, 0) / vals.length, 10);
      expect(j.touchpoints[i].top2).toBeCloseTo(vals.filter((v) => v >= 4).length / vals.length, 10);
    });
    // Journey order as in cx.yaml; the generator's planted classes (scripts/make-demo.mjs TOUCHPOINTS).
    expect(j.touchpoints.map((t: { stage: string }) => t.stage)).toEqual(['下单 Ordering', '下单 Ordering', '配送 Delivery', '配送 Delivery', '配送 Delivery', '用餐 Meal', '售后 After-sales', '售后 After-sales']);
    expect(j.touchpoints.map((t: { category: string }) => t.category)).toEqual(['excitement', 'basic', 'performance', 'excitement', 'basic', 'performance', 'basic', 'performance']);
    expect(j.touchpoints.map((t: { labelZh: string }) => t.labelZh)).toEqual(['爽点', '痛点', '痒点', '爽点', '痛点', '痒点', '痛点', '痒点']);
    // Q6_8's 0 = not applicable is counted as N/A, not as a rating.
    const na = rows.filter((o) => o.Q6_8 === '0').length;
    expect(j.accounting.touchpoints[7].na).toBe(na);
    const sumPct = j.touchpoints.reduce((a: number, t: { riocsPct: number }) => a + t.riocsPct, 0);
    expect(sumPct).toBeCloseTo(100, 8);
  }, 60_000);

  it('terminal table in journey order, Chinese labels with --lang zh, an SVG journey map', () => {
    const svg = path.join(dir, 'map.svg');
    const r = cx(['journey', ds, '--config', plain, '--lang', 'zh', '--svg', svg]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const at = (s: string) => lines.findIndex((l) => l.includes(s));
    expect(at('浏览菜单')).toBeLessThan(at('配送速度'));
    expect(at('配送速度')).toBeLessThan(at('退款处理'));
    expect(r.stdout).toContain('痛点');
    expect(r.stdout).toContain('爽点');
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg')).toBe(true);
    expect(text).toContain('客户旅程地图');
    expect((text.match(/<circle [^>]*r="6"/g) ?? []).length).toBe(8);
  }, 60_000);

  it('--by region: one map per segment and a heterogeneity test; --period quarter --compare previous: changes with p', () => {
    const r = cx(['journey', ds, '--config', plain, '--by', 'region', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.groups.length).toBe(5);
    expect(j.segmentTests.length).toBe(8);
    for (const s of j.segmentTests) {
      expect(Object.keys(s.categories).length).toBe(5);
      if (s.p !== null) expect(s.p).toBeGreaterThanOrEqual(0);
    }
    const p = cx(['journey', ds, '--config', plain, '--period', 'quarter', '--compare', 'previous', '--json']);
    expect(p.status, p.stderr).toBe(0);
    const q = JSON.parse(p.stdout);
    expect(q.periods.map((x: { period: string }) => x.period)).toEqual(['2026-Q2', '2026-Q3']);
    const c = q.touchpoints[0].change;
    expect(c.against).toBe('2026-Q2');
    expect(c.diff).toBeCloseTo(q.periods[1].touchpoints[0].mean - q.periods[0].touchpoints[0].mean, 12);
    expect(c.p).toBeGreaterThan(0);
  }, 60_000);

  it('comments per touchpoint from codeframe codes', () => {
    const r = cx(['journey', ds, '--config', cfg, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    const speed = j.touchpoints[2];
    expect(speed.comments.codes).toEqual(['101', '102']);
    expect(speed.comments.count).toBeGreaterThan(50);
    expect(speed.comments.pct).toBeGreaterThan(0);
    expect(speed.comments.detractors.pct).toBeGreaterThan(speed.comments.pct); // delivery complaints come from detractors
  }, 120_000);
});

describe('cx journey: bad input exits 2 naming the touchpoint', () => {
  const csv = (rows: (string | number)[][]) => {
    const f = path.join(dir, `t${Math.random().toString(36).slice(2)}.csv`);
    writeFileSync(f, ['id,overall,a,b,note', ...rows.map((r) => r.join(','))].join('\n') + '\n');
    return f;
  };
  const yaml = (body: string) => {
    const f = path.join(dir, `c${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(f, body);
    return f;
  };
  const data = Array.from({ length: 60 }, (_, i) => [i + 1, 1 + (i % 5), 1 + ((i * 3) % 5), 1 + ((i * 7) % 5), i % 2 ? 'slow' : 'fine']);
  const good = `journey:\n  outcome: overall\n  stages:\n    - stage: S1\n      touchpoints:\n        - { name: Alpha, column: a }\n        - { name: Beta, column: b }\n`;

  it('runs on the small file', () => {
    const r = cx(['journey', csv(data), '--config', yaml(good), '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).n).toBe(60);
  }, 30_000);

  it('a touchpoint column that is text', () => {
    const r = cx(['journey', csv(data), '--config', yaml(good.replace('column: b', 'column: note'))]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^cx: touchpoint "Beta" \(stage "S1"\): column note is text, not ratings/);
  }, 30_000);

  it('a band with no answers', () => {
    const d2 = data.map((r) => [r[0]!, r[1]!, r[2]!, Math.max(3, Number(r[3])), r[4]!]);
    const r = cx(['journey', csv(d2), '--config', yaml(good)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/touchpoint "Beta" \(column b\): no analysed response is in its low band \(1, 2 on 1–5\)/);
    const k = cx(['journey', csv(d2), '--config', yaml(good), '--keep-empty-bands', '--json']);
    expect(k.status, k.stderr).toBe(0);
    const b = JSON.parse(k.stdout).touchpoints[1];
    expect(b.bLow).toBe(0);
    expect(b.flags).toContain('empty-low');
  }, 30_000);

  it('a stage with no touchpoints', () => {
    const r = cx(['journey', csv(data), '--config', yaml(`${good}    - stage: Empty stage\n`)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/journey\.stages\[1\]: stage "Empty stage" has no touchpoints/);
  }, 30_000);

  it('a constant outcome', () => {
    const r = cx(['journey', csv(data.map((x) => [x[0]!, 4, x[2]!, x[3]!, x[4]!])), '--config', yaml(good)]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/journey\.outcome: column overall has the same value \(4\) for every response analysed/);
  }, 30_000);

  it('no journey section, a missing column, bad flags', () => {
    const none = cx(['journey', csv(data), '--config', yaml('roles: { nps: overall }\n')]);
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('cx journey needs a journey: section');
    const miss = cx(['journey', csv(data), '--config', yaml(good.replace('column: a', 'column: zz'))]);
    expect(miss.status).toBe(2);
    expect(miss.stderr).toContain('touchpoint "Alpha" (stage "S1"): column "zz" is not in');
    expect(cx(['journey', csv(data), '--config', yaml(good), '--theta', '2']).status).toBe(2);
    expect(cx(['journey', csv(data), '--config', yaml(good), '--bands', '1/9,x']).status).toBe(2);
    expect(existsSync(path.join(dir, 'nothing.svg'))).toBe(false);
  }, 30_000);
});
