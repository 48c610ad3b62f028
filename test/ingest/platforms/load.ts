// Test helper: read a fixture through the project's reader and recognise it.
import { readTable } from '../../../src/ingest/read/index.js';
import { recognise } from '../../../src/ingest/recognise.js';
import type { Column, Survey } from '../../../src/dataset/types.js';

export async function load(file: string, opts: { platform?: string; includePreview?: boolean } = {}) {
  const table = await readTable(file);
  return { table, ...recognise(table, { ...opts, file }) };
}

export function nums(s: Survey, id: string): number[] {
  const c = s.columns.get(id);
  if (!c) throw new Error(`no column ${id}`);
  return c.kind === 'num' ? Array.from(c.values) : c.values.map((v) => (v === null ? NaN : Number(v)));
}

export function strs(s: Survey, id: string): (string | null)[] {
  const c: Column | undefined = s.columns.get(id);
  if (!c) throw new Error(`no column ${id}`);
  return c.kind === 'str' ? c.values : Array.from(c.values, (v) => (Number.isNaN(v) ? null : String(v)));
}

export function q(s: Survey, id: string) {
  const found = s.questions.find((x) => x.id === id);
  if (!found) throw new Error(`no question ${id}; have ${s.questions.map((x) => x.id).join(', ')}`);
  return found;
}
