// `cx code` acceptance: exit codes, output columns, hand-read codes of fixtures/comments/sample.csv.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

const root = path.resolve(__dirname, '../..');
const cx = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env },
  });
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cx-code-'));
const SAMPLE = 'fixtures/comments/sample.csv';
const ACME = 'fixtures/codeframes/acme-eats.csv';

// Hand-coded with acme-eats.csv (nets: 10 delivery, 20 price, 30 support, 40 quality, 50 app):
//  c01 送货太慢…饭都凉了 → 11 late (送货 NEAR 慢), 13 cold (凉了)   c02 菜品新鲜，味道很好 → 41
//  c03 Delivery was fast → 12                                       c04 (Traditional) 客服態度很差，退款處理太慢 → 32, 35
//  c05 empty                                                        c06 app keeps crashing → 53 ("not good" is no code here)
//  c07 价格太贵了，不划算 → 21                                       c08 App很好用，下单方便 → 51
//  c09 Support never replied → 33                                   c10 今天天气不错 → 99 Other
const EXPECTED: Record<string, number[]> = {
  c01: [10, 11, 13], c02: [40, 41], c03: [10, 12], c04: [30, 32, 35], c06: [50, 53],
  c07: [20, 21], c08: [50, 51], c09: [30, 33], c10: [99],
};

