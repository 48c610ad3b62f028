// `cx report` end to end on the demo export (fixtures/demo/wave-2026Q3.csv, synthetic), run as a user would.
import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

const root = path.resolve(__dirname, '../..');
const demo = path.join(root, 'fixtures/demo/wave-2026Q3.csv');
const cfg = path.join(root, 'fixtures/config/demo.cx.yaml');
const cx = (args: string[], cwd = root) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
const tmp = () => mkdtempSync(path.join(tmpdir(), 'cx-report-'));

// Independent NPS of ISO week 2026-W39 (21–27 Sep 2026), the last complete week of the demo data (it ends
// on Thu 1 Oct): csv-parse directly, Qualtrics rules by hand (3 header rows, Status 0 = real response,
// first occurrence of a ResponseId kept).
function independentW39(): { P: number; D: number; n: number; nps: number } {
  const rows = parse(readFileSync(demo), { relax_column_count: true }) as string[][];
  const h = rows[0]!;
  const ix = (n: string) => h.indexOf(n);
  const seen = new Set<string>();
  let P = 0, D = 0, n = 0;
  for (const r of rows.slice(3)) {
    if (r[ix('Status')] !== '0' || seen.has(r[ix('ResponseId')]!)) continue;
    seen.add(r[ix('ResponseId')]!);
    const d = r[ix('RecordedDate')]!.slice(0, 10);
    if (d < '2026-09-21' || d > '2026-09-27' || r[ix('Q1')] === '') continue;
    const x = Number(r[ix('Q1')]);
    n++;
    if (x >= 9) P++;
    else if (x <= 6) D++;
  }
  return { P, D, n, nps: (100 * (P - D)) / n };
}

