// Personal data in open comments replaced by placeholders: [URL], [EMAIL], [IP] (IPv4/IPv6), [QQ] (QQ 12345678), [WECHAT] (微信/vx/wx + an ID),
// [ID] (an 18-character resident-ID-like number or a 15-digit one with a birth date in it — whatever its
// check digit), [CARD] (any other 16–19-digit number, with or without spaces or dashes, Luhn or not; a
// 13–15-digit number that passes the Luhn check), [PHONE] (Chinese mobiles 1[3-9]x with or without +86,
// landlines with an area code, 400/800 numbers, international +CC numbers, North-American (555) 123-4567),
// [NAME] (a surname before 先生/女士/小姐). A long number is always masked whole, never in part; an order
// or ticket number (订单号 123456789, order #…) is left alone and never labelled a phone.
// Order matters: URLs, e-mails, IPs, (order numbers set aside), QQ/WeChat, long numbers (ID/card), then phones, so one
// span is never counted twice.
import type { Survey } from '../dataset/types.js';
import { strAt, numAt } from '../dataset/types.js';
import { inputError } from '../ui/errors.js';

export type RedactKind = 'url' | 'email' | 'ip' | 'qq' | 'wechat' | 'id' | 'card' | 'phone' | 'name';

export type RedactCounts = Record<RedactKind, number>;

export const PLACEHOLDER: Record<RedactKind, string> = {
  url: '[URL]',
  email: '[EMAIL]',
  ip: '[IP]',
  qq: '[QQ]',
  wechat: '[WECHAT]',
  id: '[ID]',
  card: '[CARD]',
  phone: '[PHONE]',
  name: '[NAME]',
};

export const REDACT_KINDS = Object.keys(PLACEHOLDER) as RedactKind[];

export function emptyCounts(): RedactCounts {
  return { url: 0, email: 0, ip: 0, qq: 0, wechat: 0, id: 0, card: 0, phone: 0, name: 0 };
}

