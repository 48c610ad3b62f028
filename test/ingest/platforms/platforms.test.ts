// One block per platform: recognised platform, question types, scales, choices, counts and values
// checked by hand against the fixture files.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { load, nums, q, strs } from './load.js';
import { tableFromCsv } from './helpers.js';
import { recognise } from '../../../src/ingest/recognise.js';

const X = 'fixtures/exports';

describe('SurveyMonkey 2-row export', () => {
  it('groups columns under their question and reads row 2 kinds', async () => {
    const { survey } = await load(`${X}/surveymonkey/sm_2row.csv`);
    expect(survey.platform).toBe('surveymonkey');
    expect(survey.nRows).toBe(6);
    expect(survey.idColumn).toBe('Respondent ID');
    // 12-digit ids stay text.
    expect(strs(survey, 'Respondent ID')[0]).toBe('114000000001');
    expect(q(survey, 'Q1')).toMatchObject({ type: 'nps', role: 'nps' });
    expect(nums(survey, 'Q1')).toEqual([9, 10, 6, 7, 3, 10]);
    expect(q(survey, 'Q2')).toMatchObject({ type: 'likert', role: 'csat', scale: { min: 1, max: 5 } });
    // Very satisfied, Satisfied, Dissatisfied, Neither, Very dissatisfied, Very satisfied.
    expect(nums(survey, 'Q2')).toEqual([5, 4, 2, 3, 1, 5]);
    expect(q(survey, 'Q2_other')).toMatchObject({ type: 'text', parent: 'Q2' });
    // Checkbox: cell = option label when selected. Row 4 selected nothing → missing.
    expect(q(survey, 'Q3_3')).toMatchObject({ type: 'multi', parent: 'Q3', option: 'Alerts' });
    expect(nums(survey, 'Q3_3')).toEqual([1, 0, 1, NaN, 0, 1]);
    // Matrix row on Excellent…Very poor.
    expect(q(survey, 'Q4_1')).toMatchObject({ type: 'likert', parent: 'Q4', option: 'Speed' });
    expect(nums(survey, 'Q4_1')).toEqual([5, 4, 2, 3, 1, 5]);
    expect(q(survey, 'Q5').role).toBe('comment');
    // "05/03/2024 01:24:31 PM" → 13:24:31, month first.
    expect(strs(survey, 'End Date')[2]).toBe('2024-05-03T13:24:31');
  });
});

describe('问卷星 Wenjuanxing, GBK', () => {
  it('decodes GBK, numbers questions, splits ┋ multi-select', async () => {
    const { survey, table } = await load(`${X}/wenjuanxing/wjx_gbk.csv`);
    expect(table.encoding).toBe('gb18030');
    expect(survey.platform).toBe('wenjuanxing');
    expect(survey.nRows).toBe(5);
    expect(survey.idColumn).toBe('序号');
    expect(survey.dateColumn).toBe('提交答卷时间');
    expect(strs(survey, '提交答卷时间')[3]).toBe('2026-09-04T21:15:42');
    expect(q(survey, 'Q2')).toMatchObject({ type: 'nps', role: 'nps', label: '您向朋友或同事推荐我们的可能性有多大？' });
    expect(nums(survey, 'Q2')).toEqual([9, 3, 7, 10, 6]);
    // 非常满意 5, 不满意 2, 一般 3, 满意 4, 很不满意 (= 非常不满意) 1.
    expect(q(survey, 'Q3')).toMatchObject({ type: 'likert', role: 'csat' });
    expect(nums(survey, 'Q3')).toEqual([5, 2, 3, 4, 1]);
    expect(q(survey, 'Q4').choices?.map((c) => c.code)).toEqual(['下单', '配送', '评价', '其他']);
    expect(q(survey, 'Q4_2')).toMatchObject({ type: 'multi', parent: 'Q4', option: '配送' });
    expect(nums(survey, 'Q4_2')).toEqual([1, 0, 1, 1, 0]);
    expect(strs(survey, 'Q4_other')).toEqual([null, '会员积分', null, null, '退款']);
    // "(跳过)" = skipped → missing.
    expect(strs(survey, 'Q5')).toEqual(['配送很快，点赞', '不好吃，太贵了', null, '客服态度很好', '退款太慢，客服不回复']);
    expect(q(survey, 'Q5').role).toBe('comment');
  });
  it('gives the same result when the bytes are decoded independently', () => {
    const text = iconv.decode(readFileSync(`${X}/wenjuanxing/wjx_gbk.csv`), 'gb18030');
    const { survey } = recognise(tableFromCsv(text), { file: 'wjx.csv' });
    expect(survey.platform).toBe('wenjuanxing');
    expect(nums(survey, 'Q4_3')).toEqual([0, 1, 0, 1, 0]);
  });
});

