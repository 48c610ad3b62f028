// Text encodings of survey exports (FORMATS.md §11): BOM first, then strict UTF-8, then a UTF-16 guess
// for BOM-less files, then chardet between GB18030 (Chinese Excel "CSV") and Windows-1252 (Latin Excel).
// The CSV reader works on UTF-8 bytes, so other encodings are decoded and re-encoded as UTF-8 once.
import { isUtf8 } from 'node:buffer';
import { inputError } from '../../ui/errors.js';

export type EncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252' | string;

export interface Decoded {
  /** UTF-8 bytes of the content, without any BOM. */
  bytes: Buffer;
  encoding: EncodingName;
}

const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'utf-8-sig': 'utf-8-bom',
  'utf-8-bom': 'utf-8-bom',
  utf8bom: 'utf-8-bom',
  utf16: 'utf-16le',
  'utf-16': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16le': 'utf-16le',
  ucs2: 'utf-16le',
  'ucs-2': 'utf-16le',
  utf16be: 'utf-16be',
  'utf-16be': 'utf-16be',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  cp936: 'gb18030',
  gb18030: 'gb18030',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  big5: 'big5',
  'shift_jis': 'shift_jis',
  sjis: 'shift_jis',
};

/** Canonical name for a user-given `--encoding`, or an input error naming the flag. */
export function normaliseEncoding(name: string): string {
  const key = name.trim().toLowerCase().replace(/_/g, '-').replace(/^utf-?8$/, 'utf-8');
  const canon = ALIASES[key] ?? ALIASES[key.replace(/-/g, '')];
  if (canon) return canon;
  try {
    new TextDecoder(key);
    return key;
  } catch {
    throw inputError(
      `--encoding ${name}: unknown encoding; use utf-8, utf-16le, utf-16be, gb18030 or windows-1252.`,
      `--encoding ${name}：未知编码；请使用 utf-8、utf-16le、utf-16be、gb18030 或 windows-1252。`,
    );
  }
}

/** Guess a BOM-less UTF-16 file: in ASCII-heavy text every other byte is zero. */
function guessUtf16(buf: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const n = Math.min(buf.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (buf[i] === 0) evenZero++;
    if (buf[i + 1] === 0) oddZero++;
  }
  const half = n / 2;
  if (oddZero > half * 0.3 && evenZero < half * 0.05) return 'utf-16le';
  if (evenZero > half * 0.3 && oddZero < half * 0.05) return 'utf-16be';
  return undefined;
}

/** True when the bytes look like a binary file rather than text (NUL bytes, many control bytes). */
export function looksBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8192);
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    if (b < 9 || (b > 13 && b < 32)) ctrl++;
  }
  return n > 0 && ctrl / n > 0.1;
}

async function decodeWith(buf: Buffer, enc: string): Promise<string> {
  if (enc === 'utf-16be') {
    const swapped = Buffer.from(buf.subarray(0, buf.length & ~1));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (enc === 'utf-16le') return buf.toString('utf16le', 0, buf.length & ~1);
  if (enc === 'windows-1252') {
    // Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1 (0x80 → U+0080, not €): use iconv-lite.
    const { default: iconv } = await import('iconv-lite');
    return iconv.decode(buf, 'windows-1252');
  }
  try {
    return new TextDecoder(enc).decode(buf);
  } catch {
    const { default: iconv } = await import('iconv-lite');
    return iconv.decode(buf, enc);
  }
}

/** Pick between GB18030 and Windows-1252 for non-UTF-8 bytes. */
async function guessLegacy(buf: Buffer): Promise<string> {
  const { default: chardet } = await import('chardet');
  const sample = buf.subarray(0, Math.min(buf.length, 1 << 16));
  const found = chardet.detect(sample)?.toLowerCase() ?? '';
  if (/gb|big5|euc-cn/.test(found)) return found.includes('big5') ? 'big5' : 'gb18030';
  if (/shift_jis|euc-jp|iso-2022/.test(found)) return 'gb18030';
  if (found.startsWith('utf-16le')) return 'utf-16le';
  if (found.startsWith('utf-16be')) return 'utf-16be';
  // chardet often says ISO-8859-x / windows-125x for GBK text that has few characters; count
  // well-formed GBK double-byte pairs (lead 0x81–0xFE, trail 0x40–0xFE) versus lone high bytes.
  let pairs = 0;
  let lone = 0;
  for (let i = 0; i < sample.length; i++) {
    const b = sample[i]!;
    if (b < 0x80) continue;
    const t = sample[i + 1];
    if (b >= 0x81 && b <= 0xfe && t !== undefined && t >= 0x40 && t <= 0xfe && t !== 0x7f) {
      pairs++;
      i++;
    } else lone++;
  }
  return pairs > 0 && pairs >= lone * 4 ? 'gb18030' : 'windows-1252';
}

/** Detect (or apply the given) encoding and return UTF-8 bytes without BOM. */
export async function toUtf8(buf: Buffer, forced?: string, file = 'input'): Promise<Decoded> {
  if (forced) {
    const enc = normaliseEncoding(forced);
    let body = buf;
    if ((enc === 'utf-8' || enc === 'utf-8-bom') && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) body = buf.subarray(3);
    if (enc === 'utf-8' || enc === 'utf-8-bom') return { bytes: body, encoding: enc };
    if (enc === 'utf-16le' && buf[0] === 0xff && buf[1] === 0xfe) body = buf.subarray(2);
    if (enc === 'utf-16be' && buf[0] === 0xfe && buf[1] === 0xff) body = buf.subarray(2);
    return { bytes: Buffer.from(await decodeWith(body, enc), 'utf8'), encoding: enc };
  }
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { bytes: buf.subarray(3), encoding: 'utf-8-bom' };
  if (buf[0] === 0xff && buf[1] === 0xfe) return { bytes: Buffer.from(await decodeWith(buf.subarray(2), 'utf-16le'), 'utf8'), encoding: 'utf-16le' };
  if (buf[0] === 0xfe && buf[1] === 0xff) return { bytes: Buffer.from(await decodeWith(buf.subarray(2), 'utf-16be'), 'utf8'), encoding: 'utf-16be' };
  const u16 = guessUtf16(buf);
  if (u16) return { bytes: Buffer.from(await decodeWith(buf, u16), 'utf8'), encoding: u16 };
  if (looksBinary(buf))
    throw inputError(
      `${file}: this is a binary file, not a CSV/TSV/XLSX/JSON survey export; export the responses as CSV or XLSX.`,
      `${file}：这是二进制文件，不是 CSV/TSV/XLSX/JSON 问卷导出；请把答卷导出为 CSV 或 XLSX。`,
    );
  if (isUtf8(buf)) return { bytes: buf, encoding: 'utf-8' };
  const enc = await guessLegacy(buf);
  return { bytes: Buffer.from(await decodeWith(buf, enc), 'utf8'), encoding: enc };
}
