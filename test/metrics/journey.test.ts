// Journey / PRCA estimates (src/metrics/journey*.ts) against independent references:
// - METHODS-touchpoints §3 [P✓]: Wang et al. (2024) Table 4 β → IA, θ = 0.2 classes and AIPA priority order;
// - a synthetic survey with planted penalty/reward effects, recovered within sampling error;
// - the cross-product (sweep) OLS against a QR least-squares solve of the raw design (ml-matrix) and
//   against group-mean differences for the per-touchpoint (pairwise) model.
import { describe, expect, it } from 'vitest';
import { Matrix, QrDecomposition, inverse } from 'ml-matrix';
import { accumulate, type TouchpointScale } from '../../src/metrics/journey-stats.js';
import { olsFromCrossProducts } from '../../src/metrics/journey-ols.js';
import {
  aipaCode, classifyIa, classifyRatio, classifySignificance, defaultBands, estimateJourney, heterogeneity, impactAsymmetry,
  type TouchpointMeta,
} from '../../src/metrics/journey.js';

function rng(seed: number) {
  let a = seed >>> 0;
  const u = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(Math.max(u(), 1e-12))) * Math.cos(2 * Math.PI * u());
  return { u, normal };
}

const scale15 = (): TouchpointScale => ({ min: 1, max: 5, bands: Uint8Array.from([0, 0, 1, 2, 2]) });
const meta = (name: string, b = defaultBands(1, 5)): TouchpointMeta => ({ stage: 's', stageOrder: 1, touchpoint: name, column: name, min: 1, max: 5, ...b });

describe('METHODS-touchpoints [P✓]: Wang et al. (2024) Table 4', () => {
  // β_low, β_high (2 decimals as printed), AP; expected IA from METHODS-touchpoints §3 and θ = 0.2 classes.
  const rows: [string, number, number, number, number, string][] = [
    ['Value', -0.71, 0.22, 4.08, -0.526882, 'basic'],
    ['Rooms', -0.46, 0.84, 4.15, 0.292308, 'excitement'],
    ['Location', -0.02, 0.18, 4.67, 0.8, 'excitement'],
    ['Cleanliness', -0.36, 0.18, 4.43, -0.333333, 'basic'],
    ['Service', -0.75, 0.73, 4.31, -0.013514, 'performance'],
    ['Sleep quality', -0.47, 0.15, 4.29, -0.516129, 'basic'],
  ];
  it('IA to 6 decimals and the six θ = 0.2 classes', () => {
    for (const [, bl, bh, , ia, cls] of rows) {
      const v = impactAsymmetry(Math.abs(bl), Math.abs(bh));
      expect(v).toBeCloseTo(ia, 6);
      expect(classifyIa(v, 0.2)).toBe(cls);
    }
  });
  it('AIPA: grand mean 4.3217 splits performance; priority order value > sleep > service > rooms > cleanliness > location (paper §4.2)', () => {
    const grand = rows.reduce((s, r) => s + r[3], 0) / rows.length;
    const codes = rows.map(([name, bl, bh, ap]) => ({ name, a: aipaCode(ap, grand, classifyIa(impactAsymmetry(-bl, bh), 0.2))! }));
    expect(Object.fromEntries(codes.map((c) => [c.name, c.a.code]))).toEqual({ Value: 'LB', Rooms: 'LE', Location: 'HE', Cleanliness: 'HB', Service: 'LP', 'Sleep quality': 'LB' });
    const order = [...codes].sort((a, b) => a.a.rank - b.a.rank).map((c) => c.name);
    expect(order).toEqual(['Value', 'Sleep quality', 'Service', 'Rooms', 'Cleanliness', 'Location']);
  });
  it('ratio rule cut-offs are the IA cut-offs of METHODS-touchpoints §2.3', () => {
    // ρ = 1.1 ⇔ IA = 0.047619; just above/below it flips excitement/performance.
    expect(classifyRatio(1, 1.1001)).toBe('excitement');
    expect(classifyRatio(1, 1.0999)).toBe('performance');
    expect(classifyRatio(1, 0.8999)).toBe('basic');
    expect(classifyIa(impactAsymmetry(1, 1.5) - 1e-9, 0.2)).toBe('performance');
    expect(classifyIa(impactAsymmetry(1, 1.5) + 1e-9, 0.2)).toBe('excitement');
    expect(classifySignificance(-0.3, 0.01, 0.05, 0.4)).toBe('basic');
    expect(classifySignificance(-0.3, 0.2, 0.05, 0.4)).toBe('indifferent');
  });
  it('default bands per scale (§2.1)', () => {
    expect(defaultBands(1, 5)).toEqual({ low: [1, 2], ref: [3], high: [4, 5] });
    expect(defaultBands(1, 7)).toEqual({ low: [1, 2, 3], ref: [4], high: [5, 6, 7] });
    expect(defaultBands(0, 10)).toEqual({ low: [0, 1, 2, 3, 4], ref: [5], high: [6, 7, 8, 9, 10] });
    expect(defaultBands(0, 10, 'nps')).toEqual({ low: [0, 1, 2, 3, 4, 5, 6], ref: [7, 8], high: [9, 10] });
    expect(defaultBands(1, 5, 'extremes')).toEqual({ low: [1], ref: [2, 3, 4], high: [5] });
  });
});

