// Issue 9 (import-structure part): each trap file in fixtures/exports/messy/ (see PROVENANCE.md), read as a
// user would, with expected values computed by hand from the file contents.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decideDateOrder, parseDate } from '../../src/ingest/platforms/dates.js';
import { parsePeriodUnit } from '../../src/dataset/period.js';
import { multiCrosstab } from '../../src/metrics/crosstab-multi.js';

const root = path.resolve(__dirname, '../..');
const messy = path.join(root, 'fixtures/exports/messy');
const cx = (args: string[], cwd = root) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
const json = (args: string[], cwd = root) => {
  const r = cx([...args, '--json'], cwd);
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
};
const tmp = () => mkdtempSync(path.join(tmpdir(), 'cx-messy-'));
const f = (name: string) => path.join(messy, name);

describe('Excel habits (item 7)', () => {
  it('a sep=; first line names the delimiter and is not the header', () => {
    const d = json(['describe', f('excel_sep_line.csv')]);
    expect(d.questions.map((q: { id: string }) => q.id)).toEqual(['id', 'region', 'How likely are you to recommend us?']);
    // 9,10,3,8,10,6: promoters 3, detractors 2 of 6 → +16.67
    const s = json(['score', 'nps', f('excel_sep_line.csv')]);
    expect(s.overall.n).toBe(6);
    expect(s.overall.nps).toBeCloseTo((100 * (3 - 2)) / 6, 10);
  });

  it('a workbook whose first sheet is 说明 reads the data sheet and names the others', () => {
    const d = json(['describe', f('instructions_first_sheet.xlsx')]);
    expect(d.rows).toBe(5);
    expect(d.warnings.join('\n')).toMatch(/read sheet "答卷".*"说明".*"Notes".*--sheet/);
    // --sheet is accepted by analysis commands on raw exports
    const s = json(['score', 'nps', f('instructions_first_sheet.xlsx'), '--sheet', '答卷']);
    expect(s.overall.n).toBe(5);
    const bad = cx(['score', 'nps', f('instructions_first_sheet.xlsx'), '--sheet', 'Nope']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/no sheet named "Nope"; the sheets are: 说明, 答卷, Notes/);
  });

  it('--sheet, --include-preview and --date-format are accepted by every command that reads a raw export', () => {
    for (const c of ['score', 'tab', 'kano', 'servqual', 'drivers', 'code', 'sentiment', 'themes', 'describe', 'report', 'export', 'redact', 'init', 'import']) {
      const r = cx([c, '--help']);
      expect(r.stdout, c).toMatch(/--sheet/);
      expect(r.stdout, c).toMatch(/--include-preview/);
      expect(r.stdout, c).toMatch(/--date-format/);
    }
  });
});

describe('Qualtrics all-preview export (item 9)', () => {
  it('import and describe say how to keep preview rows; --include-preview on score keeps them', () => {
    const d = json(['describe', f('qualtrics_all_preview.csv')]);
    expect(d.rows).toBe(0);
    expect(d.warnings.join('\n')).toMatch(/--include-preview/);
    const ds = path.join(tmp(), 'ds');
    const r = cx(['import', f('qualtrics_all_preview.csv'), '-o', ds]);
    expect(r.stderr).toMatch(/every response was excluded \(3 × preview\).*--include-preview/);
    // 9, 3, 10 → promoters 2, detractors 1 of 3
    const s = json(['score', 'nps', f('qualtrics_all_preview.csv'), '--include-preview']);
    expect(s.overall.n).toBe(3);
    expect(s.overall.nps).toBeCloseTo(100 / 3, 10);
  });
});

describe('--period near misses (item 6 of the brief)', () => {
  it('weekly → did you mean week (en and zh)', () => {
    expect(() => parsePeriodUnit('weekly')).toThrow(/did you mean "--period week"/);
    expect(() => parsePeriodUnit('Month')).toThrow(/did you mean "--period month"/);
    expect(() => parsePeriodUnit('quater')).toThrow(/did you mean "--period quarter"/);
    expect(parsePeriodUnit('day')).toBe('day');
    const en = cx(['score', 'nps', f('excel_sep_line.csv'), '--period', 'weekly']);
    expect(en.status).toBe(2);
    expect(en.stderr).toMatch(/did you mean "--period week"\?/);
    const zh = cx(['score', 'nps', f('excel_sep_line.csv'), '--period', '每周', '--lang', 'zh']);
    expect(zh.status).toBe(2);
    expect(zh.stderr).toMatch(/是否想用 "--period week"/);
  });
});