describe('cx report (demo data)', () => {
  const ind = independentW39();
  let dir: string;
  beforeAll(() => {
    dir = tmp();
  });

  it('writes the weekly Markdown report with SVG charts next to it', () => {
    const out = path.join(dir, 'weekly.md');
    const r = cx(['report', '--config', cfg, '-o', out]);
    expect(r.stderr).toContain('wrote');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    const md = readFileSync(out, 'utf8');
    expect(md).toContain('# Acme Eats weekly CX report');
    expect(md).toContain('**2026-W39** (2026-09-21 to 2026-09-27) · compared with 2026-W38');
    expect(md).toContain(`| NPS | ${ind.nps.toFixed(1)} |`);
    expect(md).toContain(`NPS: ${ind.P} promoters`);
    expect(md).toContain('![NPS trend by week](weekly-charts/trend-nps.svg)');
    expect(readFileSync(path.join(dir, 'weekly-charts/trend-nps.svg'), 'utf8')).toMatch(/^<svg/);
    expect(md).toContain('## What customers talk about');
    expect(md).not.toMatch(/@example\.(com|org)/); // e-mail addresses in comments are masked
  });

  it('is deterministic: the same data and options give byte-identical Markdown and charts', () => {
    const a = path.join(tmp(), 'r.md');
    const b = path.join(tmp(), 'r.md');
    expect(cx(['report', '--config', cfg, '-o', a]).status).toBe(0);
    expect(cx(['report', '--config', cfg, '-o', b]).status).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const sa = readFileSync(path.join(path.dirname(a), 'r-charts/trend-nps.svg'));
    expect(sa.equals(readFileSync(path.join(path.dirname(b), 'r-charts/trend-nps.svg')))).toBe(true);
  });

  it('--fail-if: a true condition exits 1 with the reason on stderr, and the report is still written', () => {
    const out = path.join(tmp(), 'x.md');
    const r = cx(['report', '--input', demo, '--no-charts', '-o', out, '--fail-if', `nps < ${Math.ceil(ind.nps) + 1}`, '--fail-if', `n < ${ind.n}`]);
    expect(r.status).toBe(1);
    // the value is shown rounded to 2 decimals
    expect(r.stderr).toContain(`cx: check failed: nps < ${Math.ceil(ind.nps) + 1} (nps = ${Math.round(ind.nps * 100) / 100})`);
    expect(r.stderr).not.toContain(`n < ${ind.n}`); // n == ind.n: not below
    expect(existsSync(out)).toBe(true);
    const ok = cx(['report', '--input', demo, '--no-charts', '-o', out, '--fail-if', `nps < ${Math.floor(ind.nps) - 1}`]);
    expect(ok.status).toBe(0);
  });

  it('--json prints only the model (with checks) on stdout', () => {
    const r = cx(['report', '--input', demo, '--json', '--fail-if', 'csat < 101']);
    expect(r.status).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.meta.period.label).toBe('2026-W39');
    expect(j.kpis[0].cell.promoters).toBe(ind.P);
    expect(j.kpis[0].cell.detractors).toBe(ind.D);
    expect(j.kpis[0].n).toBe(ind.n);
    expect(j.checks).toEqual([{ expr: 'csat < 101', triggered: true, values: expect.stringMatching(/^csat = /) }]);
  });

  it('a user template is rendered strictly; an unknown variable or a syntax error is exit 2 with line:column', () => {
    const d = tmp();
    const good = path.join(d, 'good.md.liquid');
    writeFileSync(good, 'Week {{ meta.period.label }}: NPS {{ kpi.nps.value | num: 2 }} (n={{ kpi.nps.n }})\n');
    const r = cx(['report', '--input', demo, '--template', good]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`Week 2026-W39: NPS ${ind.nps.toFixed(2)} (n=${ind.n})\n`);

    const typo = path.join(d, 'typo.md.liquid');
    writeFileSync(typo, '# Report\n\nNPS {{ kpi.nps.valeu }}\n');
    const e1 = cx(['report', '--input', demo, '--template', typo]);
    expect(e1.status).toBe(2);
    expect(e1.stderr).toMatch(/^cx: typo\.md\.liquid:3:8: template error: undefined variable: kpi\.nps\.valeu/);

    const bad = path.join(d, 'bad.md.liquid');
    writeFileSync(bad, 'a\nb {% if kano %}\n');
    const e2 = cx(['report', '--input', demo, '--template', bad, '-o', path.join(d, 'out.md')]);
    expect(e2.status).toBe(2);
    expect(e2.stderr).toMatch(/^cx: bad\.md\.liquid:2:3: template error: tag \{% if kano %\} not closed/);
    expect(existsSync(path.join(d, 'out.md'))).toBe(false);
  });

  it('HTML is self-contained (charts inline) and XLSX is a zip', () => {
    const d = tmp();
    expect(cx(['report', '--config', cfg, '-o', path.join(d, 'r.html')]).status).toBe(0);
    const html = readFileSync(path.join(d, 'r.html'), 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/src="[^"]+\.svg"/);
    expect(cx(['report', '--config', cfg, '-o', path.join(d, 'r.xlsx')]).status).toBe(0);
    expect(readFileSync(path.join(d, 'r.xlsx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('a bad --fail-if name is exit 2 with nothing written (QA report-1)', () => {
    const d = tmp();
    const out = path.join(d, 'r.md');
    const typo = cx(['report', '--config', cfg, '-o', out, '--fail-if', 'nsp < 20']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('unknown name "nsp"');
    // a theme name is known only once the model is built: still checked before rendering
    const theme = cx(['report', '--config', cfg, '-o', out, '--fail-if', 'theme.nothing.pct > 1']);
    expect(theme.status).toBe(2);
    expect(theme.stderr).toContain('unknown name "theme.nothing.pct"');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(path.join(d, 'r-charts'))).toBe(false);
  });

  it('an unwritable -o is exit 2 naming the path (below /proc it used to hang in mkdir)', () => {
    const md = cx(['report', '--config', cfg, '-o', '/proc/cx-report-test.md']);
    expect(md.status).toBe(2);
    expect(md.stderr).toContain('cannot write /proc/cx-report-test-charts');
    const html = cx(['report', '--config', cfg, '-o', '/proc/cx-none/r.html']);
    expect(html.status).toBe(2);
    expect(html.stderr).toContain('/proc/cx-none/r.html');
  });

  it('bad usage and bad input are exit 2 with one clear line', () => {
    const cases: [string[], RegExp][] = [
      [['report', '--input', demo, '--period', '2025-W01'], /no responses in period 2025-W01 \(2024-12-30 to 2025-01-05\); the data runs from 2026-0\d-\d\d to 2026-\d\d-\d\d/],
      [['report', '--input', demo, '--period', 'yesterday'], /--period "yesterday" is not a period/],
      [['report', '--input', demo, '--fail-if', 'nps <'], /--fail-if "nps <": unexpected end at column 6/],
      [['report', '--input', demo, '--fail-if', 'npx < 3'], /unknown name "npx"/],
      [['report', '--input', demo, '--format', 'pdf'], /--format pdf: use md, html, xlsx or pptx/],
      [['report', '--input', demo, '--format', 'xlsx'], /--format xlsx needs an output file/],
      [['report', '--input', demo, '--no-charts', '-o', '/etc/passwd/x.md'], /cannot write \/etc\/passwd\/x\.md: \/etc\/passwd is a file, not a folder/],
      [['report', '--input', path.join(root, 'nope.csv')], /nope\.csv: no such file or dataset/],
      [['report', '--config', path.join(root, 'nope.yaml')], /nope\.yaml: config file not found/],
    ];
    for (const [args, re] of cases) {
      const r = cx(args);
      expect(r.status, `${args.join(' ')}\n${r.stderr}`).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(re);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('--lang zh uses the Chinese template; cx.yaml thresholds and failIf are checks too', () => {
    const d = tmp();
    writeFileSync(
      path.join(d, 'cx.yaml'),
      [`input: ${JSON.stringify(demo)}`, 'roles: { nps: Q1 }', 'thresholds:', `  nps: ${Math.ceil(ind.nps) + 1}`, 'failIf: ["n > 100000"]', ''].join('\n'),
    );
    const r = cx(['--lang', 'zh', 'report', '--no-charts'], d);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('## 核心指标');
    expect(r.stdout).toContain(`NPS：推荐者 ${ind.P} 人`);
    expect(r.stderr).toContain(`cx：检查未通过：nps < ${Math.ceil(ind.nps) + 1}`);
    expect(r.stderr).not.toContain('n > 100000');
  });

  it('an invalid cx.yaml is exit 2 naming the line and key', () => {
    const d = tmp();
    writeFileSync(path.join(d, 'cx.yaml'), 'input: x.csv\nreport:\n  fromat: md\n');
    const r = cx(['report'], d);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('cx.yaml:3: report.fromat: unknown key "fromat" (did you mean "format"?)');
  });
});
