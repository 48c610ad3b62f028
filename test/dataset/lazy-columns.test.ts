import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { saveDataset, loadDataset } from '../../src/dataset/store.js';
import { LazyColumns } from '../../src/dataset/lazy-columns.js';
import type { Survey } from '../../src/dataset/types.js';

describe('lazy dataset columns', () => {
  it('reads a column only when a command asks for it, with the same values', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-lazy-'));
    try {
      const s: Survey = {
        source: ['x.csv'],
        platform: 'generic',
        questions: [
          { id: 'nps', label: 'NPS', type: 'nps' },
          { id: 'region', label: 'Region', type: 'category' },
          { id: 'comment', label: 'Comment', type: 'text' },
        ],
        columns: new Map([
          ['nps', { kind: 'num', values: Float64Array.from([10, 6, NaN]) }],
          ['region', { kind: 'str', values: ['East', null, 'West'] }],
          ['comment', { kind: 'str', values: ['ok', 'bad', null] }],
        ]),
        nRows: 3,
        log: [],
      };
      saveDataset(path.join(dir, 'ds'), s);
      const back = await loadDataset(path.join(dir, 'ds'));
      const cols = back.columns as LazyColumns;
      expect(cols).toBeInstanceOf(LazyColumns);
      expect(cols.size).toBe(3);
      expect(cols.has('comment')).toBe(true);
      expect(cols.loadedIds()).toEqual([]);
      const nps = cols.get('nps')!;
      expect(nps.kind).toBe('num');
      expect(Array.from(nps.values as Float64Array)).toEqual([10, 6, NaN]);
      expect(cols.loadedIds()).toEqual(['nps']);
      expect(cols.get('missing')).toBeUndefined();
      // Iterating loads everything, in the stored order of the remaining columns.
      expect([...cols.keys()].sort()).toEqual(['comment', 'nps', 'region']);
      expect(cols.get('region')!.values).toEqual(['East', null, 'West']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
