// The journey section of `cx report` on the demo (fixtures/demo/journey.cx.yaml): in all four formats and both
// languages, and `--fail-if` naming a touchpoint. Run as a user would (the CLI on an imported dataset).
import { describe, expect, it, beforeAll } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { evaluateFailIf, validateFailIf } from '../../src/report/fail-if.js';
import type { ReportModel } from '../../src/report/model.js';

const root = path.resolve(__dirname, '../..');
const cx = (args: string[], cwd = root) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1', LANG: 'C' } });
const dir = mkdtempSync(path.join(tmpdir(), 'cx-journey-report-'));
const ds = path.join(dir, 'ds');
const cfg = path.join(dir, 'cx.yaml');

beforeAll(() => {
  const r = cx(['import', 'fixtures/demo/wave-2026Q2.csv', 'fixtures/demo/wave-2026Q3.csv', '-o', ds, '--quiet']);
  expect(r.status, r.stderr).toBe(0);
  // The demo journey without comment coding (faster), Delivery speed's target 3.5.
  writeFileSync(cfg, readFileSync(path.join(root, 'fixtures/demo/journey.cx.yaml'), 'utf8').replace(/^codeframe:.*$/m, '').replace(/, codes: \[[^\]]*\]/g, ''));
}, 60_000);

describe('report: journey section', () => {
  it('the model has the journey in journey order; md (en, zh) shows the map and the table', () => {
    const j = cx(['report', '--input', ds, '--config', cfg, '--period', 'all', '--json']);
    expect(j.status, j.stderr).toBe(0);
    const model = JSON.parse(j.stdout) as ReportModel & { model?: ReportModel };
    const m = (model.meta ? model : model.model!) as ReportModel;
    expect(m.journey!.touchpoints.map((t) => t.column)).toEqual(['Q6_1', 'Q6_2', 'Q6_3', 'Q6_4', 'Q6_5', 'Q6_6', 'Q6_7', 'Q6_8']);
    expect(m.journey!.touchpoints[1]!.category).toBe('basic');
    for (const lang of ['en', 'zh']) {
      const out = path.join(dir, `r-${lang}.md`);
      const r = cx(['report', '--input', ds, '--config', cfg, '--period', 'all', '--lang', lang, '-o', out]);
      expect(r.status, r.stderr).toBe(0);
      const md = readFileSync(out, 'utf8');
      expect(md).toContain(lang === 'zh' ? '## 客户旅程：痛点、痒点与爽点' : '## Customer journey: pain, itch and delight points');
      expect(md).toContain(lang === 'zh' ? '痛点' : 'basic factor (pain point)');
      expect(md).toMatch(/!\[[^\]]*\]\(r-(en|zh)-charts\/journey\.svg\)/);
      const svg = readFileSync(path.join(dir, `r-${lang}-charts`, 'journey.svg'), 'utf8');
      expect(svg).toContain(lang === 'zh' ? '客户旅程地图' : 'Customer journey map');
      expect(svg).toContain('下单 Ordering');
    }
  }, 120_000);

  it('html inlines the map; xlsx has a Journey sheet; pptx has a journey slide (one language each, alternating)', async () => {
    for (const [lang, fmt] of [['zh', 'html'], ['en', 'xlsx'], ['zh', 'pptx'], ['en', 'pptx']] as [string, string][]) {
      if (fmt === 'html') {
      const html = path.join(dir, `r-${lang}.html`);
      expect(cx(['report', '--input', ds, '--config', cfg, '--period', 'all', '--lang', lang, '--format', 'html', '-o', html]).status).toBe(0);
      const h = readFileSync(html, 'utf8');
      expect(h).toContain(lang === 'zh' ? '客户旅程地图' : 'Customer journey map');
      expect(h).toContain('<svg');
      } else if (fmt === 'xlsx') {
      const xlsx = path.join(dir, `r-${lang}.xlsx`);
      const x = cx(['report', '--input', ds, '--config', cfg, '--period', 'all', '--lang', lang, '-o', xlsx]);
      expect(x.status, x.stderr).toBe(0);
      const zx = await JSZip.loadAsync(readFileSync(xlsx));
      const wb = await zx.file('xl/workbook.xml')!.async('string');
      expect(wb).toContain(lang === 'zh' ? 'name="客户旅程"' : 'name="Journey"');
      } else {
      const pptx = path.join(dir, `r-${lang}.pptx`);
      const p = cx(['report', '--input', ds, '--config', cfg, '--period', 'all', '--lang', lang, '-o', pptx]);
      expect(p.status, p.stderr).toBe(0);
      const zp = await JSZip.loadAsync(readFileSync(pptx));
      const slides = await Promise.all(zp.file(/^ppt\/slides\/slide\d+\.xml$/).map((f) => f.async('string')));
      expect(slides.some((s) => s.includes(lang === 'zh' ? '客户旅程：痛点、痒点与爽点' : 'Customer journey: pain, itch and delight points'))).toBe(true);
      }
    }
  }, 240_000);

  it('--fail-if names a touchpoint: journey."配送速度".mean < 4 fails (mean ≈ 3.1), < 2 passes', () => {
    const out = path.join(dir, 'f.md');
    const bad = cx(['report', '--input', ds, '--config', cfg, '--period', 'all', '--no-charts', '-o', out, '--fail-if', 'journey."配送速度".mean < 4']);
    expect(bad.status, bad.stderr).toBe(1);
    expect(bad.stderr).toMatch(/journey\.配送速度\.mean = 3\.\d/);
    const ok = cx(['report', '--input', ds, '--config', cfg, '--period', 'all', '--no-charts', '-o', out, '--fail-if', 'journey."配送速度".mean < 2']);
    expect(ok.status, ok.stderr).toBe(0);
    const typo = cx(['report', '--input', ds, '--config', cfg, '--period', 'all', '--no-charts', '-o', out, '--fail-if', 'journey."送餐速度".mean < 4']);
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('unknown name');
  }, 120_000);
});

describe('fail-if: journey names (no model needed for the shape)', () => {
  const model = { meta: { n: 10 }, kpis: [], notes: [], warnings: [], journey: { touchpoints: [{ touchpoint: '配送速度 Delivery speed', column: 'Q6_3', mean: 3.2, n: 50, top2: 40, ci95: [3, 3.4], ia: 0.1, bLow: -0.5, bHigh: 0.4, riocs: 0.9, riocsPct: 20, rwPct: 10, target: 3.5 }] } } as unknown as ReportModel;
  it('by a word of the name, the full name, the column', () => {
    expect(() => validateFailIf('journey."配送速度".mean < 4')).not.toThrow();
    expect(() => validateFailIf('journey.配送速度.colour < 4')).toThrow(/unknown name/);
    expect(evaluateFailIf('journey."配送速度".mean < 4', model).triggered).toBe(true);
    expect(evaluateFailIf('journey."配送速度 Delivery speed".penalty > 0.4', model).triggered).toBe(true);
    expect(evaluateFailIf('journey.Q6_3.top2 >= 50', model).triggered).toBe(false);
    expect(evaluateFailIf('journey."配送速度".mean < journey."配送速度".target', model).triggered).toBe(true);
  });
});
