import Table from 'cli-table3';
import { colorEnabled, paint } from './color.js';

export type Align = 'left' | 'right' | 'center';

/** A plain terminal table; no colour or box styling codes when not a TTY. */
export function renderTable(head: string[], rows: (string | number)[][], align?: Align[]): string {
  const color = colorEnabled();
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
