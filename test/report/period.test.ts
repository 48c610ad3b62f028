// Windows checked by hand against a calendar: 2026-01-01 is a Thursday, so ISO 2026-W01 starts Monday
// 2025-12-29 and 2026 has 53 ISO weeks (it starts on a Thursday); 2025 starts on a Wednesday and is not a
// leap year, so it has 52; 2020 (leap, starts Wednesday) has 53.
import { describe, expect, it } from 'vitest';
import { isoWeekOf, resolvePeriod, trendWindows, dayNumber } from '../../src/report/period-window.js';
import { CxError } from '../../src/ui/errors.js';

const w = (start: string, end: string) => ({ start, end });
const pick = (x: { start: string; end: string; label: string }) => ({ label: x.label, start: x.start, end: x.end });

describe('resolvePeriod', () => {
  it('2026-W47 is Mon 16 Nov to Sun 22 Nov 2026, compared with W46 (9–15 Nov)', () => {
    // W01 Monday = 2025-12-29; + 46 weeks = 322 days = day-of-year 320 of 2026 = 16 November.
    const r = resolvePeriod('2026-W47', '2026-11-23');
    expect(pick(r.period)).toEqual({ label: '2026-W47', ...w('2026-11-16', '2026-11-22') });
    expect(pick(r.comparison!)).toEqual({ label: '2026-W46', ...w('2026-11-09', '2026-11-15') });
  });

  it('week 1 crosses the year; its comparison is the last week of the previous ISO year', () => {
    const r = resolvePeriod('2026-w01', '2026-02-01');
    expect(pick(r.period)).toEqual({ label: '2026-W01', ...w('2025-12-29', '2026-01-04') });
    expect(pick(r.comparison!)).toEqual({ label: '2025-W52', ...w('2025-12-22', '2025-12-28') });
    expect(pick(resolvePeriod('2021-W01', '2021-02-01').comparison!)).toEqual({ label: '2020-W53', ...w('2020-12-28', '2021-01-03') });
  });

  it('week 53 exists in 2026 but not in 2025', () => {
    expect(pick(resolvePeriod('2026-W53', '2027-01-10').period)).toEqual({ label: '2026-W53', ...w('2026-12-28', '2027-01-03') });
    expect(() => resolvePeriod('2025-W53', '2026-01-10')).toThrow(/2025 has weeks 1 to 52/);
  });

  it('quarters and months, with leap February', () => {
    const q = resolvePeriod('2026-Q3', '2026-11-22');
    expect(pick(q.period)).toEqual({ label: '2026-Q3', ...w('2026-07-01', '2026-09-30') });
    expect(pick(q.comparison!)).toEqual({ label: '2026-Q2', ...w('2026-04-01', '2026-06-30') });
    expect(pick(resolvePeriod('2026-Q1', '2026-11-22').comparison!)).toEqual({ label: '2025-Q4', ...w('2025-10-01', '2025-12-31') });
    const m = resolvePeriod('2024-03', '2024-05-01');
    expect(pick(m.period)).toEqual({ label: '2024-03', ...w('2024-03-01', '2024-03-31') });
    expect(pick(m.comparison!)).toEqual({ label: '2024-02', ...w('2024-02-01', '2024-02-29') });
    expect(pick(resolvePeriod('2026-01', '2026-05-01').comparison!)).toEqual({ label: '2025-12', ...w('2025-12-01', '2025-12-31') });
  });

  it('last-week is the latest complete ISO week before the latest response date', () => {
    // 2026-11-22 is a Sunday: W47 is complete.
    expect(resolvePeriod('last-week', '2026-11-22').period.label).toBe('2026-W47');
    // Saturday 21 Nov: W47 is not complete yet → W46.
    expect(resolvePeriod('last-week', '2026-11-21').period.label).toBe('2026-W46');
    // Monday 23 Nov (W48 just started) → W47.
    expect(resolvePeriod('last-week', '2026-11-23T08:00:00').period.label).toBe('2026-W47');
  });

  it('last-month and last-quarter', () => {
    expect(resolvePeriod('last-month', '2026-03-31').period.label).toBe('2026-03');
    expect(resolvePeriod('last-month', '2026-03-30').period.label).toBe('2026-02');
    expect(resolvePeriod('last-quarter', '2026-11-22').period.label).toBe('2026-Q3');
    expect(resolvePeriod('last-quarter', '2026-09-30').period.label).toBe('2026-Q3');
    expect(resolvePeriod('last-quarter', '2026-01-15').period.label).toBe('2025-Q4');
  });

  it('all: the whole data range, no comparison', () => {
    const r = resolvePeriod('all', '2026-03-04', '2025-01-02');
    expect(pick(r.period)).toEqual({ label: 'all', ...w('2025-01-02', '2026-03-04') });
    expect(r.comparison).toBeUndefined();
  });

  it('bad specs are exit 2 with the accepted forms', () => {
    for (const s of ['yesterday', '2026-13', '2026-Q5', '2026-W00', '26-W01']) {
      try {
        resolvePeriod(s, '2026-03-04');
        expect.unreachable(s);
      } catch (e) {
        expect((e as CxError).exitCode).toBe(2);
        expect((e as CxError).message).toContain(`"${s}"`);
      }
    }
  });
});

describe('ISO week helpers and trend windows', () => {
  it('isoWeekOf matches known dates', () => {
    expect(isoWeekOf(dayNumber('2026-11-23'))).toEqual({ year: 2026, week: 48 });
    expect(isoWeekOf(dayNumber('2027-01-03'))).toEqual({ year: 2026, week: 53 });
    expect(isoWeekOf(dayNumber('2025-12-29'))).toEqual({ year: 2026, week: 1 });
    expect(isoWeekOf(dayNumber('2008-12-29'))).toEqual({ year: 2009, week: 1 });
  });

  it('weekly trend: 8 weeks ending with the period, cut at the first response', () => {
    const t = trendWindows(resolvePeriod('2026-W47', '2026-11-23').period, '2026-01-01');
    expect(t.grain).toBe('week');
    expect(t.windows.map((x) => x.label)).toEqual(['2026-W40', '2026-W41', '2026-W42', '2026-W43', '2026-W44', '2026-W45', '2026-W46', '2026-W47']);
    const short = trendWindows(resolvePeriod('2026-W47', '2026-11-23').period, '2026-11-10');
    expect(short.windows.map((x) => x.label)).toEqual(['2026-W46', '2026-W47']);
  });

  it('quarterly trend is monthly over 12 months', () => {
    const t = trendWindows(resolvePeriod('2026-Q3', '2026-11-23').period, '2020-01-01');
    expect(t.grain).toBe('month');
    expect(t.windows[0]!.label).toBe('2025-10');
    expect(t.windows.at(-1)!.label).toBe('2026-09');
    expect(t.windows).toHaveLength(12);
  });
});
