import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chiSquare, choiceLabels, columnLetter, columnProportionTests, crosstab, crosstabFromCounts, pairCounts } from '../../src/metrics/crosstab.js';
import { multiCounts, multiCrosstab, multiCrosstabFromCounts } from '../../src/metrics/crosstab-multi.js';

const close = (a: number, b: number, tol = 1e-6) => expect(Math.abs(a - b)).toBeLessThan(tol);

describe('X1: chisq.test gender × party (Agresti 2007)', () => {
  it('χ² = 30.0701, df 2, p = 2.9536e-07', () => {
    const r = chiSquare([[762, 327, 468], [484, 239, 477]]);
    close(r.chi2, 30.0701, 5e-5);
    expect(r.df).toBe(2);
    close(r.p, 2.9536e-7, 5e-12);
    // Cramér's V = √(χ²/(N·1)), N = 2757
    close(r.cramersV, Math.sqrt(r.chi2 / 2757), 1e-12);
    expect(r.warning).toBe(false);
    expect(r.yates).toBeUndefined();
  });
});

describe('X2: mtcars am × vs', () => {
  it('z = 0.952304, p = 0.340943, equal to the uncorrected 2×2 χ²', () => {
    const lines = readFileSync(path.resolve(__dirname, '../../fixtures/methods/mtcars.csv'), 'utf8').trim().split('\n').slice(1);
    const vs = lines.map((l) => l.split(',')[5]!);
    const am = lines.map((l) => (l.split(',')[6] === '0' ? 'automatic' : 'manual'));
    const t = crosstab(am, vs, { rowName: 'am', colName: 'vs' });
    expect(t.colLevels).toEqual(['0', '1']);
    expect(t.counts).toEqual([[12, 7], [6, 7]]);
    const test = t.tests.find((x) => x.row === 0)!;
    close(test.z, 0.952304, 5e-7);
    close(test.p, 0.340943, 5e-7);
    close(t.chi2.chi2, 0.906883, 5e-7);
    close(t.chi2.p, 0.340943, 5e-7);
    expect(t.chi2.yates).toBeDefined();
    expect(t.letters).toEqual([['', ''], ['', '']]);
  });
});

describe('X3: three columns with Bonferroni', () => {
  it('z, p, adjusted p and the letter B in column C', () => {
    const counts = [[45, 30, 60], [55, 70, 60]];
    const r = columnProportionTests(counts, [100, 100, 120]);
    const row0 = r.tests.filter((t) => t.row === 0);
    const exp = [[2.19089, 0.02846, 0.085379], [-0.739313, 0.459717, 1], [-3.00427, 0.002662, 0.007987]];
    row0.forEach((t, k) => {
      close(t.z, exp[k]![0]!, 5e-6);
      close(t.p, exp[k]![1]!, 5e-6);
      close(t.pAdj, exp[k]![2]!, 5e-6);
    });
    expect(r.letters[0]).toEqual(['', '', 'B']);
    // the "no" row mirrors it: B's "no" share is larger than C's
    expect(r.letters[1]).toEqual(['', 'C', '']);
  });
  it('skips columns with base < 2 and cells with proportion 0 or 1', () => {
    const r = columnProportionTests([[0, 5, 1], [4, 5, 0]], [4, 10, 1]);
    expect(r.tests.filter((t) => t.row === 0)).toHaveLength(0); // only column B is testable in row 0
    expect(r.tests.filter((t) => t.row === 1)).toHaveLength(0);
  });
});

describe('crosstab', () => {
  it('drops missing pairs, orders numeric levels, computes column % and warns on small expected counts', () => {
    const t = crosstab(['a', 'b', null, 'a', 'b', 'a'], ['10', '2', '2', '2', '', '10']);
    expect(t.colLevels).toEqual(['2', '10']);
    expect(t.rowLevels).toEqual(['a', 'b']);
    expect(t.counts).toEqual([[1, 2], [1, 0]]);
    expect(t.missing).toBe(2);
    close(t.colPct[0]![1]!, 100, 1e-12);
    close(t.colPct[0]![0]!, 50, 1e-12);
    expect(t.chi2.warning).toBe(true);
  });
  it('letters past Z', () => {
    expect(columnLetter(0)).toBe('A');
    expect(columnLetter(25)).toBe('Z');
    expect(columnLetter(26)).toBe('AA');
  });
});

describe('crosstab from counts (the statistics every engine produces)', () => {
  it('pair counts keep missing pairs and first-seen order; the estimate equals the row-level crosstab', () => {
    const rows = ['a', 'b', null, 'a', 'b', 'a'];
    const cols = ['10', '2', '2', '2', '', '10'];
    const cells = pairCounts(rows, cols);
    expect(cells).toEqual([
      { row: 'a', col: '10', n: 2 },
      { row: 'b', col: '2', n: 1 },
      { row: null, col: '2', n: 1 },
      { row: 'a', col: '2', n: 1 },
      { row: 'b', col: '', n: 1 },
    ]);
    expect(crosstabFromCounts(cells, 6)).toEqual(crosstab(rows, cols));
    // a mask leaves rows out before counting
    expect(pairCounts(rows, cols, Uint8Array.from([1, 1, 0, 0, 0, 1]))).toEqual([{ row: 'a', col: '10', n: 2 }, { row: 'b', col: '2', n: 1 }]);
  });
  it('choice labels apply to each distinct text (codes and labels of one answer merge), in the choices\' order', () => {
    const { label, order } = choiceLabels([{ code: '1', label: 'Yes' }, { code: '2', label: 'No' }]);
    // SQL returns cells sorted by text: "1" and "Yes" are the same answer.
    const t = crosstabFromCounts(
      [
        { row: '1', col: 'x', n: 3 },
        { row: '2', col: 'x', n: 1 },
        { row: 'Yes', col: 'y', n: 2 },
        { row: '2', col: 'y', n: 4 },
        { row: null, col: 'y', n: 5 },
      ],
      15,
      { rowLabel: label, rowOrder: order },
    );
    expect(t.rowLevels).toEqual(['Yes', 'No']);
    expect(t.counts).toEqual([[3, 2], [1, 4]]);
    expect(t.total).toBe(10);
    expect(t.missing).toBe(5);
  });
  it('multiple response: respondents by (column, answered) with per-option picks give the row-level result', () => {
    const picks = [[0, 1], [1], null, [], [0], [0, 0, 1]];
    const cols = ['x', 'y', 'x', 'x', null, 'y'];
    const cells = multiCounts(picks, 2, cols);
    expect(cells).toEqual([
      { col: 'x', answered: true, n: 2, selected: [1, 1] },
      { col: 'y', answered: true, n: 2, selected: [1, 2] },
      { col: 'x', answered: false, n: 1, selected: [0, 0] },
      { col: null, answered: true, n: 1, selected: [1, 0] },
    ]);
    const r = multiCrosstabFromCounts(cells, ['a', 'b'], 6);
    expect(r).toEqual(multiCrosstab(picks, ['a', 'b'], cols));
    expect(r.counts).toEqual([[1, 1], [1, 2]]); // a picked twice by one respondent counts once
    expect(r.colTotals).toEqual([2, 2]);
    expect(r.mentions).toEqual([2, 3]);
    expect(r.missing).toBe(2);
  });
});
