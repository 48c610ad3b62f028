// Matching: every expectation below was decided by reading the comment, not by running the matcher.
import { afterAll, describe, expect, it } from 'vitest';
import path from 'node:path';
import { compileCodeframeText, loadCodeframe, Matcher } from '../../src/text/codeframe/index.js';
import { loadSegmenter } from '../../src/text/segment.js';

const root = path.resolve(__dirname, '../..');

const CF = `
codeframe: test
codes:
  - id: 100
    name: Delivery
    net: true
    children:
      - id: 101
        name: Late delivery
        any: [迟到, late, "took forever", 等了*]
        query: (送餐 OR 配送 OR delivery) NEAR/3 (慢 OR slow)
      - id: 102
        name: Courier attitude
        all: [[骑手, 小哥, courier], [态度, rude]]
  - id: 200
    name: Taste
    net: true
    children:
      - { id: 201, name: Tasty, any: [好吃, good, tasty] }
      - { id: 202, name: Not tasty, any: [难吃, 不好吃, bland] }
      - { id: 203, name: Tasty, negated, negation: only, any: [好吃, good] }
  - { id: 300, name: Support, any: [客服, 售后, customer service] }
  - { id: 301, name: Refund, any: [退款, refund*], none: ["退款成功"] }
  - { id: 302, name: Support and refund, query: "@300 AND @301" }
  - { id: 303, name: App before crash, query: "app BEFORE/2 crash*" }
  - { id: 304, name: Minutes, any: ["/\\\\d+ ?(min|分钟)/"] }
  - { id: 305, name: colour, any: [colo?r] }
  - { id: 306, name: Comment scope, scope: comment, all: [[price], [slow]] }
  - { id: 307, name: Whole words, any: ['"fee"'] }
  - { id: 308, name: Ignore negation, negation: include, any: [满意] }
  - { id: 999, name: Other, fallback: true }
`;

let m: Matcher;
const codes = (s: string): number[] => m.match(s).matches.map((x) => x.id);

afterAll(async () => {
  await loadSegmenter('jieba');
});

for (const seg of ['jieba', 'intl'] as const) {
  describe(`matching with ${seg}`, () => {
    it('loads', async () => {
      await loadSegmenter(seg);
      m = new Matcher(compileCodeframeText(CF));
    });
    it('negation: 不好吃 is not 好吃, "not good" is not good', () => {
      expect(codes('菜不好吃')).toEqual([200, 202, 203]);
      expect(codes('菜很好吃')).toEqual([200, 201]);
      expect(codes('the food was not good')).toEqual([200, 203]);
      expect(codes('the food was good')).toEqual([200, 201]);
      // double negation 没有不好吃 (two negators before 好吃: even) counts as 好吃
      expect(codes('没有不好吃的')).toContain(201);
      // a negator in another clause does not reach: 不贵，好吃
      expect(codes('不贵，好吃')).toEqual([200, 201]);
      // negation: include ignores negators
      expect(codes('不满意')).toEqual([308]);
    });
    it('does not match a word inside another word (快 vs 快递 style): 客服 term, 客 alone is no term', () => {
      expect(codes('late delivery')).toEqual([100, 101]);
      expect(codes('the latest app')).toEqual([999]);
    });
    it('phrases, wildcards and regexes', () => {
      // "took forever" is one of 101's terms, refund* is 301
      expect(codes('the refund took forever')).toEqual([100, 101, 301]);
      expect(codes('等了一个多小时')).toEqual([100, 101]);
      expect(codes('waited 45 min')).toEqual([304]);
      expect(codes('等了30分钟')).toEqual([100, 101, 304]);
      // ? is exactly one character: colo?r = colour, not color
      expect(codes('nice colour')).toEqual([305]);
      expect(codes('nice color')).toEqual([999]);
      expect(codes('delivery fee too high')).toEqual([307]);
      expect(codes('coffee')).toEqual([999]);
    });
    it('NEAR counts words between terms; BEFORE keeps the order', () => {
      // 送餐|也|太|慢: 慢 is 3 words after 送餐
      expect(codes('送餐也太慢了')).toEqual([100, 101]);
      // delivery … slow 5 words apart → no
      expect(codes('delivery was really very extremely slow')).toEqual([999]);
      expect(codes('slow delivery')).toEqual([100, 101]);
      expect(codes('the app keeps crashing')).toEqual([303]);
      expect(codes('crashes in the app')).toEqual([999]);
    });
    it('all = AND of OR-groups, evaluated per sentence', () => {
      expect(codes('外卖小哥态度很差')).toEqual([100, 102]);
      expect(codes('外卖小哥很快。态度很差')).toEqual([999]);
      expect(codes('外卖小哥很快\n态度很差')).toEqual([999]); // a line break ends a sentence too
      // scope: comment lets the groups sit in different sentences
      expect(codes('the price is ok. the app is so slow')).toEqual([306]);
      expect(codes('the price is ok')).toEqual([999]);
    });
    it('@code references and sentence-scoped exclusions', () => {
      expect(codes('客服帮我退款了')).toEqual([300, 301, 302]);
      expect(codes('退款成功')).toEqual([999]);
      // the exclusion only removes the refund of its own sentence
      expect(codes('退款成功。another refund is pending')).toEqual([301]);
    });
    it('English stems: plural and -ing forms match', () => {
      expect(codes('the customer services were slow')).toEqual([300]);
      expect(codes('refunding took ages')).toEqual([301]);
    });
    it('nets count once, fallback only when nothing matched, empty comments get nothing', () => {
      expect(codes('迟到，而且骑手态度很差')).toEqual([100, 101, 102]);
      expect(codes('今天天气不错')).toEqual([999]);
      expect(codes('   ')).toEqual([]);
    });
    it('normalises Traditional Chinese and full-width text first', () => {
      expect(codes('客服態度很差')).toEqual([300]);
      expect(codes('ＬＡＴＥ again')).toEqual([100, 101]);
    });
  });
}

