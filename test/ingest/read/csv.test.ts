import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseCsv, sniffDelimiter } from '../../../src/ingest/read/csv.js';
import { rowAt } from '../../../src/ingest/read/table.js';
import { CxError } from '../../../src/ui/errors.js';

const read = (text: string, delimiter?: string) => parseCsv(Buffer.from(text, 'utf8'), { file: 'f.csv', encoding: 'utf-8', delimiter });
const rows = (text: string) => {
  const t = read(text);
  return Array.from({ length: t.height }, (_, r) => rowAt(t, r));
};

describe('parseCsv', () => {
  it('splits plain rows into columns, header row included', () => {
    const t = read('a,b,c\n1,2,3\n4,5,6\n');
    expect(t.height).toBe(3);
    expect(t.width).toBe(3);
    expect(t.columns[1]).toEqual(['b', '2', '5']);
    expect(t.raggedRows).toEqual([]);
  });
  it('handles CRLF, quoted delimiters, doubled quotes and embedded newlines', () => {
    expect(rows('id,comment\r\n1,"a, b"\r\n2,"he said ""hi""\r\nnext line"\r\n3,plain\r\n')).toEqual([
      ['id', 'comment'],
      ['1', 'a, b'],
      ['2', 'he said "hi"\r\nnext line'],
      ['3', 'plain'],
    ]);
  });
  it('keeps empty fields, a last line without newline, and skips blank lines', () => {
    expect(rows('a,b,c\n,,\n\n1,,3')).toEqual([
      ['a', 'b', 'c'],
      ['', '', ''],
      ['1', '', '3'],
    ]);
  });
  it('drops trailing all-empty columns (legacy Qualtrics trailing comma) without calling rows ragged', () => {
    const t = read('V1,V2,\nR_1,x,\nR_2,y,\n');
    expect(t.width).toBe(2);
    expect(t.raggedRows).toEqual([]);
  });
  it('reports ragged rows by 1-based row number and pads short rows', () => {
    const t = read('a,b,c\n1,2,3\n4,5\n6,7,8,9\n');
    expect(t.raggedRows).toEqual([3, 4]);
    expect(rowAt(t, 2)).toEqual(['4', '5', '', '']);
    expect(t.width).toBe(4);
    expect(t.columns[3]).toEqual(['', '', '', '9']);
  });
  it('interns short values safely: values with equal byte hashes stay distinct', () => {
    // With h = 31·h + byte, "Aa" and "BB" hash alike (65·31+97 = 66·31+66 = 2112).
    const t = read('k\nAa\nBB\nAa\nBB\n华东\n华东\n');
    expect(t.columns[0]).toEqual(['k', 'Aa', 'BB', 'Aa', 'BB', '华东', '华东']);
    const long = 'x'.repeat(100);
    expect(read(`c\n${long}\n`).columns[0]![1]).toBe(long);
  });
  it('fails on an unterminated quote, naming the row and line', () => {
    let err: unknown;
    try {
      read('id,comment\n1,ok\n2,"never closed\n3,x\n');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CxError);
    expect((err as CxError).exitCode).toBe(2);
    expect((err as CxError).message).toMatch(/f\.csv: row 3 \(line 3\), column 2/);
  });
  it('keeps a stray quote inside an unquoted field as text', () => {
    expect(rows('a,b\n5" screen,x\n')[1]).toEqual(['5" screen', 'x']);
  });
});

describe('sniffDelimiter', () => {
  it.each([
    ['a;b;c\n1;2,5;3\n', ';'],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    ['a|b\n1|2\n', '|'],
    ['a,b,c\n1,2,3\n', ','],
    ['"x;y",b\n"1;2",3\n', ','],
  ])('%j → %j', (text, d) => {
    expect(sniffDelimiter(Buffer.from(text))).toBe(d);
  });
});

