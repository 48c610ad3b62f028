// Aspect coding + topic sentiment (issue 11) on the hand-labelled comments in fixtures/aspects/ (see
// PROVENANCE.md). Targets of the issue: topic precision ≥ 0.80, recall ≥ 0.60, topic-sentiment accuracy ≥ 0.75.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCodeframe, compileCodeframeText, Matcher } from '../../src/text/codeframe/index.js';
import { codeTexts } from '../../src/text/code.js';
import { parseTopicTsv, scoreTopics } from '../../src/text/codeframe/topic-eval.js';

const root = path.resolve(__dirname, '../..');
const cf = loadCodeframe(path.join(root, 'fixtures/codeframes/cx-default.yaml'));
const items = ['zh', 'en'].flatMap((l) => parseTopicTsv(readFileSync(path.join(root, `fixtures/aspects/cx-aspects-${l}.tsv`), 'utf8')));

describe('default codeframe on the labelled aspect set', () => {
  it('has at least 300 labelled comments', () => expect(items.length).toBeGreaterThanOrEqual(300));
  it('topic precision ≥ 0.80, recall ≥ 0.60, topic-sentiment accuracy ≥ 0.75 (whole set and held-out half)', async () => {
    const coded = await codeTexts(items.map((x) => x.text), cf, true);
    const all = scoreTopics(cf, items, coded);
    expect(all.precision).toBeGreaterThanOrEqual(0.8);
    expect(all.recall).toBeGreaterThanOrEqual(0.6);
    expect(all.sentimentAccuracy).toBeGreaterThanOrEqual(0.75);
  });
});

describe('aspect codes', () => {
  const ids = (m: Matcher, t: string) => m.match(t).matches.map((x) => x.id);
  it('the issue examples: 客服态度不好 and "terrible support" are support complaints, not Other', () => {
    const m = new Matcher(cf);
    expect(ids(m, '客服态度不好')).toEqual(expect.arrayContaining([300, 302]));
    expect(ids(m, '客服态度不好')).not.toContain(998);
    expect(ids(m, 'terrible support')).toEqual(expect.arrayContaining([300, 302]));
    expect(ids(m, 'terrible support')).not.toContain(301);
  });
  it('match an aspect term in a clause of the right sentiment, with negation and contrast', () => {
    const m = new Matcher(compileCodeframeText(`
codes:
  - id: 1
    name: Support
    children:
      - { id: 2, name: Support +, sentiment: positive, aspect: [客服, support] }
      - { id: 3, name: Support -, sentiment: negative, aspect: [客服, support] }
      - { id: 4, name: Support any, sentiment: any, aspect: [客服, support] }
  - { id: 9, name: Other, fallback: true }
`, 'a.yaml'));
    expect(ids(m, '客服很耐心')).toEqual([1, 2, 4]);
    expect(ids(m, '客服不耐心')).toEqual([1, 3, 4]); // negation flips the clause
    expect(ids(m, '菜很好吃，但是客服太差了')).toEqual([1, 3, 4]); // the praise is in another clause
    expect(ids(m, 'The food was great but support was useless')).toEqual([1, 3, 4]); // contrast starts a clause
    expect(ids(m, '联系不上客服')).toEqual([1, 3, 4]); // the negator before the aspect does not hide it
    expect(ids(m, '我打了客服电话')).toEqual([1, 4]); // no sentiment: only the "any" code
    expect(ids(m, '菜很好吃')).toEqual([9]);
  });
  it('every coded comment carries topic sentiment per code (the clauses where it matched)', async () => {
    const [r] = await codeTexts(['送餐很快，但是客服态度很差'], cf, true);
    const at = (id: number) => r!.codeLabels![r!.codes.findIndex((k) => cf.codes[k]!.id === id)];
    expect(at(102)).toBe('positive');
    expect(at(302)).toBe('negative');
    expect(at(300)).toBe('negative');
  });
  it('a code with sentiment but no aspect and a sentiment-free clause gets its declared polarity', async () => {
    const [r] = await codeTexts(['少送了一份米饭'], cf, true);
    const j = r!.codes.findIndex((k) => cf.codes[k]!.id === 106);
    expect(j).toBeGreaterThanOrEqual(0);
    expect(r!.codeLabels![j]).toBe('negative');
  });
  it('mixed is not a polarity an aspect can require', () => {
    expect(() => compileCodeframeText('codes:\n  - { id: 1, name: x, sentiment: mixed, aspect: [客服] }\n', 'b.yaml')).toThrow(/aspect code needs sentiment/);
  });
});
