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
  /** Things the reader had to guess or repair (mixed encodings, replacement characters), with line numbers. */
  warnings?: string[];
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
export function looksBinary(buf: Buffer, ignoreNul = false): boolean {
  const n = Math.min(buf.length, 8192);
  let ctrl = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) {
      if (!ignoreNul) return true;
      ctrl++;
      continue;
    }
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
  const nul = buf.indexOf(0);
  if (nul >= 0 && !looksBinary(buf.subarray(0, 8192), true)) {
    // Text with a NUL byte in it: a damaged export, not a "binary file". Say where.
    const line = lineOf(buf, nul);
    throw inputError(
      `${file}: line ${line} contains a NUL byte (character 0, byte offset ${nul}); the export is damaged: remove the NUL bytes or export the responses again.`,
      `${file}：第 ${line} 行含有 NUL 字节（字符 0，字节偏移 ${nul}）；导出文件已损坏：请删除 NUL 字节或重新导出答卷。`,
    );
  }
  if (looksBinary(buf))
    throw inputError(
      `${file}: this is a binary file, not a CSV/TSV/XLSX/JSON survey export; export the responses as CSV or XLSX.`,
      `${file}：这是二进制文件，不是 CSV/TSV/XLSX/JSON 问卷导出；请把答卷导出为 CSV 或 XLSX。`,
    );
  if (isUtf8(buf)) {
    const fffd = replacementLines(buf);
    return { bytes: buf, encoding: 'utf-8', warnings: fffd.length ? [replacementWarning(fffd, 'utf-8')] : undefined };
  }
  const enc = await guessLegacy(buf);
  // Decide per line: a file whose first lines are UTF-8 and the rest GBK (two exports pasted together) is
  // read line by line in each line's own encoding, with a warning, instead of garbling the UTF-8 lines.
  const { utf8Lines, otherLines, lines } = classifyLines(buf);
  if (utf8Lines.length > 0 && otherLines.length > 0) {
    const parts: string[] = [];
    for (const [a, b, isU] of lines) parts.push(isU ? buf.toString('utf8', a, b) : await decodeWith(buf.subarray(a, b), enc));
    const text = parts.join('');
    const warnings = [
      `mixed encodings: ${lineList(utf8Lines)} ${utf8Lines.length === 1 ? 'is' : 'are'} UTF-8 but ${lineList(otherLines)} ${otherLines.length === 1 ? 'is' : 'are'} ${enc.toUpperCase()}; each line was read in its own encoding; check those rows, or re-save the file as UTF-8 (or force one encoding with --encoding)`,
    ];
    const bad = replacementLinesText(text);
    if (bad.length) warnings.push(replacementWarning(bad, enc));
    return { bytes: Buffer.from(text, 'utf8'), encoding: `${enc}+utf-8`, warnings };
  }
  const text = await decodeWith(buf, enc);
  const bad = replacementLinesText(text);
  return { bytes: Buffer.from(text, 'utf8'), encoding: enc, warnings: bad.length ? [replacementWarning(bad, enc)] : undefined };
}

/** 1-based line number of byte offset `pos`. */
function lineOf(buf: Buffer, pos: number): number {
  let n = 1;
  for (let i = buf.indexOf(0x0a); i >= 0 && i < pos; i = buf.indexOf(0x0a, i + 1)) n++;
  return n;
}

/** Lines as [start, end (after the newline), isUtf8]; UTF-8 vs other lines among those with non-ASCII bytes. */
function classifyLines(buf: Buffer): { utf8Lines: number[]; otherLines: number[]; lines: [number, number, boolean][] } {
  const utf8Lines: number[] = [];
  const otherLines: number[] = [];
  const lines: [number, number, boolean][] = [];
  let start = 0;
  let no = 1;
  while (start < buf.length) {
    let end = buf.indexOf(0x0a, start);
    end = end < 0 ? buf.length : end + 1;
    let high = false;
    for (let i = start; i < end; i++) if (buf[i]! >= 0x80) { high = true; break; }
    const u = high && isUtf8(buf.subarray(start, end));
    if (high) (u ? utf8Lines : otherLines).push(no);
    lines.push([start, end, u]);
    start = end;
    no++;
  }
  return { utf8Lines, otherLines, lines };
}

/** "lines 1–3" / "lines 4, 5, 9, …" (first few line numbers, runs collapsed). */
function lineList(ns: number[]): string {
  const parts: string[] = [];
  let i = 0;
  while (i < ns.length && parts.length < 5) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j]! + 1) j++;
    parts.push(j > i + 1 ? `${ns[i]}–${ns[j]}` : j === i + 1 ? `${ns[i]}, ${ns[j]}` : `${ns[i]}`);
    i = j + 1;
  }
  return `line${ns.length === 1 ? '' : 's'} ${parts.join(', ')}${i < ns.length ? ', …' : ''}`;
}

/** Lines (1-based) of UTF-8 bytes that hold U+FFFD, the replacement character (EF BF BD). */
function replacementLines(buf: Buffer): number[] {
  const out: number[] = [];
  const pat = Buffer.from([0xef, 0xbf, 0xbd]);
  for (let i = buf.indexOf(pat); i >= 0 && out.length < 20; i = buf.indexOf(pat, i + 3)) {
    const l = lineOf(buf, i);
    if (out[out.length - 1] !== l) out.push(l);
  }
  return out;
}

function replacementLinesText(text: string): number[] {
  const out: number[] = [];
  let line = 1;
  let last = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0 && out.length < 20; i = text.indexOf('\uFFFD', i + 1)) {
    for (let k = text.indexOf('\n', last); k >= 0 && k < i; k = text.indexOf('\n', k + 1)) {
      line++;
      last = k + 1;
    }
    if (out[out.length - 1] !== line) out.push(line);
  }
  return out;
}

function replacementWarning(lines: number[], enc: string): string {
  return `${lineList(lines)} contain characters that could not be read as ${enc.toUpperCase()} (shown as �); the file may use another encoding: try --encoding gb18030, utf-8, utf-16le or windows-1252`;
}
