import { describe, expect, it } from 'vitest';
import { execSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';

const root = path.resolve(__dirname, '../..');
const data = path.resolve(root, '../shared/data/exports');
const cx = (args: string[], cwd = root) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
const tmp = () => mkdtempSync(path.join(tmpdir(), 'cx-import-'));

describe('cx import', () => {
  it('imports two waves, aligns a new question, de-duplicates on the response id and reports it (--json)', () => {
    const dir = tmp();
    const w1 = path.join(dir, 'w1.csv');
    const w2 = path.join(dir, 'w2.csv');
    writeFileSync(w1, 'ResponseId,NPS,region\nR_1,9,华东\nR_2,6,North\nR_3,10,华东\n');
    writeFileSync(w2, 'ResponseId,NPS,region,CSAT\nR_3,10,华东,5\nR_4,7,North,4\n');
    const ds = path.join(dir, 'ds');
    const r1 = cx(['import', w1, '-o', ds, '--wave', '2026-Q1', '--json']);
    expect(r1.status, r1.stderr).toBe(0);
    const j1 = JSON.parse(r1.stdout);
    expect(j1.files[0]).toMatchObject({ file: w1, encoding: 'utf-8', wave: '2026-Q1', rowsRead: 3, rowsKept: 3 });
    const r2 = cx(['import', w2, '-o', ds, '--wave', '2026-Q2', '--json']);
    expect(r2.status, r2.stderr).toBe(0);
    const j2 = JSON.parse(r2.stdout);
    expect(j2.rows).toBe(4); // 3 + (2 read − 1 already present)
    expect(j2.files[0].rowsKept).toBe(1);
    expect(j2.files[0].exclusions).toContainEqual({ reason: 'duplicate-in-dataset', count: 1 });
    expect(j2.waves).toEqual(['2026-Q1', '2026-Q2']);
    const d = JSON.parse(cx(['describe', ds, '--json']).stdout);
    const q = Object.fromEntries(d.questions.map((x: { id: string }) => [x.id, x]));
    expect(q.CSAT).toMatchObject({ answered: 1, missing: 3 });
    expect(q.NPS).toMatchObject({ answered: 4, missing: 0 });
    expect(d.waves).toEqual(['2026-Q1', '2026-Q2']);
    // The export keeps one header row, original values, and the wave column.
    const out = path.join(dir, 'out.csv');
    expect(cx(['export', ds, '--format', 'csv', '-o', out]).status).toBe(0);
    const lines = readFileSync(out, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    expect(lines[0]).toBe('ResponseId,NPS,region,CSAT,wave');
    expect(lines.slice(1)).toEqual(['R_1,9,华东,,2026-Q1', 'R_2,6,North,,2026-Q1', 'R_3,10,华东,,2026-Q1', 'R_4,7,North,4,2026-Q2']);
  });
  it('defaults to ./cx-data and says so; leaves the input untouched', () => {
    const dir = tmp();
    const f = path.join(dir, 's.csv');
    const text = 'id,q\n1,a\n';
    writeFileSync(f, text);
    const r = cx(['import', f], dir);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('cx-data');
    expect(existsSync(path.join(dir, 'cx-data', 'survey.json'))).toBe(true);
    expect(readFileSync(f, 'utf8')).toBe(text);
  });
  it('prints platform, encoding, counts and warnings in human mode', () => {
    const dir = tmp();
    const f = path.join(dir, 'r.csv');
    writeFileSync(f, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('id;q;q\n1;a;b\n2;c\n')]));
    const r = cx(['import', f, '-o', path.join(dir, 'ds')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/encoding utf-8-bom/);
    expect(r.stdout).toMatch(/rows read 2, kept 2/);
    expect(r.stderr).toMatch(/1 row\(s\) have a different number of fields.*rows 3/);
    expect(r.stderr).toMatch(/duplicated header "q"/);
  });
  it.runIf(existsSync(data))('imports the real Qualtrics legacy export (BOM, trailing commas)', () => {
    const dir = tmp();
    const r = cx(['import', path.join(data, 'qualtrics/sample_legacy.csv'), '-o', path.join(dir, 'ds'), '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).files[0].encoding).toBe('utf-8-bom');
  });
});

describe('cx import flags', () => {
  it.runIf(existsSync(data))('--include-preview keeps the Qualtrics test responses that are excluded by default', () => {
    const f = path.join(data, 'qualtrics/Multiple_Answer_MC_Questions (Insights).csv');
    const dir = tmp();
    const def = JSON.parse(cx(['import', f, '-o', path.join(dir, 'a'), '--json']).stdout);
    const inc = JSON.parse(cx(['import', f, '-o', path.join(dir, 'b'), '--json', '--include-preview']).stdout);
    // The file holds 5 responses, all Qualtrics-generated test data (FORMATS.md §13.8).
    expect(def.files[0].exclusions.reduce((a: number, e: { count: number }) => a + e.count, 0)).toBe(5);
    expect(def.rows).toBe(0);
    expect(inc.rows).toBe(5);
  });
  it('--encoding forces the decoding of a GBK file', () => {
    const dir = tmp();
    const f = path.join(dir, 'gbk.csv');
    // "编号,评价\n1,好\n" in GBK: 编 B1E0 号 BAC5 评 C6C0 价 BCDB 好 BAC3.
    writeFileSync(f, Buffer.from([0xb1, 0xe0, 0xba, 0xc5, 0x2c, 0xc6, 0xc0, 0xbc, 0xdb, 0x0a, 0x31, 0x2c, 0xba, 0xc3, 0x0a]));
    const r = cx(['describe', f, '--encoding', 'gbk', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.encoding).toBe('gb18030');
    expect(d.questions.map((q: { id: string }) => q.id)).toEqual(['编号', '评价']);
  });
  it('labels two files of the same name by folder when imported in one call', () => {
    const dir = tmp();
    for (const sub of ['jan', 'feb']) {
      execSync(`mkdir -p ${path.join(dir, sub)}`);
      writeFileSync(path.join(dir, sub, 'export.csv'), `id,q\n${sub}1,5\n`);
    }
    const r = cx(['import', path.join(dir, 'jan/export.csv'), path.join(dir, 'feb/export.csv'), '-o', path.join(dir, 'ds'), '--json']);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).waves).toEqual(['export', 'feb/export']);
  });
  it('rejects an unknown --platform with exit 2', () => {
    const dir = tmp();
    const f = path.join(dir, 'p.csv');
    writeFileSync(f, 'id,q\n1,2\n');
    const r = cx(['import', f, '--platform', 'nosuch', '-o', path.join(dir, 'ds')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/nosuch/);
  });
});

describe('cx import: bad input exits 2 with one sentence naming the file', () => {
  const dir = tmp();
  const cases: [string, () => string, RegExp][] = [
    ['missing file', () => path.join(dir, 'nope.csv'), /nope\.csv: no such file/],
    ['empty file', () => (writeFileSync(path.join(dir, 'empty.csv'), ''), path.join(dir, 'empty.csv')), /empty\.csv: the file is empty/],
    ['binary file', () => (writeFileSync(path.join(dir, 'bin.csv'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3, 0, 0])), path.join(dir, 'bin.csv')), /bin\.csv: this is a binary file/],
    ['unterminated quote', () => (writeFileSync(path.join(dir, 'q.csv'), 'id,c\n1,ok\n2,"open\n3,x\n'), path.join(dir, 'q.csv')), /q\.csv: row 3 \(line 3\), column 2: a quoted field is never closed/],
    ['no header row', () => (writeFileSync(path.join(dir, 'nh.csv'), ',,\n1,2,3\n'), path.join(dir, 'nh.csv')), /nh\.csv: row 1 is blank, so there is no header row/],
    ['numbers where the header belongs', () => (writeFileSync(path.join(dir, 'num.csv'), '1,2,3\n4,5,6\n'), path.join(dir, 'num.csv')), /num\.csv: row 1 holds numbers/],
  ];
  for (const [name, make, msg] of cases) {
    it(name, () => {
      const out = path.join(dir, `ds-${name.replace(/\W/g, '')}`);
      const r = cx(['import', make(), '-o', out]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(msg);
      expect(existsSync(out)).toBe(false);
      expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    });
  }
  it('an XLSX with no data', async () => {
    const f = path.join(dir, 'blank.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1');
    await wb.xlsx.writeFile(f);
    const r = cx(['import', f, '-o', path.join(dir, 'ds-x')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/blank\.xlsx: sheet "Sheet1" has no data/);
  });
  it('a failing second file leaves an existing dataset unchanged', () => {
    const good = path.join(dir, 'good.csv');
    writeFileSync(good, 'id,q\n1,a\n');
    const ds = path.join(dir, 'ds-keep');
    expect(cx(['import', good, '-o', ds]).status).toBe(0);
    const before = readFileSync(path.join(ds, 'survey.json'), 'utf8');
    const bad = path.join(dir, 'bad2.csv');
    writeFileSync(bad, 'id,q\n2,"x\n');
    const more = path.join(dir, 'more.csv');
    writeFileSync(more, 'id,q\n3,b\n');
    const r = cx(['import', more, bad, '-o', ds]);
    expect(r.status).toBe(2);
    expect(readFileSync(path.join(ds, 'survey.json'), 'utf8')).toBe(before);
  });
});

describe('cx describe and cx export', () => {
  it('describes a raw export without importing it', () => {
    const dir = tmp();
    const f = path.join(dir, 'd.csv');
    writeFileSync(f, 'id,NPS,comment\n1,9,good\n2,,bad\n3,4,\n');
    const r = cx(['describe', f, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d).toMatchObject({ kind: 'export', rows: 3, encoding: 'utf-8' });
    const nps = d.questions.find((q: { id: string }) => q.id === 'NPS');
    expect(nps).toMatchObject({ answered: 2, missing: 1 });
    const human = cx(['describe', f]);
    expect(human.stdout).toMatch(/3 responses/);
    expect(human.stdout).toMatch(/NPS/);
  });
  it('exports CSV without letting a comment become a formula, and Parquet that hyparquet reads', async () => {
    const dir = tmp();
    const f = path.join(dir, 'e.csv');
    writeFileSync(f, 'id,score,comment\n1,5,"=cmd|\' /C calc\'!A0"\n2,3,"@SUM(1)"\n3,1,fine\n');
    const ds = path.join(dir, 'ds');
    expect(cx(['import', f, '-o', ds, '--quiet']).status).toBe(0);
    const out = path.join(dir, 'o.csv');
    expect(cx(['export', ds, '-o', out]).status).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain(`'=cmd|' /C calc'!A0`);
    expect(text).toContain(`'@SUM(1)`);
    const pq = path.join(dir, 'o.parquet');
    const r = cx(['export', ds, '--format', 'parquet', '-o', pq, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const { parquetReadObjects } = await import('hyparquet');
    const b = readFileSync(pq);
    const rows = await parquetReadObjects({ file: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer, columns: ['id', 'score', 'comment'] });
    expect(rows.map((x) => x.comment)).toEqual([`=cmd|' /C calc'!A0`, '@SUM(1)', 'fine']);
    expect(rows.map((x) => Number(x.score))).toEqual([5, 3, 1]);
  });
  it('rejects an unknown export format', () => {
    const r = cx(['export', 'whatever', '-o', path.join(tmp(), 'x.docx')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/use csv, xlsx, parquet or jsonl/);
  });
});
