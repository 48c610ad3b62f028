import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { load, nums, q, strs } from './load.js';

const F = 'fixtures/exports/qualtrics';
const INSIGHTS = '../shared/data/exports/qualtrics/Multiple_Answer_MC_Questions (Insights).csv';

describe('Qualtrics current 3-row export (real sample.csv, MIT)', () => {
  it('uses row 1 as ids, row 2 as labels, row 3 ImportIds; one response kept', async () => {
    const { survey, exclusions } = await load(`${F}/sample.csv`);
    expect(survey.platform).toBe('qualtrics');
    expect(survey.nRows).toBe(1);
    expect(exclusions).toEqual([]);
    expect(q(survey, 'Q1').label).toBe('This is a multiple choice question.');
    // Q2 is the free-text question (ImportId QID2_TEXT), its Text iQ topics column is metadata.
    expect(q(survey, 'Q2').type).toBe('text');
    expect(strs(survey, 'Q2')).toEqual(['Hello World!']);
    expect(q(survey, 'Q2 - Topics').type).toBe('meta');
    expect(survey.idColumn).toBe('ResponseId');
    expect(strs(survey, 'ResponseId')).toEqual(['R_2YPOQ602ER1jkf1']);
    // RecordedDate "2017-07-18 08:28:48" kept as wall-clock time.
    expect(survey.dateColumn).toBe('RecordedDate');
    expect(strs(survey, 'RecordedDate')).toEqual(['2017-07-18T08:28:48']);
    expect(nums(survey, '_partial')).toEqual([0]); // Finished = 1
    expect(nums(survey, 'Q1')).toEqual([2]);
  });
});

describe('Qualtrics legacy 2-row export (real sample_legacy.csv, MIT)', () => {
  it('takes V1…V10 names from row 2 and drops the trailing-comma column', async () => {
    const { survey } = await load(`${F}/sample_legacy.csv`);
    expect(survey.platform).toBe('qualtrics');
    expect(survey.nRows).toBe(1);
    expect(survey.idColumn).toBe('ResponseID');
    expect(strs(survey, 'ResponseID')).toEqual(['R_2YPOQ602ER1jkf1']);
    expect(survey.questions.some((x) => x.id.startsWith('V1') || x.id.startsWith('col'))).toBe(false);
    expect(q(survey, 'Q2').label).toBe('This is a free text question.');
    expect(strs(survey, 'EndDate')).toEqual(['2017-07-18T08:28:48']);
    // LocationAccuracy -1 is metadata, not a "don't know" code.
    expect(nums(survey, 'LocationAccuracy')).toEqual([-1]);
  });
});

describe.skipIf(!existsSync(INSIGHTS))('Qualtrics 2016 Insights export (BSD, read from ../shared/data)', () => {
  it('accepts the Python-dict ImportId row and excludes the Status=2 test responses', async () => {
    const { survey, exclusions } = await load(INSIGHTS);
    expect(survey.platform).toBe('qualtrics');
    expect(exclusions).toEqual([{ reason: 'test', count: 5, rows: [4, 5, 6, 7, 8], file: INSIGHTS }]);
    expect(survey.nRows).toBe(0);
  });
  it('with includePreview keeps them and splits multi-answer columns into 0/1 per option', async () => {
    const { survey } = await load(INSIGHTS, { includePreview: true });
    expect(survey.nRows).toBe(5);
    const opt = q(survey, 'Q2_1');
    expect(opt).toMatchObject({ type: 'multi', parent: 'Q2', option: 'Click to write Statement 1' });
    // Q2_1 cells in rows 4..8: '', 1, 1, 1, 1 ; the row answered other options, so '' = not selected (0).
    expect(nums(survey, 'Q2_1')).toEqual([0, 1, 1, 1, 1]);
  });
});

