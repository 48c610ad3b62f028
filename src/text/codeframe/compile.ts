// Validate a codeframe and compile it once into term tables and code expressions for the matcher.
import { normalizeText } from '../normalize.js';
import { segmentSpans } from '../segment.js';
import { isNegator } from './negation.js';
import { parseQuery, parseTermEntry, walkQuery, QuerySyntaxError, type Query, type Term } from './query.js';
import { stem } from './stem.js';
import { UserRegex } from '../user-regex.js';
import type { CodeDef, CodeframeDef, CodeframeIssue, NegationMode, Scope } from './types.js';

/** How a term is looked up in a prepared comment. */
export type TermMode =
  | 'stems' //    Latin bare words: consecutive word tokens whose stems equal `stems`
  | 'latinWild' // Latin wildcard words: consecutive word tokens matching `wild`
  | 'boundary' // Han (or mixed) bare term: substring starting and ending on token boundaries
  | 'substring' // quoted phrase: substring (Latin edges must be word edges)
  | 'regex'; //   /regex/ or a Han wildcard: regex over the normalised text

export interface CTerm {
  idx: number;
  mode: TermMode;
  /** The term as written (for messages). */
  src: string;
  /** Normalised text for boundary/substring. */
  text: string;
  stems?: string[];
  wild?: RegExp[];
  re?: RegExp | UserRegex;
  /** Regex occurrences must start on a token boundary (Han wildcard). */
  startOnBoundary?: boolean;
  /** The term itself starts with a negator (不好吃, "not late"): no negation check. */
  selfNeg: boolean;
}

export type CExpr =
  | { t: 'term'; idx: number }
  | { t: 'ref'; id: number }
  | { t: 'and' | 'or'; items: CExpr[] }
  | { t: 'not'; a: CExpr; b: CExpr }
  | { t: 'near'; a: CExpr; b: CExpr; n: number; ordered: boolean };

export interface CCode {
  id: number;
  name: string;
  parent?: number;
  net: boolean;
  fallback: boolean;
  children: number[];
  pos: CExpr | null;
  /** Aspect terms (OR) and the clause sentiment they need ('any' = none needed). */
  aspect: CExpr | null;
  aspectPolarity: 'positive' | 'negative' | 'neutral' | 'any';
  none: CExpr | null;
  negation: NegationMode;
  scope: Scope;
  /** Terms whose presence can make this code (or a net's descendants) match. */
  triggers: Int32Array;
  def: CodeDef;
}

export interface CompiledCodeframe {
  name: string;
  version?: string;
  file: string;
  terms: CTerm[];
  codes: CCode[];
  byId: Map<number, CCode>;
  /** Codes in evaluation order (referenced codes and children before their users/parents). */
  order: CCode[];
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const LATIN_EDGE = /[\p{L}\p{N}]/u;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function wildToRe(w: string, han: boolean): string {
  let out = '';
  for (const ch of w) {
    if (ch === '*') out += han ? '[^\\s\\p{P}\\p{S}]*' : '[\\p{L}\\p{N}\'.\\-]*';
    else if (ch === '?') out += han ? '[^\\s\\p{P}\\p{S}]' : '[\\p{L}\\p{N}]';
    else out += escapeRe(ch);
  }
  return out;
}

class TermTable {
  readonly terms: CTerm[] = [];
  private readonly byKey = new Map<string, number>();

