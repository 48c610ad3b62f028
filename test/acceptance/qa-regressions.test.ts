// Acceptance: regressions found by QA runs of cx as a researcher uses it (no TTY, CI set). Each test
// names the bug it guards; inputs are small files written here, expected values computed by hand.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cxBin = path.join(root, 'bin/cx.js');
const env = { ...process.env, CI: 'true', NO_COLOR: '1' };
const cx = (args: string[]) => spawnSync(process.execPath, [cxBin, ...args], { cwd: root, encoding: 'utf8', env, maxBuffer: 64 << 20 });

let dir: string;
let many: string;
let scores: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'cx-qa-'));
  // 3000 respondents, each with a distinct comment; NPS cycles 0..10 (so 0–6 = 7/11 detractors).
  many = path.join(dir, 'many.csv');
  const lines = ['id,nps,comment'];
  for (let i = 0; i < 3000; i++) lines.push(`${i},${i % 11},free text answer number ${i}`);
  writeFileSync(many, lines.join('\n') + '\n');
  // A question label longer than 60 characters, and a comment column.
  scores = path.join(dir, 'scores.csv');
  const label = 'How likely are you to recommend our delivery service to a friend or a colleague?';
  writeFileSync(scores, `id,"${label}",reason\n1,10,great\n2,9,fast\n3,3,late\n4,7,ok\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cx score: wrong column and wrong grouping', () => {
  it('--question on a text column is bad input (exit 2) naming the column, not n = 0 with exit 0', () => {
    const r = cx(['score', 'nps', scores, '--question', 'reason']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--question reason: none of its 4 answers is an NPS score on 0–10/);
    expect(r.stderr).toMatch(/"great"/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const zh = cx(['score', 'csat', scores, '--question', 'reason', '--lang', 'zh', '--json']);
    expect(zh.status).toBe(2);
    expect(zh.stdout).toBe('');
    expect(zh.stderr).toMatch(/--question reason：其 4 个答案都不是 1–5 的 CSAT 分数/);
  });

  it('--by on a column with thousands of distinct values warns on stderr, JSON stays clean', () => {
    const r = cx(['score', 'nps', many, '--question', 'nps', '--by', 'comment', '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/--by comment: 3000 segments/);
    const j = JSON.parse(r.stdout);
    expect(j.groups).toHaveLength(3000);
    // 3000 = 272·11 + 8: values 0..10 each 272 times, then 0..7 once more → promoters (9,10) 544,
    // detractors (0..6) 7·273 = 1911.
    expect(j.overall).toMatchObject({ n: 3000, promoters: 544, detractors: 1911 });
  });

  it('a long question label is shortened with an ellipsis in the title', () => {
    // Q1's label is "How likely are you to recommend Acme Eats to a friend or colleague?" (68 characters)
    const r = cx(['score', 'nps', 'fixtures/demo/wave-2026Q2.csv']);
    expect(r.status).toBe(0);
    // its first 59 characters, then "…"
    expect(r.stdout.split('\n')[0]).toBe('NPS · Q1 "How likely are you to recommend Acme Eats to a friend or co…"');
  });
});

describe('stdout closed early (cx … | head)', () => {
  it('stops quietly: no EPIPE stack trace', () => {
    const r = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${cxBin}" score nps "${many}" --question nps --by comment | head -n 3`], {
      cwd: root,
      encoding: 'utf8',
      env,
    });
    expect(r.stdout.split('\n').filter(Boolean)).toHaveLength(3);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled 'error' event|node:events/);
    expect(r.status).toBe(0);
  });
});

describe('empty and extreme inputs to kano, drivers and score', () => {
  it('a header-only file is bad input (exit 2) for score and kano, and drivers says 0 complete rows', () => {
    const f = path.join(dir, 'header-only.csv');
    writeFileSync(f, 'id,wifi_functional,wifi_dysfunctional,nps,speed\n');
    const s = cx(['score', 'nps', f, '--question', 'nps']);
    expect(s.status).toBe(2);
    expect(s.stderr).toMatch(/header-only\.csv: no responses to score/);
    const k = cx(['kano', f]);
    expect(k.status).toBe(2);
    expect(k.stderr).toMatch(/no respondent answered both questions of any Kano pair/);
    const d = cx(['drivers', f, '--outcome', 'nps', '--drivers', 'speed']);
    expect(d.status).toBe(2);
    expect(d.stderr).toMatch(/Only 0 complete rows for 1 drivers/);
  });

  it('a real Qualtrics export whose 5 rows are all test responses: score says so (exit 2), not "no NPS question"', () => {
    const f = path.resolve(root, '../shared/data/exports/qualtrics/Multiple_Answer_MC_Questions (Insights).csv');
    const r = cx(['score', 'nps', f]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no responses to score \(every row was excluded: 5 × test\).*--include-preview/);
  });

  it('drivers on values near 1e300: r is scale-free (was 0 from overflowing sums of squares)', () => {
    // x = (1..5)·1e300, y = 1,3,2,5,4: deviations x −2,−1,0,1,2 and y −2,0,−1,2,1 → Sxy = 8, Sxx = Syy = 10,
    // r = 8/10 = 0.8
    const f = path.join(dir, 'huge.csv');
    writeFileSync(f, 'id,y,x\n1,1,1e300\n2,3,2e300\n3,2,3e300\n4,5,4e300\n5,4,5e300\n');
    const r = cx(['drivers', f, '--outcome', 'y', '--drivers', 'x', '--json']);
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.drivers[0].r).toBeCloseTo(0.8, 12);
    expect(j.r2).toBeCloseTo(0.64, 12);
    expect(j.drivers[0].performance / 1e300).toBeCloseTo(3, 12); // the mean stays on the raw scale
  });
});

describe('help in Chinese', () => {
  it('tab, kano, servqual and drivers describe themselves in Chinese with --lang zh', () => {
    const want: Record<string, RegExp> = { tab: /交叉表/, kano: /Kano 分析/, servqual: /各维度差距/, drivers: /关键驱动因素分析/ };
    for (const [cmd, re] of Object.entries(want)) {
      const zh = cx([cmd, '--help', '--lang', 'zh']);
      expect(zh.status).toBe(0);
      expect(zh.stdout).toMatch(re);
      expect(zh.stdout).toContain('数据集目录或问卷导出文件');
      const en = cx([cmd, '--help', '--lang', 'en']);
      expect(en.stdout).toContain('dataset directory or survey export');
    }
  });
});

