import { afterAll, describe, expect, it } from 'vitest';
import { activeSegmenter, isPunct, loadSegmenter, segment, segmentSpans } from '../../src/text/segment.js';

afterAll(async () => {
  await loadSegmenter('jieba');
});

describe('segment (jieba)', () => {
  it('loads jieba and splits Chinese into words, degree adverbs and negators apart', async () => {
    expect(await loadSegmenter('jieba')).toBe('jieba');
    expect(activeSegmenter()).toBe('jieba');
    // jieba gives 菜/不/好吃/，/送餐/也/太慢/了 (TEXT.md §3); cx splits 太慢 → 太|慢
    expect(segment('菜不好吃，送餐也太慢了')).toEqual(['菜', '不', '好吃', '，', '送餐', '也', '太', '慢', '了']);
    expect(segment('客服态度很差')).toEqual(['客服', '态度', '很', '差']);
  });
  it('keeps English words whole and drops whitespace tokens', async () => {
    await loadSegmenter('jieba');
    expect(segment("这个app的UI很难用, but customer service don't care")).toEqual([
      '这个', 'app', '的', 'UI', '很', '难用', ',', 'but', 'customer', 'service', "don't", 'care',
    ]);
    expect(segment('   ')).toEqual([]);
  });
  it('gives offsets into the input', async () => {
    await loadSegmenter('jieba');
    const s = 'ok 送餐快';
    for (const t of segmentSpans(s)) expect(s.slice(t.start, t.end)).toBe(t.text);
  });
});

describe('segment (Intl.Segmenter fallback)', () => {
  it('is selected by name, and loadSegmenter() without a name keeps it (CX_SEGMENTER=intl: test/cli/code.test.ts)', async () => {
    expect(await loadSegmenter('intl')).toBe('intl');
    expect(await loadSegmenter()).toBe('intl');
    expect(activeSegmenter()).toBe('intl');
  });
  it('splits words that jieba keeps (客服 → 客|服) but keeps English whole', async () => {
    await loadSegmenter('intl');
    expect(segment('客服很差')).toEqual(['客', '服', '很', '差']);
    expect(segment('late delivery')).toEqual(['late', 'delivery']);
  });
});

describe('isPunct', () => {
  it('tells punctuation tokens from words', () => {
    expect(isPunct('，')).toBe(true);
    expect(isPunct('!')).toBe(true);
    expect(isPunct('好')).toBe(false);
    expect(isPunct('a')).toBe(false);
  });
});
