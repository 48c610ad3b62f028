// Shared by the engine tests: the CLI as a user runs it, a messy generated CSV, and the parity check.
import { expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ScoreResult } from '../../src/metrics/score.js';

const root = path.resolve(__dirname, '../..');
export const cx = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env } });

/** Walks two results together: numbers to `tol` (relative above 1), NaN to NaN, the rest equal; `skip` leaves keys out. */
function expectClose(a: unknown, b: unknown, tol: number, skip: (key: string, path: string) => boolean): void {
  const walk = (x: unknown, y: unknown, p: string): void => {
    if (typeof x === 'number' && typeof y === 'number') {
      if (Number.isNaN(x)) expect(Number.isNaN(y), p).toBe(true);
      else expect(Math.abs(x - y), `${p}: ${x} vs ${y}`).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(x)));
      return;
    }
    if (x && typeof x === 'object') {
      expect(y && typeof y === 'object', p).toBeTruthy();
      const keys = new Set([...Object.keys(x), ...Object.keys(y as object)]);
      for (const k of keys) if (!skip(k, p)) walk((x as Record<string, unknown>)[k], (y as Record<string, unknown>)[k], `${p}.${k}`);
      return;
    }
    expect(y, p).toEqual(x);
  };
  walk(a, b, '');
}

/** Compares the numbers and labels of two results (row numbers of excluded answers are built-in only). */
export function expectSameScore(a: ScoreResult, b: ScoreResult, tol = 1e-9): void {
  expectClose(a, b, tol, (k, p) =>
    (p === '' && (k === 'warnings' || k === 'exclusions' || k === 'rows')) ||
    (k === 'examples' && p.endsWith('.accounting')), // engines give distinct values, not rows (counts compared)
  );
  expect(b.exclusions.notNumeric).toBe(a.exclusions.notNumeric);
  expect(b.exclusions.outOfScale).toBe(a.exclusions.outOfScale);
  expect(b.exclusions.badWeight).toBe(a.exclusions.badWeight);
}

// mulberry32
export function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function messyCsv(file: string, rows: number): void {
  const r = rng(42);
  const pick = <T,>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const lines = ['id,date,region,plan,nps,csat,ces,w'];
  for (let i = 0; i < rows; i++) {
    const day = 1 + Math.floor(r() * 27);
    const m = 1 + Math.floor(r() * 12);
    const dd = String(day).padStart(2, '0');
    const mm = String(m).padStart(2, '0');
    const date = r() < 0.9 ? (r() < 0.5 ? `2025-${mm}-${dd}` : `2025-${mm}-${dd} 13:45:00`) : r() < 0.5 ? `${m}/${day}/2025` : r() < 0.5 ? '' : 'soon';
    const u = r();
    const nps = u < 0.85 ? String(Math.floor(r() * 11)) : pick(['', 'N/A', '11', '7.5', '10 - Extremely likely', ' 9 ', '-1', '0 - Not at all likely']);
    const csat = r() < 0.9 ? String(1 + Math.floor(r() * 5)) : pick(['', '6', 'x']);
    const ces = r() < 0.9 ? String(1 + Math.floor(r() * 7)) : '';
    const w = r() < 0.95 ? (0.5 + r() * 2).toFixed(3) : pick(['', '-1', 'abc']);
    const region = pick(['East', 'West', ' East', '华东', '', 'North']);
    lines.push([`r${i}`, date, region, pick(['Basic', 'Pro', 'Team']), nps, csat, ces, w].map((s) => (/[",]/.test(s) ? `"${s}"` : s)).join(','));
  }
  writeFileSync(file, lines.join('\n') + '\n');
}


/**
 * Compares two results field by field: numbers to `tol` (relative above 1), NaN to NaN, everything else
 * equal; row numbers of excluded answers, examples and warnings are built-in only (engines give values).
 */
export function expectSameNumbers(a: unknown, b: unknown, tol = 1e-9): void {
  const skip = new Set(['examples', 'rows', 'values', 'unreadableWarnings', 'warnings']);
  expectClose(a, b, tol, (k) => skip.has(k));
}

/** A messy ratings CSV for key drivers: labels, "5分", full-width digits, −99, off-scale, unreadable, bad weights. */
export function messyDriversCsv(file: string, rows: number): void {
  const r = rng(7);
  const pick = <T,>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const labels = ['非常不满意', '不满意', '一般', '满意', '非常满意'];
  const lines = ['id,overall,speed,price,support,ease,w'];
  const answer = (v: number) => {
    const u = r();
    if (u < 0.8) return String(v);
    if (u < 0.86) return labels[v - 1]!;
    if (u < 0.9) return `${v}分`;
    if (u < 0.92) return String.fromCharCode(0xff10 + v);
    return pick(['', '', '-99', 'n/a', '6', 'abc', ` ${v} `]);
  };
  for (let i = 0; i < rows; i++) {
    const base = 1 + Math.floor(r() * 5);
    const near = (k: number) => Math.min(5, Math.max(1, base + Math.round((r() - 0.5) * k)));
    const w = r() < 0.95 ? (0.5 + r() * 2).toFixed(3) : pick(['', '-1', 'abc']);
    lines.push([`r${i}`, answer(near(2)), answer(near(3)), answer(near(4)), answer(near(3)), answer(near(5)), w].join(','));
  }
  writeFileSync(file, lines.join('\n') + '\n');
}
