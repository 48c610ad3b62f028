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
    expect(r.counts).toEqual({ url: 1, email: 1, ip: 0, qq: 0, wechat: 0, id: 1, card: 1, phone: 1, name: 0 });
  });
  it('knows +86 mobiles, landlines, 400 numbers and international numbers', () => {
    const r = redactText('+86 138-1234-5678 / 010-12345678 / (021) 6123 4567 / 400-123-4567 / +44 20 7946 0958 / (555) 123-4567');
    expect(r.text).toBe('[PHONE] / [PHONE] / [PHONE] / [PHONE] / [PHONE] / [PHONE]');
    expect(r.counts.phone).toBe(6);
  });
  it('leaves dates, prices, times, versions-free text and order numbers alone', () => {
    const s = '2026-11-23 下单 ¥5,999.00 3.5折 订单 20261123, 12号, 12:30:45 送到, 订单号 123456789, order #987654321, 123456789';
    expect(redactText(s).text).toBe(s);
  });
  it('masks ID-like and card-like numbers whatever their check digit, whole, labelled by their look (issue 11)', () => {
    // 110105194912310021: wrong GB 11643 check digit, but 18 digits with a birth date 19491231 → [ID]
    // 4111111111111112: fails Luhn, 16 digits → [CARD]; 6222 0212 3456 7890 123: 19 digits in groups → one [CARD]
    expect(redactText('身份证 110105194912310021 卡号 4111111111111112').text).toBe('身份证 [ID] 卡号 [CARD]');
    expect(redactText('卡号 6222 0212 3456 7890 123 请退款').text).toBe('卡号 [CARD] 请退款');
    expect(redactText('6222021234567890123').text).toBe('[CARD]');
    expect(redactText('老身份证 110105491231002').text).toBe('老身份证 [ID]'); // 15 digits, born 1949-12-31
  });
  it('QQ, WeChat IDs, IPv4/IPv6 and a surname before 先生/女士/小姐', () => {
    expect(redactText('加我QQ:123456789 或 qq 87654321').text).toBe('加我QQ:[QQ] 或 qq [QQ]');
    expect(redactText('微信 wxid_abc123 / vx: zhang_san88 / 微信号：13812345678').text).toBe('微信 [WECHAT] / vx: [WECHAT] / 微信号：[WECHAT]');
    const ip = redactText('来自 192.168.1.10 和 2001:db8::1 以及 fe80:0:0:0:202:b3ff:fe1e:8329');
    expect(ip.text).toBe('来自 [IP] 和 [IP] 以及 [IP]');
    expect(ip.counts.ip).toBe(3);
    expect(redactText('王先生说送错了').text).toBe('[NAME]先生说送错了');
  });
  it('an order number is never a phone', () => {
    for (const s of ['订单号123456789 没送到', '订单号：2026112312345678 送错了', '工单 12345678901']) {
      const r = redactText(s);
      expect(r.text).toBe(s);
      expect(r.counts.phone + r.counts.card + r.counts.id).toBe(0);
    }
  });
  it('keeps trailing punctuation after a URL and handles null', () => {
    expect(redactText('see www.example.com.').text).toBe('see [URL].');
    expect(redactText(null).text).toBe('');
  });
});
