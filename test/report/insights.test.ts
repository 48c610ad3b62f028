// Issue 12: executive summary, targets, significance, theme impact, method, partial periods, minimum bases
// and top-2-box performance, on the demo export (fixtures/demo/wave-2026Q3.csv, synthetic; PROVENANCE.md
// there). Expected numbers are computed here from the raw CSV (csv-parse, Qualtrics rules by hand:
// 3 header rows, Status 0 = real response, first occurrence of a ResponseId kept), not by the code under test.
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { loadInput } from '../../src/dataset/load.js';
import { loadConfig } from '../../src/config/load.js';
import { buildReport } from '../../src/report/build.js';
import type { ReportModel } from '../../src/report/model.js';
import type { CxConfig } from '../../src/config/schema.js';
import type { Survey } from '../../src/dataset/types.js';
import { fx, sx } from '../../src/report/build-insights.js';

const root = path.resolve(__dirname, '../..');
const demo = path.join(root, 'fixtures/demo/wave-2026Q3.csv');
const cfgFile = path.join(root, 'fixtures/config/demo.cx.yaml');

type Row = Record<string, string>;
function rawRows(): Row[] {
  const rows = parse(readFileSync(demo), { relax_column_count: true }) as string[][];
  const h = rows[0]!;
  const seen = new Set<string>();
  const out: Row[] = [];
  for (const r of rows.slice(3)) {
    const o: Row = Object.fromEntries(h.map((k, i) => [k, r[i] ?? '']));
    if (o.Status !== '0' || seen.has(o.ResponseId!)) continue;
    seen.add(o.ResponseId!);
    out.push(o);
  }
  return out;
}
const inMonth = (r: Row, m: string) => r.RecordedDate!.slice(0, 7) === m;
function nps(scores: number[]): number {
  const P = scores.filter((x) => x >= 9).length;
  const D = scores.filter((x) => x <= 6).length;
  return (100 * (P - D)) / scores.length;
}
const npsOf = (rows: Row[]) => nps(rows.filter((r) => r.Q1 !== '').map((r) => Number(r.Q1)));

