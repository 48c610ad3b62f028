import { describe, expect, it } from 'vitest';
import { normalizeText, detectLang, toSimplified } from '../../src/text/normalize.js';

describe('normalizeText', () => {
  it('maps full-width Latin, digits and punctuation to half-width and lower-cases Latin (NFKC)', () => {
    // Ａ=U+FF21 … ；１２３ full-width digits；，=U+FF0C；！=U+FF01
    expect(normalizeText('ＡＰＰ闪退１２３次，Ｈｅｌｌｏ！')).toBe('app闪退123次,hello!');
  });
  it('converts Traditional to Simplified Chinese', () => {
    expect(normalizeText('客服態度很差，退貨很麻煩')).toBe('客服态度很差,退货很麻烦');
    expect(toSimplified('發貨太慢')).toBe('发货太慢');
  });
  it('leaves Simplified text and Latin text unchanged apart from case', () => {
    expect(normalizeText('送餐很快')).toBe('送餐很快');
    expect(normalizeText('Delivery was LATE')).toBe('delivery was late');
  });
  it('collapses whitespace (ideographic space too) but keeps a line break', () => {
    expect(normalizeText('  too\u3000 slow \r\n\r\n  again  ')).toBe('too slow\nagain');
  });
  it('maps curly quotes, 。 and 、 to one form', () => {
    expect(normalizeText('“好”、‘ok’。')).toBe('"好",\'ok\'.');
  });
  it('returns "" for null and undefined', () => {
    expect(normalizeText(null)).toBe('');
    expect(normalizeText(undefined)).toBe('');
  });
});

describe('detectLang', () => {
  it('classifies Chinese, English and mixed comments', () => {
    expect(detectLang('送餐太慢了')).toBe('zh');
    expect(detectLang('The courier was late')).toBe('en');
    // 3 Latin letters (a brand/model name) in Chinese text stay zh
    expect(detectLang('这个app很好用')).toBe('zh');
    expect(detectLang('这个app的UI很难用，but customer service很好')).toBe('mixed');
    expect(detectLang('')).toBe('en');
  });
});
