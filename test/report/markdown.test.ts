import { describe, expect, it } from 'vitest';
import { loadTemplate, renderTemplate, templateData } from '../../src/report/markdown.js';
import { markdownToHtml, inline } from '../../src/report/html.js';
import type { ReportModel } from '../../src/report/model.js';
import { CxError } from '../../src/ui/errors.js';

const model = (): ReportModel => ({
  meta: {
    title: 'Weekly CX', lang: 'en', template: 'weekly', generatedAt: '2026-11-23', source: ['demo.csv'], n: 100, nComparison: 100, modelVersion: 1,
    period: { label: '2026-W47', kind: 'week', start: '2026-11-16', end: '2026-11-22' },
    comparison: { label: '2026-W46', kind: 'week', start: '2026-11-09', end: '2026-11-15' },
  },
  // METHODS.md N2/N3: A = (P45, Pa35, D20) NPS 25, B = (30, 40, 30) NPS 0; adjusted-Wald p = 0.02357.
  kpis: [
    {
      metric: 'nps', name: 'NPS', question: 'Q1', label: 'LTR', value: 25, unit: 'points', n: 100, ci95: [9.479, 39.064], moe95: 15.02,
      previous: 0, previousN: 100, change: 25, p: 0.02357, significant: true, unstable: false,
      cell: { promoters: 45, passives: 35, detractors: 20 },
    },
  ],
  themes: {
    source: 'codeframe', nComments: 50,
    themes: [
      { key: '100', name: 'Delivery', count: 10, pct: 20, net: true, level: 0, owner: 'Logistics' },
      { key: '101', name: 'Late | slow', count: 6, pct: 12, change: 2, level: 1, owner: 'Logistics', detractors: { count: 5, pct: 25 } },
    ],
  },
  verbatims: [{ text: 'Late again', score: 3, themes: ['Late | slow'], id: 'R1' }],
  followUps: [{ owner: 'Logistics', items: [{ id: 'R1', score: 3, text: 'Late again', themes: ['Late | slow'] }] }],
  notes: [{ section: 'kano', text: 'No Kano question pairs.' }],
  warnings: [],
});

describe('templateData', () => {
  it('fills absent sections and optional fields with nil, and indexes KPIs by metric', () => {
    const d = templateData(model()) as Record<string, any>;
    expect(d.kano).toBeNull();
    expect(d.trends).toBeNull();
    expect(d.kpi.nps.value).toBe(25);
    expect(d.kpi.csat).toBeNull();
    expect(d.themes.themes[0].change).toBeNull();
    expect(d.verbatims[0].date).toBeNull();
    expect(d.charts.trend_nps).toBeNull();
  });
});

