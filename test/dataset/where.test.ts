import { describe, expect, it } from 'vitest';
import { compileWhere, parseWhere, whereMask } from '../../src/dataset/where.js';
import type { Survey } from '../../src/dataset/types.js';
import { CxError } from '../../src/ui/errors.js';

const survey: Survey = {
  source: ['t.csv'],
  platform: 'generic',
  nRows: 5,
  log: [],
  questions: [
    { id: 'region', label: 'region', type: 'category' },
    { id: 'plan', label: 'Plan type', type: 'category' },
    { id: 'nps', label: 'nps', type: 'nps' },
    { id: 'Q5', label: 'How satisfied?', type: 'rating', role: 'csat' },
    { id: 'tier', label: 'tier', type: 'single', choices: [{ code: '1', label: 'Gold' }, { code: '2', label: 'Silver' }] },
  ],
  columns: new Map([
    ['region', { kind: 'str', values: ['华东', '华北', '华东', null, '华南'] }],
    ['plan', { kind: 'str', values: ['Basic', 'Pro', 'Pro', 'Team', null] }],
    ['nps', { kind: 'num', values: Float64Array.from([10, 9, 3, NaN, 7]) }],
    ['tier', { kind: 'num', values: Float64Array.from([1, 2, 1, 2, NaN]) }],
    ['Q5', { kind: 'num', values: Float64Array.from([5, 4, 3, 2, 1]) }],
  ]),
};
const rows = (expr: string) => Array.from(whereMask(survey, expr)).flatMap((v, i) => (v ? [i] : []));

describe('--where evaluation', () => {
  it.each([
    ['region = "华东" and plan != "Basic"', [2]],
    ['nps >= 9', [0, 1]],
    ['nps < 9 or region = "华北"', [1, 2, 4]],
    ['not (nps >= 9)', [2, 3, 4]], // missing nps fails nps >= 9, so not() keeps row 3
    ['region in ("华北", "华南")', [1, 4]],
    ['region not in ("华北", "华南")', [0, 2, 3]],
    ['plan != "Basic"', [1, 2, 3, 4]], // missing passes !=
    ['`Plan type` = "Pro"', [1, 2]], // by label, backticked
    ['nps is missing', [3]],
    ['plan is not null', [0, 1, 2, 3]],
    ['tier = "Gold"', [0, 2]], // choice label → code
    ["region == '华东' && nps > 5", [0]],
    ['NPS <= 3', [2]], // case-insensitive id
    ['csat >= 4', [0, 1]], // role alias → Q5
    ['(nps = 10 or nps = 3) and not region = "华北"', [0, 2]],
  ])('%s', (expr, expected) => expect(rows(expr)).toEqual(expected));
  it('compileWhere gives a row predicate', () => {
    const f = compileWhere('nps >= 9');
    expect([0, 1, 2].map((i) => f(survey, i))).toEqual([true, true, false]);
  });
});

describe('--where errors', () => {
  const err = (expr: string) => {
    try {
      parseWhere(expr);
    } catch (e) {
      expect(e).toBeInstanceOf(CxError);
      expect((e as CxError).exitCode).toBe(2);
      return (e as CxError).message;
    }
    throw new Error('no error');
  };
  it.each([
    ['region = ', 'position 10'],
    ['region = "华东', 'position 10'],
    ['(nps > 3', 'position 9'],
    ['nps > 3 nps < 5', 'position 9'],
    ['region = 华东', 'quote text values'],
    ['nps 3', 'expected an operator'],
    ['nps in 3', 'expected "(" after "in"'],
    ['= 3', 'expected a column name'],
    ['a & b', 'position 3'],
    ['', 'empty'],
  ])('%s → %s', (expr, msg) => expect(err(expr)).toContain(msg));
  it('an unknown column lists the columns', () => {
    expect(() => whereMask(survey, 'regio = "x"')).toThrow(/no column named "regio".*region/);
  });
  it('never evaluates code', () => {
    expect(() => parseWhere('process.exit(1)')).toThrow(CxError);
  });
});

describe('--where on a text column compared with a number (QA)', () => {
  it('region > 5 is bad input naming the column (every row would silently fail), exit 2', () => {
    let err: unknown;
    try {
      whereMask(survey, 'region > 5');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CxError);
    expect((err as CxError).exitCode).toBe(2);
    expect((err as Error).message).toMatch(/column region holds text, not numbers/);
    // a numeric literal against numeric text still works: nps is numeric; region = "华东" still a text test
    expect(rows('nps > 5')).toEqual([0, 1, 4]);
  });
});