describe('问卷星 (item 8)', () => {
  it('matrix rows `5、stem—row` get ids Q5_1… without a duplicated-header warning', () => {
    const d = json(['describe', f('wjx_wave1.csv')]);
    const ids = d.questions.map((q: { id: string }) => q.id);
    expect(ids).toEqual(expect.arrayContaining(['Q5_1', 'Q5_2', 'Q5_3']));
    expect(ids).not.toContain('Q5');
    expect(d.warnings.join('\n')).not.toMatch(/duplicated header/);
    const q = Object.fromEntries(d.questions.map((x: { id: string }) => [x.id, x]));
    expect(q.Q5_2.label).toBe('请评价以下方面 - 配送速度');
  });

  it('其他〖free text〗 becomes the option 其他 plus the text column Q3_other', async () => {
    const d = json(['describe', f('wjx_wave1.csv')]);
    const q = Object.fromEntries(d.questions.map((x: { id: string }) => [x.id, x]));
    expect(q.Q3.choices.map((c: { code: string }) => c.code)).toEqual(['下单', '配送', '其他', '评价']);
    expect(q.Q3_other).toMatchObject({ type: 'text', answered: 3 });
    const ds = path.join(tmp(), 'ds');
    expect(cx(['import', f('wjx_wave1.csv'), '-o', ds]).status).toBe(0);
    const { loadDataset } = await import('../../src/dataset/store.js');
    const s = await loadDataset(ds);
    const other = s.columns.get('Q3_other')!;
    expect(other.kind === 'str' && other.values).toEqual([null, '会员积分', '优惠券', '会员积分']);
    const opt = s.columns.get(s.questions.find((x) => x.parent === 'Q3' && x.option === '其他')!.id)!;
    expect(Array.from(opt.values as Float64Array)).toEqual([0, 1, 1, 1]);
  });

  it('cx tab on a ┋ multi-select: one row per option, respondents as the base, per-option χ²', () => {
    const t = json(['tab', f('wjx_wave1.csv'), '--rows', 'Q3', '--cols', 'Q4']);
    expect(t.kind).toBe('multi-response');
    expect(t.rowLevels).toEqual(['下单', '配送', '其他', '评价']);
    expect(t.colLevels).toEqual(['普通', '金卡', '银卡']);
    // Rows: 金卡 下单┋配送; 银卡 下单┋其他; 普通 配送┋其他┋评价; 金卡 其他
    expect(t.colTotals).toEqual([1, 2, 1]);
    expect(t.counts).toEqual([
      [0, 1, 1],
      [1, 1, 0],
      [1, 1, 1],
      [1, 0, 0],
    ]);
    expect(t.mentions).toEqual([3, 3, 2]);
    expect(t.colPct[0][1]).toBe(50);
    // 评价: [[1,0,0],[0,2,1]] → χ² = 4, df 2, p = e^-2
    expect(t.optionTests[3].chi2).toBeCloseTo(4, 10);
    expect(t.optionTests[3].p).toBeCloseTo(Math.exp(-2), 10);
    expect(t.method).toMatch(/Multiple response/);
    const h = cx(['tab', f('wjx_wave1.csv'), '--rows', 'Q3', '--cols', 'Q4']);
    expect(h.stdout).toMatch(/base \(respondents\)/);
    expect(h.stdout).not.toMatch(/下单┋/);
  });

  it('multiCrosstab: options picked by a respondent count once per option; unanswered rows left out', () => {
    const r = multiCrosstab([[0, 1], [1], null, [], [0]], ['a', 'b'], ['x', 'y', 'x', 'x', null]);
    expect(r.colTotals).toEqual([2, 1]); // rows 0 and 3 in x, row 1 in y
    expect(r.counts).toEqual([[1, 0], [1, 1]]);
    expect(r.missing).toBe(2);
    expect(r.colPct[1]).toEqual([50, 100]);
  });
});