describe('parseCsv against csv-parse (independent implementation)', () => {
  it('gives the same cells as csv-parse on 3,000 generated survey rows with quotes and newlines', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cx-csv-'));
    const file = path.join(dir, 's.csv');
    execFileSync(process.execPath, [path.resolve(__dirname, '../../../bench/gen-survey.mjs'), file, '3000']);
    const buf = readFileSync(file);
    const expected = parse(buf, { bom: true }) as string[][];
    const t = parseCsv(buf, { file, encoding: 'utf-8' });
    expect(t.height).toBe(expected.length);
    expect(t.width).toBe(25);
    for (let r = 0; r < expected.length; r++) expect(rowAt(t, r)).toEqual(expected[r]);
    // The generator writes embedded newlines and doubled quotes: make sure the sample has some.
    expect(expected.some((row) => row.some((c) => c.includes('\n')))).toBe(true);
    expect(expected.some((row) => row.some((c) => c.includes('"')))).toBe(true);
  });
});

describe('chunked reading of large files', () => {
  it('gives the same table in 1 KB chunks as in one piece (fields, quotes and CRLF split across chunks)', async () => {
    const { readTable } = await import('../../../src/ingest/read/index.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'cx-chunk-'));
    const file = path.join(dir, 's.csv');
    execFileSync(process.execPath, [path.resolve(__dirname, '../../../bench/gen-survey.mjs'), file, '1500']);
    const whole = await readTable(file);
    for (const chunkBytes of [1024, 4099]) {
      const chunked = await readTable(file, { streamMinBytes: 0, chunkBytes });
      expect(chunked.height).toBe(whole.height);
      expect(chunked.columns).toEqual(whole.columns);
      expect(chunked.encoding).toBe('utf-8');
    }
  });
  it('reads a BOM file whose quoted comment is longer than two chunks (the work buffer grows)', async () => {
    const { readTable } = await import('../../../src/ingest/read/index.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'cx-chunk-'));
    const file = path.join(dir, 'long.csv');
    // Row 3 holds a 3,000-character quoted comment with a doubled quote and a newline; chunks are 1 KB.
    const long = 'é'.repeat(1000) + '""x""\n' + 'b'.repeat(1990);
    const rows = Array.from({ length: 50 }, (_, i) => `${i},"c${i}"`);
    rows[2] = `2,"${long}"`;
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`id,comment\r\n${rows.join('\r\n')}\r\n`)]));
    const t = await readTable(file, { streamMinBytes: 0, chunkBytes: 1024 });
    expect(t.encoding).toBe('utf-8-bom');
    expect(t.height).toBe(51);
    expect(t.columns[0]![0]).toBe('id'); // BOM stripped
    expect(t.columns[1]![3]).toBe('é'.repeat(1000) + '"x"\n' + 'b'.repeat(1990));
    expect(t.columns[1]![3]!.length).toBe(1000 + 3 + 1 + 1990); // é×1000, "x", newline, b×1990
    expect(t.columns[1]![50]).toBe('c49');
    expect(t.columns[1]![4]).toBe('c3');
  });
  it('reports an unterminated quote in a chunked file with its row and line', async () => {
    const { readTable } = await import('../../../src/ingest/read/index.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'cx-chunk-'));
    const file = path.join(dir, 'bad.csv');
    const good = Array.from({ length: 200 }, (_, i) => `${i},"fine, ok"`).join('\n');
    writeFileSync(file, `id,c\n${good}\n200,"broken\n201,x\n`);
    await expect(readTable(file, { streamMinBytes: 0, chunkBytes: 512 })).rejects.toThrow(/bad\.csv: row 202 \(line 202\), column 2/);
  });
  it('falls back to the whole-file path when a later chunk is not UTF-8 (Windows-1252)', async () => {
    const { readTable } = await import('../../../src/ingest/read/index.js');
    const dir = mkdtempSync(path.join(tmpdir(), 'cx-chunk-'));
    const file = path.join(dir, 'late.csv');
    const ascii = Buffer.from('id,c\n' + Array.from({ length: 300 }, (_, i) => `${i},plain`).join('\n') + '\n');
    writeFileSync(file, Buffer.concat([ascii, Buffer.from([0x39, 0x39, 0x2c, 0x63, 0x61, 0x66, 0xe9, 0x0a])])); // "99,café" in cp1252
    const t = await readTable(file, { streamMinBytes: 0, chunkBytes: 256 });
    expect(t.encoding).toBe('windows-1252');
    expect(t.columns[1]![t.height - 1]).toBe('café');
  });
});
