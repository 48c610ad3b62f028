// Report windows: `--period last-week|last-month|last-quarter|2026-W47|2026-Q3|2026-03|all` → the
// reporting window and its comparison window (the one just before, same kind). "last-*" is relative to
// the latest response date in the data (not the clock), so the same data always gives the same report:
// it is the latest COMPLETE week/month/quarter, i.e. the latest one whose last day is on or before the
// latest response date. Dates are plain calendar days `YYYY-MM-DD` (the export's own time zone).
import { inputError } from '../ui/errors.js';
import type { DateWindow } from './model.js';

const DAY = 86_400_000;

/** Days since 1970-01-01 for a `YYYY-MM-DD` (or longer ISO) string; NaN when not a date. */
export function dayNumber(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return NaN;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Math.floor(t / DAY);
}

export function isoDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** ISO weekday, Monday = 1 … Sunday = 7. */
function weekday(day: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** ISO-8601 week of a day: the year is the one of that week's Thursday. */
export function isoWeekOf(day: number): { year: number; week: number } {
  const thursday = day - weekday(day) + 4;
  const year = new Date(thursday * DAY).getUTCFullYear();
  const jan1 = Math.floor(Date.UTC(year, 0, 1) / DAY);
  return { year, week: Math.floor((thursday - jan1) / 7) + 1 };
}

/** Monday of ISO week `week` of `year`. */
export function isoWeekStart(year: number, week: number): number {
  const jan4 = Math.floor(Date.UTC(year, 0, 4) / DAY);
  return jan4 - (weekday(jan4) - 1) + (week - 1) * 7;
}

function weeksInYear(year: number): number {
  return isoWeekOf(Math.floor(Date.UTC(year, 11, 28) / DAY)).week;
}

const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));

export function weekWindow(year: number, week: number): DateWindow {
  const s = isoWeekStart(year, week);
  return { label: `${year}-W${p2(week)}`, kind: 'week', start: isoDay(s), end: isoDay(s + 6) };
}

export function monthWindow(year: number, month: number): DateWindow {
  const s = Math.floor(Date.UTC(year, month - 1, 1) / DAY);
  const e = Math.floor(Date.UTC(year, month, 1) / DAY) - 1;
  return { label: `${year}-${p2(month)}`, kind: 'month', start: isoDay(s), end: isoDay(e) };
}

export function quarterWindow(year: number, q: number): DateWindow {
  const s = Math.floor(Date.UTC(year, (q - 1) * 3, 1) / DAY);
  const e = Math.floor(Date.UTC(year, q * 3, 1) / DAY) - 1;
  return { label: `${year}-Q${q}`, kind: 'quarter', start: isoDay(s), end: isoDay(e) };
}

/** The window of the same kind that contains `day`. */
export function windowContaining(kind: 'week' | 'month' | 'quarter', day: number): DateWindow {
  const d = new Date(day * DAY);
  if (kind === 'week') {
    const w = isoWeekOf(day);
    return weekWindow(w.year, w.week);
  }
  if (kind === 'month') return monthWindow(d.getUTCFullYear(), d.getUTCMonth() + 1);
  return quarterWindow(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) + 1);
}

/** The window of the same kind just before `w`. */
export function previousWindow(w: DateWindow): DateWindow {
  if (w.kind === 'all') throw new Error('previousWindow: no previous window for "all"');
  return windowContaining(w.kind, dayNumber(w.start) - 1);
}

export interface PeriodWindows {
  period: DateWindow;
  comparison?: DateWindow;
}

const PERIOD_HELP = 'last-week, last-month, last-quarter, all, 2026-W47, 2026-Q3 or 2026-03';

/**
 * Resolves a period spec against the data's date range. `latest` and `first` are `YYYY-MM-DD` (the latest
 * and earliest response dates). Bad specs are exit 2.
 */
export function resolvePeriod(spec: string, latest: string, first?: string): PeriodWindows {
  const s = spec.trim().toLowerCase();
  const bad = () =>
    inputError(
      `--period "${spec}" is not a period; use ${PERIOD_HELP}.`,
      `--period "${spec}" 不是有效的时间段；可用 ${PERIOD_HELP}。`,
    );
  let period: DateWindow;
  if (s === 'all') {
    return { period: { label: 'all', kind: 'all', start: first ?? latest, end: latest } };
  } else if (s === 'last-week' || s === 'last-month' || s === 'last-quarter') {
    const kind = s.slice(5) as 'week' | 'month' | 'quarter';
    const last = dayNumber(latest);
    const w = windowContaining(kind, last);
    period = dayNumber(w.end) <= last ? w : previousWindow(w);
  } else {
    let m: RegExpExecArray | null;
    if ((m = /^(\d{4})-w(\d{1,2})$/.exec(s))) {
      const y = Number(m[1]);
      const wk = Number(m[2]);
      if (wk < 1 || wk > weeksInYear(y))
        throw inputError(
          `--period "${spec}": ${y} has weeks 1 to ${weeksInYear(y)}; use ${PERIOD_HELP}.`,
          `--period "${spec}"：${y} 年只有第 1 至 ${weeksInYear(y)} 周；可用 ${PERIOD_HELP}。`,
        );
      period = weekWindow(y, wk);
    } else if ((m = /^(\d{4})-q([1-4])$/.exec(s))) period = quarterWindow(Number(m[1]), Number(m[2]));
    else if ((m = /^(\d{4})-(\d{2})$/.exec(s)) && Number(m[2]) >= 1 && Number(m[2]) <= 12)
      period = monthWindow(Number(m[1]), Number(m[2]));
    else throw bad();
  }
  return { period, comparison: previousWindow(period) };
}

/** The trend's grain and the windows it shows, ending with the reporting window. */
export function trendWindows(w: DateWindow, first: string): { grain: 'week' | 'month' | 'quarter'; windows: DateWindow[] } {
  const grain = w.kind === 'week' ? 'week' : w.kind === 'month' ? 'month' : 'month';
  const count = w.kind === 'week' ? 8 : w.kind === 'month' ? 6 : 12;
  const firstDay = dayNumber(first);
  const out: DateWindow[] = [];
  let cur = windowContaining(grain, dayNumber(w.end));
  while (out.length < (w.kind === 'all' ? 36 : count)) {
    out.unshift(cur);
    if (dayNumber(cur.start) <= firstDay) break;
    cur = previousWindow(cur);
  }
  return { grain, windows: out };
}

/** Is `isoDate` (YYYY-MM-DD…) inside the window (inclusive)? Plain string comparison on the date part. */
export function inWindow(isoDate: string, w: DateWindow): boolean {
  const d = isoDate.slice(0, 10);
  return d >= w.start && d <= w.end;
}