describe('dates (item 4)', () => {
  it('one day/month decision per column: 05/03/2026 and 13/03/2026 are both March', () => {
    const s = json(['score', 'nps', f('dates_day_first.csv'), '--period', 'month']);
    expect(s.periods.map((p: { period: string; n: number }) => [p.period, p.n])).toEqual([
      ['2026-03', 3],
      ['2026-04', 1],
    ]);
    const d = json(['describe', f('dates_day_first.csv')]);
    expect(d.warnings).toEqual([]);
    expect(decideDateOrder(['05/03/2026', '13/03/2026'])).toMatchObject({ order: 'dmy', by: 'data' });
    expect(parseDate('05/03/2026', 'dmy')).toBe('2026-03-05T00:00:00');
    expect(parseDate('13/03/2026', 'mdy')).toBeNull(); // no silent per-row flip under a decided order
  });

  it('ambiguous columns warn once and name the choice; --date-format and cx.yaml override', () => {
    const d = json(['describe', f('dates_ambiguous.csv')]);
    const w = d.warnings.filter((x: string) => /ambiguous/.test(x));
    expect(w).toHaveLength(1);
    expect(w[0]).toMatch(/read as month\/day\/year \(05\/03\/2026 = 2026-05-03\).*--date-format dmy/);
    const us = json(['score', 'nps', f('dates_ambiguous.csv'), '--period', 'month']);
    expect(us.periods.map((p: { period: string }) => p.period)).toEqual(['2026-01', '2026-05', '2026-06']);
    const uk = json(['score', 'nps', f('dates_ambiguous.csv'), '--period', 'month', '--date-format', 'dmy']);
    expect(uk.periods.map((p: { period: string; n: number }) => [p.period, p.n])).toEqual([
      ['2026-02', 1],
      ['2026-03', 2],
    ]);
    const dir = tmp();
    writeFileSync(path.join(dir, 'cx.yaml'), 'dateFormat: dmy\n');
    const viaYaml = json(['score', 'nps', f('dates_ambiguous.csv'), '--period', 'month'], dir);
    expect(viaYaml.periods.map((p: { period: string }) => p.period)).toEqual(['2026-02', '2026-03']);
    const bad = cx(['score', 'nps', f('dates_ambiguous.csv'), '--date-format', 'european']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--date-format must be dmy, mdy or ymd/);
  });

  it('Chinese Google Forms timestamps (下午 after the time, GMT+8) and 2026年3月5日 下午3:04 parse', () => {
    expect(parseDate('2026/02/02 2:03:11 下午 GMT+8')).toBe('2026-02-02T14:03:11');
    expect(parseDate('2026/02/09 12:30:00 上午 GMT+8')).toBe('2026-02-09T00:30:00');
    expect(parseDate('2026年3月5日 下午3:04')).toBe('2026-03-05T15:04:00');
    const d = json(['describe', f('gforms_zh_timestamps.csv')]);
    expect(d.warnings.join('\n')).not.toMatch(/could not be parsed/);
    const s = json(['score', 'nps', f('gforms_zh_timestamps.csv'), '--period', 'week']);
    expect(s.periods.map((p: { period: string; n: number }) => [p.period, p.n])).toEqual([
      ['2026-W06', 2],
      ['2026-W07', 1],
      ['2026-W10', 1],
    ]);
  });

  it('Excel serial numbers in a date-named CSV column are dates', () => {
    const file = path.join(tmp(), 'serial.csv');
    writeFileSync(file, 'id,Submitted Date,NPS\n1,45356.5,9\n2,45357.25,10\n3,45363,3\n');
    const d = json(['describe', file]);
    expect(d.dateColumn).toBe('Submitted Date');
    // 45356 days after 1899-12-30 is 2024-03-05
    const s = json(['score', 'nps', file, '--period', 'day']);
    expect(s.periods.map((p: { period: string }) => p.period)).toEqual(['2024-03-05', '2024-03-06', '2024-03-12']);
  });

  it('datasets store parsed dates (epoch ms) and old datasets without them still read the same periods', async () => {
    const ds = path.join(tmp(), 'ds');
    expect(cx(['import', f('gforms_zh_timestamps.csv'), '-o', ds]).status).toBe(0);
    const { readManifest, loadDataset, saveDataset } = await import('../../src/dataset/store.js');
    const m = readManifest(ds);
    const sc = m.columns.find((c) => c.id === m.dateColumn)!;
    expect(sc.epochMs).toBe(true);
    expect(existsSync(path.join(ds, `${sc.file}.ms.f64`))).toBe(true);
    const s = await loadDataset(ds);
    const col = s.columns.get(s.dateColumn!)!;
    expect(col.kind === 'str' && Array.from(col.epochMs!)).toEqual([
      Date.UTC(2026, 1, 2, 14, 3, 11),
      Date.UTC(2026, 1, 2, 11, 59, 59),
      Date.UTC(2026, 1, 9, 0, 30, 0),
      Date.UTC(2026, 2, 5, 15, 4, 0),
    ]);
    const withMs = json(['score', 'nps', ds, '--period', 'week']);
    // The same dataset written the old way (no .ms.f64, no epochMs in survey.json).
    const old = path.join(tmp(), 'old');
    const plain = await loadDataset(ds);
    const c = plain.columns.get(plain.dateColumn!)!;
    if (c.kind === 'str') plain.columns.set(plain.dateColumn!, { kind: 'str', values: [...c.values] });
    plain.questions = plain.questions.map((q) => (q.id === plain.dateColumn ? { ...q, type: 'category' as const } : q));
    saveDataset(old, plain);
    expect(readManifest(old).columns.some((x) => x.epochMs)).toBe(false);
    const without = json(['score', 'nps', old, '--period', 'week', '--date', plain.dateColumn!]);
    expect(without.periods).toEqual(withMs.periods);
  });
});

