// The built-in engine's fast paths on a loaded dataset (dictionary codes for --by, stored times for
// --period) must give exactly what the general per-row paths give on the same values in memory.
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Column, Survey } from '../../src/dataset/types.js';
import { loadDataset, saveDataset } from '../../src/dataset/store.js';
import { columnPeriodCodes, dayNumber } from '../../src/dataset/period.js';
import { groupCodes } from '../../src/dataset/select.js';
import { scoreSurvey } from '../../src/metrics/score.js';

const MS_DAY = 86_400_000;
const tmp = () => mkdtempSync(path.join(tmpdir(), 'cx-fast-'));

/** A small deterministic generator (no Math.random: the test must be the same every run). */
function lcg(seed: number) {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

function survey(cols: Record<string, Column>, n: number, types: Record<string, string>): Survey {
  return {
    source: ['x.csv'],
    platform: 'generic',
    encoding: 'utf-8',
    questions: Object.keys(cols).map((id) => ({ id, label: id, type: (types[id] ?? 'category') as 'category' })),
    columns: new Map(Object.entries(cols)),
    nRows: n,
    dateColumn: 'when',
    log: [],
  };
}

describe('period codes of stored times (dataset date columns)', () => {
  const stored = (ms: number[]): Column => ({ kind: 'str', values: [], epochMs: Float64Array.from(ms) });
  const at = (y: number, m: number, d: number, h = 0) => dayNumber(y, m, d) * MS_DAY + h * 3_600_000;

  it('labels ISO weeks across week-year boundaries, in chronological order, missing times −1', () => {
    const ms = [
      at(2021, 1, 3, 23), // Sunday: still 2020-W53
      NaN,
      at(2020, 12, 28), // Monday of 2020-W53
      at(2024, 12, 30, 12), // Monday: 2025-W01
      at(2027, 1, 1), // Friday: 2026-W53 (2026 starts on a Thursday)
      at(2026, 1, 1), // Thursday: 2026-W01
      at(2021, 1, 4), // Monday: 2021-W01
    ];
    const { codes, labels } = columnPeriodCodes(stored(ms), 'week');
    expect(labels).toEqual(['2020-W53', '2021-W01', '2025-W01', '2026-W01', '2026-W53']);
    expect(Array.from(codes)).toEqual([0, -1, 0, 2, 4, 3, 1]);
  });

  it('agrees with the text path on 20,000 random times over six years, for every unit', () => {
    const r = lcg(7);
    const n = 20_000;
    const ms: number[] = [];
    const texts: (string | null)[] = [];
    const d0 = dayNumber(2022, 11, 20);
    for (let i = 0; i < n; i++) {
      if (r() < 0.03) {
        ms.push(NaN);
        texts.push(null);
        continue;
      }
      const day = d0 + Math.floor(r() * 6 * 366);
      const sec = Math.floor(r() * 86_400);
      const t = day * MS_DAY + sec * 1000;
      ms.push(t);
      texts.push(new Date(t).toISOString().slice(0, 19).replace('T', ' '));
    }
    for (const unit of ['day', 'week', 'month', 'quarter'] as const) {
      const fast = columnPeriodCodes(stored(ms), unit);
      const slow = columnPeriodCodes({ kind: 'str', values: texts }, unit);
      expect(fast.labels).toEqual(slow.labels);
      expect(Array.from(fast.codes)).toEqual(Array.from(slow.codes));
    }
  });

  it('no time at all: every row −1 and no periods; an infinite time counts as missing', () => {
    expect(columnPeriodCodes(stored([NaN, NaN]), 'week')).toEqual({ codes: Int32Array.from([-1, -1]), labels: [] });
    const { codes, labels } = columnPeriodCodes(stored([Infinity, at(2026, 3, 5), -Infinity]), 'month');
    expect(labels).toEqual(['2026-03']);
    expect(Array.from(codes)).toEqual([-1, 0, -1]);
  });

  it('times more than 11,000 years apart still get their periods (no table that wide)', () => {
    const { codes, labels } = columnPeriodCodes(stored([at(15000, 6, 15), at(1, 1, 1), NaN]), 'month');
    expect(labels).toEqual(['0001-01', '15000-06']);
    expect(Array.from(codes)).toEqual([1, 0, -1]);
  });
});

describe('group codes of dictionary-encoded columns', () => {
  it('same groups, keys and order as the per-row path (blank = missing, natural order, missing last)', async () => {
    const pick = ['a10', 'North', 'a9', '', 'north', '  ', '华东', null, 'a9'];
    const n = 900;
    const region = Array.from({ length: n }, (_, i) => pick[(i * 7) % pick.length]!);
    const nps = Float64Array.from({ length: n }, (_, i) => i % 11);
    const s = survey({ region: { kind: 'str', values: region }, nps: { kind: 'num', values: nps } }, n, { nps: 'nps' });
    const dir = path.join(tmp(), 'ds');
    saveDataset(dir, s);
    const back = await loadDataset(dir);
    const col = back.columns.get('region')!;
    expect(col.kind === 'str' && col.dict).toBeTruthy(); // the fast path is the one under test
    const fast = groupCodes(back, ['region']);
    const slow = groupCodes(s, ['region']);
    expect(fast.keys).toEqual(slow.keys);
    expect(Array.from(fast.codes)).toEqual(Array.from(slow.codes));
    // Natural order (a9 before a10), the blank texts and null together as the missing group, last.
    expect(fast.keys.map((k) => k.region)).toEqual(['a9', 'a10', 'north', 'North', '华东', null]);
    // Two columns at once (one dictionary, one not).
    const two = groupCodes(back, ['region', 'nps']);
    const twoSlow = groupCodes(s, ['region', 'nps']);
    expect(two.keys).toEqual(twoSlow.keys);
    expect(Array.from(two.codes)).toEqual(Array.from(twoSlow.codes));
  });

  it('reading values gives the texts (and then drops the stored codes); replacing them drops the codes', async () => {
    const n = 2000;
    const region = Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : ['x', 'y'][i % 2]!));
    const dir = path.join(tmp(), 'ds');
    saveDataset(dir, survey({ region: { kind: 'str', values: region } }, n, {}));
    const col = (await loadDataset(dir)).columns.get('region')!;
    if (col.kind !== 'str') throw new Error('str');
    expect(col.dict).toBeDefined();
    expect(col.values).toEqual(region);
    expect(col.dict).toBeUndefined(); // the texts may change now: grouping reads them, not the codes
    col.values[1] = 'w'; // (in place)
    expect(groupCodes({ ...survey({ region: col }, n, {}), nRows: n }, ['region']).keys.map((k) => k.region)).toEqual(['w', 'x', 'y', null]);
    const other = (await loadDataset(dir)).columns.get('region')!;
    if (other.kind !== 'str') throw new Error('str');
    other.values = region.map(() => 'z');
    expect(other.dict).toBeUndefined();
    expect(other.values[0]).toBe('z');
  });
});