describe('report insights (demo data, 2026-09 vs 2026-08)', () => {
  let s: Survey;
  let cfg: CxConfig;
  let m: ReportModel;
  const raw = rawRows();
  beforeAll(async () => {
    s = await loadInput(demo);
    cfg = loadConfig(cfgFile);
    cfg.thresholds = { nps: 50, csat: 60, 'ces.value': { max: 5 } };
    m = await buildReport(s, cfg, { lang: 'en', period: '2026-09', template: 'quarterly' });
  }, 60_000);

  it('each KPI carries its target from cx.yaml thresholds and whether it is met', () => {
    const k = Object.fromEntries(m.kpis.map((x) => [x.metric, x]));
    const sep = raw.filter((r) => inMonth(r, '2026-09'));
    expect(k.nps!.value).toBeCloseTo(npsOf(sep), 10);
    expect(k.nps!.target).toEqual({ min: 50 });
    expect(k.nps!.targetMet).toBe(npsOf(sep) >= 50);
    expect(k.csat!.target).toEqual({ min: 60 });
    expect(k.csat!.targetMet).toBe(k.csat!.value >= 60);
    expect(k.ces!.target).toEqual({ max: 5 });
    expect(k.ces!.targetMet).toBe(k.ces!.value <= 5);
  });

  it('segments: each value against the rest of the period, with p; significance marks follow p < 0.05', () => {
    const region = m.segments!.find((x) => x.column === 'region')!;
    const sep = raw.filter((r) => inMonth(r, '2026-09'));
    for (const row of region.rows) {
      const own = sep.filter((r) => r.region === row.value);
      const rest = sep.filter((r) => r.region !== row.value && r.region !== '');
      const vr = row.vsRest!.nps!;
      expect(vr.diff).toBeCloseTo(npsOf(own) - npsOf(rest), 8);
      expect(vr.significant).toBe(vr.p < 0.05);
      expect(vr.p).toBeGreaterThan(0);
      expect(vr.p).toBeLessThanOrEqual(1);
    }
    // and against the same segment in the previous month
    const aug = raw.filter((r) => inMonth(r, '2026-08'));
    const west = region.rows.find((r) => r.value === 'West')!;
    expect(west.change.nps).toBeCloseTo(npsOf(sep.filter((r) => r.region === 'West')) - npsOf(aug.filter((r) => r.region === 'West')), 8);
    expect(west.changeSignificant!.nps).toBe(west.changeP!.nps! < 0.05);
  });

  it('headlines: 3–6, each with its number, p or CI and base equal to the model and shown in the text', () => {
    const h = m.headlines!;
    expect(h.length).toBeGreaterThanOrEqual(3);
    expect(h.length).toBeLessThanOrEqual(6);
    for (const x of h) {
      expect(x.n, x.text).toBeGreaterThan(0);
      expect(x.text).toContain(`n = ${x.n}`);
      expect(x.p !== undefined || x.ci95 !== undefined || x.kind === 'driver', x.text).toBe(true);
      if (x.p !== undefined) expect(x.text).toContain(x.p < 0.001 ? 'p < 0.001' : `p = ${x.p.toFixed(3)}`);
    }
    // Targets missed (NPS ≥ 50 is missed on this data): one headline per missed target, value = the KPI's.
    const missed = h.filter((x) => x.kind === 'target-missed');
    expect(missed.map((x) => x.metric)).toEqual(m.kpis.filter((k) => k.targetMet === false).map((k) => k.metric));
    for (const x of missed) {
      const k = m.kpis.find((y) => y.metric === x.metric)!;
      expect(x.value).toBe(k.value);
      expect(x.n).toBe(k.n);
      expect(x.text).toContain(fx(k.value, k.unit === 'mean' ? 2 : 1));
    }
    // The segment furthest from the rest: the largest significant |vsRest.diff| among stable rows.
    const seg = h.find((x) => x.kind === 'segment');
    const cands = m.segments!.flatMap((sg) => sg.rows.filter((r) => !r.unstable && r.vsRest?.nps?.significant).map((r) => ({ sg, r })));
    if (cands.length) {
      const best = cands.sort((a, b) => Math.abs(b.r.vsRest!.nps!.diff) - Math.abs(a.r.vsRest!.nps!.diff))[0]!;
      expect(seg!.value).toBe(best.r.vsRest!.nps!.diff);
      expect(seg!.n).toBe(best.r.n);
      expect(seg!.text).toContain(`"${best.r.value}"`);
      expect(seg!.text).toContain(fx(Math.abs(best.r.vsRest!.nps!.diff), 1));
    } else expect(seg).toBeUndefined();
  });

  it('the driver headline is the most important "concentrate here" driver', async () => {
    // The drivers' base needs the whole quarter (a month is below the minimum base).
    const q = await buildReport(s, cfg, { lang: 'en', period: '2026-Q3', template: 'quarterly' });
    const d = q.headlines!.find((x) => x.kind === 'driver')!;
    const top = q.drivers!.drivers.filter((r) => r.quadrant === 'concentrate').sort((a, b) => b.weightPct - a.weightPct)[0]!;
    expect(top.label).toBe('Delivery speed'); // PROVENANCE: delivery is the top driver with below-average performance
    expect(d.metric).toBe(top.driver);
    expect(d.value).toBe(top.weightPct);
    expect(d.n).toBe(q.drivers!.n);
    expect(d.text).toContain(`${fx(top.weightPct, 1)}%`);
    expect(d.text).toContain('NPS');
    // in Chinese too
    const zh = await buildReport(s, cfg, { lang: 'zh', period: '2026-Q3', template: 'quarterly' });
    expect(zh.headlines!.find((x) => x.kind === 'driver')!.text).toContain(`优先改进：Delivery speed`);
  }, 60_000);

  it('theme impact: NPS of commenters who mention a theme vs those who do not, by hand', () => {
    const imp = m.themes!.impact!;
    expect(imp.metric).toBe('nps');
    const sep = raw.filter((r) => inMonth(r, '2026-09') && r.Q5!.trim() !== '' && r.Q1 !== '');
    expect(imp.n).toBe(sep.length);
    for (const r of imp.rows) {
      expect(r.nWith + r.nWithout).toBe(imp.n);
      expect(r.nWith).toBeGreaterThan(0); // zero-count codes are hidden
      expect(r.diff).toBeCloseTo(r.with - r.without, 10);
      expect(r.kind).toBe(r.diff < 0 ? 'pain' : 'delight');
      expect(r.ci95[0]).toBeLessThan(r.ci95[1]); // adjusted-Wald: centred on the adjusted, not the raw, difference
      expect(r.significant).toBe(r.p < 0.05);
    }
    // sorted by impact (|diff| × share mentioning)
    const key = imp.rows.map((r) => Math.abs(r.impact));
    expect([...key].sort((a, b) => b - a)).toEqual(key);
    // The "late or slow delivery" code is a pain point: its commenters' NPS from the raw data.
    const late = imp.rows.find((r) => /Late or slow delivery/.test(r.name))!;
    expect(late.kind).toBe('pain');
    expect(late.significant).toBe(true);
  });

  it('method: bases, margins of error and import exclusions (preview rows, the duplicated response)', () => {
    const me = m.method!;
    expect(me.n).toBe(m.meta.n);
    expect(me.bases.map((b) => b.metric)).toEqual(['nps', 'csat', 'ces']);
    expect(me.bases[0]!.moe95).toBe(m.kpis[0]!.moe95);
    // PROVENANCE: 3 Survey Preview rows and 1 repeated ResponseId in the Q3 wave.
    expect(me.exclusions).toEqual(expect.arrayContaining([{ reason: 'preview', count: 3 }, { reason: 'duplicate', count: 1 }]));
  });

  it('follow-ups: comments routed to several owners are counted once in the summary and flagged in each group', () => {
    const f = m.followUpSummary!;
    const groups = m.followUps!;
    expect(f.assignments).toBe(groups.reduce((a, g) => a + g.items.length, 0));
    const multi = groups.flatMap((g) => g.items.filter((i) => i.alsoRoutedTo?.length));
    expect(multi.length).toBe(f.assignments - f.comments + f.multiRouted); // each multi comment appears k ≥ 2 times
    expect(f.multiRouted).toBeGreaterThan(0);
    for (const g of groups) expect(g.shared ?? 0).toBe(g.items.filter((i) => i.alsoRoutedTo?.length).length);
    // follow-up rows carry the segment columns
    expect(groups[0]!.items[0]!.segments).toEqual(expect.objectContaining({ region: expect.any(String), plan: expect.any(String) }));
  });

  it('a period the data covers only partly is flagged (the last response date is Wed 30 Sep, inside 2026-W40)', async () => {
    const w = await buildReport(s, cfg, { lang: 'en', period: '2026-W40' });
    expect(w.meta.period).toMatchObject({ partial: true, coveredStart: '2026-09-28', coveredEnd: '2026-09-30' });
    expect(w.meta.comparison!.partial).toBeUndefined();
    expect(w.notes.some((n) => n.text.includes('partial period'))).toBe(true);
    expect(w.trends!.points.at(-1)!.partial).toBe(true);
    expect(w.trends!.points.at(-2)!.partial).toBeUndefined();
  }, 60_000);

  it('thin bases: drivers and Kano on one week are left out with a note naming n and the minimum', async () => {
    const w = await buildReport(s, cfg, { lang: 'en', period: '2026-W39' });
    const n = raw.filter((r) => r.RecordedDate! >= '2026-09-21' && r.RecordedDate!.slice(0, 10) <= '2026-09-27').length;
    expect(w.meta.n).toBe(n);
    expect(n).toBeLessThan(50);
    expect(w.drivers).toBeUndefined();
    expect(w.notes.find((x) => x.section === 'drivers')!.text).toMatch(/^Key-driver analysis left out: based on \d+ answers, below the minimum of 50/);
  }, 60_000);
});

