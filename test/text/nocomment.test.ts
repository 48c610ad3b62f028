// No-comment answers (issue 11): detected, not coded, not scored, counted apart.
import { describe, expect, it } from 'vitest';
import { isNoComment } from '../../src/text/nocomment.js';
import { analyzeSentiment, summarizeSentiment } from '../../src/text/sentiment/index.js';
import { codeTexts } from '../../src/text/code.js';
import { compileCodeframeText } from '../../src/text/codeframe/index.js';

const NOTHING = ['无', '没有', '没有建议', '暂无', '没意见', '无。', '暂无，谢谢', 'n/a', 'N/A', 'none', 'None.', 'nothing', 'Nothing!', '-', '--', '。。。', '...', '??', 'aaaa', '1111', '哈哈哈哈', '同上', 'same as above', 'Same as above.', 'x', '无意见', '没有什么建议', 'no comment', '／'];
const REAL = ['没有送餐具', '无法登录', 'no spoon', 'None of the food was hot', 'nothing arrived', '送餐慢', 'ok', '好', '不错', '没有问题，很满意', 'same day delivery was great', 'Nothing special.'];

describe('no-comment answers', () => {
  it.each(NOTHING)('says nothing: %s', (t) => expect(isNoComment(t)).toBe(true));
  it.each(REAL)('is a real comment: %s', (t) => expect(isNoComment(t)).toBe(false));
  it('blank is missing, not a no-comment', () => {
    expect(isNoComment('')).toBe(false);
    expect(isNoComment('   ')).toBe(false);
    expect(isNoComment(null)).toBe(false);
  });
  it('sentiment: not scored, counted as noComment, not in n or missing', async () => {
    const r = await analyzeSentiment(['无', '送餐太慢了', null, 'n/a', '很好吃']);
    expect(r[0]!.noComment).toBe(true);
    expect(r[0]!.label).toBe('neutral');
    const s = summarizeSentiment(r);
    expect(s.n).toBe(2);
    expect(s.noComment).toBe(2);
    expect(s.missing).toBe(1);
    expect(s.positive + s.negative).toBe(2);
  });
  it('coding: no codes (not even Other), excluded from the base', async () => {
    const cf = compileCodeframeText('codes:\n  - {id: 1, name: Late, any: [慢]}\n  - {id: 9, name: Other, fallback: true}\n', 'm.yaml');
    const out = await codeTexts(['没有建议', '送餐太慢了', '-', '今天天气'], cf, true);
    expect(out[0]).toMatchObject({ codes: [], empty: true, noComment: true });
    expect(out[0]!.sentiment).toBeUndefined();
    expect(out[2]!.noComment).toBe(true);
    expect(out[1]!.codes.map((k) => cf.codes[k]!.id)).toEqual([1]);
    expect(out[3]!.codes.map((k) => cf.codes[k]!.id)).toEqual([9]);
  });
});
