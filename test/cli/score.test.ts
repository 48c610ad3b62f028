// Acceptance: `cx score` as a user runs it, on fixtures/score (see its README; values by hand there and in
// test/metrics/score.test.ts).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cx = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
const stores = 'fixtures/score/stores.csv';
const twoweeks = 'fixtures/score/twoweeks.csv';

describe('cx score nps --json', () => {
  it('prints only JSON with the contract fields and unrounded numbers; warns on stderr naming the column and rows', () => {
    // "abc" is 1 of 16 answers (6.25% > 5%): exit 2 naming it and the cx.yaml key, unless --allow-unreadable.
    const strict = cx(['score', 'nps', stores, '--json']);
    expect(strict.status).toBe(2);
    expect(strict.stderr).toMatch(/"abc" at responses 12.*questions\.推荐意愿 NPS\.values/);
    const r = cx(['score', 'nps', stores, '--allow-unreadable', '--json', '--by', 'region']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.metric).toBe('nps');
    expect(j.question).toBe('推荐意愿 NPS');
    // 7 promoters, 3 passives, 4 detractors of 14 → 300/14
    expect(j.overall).toMatchObject({ n: 14, promoters: 7, passives: 3, detractors: 4 });
    expect(j.overall.nps).toBeCloseTo(300 / 14, 12);
    expect(j.overall.ci95).toHaveLength(2);
    expect(typeof j.overall.moe95).toBe('number');
    expect(j.excluded).toBe(2);
    expect(j.exclusions.rows).toEqual([11, 12]);
    const east = j.groups.find((g: { key: { region: string } }) => g.key.region === '华东');
    expect(east.nps).toBeCloseTo(400 / 7, 12);
    expect(r.stderr).toMatch(/column 推荐意愿 NPS: excluded 2 values.*11, 12/);
  });
  it('--period week: 2025-12-29 belongs to 2026-W01; US-style 01/20/2026 to W04', () => {
    const j = JSON.parse(cx(['score', 'nps', stores, '--allow-unreadable', '--json', '--period', 'week']).stdout);
    expect(j.periods.map((p: { period: string; n: number }) => [p.period, p.n])).toEqual([
      ['2026-W01', 4],
      ['2026-W02', 5],
      ['2026-W03', 2],
      ['2026-W04', 3],
    ]);
  });
  it('--weight and --where with a backticked column name', () => {
    const w = JSON.parse(cx(['score', 'nps', stores, '--allow-unreadable', '--json', '--weight', 'weight']).stdout);
    expect(w.overall.nps).toBeCloseTo(25, 12); // 100·(8 − 4)/16
    expect(w.overall.nEff).toBeCloseTo(12.8, 12); // 16²/20
    const f = JSON.parse(cx(['score', 'nps', stores, '--allow-unreadable', '--json', '--where', 'region = "华东" and `plan type` != "Basic"']).stdout);
    expect(f.overall.n).toBe(4);
    expect(f.overall.nps).toBeCloseTo(75, 12);
  });
  it('csat and ces --ces index', () => {
    const c = JSON.parse(cx(['score', 'csat', stores, '--json']).stdout);
    expect(c.overall.csat).toBeCloseTo(1100 / 17, 12);
    expect(c.overall.mean).toBeCloseTo(62 / 17, 12);
    const e = JSON.parse(cx(['score', 'ces', stores, '--json', '--ces', 'index']).stdout);
    expect(e.ces).toBe('index');
    expect(e.overall.ces).toBeCloseTo(400 / 17, 12);
  });
});

describe('cx score human output', () => {
  it('marks a significant drop with ▼ and *, and flags n < 30', () => {
    const r = cx(['score', 'nps', twoweeks, '--question', 'NPS web', '--period', 'week', '--date', 'submitted', '--compare', 'previous']);
    expect(r.status).toBe(0);
    // W10: 25×10, 5×2 → 66.7; W11: 5×10, 25×2 → −66.7; adjusted-Wald p = 1.3e-10 (numpy)
    expect(r.stdout).toContain('2026-W10');
    expect(r.stdout).toMatch(/2026-W11.*▼-133\.3\*/);
    expect(r.stdout).not.toContain('†'); // every cell has n ≥ 30
    const small = cx(['score', 'nps', stores, '--allow-unreadable', '--by', 'region']);
    expect(small.stdout).toMatch(/华东\s*│\s*7 †/);
    expect(small.stdout).toContain('n < 30');
  });
  it('speaks Chinese with --lang zh', () => {
    expect(cx(['--lang', 'zh', 'score', 'nps', stores, '--allow-unreadable']).stdout).toContain('总体');
  });
});

describe('cx score bad usage and input (exit 2, one line naming the problem)', () => {
  it.each([
    [['score', 'nps', twoweeks], /2 columns could be the NPS question: NPS web.*NPS app.*--question/],
    [['score', 'nps', stores, '--question', 'nope'], /--question: no column named "nope"/],
    [['score', 'nps', stores, '--where', 'region = '], /--where: .*position 10/],
    [['score', 'nps', stores, '--by', 'regio'], /--by: no column named "regio".*region/],
    [['score', 'nps', stores, '--period', 'fortnight'], /--period must be day, week, month or quarter/],
    [['score', 'nps', twoweeks, '--question', 'NPS web', '--period', 'week', '--date', 'NPS app'], /column NPS app: none of the 60 answers has a readable date.*--date/],
    [['score', 'xyz', stores], /unknown metric "xyz"/],
    [['score', 'nps', stores, '--weight', 'region'], /--weight region: column region has no usable weights/],
    [['score', 'csat', stores, '--scale', '5-1'], /--scale must look like 1-5/],
    [['score', 'nps', 'fixtures/score/missing.csv'], /no such file/],
  ])('%j', (args, msg) => {
    const r = cx(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(msg);
  });
});