const URL_RE = /\b(?:(?:https?|ftp):\/\/|www\.)[^\s<>"'\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/gi;
const EMAIL_RE = /[A-Za-z0-9](?:[A-Za-z0-9._%+-]*[A-Za-z0-9_%+-])?@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}/g;
const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4_RE = new RegExp(`(?<![\\d.])${OCTET}(?:\\.${OCTET}){3}(?![\\d]|\\.\\d)`, 'g');
const H = '[0-9A-Fa-f]{1,4}';
// Full 8-group IPv6, or a compressed form with "::" (times like 12:30:45 have neither).
const IPV6_RE = new RegExp(
  `(?<![0-9A-Za-z:])(?:(?:${H}:){7}${H}|(?:${H}:){1,7}:(?:${H}(?::${H}){0,5})?|::(?:${H}:){0,6}${H})(?![0-9A-Za-z:])`,
  'g',
);
// Order / ticket numbers (after 订单号, order no., ticket …) are left as they are, and never taken for a
// phone, ID or card number.
const ORDER_RE = /((?:订单|单号|运单|快递单|工单|流水|交易|order|ticket|case|tracking|transaction|invoice|ref(?:erence)?)(?:\s*(?:号码?|编号|no\.?|number|num|id|#))?\s*[:：#]?\s*)([A-Za-z]{0,4}\d[\d-]{4,30}\d)(?![\dA-Za-z])/gi;
const QQ_RE = /((?:QQ|qq|Qq|扣扣)\s*(?:号码?)?\s*[:：]?\s*)([1-9]\d{4,11})(?!\d)/g;
const WECHAT_RE = /((?:微信|威信|v信|V信|vx|VX|Vx|wx|WX|Wx|weixin|wechat|WeChat|Wechat)\s*(?:号|id|ID)?\s*[:：]?\s*)([A-Za-z][-_A-Za-z0-9]{5,19}|\+?\d[\d -]{4,14}\d)(?![-_A-Za-z0-9])/g;
// Any run of 13–19 digits (single spaces or dashes allowed between groups of a 16–19-digit number), masked
// whole; not after "+" (an international phone number).
const LONG_RE = /(?<![0-9A-Za-z+])\d(?:[ -]?\d){12,18}[Xx]?(?![0-9A-Za-z])/g;
const PHONE_RES: RegExp[] = [
  // Chinese mobile, optional +86 / 0086 / 86, optional separators: 13812345678, +86 138-1234-5678
  /(?<![0-9A-Za-z+])(?:(?:\+|00)?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z])/g,
  // Chinese landline with area code: 010-12345678, (021) 6123 4567, 0755 8888 8888, +86 10 12345678
  /(?<![0-9A-Za-z+])(?:(?:\+|00)86[ -]?(?:\(?0?\d{2,3}\)?)|\(0\d{2,3}\)|0\d{2,3})[ -]?\d{3,4}[ -]?\d{4}(?![0-9A-Za-z])/g,
  // 400 / 800 service numbers: 400-123-4567
  /(?<![0-9A-Za-z])[48]00[ -]?\d{3}[ -]?\d{4}(?![0-9A-Za-z])/g,
  // International: +44 20 7946 0958, +1 (555) 123-4567
  /(?<![0-9A-Za-z])\+\d{1,3}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,4}(?![0-9A-Za-z])/g,
  // North American: (555) 123-4567, 555-123-4567, 555.123.4567
  /(?<![0-9A-Za-z])(?:\(\d{3}\) ?|\d{3}[.-])\d{3}[.-]\d{4}(?![0-9A-Za-z])/g,
];
const NAME_RE = /(?<![\u3400-\u9fff])[王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤][\u3400-\u9fff]?(?=先生|女士|小姐)/g;

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** GB 11643-1999 check digit of an 18-character resident ID number. */
export function validChineseId(id: string): boolean {
  if (!/^\d{17}[0-9Xx]$/.test(id)) return false;
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(id[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[s % 11] === id[17]!.toUpperCase();
}

/** Luhn (mod 10) check of a digit string. */
export function luhnValid(digits: string): boolean {
  let s = 0;
  let dbl = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (dbl) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    s += d;
    dbl = !dbl;
  }
  return s % 10 === 0;
}

/** A plausible birth date YYYYMMDD (or YYMMDD) at the given place of an ID-like number. */
function dateAt(d: string, at: number, long: boolean): boolean {
  const y = long ? Number(d.slice(at, at + 4)) : 1900 + Number(d.slice(at, at + 2));
  const o = at + (long ? 4 : 2);
  const m = Number(d.slice(o, o + 2));
  const day = Number(d.slice(o + 2, o + 4));
  return y >= 1900 && y <= 2099 && m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

/**
 * What a long number looks like: 'id' (18 characters with a birth date at 7–14 or a final X; 15 digits
 * with a birth date at 7–12), 'card' (16–19 digits, or 13–15 digits passing Luhn), else undefined (left
 * alone: 13–15-digit numbers that are neither).
 */
export function longNumberKind(raw: string): 'id' | 'card' | undefined {
  const d = raw.replace(/[ -]/g, '');
  // A separated 13–15-digit run is a formatted phone number (86 138-1234-5678), not a card.
  if (d.length < 16 && d.length !== raw.length) return undefined;
  const x = /[Xx]$/.test(d);
  const digits = x ? d.slice(0, -1) : d;
  if (d.length === 18 && (x || dateAt(d, 6, true))) return 'id';
  if (x) return d.length === 18 ? 'id' : undefined;
  if (d.length === 15 && dateAt(d, 6, false)) return 'id';
  if (digits.length >= 16 && digits.length <= 19) return 'card';
  if (digits.length >= 13 && luhnValid(digits)) return 'card';
  return undefined;
}

const TRAILING = /[.,;:!?)\]}'"]+$/;

/** Replace personal data in one text; counts per kind. Null/empty text is returned unchanged. */
export function redactText(s: string | null | undefined): { text: string; counts: RedactCounts } {
  const counts = emptyCounts();
  if (!s) return { text: s ?? '', counts };
  // Cheap exit: nothing to redact without a digit, an @, a URL marker or a 先生/女士/小姐.
  if (!/[\d@]|www\.|:\/\/|::|先生|女士|小姐/i.test(s)) return { text: s, counts };
  const put = (k: RedactKind) => {
    counts[k]++;
    return PLACEHOLDER[k];
  };
  let t = s.replace(URL_RE, (m) => {
    const tail = TRAILING.exec(m)?.[0] ?? '';
    return put('url') + tail;
  });
  t = t.replace(EMAIL_RE, () => put('email'));
  t = t.replace(IPV4_RE, () => put('ip'));
  t = t.replace(IPV6_RE, (m) => (/[0-9A-Fa-f]/.test(m) && m.split(':').length >= 3 ? put('ip') : m));
  const orders: string[] = [];
  t = t.replace(ORDER_RE, (_m, pre: string, num: string) => `${pre}\u0000${orders.push(num) - 1}\u0000`);
  t = t.replace(QQ_RE, (_m, pre: string) => pre + put('qq'));
  t = t.replace(WECHAT_RE, (_m, pre: string) => pre + put('wechat'));
  t = t.replace(LONG_RE, (m) => {
    const k = longNumberKind(m);
    return k ? put(k) : m;
  });
  for (const re of PHONE_RES) t = t.replace(re, () => put('phone'));
  t = t.replace(NAME_RE, () => put('name'));
  if (orders.length) t = t.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => orders[Number(i)]!);
  return { text: t, counts };
}

