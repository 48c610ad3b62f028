import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

const root = path.resolve(__dirname, '../..');
const cx = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });

let dir = '';
const f = (n: string) => path.join(dir, n);

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'cx-sentiment-cli-'));
  writeFileSync(f('comments.csv'), 'id,comment,nps\nr1,送餐很快，很好吃,9\nr2,菜都凉了，太难吃了,2\nr3,"Great service, very friendly!",10\nr4,,7\n');
  const lab = [
    ['很好吃', '正面'], ['太难吃了', '负面'], ['送餐很快', '正面'], ['太慢了', '负面'],
    ['Great product, works well', '正面'], ['Terrible, it broke after a day', '负面'],
  ];
  writeFileSync(f('labelled.csv'), 'text,label\n' + lab.map(([t, l]) => `"${t}",${l}`).join('\n') + '\n');
  writeFileSync(f('badlabel.csv'), 'text,label\n好吃,1\n难吃,0\n一般,maybe\n');
  writeFileSync(f('garbage.json'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0xff]));
});

describe('cx sentiment', () => {
  it('--json: summary and one row per comment, empty comment missing', () => {
    const r = cx(['sentiment', f('comments.csv'), '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.textColumn).toBe('comment');
    expect(j).toMatchObject({ n: 3, missing: 1, positive: 2, negative: 1, neutral: 0 });
    expect(j.rows.map((x: { sentiment: string | null }) => x.sentiment)).toEqual(['positive', 'negative', 'positive', null]);
    expect(j.rows[0].id).toBe('r1');
    expect(j.positivePct).toBeCloseTo(200 / 3, 10);
  });
  it('-o writes id, the comment, sentiment, sentimentScore, lang, noComment (CSV and JSONL)', () => {
    expect(cx(['sentiment', f('comments.csv'), '-o', f('out.csv'), '--quiet']).status).toBe(0);
    const recs = parse(readFileSync(f('out.csv'), 'utf8'), { bom: true, columns: true }) as Record<string, string>[];
    expect(Object.keys(recs[0]!)).toEqual(['id', 'comment', 'sentiment', 'sentimentScore', 'lang', 'noComment']);
    expect(recs).toHaveLength(4);
    expect(recs[1]!.id).toBe('r2');
    expect(recs[1]!.sentiment).toBe('negative');
    expect(Number(recs[1]!.sentimentScore)).toBeLessThan(0);
    expect(recs[3]).toMatchObject({ id: 'r4', sentiment: '', sentimentScore: '' });
    expect(cx(['sentiment', f('comments.csv'), '-o', f('out.jsonl'), '--quiet']).status).toBe(0);
    const rows = readFileSync(f('out.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows[2]).toMatchObject({ id: 'r3', sentiment: 'positive' });
    expect(readdirSync(dir).some((n) => n.includes('.tmp-'))).toBe(false);
  });
  it('human output shows the counts', () => {
    const r = cx(['sentiment', f('comments.csv')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/positive\s*│\s*2\s*│\s*66\.7%/);
  });
  it('bad input: unknown column, unknown output format → exit 2 with one message naming it', () => {
    const a = cx(['sentiment', f('comments.csv'), '--text', 'nosuch']);
    expect(a.status).toBe(2);
    expect(a.stderr).toContain('"nosuch"');
    expect(a.stderr).toContain('comments.csv');
    expect(a.stdout).toBe('');
    const b = cx(['sentiment', f('comments.csv'), '-o', f('out.txt')]);
    expect(b.status).toBe(2);
    expect(b.stderr).toContain('out.txt');
    expect(existsSync(f('out.txt'))).toBe(false);
  });
});

describe('cx sentiment train / eval', () => {
  it('eval zero-config on obvious comments: accuracy 1, diagonal confusion', () => {
    const r = cx(['sentiment', 'eval', f('labelled.csv'), '--text', 'text', '--label', 'label', '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ n: 6, accuracy: 1, coverage: 1, macroF1: 1 });
    expect(j.confusion.positive).toEqual({ negative: 0, positive: 3 });
  });
  it('train writes a tagged JSON model that --model and eval use', () => {
    const t = cx(['sentiment', 'train', f('labelled.csv'), '--text', 'text', '--label', 'label', '-o', f('model.json'), '--json']);
    expect(t.status).toBe(0);
    expect(JSON.parse(t.stdout)).toMatchObject({ n: 6, classes: { positive: 3, negative: 3 } });
    const m = JSON.parse(readFileSync(f('model.json'), 'utf8'));
    expect(m.format).toBe('cx-sentiment-model');
    expect(m.version).toBe(1);
    const s = cx(['sentiment', f('comments.csv'), '--model', f('model.json'), '--json']);
    expect(s.status).toBe(0);
    expect(JSON.parse(s.stdout).method).toBe('model');
    const e = cx(['sentiment', 'eval', f('labelled.csv'), '--text', 'text', '--label', 'label', '--model', f('model.json'), '--json']);
    expect(e.status).toBe(0);
    expect(JSON.parse(e.stdout).n).toBe(6);
  });
  it('a garbage model file → exit 2 naming the file', () => {
    const r = cx(['sentiment', f('comments.csv'), '--model', f('garbage.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('garbage.json');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('an unknown label → exit 2 naming row, column and value', () => {
    const r = cx(['sentiment', 'train', f('badlabel.csv'), '--text', 'text', '--label', 'label', '-o', f('m2.json')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('row 3');
    expect(r.stderr).toContain('"label"');
    expect(r.stderr).toContain('maybe');
    expect(existsSync(f('m2.json'))).toBe(false);
  });
  it('train without -o → exit 2', () => {
    expect(cx(['sentiment', 'train', f('labelled.csv'), '--text', 'text', '--label', 'label']).status).toBe(2);
  });
});

describe('cx sentiment on a .txt file (issue 11)', () => {
  it('reads one comment per line with no header, like cx code; no-comments counted apart', () => {
    writeFileSync(f('plain.txt'), '送餐很快，很好吃\n菜都凉了，太难吃了\n无\nn/a\n');
    const r = cx(['sentiment', f('plain.txt'), '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ n: 2, positive: 1, negative: 1, noComment: 2, missing: 0 });
    expect(j.rows[0]).toMatchObject({ row: 1, text: '送餐很快，很好吃', sentiment: 'positive' });
  });
});