/** A synthetic survey: 4 touchpoints with planted penalty/reward; correlated ratings through a latent z. */
function synthetic(n: number, seed: number) {
  const r = rng(seed);
  const truth = [
    { bLow: -0.8, bHigh: 0.1 }, // basic
    { bLow: -0.4, bHigh: 0.45 }, // performance
    { bLow: -0.05, bHigh: 0.7 }, // excitement
    { bLow: -0.3, bHigh: 0.3 }, // performance
  ];
  const p = truth.length;
  const xs = truth.map(() => new Float64Array(n));
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const z = r.normal();
    let yi = 3 + 0.6 * r.normal();
    for (let j = 0; j < p; j++) {
      const v = Math.max(1, Math.min(5, Math.round(3 + 0.6 * z + 1.1 * r.normal())));
      xs[j]![i] = v;
      if (v <= 2) yi += truth[j]!.bLow;
      if (v >= 4) yi += truth[j]!.bHigh;
    }
    y[i] = yi;
    if (r.u() < 0.05) xs[Math.floor(r.u() * p)]![i] = NaN; // some missing answers
  }
  return { truth, xs, y, p };
}

describe('PRCA on a synthetic survey with planted effects', () => {
  const n = 20000;
  const { truth, xs, y, p } = synthetic(n, 7);
  const scales = Array.from({ length: p }, scale15);
  const metas = truth.map((_, j) => meta(`T${j + 1}`));
  const st = accumulate(y, xs, scales, new Int32Array(n), 1)[0]!;

  it('recovers every penalty and reward within 4 standard errors, and the categories', () => {
    const { est } = estimateJourney(st, metas);
    expect(est.n).toBe([...Array(n).keys()].filter((i) => xs.every((x) => x[i] === x[i])).length);
    est.touchpoints.forEach((t, j) => {
      expect(Math.abs(t.bLow - truth[j]!.bLow)).toBeLessThan(4 * t.seLow);
      expect(Math.abs(t.bHigh - truth[j]!.bHigh)).toBeLessThan(4 * t.seHigh);
      expect(t.seLow).toBeLessThan(0.03);
    });
    expect(est.touchpoints.map((t) => t.category)).toEqual(['basic', 'performance', 'excitement', 'performance']);
    expect(est.touchpoints.every((t) => t.signsOk)).toBe(true);
  });

  it('equals a QR least-squares solve of the raw dummy design (ml-matrix), with the same SEs and R²', () => {
    const rows: number[][] = [];
    const yy: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!xs.every((x) => x[i] === x[i])) continue;
      const row = [1];
      for (let j = 0; j < p; j++) {
        const v = xs[j]![i]!;
        row.push(v <= 2 ? 1 : 0, v >= 4 ? 1 : 0);
      }
      rows.push(row);
      yy.push(y[i]!);
    }
    const X = new Matrix(rows);
    const Y = Matrix.columnVector(yy);
    const b = new QrDecomposition(X).solve(Y).getColumn(0);
    const resid = Y.sub(X.mmul(Matrix.columnVector(b))).getColumn(0);
    const rss = resid.reduce((s, e) => s + e * e, 0);
    const ybar = yy.reduce((s, v) => s + v, 0) / yy.length;
    const tss = yy.reduce((s, v) => s + (v - ybar) ** 2, 0);
    const inv = inverse(X.transpose().mmul(X));
    const s2 = rss / (rows.length - X.columns);
    const { est } = estimateJourney(st, metas);
    expect(est.intercept!).toBeCloseTo(b[0]!, 10);
    est.touchpoints.forEach((t, j) => {
      expect(t.bLow).toBeCloseTo(b[1 + 2 * j]!, 10);
      expect(t.bHigh).toBeCloseTo(b[2 + 2 * j]!, 10);
      expect(t.seLow).toBeCloseTo(Math.sqrt(s2 * inv.get(1 + 2 * j, 1 + 2 * j)), 10);
    });
    expect(est.r2!).toBeCloseTo(1 - rss / tss, 10);
  });

  it('pairwise mode equals differences of group means (low/high band vs the middle band)', () => {
    const { est } = estimateJourney(st, metas, { missing: 'pairwise' });
    for (let j = 0; j < p; j++) {
      const by: number[][] = [[], [], []];
      for (let i = 0; i < n; i++) {
        const v = xs[j]![i]!;
        if (v !== v) continue;
        by[v <= 2 ? 0 : v >= 4 ? 2 : 1]!.push(y[i]!);
      }
      const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
      expect(est.touchpoints[j]!.bLow).toBeCloseTo(mean(by[0]!) - mean(by[1]!), 10);
      expect(est.touchpoints[j]!.bHigh).toBeCloseTo(mean(by[2]!) - mean(by[1]!), 10);
      expect(est.touchpoints[j]!.n).toBe(by[0]!.length + by[1]!.length + by[2]!.length);
    }
  });

  it('scores: mean, t interval and top-2 share by hand', () => {
    const { est } = estimateJourney(st, metas);
    const keep = [...Array(n).keys()].filter((i) => xs.every((x) => x[i] === x[i]));
    const v = keep.map((i) => xs[0]![i]!);
    const m = v.reduce((s, x) => s + x, 0) / v.length;
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - m) ** 2, 0) / (v.length - 1));
    const t = est.touchpoints[0]!;
    expect(t.mean).toBeCloseTo(m, 12);
    expect(t.sd).toBeCloseTo(sd, 10);
    expect(t.ci95[1] - t.mean).toBeCloseTo(1.96020 * (sd / Math.sqrt(v.length)), 4); // t(0.975, ~19000 df)
    expect(t.top2).toBeCloseTo(v.filter((x) => x >= 4).length / v.length, 12);
  });

  it('statistics add up: two halves summed give the whole', () => {
    const cell = Int32Array.from({ length: n }, (_, i) => i % 2);
    const [a, b] = accumulate(y, xs, scales, cell, 2);
    const { est: whole } = estimateJourney(st, metas);
    const sum = accumulate(y, xs, scales, new Int32Array(n), 1)[0]!;
    expect(a!.n + b!.n).toBe(sum.n);
    expect(estimateJourney(sum, metas).est.touchpoints[2]!.bHigh).toBe(whole.touchpoints[2]!.bHigh);
  });

  it('segment test: equal effects give a large p, different effects a tiny one', () => {
    const half = accumulate(y, xs, scales, Int32Array.from({ length: n }, (_, i) => i % 2), 2);
    const e = half.map((h) => estimateJourney(h, metas).effects);
    const same = heterogeneity([e[0]![0]!, e[1]![0]!])!;
    expect(same.df).toBe(2);
    expect(same.p).toBeGreaterThan(0.001);
    // A second survey where touchpoint 1 is an excitement factor instead of a basic one.
    const other = synthetic(20000, 99);
    for (let i = 0; i < 20000; i++) {
      const v = other.xs[0]![i]!;
      if (v <= 2) other.y[i]! += 0.8; // undo the planted penalty
      if (v >= 4) other.y[i]! += 0.6;
    }
    const st2 = accumulate(other.y, other.xs, scales, new Int32Array(20000), 1)[0]!;
    const e2 = estimateJourney(st2, metas).effects;
    const diff = heterogeneity([e[0]![0]!, e2[0]!])!;
    expect(diff.p).toBeLessThan(1e-10);
  });
});