/** Add b into a. */
export function addCounts(a: RedactCounts, b: RedactCounts): RedactCounts {
  for (const k of REDACT_KINDS) a[k] += b[k];
  return a;
}

/** What a column header says it holds, when that is personal data (from the header alone). */
export type PiiKind = 'ip' | 'email' | 'phone' | 'name' | 'address' | 'id' | 'wechat' | 'qq' | 'card';

const PII_HEADERS: [PiiKind, RegExp][] = [
  ['ip', /(^|[^a-z])ip([^a-z]|$)|ip ?address|ip地址|来自ip|来源ip|ipaddress/i],
  ['email', /e-?mail|邮箱|电子邮件|邮件地址/i],
  ['phone', /phone|mobile|(^|[^a-z])tel([^a-z]|$)|telephone|手机|电话|联系方式|联系电话/i],
  ['wechat', /wechat|weixin|微信/i],
  ['qq', /(^|[^a-z])qq([^a-z]|$)/i],
  ['id', /身份证|证件号|id ?card|passport|护照|national id|ssn/i],
  ['card', /银行卡|卡号|card ?number|credit ?card|iban/i],
  ['address', /(^|[^a-z])address|street|地址|住址|收货地址/i],
  ['name', /(^|[^a-z])(full ?|first ?|last ?|sur|given |family |user ?|customer |respondent ?)?name([^a-z]|$)|姓名|名字|称呼|联系人|收货人/i],
];
// Headers that contain a PII word but are about something else.
const NOT_PII = /(^|[^a-z])(store|shop|product|item|brand|company|file|question|survey|course|city|restaurant|merchant|sku)[ _-]?name|门店|商品名|店名|城市|产品|品牌|公司|renamed|nameplate/i;

/** PII columns proposed from the headers (id and question text) of a survey, in column order. */
export function piiColumns(s: Pick<Survey, 'columns' | 'questions'>): { column: string; kind: PiiKind }[] {
  const out: { column: string; kind: PiiKind }[] = [];
  for (const id of s.columns.keys()) {
    const q = s.questions.find((x) => x.id === id);
    const heads = [id, q?.label ?? '', q?.source ?? ''].filter(Boolean);
    for (const [kind, re] of PII_HEADERS) {
      if (heads.some((h) => re.test(h) && !NOT_PII.test(h))) {
        out.push({ column: id, kind });
        break;
      }
    }
  }
  return out;
}

