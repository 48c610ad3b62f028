import { describe, expect, it } from 'vitest';
import { shortLabel } from '../../src/cli/drivers.js';

describe('driver labels in the human table', () => {
  it('takes the matrix row text after the last " - ", or the whole question text', () => {
    expect(shortLabel('How satisfied are you with each of the following? - Delivery speed', 'Q4_2')).toBe('Delivery speed');
    expect(shortLabel('您对以下方面的满意度 — 配送速度', 'Q4_2')).toBe('配送速度');
    expect(shortLabel('Overall price', 'price')).toBe('Overall price');
    expect(shortLabel('Q7', 'Q7')).toBe('');
    expect(shortLabel(undefined, 'Q7')).toBe('');
  });
});
