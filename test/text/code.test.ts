// Coding a survey: counts and % of respondents (base = non-empty comments), nets counted once, --by.
import { describe, expect, it } from 'vitest';
import type { Survey } from '../../src/dataset/types.js';
import { compileCodeframeText } from '../../src/text/codeframe/index.js';
import { codeSurvey, codedTable, findTextColumn, codeTexts } from '../../src/text/code.js';
import { CxError } from '../../src/ui/errors.js';

const CF = compileCodeframeText(`
codes:
  - id: 200
    name: Taste
    net: true
    owner: Kitchen
    children:
      - { id: 201, name: Tasty, any: [好吃, good] }
      - { id: 202, name: Not tasty, any: [难吃, 不好吃] }
  - { id: 101, name: Late, any: [late] }
  - { id: 999, name: Other, fallback: true }
`);

function survey(comments: (string | null)[], groups: (string | null)[], nps?: number[]): Survey {
  const cols = new Map<string, Survey['columns'] extends Map<string, infer C> ? C : never>();
  cols.set('rid', { kind: 'str', values: comments.map((_, i) => `R${i + 1}`) });
  cols.set('region', { kind: 'str', values: groups });
  cols.set('note', { kind: 'str', values: comments.map(() => 'x') });
  cols.set('comment', { kind: 'str', values: comments });
  const questions: Survey['questions'] = [
    { id: 'rid', label: 'id', type: 'id', role: 'responseId' },
    { id: 'region', label: 'Region', type: 'category' },
    { id: 'note', label: 'Note', type: 'text' },
    { id: 'comment', label: 'Why?', type: 'text' },
  ];
  if (nps) {
    cols.set('q1', { kind: 'num', values: Float64Array.from(nps) });
    questions.push({ id: 'q1', label: 'NPS', type: 'nps', role: 'nps' });
  }
  return { source: ['mem'], platform: 'test', questions, columns: cols, nRows: comments.length, log: [], idColumn: 'rid' };
}

const comments = ['菜不好吃', '菜很好吃', '', 'late delivery, food was good', null, 'the weather today'];
const groups = ['A', 'A', 'A', 'B', 'B', 'B'];

describe('codeSurvey', () => {
  it('counts respondents per code and net over non-empty comments', async () => {
    const { result, rows } = await codeSurvey(survey(comments, groups), CF, { file: 'mem.csv', sentiment: false });
    expect(result.textColumn).toBe('comment'); // longest text column (note is 1 char)
    expect(result.n).toBe(6);
    expect(result.base).toBe(4); // rows 1, 2, 4, 6
    const by = new Map(result.codes.map((c) => [c.id, c]));
    // 201: rows 2 and 4 → 2/4 = 50 %; 202: row 1 → 25 %; 101: row 4; 999: row 6
    expect(by.get(201)).toMatchObject({ count: 2, pct: 50, owner: 'Kitchen', level: 1 });
    expect(by.get(202)).toMatchObject({ count: 1, pct: 25 });
    expect(by.get(101)).toMatchObject({ count: 1, pct: 25, owner: null });
    expect(by.get(999)).toMatchObject({ count: 1, pct: 25 });
    // net 200: rows 1, 2, 4 once each = 3 (not 201 + 202 = 3 by coincidence: row 4 has only 201) → 75 %
    expect(by.get(200)).toMatchObject({ count: 3, pct: 75, net: true, level: 0 });
    expect(rows[2]!.empty).toBe(true);
    expect(rows[4]!.empty).toBe(true);
  });
  it('a net counts a respondent once when two children match', async () => {
    const { result } = await codeSurvey(survey(['好吃但是这个难吃'], ['A']), CF, { file: 'm', sentiment: false });
    const net = result.codes.find((c) => c.id === 200)!;
    expect(net.count).toBe(1);
    expect(net.pct).toBe(100);
  });
  it('breaks down by a column with % per group', async () => {
    const { result } = await codeSurvey(survey(comments, groups), CF, { file: 'mem.csv', by: 'region', sentiment: false });
    const b = result.by!;
    expect(b.groups).toEqual([{ key: 'A', letter: 'A', base: 2 }, { key: 'B', letter: 'B', base: 2 }]);
    const net = b.codes.find((c) => c.id === 200)!;
    expect(net.counts).toEqual([2, 1]); // A: rows 1, 2; B: row 4
    expect(net.pcts).toEqual([100, 50]);
  });
  it('computes nps_group from the NPS question (0–6 / 7–8 / 9–10)', async () => {
    const { result } = await codeSurvey(survey(comments, groups, [0, 10, 5, 7, 9, 6]), CF, { file: 'm', by: 'nps_group', sentiment: false });
    // non-empty comments: row1 score 0 (detractor), row2 10 (promoter), row4 7 (passive), row6 6 (detractor)
    expect(result.by!.groups.map((g) => [g.key, g.base])).toEqual([['detractor', 2], ['passive', 1], ['promoter', 1]]);
  });
  it('writes id, one 0/1 column per code and net, empty cells for an empty comment', async () => {
    const s = survey(comments, groups);
    const { rows, ids } = await codeSurvey(s, CF, { file: 'm', sentiment: false });
    const t = codedTable(CF, rows, ids, false);
    expect(t.header).toEqual(['rid', 'code_200', 'code_201', 'code_202', 'code_101', 'code_999']);
    const all = [...t.rows];
    expect(all[0]).toEqual(['R1', 1, 0, 1, 0, 0]);
    expect(all[2]).toEqual(['R3', null, null, null, null, null]);
    expect(all[3]).toEqual(['R4', 1, 1, 0, 1, 0]);
    expect(codedTable(CF, rows, ids, false, 'names').header[1]).toBe('200 Taste');
  });
  it('adds comment sentiment and per-code sentiment', async () => {
    const out = await codeTexts(['菜很好吃', null], CF, true);
    expect(out[0]!.sentiment!.label).toBe('positive');
    expect(out[0]!.codeScores).toHaveLength(out[0]!.codes.length);
    expect(out[1]!.sentiment).toBeUndefined();
  });
  it('exit 2 on an unknown --text column or an empty comment column', async () => {
    const s = survey(comments, groups);
    expect(() => findTextColumn(s, 'nope', 'f.csv')).toThrow(/f\.csv: no column "nope"/);
    const empty = survey([null, '', '  '], ['A', 'A', 'A']);
    await expect(codeSurvey(empty, CF, { file: 'f.csv', text: 'comment', sentiment: false })).rejects.toThrow(CxError);
    await expect(codeSurvey(empty, CF, { file: 'f.csv', text: 'comment', sentiment: false })).rejects.toThrow(/column "comment" has no comments/);
  });
});
