import { describe, expect, it } from 'vitest';
import { evaluateFailIf, parseFailIf, thresholdExprs, validateFailIf } from '../../src/report/fail-if.js';
import type { Kpi, ReportModel } from '../../src/report/model.js';
import { CxError } from '../../src/ui/errors.js';

const kpi = (metric: 'nps' | 'csat' | 'ces', value: number, extra: Partial<Kpi> = {}): Kpi => ({
  metric, name: metric.toUpperCase(), question: 'Q', label: 'Q', value, unit: 'points', n: 120, unstable: false, cell: {}, ...extra,
});

const model: ReportModel = {
  meta: {
    title: 'T', lang: 'en', template: 'weekly', generatedAt: '2026-11-22', source: ['x.csv'], n: 150, modelVersion: 1,
    period: { label: '2026-W47', kind: 'week', start: '2026-11-16', end: '2026-11-22' },
  },
  kpis: [kpi('nps', 18, { change: -7, p: 0.03, significant: true, previous: 25 }), kpi('csat', 82.5, { change: 1, p: 0.6, significant: false })],
  themes: {
    source: 'codeframe', nComments: 100,
    themes: [
      { key: '101', name: 'Late delivery 配送慢', count: 20, pct: 20, change: 4 },
      { key: '201', name: 'Taste', count: 5, pct: 5 },
    ],
  },
  segments: [{ column: 'region', label: 'Region', rows: [{ value: 'North', n: 40, values: { nps: 10 }, ci95: {}, change: {}, unstable: false }] }],
  notes: [], warnings: [],
};

const ev = (e: string) => evaluateFailIf(e, model);

describe('fail-if', () => {
  it('simple comparisons against KPI values', () => {
    expect(ev('nps < 20').triggered).toBe(true); // 18 < 20
    expect(ev('nps < 18').triggered).toBe(false);
    expect(ev('nps <= 18').triggered).toBe(true);
    expect(ev('csat < 80').triggered).toBe(false); // 82.5
    expect(ev('n < 100').triggered).toBe(false); // 150
    expect(ev('n < 200').triggered).toBe(true);
    expect(ev('nps < 20').values).toBe('nps = 18');
  });

  it('a bare "significant" refers to the metric named before it', () => {
    expect(ev('nps.change < -5 and significant').triggered).toBe(true); // −7 < −5, p = 0.03
    expect(ev('csat.change < 0.5 or significant').triggered).toBe(false); // 1 ≥ 0.5, not significant
    expect(ev('csat.change > 0.5 and significant').triggered).toBe(false);
    expect(ev('nps.change < -5 and not significant').triggered).toBe(false);
    expect(ev('nps.change < -5 && nps.p < 0.05').triggered).toBe(true);
  });

  it('themes by key, full name or a word of the name; segments', () => {
    expect(ev('theme.101.pct > 15').triggered).toBe(true);
    expect(ev('theme.late.pct > 15').triggered).toBe(true);
    expect(ev('theme."Late delivery 配送慢".count >= 20').triggered).toBe(true);
    expect(ev('theme.taste.pct > 15').triggered).toBe(false);
    expect(ev('theme.taste.change > 1').triggered).toBeUndefined(); // no previous value
    expect(ev('segment.region.North.nps < 15').triggered).toBe(true);
  });

  it('precedence: and binds tighter than or; parentheses', () => {
    expect(ev('nps > 100 and csat > 0 or n > 1').triggered).toBe(true);
    expect(ev('nps > 100 and (csat > 0 or n > 1)').triggered).toBe(false);
  });

  it('absent values make a condition undecided, not true', () => {
    expect(ev('ces < 3').triggered).toBeUndefined();
    expect(ev('ces < 3 or nps < 20').triggered).toBe(true);
  });

  it('syntax errors and unknown names are exit 2 with the column', () => {
    const err = (e: string) => {
      try {
        evaluateFailIf(e, model);
      } catch (x) {
        expect(x).toBeInstanceOf(CxError);
        expect((x as CxError).exitCode).toBe(2);
        return (x as CxError).message;
      }
      throw new Error('no error for ' + e);
    };
    expect(err('nps <')).toContain('unexpected end at column 6');
    expect(err('nps < < 3')).toContain('unexpected "<" at column 7');
    expect(err('nps ; 3')).toContain('column 5');
    expect(err('nsp < 20')).toContain('unknown name "nsp"');
    expect(err('theme.nothing.pct > 1')).toContain('unknown name "theme.nothing.pct"');
    expect(err('significant')).toContain('needs a metric before it');
    expect(() => parseFailIf('process.exit(1)')).toThrow(CxError);
  });

  it('validateFailIf rejects unknown names without a model (QA report-1), accepts every documented shape', () => {
    const msg = (e: string) => {
      try {
        validateFailIf(e);
      } catch (x) {
        expect((x as CxError).exitCode).toBe(2);
        return (x as CxError).message;
      }
      return 'ok';
    };
    expect(msg('nsp < 20')).toContain('unknown name "nsp"');
    expect(msg('nps.chnage < -5')).toContain('unknown name "nps.chnage"');
    expect(msg('theme.delivery.share > 15')).toContain('unknown name "theme.delivery.share"');
    expect(msg('segment.region.North > 1')).toContain('unknown name "segment.region.North"');
    expect(msg('n < 100 or ((nps.change < -5 and significant) or not csat.p > 0.05)')).toBe('ok');
    expect(msg('theme.delivery.pct > 15 and theme."Late delivery".detractors.pct > 3 and theme.x.negative > 1')).toBe('ok');
    expect(msg('segment.region.North.nps < 0 or segment.region."华东".n < 30 or ces.hi > 5 or ces.moe > 1')).toBe('ok');
    expect(msg('nps <')).toContain('unexpected end');
  });

  it('thresholds from cx.yaml become expressions', () => {
    expect(thresholdExprs({ nps: 20, 'theme.delivery.pct': { max: 15 }, csat: { min: 70, max: 99 } })).toEqual([
      'nps < 20', 'theme.delivery.pct > 15', 'csat < 70', 'csat > 99',
    ]);
  });
});