describe('jieba and Intl.Segmenter give the same codes', () => {
  it('on a set of comments with words Intl splits (客服, 售后, 发货, 送餐)', async () => {
    const comments = [
      '客服态度很差，售后不给退款', '发货太慢了，等了三天', '送餐很快，小哥态度很好', '菜不好吃，而且凉了',
      'App经常闪退，支付失败', '价格太贵了，性价比不高', 'Delivery was late and the courier was rude',
      '联系客服很难，问题没有解决', '優惠券很好用', '配送速度还可以，偶尔会晚一点', '质量不错，包装也好',
    ];
    const file = path.join(root, 'fixtures/codeframes/cx-default.yaml');
    await loadSegmenter('jieba');
    const a = new Matcher(loadCodeframe(file));
    const ja = comments.map((c) => a.match(c).matches.map((x) => x.id));
    await loadSegmenter('intl');
    const b = new Matcher(loadCodeframe(file));
    const ib = comments.map((c) => b.match(c).matches.map((x) => x.id));
    expect(ib).toEqual(ja);
    // and they are right: hand-read expectations for a few
    expect(ja[0]).toEqual(expect.arrayContaining([302, 601]));
    expect(ja[1]).toEqual(expect.arrayContaining([101]));
    expect(ja[3]).toEqual(expect.arrayContaining([403, 107]));
    expect(ja[3]).not.toContain(401);
    expect(ja[7]).toEqual(expect.arrayContaining([303, 305]));
    expect(ja[7]).not.toContain(304);
  });
});

describe('nets with terms of their own', () => {
  it('match on their own terms or through a child, once', async () => {
    await loadSegmenter('jieba');
    const mm = new Matcher(compileCodeframeText(`
codes:
  - id: 1
    name: Logistics
    any: [物流, logistics]
    children:
      - { id: 2, name: Slow, any: [太慢] }
  - { id: 9, name: Other, fallback: true }
`));
    const ids = (s: string) => mm.match(s).matches.map((x) => x.id);
    expect(ids('物流很好')).toEqual([1]);
    expect(ids('发货太慢')).toEqual([1, 2]);
    // a net matching on its own terms counts as coded: the fallback is only for comments nothing matched
    expect(ids('nothing here')).toEqual([9]);
  });
});

describe('match: substring', () => {
  it('turns bare list terms into raw substrings (codeframe default or per code)', async () => {
    await loadSegmenter('jieba');
    const mm = new Matcher(compileCodeframeText(`
defaults: { match: substring }
codes:
  - { id: 1, name: Fast, any: [快] }
  - { id: 2, name: Fast words, match: lemma, any: [快] }
`));
    // 快递 is one word: the word match (code 2) does not fire inside it, the substring match (code 1) does
    expect(mm.match('快递到了').matches.map((x) => x.id)).toEqual([1]);
    expect(mm.match('很快').matches.map((x) => x.id)).toEqual([1, 2]);
  });
});
