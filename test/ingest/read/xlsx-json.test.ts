import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readTable } from '../../../src/ingest/read/index.js';
import { rowAt } from '../../../src/ingest/read/table.js';
import { excelSerialToDate, formatDate } from '../../../src/ingest/read/xlsx.js';

const dir = mkdtempSync(path.join(tmpdir(), 'cx-xlsx-'));

async function workbook(name: string, fill: (wb: ExcelJS.Workbook) => void): Promise<string> {
  const wb = new ExcelJS.Workbook();
  fill(wb);
  const p = path.join(dir, name);
  await wb.xlsx.writeFile(p);
  return p;
}

describe('XLSX reader', () => {
  it('reads the first sheet: text, numbers, date cells, serial dates with a date format, rich text', async () => {
    const p = await workbook('a.xlsx', (wb) => {
      const ws = wb.addWorksheet('Form1');
      ws.addRow(['ID', 'Start time', 'Score', 'Serial', 'Note']);
      ws.addRow([1, new Date(Date.UTC(2024, 2, 5, 14, 30, 0)), 9, 45000, { richText: [{ text: 'very ' }, { text: 'good' }] }]);
      ws.addRow([2, new Date(Date.UTC(2024, 11, 31)), 6, 45292.5, 'ok']);
      ws.getColumn(4).numFmt = 'yyyy-mm-dd hh:mm';
      wb.addWorksheet('Other').addRow(['x']);
    });
    const t = await readTable(p);
    expect(t.format).toBe('xlsx');
    expect(t.sheet).toBe('Form1');
    // Serial 45000 = 2023-03-15 (Excel: 1 = 1900-01-01, with the 1900 leap-year bug: 25569 = 1970-01-01);
    // 45292.5 = 2024-01-01 12:00.
    expect(Array.from({ length: t.height }, (_, r) => rowAt(t, r))).toEqual([
      ['ID', 'Start time', 'Score', 'Serial', 'Note'],
      ['1', '2024-03-05 14:30:00', '9', '2023-03-15', 'very good'],
      ['2', '2024-12-31', '6', '2024-01-01 12:00:00', 'ok'],
    ]);
    expect([...t.dateColumns!].sort()).toEqual([1, 3]);
  });
  it('reads the sheet named by --sheet and lists the sheets when it is missing', async () => {
    const p = await workbook('b.xlsx', (wb) => {
      wb.addWorksheet('Intro').addRow(['read me']);
      const ws = wb.addWorksheet('Data');
      ws.addRow(['q']);
      ws.addRow(['a']);
    });
    expect((await readTable(p, { sheet: 'Data' })).columns[0]).toEqual(['q', 'a']);
    await expect(readTable(p, { sheet: 'Nope' })).rejects.toThrow(/no sheet named "Nope"; the sheets are: Intro, Data/);
  });
  it('rejects a workbook whose sheet has no data', async () => {
    const p = await workbook('empty.xlsx', (wb) => void wb.addWorksheet('Sheet1'));
    await expect(readTable(p)).rejects.toThrow(/empty\.xlsx: sheet "Sheet1" has no data/);
  });
  it('converts serial numbers the way Excel does', () => {
    expect(formatDate(excelSerialToDate(1))).toBe('1900-01-01');
    expect(formatDate(excelSerialToDate(59))).toBe('1900-02-28');
    expect(formatDate(excelSerialToDate(61))).toBe('1900-03-01');
    expect(formatDate(excelSerialToDate(44927))).toBe('2023-01-01');
  });
});

describe('JSON reader (SurveyJS-style)', () => {
  it('turns an array of response objects into columns and keeps the records', async () => {
    const p = path.join(dir, 'r.json');
    const recs = [
      { nps: 9, car: ['Ford', 'BMW'], 'car-Comment': 'fast, red' },
      { nps: 3, satisfaction: 'no', extra: { a: 1 } },
    ];
    writeFileSync(p, JSON.stringify(recs));
    const t = await readTable(p);
    expect(t.format).toBe('json');
    expect(t.records).toEqual(recs);
    expect(Array.from({ length: t.height }, (_, r) => rowAt(t, r))).toEqual([
      ['nps', 'car', 'car-Comment', 'satisfaction', 'extra'],
      ['9', 'Ford;BMW', 'fast, red', '', ''],
      ['3', '', '', 'no', '{"a":1}'],
    ]);
  });
  it('reads JSON Lines and an object wrapping the array', async () => {
    const a = path.join(dir, 'r.jsonl');
    writeFileSync(a, '{"id":"a","q":1}\n\n{"id":"b","q":2}\n');
    expect((await readTable(a)).columns).toEqual([['id', 'a', 'b'], ['q', '1', '2']]);
    const b = path.join(dir, 'w.json');
    writeFileSync(b, JSON.stringify({ Data: [{ x: 'y' }], TotalCount: 1 }));
    expect((await readTable(b)).columns).toEqual([['x', 'y']]);
  });
  it('names the bad line of a broken JSON Lines file', async () => {
    const p = path.join(dir, 'bad.jsonl');
    writeFileSync(p, '{"id":"a"}\n{"id":\n');
    await expect(readTable(p)).rejects.toThrow(/bad\.jsonl: line 2 is not valid JSON/);
  });
});