  /** Compile a term; throws Error with a readable message on a bad regex or empty term. */
  add(term: Term): number {
    const key = `${term.kind}\u0000${term.text}\u0000${term.flags ?? ''}`;
    const hit = this.byKey.get(key);
    if (hit !== undefined) return hit;
    const idx = this.terms.length;
    const ct = compileTerm(term, idx);
    this.terms.push(ct);
    this.byKey.set(key, idx);
    return idx;
  }
}

function compileTerm(term: Term, idx: number): CTerm {
  const src = term.kind === 'phrase' ? `"${term.text}"` : term.kind === 'regex' ? `/${term.text}/${term.flags ?? ''}` : term.text;
  if (term.kind === 'regex') {
    if (term.text.length === 0) throw new Error('empty regular expression');
    // User regexes run on a linear-time engine (RE2): no catastrophic backtracking on hostile comments.
    let re: UserRegex;
    try {
      re = new UserRegex(term.text, (term.flags ?? '') + 'i');
    } catch (e) {
      throw new Error(`invalid regular expression: ${(e as Error).message}`);
    }
    if (re.test('')) throw new Error('the regular expression matches empty text');
    return { idx, mode: 'regex', src, text: term.text, re, selfNeg: true };
  }
  const text = normalizeText(term.text);
  if (text.replace(/[*?]/g, '').trim().length === 0) throw new Error('empty term');
  const toks = segmentSpans(text.replace(/[*?]/g, 'x')).filter((t) => t.kind !== 2);
  const selfNeg = toks.length > 0 && isNegator(text.slice(toks[0].start, toks[0].end));
  const han = HAN.test(text);
  if (term.kind === 'phrase') return { idx, mode: 'substring', src, text, selfNeg };
  if (term.kind === 'wildcard') {
    if (han) {
      return { idx, mode: 'regex', src, text, re: new RegExp(wildToRe(text, true), 'gu'), startOnBoundary: true, selfNeg };
    }
    const words = text.split(' ').filter(Boolean);
    return { idx, mode: 'latinWild', src, text, wild: words.map((w) => new RegExp('^' + wildToRe(w, false) + '$', 'u')), selfNeg };
  }
  if (han) return { idx, mode: 'boundary', src, text, selfNeg };
  const words = segmentSpans(text).filter((t) => t.kind !== 2).map((t) => t.text);
  if (words.length === 0) return { idx, mode: 'substring', src, text, selfNeg }; // symbols only, e.g. "$$"
  return { idx, mode: 'stems', src, text, stems: words.map(stem), selfNeg };
}

/** Latin word edges for substring matches ("late" must not match inside "latest"). */
export function latinEdgeOk(text: string, start: number, end: number, termText: string): boolean {
  if (LATIN_EDGE.test(termText[0]) && !HAN.test(termText[0]) && start > 0) {
    const p = text[start - 1];
    if (LATIN_EDGE.test(p) && !HAN.test(p)) return false;
  }
  const last = termText[termText.length - 1];
  if (LATIN_EDGE.test(last) && !HAN.test(last) && end < text.length) {
    const n = text[end];
    if (LATIN_EDGE.test(n) && !HAN.test(n)) return false;
  }
  return true;
}

function toExpr(q: Query, terms: TermTable): CExpr {
  switch (q.t) {
    case 'term': return { t: 'term', idx: terms.add(q.term) };
    case 'ref': return { t: 'ref', id: q.id };
    case 'and': case 'or': return { t: q.t, items: q.items.map((x) => toExpr(x, terms)) };
    case 'not': return { t: 'not', a: toExpr(q.a, terms), b: toExpr(q.b, terms) };
    case 'near': return { t: 'near', a: toExpr(q.a, terms), b: toExpr(q.b, terms), n: q.n, ordered: q.ordered };
  }
}

function orOf(items: CExpr[]): CExpr | null {
  if (items.length === 0) return null;
  return items.length === 1 ? items[0] : { t: 'or', items };
}

function refsOf(e: CExpr | null, out: Set<number>): Set<number> {
  if (!e) return out;
  if (e.t === 'ref') out.add(e.id);
  else if (e.t === 'and' || e.t === 'or') for (const x of e.items) refsOf(x, out);
  else if (e.t === 'not' || e.t === 'near') { refsOf(e.a, out); refsOf(e.b, out); }
  return out;
}

function termsOf(e: CExpr | null, out: Set<number>, positiveOnly: boolean): Set<number> {
  if (!e) return out;
  if (e.t === 'term') out.add(e.idx);
  else if (e.t === 'and' || e.t === 'or') for (const x of e.items) termsOf(x, out, positiveOnly);
  else if (e.t === 'near') { termsOf(e.a, out, positiveOnly); termsOf(e.b, out, positiveOnly); }
  else if (e.t === 'not') { termsOf(e.a, out, positiveOnly); if (!positiveOnly) termsOf(e.b, out, positiveOnly); }
  return out;
}

export interface CompileResult {
  codeframe: CompiledCodeframe | null;
  issues: CodeframeIssue[];
}

/** Deepest chain of child codes / @code references a codeframe may have. */
export const MAX_CODE_DEPTH = 64;

/** Validate and compile. Returns every issue found (syntax, unknown @code, cycles, duplicates, empty terms). */
export function compileCodeframe(def: CodeframeDef): CompileResult {
  const issues: CodeframeIssue[] = [];
  const file = def.file;
  const terms = new TermTable();
  const codes: CCode[] = [];
  const byId = new Map<number, CCode>();
  if (def.codes.length === 0) issues.push({ file, line: 1, message: 'the codeframe has no codes' });

  for (const d of def.codes) {
    const prev = byId.get(d.id);
    if (prev) {
      issues.push({ file, line: d.line, codeId: d.id, message: `duplicate code id ${d.id} (first used on line ${prev.def.line})` });
      continue;
    }
    const bad = (term: string | undefined, message: string) => issues.push({ file, line: d.line, codeId: d.id, term, message });
    const termExpr = (entry: string, field: string): CExpr | null => {
      if (entry.trim() === '' || entry.trim() === '""') {
        bad(entry, `empty term in "${field}"`);
        return null;
      }
      try {
        return { t: 'term', idx: terms.add(parseTermEntry(entry)) };
      } catch (e) {
        bad(entry, `${(e as Error).message} in "${field}"`);
        return null;
      }
    };
    const alts: CExpr[] = [];
    const anyItems = d.any.map((x) => termExpr(x, 'any')).filter((x): x is CExpr => x !== null);
    if (anyItems.length) alts.push(orOf(anyItems)!);
    if (d.all.length) {
      const groups = d.all.map((g) => orOf(g.map((x) => termExpr(x, 'all')).filter((x): x is CExpr => x !== null)));
      if (groups.some((g) => g === null)) bad(undefined, 'an "all" group has no terms');
      else alts.push({ t: 'and', items: groups as CExpr[] });
    }
    if (d.query !== undefined) {
      try {
        alts.push(toExpr(parseQuery(d.query), terms));
      } catch (e) {
        if (e instanceof QuerySyntaxError) bad(d.query, `query syntax error at character ${e.pos + 1}: ${e.message}`);
        else bad(d.query, `query: ${(e as Error).message}`);
      }
    }
    const noneItems = d.none.map((x) => termExpr(x, 'none')).filter((x): x is CExpr => x !== null);
    const aspectItems = d.aspect.map((x) => termExpr(x, 'aspect')).filter((x): x is CExpr => x !== null);
    const pol = d.sentiment;
    if (d.aspect.length && pol === 'mixed') bad(undefined, `an aspect code needs sentiment positive, negative, neutral or any (not mixed)`);
    const code: CCode = {
      id: d.id, name: d.name, parent: d.parent, net: d.net, fallback: d.fallback, children: [],
      pos: orOf(alts), aspect: orOf(aspectItems),
      aspectPolarity: pol === 'positive' || pol === 'negative' || pol === 'neutral' ? pol : 'any',
      none: orOf(noneItems), negation: d.negation, scope: d.scope ?? def.scope,
      triggers: new Int32Array(0), def: d,
    };
    if (!code.pos && !code.aspect && !d.net && !d.fallback && d.any.length + d.all.length + d.aspect.length === 0 && d.query === undefined) {
      bad(undefined, `code ${d.id} "${d.name}" has no terms: give it "any", "all", "query" or "aspect", or mark it "net" or "fallback"`);
    }
    codes.push(code);
    byId.set(d.id, code);
  }

  for (const c of codes) {
    if (c.parent !== undefined) {
      const p = byId.get(c.parent);
      if (!p) issues.push({ file, line: c.def.line, codeId: c.id, message: `parent ${c.parent} is not a code id in this codeframe` });
      else { p.children.push(c.id); p.net = true; }
    }
    for (const r of refsOf(c.pos, new Set())) {
      if (!byId.has(r)) issues.push({ file, line: c.def.line, codeId: c.id, term: `@${r}`, message: `@${r} refers to a code that does not exist` });
    }
  }
  for (const c of codes) {
    if (c.net && c.children.length === 0 && !c.pos && !c.aspect) {
      issues.push({ file, line: c.def.line, codeId: c.id, message: `net ${c.id} "${c.name}" has no child codes and no terms` });
    }
  }

  // Dependency graph: a code depends on the codes it references and (for nets) on its children.
  const deps = (c: CCode): number[] => [...refsOf(c.pos, new Set()), ...c.children].filter((x) => byId.has(x));
  const order: CCode[] = [];
  const state = new Map<number, 1 | 2>();
  let tooDeep = false;
  const visit = (c: CCode, path: number[]): void => {
    const s = state.get(c.id);
    if (s === 2 || tooDeep) return;
    if (path.length >= MAX_CODE_DEPTH) {
      // A hostile or broken codeframe (6,000 nested levels) must not overflow the stack.
      tooDeep = true;
      issues.push({ file, line: c.def.line, codeId: c.id, message: `codes are nested or reference each other more than ${MAX_CODE_DEPTH} levels deep (${path.slice(0, 3).join(' → ')} → …); flatten the codeframe` });
      return;
    }
    if (s === 1) {
      const cyc = [...path.slice(path.indexOf(c.id)), c.id];
      issues.push({ file, line: c.def.line, codeId: c.id, term: `@${cyc[1] ?? c.id}`, message: `cycle of @code references / nets: ${cyc.join(' → ')}` });
      return;
    }
    state.set(c.id, 1);
    for (const d of deps(c)) visit(byId.get(d)!, [...path, c.id]);
    state.set(c.id, 2);
    order.push(c);
  };
  for (const c of codes) visit(c, []);

  if (issues.length) return { codeframe: null, issues };

  // Triggers: own positive terms + triggers of referenced codes and children (order is dependency-first).
  for (const c of order) {
    const set = termsOf(c.pos, new Set(), true);
    termsOf(c.aspect, set, true);
    for (const d of deps(c)) for (const t of byId.get(d)!.triggers) set.add(t);
    c.triggers = Int32Array.from(set);
  }
  return {
    codeframe: { name: def.name, version: def.version, file, terms: terms.terms, codes, byId, order },
    issues,
  };
}

/** One line per issue: "file line 12, code 101, term "slow*": message". */
export function formatIssue(i: CodeframeIssue): string {
  const parts = [`${i.file} line ${i.line}`];
  if (i.codeId !== undefined) parts.push(`code ${i.codeId}`);
  if (i.term !== undefined) parts.push(`term "${i.term.length > 60 ? i.term.slice(0, 60) + '…' : i.term}"`);
  return `${parts.join(', ')}: ${i.message}`;
}