export interface SurveyRedaction {
  /** Redacted values of each redacted column. */
  columns: Map<string, (string | null)[]>;
  /** Columns left out of the written file (--columns COL:drop). */
  dropped: Set<string>;
  /** Columns whose every non-empty value was replaced (--columns COL or COL:mask). */
  masked: string[];
  counts: RedactCounts;
  total: number;
  cellsChanged: number;
}

/**
 * Redact the given string columns of a survey (the survey itself is not modified); `whole` columns are
 * masked entirely ([REDACTED] in every non-empty cell) or dropped from the written copy.
 */
export function redactSurvey(s: Survey, cols: readonly string[], whole: readonly { column: string; action: 'mask' | 'drop' }[] = []): SurveyRedaction {
  const counts = emptyCounts();
  const columns = new Map<string, (string | null)[]>();
  const dropped = new Set<string>();
  const masked: string[] = [];
  let cellsChanged = 0;
  for (const w of whole) {
    if (w.action === 'drop') {
      dropped.add(w.column);
      continue;
    }
    const c = s.columns.get(w.column)!;
    const vals: (string | null)[] = new Array(s.nRows);
    for (let i = 0; i < s.nRows; i++) {
      const v = c.kind === 'num' ? (Number.isFinite(numAt(c, i)) ? String(numAt(c, i)) : null) : strAt(c, i);
      if (v == null || v.trim() === '') vals[i] = null;
      else {
        vals[i] = '[REDACTED]';
        cellsChanged++;
      }
    }
    columns.set(w.column, vals);
    masked.push(w.column);
  }
  const wholeSet = new Set(whole.map((w) => w.column));
  for (const id of cols) {
    if (wholeSet.has(id)) continue;
    const c = s.columns.get(id)!;
    const vals: (string | null)[] = new Array(s.nRows);
    for (let i = 0; i < s.nRows; i++) {
      const v = strAt(c, i);
      if (v == null) { vals[i] = null; continue; }
      const r = redactText(v);
      if (r.text !== v) cellsChanged++;
      addCounts(counts, r.counts);
      vals[i] = r.text;
    }
    columns.set(id, vals);
  }
  const total = REDACT_KINDS.reduce((n, k) => n + counts[k], 0);
  return { columns, dropped, masked, counts, total, cellsChanged };
}

/** Write the redacted copy atomically: every column as a table, or one comment per line for .txt. */
export async function writeRedacted(s: Survey, r: SurveyRedaction, out: string, format?: string): Promise<void> {
  if (/\.txt$/i.test(out) && !format) {
    if (r.columns.size - r.masked.length !== 1) throw inputError(`${out}: a .txt output holds one column; choose one with --text or write .csv.`, `${out}：.txt 输出只能包含一列；请用 --text 选择一列，或输出 .csv。`);
    const vals = [...r.columns.entries()].find(([k]) => !r.masked.includes(k))![1];
    const { writeFileAtomic } = await import('../dataset/write.js');
    writeFileAtomic(out, vals.map((v) => (v ?? '').replace(/\r?\n/g, ' ')).join('\n') + '\n');
    return;
  }
  const { writeTable, formatFromPath } = await import('../dataset/write.js');
  const f = format ?? formatFromPath(out);
  if (f !== 'csv' && f !== 'xlsx' && f !== 'jsonl') {
    throw inputError(`cannot tell the output format of ${out}: use .csv, .xlsx, .jsonl (or .txt for a .txt input), or --format.`, `无法判断 ${out} 的输出格式：请用 .csv、.xlsx、.jsonl（.txt 输入可用 .txt）结尾，或加 --format。`);
  }
  const ids = [...s.columns.keys()].filter((id) => !r.dropped.has(id));
  function* rows(): Generator<(string | number | null)[]> {
    for (let i = 0; i < s.nRows; i++) {
      yield ids.map((id) => {
        const red = r.columns.get(id);
        if (red) return red[i] ?? null;
        const c = s.columns.get(id)!;
        if (c.kind === 'num') {
          const v = numAt(c, i);
          return Number.isFinite(v) ? v : null;
        }
        return strAt(c, i);
      });
    }
  }
  await writeTable(out, ids, rows(), { format: f });
}