describe('built-in templates', () => {
  it('CES mean with 2 decimals; a change that rounds to zero has no arrow and no sign (QA report-2)', async () => {
    const m = model();
    // CES 5.57 vs 5.56: change 0.01 → "+0.01 ▲" with 2 decimals (with 1 decimal it read "5.6 → 5.6 +0.0 ▲").
    // NPS 25.04 vs 25.00: change 0.04 → "0.0 =" (rounds to zero at 1 decimal).
    m.kpis[0] = { ...m.kpis[0]!, value: 25.04, previous: 25, change: 0.04, p: 0.99, significant: false };
    m.kpis.push({
      metric: 'ces', name: 'CES', question: 'Q3', label: 'Effort', value: 5.57, unit: 'mean', method: 'mean', n: 100, ci95: [5.351, 5.789],
      previous: 5.56, previousN: 100, change: 0.01, p: 0.95, significant: false, unstable: false, cell: {},
    });
    m.segments = [{ column: 'region', label: 'Region', rows: [
      { value: 'East', n: 50, values: { nps: 20, ces: 5.5 }, ci95: {}, change: { nps: -0.04, ces: -0.004 }, unstable: false },
      { value: 'West', n: 50, values: { nps: 30, ces: 5.64 }, ci95: {}, change: { nps: 0.04, ces: 0.004 }, unstable: false },
    ] }];
    const md = await renderTemplate(m, loadTemplate('weekly', 'en'));
    expect(md).toContain('| NPS | 25.0 | 9.5 – 39.1 | 100 | – | 25.0 | 0.0 = | 0.990 |');
    expect(md).toContain('| CES | 5.57 | 5.35 – 5.79 | 100 | – | 5.56 | +0.01 ▲ | 0.950 |');
    expect(md).toContain('| East | 50 | 20.0 | 0.0 | 5.50 | 0.00 |');
    expect(md).toContain('| West | 50 | 30.0 | 0.0 | 5.64 | 0.00 |');
  });

  it('weekly (en): headline table with CI, change, significance, themes and follow-ups', async () => {
    const md = await renderTemplate(model(), loadTemplate('weekly', 'en'));
    expect(md).toContain('# Weekly CX');
    expect(md).toContain('**2026-W47** (2026-11-16 to 2026-11-22) · compared with 2026-W46 · 100 responses (100 in 2026-W46) · data up to 2026-11-23');
    expect(md).toContain('| NPS | 25.0 | 9.5 – 39.1 | 100 | – | 0.0 | +25.0 ▲* | 0.024 |');
    expect(md).toContain('NPS: 45 promoters (45%), 35 passives (35%), 20 detractors (20%).');
    expect(md).toContain('| **Delivery** | 10 | 20.0% | – | – | – | Logistics |');
    expect(md).toContain('| ↳ Late \\| slow | 6 | 12.0% | +2.0 | 25.0% | – | Logistics |');
    expect(md).toContain('### Logistics (1)');
    expect(md).toContain('- No Kano question pairs.');
    expect(md).not.toMatch(/[ \t]$/m);
    expect(md).not.toContain('\n\n\n');
  });

  it('weekly (zh) and quarterly render in Chinese', async () => {
    const m = model();
    m.meta.lang = 'zh';
    const md = await renderTemplate(m, loadTemplate('weekly', 'zh'));
    expect(md).toContain('## 核心指标');
    // One glossary (issue 12 defect 9): passives are 中立者 here as in `cx score`.
    expect(md).toContain('NPS：推荐者 45 人（45%），中立者 35 人（35%），贬损者 20 人（20%）。');
    expect(md).not.toContain('被动者');
    const q = await renderTemplate(m, loadTemplate('quarterly', 'zh'));
    expect(q).toContain('## 按负责人的待跟进');
    expect(await renderTemplate(model(), loadTemplate('quarterly', 'en'))).toContain('| Logistics | 1 |');
  });

  it('a missing user template is exit 2', () => {
    try {
      loadTemplate('./nope.md.liquid', 'en');
      expect.unreachable();
    } catch (e) {
      expect((e as CxError).exitCode).toBe(2);
      expect((e as CxError).message).toContain('--template ./nope.md.liquid: no such file and not a built-in template (weekly, quarterly)');
    }
  });
});

describe('markdownToHtml', () => {
  it('converts tables with alignment, quotes, lists and escapes HTML', () => {
    const html = markdownToHtml('# T <x>\n\n| a | b |\n|---|---:|\n| 1 \\| 2 | **3** |\n\n> quote\n\n- one\n- two\n', { title: 'T', lang: 'en' });
    expect(html).toContain('<h1>T &lt;x&gt;</h1>');
    expect(html).toContain('<thead><tr><th>a</th><th style="text-align:right">b</th></tr></thead>');
    expect(html).toContain('<tr><td>1 | 2</td><td style="text-align:right"><strong>3</strong></td></tr>');
    expect(html).toContain('<blockquote><p>quote</p></blockquote>');
    expect(html).toContain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
  });
  it('inlines chart SVGs and neutralises javascript: links', () => {
    const svgs = new Map([['trend-nps', '<svg id="s"></svg>']]);
    expect(inline('![NPS](cx-chart:trend-nps)', svgs)).toBe('<figure class="chart" role="img" aria-label="NPS"><svg id="s"></svg></figure>');
    expect(inline('[x](javascript:alert(1))')).not.toContain('javascript:');
    expect(inline('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe('README "Report templates" example', () => {
  it('renders in strict mode against the model', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const readme = readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const src = /```liquid\n([\s\S]*?)```/.exec(readme)![1]!;
    const out = await renderTemplate(model(), { name: 'readme.liquid', source: src, builtin: false });
    expect(out).toContain('# Weekly CX: 2026-W47');
    expect(out).toContain('- NPS: 25.0 (9.5 – 39.1), +25.0 ▲*');
    expect(out).toContain('- Delivery: 20.0%');
  });
});
