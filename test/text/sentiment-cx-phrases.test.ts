// Regression list of CX phrases the zero-config scorer got wrong (issue 11): frequency adverbs carried
// positive weight (经常/总是 in NTUSD), app failures and annoyance were neutral, "too"+adjective and
// "way too" were neutral or positive. Each phrase's expected sign is what a reader would say.
import { describe, expect, it } from 'vitest';
import { analyzeSentiment } from '../../src/text/sentiment/index.js';

const NEGATIVE = [
  'App 经常闪退', '总是闪退，很烦', '老是卡顿', '页面白屏', '经常掉线', '莫名其妙扣费', '烦死了', '很烦', '太贵了', '价格太贵',
  '味道太甜了', '一份也没有，没有给餐具', '还没到', '客服态度不好', '支付失败',
  'Delivery fee is way too high.', 'Too expensive.', 'The app keeps crashing.', 'It always freezes at checkout.',
  'Lots of glitches since the update.', 'The app often crashes.', 'Too politically correct.', 'Do not waste your time.',
  "Don't even waste your money on this.", 'terrible support', 'Never got my order.',
];
const POSITIVE = ['总是很准时', '经常点，味道一直很好', 'The courier is always friendly.', 'Me too, great food too.', '客服态度很好'];
const NEUTRAL = ['经常', '总是', 'often', 'always'];

describe('CX sentiment regression phrases', () => {
  it.each(NEGATIVE)('negative: %s', async (t) => {
    const [r] = await analyzeSentiment([t]);
    expect(r!.label).toBe('negative');
  });
  it.each(POSITIVE)('positive: %s', async (t) => {
    const [r] = await analyzeSentiment([t]);
    expect(r!.label).toBe('positive');
  });
  it.each(NEUTRAL)('neutral (frequency adverb alone): %s', async (t) => {
    const [r] = await analyzeSentiment([t]);
    expect(r!.label).toBe('neutral');
  });
});
