import { describe, expect, it } from 'vitest';
import { discoverThemes } from '../../src/text/themes.js';
import { themesToYaml } from '../../src/text/themes-yaml.js';
import { compileCodeframeText } from '../../src/text/codeframe/index.js';
import { activeSegmenter } from '../../src/text/segment.js';

const late = ['The delivery driver was late again', 'delivery driver late, again!', 'Late delivery driver.', 'again the delivery driver is late', 'driver late with my delivery again', 'late delivery driver again today', 'Delivery driver came late again', 'again late: delivery driver'];
const cold = ['Cold pizza and soggy fries', 'soggy fries, cold pizza', 'pizza cold, fries soggy', 'fries were soggy and the pizza cold', 'cold soggy pizza fries', 'Pizza: cold. Fries: soggy.', 'soggy fries with cold pizza', 'the pizza was cold and fries soggy'];

describe('discoverThemes', () => {
  it('groups co-occurring keywords into separate themes with counts (8 + 8 comments)', async () => {
    const r = await discoverThemes([...late, ...cold, null, '  '], { top: 5 });
    expect(r.n).toBe(16);
    const themeOf = (term: string) => r.themes.findIndex((t) => t.terms.some((x) => x.term === term));
    expect(themeOf('delivery')).toBeGreaterThanOrEqual(0);
    expect(themeOf('pizza')).toBeGreaterThanOrEqual(0);
    expect(themeOf('driver')).toBe(themeOf('delivery'));
    expect(themeOf('soggy')).toBe(themeOf('pizza'));
    expect(themeOf('pizza')).not.toBe(themeOf('delivery'));
    const d = r.themes[themeOf('delivery')]!;
    // every one of the 8 "late" comments contains "delivery" and "driver"; none of the others does
    expect(d.terms.find((x) => x.term === 'delivery')!.count).toBe(8);
    expect(d.count).toBe(8);
    expect(d.pct).toBe(50);
    expect(d.examples.length).toBeGreaterThan(0);
    expect(late).toContain(d.examples[0]);
  });

  it('Chinese comments: jieba keywords, no stop-words, YAML accepted by the codeframe parser', async () => {
    const slow = ['送餐太慢了，等了一个小时', '等了两个小时才送到', '送餐速度太慢，一个小时才到', '超过一个小时，送餐太慢', '送餐慢，等了快一个小时', '一个小时才送到，太慢了'];
    const taste = ['味道很好，分量很足', '分量足，味道不错', '味道好，分量也足', '分量很足味道也好', '味道正宗，分量足', '这家味道好分量足'];
    const r = await discoverThemes([...slow, ...taste], { top: 4 });
    const all = r.themes.flatMap((t) => t.terms.map((x) => x.term));
    // jieba's TF-IDF ranks the Chinese keywords whenever the addon loaded
    expect(r.method).toBe(activeSegmenter() === 'jieba' ? 'jieba-tfidf' : 'tfidf');
    expect(all).toContain('味道');
    expect(all).toContain('小时');
    expect(all).not.toContain('这家');
    const themeOf = (term: string) => r.themes.findIndex((t) => t.terms.some((x) => x.term === term));
    expect(themeOf('味道')).not.toBe(themeOf('小时'));
    const yaml = themesToYaml(r, { source: 'x.csv', column: 'comment', date: '2026-01-02' });
    expect(yaml).toContain('version: "draft-2026-01-02"');
    expect(yaml).toMatch(/# \d+ comments \(\d+\.\d%\): /);
    const cf = compileCodeframeText(yaml, 'draft.yaml');
    // one code per theme plus the fallback "Other"
    expect(cf.codes).toHaveLength(r.themes.length + 1);
    expect(cf.codes.find((c) => c.name === '其他 Other')?.fallback).toBe(true);
  });

  it('quotes terms that YAML would otherwise turn into booleans or numbers', async () => {
    const texts = Array.from({ length: 6 }, (_, i) => `yes 3.10 ${i % 2 ? 'null' : 'true'} on off`);
    const r = await discoverThemes(texts, { top: 3 });
    const cf = compileCodeframeText(themesToYaml(r, { source: 'a', column: 'b' }), 'd.yaml');
    expect(cf.codes.length).toBe(r.themes.length + 1);
  });
});

describe('theme stop-lists, examples and merging into a codeframe (issue 11)', () => {
  it('never proposes places, weekdays, dates, order vocabulary or function words; three examples per theme', async () => {
    const { discoverThemes } = await import('../../src/text/themes.js');
    const base = ['北京 周三 订单号 来说 送餐太慢了，等了一个小时', '上海 星期五 订单号 来说 送餐太慢，饭都凉了', '广州 3月 订单号 来说 送餐太慢了', '杭州 周末 订单号 来说 送餐太慢，差评',
      '北京 周三 订单号 来说 客服态度很差', '上海 星期五 订单号 来说 客服态度差，不回复', '广州 3月 订单号 来说 客服态度太差', '杭州 周末 订单号 来说 客服态度差劲', '无', 'n/a'];
    const texts = base.flatMap((t) => [t, t + '！', t + '。']);
    const r = await discoverThemes(texts, { top: 5 });
    const terms = r.themes.flatMap((t) => t.terms.map((x) => x.term));
    for (const bad of ['北京', '上海', '广州', '杭州', '周三', '星期五', '周末', '3月', '订单号', '来说']) expect(terms).not.toContain(bad);
    expect(terms.some((t) => t.includes('客服') || t.includes('态度'))).toBe(true);
    for (const t of r.themes) expect(t.examples.length).toBe(3);
    expect(r.n).toBe(24); // the six no-comment answers are not counted
  });
  it('marks a theme that an existing code already covers', async () => {
    const { discoverThemes } = await import('../../src/text/themes.js');
    const { compileCodeframeText } = await import('../../src/text/codeframe/index.js');
    const cf = compileCodeframeText('codes:\n  - { id: 7, name: 客服差, any: [客服] }\n  - { id: 9, name: Other, fallback: true }\n', 'c.yaml');
    const texts = Array.from({ length: 6 }, (_, i) => [`客服态度很差${i}`, `送餐太慢了${i}`]).flat();
    const r = await discoverThemes(texts, { top: 4, codeframe: cf });
    const support = r.themes.find((t) => t.terms.some((x) => x.term.includes('客服') || x.term.includes('态度')))!;
    expect(support.mergeInto).toMatchObject({ id: 7, name: '客服差' });
    const late = r.themes.find((t) => t.terms.some((x) => x.term.includes('送餐') || x.term.includes('太慢')));
    if (late) expect(late.mergeInto).toBeUndefined();
  });
});