describe('cx code', () => {
  it('codes a CSV of comments: JSON summary and one 0/1 column per code and net', () => {
    const out = path.join(tmp, 'coded.csv');
    const r = cx(['code', SAMPLE, '--codeframe', ACME, '--by', 'region', '-o', out, '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.textColumn).toBe('comment');
    expect(j.n).toBe(10);
    expect(j.base).toBe(9);
    const count = (id: number) => j.codes.find((c: { id: number }) => c.id === id).count;
    expect(count(10)).toBe(2); // c01, c03
    expect(count(30)).toBe(2); // c04, c09
    expect(count(99)).toBe(1);
    expect(j.codes.find((c: { id: number }) => c.id === 10).pct).toBeCloseTo((100 * 2) / 9, 12);
    expect(j.by.groups).toEqual([{ key: 'North', letter: 'A', base: 5 }, { key: 'South', letter: 'B', base: 4 }]);
    const rows = parse(readFileSync(out, 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    const header = Object.keys(rows[0]!);
    expect(header[0]).toBe('id');
    expect(header[1]).toBe('comment'); // the text travels with the codes (issue 11)
    expect(header).toContain('sentiment');
    expect(header).toContain('sentimentScore');
    expect(header[header.length - 1]).toBe('noComment');
    expect(header).toContain('code_10');
    expect(header).toContain('code_99');
    for (const row of rows) {
      const on = header.filter((h) => h.startsWith('code_') && row[h] === '1').map((h) => Number(h.slice(5)));
      if (row.id === 'c05') {
        expect(header.filter((h) => h.startsWith('code_')).every((h) => row[h] === '')).toBe(true);
        expect(row.sentiment).toBe('');
      } else {
        expect(on).toEqual(EXPECTED[row.id!]);
        expect(['positive', 'neutral', 'negative']).toContain(row.sentiment);
      }
    }
  });
  it('gives the same codes with the Intl.Segmenter fallback', () => {
    const a = JSON.parse(cx(['code', SAMPLE, '--codeframe', ACME, '--json', '--no-sentiment']).stdout);
    const b = JSON.parse(cx(['code', SAMPLE, '--codeframe', ACME, '--json', '--no-sentiment'], { CX_SEGMENTER: 'intl' }).stdout);
    expect(b.segmenter).toBe('intl');
    expect(b.codes.map((c: { count: number }) => c.count)).toEqual(a.codes.map((c: { count: number }) => c.count));
  });
  it('codes a survey export by nps_group and writes JSONL', () => {
    const out = path.join(tmp, 'demo.jsonl');
    const r = cx(['code', 'fixtures/demo/wave-2026Q3.csv', '--codeframe', 'fixtures/codeframes/cx-default.yaml', '--by', 'nps_group', '-o', out, '--json', '--no-sentiment']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.textColumn).toBe('Q5');
    expect(j.by.groups.map((g: { key: string }) => g.key)).toEqual(['detractor', 'passive', 'promoter']);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(j.n);
    // "Delivery is ok, sometimes a bit late." → late delivery 101 and its net 100 only
    const src = parse(readFileSync(path.join(root, 'fixtures/demo/wave-2026Q3.csv'), 'utf8'), { bom: true, columns: true, from_line: 1 }) as Record<string, string>[];
    const rid = src.find((r) => r.Q5 === 'Delivery is ok, sometimes a bit late.')!.ResponseId;
    const row = lines.find((l: Record<string, unknown>) => l.ResponseId === rid);
    const on = Object.entries(row).filter(([k, v]) => k.startsWith('code_') && v === 1).map(([k]) => k);
    expect(on).toEqual(['code_100', 'code_101']);
  });
  it('reads the flat codeframe from an Excel workbook', async () => {
    const { writeTable } = await import('../../src/dataset/write.js');
    const xlsx = path.join(tmp, 'cf.xlsx');
    await writeTable(xlsx, ['id', 'parent', 'name', 'any', 'query'], [
      ['1', '', '配送 Delivery', '', ''],
      ['2', '1', '慢 Late', '迟到 | late', '(送货 OR delivery) NEAR/3 慢'],
      ['3', '', '价格 Price', '太贵 | expensive', ''],
    ], { format: 'xlsx' });
    const r = cx(['code', SAMPLE, '--codeframe', xlsx, '--json', '--no-sentiment']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    // c01 送货太慢了 → 2 (and net 1); c07 价格太贵了 → 3
    expect(j.codes.map((c: { id: number; count: number }) => [c.id, c.count])).toEqual([[1, 1], [2, 1], [3, 1]]);
    const bad = path.join(tmp, 'bad.xlsx');
    await writeTable(bad, ['id', 'name', 'query'], [['1', 'a', 'late AND']], { format: 'xlsx' });
    const e = cx(['code', SAMPLE, '--codeframe', bad]);
    expect(e.status).toBe(2);
    expect(e.stderr).toMatch(/bad\.xlsx line 2, code 1, term "late AND"/);
  });
  it('prints a human table and takes a .txt file of comments', () => {
    const r = cx(['code', 'fixtures/comments/sample.txt', '--codeframe', ACME]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('3 comments coded of 4 rows');
    expect(r.stdout).toContain('11 配送慢 Late delivery');
  });
  it('exit 2 on an invalid codeframe, naming file, line, code and term; nothing on stdout, no output file', () => {
    const bad = path.join(tmp, 'bad.yaml');
    writeFileSync(bad, 'codes:\n  - id: 1\n    name: a\n    query: "late AND"\n  - { id: 2, name: b, query: "@9" }\n');
    const out = path.join(tmp, 'never.csv');
    const r = cx(['code', SAMPLE, '--codeframe', bad, '-o', out]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/bad\.yaml line 2, code 1, term "late AND": query syntax error/);
    expect(r.stderr).toMatch(/line 5, code 2, term "@9"/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });
  it('exit 2 on a missing codeframe, an unknown --text column, an empty text column, a bad output name', () => {
    expect(cx(['code', SAMPLE, '--codeframe', 'nope.yaml']).stderr).toMatch(/Cannot read codeframe nope\.yaml/);
    const t = cx(['code', SAMPLE, '--codeframe', ACME, '--text', 'why']);
    expect(t.status).toBe(2);
    expect(t.stderr).toMatch(/no column "why"/);
    const empty = path.join(tmp, 'empty.csv');
    writeFileSync(empty, 'id,comment,score\n1,,3\n2,,4\n');
    const e = cx(['code', empty, '--codeframe', ACME, '--text', 'comment']);
    expect(e.status).toBe(2);
    expect(e.stderr).toMatch(/column "comment" has no comments/);
    const o = cx(['code', SAMPLE, '--codeframe', ACME, '-o', path.join(tmp, 'x.doc')]);
    expect(o.status).toBe(2);
    expect(cx(['code', SAMPLE]).status).toBe(2); // --codeframe is required
    expect(cx(['--lang', 'zh', 'code', SAMPLE, '--codeframe', 'nope.yaml']).stderr).toMatch(/无法读取编码框架/);
  });
});