describe('scoreSurvey on a loaded dataset equals the same data in memory', () => {
  it('NPS by region and ISO week, with and without --where and --weight', async () => {
    const r = lcg(11);
    const n = 5000;
    const regions = ['East', 'West', 'North', ''];
    const region: (string | null)[] = [];
    const when: (string | null)[] = [];
    const nps = new Float64Array(n);
    const w = new Float64Array(n);
    const d0 = dayNumber(2025, 12, 1);
    for (let i = 0; i < n; i++) {
      region.push(r() < 0.02 ? null : regions[Math.floor(r() * regions.length)]!);
      when.push(r() < 0.02 ? null : new Date((d0 + Math.floor(r() * 70)) * MS_DAY + 3_600_000).toISOString().slice(0, 19).replace('T', ' '));
      nps[i] = r() < 0.05 ? NaN : Math.floor(r() * 11);
      w[i] = 0.5 + r();
    }
    const s = survey(
      { region: { kind: 'str', values: region }, when: { kind: 'str', values: when }, NPS: { kind: 'num', values: nps }, w: { kind: 'num', values: w } },
      n,
      { NPS: 'nps', when: 'date', w: 'number' },
    );
    const dir = path.join(tmp(), 'ds');
    saveDataset(dir, s);
    for (const extra of [{}, { where: 'region != "West"' }, { weight: 'w' }]) {
      const spec = { metric: 'nps' as const, by: ['region'], period: 'week' as const, ...extra };
      const back = await loadDataset(dir);
      const a = scoreSurvey(back, spec);
      const b = scoreSurvey(s, spec);
      expect(a).toEqual(b);
    }
    // Counts checked by hand from the rows: every valid answer once overall.
    const valid = Array.from(nps).filter((v) => v === v).length;
    const all = scoreSurvey(await loadDataset(dir), { metric: 'nps', by: ['region'], period: 'week' });
    expect(all.overall.n).toBe(valid);
    expect(all.groups!.reduce((t, g) => t + g.n, 0)).toBe(valid);
  });
});