describe('OLS from cross-products: edge cases', () => {
  it('an empty band is dropped (coefficient 0, flagged) and an aliased column is detected', () => {
    // Column 1 never 1 (empty), column 3 = column 2 (aliased).
    const rows = [
      [1, 0, 1, 1, 3], [1, 0, 0, 0, 1], [1, 0, 1, 1, 4], [1, 0, 0, 0, 2], [1, 0, 1, 1, 5], [1, 0, 0, 0, 1.5],
    ];
    const k = 4;
    const xtx = new Float64Array(k * k);
    const xty = new Float64Array(k);
    let yty = 0;
    for (const r of rows) {
      for (let a = 0; a < k; a++) {
        xty[a]! += r[a]! * r[4]!;
        for (let b = 0; b < k; b++) xtx[a * k + b]! += r[a]! * r[b]!;
      }
      yty += r[4]! ** 2;
    }
    const f = olsFromCrossProducts(xtx, xty, yty, rows.length, k);
    expect(f.dropped).toEqual([null, 'empty', null, 'aliased']);
    expect(f.beta[1]).toBe(0);
    expect(f.beta[3]).toBe(0);
    // y on [1, x2]: group means 4 vs 1.5 → slope 2.5, intercept 1.5.
    expect(f.beta[0]).toBeCloseTo(1.5, 12);
    expect(f.beta[2]).toBeCloseTo(2.5, 12);
    expect(f.rank).toBe(2);
  });
});
