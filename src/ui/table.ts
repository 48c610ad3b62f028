import type TableCtor from 'cli-table3';
import { lazyRequire } from '../lazy-require.js';
import { colorEnabled, paint } from './color.js';

export type Align = 'left' | 'right' | 'center';

/** A plain terminal table; no colour or box styling codes when not a TTY. */
export function renderTable(head: string[], rows: (string | number)[][], align?: Align[]): string {
  const color = colorEnabled();
  // cli-table3 is loaded on first use so that `cx --help` does not pay for it.
  const Table = lazyRequire<typeof TableCtor>('cli-table3');
  const t = new Table({
    head: head.map((h) => (color ? paint('bold', h) : h)),
    style: { head: [], border: [], compact: true },
    colAligns: align,
    wordWrap: false,
  });
  for (const r of rows) t.push(r.map((c) => (typeof c === 'number' ? String(c) : c)));
  return t.toString();
}

/** Display rounding only (JSON keeps full precision). */
export function fmt(n: number | null | undefined, digits = 1): string {
  if (n == null || Number.isNaN(n)) return '–';
  return n.toFixed(digits);
}
