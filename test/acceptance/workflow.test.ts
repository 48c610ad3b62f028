// Acceptance: a CX researcher's flow end to end through the CLI on the demo exports (fixtures/demo):
// import two waves → describe → score nps by region with --compare previous → kano → drivers → tab →
// export csv. Every expected value is recomputed here, independently of cx, from the raw CSV with csv-parse
// (Qualtrics 3 header rows; Status ≠ 0 = preview, dropped; a repeated ResponseId counted once, first kept).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

const root = path.resolve(__dirname, '../..');
const cx = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
const json = (args: string[]) => {
  const r = cx([...args, '--json']);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};

type Row = Record<string, string> & { wave: string };
const WAVES = ['2026Q2', '2026Q3'] as const;

/** The demo responses as a researcher would clean them by hand. */
function referenceRows(): Row[] {
  const seen = new Set<string>();
  const out: Row[] = [];
  for (const w of WAVES) {
    const recs = parse(readFileSync(path.join(root, `fixtures/demo/wave-${w}.csv`)), { bom: true, relax_column_count: false }) as string[][];
    const head = recs[0]!;
    for (const rec of recs.slice(3)) {
      const r = Object.fromEntries(head.map((h, i) => [h, rec[i] ?? ''])) as Row;
      if (r.Status !== '0' || seen.has(r.ResponseId!)) continue;
      seen.add(r.ResponseId!);
      r.wave = w;
      out.push(r);
    }
  }
  return out;
}

function npsOf(rows: Row[]) {
  const v = rows.map((r) => r.Q1!).filter((s) => s !== '').map(Number);
  const promoters = v.filter((x) => x >= 9).length;
  const detractors = v.filter((x) => x <= 6).length;
  return { n: v.length, promoters, detractors, passives: v.length - promoters - detractors, nps: (100 * (promoters - detractors)) / v.length };
}

/** Berger et al. (1993) evaluation table; answers 1 like, 2 must-be, 3 neutral, 4 live with, 5 dislike. */
function kanoCategory(f: number, d: number): string {
  if ((f === 1 && d === 1) || (f === 5 && d === 5)) return 'Q';
  if (f === 1) return d === 5 ? 'O' : 'A';
  if (f === 5 || d === 1) return 'R';
  return d === 5 ? 'M' : 'I';
}

function pearson(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
    syy += (y[i]! - my) ** 2;
  }
  return sxy / Math.sqrt(sxx * syy);
}

