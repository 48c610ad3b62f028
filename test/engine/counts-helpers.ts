// Shared by the kano/tab engine tests: a messy Kano + crosstab CSV, and the comparison of two Kano results.
import { expect } from 'vitest';
import { writeFileSync } from 'node:fs';
import type { KanoResult } from '../../src/metrics/kano.js';
import { parseKanoAnswer } from '../../src/metrics/kano-answers.js';

/** Numbers to `tol` (relative above 1), everything else equal; NaN = NaN. */
export function expectClose(a: unknown, b: unknown, p = '', tol = 1e-9, skip: (path: string, key: string) => boolean = () => false): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isNaN(a)) expect(Number.isNaN(b), p).toBe(true);
    else expect(Math.abs(a - b), `${p}: ${a} vs ${b}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(a)));
    return;
  }
  if (a && typeof a === 'object') {
    expect(b && typeof b === 'object', p).toBeTruthy();
    const keys = new Set([...Object.keys(a), ...Object.keys(b as object)]);
    for (const k of keys) {
      if (skip(p, k)) continue;
      expectClose((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${p}.${k}`, tol, skip);
    }
    return;
  }
  expect(b, p).toEqual(a);
}

/**
 * Same Kano numbers and categories; the accounting and unrecognised answers agree in their counts (a local
 * run names the first rows, an engine the distinct values).
 */
export function expectSameKano(a: KanoResult, b: KanoResult, tol = 1e-9): void {
  expectClose(a.features, b.features, 'features', tol);
  expectClose(a.method, b.method, 'method');
  const acc = (r: KanoResult) => r.accounting.map((x) => ({ question: x.question, answered: x.answered, used: x.used, excluded: x.excluded }));
  expect(acc(b)).toEqual(acc(a));
  const un = (r: KanoResult) => r.unrecognised.map((x) => ({ column: x.column, count: x.count, values: [...new Set(x.values)].sort() }));
  const ua = un(a);
  const ub = un(b);
  expect(ub.map((x) => [x.column, x.count])).toEqual(ua.map((x) => [x.column, x.count]));
  // The engine names distinct values (no row numbers): each is an answer the Kano reader does not know.
  for (const x of ub) {
    expect(x.values.length).toBeGreaterThan(0);
    for (const v of x.values) expect(parseKanoAnswer(v), v).toBeUndefined();
  }
}

// mulberry32
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EN = ['I like it', 'I expect it', 'I am neutral', 'I can live with it', 'I dislike it'];
const ZH = ['我很喜欢', '理应如此', '无所谓', '能忍受', '我很不喜欢'];
const CODED = ['1', '2', '3', '4', '5', ' 2 ', '3.0', '1. 我很喜欢', '5 - I dislike it'];
const BAD = ['sort of', '不知道', '7', '0'];

/**
 * A plain CSV with English, Chinese and coded Kano answers (a few unreadable, off-scale and blank ones), an
 * importance question with "10分", blanks and N/A, segments with blanks and Chinese names, and a weight column.
 */
export function messyKanoCsv(file: string, rows: number, seed = 7): void {
  const r = rng(seed);
  const pick = <T,>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const answer = (pool: string[]) => {
    const u = r();
    return u < 0.03 ? '' : u < 0.05 ? pick(BAD) : u < 0.15 ? pick(CODED) : pick(pool);
  };
  const lines = ['id,region,plan,w,Dark mode_functional,Dark mode_dysfunctional,Dark mode_importance,在线客服_正向,在线客服_反向,chat_func,chat_dysf'];
  for (let i = 0; i < rows; i++) {
    const imp = r() < 0.85 ? String(1 + Math.floor(r() * 10)) : pick(['', 'N/A', '10分', ' 7 ', '非常重要']);
    const w = r() < 0.95 ? (0.5 + r() * 2).toFixed(3) : pick(['', '-1', 'abc']);
    const row = [
      `r${i}`,
      pick(['East', 'West', '华东', '华北', '', 'North']),
      pick(['Basic', 'Pro', 'Team', 'Pro']),
      w,
      answer(EN),
      answer(EN),
      imp,
      answer(ZH),
      answer(ZH),
      answer(CODED.slice(0, 5)),
      answer(CODED.slice(0, 5)),
    ];
    lines.push(row.map((s) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)).join(','));
  }
  writeFileSync(file, lines.join('\n') + '\n');
}

interface TabJson {
  rowLevels: string[];
  counts: number[][];
  rowTotals: number[];
  colPct: number[][];
  letters: string[][];
  tests: { row: number; i: number; j: number }[];
}

/**
 * An engine's crosstab with its rows in the order of `like` (the built-in keeps answers outside a question's
 * choices in first-seen order; an engine has no row order and sorts them by text). The column order and every
 * number are left as they are.
 */
export function alignRows<T extends TabJson>(t: T, like: TabJson): T {
  const at = like.rowLevels.map((l) => t.rowLevels.indexOf(l));
  if (at.some((i) => i < 0) || at.length !== t.rowLevels.length) return t;
  const back = new Map(at.map((old, k) => [old, k]));
  const tests = t.tests.map((x) => ({ ...x, row: back.get(x.row)! })).sort((a, b) => a.row - b.row || a.i - b.i || a.j - b.j);
  return {
    ...t,
    rowLevels: at.map((i) => t.rowLevels[i]!),
    counts: at.map((i) => t.counts[i]!),
    rowTotals: at.map((i) => t.rowTotals[i]!),
    colPct: at.map((i) => t.colPct[i]!),
    letters: at.map((i) => t.letters[i]!),
    tests,
  };
}
