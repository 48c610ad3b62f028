// Flat codeframes with the headings people actually use (issue 11): net/code/any, 大类/小类/关键词,
// label/keywords; a clear list of the accepted headings when the columns are not understood.
import { describe, expect, it } from 'vitest';
import { checkCodeframeText, compileCodeframeText, Matcher } from '../../src/text/codeframe/index.js';

describe('flat codeframe headings', () => {
  it('net, code, any: net names the parent, code is the name, ids are assigned', () => {
    const cf = compileCodeframeText('net,code,any\n配送,配送慢,慢 | 迟到 | late\n配送,配送快,准时 | fast\n价格,太贵,贵 | expensive\n', 'cf.csv');
    const byName = (n: string) => cf.codes.find((c) => c.name === n)!;
    expect(byName('配送').net).toBe(true);
    expect(byName('配送慢').parent).toBe(byName('配送').id);
    expect(byName('太贵').parent).toBe(byName('价格').id);
    expect(cf.codes.map((c) => c.id)).toEqual([100, 200, 101, 102, 201]);
    const m = new Matcher(cf);
    expect(m.match('送餐太慢了').matches.map((x) => x.id)).toEqual([100, 101]);
  });
  it('大类, 小类, 关键词 (Chinese headings)', () => {
    const cf = compileCodeframeText('大类,小类,关键词\n客服,客服态度差,态度差|不耐烦\n客服,联系不上,打不通|没人接\n', 'cf.csv');
    expect(cf.codes.map((c) => [c.id, c.name, c.parent ?? null])).toEqual([[100, '客服', null], [101, '客服态度差', 100], [102, '联系不上', 100]]);
  });
  it('id, label, keywords, parent (numeric code column is the id)', () => {
    const cf = compileCodeframeText('code,label,keywords,parent\n10,Delivery,,\n11,Late,late | slow,10\n', 'cf.csv');
    expect(cf.byId.get(11)!.parent).toBe(10);
    expect(cf.byId.get(11)!.name).toBe('Late');
  });
  it('lists the columns found and the accepted headings when it cannot read the codes', () => {
    const { issues } = checkCodeframeText('topic words,stuff\nabc,def\n', 'bad.csv');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]!.message).toMatch(/columns found: topic words, stuff; accepted headings: id, name \(or label \/ code\)/);
    expect(issues[0]!.message).toMatch(/大类, 小类, 关键词/);
  });
});
