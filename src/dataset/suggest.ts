// "Did you mean …": the closest names to a mistyped metric, column id or label. Pure.

/** Edit distance with adjacent transpositions (optimal string alignment; small strings only). */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  if (m === 0) return n;
  if (n === 0) return m;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/[\s_\-.]+/g, ' ');

/**
 * Candidates close to `name`, best first (at most `max`): same text ignoring case, width and separators; then a
 * small edit distance (≤ 1 for short names, ≤ 2 from 5 characters, ≤ a third of the length); then containment.
 */
export function suggestions(name: string, candidates: string[], max = 3): string[] {
  const t = norm(name);
  if (t === '') return [];
  const scored: { c: string; d: number }[] = [];
  for (const c of new Set(candidates)) {
    const u = norm(c);
    if (u === '') continue;
    let d: number;
    if (u === t) d = 0;
    else if (Math.abs(u.length - t.length) <= Math.max(2, Math.floor(t.length / 3))) {
      const e = editDistance(t, u);
      const limit = t.length <= 4 ? 1 : Math.max(2, Math.floor(t.length / 3));
      d = e <= limit ? e : Infinity;
    } else d = Infinity;
    if (d === Infinity && t.length >= 2 && (u.includes(t) || (t.includes(u) && u.length >= 2))) d = 10 + Math.abs(u.length - t.length) / 100;
    if (d !== Infinity) scored.push({ c, d });
  }
  return scored.sort((a, b) => a.d - b.d).slice(0, max).map((x) => x.c);
}

/** The single closest candidate, or undefined. */
export function closest(name: string, candidates: string[]): string | undefined {
  return suggestions(name, candidates, 1)[0];
}