describe('Google Forms', () => {
  it('synthetic Forms-UI download: GMT offset timestamps, ; checkboxes', async () => {
    const { survey } = await load(`${X}/google-forms/forms_nps.csv`);
    expect(survey.platform).toBe('google-forms');
    expect(survey.dateColumn).toBe('Timestamp');
    // "2024/05/03 11:45:10 pm GMT+1" → 23:45:10 in the form's zone; "12:00:01 am" → 00:00:01.
    expect(strs(survey, 'Timestamp')).toEqual(['2024-05-02T09:14:03', '2024-05-02T12:30:00', '2024-05-03T13:05:59', '2024-05-03T23:45:10', '2024-05-04T00:00:01']);
    const nps = 'How likely are you to recommend us?';
    expect(q(survey, nps).type).toBe('nps');
    expect(nums(survey, nps)).toEqual([9, 10, 4, 8, 6]);
    const multi = 'What do you use? (tick all)';
    expect(q(survey, multi).choices?.map((c) => c.code)).toEqual(['Reports', 'Alerts', 'Exports']);
    expect(nums(survey, `${multi}_3`)).toEqual([0, 0, 1, NaN, 1]);
    expect(q(survey, 'Email Address').type).toBe('meta');
    // A comment containing ";" stays one text value.
    expect(q(survey, 'Comments')).toMatchObject({ type: 'text', role: 'comment' });
    expect(strs(survey, 'Comments')[2]).toBe('Slow exports; the app crashed twice');
  });
  it('real sample.csv (MIT): duplicated and blank headers made unique and reported', async () => {
    const { survey, warnings } = await load(`${X}/google-forms/sample.csv`);
    expect(survey.platform).toBe('google-forms');
    expect(survey.nRows).toBe(9);
    expect(warnings.some((w) => w.startsWith('11 column(s) with a blank header'))).toBe(true);
    expect(warnings.filter((w) => w.startsWith('duplicated header')).length).toBe(3);
    expect(new Set(survey.questions.map((x) => x.id)).size).toBe(survey.questions.length);
    expect(strs(survey, 'Timestamp')[0]).toBe('2021-01-23T22:58:38');
    const agree = q(survey, 'I feel safe studying in NUS.');
    expect(agree.type).toBe('likert');
    expect(agree.scale).toMatchObject({ min: 1, max: 6 });
    // Strongly agree, Slightly agree, Strongly agree, Agree → 6, 4, 6, 5 (first four rows).
    expect(nums(survey, 'I feel safe studying in NUS.').slice(0, 4)).toEqual([6, 4, 6, 5]);
  });
});

describe('Typeform', () => {
  it('option columns → one multi question; Other text; partial rows; multi-line text', async () => {
    const { survey } = await load(`${X}/typeform/typeform.csv`);
    expect(survey.platform).toBe('typeform');
    expect(survey.idColumn).toBe('#');
    expect(survey.dateColumn).toBe('Submit Date (UTC)');
    expect(q(survey, 'M1_Alerts')).toMatchObject({ type: 'multi', parent: 'M1', option: 'Alerts' });
    expect(nums(survey, 'M1_Alerts')).toEqual([1, 0, NaN, 1]);
    expect(strs(survey, 'M1_other')).toEqual(['Slack bot', null, null, null]);
    expect(nums(survey, 'How likely are you to recommend Acme to a friend or colleague?')).toEqual([9, 10, 5, 7]);
    expect(q(survey, 'Do you accept the terms?').type).toBe('single');
    expect(strs(survey, 'What could we do better?')[0]).toBe('Faster exports\nand dark mode');
    expect(q(survey, 'Email').type).toBe('meta');
    expect(nums(survey, '_partial')).toEqual([0, 0, 0, 1]);
  });
});

describe('LimeSurvey', () => {
  it('code headings, ; separator, BOM: Y flags, incomplete responses', async () => {
    const { survey, table } = await load(`${X}/limesurvey/lime_code_semicolon.csv`);
    expect(table.delimiter).toBe(';');
    expect(survey.platform).toBe('limesurvey');
    expect(survey.nRows).toBe(4);
    expect(survey.idColumn).toBe('id');
    expect(q(survey, 'Q2[SQ002]')).toMatchObject({ type: 'multi', parent: 'Q2', option: 'SQ002' });
    // id 8 answered nothing in Q2 → missing.
    expect(nums(survey, 'Q2[SQ002]')).toEqual([0, NaN, 1, 1]);
    expect(q(survey, 'Q2[other]')).toMatchObject({ type: 'text', parent: 'Q2' });
    expect(q(survey, 'NPS')).toMatchObject({ type: 'nps', role: 'nps' });
    expect(nums(survey, 'NPS')).toEqual([9, NaN, 4, 10]);
    expect(q(survey, 'Q3').type).toBe('text');
    // submitdate empty for id 8 → partial.
    expect(nums(survey, '_partial')).toEqual([0, 1, 0, 0]);
  });
  const REAL = '../shared/data/exports/limesurvey/survey_998192_R_data_file.csv';
  it.skipIf(!existsSync(REAL))('real full-heading export (GPL, read from ../shared/data)', async () => {
    const { survey } = await load(REAL);
    expect(survey.platform).toBe('limesurvey');
    expect(survey.nRows).toBe(7);
    expect(survey.idColumn).toBe('Response ID');
    // "Which educations…" sub-questions hold 0/1 → multi flags of one question.
    const edu = survey.questions.filter((x) => x.option === 'Primary School');
    expect(edu).toHaveLength(1);
    expect(edu[0]!.type).toBe('multi');
    // "How do you identify? [Other]" is the other-text of "How do you identify?".
    const other = survey.questions.find((x) => x.label === 'How do you identify? [Other]')!;
    expect(other.type).toBe('text');
    // Response 1 has a submit date, 4 and 5 do not.
    expect(nums(survey, '_partial').slice(0, 3)).toEqual([0, 1, 1]);
  });
});

