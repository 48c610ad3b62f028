import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Column, Survey } from '../../src/dataset/types.js';
import { loadDataset, saveDataset } from '../../src/dataset/store.js';
import { appendSurvey } from '../../src/dataset/store-merge.js';

const num = (...v: number[]): Column => ({ kind: 'num', values: Float64Array.from(v) });
const str = (...v: (string | null)[]): Column => ({ kind: 'str', values: v });

function survey(cols: Record<string, Column>, n: number, extra: Partial<Survey> = {}): Survey {
  return {
    source: ['x.csv'],
    platform: 'generic',
    encoding: 'utf-8',
    questions: Object.keys(cols).map((id) => ({ id, label: id.toUpperCase(), type: cols[id]!.kind === 'num' ? 'rating' : 'category' })),
    columns: new Map(Object.entries(cols)),
    nRows: n,
    idColumn: 'id',
    log: [{ at: '2026-01-01T00:00:00Z', file: 'x.csv', platform: 'generic', encoding: 'utf-8', rowsRead: n, rowsKept: n, exclusions: [], warnings: [] }],
    ...extra,
  };
}

const values = (c: Column | undefined) => (c ? Array.from(c.values as ArrayLike<unknown>) : undefined);
const tmp = () => mkdtempSync(path.join(tmpdir(), 'cx-store-'));

describe('dataset store', () => {
  it('round-trips numbers (NaN kept), short repeated text (dict) and long unique text (utf8)', async () => {
    const n = 5000;
    const ids = Array.from({ length: n }, (_, i) => `R_${i}`);
    const region = Array.from({ length: n }, (_, i) => (i % 7 === 0 ? null : ['华东', 'North', ''][i % 3]!));
    const nps = Float64Array.from({ length: n }, (_, i) => (i % 11 === 0 ? NaN : i % 11));
    const s = survey({ id: str(...ids), region: str(...region), nps: { kind: 'num', values: nps } }, n);
    const dir = path.join(tmp(), 'ds');
    saveDataset(dir, s);
    const m = JSON.parse(readFileSync(path.join(dir, 'survey.json'), 'utf8'));
    expect(m.format.name).toBe('cx-columns');
    expect(m.columns.map((c: { id: string; encoding: string }) => `${c.id}:${c.encoding}`)).toEqual(['id:utf8', 'region:dict', 'nps:f64']);
    const back = await loadDataset(dir);
    expect(back.nRows).toBe(n);
    expect(values(back.columns.get('id'))).toEqual(ids);
    expect(values(back.columns.get('region'))).toEqual(region);
    const got = back.columns.get('nps')!;
    expect(got.kind).toBe('num');
    expect(got.values).toBeInstanceOf(Float64Array);
    expect(Array.from(got.values as Float64Array)).toEqual(Array.from(nps));
    expect(back.questions.map((q) => q.label)).toEqual(['ID', 'REGION', 'NPS']);
  });
  it('round-trips utf8 text: emoji, CJK, empty text, nulls and lone surrogates, with exact byte lengths', async () => {
    // 10,000 values; lone surrogates next to each other must not pair up into one character (each value
    // is encoded on its own).
    const n = 10_000;
    const pick = ['a', '😀x', '中文评论，很好', 'é"\n,', '', 'plain text that is long enough'];
    const text: (string | null)[] = Array.from({ length: n }, (_, i) => (i % 13 === 0 ? null : pick[i % pick.length]!));
    text[4095] = '\ud83d'; // high surrogate alone, last of batch 1
    text[4096] = '\ude00'; // low surrogate alone, first of batch 2
    text[5000] = 'x\ud83d';
    text[5001] = '\ude00y';
    const s = survey({ id: str(...Array.from({ length: n }, (_, i) => `R${i}`)), c: str(...text) }, n);
    s.questions[1]!.type = 'text';
    const dir = path.join(tmp(), 'ds');
    saveDataset(dir, s);
    const back = values((await loadDataset(dir)).columns.get('c'))!;
    // A lone surrogate is not encodable in UTF-8: each becomes U+FFFD on its own (never a joined pair).
    const expected = text.slice();
    expected[4095] = '\ufffd';
    expected[4096] = '\ufffd';
    expected[5000] = 'x\ufffd';
    expected[5001] = '\ufffdy';
    expect(back).toEqual(expected);
    // Byte lengths are exact: '😀x' is 4 + 1 bytes, '中文评论，很好' 7 × 3.
    const lens = new Int32Array(readFileSync(path.join(dir, 'c1.len')).buffer.slice(0));
    expect(lens[1]).toBe(5);
    expect(lens[2]).toBe(21);
    expect(lens[0]).toBe(-1);
  });
  it('loads only the requested columns (by id or by source header)', async () => {
    const s = survey({ id: str('a', 'b'), q1: num(1, 2), q2: num(3, 4) }, 2);
    s.questions[2]!.source = 'Question two';
    const dir = path.join(tmp(), 'ds');
    saveDataset(dir, s);
    const back = await loadDataset(dir, { columns: ['q1', 'Question two', 'nope'] });
    expect([...back.columns.keys()]).toEqual(['q1', 'q2']);
    expect(back.questions).toHaveLength(3);
  });
  it('replaces an existing dataset atomically and leaves no temporary directory', () => {
    const root = tmp();
    const dir = path.join(root, 'ds');
    saveDataset(dir, survey({ id: str('a'), q: num(1) }, 1));
    saveDataset(dir, survey({ id: str('a', 'b'), q: num(1, 2) }, 2));
    expect(readdirSync(root)).toEqual(['ds']);
    expect(JSON.parse(readFileSync(path.join(dir, 'survey.json'), 'utf8')).nRows).toBe(2);
  });
  it('refuses to overwrite a directory that is not a dataset, and leaves nothing behind', () => {
    const root = tmp();
    const dir = path.join(root, 'notes');
    saveDataset(path.join(root, 'ok'), survey({ id: str('a') }, 1));
    writeFileSync(path.join(root, 'file.txt'), 'x');
    expect(() => saveDataset(path.join(root, 'file.txt'), survey({ id: str('a') }, 1))).toThrow(/not a cx dataset/);
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(root).sort()).toEqual(['file.txt', 'ok']);
  });
  it('reports a damaged column file as bad input', async () => {
    const dir = path.join(tmp(), 'ds');
    saveDataset(dir, survey({ id: str('a', 'b'), q: num(1, 2) }, 2));
    writeFileSync(path.join(dir, 'c1.f64'), Buffer.alloc(3));
    await expect(loadDataset(dir)).rejects.toThrow(/column "q" is missing or damaged/);
  });
});

