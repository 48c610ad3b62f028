import { describe, expect, it } from 'vitest';
import { luhnValid, redactText, validChineseId } from '../../src/text/redact.js';

describe('check digits', () => {
  it('GB 11643 ID check digit', () => {
    // 11010519491231002X: Σ digit×weight = 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167,
    // 167 mod 11 = 2 → '10X98765432'[2] = 'X'
    expect(validChineseId('11010519491231002X')).toBe(true);
    expect(validChineseId('110105194912310021')).toBe(false);
  });
  it('Luhn', () => {
    expect(luhnValid('4111111111111111')).toBe(true); // the classic Visa test number
    expect(luhnValid('4111111111111112')).toBe(false);
  });
});

describe('redactText', () => {
  it('replaces e-mail, URL, phones, ID and card numbers and counts each kind', () => {
    const r = redactText('请联系 wang.fang89@example.org 或 13812345678，身份证 11010519491231002X，卡号 4111 1111 1111 1111，见 https://example.com/x?id=1。');
    expect(r.text).toBe('请联系 [EMAIL] 或 [PHONE]，身份证 [ID]，卡号 [CARD]，见 [URL]。');
    expect(r.counts).toEqual({ email: 1, phone: 1, id: 1, card: 1, url: 1 });
  });
  it('knows +86 mobiles, landlines, 400 numbers and international numbers', () => {
    const r = redactText('+86 138-1234-5678 / 010-12345678 / (021) 6123 4567 / 400-123-4567 / +44 20 7946 0958 / (555) 123-4567');
    expect(r.text).toBe('[PHONE] / [PHONE] / [PHONE] / [PHONE] / [PHONE] / [PHONE]');
    expect(r.counts.phone).toBe(6);
  });
  it('leaves dates, prices, order numbers and invalid IDs/cards alone', () => {
    const s = '2026-11-23 下单 ¥5,999.00 3.5折 订单 20261123, 12号, 110105194912310021, 4111111111111112';
    expect(redactText(s)).toEqual({ text: s, counts: { email: 0, phone: 0, id: 0, card: 0, url: 0 } });
  });
  it('keeps trailing punctuation after a URL and handles null', () => {
    expect(redactText('see www.example.com.').text).toBe('see [URL].');
    expect(redactText(null).text).toBe('');
  });
});