describe('Microsoft Forms XLSX', () => {
  it('Form1 sheet, Excel serial dates, ;-terminated multi-select, mixed number cells', async () => {
    const { survey } = await load(`${X}/msforms/msforms.xlsx`);
    expect(survey.platform).toBe('msforms');
    expect(survey.dateColumn).toBe('Completion time');
    // 45414.3866 days = 2024-05-02 + 0.3866·86400 s = 33402.24 s = 09:16:42.
    expect(strs(survey, 'Completion time')[0]).toBe('2024-05-02T09:16:42');
    // 9 (number), "10" (text), 3, "7".
    expect(nums(survey, 'How likely are you to recommend us?')).toEqual([9, 10, 3, 7]);
    expect(q(survey, 'What do you use?').choices?.map((c) => c.code)).toEqual(['Reports', 'Alerts', 'Exports']);
    expect(nums(survey, 'What do you use?_2')).toEqual([1, 0, 1, NaN]);
    expect(q(survey, 'How satisfied are you with the service?')).toMatchObject({ type: 'likert', role: 'csat' });
  });
});

describe('SurveyJS JSON', () => {
  it('arrays → multi, objects → matrix rows, -Comment → text', async () => {
    const { survey } = await load(`${X}/surveyjs/results.json`);
    expect(survey.platform).toBe('surveyjs');
    expect(survey.nRows).toBe(4);
    expect(q(survey, 'nps_score')).toMatchObject({ type: 'nps', role: 'nps' });
    expect(nums(survey, 'nps_score')).toEqual([9, 3, 10, 7]);
    expect(q(survey, 'features').choices?.map((c) => c.code)).toEqual(['reports', 'other', 'alerts']);
    expect(strs(survey, 'features')).toEqual(['reports; other', null, 'alerts', 'reports; alerts']);
    expect(nums(survey, 'features_3')).toEqual([0, NaN, 1, 1]);
    expect(q(survey, 'features-Comment')).toMatchObject({ type: 'text', parent: 'features' });
    expect(q(survey, 'quality.price')).toMatchObject({ parent: 'quality', option: 'price' });
    expect(nums(survey, 'quality.price')).toEqual([2, 1, 4, NaN]);
    expect(strs(survey, 'why')[1]).toBe('Too slow\nand pricey');
    expect(strs(survey, 'submitted')[0]).toBe('2024-05-02T09:16:40');
  });
});

describe('generic files in legacy encodings', () => {
  it('Excel Unicode Text: UTF-16LE, tabs, Chinese headers', async () => {
    const { survey, table } = await load(`${X}/generic/excel_unicode.txt`);
    expect(table.encoding).toBe('utf-16le');
    expect(survey.platform).toBe('generic');
    expect(q(survey, '地区')).toMatchObject({ type: 'category', role: 'segment' });
    expect(strs(survey, '地区')).toEqual(['华东', '華南', 'West', '华东']);
    expect(nums(survey, 'How likely are you to recommend us?')).toEqual([9, 2, 10, 7]);
    expect(strs(survey, 'Comment')[2]).toBe('Great — “really” fast');
  });
  it('Excel CSV in Windows-1252', async () => {
    const { survey, table } = await load(`${X}/generic/excel_cp1252.csv`);
    expect(table.encoding).toBe('windows-1252');
    expect(strs(survey, 'City')).toEqual(['Zürich', 'São Paulo', 'Besançon', 'Tromsø']);
    expect(nums(survey, 'Overall satisfaction')).toEqual([5, 2, 4, 3]);
    // 0x96 0x80 0x92 are –, € and ’ in Windows-1252.
    expect(strs(survey, 'Comment')[0]).toBe('Café was great – 5€ well spent');
    expect(strs(survey, 'Comment')[1]).toBe('Didn’t arrive on time');
  });
});
