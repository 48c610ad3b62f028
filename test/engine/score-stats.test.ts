// Statistics rows → the score, with counts worked by hand (METHODS.md: NPS = %promoters − %detractors).
import { describe, expect, it } from 'vitest';
import { scoreFromRows, statRowsFromRecords, type StatRow } from '../../src/engine/score-stats.js';

const row = (keys: (string | null)[], period: string | null, status: string, raw: string | null, n: number, sw = n, sw2 = n): StatRow => ({ keys, period, status, raw, n, sw, sw2 });
const meta = { source: ['t'], question: { id: 'nps', label: 'nps' }, scale: { min: 0, max: 10 }, by: ['region'], dateColumn: 'd' };

describe('scoreFromRows', () => {
  const rows: StatRow[] = [
    row(['East'], '2026-W01', 'kept', '10', 3),
    row(['East'], '2026-W01', 'kept', '9 - very likely', 2), // read by the value reader, as in a local run
    row(['East'], '2026-W02', 'kept', '7', 2),
    row(['East'], null, 'kept', '3', 1), // no date: in overall and East, in no period
    row(['West'], '2026-W02', 'kept', '2', 2),
    row(['West'], '2026-W02', 'kept', null, 3),
    row(['West'], '2026-W02', 'kept', 'N/A', 1), // "not applicable": missing
    row(['West'], '2026-W02', 'kept', 'soon', 1, 1, 1),
    row(['West'], '2026-W01', 'kept', '11', 1, 1, 1),
    row([null], null, 'filtered', null, 5),
  ];
  const r = scoreFromRows(rows, { metric: 'nps', by: ['region'], period: 'week', allowUnreadable: true }, meta);
  it('the 5% rule of the accounting: 1 unreadable of 12 answers (8.3%) is exit 2 without --allow-unreadable', () => {
    expect(() => scoreFromRows(rows, { metric: 'nps', by: ['region'], period: 'week' }, meta)).toThrow(/1 of 12 answers \(8\.3%\)/);
  });
  it('overall: 5 promoters, 2 passives, 3 detractors of 10 → NPS 20', () => {
    expect(r.overall).toMatchObject({ n: 10, promoters: 5, passives: 2, detractors: 3 });
    expect((r.overall as { nps: number }).nps).toBeCloseTo(20, 12);
  });
  it('accounting: rows, --where, missing, excluded and no-date answers', () => {
    expect(r.rows).toBe(21); // 3+2+2+1+2+3+1+1+1+5
    expect(r.rowsFiltered).toBe(16);
    expect(r.missing).toBe(4);
    expect(r.exclusions).toMatchObject({ notNumeric: 1, outOfScale: 1, badWeight: 0, examples: ['soon', '11'] });
    expect(r.excluded).toBe(2);
    expect(r.noDate).toBe(1);
  });
  it('segments and periods: East 8 answers (5 P, 2 pass, 1 D → 50), West 2 detractors (−100)', () => {
    expect(r.groups!.map((g) => [g.key.region, g.n, (g as unknown as { nps: number }).nps])).toEqual([
      ['East', 8, 50],
      ['West', 2, -100],
    ]);
    expect(r.periods!.map((p) => [p.period, p.n])).toEqual([
      ['2026-W01', 5],
      ['2026-W02', 4],
    ]);
    // West has rows in W01 (one off-scale answer) but no valid answer there: no W01 row for West.
    expect(r.groups![1]!.periods!.map((p) => p.period)).toEqual(['2026-W02']);
  });
  it('weighted: the score uses Σw per answer and Kish n_eff = (Σw)²/Σw²', () => {
    const w = scoreFromRows(
      [row([], null, 'kept', '10', 2, 3, 5), row([], null, 'kept', '0', 2, 1, 0.5), row([], null, 'bad_weight', '5', 1, 0, 0)],
      { metric: 'nps', weight: 'w' },
      { ...meta, by: [], weightId: 'w' },
    );
    // promoters Σw 3, detractors Σw 1, total 4 → (3 − 1)/4 = 50
    expect((w.overall as { nps: number }).nps).toBeCloseTo(50, 12);
    expect(w.seMethod).toMatch(/Kish/);
    expect(w.exclusions.badWeight).toBe(1);
  });
});

describe('statRowsFromRecords', () => {
  it('matches column names case-insensitively (Snowflake upper-cases them) and reads numbers from text', () => {
    const rows = statRowsFromRecords([{ REGION: 'East', CX_PERIOD: '', CX_STATUS: 'kept', CX_RAW: '9', CX_N: '4', CX_SW: '4', CX_SW2: '4' }], ['region'], 'f.csv');
    expect(rows).toEqual([{ keys: ['East'], period: null, status: 'kept', raw: '9', n: 4, sw: 4, sw2: 4 }]);
  });
  it('names the missing column', () => {
    expect(() => statRowsFromRecords([{ cx_status: 'ok' }], ['region'], 'f.csv')).toThrow(/no column region/);
  });
});
