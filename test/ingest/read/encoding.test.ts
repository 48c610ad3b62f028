import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { toUtf8, normaliseEncoding } from '../../../src/ingest/read/encoding.js';
import { readTable } from '../../../src/ingest/read/index.js';
import { rowAt } from '../../../src/ingest/read/table.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cx-enc-'));
const file = (name: string, bytes: Buffer | string) => {
  const p = path.join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const text = '序号,满意度,评论\r\n1,5,"很好，谢谢"\r\n2,3,café\r\n';

describe('toUtf8', () => {
  it('strips a UTF-8 BOM and names it', async () => {
    const d = await toUtf8(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b')]));
    expect(d.encoding).toBe('utf-8-bom');
    expect(d.bytes.toString()).toBe('a,b');
  });
  it('decodes UTF-16LE with BOM (Excel "Unicode Text") and UTF-16BE', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a\tb\r\n序\t号', 'utf16le')]);
    expect(await toUtf8(le)).toEqual({ bytes: Buffer.from('a\tb\r\n序\t号'), encoding: 'utf-16le' });
    const be = Buffer.from(iconv.encode('\uFEFFx,y', 'utf16-be'));
    expect((await toUtf8(be)).bytes.toString()).toBe('x,y');
  });
  it('recognises GBK bytes (encoded by iconv-lite) as GB18030', async () => {
    const d = await toUtf8(iconv.encode(text, 'gbk').subarray(0, 40));
    expect(d.encoding).toBe('gb18030');
    expect(d.bytes.toString()).toBe(iconv.decode(iconv.encode(text, 'gbk').subarray(0, 40), 'gbk'));
  });
  it('falls back to Windows-1252 for Latin text that is not UTF-8', async () => {
    // 'café, naïve' in cp1252: é = E9, ï = EF.
    const d = await toUtf8(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2c, 0x6e, 0x61, 0xef, 0x76, 0x65]));
    expect(d.encoding).toBe('windows-1252');
    expect(d.bytes.toString()).toBe('café,naïve');
  });
  it('honours a forced encoding and rejects unknown names', async () => {
    expect((await toUtf8(iconv.encode('编号', 'gbk'), 'GBK')).bytes.toString()).toBe('编号');
    expect(normaliseEncoding('UTF8')).toBe('utf-8');
    expect(() => normaliseEncoding('klingon-9')).toThrow(/--encoding klingon-9/);
  });
});

describe('readTable on files', () => {
  it('reads the same table from UTF-8, UTF-8 BOM, UTF-16LE (tab) and GBK files', async () => {
    const want = [
      ['序号', '满意度', '评论'],
      ['1', '5', '很好，谢谢'],
      ['2', '3', 'café'],
    ];
    const gbkText = text.replace('café', 'cafe');
    const cases: [string, Buffer, string, string[][]][] = [
      ['u8.csv', Buffer.from(text), 'utf-8', want],
      ['bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]), 'utf-8-bom', want],
      ['u16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/,(?=[^"]*(?:"[^"]*"[^"]*)*$)/g, '\t'), 'utf16le')]), 'utf-16le', want],
      ['gbk.csv', iconv.encode(gbkText, 'gbk'), 'gb18030', want.map((r) => r.map((c) => c.replace('café', 'cafe')))],
    ];
    for (const [name, bytes, enc, expected] of cases) {
      const t = await readTable(file(name, bytes));
      expect(t.encoding, name).toBe(enc);
      expect(Array.from({ length: t.height }, (_, r) => rowAt(t, r)), name).toEqual(expected);
    }
  });
});
