import { describe, expect, it } from 'vitest';
import { chartSpecs, renderChartSvgs, vegaLiteSpec } from '../../src/report/charts.js';
import type { ScatterChart } from '../../src/report/charts-spec.js';
import type { ReportModel } from '../../src/report/model.js';
import { sampleModel } from './charts-fixture.js';

describe('chart specs from the report model', () => {
  it('makes one chart per trend metric, segment column and analysis', () => {
    const ids = chartSpecs(sampleModel('en')).map((c) => c.id);
    expect(ids).toEqual(['trend-nps', 'trend-csat', 'segments-region', 'kano', 'servqual-ep', 'servqual', 'drivers', 'themes']);
  });

  it('puts the drivers quadrant lines at the attribute means', () => {
    const d = chartSpecs(sampleModel('en')).find((c) => c.id === 'drivers') as ScatterChart;
    // importance: (39.1 + 30.4 + 17.4 + 13.1) / 4 = 100 / 4 = 25.0
    expect(d.xRef).toBeCloseTo(25.0, 10);
    // performance: (3.4 + 4.2 + 3.1 + 4.4) / 4 = 15.1 / 4 = 3.775
    expect(d.yRef).toBeCloseTo(3.775, 10);
    expect(d.points.find((p) => p.label === 'Delivery speed')).toMatchObject({ x: 39.1, y: 3.4, group: 'Concentrate here' });
  });

  it('plots Kano |Worse| on x and Better on y, split at 0.5', () => {
    const k = chartSpecs(sampleModel('zh')).find((c) => c.id === 'kano') as ScatterChart;
    expect(k.points.find((p) => p.label === '订单跟踪')).toMatchObject({ x: 0.7, y: 0.25, group: 'M 必备属性' });
    expect([k.xRef, k.yRef]).toEqual([0.5, 0.5]);
    const vl = vegaLiteSpec(k) as { layer: Array<{ mark: { type: string }; data?: { values: Array<{ v: number }> } }> };
    const rules = vl.layer.filter((l) => l.mark.type === 'rule').map((l) => l.data!.values[0].v);
    expect(rules).toEqual([0.5, 0.5]);
  });

  it('ranks themes by % and adds the previous period as a second series', () => {
    const t = chartSpecs(sampleModel('en')).find((c) => c.id === 'themes');
    expect(t && t.kind === 'bar' && t.categories).toEqual(['Delivery', 'Customer service', 'Price']);
    expect(t && t.kind === 'bar' && t.series.map((s) => s.values)).toEqual([[24, 18, 8], [18, 20, null]]);
  });

  it('charts codes rather than nets when the codeframe has both', () => {
    const m = sampleModel('en');
    m.themes!.themes.push({ key: 'ops', name: 'Operations (net)', count: 90, pct: 36, net: true, level: 0 });
    const t = chartSpecs(m).find((c) => c.id === 'themes');
    expect(t && t.kind === 'bar' && t.categories).toEqual(['Delivery', 'Customer service', 'Price']);
  });

  it('caps segment charts at the 20 largest groups and says so in the title', () => {
    const m = sampleModel('en');
    m.segments = [{ column: 'store', label: 'Store', rows: Array.from({ length: 25 }, (_, i) => ({ value: `S${i}`, n: 100 - i, values: { nps: i }, ci95: {}, change: {}, unstable: false })) }];
    const c = chartSpecs(m).find((x) => x.id === 'segments-store');
    expect(c && c.kind === 'bar' && c.categories.length).toBe(20);
    expect(c && c.kind === 'bar' && c.categories[19]).toBe('S19 (n=81)');
    expect(c?.title).toBe('NPS by Store (largest 20 of 25)');
  });

  it('gives no chart for absent sections', () => {
    const m = sampleModel('en');
    const bare: ReportModel = { meta: m.meta, kpis: m.kpis, notes: [], warnings: [] };
    expect(chartSpecs(bare)).toEqual([]);
  });
});

describe('renderChartSvgs', () => {
  it('renders every chart to standalone SVG headlessly, deterministically', async () => {
    const a = await renderChartSvgs(sampleModel('zh'));
    expect(a.map((c) => c.file)).toEqual(['trend-nps.svg', 'trend-csat.svg', 'segments-region.svg', 'kano.svg', 'servqual-ep.svg', 'servqual.svg', 'drivers.svg', 'themes.svg']);
    for (const c of a) {
      expect(c.svg.startsWith('<svg')).toBe(true);
      expect(c.svg).toContain('</svg>');
      expect(c.svg).not.toContain('NaN');
    }
    const kano = a.find((c) => c.id === 'kano')!.svg;
    expect(kano).toContain('一键退款'); // point label
    expect(kano).toContain('Kano：满意影响力 vs 不满意影响力'); // title
    expect(kano).toContain('Microsoft YaHei'); // CJK font fallback named
    const b = await renderChartSvgs(sampleModel('zh'), { only: ['kano'] });
    expect(b).toHaveLength(1);
    expect(b[0].svg).toBe(kano);
  });

  it('filters by section prefix', async () => {
    const t = await renderChartSvgs(sampleModel('en'), { only: ['trend'] });
    expect(t.map((c) => c.id)).toEqual(['trend-nps', 'trend-csat']);
    // the NPS line passes through 31.5 in W47: its label is in the SVG as text of the axis or tooltip-free
    expect(t[0].svg).toContain('2026-W47');
  });
});