describe('Qualtrics choice-text export (synthetic, FORMATS.md §1.1)', () => {
  it('excludes preview, spam and duplicate ids with spreadsheet row numbers', async () => {
    const { survey, exclusions } = await load(`${F}/choice_text.csv`);
    // Data rows are physical rows 4..10: row 5 Survey Preview, row 7 repeats row 6's id, row 9 Spam.
    expect(exclusions.map((e) => [e.reason, e.count, e.rows])).toEqual([
      ['preview', 1, [5]],
      ['duplicate', 1, [7]],
      ['spam', 1, [9]],
    ]);
    expect(survey.nRows).toBe(4);
    expect(survey.log[0]).toMatchObject({ rowsRead: 7, rowsKept: 4, platform: 'qualtrics' });
  });
  it('reads "10 - Extremely likely" as 10 with its label, and the NPS group as metadata', async () => {
    const { survey } = await load(`${F}/choice_text.csv`);
    const nps = q(survey, 'Q1');
    expect(nps.type).toBe('nps');
    expect(nps.role).toBe('nps');
    expect(nps.scale).toEqual({ min: 0, max: 10, labels: { '0': 'Not at all likely', '10': 'Extremely likely' } });
    expect(nums(survey, 'Q1')).toEqual([10, 0, 8, 9]);
    expect(q(survey, 'Q1_NPS_GROUP').type).toBe('meta');
    expect(q(survey, 'Q1_DO').type).toBe('meta');
  });
  it('turns an agreement matrix into likert rows with "Don\'t know" as missing', async () => {
    const { survey } = await load(`${F}/choice_text.csv`);
    expect(q(survey, 'Q2_2')).toMatchObject({ type: 'likert', parent: 'Q2', option: 'Prices are fair' });
    // Agree=4, Strongly disagree=1, (blank), Don't know → missing.
    expect(nums(survey, 'Q2_2')).toEqual([4, 1, NaN, NaN]);
    expect(q(survey, 'Q2_1').scale?.max).toBe(5);
  });
  it('splits choice-text multi-select columns and links the "Other" text box', async () => {
    const { survey } = await load(`${F}/choice_text.csv`);
    expect(nums(survey, 'Q3_1')).toEqual([1, 0, NaN, 1]);
    expect(nums(survey, 'Q3_4')).toEqual([0, 1, NaN, 0]);
    expect(q(survey, 'Q3_4_TEXT')).toMatchObject({ type: 'text', parent: 'Q3' });
    expect(q(survey, 'Q4').role).toBe('comment');
    expect(q(survey, 'segment')).toMatchObject({ type: 'category', role: 'segment' });
    // Finished False → partial; the others complete.
    expect(nums(survey, '_partial')).toEqual([0, 0, 1, 0]);
  });
});

describe('Qualtrics numeric TSV in UTF-16LE (synthetic)', () => {
  it('reads numeric Status codes, -1 "no basis" recodes and Chinese labels', async () => {
    const { survey, exclusions, warnings, table } = await load(`${F}/numeric_utf16.tsv`);
    expect(table.encoding).toBe('utf-16le');
    expect(survey.platform).toBe('qualtrics');
    expect(exclusions.map((e) => [e.reason, e.rows])).toEqual([
      ['preview', [5]],
      ['test', [7]],
    ]);
    expect(q(survey, 'Q1')).toMatchObject({ type: 'nps', role: 'nps', label: '您向朋友推荐我们的可能性有多大？' });
    expect(nums(survey, 'Q1')).toEqual([9, 6, 8]);
    // Q2_1: 4, 2, -1 → the -1 is missing; Q2_2: -1, 3, 4.
    expect(nums(survey, 'Q2_1')).toEqual([4, 2, NaN]);
    expect(nums(survey, 'Q2_2')).toEqual([NaN, 3, 4]);
    expect(warnings.some((w) => w.startsWith('Q2_1: 1 negative code'))).toBe(true);
    expect(nums(survey, 'Q3_3')).toEqual([0, 1, NaN]);
    expect(strs(survey, 'Q3_3_TEXT')).toEqual([null, '微信', null]);
    expect(nums(survey, '_partial')).toEqual([0, 0, 1]);
  });
});

describe('Qualtrics XLSX (synthetic, exceljs)', () => {
  it('has the same three header rows', async () => {
    const { survey, exclusions } = await load(`${F}/qualtrics.xlsx`);
    expect(survey.platform).toBe('qualtrics');
    expect(exclusions.map((e) => e.reason)).toEqual(['preview']);
    expect(nums(survey, 'Q1')).toEqual([9, 4]);
    expect(strs(survey, 'region')).toEqual(['East', 'West']);
    expect(strs(survey, 'RecordedDate')).toEqual(['2026-06-01T08:03:00', '2026-06-02T09:05:00']);
  });
});

describe('Qualtrics matrix vs multiple answer', () => {
  it('a matrix where everyone gave the same rating stays a rating matrix, not 0/1 options', async () => {
    const { tableFromRows } = await import('./helpers.js');
    const { recognise } = await import('../../../src/ingest/recognise.js');
    const t = tableFromRows([
      ['ResponseId', 'Q5_1', 'Q5_2', 'Q6_1', 'Q6_2'],
      ['Response ID', 'Rate - Speed', 'Rate - Price', 'Use - Email', 'Use - Phone'],
      ['{"ImportId":"_recordId"}', '{"ImportId":"QID5_1"}', '{"ImportId":"QID5_2"}', '{"ImportId":"QID6","choiceId":"1"}', '{"ImportId":"QID6","choiceId":"2"}'],
      ['R_1', '5', '4', '1', ''],
      ['R_2', '5', '4', '', '1'],
    ]);
    const { survey } = recognise(t, { file: 'm.csv' });
    expect(survey.questions.find((x) => x.id === 'Q5_1')).toMatchObject({ type: 'rating', parent: 'Q5', option: 'Speed' });
    expect(Array.from((survey.columns.get('Q5_2') as { values: Float64Array }).values)).toEqual([4, 4]);
    expect(survey.questions.find((x) => x.id === 'Q6_2')).toMatchObject({ type: 'multi', parent: 'Q6', option: 'Phone' });
    expect(Array.from((survey.columns.get('Q6_2') as { values: Float64Array }).values)).toEqual([0, 1]);
  });
});
