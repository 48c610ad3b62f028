// Issue 12 defects 1 and 5: output name and format agree; `cx init` writes a servqual section for a
// standard 22-item SERVQUAL export, a relative input path, and a Chinese title for a Chinese survey.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveOutput } from '../../src/report/render.js';
import { CxError } from '../../src/ui/errors.js';

const root = path.resolve(__dirname, '../..');
const demo = path.join(root, 'fixtures/demo/wave-2026Q3.csv');
const cx = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
const tmp = () => mkdtempSync(path.join(tmpdir(), 'cx-out-'));

describe('resolveOutput', () => {
  it('cx.yaml report.output takes the chosen format\'s extension; a clashing -o is refused', () => {
    expect(resolveOutput({ format: 'pptx', cfgOutput: '/p/report.md', cfgFormat: 'md' })).toEqual({ out: '/p/report.pptx', format: 'pptx' });
    expect(resolveOutput({ format: 'html', cfgOutput: '/p/report.md' })).toEqual({ out: '/p/report.html', format: 'html' });
    expect(resolveOutput({ cfgOutput: '/p/report.md', cfgFormat: 'xlsx' })).toEqual({ out: '/p/report.xlsx', format: 'xlsx' });
    expect(resolveOutput({ output: 'q3.pptx', cfgOutput: '/p/report.md', cfgFormat: 'md' })).toEqual({ out: 'q3.pptx', format: 'pptx' });
    expect(resolveOutput({ cfgOutput: '/p/report.md' })).toEqual({ out: '/p/report.md', format: 'md' });
    expect(resolveOutput({ format: 'pptx', cfgOutput: '/p/deck' })).toEqual({ out: '/p/deck.pptx', format: 'pptx' });
    expect(resolveOutput({})).toEqual({ format: 'md' });
    try {
      resolveOutput({ format: 'pptx', output: 'report.md' });
      expect.unreachable();
    } catch (e) {
      expect((e as CxError).exitCode).toBe(2);
      expect((e as CxError).message).toBe('-o report.md is a .md file but --format is pptx; name the file .pptx or drop --format.');
    }
  });

  it('cx report --format pptx in a cx init project writes report.pptx and leaves report.md alone', () => {
    const d = tmp();
    expect(cx(['init', demo, '--yes'], d).status).toBe(0);
    const md = cx(['report', '--no-charts', '--period', '2026-Q3', '--verbatims', '1'], d);
    expect(md.status, md.stderr).toBe(0);
    const before = readFileSync(path.join(d, 'report.md'));
    const r = cx(['report', '--format', 'pptx', '--period', '2026-Q3', '--verbatims', '1'], d);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('report.pptx');
    expect(readFileSync(path.join(d, 'report.pptx')).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(path.join(d, 'report.md')).equals(before)).toBe(true);
    const bad = cx(['report', '--format', 'pptx', '-o', 'deck.md'], d);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('-o deck.md is a .md file but --format is pptx');
    expect(existsSync(path.join(d, 'deck.md'))).toBe(false);
  }, 120_000);
});

describe('cx init (issue 12 defect 5)', () => {
  it('writes a servqual section for E1..E22 / P1..P22 with the standard dimensions, and a relative input', () => {
    const d = tmp();
    const proj = path.join(d, 'project');
    mkdirSync(proj);
    const data = path.join(d, 'servqual_22.csv');
    writeFileSync(data, readFileSync(path.join(root, 'fixtures/servqual/servqual_22.csv')));
    const r = cx(['init', data, '--yes'], proj);
    expect(r.status, r.stderr).toBe(0);
    const y = readFileSync(path.join(proj, 'cx.yaml'), 'utf8');
    expect(y).toContain('input: "../servqual_22.csv"');
    expect(y).toContain('servqual:');
    // PZB: 1–4 tangibles, 5–9 reliability, 10–13 responsiveness, 14–17 assurance, 18–22 empathy
    expect(y).toContain('- { expectation: E4, perception: P4, dimension: tangibles }');
    expect(y).toContain('- { expectation: E5, perception: P5, dimension: reliability }');
    expect(y).toContain('- { expectation: E13, perception: P13, dimension: responsiveness }');
    expect(y).toContain('- { expectation: E17, perception: P17, dimension: assurance }');
    expect(y).toContain('- { expectation: E22, perception: P22, dimension: empathy }');
    expect(y.match(/dimension: /g)!.length).toBe(22);
  });

  it('a Chinese questionnaire gets a Chinese title and lang: zh', () => {
    const d = tmp();
    const csv = ['编号,推荐意愿（0-10）,满意度,您的建议,城市', ...Array.from({ length: 12 }, (_, i) => `${i + 1},${i % 11},${(i % 5) + 1},很好${i},${i % 2 ? '上海' : '北京'}`)].join('\n');
    writeFileSync(path.join(d, '问卷.csv'), csv);
    const r = cx(['init', '问卷.csv', '--yes'], d);
    expect(r.status, r.stderr).toBe(0);
    const y = readFileSync(path.join(d, 'cx.yaml'), 'utf8');
    expect(y).toContain('title: "客户体验报告"');
    expect(y).toMatch(/\n {2}lang: zh\b/);
    expect(y).toContain('input: 问卷.csv');
    // an English one stays English
    const e = tmp();
    expect(cx(['init', demo, '--yes'], e).status).toBe(0);
    expect(readFileSync(path.join(e, 'cx.yaml'), 'utf8')).toContain('title: "Customer experience report"');
  });
});
