// Writes discovered themes as a draft codeframe in the YAML format of TEXT.md §5.3 (read by cx code),
// with counts and example comments as YAML comments.
import type { ThemesResult } from './themes.js';

/** A YAML scalar: JSON double-quoted strings are valid YAML and never change type (yes, no, 1.0 …). */
const q = (s: string) => JSON.stringify(s);
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

export interface ThemesYamlOptions {
  /** Input file name, for the header comment. */
  source: string;
  /** Text column. */
  column: string;
  /** Date stamp (YYYY-MM-DD) used for the version; defaults to today. */
  date?: string;
}

export function themesToYaml(r: ThemesResult, o: ThemesYamlOptions): string {
  const date = o.date ?? new Date().toISOString().slice(0, 10);
  const langs = new Set<string>();
  for (const t of r.themes) for (const term of t.terms) langs.add(/[\u3400-\u9fff]/.test(term.term) ? 'zh' : 'en');
  const L: string[] = [];
  L.push(`# Draft codeframe suggested by "cx themes" from ${oneLine(o.source)}, column ${oneLine(o.column)}: ${r.n} comments, ${date}.`);
  L.push('# Keywords were ranked by TF-IDF and grouped by co-occurrence. Review before use: rename codes, merge or split');
  L.push('# them, move terms, add exclusions (none: [...]); then run: cx code <input> --codeframe <this file>');
  L.push('# 由 "cx themes" 自动生成的编码框架草稿：请先审阅（重命名、合并或拆分编码、调整关键词）后再用于 cx code。');
  L.push(`codeframe: ${q('Draft themes ' + date)}`);
  L.push(`version: ${q('draft-' + date)}`);
  L.push(`languages: [${[...langs].sort().reverse().join(', ') || 'zh, en'}]`);
  L.push('codes:');
  const merged = r.themes.filter((t) => t.mergeInto);
  r.themes.filter((t) => !t.mergeInto).forEach((t, i) => {
    L.push(`  # ${t.count} comments (${t.pct.toFixed(1)}%): ${t.terms.map((x) => `${oneLine(x.term)} ${x.count}`).join(', ')}`);
    for (const e of t.examples) L.push(`  #   e.g. ${oneLine(e)}`);
    L.push(`  - id: ${i + 1}`);
    L.push(`    name: ${q(t.name)}`);
    L.push(`    any: [${t.terms.map((x) => q(x.term)).join(', ')}]`);
  });
  for (const t of merged) {
    const m = t.mergeInto!;
    L.push(`  # Already covered by code ${m.id} "${oneLine(m.name)}" (${(100 * m.share).toFixed(0)}% of its ${t.count} comments): consider adding ${t.terms.map((x) => q(x.term)).join(', ')} to that code.`);
    for (const e of t.examples) L.push(`  #   e.g. ${oneLine(e)}`);
  }
  if (r.other.length) L.push(`  # Frequent terms not placed in a theme: ${r.other.slice(0, 20).map((x) => `${oneLine(x.term)} ${x.count}`).join(', ')}`);
  L.push('  - id: 999');
  L.push(`    name: ${q('其他 Other')}`);
  L.push('    fallback: true');
  return L.join('\n') + '\n';
}