let dir: string;
let ds: string;
let ref: Row[];

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cx-workflow-'));
  ds = path.join(dir, 'acme');
  ref = referenceRows();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('researcher workflow on the demo waves', () => {
  it('imports two waves into one dataset, excluding previews and the repeated response', () => {
    const a = cx(['import', 'fixtures/demo/wave-2026Q2.csv', '-o', ds, '--wave', '2026Q2', '--json']);
    expect(a.status, a.stderr).toBe(0);
    const b = cx(['import', 'fixtures/demo/wave-2026Q3.csv', '-o', ds, '--wave', '2026Q3', '--json']);
    expect(b.status, b.stderr).toBe(0);
    expect(() => JSON.parse(b.stdout)).not.toThrow();
    // PROVENANCE.md: 512 + 488 responses (+1 repeat), 4 + 3 previews → 508 + 485 = 993.
    expect(ref.length).toBe(993);
  });

  it('describe lists both waves, the exclusions and the NPS question', () => {
    const j = json(['describe', ds]);
    expect(j.rows).toBe(ref.length);
    expect(j.waves).toEqual([...WAVES]);
    const ex = Object.fromEntries(j.exclusions.map((e: { reason: string; count: number }) => [e.reason, e.count]));
    expect(ex).toMatchObject({ preview: 7, duplicate: 1 });
    const q1 = j.questions.find((q: { id: string }) => q.id === 'Q1');
    expect(q1.type).toBe('nps');
  });

  it('score nps --by region --compare previous matches a hand count of promoters and detractors', () => {
    const j = json(['score', 'nps', ds, '--by', 'region', '--compare', 'previous']);
    expect(j.metric).toBe('nps');
    expect(j.question).toBe('Q1');
    const all = npsOf(ref);
    expect(j.overall).toMatchObject({ n: all.n, promoters: all.promoters, passives: all.passives, detractors: all.detractors });
    expect(j.overall.nps).toBeCloseTo(all.nps, 10);
    // DESIGN.md §4: moe95 = z·√(((p+d) − (p−d)²)/n)·100 with z = 1.959964 (METHODS.md conventions)
    const p = all.promoters / all.n;
    const d = all.detractors / all.n;
    expect(j.overall.moe95).toBeCloseTo(1.959964 * Math.sqrt((p + d - (p - d) ** 2) / all.n) * 100, 5);
    const regions = [...new Set(ref.map((r) => r.region!))].sort();
    expect(j.groups.map((g: { key: { region: string } }) => g.key.region).sort()).toEqual(regions);
    for (const g of j.groups as { key: { region: string }; n: number; promoters: number; detractors: number; nps: number; vsRest: { diff: number } }[]) {
      const mine = npsOf(ref.filter((r) => r.region === g.key.region));
      const rest = npsOf(ref.filter((r) => r.region !== g.key.region));
      expect([g.n, g.promoters, g.detractors]).toEqual([mine.n, mine.promoters, mine.detractors]);
      expect(g.nps).toBeCloseTo(mine.nps, 10);
      // each segment is compared with the rest of the sample
      expect(g.vsRest.diff).toBeCloseTo(mine.nps - rest.nps, 8);
    }
  });

  it('score nps --period quarter --compare previous: Q3 vs Q2 difference by hand', () => {
    const j = json(['score', 'nps', ds, '--period', 'quarter', '--compare', 'previous']);
    const q2 = npsOf(ref.filter((r) => r.wave === '2026Q2'));
    const q3 = npsOf(ref.filter((r) => r.wave === '2026Q3'));
    expect(j.periods.map((x: { period: string; n: number }) => [x.period, x.n])).toEqual([
      ['2026-Q2', q2.n],
      ['2026-Q3', q3.n],
    ]);
    expect(j.periods[0].change).toBeUndefined();
    expect(j.periods[1].change.diff).toBeCloseTo(q3.nps - q2.nps, 8);
    expect(j.periods[1].change.p).toBeGreaterThan(0);
    expect(j.periods[1].change.p).toBeLessThan(1);
  });

  it('score nps --by wave --compare previous: each wave vs the wave before (not vs the rest)', () => {
    const j = json(['score', 'nps', ds, '--by', 'wave', '--compare', 'previous']);
    const q2 = npsOf(ref.filter((r) => r.wave === '2026Q2'));
    const q3 = npsOf(ref.filter((r) => r.wave === '2026Q3'));
    expect(j.groups.map((g: { key: { wave: string }; n: number }) => [g.key.wave, g.n])).toEqual([
      ['2026Q2', q2.n],
      ['2026Q3', q3.n],
    ]);
    expect(j.groups[0].change).toBeUndefined();
    expect(j.groups[1].change.against).toBe('2026Q2');
    expect(j.groups[1].change.diff).toBeCloseTo(q3.nps - q2.nps, 8);
    expect(j.groups[1].vsRest).toBeUndefined();
    expect(j.compareMethod).toMatch(/waves vs the previous wave/);
    const human = cx(['score', 'nps', ds, '--by', 'wave', '--compare', 'previous']).stdout.split('\n');
    expect(human.find((l) => l.startsWith('│ 2026Q2'))).not.toMatch(/p[=<]/);
    expect(human.find((l) => l.startsWith('│ 2026Q3'))).toMatch(/\+8\.8 \(p=0\.\d{3}\)/); // 16.70 − 7.87 = 8.83
  });

  it('kano on the dataset: counts per category follow the Berger table applied by hand', () => {
    const j = json(['kano', ds]);
    const expectCat: Record<string, string> = { dark_mode: 'A', live_tracking: 'O', contactless: 'M' }; // PROVENANCE.md
    expect(j.features.map((f: { feature: string }) => f.feature).sort()).toEqual(Object.keys(expectCat).sort());
    for (const f of j.features as { feature: string; n: number; counts: Record<string, number>; category: string; better: number; worse: number }[]) {
      const counts: Record<string, number> = { A: 0, O: 0, M: 0, I: 0, R: 0, Q: 0 };
      for (const r of ref) {
        const fu = r[`${f.feature}_functional`];
        const dy = r[`${f.feature}_dysfunctional`];
        if (!fu || !dy) continue;
        counts[kanoCategory(Number(fu), Number(dy))]!++;
      }
      expect(f.counts).toEqual(counts);
      expect(f.category).toBe(expectCat[f.feature]);
      const base = counts.A! + counts.O! + counts.M! + counts.I!;
      expect(f.better).toBeCloseTo((counts.A! + counts.O!) / base, 12);
      expect(f.worse).toBeCloseTo(-(counts.O! + counts.M!) / base, 12);
    }
  });

  it('drivers on the dataset: listwise n and Pearson r recomputed; delivery speed (Q4_2) ranks first', () => {
    const drivers = ['Q4_1', 'Q4_2', 'Q4_3', 'Q4_4', 'Q4_5'];
    const j = json(['drivers', ds, '--outcome', 'Q1', '--drivers', drivers.join(',')]);
    const complete = ref.filter((r) => ['Q1', ...drivers].every((c) => r[c] !== ''));
    expect(j.outcome).toBe('Q1');
    expect(j.n).toBe(complete.length);
    const y = complete.map((r) => Number(r.Q1));
    for (const d of j.drivers as { driver: string; r: number; performance: number; weightPct: number }[]) {
      const x = complete.map((r) => Number(r[d.driver]));
      expect(d.r).toBeCloseTo(pearson(x, y), 10);
      expect(d.performance).toBeCloseTo(x.reduce((a, b) => a + b, 0) / x.length, 10);
    }
    const top = [...j.drivers].sort((a: { weightPct: number }, b: { weightPct: number }) => b.weightPct - a.weightPct)[0];
    expect(top.driver).toBe('Q4_2'); // the generator's largest weight (PROVENANCE.md)
    const sumPct = j.drivers.reduce((a: number, d: { weightPct: number }) => a + d.weightPct, 0);
    expect(sumPct).toBeCloseTo(100, 8);
    expect(j.r2).toBeGreaterThan(0);
    expect(j.r2).toBeLessThan(1);
  });

  it('tab plan × region: counts by hand', () => {
    const j = json(['tab', ds, '--rows', 'plan', '--cols', 'region']);
    expect(j.total).toBe(ref.length);
    for (const [ri, plan] of (j.rowLevels as string[]).entries()) {
      for (const [ci, region] of (j.colLevels as string[]).entries()) {
        expect(j.counts[ri][ci]).toBe(ref.filter((r) => r.plan === plan && r.region === region).length);
      }
    }
  });

  it('export csv round-trips the responses (ids, waves, scores)', () => {
    const out = path.join(dir, 'acme.csv');
    const r = cx(['export', ds, '-o', out, '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: ref.length, format: 'csv' });
    const recs = parse(readFileSync(out), { bom: true, columns: true }) as Record<string, string>[];
    expect(recs.length).toBe(ref.length);
    const byId = new Map(recs.map((x) => [x.ResponseId!, x]));
    for (const want of ref) {
      const got = byId.get(want.ResponseId!)!;
      expect(got, want.ResponseId).toBeDefined();
      expect([got.Q1, got.wave, got.region]).toEqual([want.Q1, want.wave, want.region]);
    }
  });

  it('human output in Chinese has no untranslated headers, NaN or undefined; tiny p shown as p<0.001', () => {
    const r = cx(['score', 'nps', ds, '--by', 'region', '--compare', 'previous', '--lang', 'zh']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('样本量');
    expect(r.stdout).toContain('总体');
    expect(r.stdout).not.toMatch(/NaN|undefined|\[object Object\]/);
    // West: NPS −9.9 vs the rest's ≈ +16.8 (hand counts above), n ≈ 190 vs 800 → |z| > 3.3, p < 0.001
    const west = npsOf(ref.filter((x) => x.region === 'West'));
    const rest = npsOf(ref.filter((x) => x.region !== 'West'));
    expect(west.nps - rest.nps).toBeLessThan(-25);
    const line = r.stdout.split('\n').find((l) => l.startsWith('│ West'))!;
    expect(line).toMatch(/\(p<0\.001\)/);
    expect(r.stdout).not.toContain('p=<');
  });

  it('errors on a dataset name the dataset directory the user typed, not the exports it came from', () => {
    for (const args of [
      ['drivers', ds, '--outcome', 'Q9'],
      ['score', 'nps', ds, '--by', 'regon'],
      ['servqual', ds],
    ]) {
      const r = cx(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(ds);
      expect(r.stderr).not.toContain('wave-2026Q2.csv');
    }
  });

  it('tab with a comment column: multi-line answers stay on one table row', () => {
    // PROVENANCE.md: a few Q5 comments span two lines.
    expect(ref.some((x) => /\n/.test(x.Q5!))).toBe(true);
    const r = cx(['tab', ds, '--rows', 'Q5', '--cols', 'region']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/--rows Q5: \d+ distinct values/);
    const body = r.stdout.split('\n').filter((l) => l && !/^(χ²|Letters)/.test(l));
    for (const l of body) expect(l).toMatch(/^[│┌├└]/);
  });
});
