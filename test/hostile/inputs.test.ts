// Issue 10 items 3–7: hostile input files, generated at test time. Before the fix: an XLSX with a value in
// XFD1048576 and 5 real rows ran out of memory (exit 134); a CSV of UTF-8 then GBK lines was read wholly as
// GB18030 (UTF-8 rows garbled, no warning); a NUL byte was "a binary file"; survey.json could name a column
// file "../victim" outside the dataset; 100,000 columns made 100,003 files in ~55 s; an unknown --outcome
// said "No driver columns found besides …".
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { readTable } from '../../src/ingest/read/index.js';
import { readExport } from '../../src/ingest/index.js';
import { loadDataset } from '../../src/dataset/store.js';
import { CxError } from '../../src/ui/errors.js';
import { cx, expectRefused, root, snapshot, tmpDir } from './helpers.js';

async function rejects(p: Promise<unknown>): Promise<CxError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CxError);
    expect((e as CxError).exitCode).toBe(2);
    return e as CxError;
  }
  throw new Error('expected a CxError');
}

/** A 5-response workbook whose sheet XML is then edited by `patch`. */
async function xlsx(file: string, patch: (sheetXml: string) => string): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('data');
  ws.addRow(['id', 'nps', 'comment']);
  for (let i = 1; i <= 5; i++) ws.addRow([i, i * 2, `c${i}`]);
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(buf);
  const name = 'xl/worksheets/sheet1.xml';
  zip.file(name, patch(await zip.file(name)!.async('string')));
  writeFileSync(file, await zip.generateAsync({ type: 'nodebuffer' }));
}

describe('XLSX sized by its data, not by its declared dimension', () => {
  it('dimension A1:XFD1048576 and an empty cell at XFD1048576: the 5 rows import', async () => {
    const d = tmpDir('xlsx');
    const f = path.join(d, 'dim.xlsx');
    await xlsx(f, (x) => x.replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD1048576"/>').replace('</sheetData>', '<row r="1048576"><c r="XFD1048576"/></row></sheetData>'));
    const t = await readTable(f);
    expect([t.height, t.width]).toEqual([6, 3]);
    expect(t.columns[1]).toEqual(['nps', '2', '4', '6', '8', '10']);
  });

  it('a stray value in XFD1048576: exit 2 naming the cell (was: out of memory)', async () => {
    const d = tmpDir('xlsx2');
    const f = path.join(d, 'far.xlsx');
    await xlsx(f, (x) => x.replace('</sheetData>', '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'));
    const e = await rejects(readTable(f));
    expect(e.message).toMatch(/far\.xlsx: sheet "data" has a value in cell XFD1048576, far outside the rest of its 19 filled cells/);
  });
});

describe('encodings are decided per line and never garbled silently', () => {
  it('UTF-8 lines then GBK lines: both read correctly, a warning names the lines', async () => {
    const d = tmpDir('enc');
    const f = path.join(d, 'mixed.csv');
    writeFileSync(f, Buffer.concat([Buffer.from('id,comment\n1,送货很快\n2,太慢了\n'), iconv.encode('3,味道不错\n4,饭菜凉了\n', 'gbk')]));
    const t = await readTable(f); // the raw table (recognition releases raw columns once they are used)
    expect(t.columns[1]).toEqual(['comment', '送货很快', '太慢了', '味道不错', '饭菜凉了']);
    const r = await readExport(f);
    expect(r.warnings.join('\n')).toMatch(/mixed encodings: lines 2, 3 are UTF-8 but lines 4, 5 are GB18030; .*--encoding/);
  });

  it('replacement characters in a UTF-8 file: a warning with the line numbers', async () => {
    const d = tmpDir('fffd');
    const f = path.join(d, 'x.csv');
    writeFileSync(f, 'id,comment\n1,ok\n2,\uFFFD\uFFFD\uFFFD\n3,fine\n4,bad \uFFFD\n');
    const r = await readExport(f);
    expect(r.warnings.join('\n')).toMatch(/lines 3, 5 contain characters that could not be read as UTF-8 .*try --encoding/);
  });

  it('a NUL byte inside a CSV says where (was: "a binary file")', async () => {
    const d = tmpDir('nul');
    const f = path.join(d, 'nul.csv');
    writeFileSync(f, Buffer.from('id,nps\n1,10\n2,\u00003\n3,9\n', 'utf8'));
    const e = await rejects(readTable(f));
    expect(e.message).toBe(`${f}: line 3 contains a NUL byte (character 0, byte offset 14); the export is damaged: remove the NUL bytes or export the responses again.`);
  });
});

describe('wide files and dataset manifests', () => {
  it('100,000 columns: exit 2 before parsing, nothing written', () => {
    const d = tmpDir('wide');
    const f = path.join(d, 'wide.csv');
    writeFileSync(f, Array.from({ length: 100000 }, (_, i) => `c${i}`).join(',') + '\n' + '1,'.repeat(99999) + '1\n');
    const before = snapshot(d);
    expectRefused(cx(['import', f, '-o', path.join(d, 'ds')]), 'wide.csv: 100,000 columns; cx reads at most 20,000 columns');
    expect(snapshot(d)).toEqual(before);
  });

  it('survey.json naming a column file outside the folder (../victim) or a bad version: exit 2', async () => {
    const d = tmpDir('manifest');
    const ds = path.join(d, 'ds');
    expect(cx(['import', path.join(root, 'fixtures/comments/sample.csv'), '-o', ds]).status).toBe(0);
    writeFileSync(path.join(d, 'victim.utf8'), 'secret');
    const mf = path.join(ds, 'survey.json');
    const m = JSON.parse(readFileSync(mf, 'utf8'));
    const orig = JSON.stringify(m);
    m.columns[0].file = '../victim';
    writeFileSync(mf, JSON.stringify(m));
    const e = await rejects(loadDataset(ds));
    expect(e.message).toContain('names the file "../victim", which is not a plain file name inside the dataset folder');
    const v = JSON.parse(orig);
    v.format.version = 'one';
    writeFileSync(mf, JSON.stringify(v));
    expect((await rejects(loadDataset(ds))).message).toMatch(/survey\.json: /);
    v.format.version = 1;
    v.nRows = -5;
    writeFileSync(mf, JSON.stringify(v));
    expect((await rejects(loadDataset(ds))).message).toContain('nRows -5 is not a row count');
    expect(existsSync(path.join(d, 'victim.utf8'))).toBe(true);
  });
});

describe('messages that named the wrong thing', () => {
  it('cx drivers --outcome no_such_column names the outcome column', () => {
    const r = cx(['drivers', path.join(root, 'fixtures/comments/sample.csv'), '--outcome', 'no_such_column']);
    expectRefused(r, '--outcome: no column named "no_such_column"', 'columns are: id, region, nps, comment');
    expect(r.stderr).not.toContain('No driver columns');
  });
});
