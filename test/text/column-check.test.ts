import { describe, expect, it } from 'vitest';
import { categoryReason, columnShape } from '../../src/text/column-check.js';

describe('category-like comment column (QA text-1)', () => {
  it('5 region names over 40 rows are a category', () => {
    const regions = ['East', 'West', '华东', '华北', '华南'];
    const texts = Array.from({ length: 40 }, (_, i) => regions[i % 5]!);
    expect(columnShape(texts)).toEqual({ n: 40, distinct: 5, numeric: 0 });
    expect(categoryReason(columnShape(texts))).toBe('few-distinct');
  });
  it('NPS scores given as text are numbers', () => {
    const s = columnShape(['9', '10', ' 7 ', '', null, '3', '8']);
    expect(s).toEqual({ n: 5, distinct: 5, numeric: 5 });
    expect(categoryReason(s)).toBe('numbers');
  });
  it('real comments, even short Chinese ones, are fine; fewer than 20 rows say nothing', () => {
    const comments = Array.from({ length: 30 }, (_, i) => `很好吃${i}`);
    expect(categoryReason(columnShape(comments))).toBeUndefined();
    expect(categoryReason(columnShape(['ok', 'ok', 'bad', 'ok']))).toBeUndefined();
  });
  it('13 distinct values in 300 rows: above 12 but under 5% (15) → category; 16 distinct → fine', () => {
    const mk = (k: number) => Array.from({ length: 300 }, (_, i) => `city ${i % k}`);
    expect(categoryReason(columnShape(mk(13)))).toBe('few-distinct');
    expect(categoryReason(columnShape(mk(16)))).toBeUndefined();
  });
});