describe('waves (items 5 and 6)', () => {
  const dirHash = async (dir: string) => {
    const { readdirSync, readFileSync } = await import('node:fs');
    const { createHash } = await import('node:crypto');
    const h = createHash('sha256');
    for (const n of readdirSync(dir).sort()) h.update(n).update(readFileSync(path.join(dir, n)));
    return h.digest('hex');
  };

  it('an inserted 问卷星 question does not shift answers: columns aligned by question text, mapping reported', async () => {
    const ds = path.join(tmp(), 'ds');
    expect(cx(['import', f('wjx_wave1.csv'), '-o', ds]).status).toBe(0);
    const r = json(['import', f('wjx_wave2_inserted.csv'), '-o', ds]);
    expect(r.rows).toBe(7);
    expect(r.files[0].renamed).toEqual(
      expect.arrayContaining([
        { from: 'Q3', to: 'Q2', label: '您向朋友推荐我们的可能性有多大？' },
        { from: 'Q7', to: 'Q6', label: '您觉得办理业务是否容易？（1-5分）' },
        { from: 'Q8', to: 'Q7', label: '您对配送的评分（1-5分）' },
        { from: 'Q2', to: 'Q4', label: '您的会员等级是？' },
        { from: 'Q6_2', to: 'Q5_2', label: '请评价以下方面 - 配送速度' },
      ]),
    );
    const { loadDataset } = await import('../../src/dataset/store.js');
    const s = await loadDataset(ds);
    const v = (id: string) => Array.from(s.columns.get(id)!.values as ArrayLike<unknown>);
    // Wave 1 CES (Q6) 4,2,5,3 then wave 2 CES (its Q7) 5,5,4 — not the delivery ratings 2,1,2.
    expect(v('Q6')).toEqual([4, 2, 5, 3, 5, 5, 4]);
    expect(v('Q7')).toEqual([5, 1, 4, 3, 2, 1, 2]);
    expect(v('Q2')).toEqual([9, 3, 10, 7, 8, 10, 6]);
    expect(v('Q4')).toEqual(['金卡', '银卡', '普通', '金卡', '金卡', '普通', '银卡']);
    expect(v('Q1')).toEqual(['上海', '北京', '广州', '杭州', '上海', '成都', '北京']);
    expect(v('Q5_2')).toEqual([4, 1, 4, 3, 4, 5, 2]);
    // The new question takes no existing id (Q5 is the matrix stem of Q5_1…).
    const added = s.questions.find((q) => q.label === '您是通过什么渠道了解我们的？')!;
    expect(added.id).not.toBe('Q5');
    expect(v(added.id)).toEqual([null, null, null, null, '朋友推荐', '广告', '朋友推荐']);
  });

  it('a different survey is refused (exit 2, dataset byte-for-byte unchanged) unless --force', async () => {
    const ds = path.join(tmp(), 'ds');
    expect(cx(['import', f('wjx_wave1.csv'), '-o', ds]).status).toBe(0);
    const before = await dirHash(ds);
    const r = cx(['import', f('other_survey.csv'), '-o', ds]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/different survey: only 0 of its 4 questions match.*nothing was written.*--force/);
    expect(await dirHash(ds)).toBe(before);
    const forced = json(['import', f('other_survey.csv'), '-o', ds, '--force']);
    expect(forced.rows).toBe(6);
    // Never two different questions in one column: the HR survey's Q1 (部门) is not the city question Q1.
    const { loadDataset } = await import('../../src/dataset/store.js');
    const s = await loadDataset(ds);
    expect(Array.from(s.columns.get('Q1')!.values as ArrayLike<unknown>)).toEqual(['上海', '北京', '广州', '杭州', null, null]);
    const dept = s.questions.find((q) => q.label === '您所在的部门是？')!;
    expect(dept.id).not.toBe('Q1');
    expect(Array.from(s.columns.get(dept.id)!.values as ArrayLike<unknown>).slice(4)).toEqual(['研发', '销售']);
  });

  it('the same file imported twice (no response id) is skipped, dataset unchanged; --replace-wave re-imports', async () => {
    const dir = tmp();
    const ds = path.join(dir, 'ds');
    expect(json(['import', f('gforms_no_id.csv'), '-o', ds]).rows).toBe(3);
    const before = await dirHash(ds);
    const again = cx(['import', f('gforms_no_id.csv'), '-o', ds, '--json']);
    expect(again.status).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ rows: 3, files: [{ skipped: 'already-imported' }] });
    expect(again.stderr).toMatch(/already imported.*skipped.*--replace-wave/);
    expect(await dirHash(ds)).toBe(before);
    // A copy under another name has the same content: skipped too.
    const copy = path.join(dir, 'copy.csv');
    writeFileSync(copy, (await import('node:fs')).readFileSync(f('gforms_no_id.csv')));
    expect(json(['import', copy, '-o', ds]).rows).toBe(3);
    const re = json(['import', f('gforms_no_id.csv'), '-o', ds, '--replace-wave']);
    expect(re.rows).toBe(3);
    expect(re.waves).toEqual(['gforms_no_id']);
    // A later download holding the old rows plus one new: only the new row is added.
    const later = path.join(dir, 'later.csv');
    writeFileSync(later, (await import('node:fs')).readFileSync(f('gforms_no_id.csv'), 'utf8') + '2026/05/04 8:00:00 am GMT+1,7,ok\r\n');
    const l = json(['import', later, '-o', ds]);
    expect(l.rows).toBe(4);
    expect(l.files[0].exclusions).toContainEqual({ reason: 'duplicate-in-dataset', count: 3 });
  });
});