describe('appendSurvey', () => {
  it('aligns questions by id, fills missing values, labels waves and drops duplicate response ids', () => {
    const w1 = survey({ id: str('a', 'b'), nps: num(9, 6) }, 2);
    const first = appendSurvey(undefined, w1, 'W1');
    expect(first.duplicates).toBe(0);
    // Wave 2 repeats response b, adds question csat, lacks nothing else.
    const w2 = survey({ id: str('b', 'c'), nps: num(10, 7), csat: num(5, 4) }, 2);
    const { survey: s, duplicates, duplicateRows } = appendSurvey(first.survey, w2, 'W2');
    expect(duplicates).toBe(1);
    expect(duplicateRows).toEqual([0]);
    expect(s.nRows).toBe(3);
    expect(s.questions.map((q) => q.id)).toEqual(['id', 'nps', 'csat', 'wave']);
    expect(values(s.columns.get('id'))).toEqual(['a', 'b', 'c']);
    expect(values(s.columns.get('nps'))).toEqual([9, 6, 7]);
    expect(values(s.columns.get('csat'))).toEqual([NaN, NaN, 4]);
    expect(values(s.columns.get('wave'))).toEqual(['W1', 'W1', 'W2']);
    expect(s.waves).toEqual(['W1', 'W2']);
    expect(s.log.at(-1)!.exclusions).toContainEqual({ reason: 'duplicate-in-dataset', count: 1, file: 'x.csv' });
    expect(s.log.at(-1)!.rowsKept).toBe(1);
  });
  it('turns a column into text when one wave has numbers and the other text', () => {
    const a = appendSurvey(undefined, survey({ id: str('a'), q: num(3) }, 1), 'A').survey;
    const s = appendSurvey(a, survey({ id: str('b'), q: str('n/a') }, 1), 'B').survey;
    expect(s.columns.get('q')).toEqual({ kind: 'str', values: ['3', 'n/a'] });
  });
  it('does not take a question id "wave" for its wave column', () => {
    const s = appendSurvey(undefined, survey({ id: str('a'), wave: str('spring') }, 1), 'W').survey;
    expect(s.waveColumn).toBe('cx_wave');
    expect(values(s.columns.get('wave'))).toEqual(['spring']);
  });
});

describe('questionOverlap (a different survey appended by mistake)', () => {
  it('counts content questions whose id and text both match; meta/id/date columns do not count', async () => {
    const { questionOverlap } = await import('../../src/dataset/store-merge.js');
    const mk = (qs: [string, string, string][]) =>
      ({ source: [], platform: 'x', questions: qs.map(([id, label, type]) => ({ id, label, type })), columns: new Map(), nRows: 0, log: [] }) as never;
    const base = mk([['Q1', 'How likely are you to recommend us?', 'nps'], ['Q2', 'Overall satisfaction', 'rating'], ['id', 'id', 'id']]);
    // Same ids, other questions (问卷星 also numbers Q1, Q2 …): 0 of 3 content questions match.
    const other = mk([['Q1', '您的性别', 'single'], ['Q2', '推荐意愿', 'nps'], ['Q3', '建议', 'text'], ['序号', '序号', 'id']]);
    expect(questionOverlap(base, other)).toEqual({ shared: 0, total: 3 });
    // The next wave of the same survey: wording differs only in spacing and case.
    const next = mk([['Q1', 'How likely are you to  recommend us?', 'nps'], ['Q2', 'overall satisfaction', 'rating'], ['Q9', 'New question', 'text']]);
    expect(questionOverlap(base, next)).toEqual({ shared: 2, total: 3 });
  });
});
