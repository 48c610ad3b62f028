import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { csvField, writeTable } from '../../src/dataset/write.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'cx-write-'));

describe('writeTable', () => {
  it('writes CSV with a BOM that csv-parse reads back, neutralising formula-like text (OWASP)', async () => {
    const p = path.join(tmp(), 'o.csv');
    await writeTable(p, ['id', 'comment', 'score'], [
      ['1', '=HYPERLINK("http://x")', -3],
      ['2', '+1, "quoted"\nnew line', 4.5],
      ['3', '@SUM(A1)', null],
      ['4', '\tTab', NaN],
      ['5', '-minus', 0],
    ], { format: 'csv' });
    const buf = readFileSync(p);
    expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(parse(buf, { bom: true })).toEqual([
      ['id', 'comment', 'score'],
      ['1', `'=HYPERLINK("http://x")`, '-3'],
      ['2', `'+1, "quoted"\nnew line`, '4.5'],
      ['3', `'@SUM(A1)`, ''],
      ['4', `'\tTab`, ''],
      ['5', `'-minus`, '0'],
    ]);
  });
  it('quotes only when needed', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('\rx')).toBe(`"'\rx"`);
  });
  it('writes JSONL with nulls for missing values', async () => {
    const p = path.join(tmp(), 'o.jsonl');
    await writeTable(p, ['id', 'v'], [['a', 1], ['b', NaN], ['c', null]], { format: 'jsonl' });
    expect(readFileSync(p, 'utf8').trim().split('\n').map((l) => JSON.parse(l))).toEqual([
      { id: 'a', v: 1 },
      { id: 'b', v: null },
      { id: 'c', v: null },
    ]);
  });
  it('writes XLSX that exceljs reads back', async () => {
    const p = path.join(tmp(), 'o.xlsx');
    await writeTable(p, ['id', 'v'], [['a', 1.5], ['=b', null]], { format: 'xlsx' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(p);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, 'id', 'v']);
    expect(ws.getRow(2).values).toEqual([undefined, 'a', 1.5]);
    expect(ws.getCell('A3').value).toBe("'=b");
  });
  it('leaves no output and no temporary file when the rows fail midway', async () => {
    const dir = tmp();
    const p = path.join(dir, 'o.csv');
    function* rows() {
      yield ['1'];
      throw new Error('boom');
    }
    await expect(writeTable(p, ['id'], rows(), { format: 'csv' })).rejects.toThrow('boom');
    expect(existsSync(p)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
