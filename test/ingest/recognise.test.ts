// recognise(): platform choice, --platform override, cleaning rules, id uniqueness, inference and overrides.
import { describe, expect, it } from 'vitest';
import { detectPlatforms, PLATFORM_NAMES, recognise } from '../../src/ingest/recognise.js';
import { applyOverrides, inferColumn } from '../../src/ingest/infer.js';
import { parseDate, excelSerialToIso } from '../../src/ingest/platforms/dates.js';
import { CxError } from '../../src/ui/errors.js';
import { tableFromCsv, tableFromRows } from './platforms/helpers.js';

const nums = (c: unknown) => Array.from((c as { values: Float64Array }).values);

describe('platform choice', () => {
  it('lists every platform and picks the best score', () => {
    expect(PLATFORM_NAMES).toEqual(['qualtrics', 'surveymonkey', 'wenjuanxing', 'google-forms', 'typeform', 'limesurvey', 'msforms', 'surveyjs', 'generic']);
    const t = tableFromCsv('序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、您好？\n1,2026/09/03 12:00:00,5秒,微信,N/A,1.2.3.4,是\n');
    expect(detectPlatforms(t)[0]).toEqual({ platform: 'wenjuanxing', confidence: 0.97 });
    expect(recognise(t, { file: 'x.csv' }).survey.platform).toBe('wenjuanxing');
  });
  it('--platform overrides detection, aliases accepted', () => {
    const t = tableFromCsv('Timestamp,Q\n2024/05/02 9:14:03 am GMT+1,yes\n');
    expect(recognise(t, { file: 'x.csv' }).survey.platform).toBe('google-forms');
    expect(recognise(t, { file: 'x.csv', platform: 'generic' }).survey.platform).toBe('generic');
    expect(recognise(tableFromCsv('序号,a\n1,b\n'), { file: 'x.csv', platform: 'wjx' }).survey.platform).toBe('wenjuanxing');
  });
  it('an unknown --platform is a usage error (exit 2) listing the valid names', () => {
    const t = tableFromCsv('a\n1\n');
    let err: unknown;
    try {
      recognise(t, { file: 'x.csv', platform: 'medallia' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CxError);
    expect((err as CxError).exitCode).toBe(2);
    expect((err as CxError).message).toContain('"medallia"');
    expect((err as CxError).message).toContain('qualtrics, surveymonkey, wenjuanxing, google-forms, typeform, limesurvey, msforms, surveyjs, generic');
  });
});

describe('cleaning', () => {
  const csv = [
    'StartDate,EndDate,Status,Progress,Finished,RecordedDate,ResponseId,Q1',
    'Start Date,End Date,Response Type,Progress,Finished,Recorded Date,Response ID,Recommend?',
    '{"ImportId":"startDate"},{"ImportId":"endDate"},{"ImportId":"status"},{"ImportId":"progress"},{"ImportId":"finished"},{"ImportId":"recordedDate"},{"ImportId":"_recordId"},{"ImportId":"QID1"}',
    '2024-01-01 10:00:00,2024-01-01 10:01:00,0,100,1,2024-01-01 10:01:00,R_1,9', // row 4
    '2024-01-01 11:00:00,2024-01-01 11:01:00,1,100,1,2024-01-01 11:01:00,R_2,3', // row 5 preview
    '2024-01-02 10:00:00,2024-01-02 10:01:00,0,50,0,2024-01-09 10:01:00,R_3,', // row 6 partial
    ',,,,,,,', // row 7 empty
    '2024-01-01 10:00:00,2024-01-01 10:01:00,0,100,1,2024-01-01 10:01:00,R_1,9', // row 8 duplicate of R_1
    '2024-01-03 10:00:00,2024-01-03 10:01:00,8,100,1,2024-01-03 10:01:00,R_4,10', // row 9 spam
  ].join('\n');
  it('counts every exclusion with its reason and spreadsheet rows', () => {
    const t = tableFromRows(csv.split('\n').map((l) => (l.startsWith('{') ? l.split(/,(?=\{)/) : l.split(','))));
    const r = recognise(t, { file: 'q.csv' });
    expect(r.exclusions.map((e) => [e.reason, e.count, e.rows])).toEqual([
      ['preview', 1, [5]],
      ['empty', 1, [7]],
      ['duplicate', 1, [8]],
      ['spam', 1, [9]],
    ]);
    expect(r.survey.nRows).toBe(2);
    expect(nums(r.survey.columns.get('_partial'))).toEqual([0, 1]);
    expect(r.survey.partialColumn).toBe('_partial');
  });
  it('includePreview keeps preview and spam rows but still drops duplicates', () => {
    const t = tableFromRows(csv.split('\n').map((l) => (l.startsWith('{') ? l.split(/,(?=\{)/) : l.split(','))));
    const r = recognise(t, { file: 'q.csv', includePreview: true });
    expect(r.exclusions.map((e) => e.reason)).toEqual(['empty', 'duplicate']);
    expect(r.survey.nRows).toBe(4);
  });
});

describe('ids', () => {
  it('blank and duplicated headers become unique and are reported', () => {
    const t = tableFromCsv('a,,a,b,a\n1,2,3,4,5\n');
    const r = recognise(t, { file: 'x.csv' });
    expect(r.survey.questions.map((q) => q.id)).toEqual(['a', 'col2', 'a_2', 'b', 'a_3']);
    expect(r.warnings).toContain('1 column(s) with a blank header were named col<N> (columns 2)');
    expect(r.warnings).toContain('duplicated header "a": later copies renamed a_2, a_3');
  });
});

describe('inference', () => {
  const infer = (vals: string[], label = 'x', id = label) => inferColumn(id, label, (k) => vals[k]!, vals.length);
  it('0–10 with a recommend label is NPS; 1–5 satisfaction is CSAT rating; ease 1–7 is CES', () => {
    expect(infer(['0', '10', '7', ''], 'How likely are you to recommend us?').question).toMatchObject({ type: 'nps', role: 'nps', scale: { min: 0, max: 10 } });
    expect(infer(['1', '5', '3'], '您对我们的服务满意度如何？').question).toMatchObject({ type: 'rating', role: 'csat', scale: { min: 1, max: 5 } });
    expect(infer(['1', '7', '4'], 'How easy was it to solve your issue?').question).toMatchObject({ type: 'rating', role: 'ces', scale: { min: 1, max: 7 } });
    expect(infer(['1', '7', '4'], '解决问题的费力程度').question.role).toBe('ces');
  });
  it('numeric answers are Float64Array columns; segments stay text with their choices', () => {
    const r = infer(['East', 'West', 'East', ''], 'region');
    expect(r.question).toMatchObject({ type: 'category', role: 'segment', choices: [{ code: 'East', label: 'East' }, { code: 'West', label: 'West' }] });
    expect(r.column).toEqual({ kind: 'str', values: ['East', 'West', 'East', null] });
    const spend = infer(['1.5', '2', ''], 'spend');
    expect(spend.question.type).toBe('number');
    expect(spend.column.kind).toBe('num');
    expect((spend.column as { values: Float64Array }).values).toBeInstanceOf(Float64Array);
    expect(nums(spend.column)).toEqual([1.5, 2, NaN]);
  });
  it('Qualtrics "N - label" choice text keeps the number and the label', () => {
    const r = infer(['0 - Not at all likely', '5', '10 - Extremely likely'], 'recommend');
    expect(nums(r.column)).toEqual([0, 5, 10]);
    expect(r.question.scale?.labels).toEqual({ '0': 'Not at all likely', '10': 'Extremely likely' });
  });
  it('negative recodes inside a rating scale become missing with a warning', () => {
    const r = infer(['1', '5', '-99', '3', '-1'], 'rate the speed', 'Q5_1');
    expect(nums(r.column)).toEqual([1, 5, NaN, 3, NaN]);
    expect(r.warnings).toEqual(["Q5_1: 2 negative code(s) (don't know / no basis) treated as missing"]);
  });
  it('numbers: repeated small integers, leading zeros, padding and blanks read the same as once', () => {
    // Hand values: 5,5,10,"07"→7," 5 "→5,3; blanks are missing. min 3, max 10, 5 distinct texts → rating 1–10.
    const r = infer(['5', '5', '10', '07', ' 5 ', '3', '', '10'], 'x');
    expect(r.question.type).toBe('rating');
    expect(r.question.scale).toEqual({ min: 1, max: 10 });
    expect(nums(r.column)).toEqual([5, 5, 10, 7, 5, 3, NaN, 10]);
    // Leading blanks before the first number stay missing.
    const b = infer(['', '4', ' ', '9', '4'], 'x');
    expect(nums(b.column)).toEqual([NaN, 4, NaN, 9, 4]);
    // One "don't know" answer among small numbers: missing, the column stays a rating (issue 9).
    const t = infer(['1', '2', '3', '1', '2', '3', 'no idea', '2'], 'x');
    expect(t.question.type).toBe('rating');
    expect(nums(t.column)).toEqual([1, 2, 3, 1, 2, 3, NaN, 2]);
    // One unreadable answer: still a rating (1–3, not 1–5), every cell kept as written for the accounting.
    const u = infer(['1', '2', '3', '1', '2', '3', 'abc', '2', '3', '1', '2', '3', '1', '2', '2'], 'x');
    expect(u.question).toMatchObject({ type: 'rating', scale: { min: 1, max: 3 } });
    expect(u.column.kind).toBe('str');
    expect(u.column.values).toEqual(['1', '2', '3', '1', '2', '3', 'abc', '2', '3', '1', '2', '3', '1', '2', '2']);
  });
  it('dates in several platform formats', () => {
    expect(parseDate('2024/05/02 9:14:03 pm GMT+8')).toBe('2024-05-02T21:14:03');
    expect(parseDate('2024/05/02 12:14:03 am GMT+8')).toBe('2024-05-02T00:14:03');
    expect(parseDate('8/22/22 15:44')).toBe('2022-08-22T15:44:00');
    expect(parseDate('05/02/2024 01:24:31 PM')).toBe('2024-05-02T13:24:31');
    expect(parseDate('22.08.2022 15:44')).toBe('2022-08-22T15:44:00');
    expect(parseDate('2024-05-02T09:16:40.123Z')).toBe('2024-05-02T09:16:40');
    expect(parseDate('2026年9月3日 12:00')).toBe('2026-09-03T12:00:00');
    expect(parseDate('2024-05-02 09:14:03')).toBe('2024-05-02T09:14:03'); // the fixed-format fast path
    expect(parseDate(' 1999-12-31 23:59:59 ')).toBe('1999-12-31T23:59:59');
    expect(parseDate('2024-02-30 10:00:00')).toBeNull();
    expect(parseDate('hello')).toBeNull();
    // Excel serial 45414.5 = 2024-05-02 12:00 (45414 days after 1899-12-30).
    expect(excelSerialToIso(45414.5)).toBe('2024-05-02T12:00:00');
  });
  it('unparseable dates are kept as text and reported', () => {
    const r = inferColumn('d', 'd', (k) => ['2024-01-01 10:00:00', 'yesterday'][k]!, 2, { type: 'date' });
    expect((r.column as { values: string[] }).values).toEqual(['2024-01-01T10:00:00', 'yesterday']);
    expect(r.warnings).toEqual(['d: 1 date value(s) could not be parsed and were kept as text (e.g. "yesterday")']);
  });
  it('Kano columns are single-choice with the five Kano answers', () => {
    const r = infer(['1', '3', '5'], 'If the app had dark mode…', 'dark_mode_functional');
    expect(r.question.type).toBe('single');
    expect(r.question.choices?.[0]).toEqual({ code: '1', label: 'I like it' });
  });
});

describe('applyOverrides', () => {
  it('changes type, role and scale; converts text to numbers via scale labels', () => {
    const t = tableFromCsv('rating,other\nGood,1\nBad,2\nGood,3\n');
    const { survey } = recognise(t, { file: 'x.csv' });
    const w = applyOverrides(survey, {
      rating: { type: 'rating', scale: { min: 1, max: 2, labels: { '1': 'Bad', '2': 'Good' } }, role: 'csat' },
      missing: { role: 'nps' },
    });
    expect(nums(survey.columns.get('rating'))).toEqual([2, 1, 2]);
    expect(survey.questions.find((q) => q.id === 'rating')).toMatchObject({ type: 'rating', role: 'csat' });
    expect(w).toEqual(['cx.yaml names question "missing", which the data do not have']);
  });
});

describe('demo data', () => {
  it('both waves are recognised with every role the demo needs', async () => {
    const { load } = await import('./platforms/load.js');
    for (const [file, kept, excluded] of [
      ['fixtures/demo/wave-2026Q2.csv', 508, [['preview', 4]]],
      ['fixtures/demo/wave-2026Q3.csv', 485, [['duplicate', 1], ['preview', 3]]],
    ] as const) {
      const { survey, exclusions } = await load(file);
      expect(survey.platform).toBe('qualtrics');
      expect(survey.nRows).toBe(kept);
      expect(exclusions.map((e) => [e.reason, e.count]).sort()).toEqual(excluded);
      const role = (r: string) => survey.questions.filter((x) => x.role === r).map((x) => x.id);
      expect(role('nps')).toEqual(['Q1']);
      expect(role('csat')).toEqual(['Q2']);
      expect(role('ces')).toEqual(['Q3']);
      expect(role('comment')).toEqual(['Q5']);
      expect(role('segment')).toEqual(['region', 'plan']);
      expect(survey.dateColumn).toBe('RecordedDate');
      // Every response date lies inside its wave's quarter.
      const [lo, hi] = file.includes('Q2') ? ['2026-04-01T00:00:00', '2026-06-30T23:59:59'] : ['2026-07-01T00:00:00', '2026-09-30T23:59:59'];
      const dates = (survey.columns.get('RecordedDate') as { values: string[] }).values;
      expect(dates.every((d) => d >= lo && d <= hi)).toBe(true);
      const regions = new Set((survey.columns.get('region') as { values: string[] }).values);
      expect([...regions].sort()).toEqual(['East', 'West', '华东', '华北', '华南']);
      expect(survey.questions.filter((x) => x.parent === 'Q4').map((x) => x.option)).toEqual(['Price', 'Delivery speed', 'Customer support', 'Product quality', 'App experience']);
    }
  });
});

describe('platform modules', () => {
  it('each module exposes detect and toSurvey', async () => {
    const { qualtrics } = await import('../../src/ingest/platforms/qualtrics.js');
    const { typeform } = await import('../../src/ingest/platforms/typeform.js');
    const t = tableFromCsv('#,Q,Submit Date (UTC),Network ID\nabc,yes,2024-05-02 08:16:40,3fa1b2c4d5\n');
    expect(qualtrics.detect(t)).toBe(0);
    expect(typeform.detect(t)).toBe(0.97);
    const r = typeform.toSurvey(t, { file: 't.csv' });
    expect(r.survey.platform).toBe('typeform');
    expect(r.survey.idColumn).toBe('#');
  });
  it('a file with header rows but no responses gives an empty survey and a warning', () => {
    const t = tableFromCsv('Respondent ID,Collector ID,Start Date,End Date,Q\n,,,,Response\n');
    const r = recognise(t, { file: 'sm.csv' });
    expect(r.survey.platform).toBe('surveymonkey');
    expect(r.survey.nRows).toBe(0);
    expect(r.warnings).toContain('sm.csv: the file has header rows but no responses');
  });
  it('MS Forms variants: Id spelled "Id", quiz columns are metadata', () => {
    const t = tableFromCsv('Id,Start time,Completion time,Email,Name,Total points,Points - Q1,Q1\n1,2024-05-02 09:00:00,2024-05-02 09:05:00,anonymous,,3,3,Reports;Alerts;\n2,2024-05-02 10:00:00,2024-05-02 10:05:00,anonymous,,1,1,Alerts;\n');
    const r = recognise(t, { file: 'f.csv' });
    expect(r.survey.platform).toBe('msforms');
    expect(r.survey.idColumn).toBe('Id');
    expect(r.survey.questions.find((x) => x.id === 'Total points')?.type).toBe('meta');
    expect(nums(r.survey.columns.get('Q1_2'))).toEqual([1, 1]); // Alerts
    expect(nums(r.survey.columns.get('Q1_1'))).toEqual([1, 0]); // Reports
  });
});

describe('问卷星 header forms', () => {
  it('numbers questions from `N、`, reads `N(row)` matrix rows, leaves other headers whole', () => {
    const t = tableFromCsv('序号,提交答卷时间,所用时间,来源,来自IP,1、您的城市？,2(配送速度),2(包装),3D打印需求\n1,2026/09/03 12:00:00,5秒,微信,1.2.3.4,上海,4,5,有\n2,2026/09/03 12:10:00,7秒,微信,1.2.3.5,北京,2,5,无\n');
    const { survey } = recognise(t, { file: 'w.csv' });
    expect(survey.questions.map((x) => x.id)).toEqual(['序号', '提交答卷时间', '所用时间', '来源', '来自IP', 'Q1', 'Q2_1', 'Q2_2', '3D打印需求']);
    expect(survey.questions.find((x) => x.id === 'Q2_1')).toMatchObject({ parent: 'Q2', option: '配送速度', type: 'rating' });
    expect(nums(survey.columns.get('Q2_2'))).toEqual([5, 5]);
  });
});
