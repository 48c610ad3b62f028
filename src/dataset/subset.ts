// The rows of a survey that match a mask (--where), as a survey of their own: for commands whose statistics
// loop over every row (SERVQUAL), so that filtered rows are neither analysed nor counted as excluded.
import type { Column, Survey } from './types.js';

export function subsetSurvey(s: Survey, mask: Uint8Array): Survey {
  const keep: number[] = [];
  for (let i = 0; i < s.nRows; i++) if (mask[i]) keep.push(i);
  const columns = new Map<string, Column>();
  for (const [id, c] of s.columns) {
    if (c.kind === 'num') columns.set(id, { kind: 'num', values: Float64Array.from(keep, (i) => c.values[i]!) });
    else columns.set(id, { kind: 'str', values: keep.map((i) => c.values[i] ?? null), ...(c.epochMs ? { epochMs: Float64Array.from(keep, (i) => c.epochMs![i]!) } : {}) });
  }
  return { ...s, columns, nRows: keep.length };
}