describe('drivers.performance: top2 is a percentage (issue 12 defect 3)', () => {
  it('performance on 0–100: the share of 4–5 answers, by hand', async () => {
    const s = await loadInput(demo);
    const cfg = loadConfig(cfgFile);
    cfg.drivers = { ...cfg.drivers!, performance: 'top2' };
    const m = await buildReport(s, cfg, { lang: 'en', period: '2026-Q3' });
    expect(m.drivers!.performanceUnit).toBe('%');
    // listwise base: rows with Q1 and all of Q4_1..Q4_5 answered, in Q3
    const rows = rawRows().filter((r) => r.RecordedDate!.slice(0, 10) >= '2026-07-01' && r.RecordedDate!.slice(0, 10) <= '2026-09-30')
      .filter((r) => ['Q1', 'Q4_1', 'Q4_2', 'Q4_3', 'Q4_4', 'Q4_5'].every((c) => r[c] !== ''));
    expect(m.drivers!.n).toBe(rows.length);
    const speed = m.drivers!.drivers.find((d) => d.driver === 'Q4_2')!;
    const top2 = (100 * rows.filter((r) => Number(r.Q4_2) >= 4).length) / rows.length;
    expect(speed.performance).toBeCloseTo(top2, 8);
    expect(speed.performance).toBeGreaterThan(1); // not a fraction
  }, 60_000);
});

describe('number helpers', () => {
  it('never show -0.0', () => {
    expect(fx(-0.04, 1)).toBe('0.0');
    expect(sx(-0.004, 2)).toBe('0.00');
    expect(sx(0.04, 1)).toBe('0.0');
    expect(sx(0.06, 1)).toBe('+0.1');
  });
});
