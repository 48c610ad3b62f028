// ISO-8601 weeks checked by hand against the rule "a week (Mon–Sun) belongs to the year of its Thursday".
import { describe, expect, it } from 'vitest';
import { columnDays, dayNumber, dayToPeriod, isoWeekOfDay, parseDay, periodCodes, periodKey } from '../../src/dataset/period.js';

describe('ISO weeks', () => {
  it.each([
    // 2026-01-01 is a Thursday → week 1 of 2026 (Mon 2025-12-29 … Sun 2026-01-04).
    ['2026-01-01', '2026-W01'],
    ['2025-12-29', '2026-W01'],
    ['2026-01-04', '2026-W01'],
    ['2026-01-05', '2026-W02'],
    // 2027-01-01 is a Friday: its week's Thursday is 2026-12-31 → 2026-W53 (2026 starts on a Thursday, so it has 53 weeks).
    ['2027-01-01', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
    // 2020-12-31 is a Thursday → 2020-W53 (2020 is a leap year starting on a Wednesday); 2021-01-03 (Sunday) too.
    ['2020-12-31', '2020-W53'],
    ['2021-01-03', '2020-W53'],
    ['2021-01-04', '2021-W01'],
    // 2024-12-30 is a Monday whose Thursday is 2025-01-02 → 2025-W01.
    ['2024-12-30', '2025-W01'],
    // 2026-01-14 (Wednesday) → Thursday 2026-01-15 is day 15: week floor(14/7)+1 = 3.
    ['2026-01-14', '2026-W03'],
  ])('%s → %s', (d, w) => expect(periodKey(d, 'week')).toBe(w));
  it('isoWeekOfDay on day 0 (1970-01-01, a Thursday) is 1970-W01', () => {
    expect(isoWeekOfDay(0)).toEqual({ year: 1970, week: 1 });
  });
});

describe('months, quarters, days', () => {
  it('labels', () => {
    const d = dayNumber(2026, 3, 5);
    expect(dayToPeriod(d, 'day')).toBe('2026-03-05');
    expect(dayToPeriod(d, 'month')).toBe('2026-03');
    expect(dayToPeriod(d, 'quarter')).toBe('2026-Q1');
    expect(periodKey('2026-10-01', 'quarter')).toBe('2026-Q4');
    expect(periodKey('2026-06-30', 'quarter')).toBe('2026-Q2');
  });
});

describe('date formats', () => {
  const day = (y: number, m: number, d: number) => dayNumber(y, m, d);
  it.each([
    ['2026-01-05', day(2026, 1, 5)],
    ['2026-01-05T23:30:00Z', day(2026, 1, 5)], // wall clock: the offset is not applied
    ['2026/1/5 10:58:38 pm GMT+8', day(2026, 1, 5)], // Google Forms
    ['2026年1月5日 10:00', day(2026, 1, 5)],
    ['1/5/2026 10:00 AM', day(2026, 1, 5)], // US M/D/Y by default
    ['25/12/2026', day(2026, 12, 25)], // first field > 12 → day-first
    ['05.01.2026', day(2026, 1, 5)], // dotted → day-first
    ['5 Jan 2026', day(2026, 1, 5)],
    ['Jan 5, 2026', day(2026, 1, 5)],
    ['46027', day(2026, 1, 5)], // Excel serial: 2026-01-05 is 46027 days after 1899-12-30
    ['2026-02-30', NaN],
    ['soon', NaN],
  ])('%s', (s, d) => expect(parseDay(s)).toBe(d));
  it('a string column with day-first dates is detected as such', () => {
    const days = columnDays({ kind: 'str', values: ['03/04/2026', '13/04/2026', null] });
    expect(days[0]).toBe(day(2026, 4, 3));
    expect(days[1]).toBe(day(2026, 4, 13));
    expect(days[2]).toBeNaN();
  });
  it('numeric columns: Excel serials (with time) and YYYYMMDD', () => {
    const days = columnDays({ kind: 'num', values: Float64Array.from([46027.75, 20260105, NaN]) });
    expect(days[0]).toBe(day(2026, 1, 5));
    expect(days[1]).toBe(day(2026, 1, 5));
    expect(days[2]).toBeNaN();
  });
  it('periodCodes sorts periods chronologically and marks missing dates −1', () => {
    const days = Float64Array.from([day(2026, 2, 1), day(2025, 12, 31), NaN, day(2026, 2, 20)]);
    const p = periodCodes(days, 'month');
    expect(p.labels).toEqual(['2025-12', '2026-02']);
    expect(Array.from(p.codes)).toEqual([1, 0, -1, 1]);
  });
});