describe('sequence-number ids (问卷星 序号) across waves', () => {
  const head = '序号,提交答卷时间,1、您向朋友推荐我们的可能性有多大？(0-10分),2、城市\n';
  it('a copied survey restarts 序号 at 1: those rows are new responses, a re-download of the same rows is not', () => {
    const d = tmp();
    writeFileSync(path.join(d, 'w1.csv'), head + '1,2026/3/5 10:00:00,10,上海\n2,2026/3/6 11:00:00,9,北京\n3,2026/3/7 12:00:00,3,上海\n');
    // Wave 2 from a copy of the survey: 序号 1 and 2 again, other submit times (other people).
    writeFileSync(path.join(d, 'w2.csv'), head + '1,2026/4/5 10:00:00,8,上海\n2,2026/4/6 11:00:00,2,北京\n');
    // A later download of wave 1 that holds the old rows plus one new one.
    writeFileSync(path.join(d, 'w1-again.csv'), head + '1,2026/3/5 10:00:00,10,上海\n2,2026/3/6 11:00:00,9,北京\n3,2026/3/7 12:00:00,3,上海\n4,2026/3/8 09:00:00,10,广州\n');
    const ds = path.join(d, 'ds');
    for (const w of ['w1.csv', 'w2.csv', 'w1-again.csv']) expect(cx(['import', path.join(d, w), '-o', ds]).status).toBe(0);
    // 3 + 2 + 1 new = 6 responses: answers 10, 9, 3, 8, 2, 10 → promoters 3, detractors 2 → NPS +16.67
    const s = json(['score', 'nps', ds]);
    expect(s.overall.n).toBe(6);
    expect(s.overall.nps).toBeCloseTo((100 * (3 - 2)) / 6, 10);
  });
});
