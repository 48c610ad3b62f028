// Summary of coded comments: counts and % of respondents with a comment per code and net, per-code
// sentiment, and a --by breakdown with pairwise column-proportion tests.
import { columnProportionTests, columnLetter } from '../../metrics/crosstab.js';
import type { CompiledCodeframe } from './compile.js';
import type { Polarity } from './types.js';

/** The part of a coded comment the summary needs (see CodedComment in src/text/code.ts). */
export interface CodedRow {
  codes: number[];
  empty: boolean;
  codeScores?: number[];
}

export interface CodeSentiment {
  positive: number;
  neutral: number;
  negative: number;
  /** Mean sentiment score of the sentences where the code matched, in [-1, 1]. */
  meanScore: number;
}

export interface CodeSummaryRow {
  id: number;
  name: string;
  parent: number | null;
  net: boolean;
  fallback: boolean;
  /** Nesting depth (0 = top level). */
  level: number;
  polarity: Polarity | null;
  owner: string | null;
  description: string | null;
  /** Respondents (non-empty comments) the code applies to; a net counts a respondent once. */
  count: number;
  /** count / base × 100. */
  pct: number;
  sentiment?: CodeSentiment;
}

export interface ByBreakdown {
  column: string;
  groups: { key: string; letter: string; base: number }[];
  codes: { id: number; name: string; counts: number[]; pcts: number[]; letters: string[] }[];
  alpha: number;
  bonferroni: boolean;
  /** Non-empty comments without a group value (left out of the breakdown). */
  missing: number;
}

function levels(cf: CompiledCodeframe): Map<number, number> {
  const out = new Map<number, number>();
  for (const c of cf.codes) {
    let d = 0;
    for (let p = c.parent; p !== undefined && d < 50; p = cf.byId.get(p)?.parent) d++;
    out.set(c.id, d);
  }
  return out;
}

export function summarizeCodes(cf: CompiledCodeframe, rows: readonly CodedRow[], base: number): CodeSummaryRow[] {
  const nc = cf.codes.length;
  const count = new Int32Array(nc);
  const pos = new Int32Array(nc);
  const neu = new Int32Array(nc);
  const neg = new Int32Array(nc);
  const sum = new Float64Array(nc);
  let scored = false;
  for (const r of rows) {
    if (r.empty) continue;
    r.codes.forEach((k, j) => {
      count[k]!++;
      const s = r.codeScores?.[j];
      if (s !== undefined && Number.isFinite(s)) {
        scored = true;
        sum[k]! += s;
        if (s > 0) pos[k]!++;
        else if (s < 0) neg[k]!++;
        else neu[k]!++;
      }
    });
  }
  const lv = levels(cf);
  // A code without an owner is followed up by its net's owner.
  const ownerOf = (id: number | undefined): string | null => {
    for (let d = 0; id !== undefined && d < 50; d++) {
      const c = cf.byId.get(id);
      if (!c) return null;
      if (c.def.owner) return c.def.owner;
      id = c.parent;
    }
    return null;
  };
  return cf.codes.map((c, k) => {
    const row: CodeSummaryRow = {
      id: c.id, name: c.name, parent: c.parent ?? null, net: c.net, fallback: c.fallback, level: lv.get(c.id) ?? 0,
      polarity: c.def.sentiment ?? null, owner: ownerOf(c.id), description: c.def.description ?? null,
      count: count[k]!, pct: base ? (100 * count[k]!) / base : NaN,
    };
    if (scored) {
      const n = pos[k]! + neu[k]! + neg[k]!;
      row.sentiment = { positive: pos[k]!, neutral: neu[k]!, negative: neg[k]!, meanScore: n ? sum[k]! / n : NaN };
    }
    return row;
  });
}

export function byBreakdown(
  cf: CompiledCodeframe,
  rows: readonly CodedRow[],
  groups: { column: string; values: (string | null)[]; order?: string[] },
): ByBreakdown {
  const present = new Map<string, number>();
  let missing = 0;
  rows.forEach((r, i) => {
    if (r.empty) return;
    const g = groups.values[i];
    if (g == null) { missing++; return; }
    present.set(g, (present.get(g) ?? 0) + 1);
  });
  const keys = groups.order
    ? groups.order.filter((k) => present.has(k))
    : [...present.keys()].sort((a, b) => a.localeCompare(b, 'zh-CN', { numeric: true }));
  const gi = new Map(keys.map((k, j) => [k, j]));
  const nc = cf.codes.length;
  const counts = Array.from({ length: nc }, () => new Array<number>(keys.length).fill(0));
  rows.forEach((r, i) => {
    if (r.empty) return;
    const g = groups.values[i];
    const j = g == null ? undefined : gi.get(g);
    if (j === undefined) return;
    for (const k of r.codes) counts[k]![j]!++;
  });
  const totals = keys.map((k) => present.get(k)!);
  const tests = columnProportionTests(counts, totals);
  return {
    column: groups.column,
    groups: keys.map((key, j) => ({ key, letter: columnLetter(j), base: totals[j]! })),
    codes: cf.codes.map((c, k) => ({
      id: c.id,
      name: c.name,
      counts: counts[k]!,
      pcts: counts[k]!.map((x, j) => (totals[j] ? (100 * x) / totals[j]! : NaN)),
      letters: tests.letters[k]!,
    })),
    alpha: tests.alpha,
    bonferroni: tests.bonferroni,
    missing,
  };
}
