import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keyDrivers, drivers } from '../../src/metrics/drivers.js';
import { relativeWeights, shapleyR2 } from '../../src/metrics/relative-weights.js';
import type { Column, Survey } from '../../src/dataset/types.js';

const fx = (f: string) => path.resolve(__dirname, '../../fixtures/methods', f);
function readCsv(f: string): Record<string, string[]> {
  const lines = readFileSync(fx(f), 'utf8').trim().split(/\r?\n/);
  const head = lines[0]!.split(',').map((h) => h.replace(/"/g, ''));
  const out: Record<string, string[]> = Object.fromEntries(head.map((h) => [h, []]));
  for (const l of lines.slice(1)) l.split(',').forEach((v, i) => out[head[i]!]!.push(v.replace(/"/g, '')));
  return out;
}
const num = (xs: string[]) => xs.map(Number);
const close = (a: number, b: number, tol = 1e-6) => expect(Math.abs(a - b)).toBeLessThan(tol);
function data(file: string, y: string, xs: string[]) {
  const d = readCsv(file);
  const Y = num(d[y]!);
  const cols = xs.map((x) => num(d[x]!));
  return { Y, X: Y.map((_, i) => cols.map((c) => c[i]!)) };
}

describe('D1: swiss (relaimpo 2.2-7 / lm)', () => {
  const names = ['Agriculture', 'Examination', 'Education', 'Catholic', 'Infant.Mortality'];
  const { Y, X } = data('swiss.csv', 'Fertility', names);
  const r = keyDrivers('Fertility', Y, X, { names });
  it('R², adjusted R², F', () => {
    expect(r.n).toBe(47);
    close(r.r2, 0.706735001593, 1e-9);
    close(r.adjR2, 0.670970977397, 1e-9);
    close(r.f, 19.7610592622, 1e-7);
    expect(r.df1).toBe(5);
    expect(r.df2).toBe(41);
    close(r.fP, 5.594e-10, 1e-12);
  });
  const exp = [
    // r, beta, p, vif, lmg, lmgPct, rw, rwPct, last, pratt
    [0.353079, -0.3129212825, 0.0187272, 2.2841, 0.0570912207681, 8.07816517, 0.048416895812, 6.8508, 0.04287, -0.110486],
    [-0.645883, -0.164778222539, 0.315462, 3.6754, 0.1711730289002, 24.22025632, 0.154708249806, 21.8906, 0.007387, 0.106427],
    [-0.663789, -0.670400780106, 2.4306e-5, 2.7749, 0.2601346786244, 36.80795178, 0.271964104646, 38.4818, 0.161963, 0.445005],
    [0.463685, 0.347600028144, 0.00519008, 1.9372, 0.1055701503735, 14.93772774, 0.114680029948, 16.2267, 0.062373, 0.161177],
    [0.416556, 0.251135976299, 0.00733572, 1.1075, 0.1127659229265, 15.95589898, 0.116965721381, 16.5502, 0.056945, 0.104612],
  ];
  names.forEach((name, j) => {
    it(name, () => {
      const d = r.drivers[j]!;
      const e = exp[j]!;
      expect(d.driver).toBe(name);
      close(d.r, e[0]!, 5e-7);
      close(d.beta, e[1]!, 1e-9);
      expect(Math.abs(d.p - e[2]!) / e[2]!).toBeLessThan(1e-5); // 6 significant digits
      close(d.vif, e[3]!, 5e-5);
      close(d.shapley!, e[4]!, 1e-10);
      close(d.shapleyPct!, e[5]!, 1e-7);
      close(d.weight, e[6]!, 1e-10);
      close(d.weightPct, e[7]!, 5e-5);
      close(d.last, e[8]!, 5e-7);
      close(d.pratt, e[9]!, 5e-7);
    });
  });
  it('flags Agriculture as a suppressor and sums weights to R²', () => {
    expect(r.drivers[0]!.suppressor).toBe(true);
    expect(r.drivers[2]!.suppressor).toBe(false);
    close(r.drivers.reduce((s, d) => s + d.weight, 0), r.r2, 1e-12);
    expect(r.drivers.map((d) => d.rank)).toEqual([5, 2, 1, 4, 3]);
  });
});

describe('D2: weighted swiss LMG', () => {
  it('matches relaimpo with weights 1 + (row %% 3)', () => {
    const names = ['Agriculture', 'Examination', 'Education', 'Catholic', 'Infant.Mortality'];
    const { Y, X } = data('swiss.csv', 'Fertility', names);
    const w = Y.map((_, i) => 1 + ((i + 1) % 3));
    const r = keyDrivers('Fertility', Y, X, { names, weights: w });
    close(r.r2, 0.694332891423, 1e-9);
    const lmg = [0.0518208063017, 0.1549452302086, 0.2559770835712, 0.1019573530969, 0.1296324182449];
    lmg.forEach((v, j) => close(r.drivers[j]!.shapley!, v, 1e-10));
  });
});

describe('D3: mtcars mpg ~ cyl + disp + hp + gear (rwa / relaimpo)', () => {
  it('R², relative weights and LMG', () => {
    const names = ['cyl', 'disp', 'hp', 'gear'];
    const { Y, X } = data('mtcars.csv', 'mpg', names);
    const r = keyDrivers('mpg', Y, X, { names });
    close(r.r2, 0.779189638983, 1e-9);
    [0.228479725928, 0.22214687054, 0.232174439299, 0.096388603215].forEach((v, j) => close(r.drivers[j]!.weight, v, 1e-10));
    [29.3227, 28.51, 29.7969, 12.3704].forEach((v, j) => close(r.drivers[j]!.weightPct, v, 5e-5));
    [0.2470520332352, 0.2434995947956, 0.2109128995443, 0.0777251114079].forEach((v, j) => close(r.drivers[j]!.shapley!, v, 1e-10));
  });
});

describe('D4: flipRegression "Relative importance linear"', () => {
  it('r.square, raw importance of v1 and % of v3', () => {
    const names = ['v1', 'v2', 'v3'];
    const { Y, X } = data('flipRegression_ria_test_data.csv', 'y', names);
    const r = keyDrivers('y', Y, X, { names });
    expect(r.n).toBe(327);
    close(r.r2, 0.0409055316886271, 1e-12);
    close(r.drivers[0]!.weight, 0.00427583141764991, 1e-12);
    close(r.drivers[2]!.weightPct, 84.254254422183, 1e-8);
    close(r.drivers[1]!.weight, 0.00216505, 5e-9);
  });
});

describe('D5: two predictors by hand', () => {
  it('LMG and RW coincide for p = 2', () => {
    const rxx = [[1, 0.5], [0.5, 1]];
    const rxy = [0.6, 0.4];
    // R² = (0.36 + 0.16 − 2·0.6·0.4·0.5)/(1 − 0.25) = 0.28/0.75
    const sh = shapleyR2(rxx, rxy);
    close(sh[0]!, 0.5 * (0.36 + 0.28 / 0.75 - 0.16), 1e-12);
    close(sh[1]!, 0.5 * (0.16 + 0.28 / 0.75 - 0.36), 1e-12);
    const rw = relativeWeights(rxx, rxy);
    close(rw[0]!, sh[0]!, 1e-12);
    close(rw[1]!, sh[1]!, 1e-12);
  });
  it('uncorrelated predictors give r²', () => {
    const I = [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
    const rxy = [0.5, 0.3, 0.1];
    shapleyR2(I, rxy).forEach((v, j) => close(v, rxy[j]! ** 2, 1e-12));
    relativeWeights(I, rxy).forEach((v, j) => close(v, rxy[j]! ** 2, 1e-12));
  });
});

function mkSurvey(cols: Record<string, (string | number | null)[]>): Survey {
  const columns = new Map<string, Column>();
  let n = 0;
  for (const [k, v] of Object.entries(cols)) {
    n = v.length;
    columns.set(k, { kind: 'str', values: v.map((x) => (x == null ? null : String(x))) });
  }
  return { source: ['t.csv'], platform: 'csv', questions: Object.keys(cols).map((id) => ({ id, label: id, type: 'rating' })), columns, nRows: n, log: [] };
}

describe('bad input', () => {
  it('refuses perfectly collinear drivers and names them', () => {
    const a = [1, 2, 3, 4, 5, 6, 7, 2];
    const b = [2, 1, 4, 3, 6, 5, 7, 1];
    const s = mkSurvey({ y: [3, 4, 2, 5, 6, 5, 7, 1], a, b, c: a.map((x, i) => x + b[i]!) });
    expect(() => drivers(s, { outcome: 'y', drivers: ['a', 'b', 'c'] })).toThrow(/collinear \("a" \+ "b" \+ "c"\)/);
  });
  it('treats values outside a known scale as missing ("don\'t know" −99) and reports them', () => {
    const s = mkSurvey({ y: [1, 2, 3, 4, 5, 3], a: [3, 1, 2, 5, 4, -99], b: [1, 2, 2, 4, 9, 3] });
    s.questions[1]!.scale = { min: 1, max: 5 };
    s.questions[2]!.scale = { min: 1, max: 5 };
    const r = drivers(s, { outcome: 'y', drivers: ['a', 'b'] });
    expect(r.n).toBe(4);
    // −99 is a "don't know" code: missing (issue 9, FORMATS §13.6); 9 on a 1–5 item is off the scale.
    expect(r.accounting![1]).toMatchObject({ question: 'a', answered: 5, used: 5, excluded: { missing: 1, outOfScale: 0 } });
    expect(r.outOfScale).toEqual([{ column: 'b', count: 1, rows: [5], values: ['9'] }]);
  });
  it('refuses a zero-variance driver by name', () => {
    const s = mkSurvey({ y: [1, 2, 3, 4, 5], a: [3, 1, 2, 5, 4], k: [4, 4, 4, 4, 4] });
    expect(() => drivers(s, { outcome: 'y', drivers: ['a', 'k'] })).toThrow(/"k" have zero variance/);
  });
  it('refuses a text column naming its rows, and drops stray text with a count', () => {
    const s = mkSurvey({ y: [1, 2, 3, 4, 5, 3], a: [3, 1, 2, 5, 4, 2], t: ['x', 'y', 'z', 'x', 'y', 'z'], b: [1, 'n/a', 2, 2, 5, 3], c: [2, 2, 1, 3, 5, 4], d: [1, 'oops', 2, 2, 5, 3] });
    expect(() => drivers(s, { outcome: 'y', drivers: ['a', 't'] })).toThrow(/Column "t" is text.*rows 1, 2, 3, 4, 5/);
    // "n/a" is a declared non-answer: missing, not unreadable.
    const r = drivers(s, { outcome: 'y', drivers: ['a', 'b'] });
    expect(r.n).toBe(5);
    expect(r.excluded).toBe(1);
    expect(r.nonNumeric).toEqual([]);
    expect(r.accounting![2]).toMatchObject({ question: 'b', answered: 5, used: 5, excluded: { missing: 1 } });
    // "oops" in 1 of 6 answers (16.7% > 5%): exit 2 unless allowed, then counted.
    expect(() => drivers(s, { outcome: 'y', drivers: ['a', 'd'] })).toThrow(/"oops".*questions\.d\.values/);
    const d = drivers(s, { outcome: 'y', drivers: ['a', 'd'], allowUnreadable: true });
    expect(d.nonNumeric).toEqual([{ column: 'd', count: 1, rows: [2], values: ['oops'] }]);
  });
});
