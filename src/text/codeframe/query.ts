// Codeframe query language (TEXT.md §5.3), parsed into an AST.
//
//   term            bare word(s): English matched on stems, Chinese on segmented-word boundaries;
//                   consecutive bare words form one multi-word term (customer service)
//   "phrase"        exact: Chinese as a raw substring, English as whole words without stemming
//   slow* / colo?r  wildcards (* any run of letters, ? one character), matched on the words as written
//   /regex/i        regular expression on the normalised comment (escape hatch)
//   @102            the comment matches code 102 (in the same sentence when scope is sentence)
//   a AND b, a & b  both;  a OR b, a | b  either;  a NOT b, a -b  a without b (binary: there is no unary NOT)
//   a NEAR/n b      both, at most n words apart, either order;  a BEFORE/n b  a then b within n words
//   ( … )           grouping
// Precedence (loosest first): NOT, OR, AND, NEAR/BEFORE. Operators are upper-case words.

export type TermKind = 'word' | 'phrase' | 'wildcard' | 'regex';

export interface Term {
  kind: TermKind;
  /** Normalised text (word/phrase/wildcard) or regex source. */
  text: string;
  /** Regex flags (regex only). */
  flags?: string;
}

export type Query =
  | { t: 'term'; term: Term }
  | { t: 'ref'; id: number }
  | { t: 'and'; items: Query[] }
  | { t: 'or'; items: Query[] }
  | { t: 'not'; a: Query; b: Query }
  | { t: 'near'; a: Query; b: Query; n: number; ordered: boolean };

export class QuerySyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

type Tok =
  | { k: 'word'; v: string; pos: number }
  | { k: 'phrase'; v: string; pos: number }
  | { k: 'regex'; v: string; flags: string; pos: number }
  | { k: 'ref'; v: number; pos: number }
  | { k: 'and' | 'or' | 'not' | 'lp' | 'rp'; pos: number }
  | { k: 'near'; n: number; ordered: boolean; pos: number };

const OPWORD = /^(AND|OR|NOT)$/;
const NEARWORD = /^(NEAR|BEFORE)\/(\d+)$/;
const WORDCHAR = /[^\s()"&|]/;

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i;
    if (c === '(') { out.push({ k: 'lp', pos }); i++; continue; }
    if (c === ')') { out.push({ k: 'rp', pos }); i++; continue; }
    if (c === '&') { out.push({ k: 'and', pos }); i += src[i + 1] === '&' ? 2 : 1; continue; }
    if (c === '|') { out.push({ k: 'or', pos }); i += src[i + 1] === '|' ? 2 : 1; continue; }
    if (c === '-' && (i === 0 || /\s|\(/.test(src[i - 1]))) { out.push({ k: 'not', pos }); i++; continue; }
    if (c === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) throw new QuerySyntaxError('unclosed quote "', pos);
      out.push({ k: 'phrase', v: src.slice(i + 1, end), pos });
      i = end + 1;
      continue;
    }
    if (c === '/' ) {
      let j = i + 1;
      let body = '';
      let closed = false;
      let inClass = false;
      while (j < n) {
        const d = src[j];
        if (d === '\\' && j + 1 < n) { body += d + src[j + 1]; j += 2; continue; }
        if (d === '[') inClass = true;
        else if (d === ']') inClass = false;
        else if (d === '/' && !inClass) { closed = true; break; }
        body += d;
        j++;
      }
      if (!closed) throw new QuerySyntaxError('unclosed regular expression /…/', pos);
      j++;
      let flags = '';
      while (j < n && /[a-z]/.test(src[j])) flags += src[j++];
      if (/[^imsu]/.test(flags)) throw new QuerySyntaxError(`regular-expression flags "${flags}" (allowed: i m s u)`, pos);
      out.push({ k: 'regex', v: body, flags, pos });
      i = j;
      continue;
    }
    if (c === '@') {
      let j = i + 1;
      while (j < n && /\d/.test(src[j])) j++;
      if (j === i + 1) throw new QuerySyntaxError('@ must be followed by a numeric code id (e.g. @102)', pos);
      out.push({ k: 'ref', v: Number(src.slice(i + 1, j)), pos });
      i = j;
      continue;
    }
    let j = i;
    while (j < n && WORDCHAR.test(src[j])) j++;
    const w = src.slice(i, j);
    i = j;
    const op = OPWORD.exec(w);
    if (op) { out.push({ k: op[1].toLowerCase() as 'and' | 'or' | 'not', pos }); continue; }
    const near = NEARWORD.exec(w);
    if (near) { out.push({ k: 'near', n: Number(near[2]), ordered: near[1] === 'BEFORE', pos }); continue; }
    if (/^(NEAR|BEFORE)\b/.test(w)) throw new QuerySyntaxError(`"${w}": write NEAR/n or BEFORE/n with a number of words, e.g. NEAR/5`, pos);
    out.push({ k: 'word', v: w, pos });
  }
  return out;
}

/** Classify one bare term: wildcard when it holds * or ?, else a word term. */
export function bareTerm(text: string): Term {
  const t = text.trim();
  if (/[*?]/.test(t)) return { kind: 'wildcard', text: t };
  return { kind: 'word', text: t };
}

/**
 * One entry of an `any`/`all`/`none` list: `"phrase"`, `/regex/`, a wildcard, or bare word(s).
 * Operators are not interpreted here (a list entry is one term).
 */
export function parseTermEntry(entry: string): Term {
  const s = entry.trim();
  if (s.length === 0) throw new QuerySyntaxError('empty term', 0);
  if (s.length >= 2 && s.startsWith('"') && s.endsWith('"')) {
    const inner = s.slice(1, -1);
    if (inner.trim().length === 0) throw new QuerySyntaxError('empty phrase ""', 0);
    return { kind: 'phrase', text: inner };
  }
  if (s.startsWith('/')) {
    const toks = lex(s);
    if (toks.length === 1 && toks[0].k === 'regex') return { kind: 'regex', text: toks[0].v, flags: toks[0].flags };
  }
  return bareTerm(s);
}

/** Deepest nesting a query may have (parentheses, chained NOT / NEAR): deeper input would overflow the stack. */
export const MAX_QUERY_DEPTH = 100;

class Parser {
  private i = 0;
  private depth = 0;

  private deeper(pos: number): void {
    if (++this.depth > MAX_QUERY_DEPTH) throw new QuerySyntaxError(`too deeply nested (more than ${MAX_QUERY_DEPTH} levels of parentheses, NOT or NEAR)`, pos);
  }
  constructor(
    private readonly toks: Tok[],
    private readonly srcLen: number,
  ) {}

  private peek(): Tok | undefined {
    return this.toks[this.i];
  }

  private where(): number {
    return this.peek()?.pos ?? this.srcLen;
  }

  parse(): Query {
    if (this.toks.length === 0) throw new QuerySyntaxError('empty query', 0);
    const q = this.notExpr();
    const t = this.peek();
    if (t) throw new QuerySyntaxError(t.k === 'rp' ? 'unmatched ")"' : `unexpected ${describe(t)}`, t.pos);
    return q;
  }

  private notExpr(): Query {
    let a = this.orExpr();
    const d0 = this.depth;
    while (this.peek()?.k === 'not') {
      this.deeper(this.where());
      this.i++;
      const b = this.orExpr();
      a = { t: 'not', a, b };
    }
    this.depth = d0;
    return a;
  }

  private orExpr(): Query {
    const items = [this.andExpr()];
    while (this.peek()?.k === 'or') {
      this.i++;
      items.push(this.andExpr());
    }
    return items.length === 1 ? items[0] : { t: 'or', items };
  }

  private andExpr(): Query {
    const items = [this.nearExpr()];
    while (this.peek()?.k === 'and') {
      this.i++;
      items.push(this.nearExpr());
    }
    return items.length === 1 ? items[0] : { t: 'and', items };
  }

  private nearExpr(): Query {
    let a = this.primary();
    const d0 = this.depth;
    for (let t = this.peek(); t && t.k === 'near'; t = this.peek()) {
      this.deeper(t.pos);
      this.i++;
      const b = this.primary();
      a = { t: 'near', a, b, n: t.n, ordered: t.ordered };
    }
    this.depth = d0;
    return a;
  }

  private primary(): Query {
    const t = this.peek();
    if (!t) throw new QuerySyntaxError('the query ends where a term was expected', this.srcLen);
    switch (t.k) {
      case 'lp': {
        this.deeper(t.pos);
        this.i++;
        const q = this.notExpr();
        if (this.peek()?.k !== 'rp') throw new QuerySyntaxError('missing ")"', this.where());
        this.i++;
        this.depth--;
        return q;
      }
      case 'phrase':
        this.i++;
        if (t.v.trim().length === 0) throw new QuerySyntaxError('empty phrase ""', t.pos);
        return { t: 'term', term: { kind: 'phrase', text: t.v } };
      case 'regex':
        this.i++;
        return { t: 'term', term: { kind: 'regex', text: t.v, flags: t.flags } };
      case 'ref':
        this.i++;
        return { t: 'ref', id: t.v };
      case 'word': {
        // Consecutive bare words form one multi-word term.
        const words = [t.v];
        this.i++;
        for (let u = this.peek(); u && u.k === 'word'; u = this.peek()) {
          words.push(u.v);
          this.i++;
        }
        return { t: 'term', term: bareTerm(words.join(' ')) };
      }
      default:
        throw new QuerySyntaxError(
          t.k === 'not' ? 'NOT is binary ("a NOT b"): it needs a term on its left' : `unexpected ${describe(t)} where a term was expected`,
          t.pos,
        );
    }
  }
}

function describe(t: Tok): string {
  switch (t.k) {
    case 'word': return `"${t.v}"`;
    case 'phrase': return `"${t.v}"`;
    case 'regex': return `/${t.v}/`;
    case 'ref': return `@${t.v}`;
    case 'near': return t.ordered ? `BEFORE/${t.n}` : `NEAR/${t.n}`;
    case 'lp': return '"("';
    case 'rp': return '")"';
    default: return t.k.toUpperCase();
  }
}

/** Parse a query; throws QuerySyntaxError with the character position. */
export function parseQuery(src: string): Query {
  return new Parser(lex(src), src.length).parse();
}

/** Every term and reference in a query (for validation and indexing). */
export function walkQuery(q: Query, onTerm: (t: Term) => void, onRef: (id: number) => void): void {
  switch (q.t) {
    case 'term': onTerm(q.term); break;
    case 'ref': onRef(q.id); break;
    case 'and': case 'or': for (const x of q.items) walkQuery(x, onTerm, onRef); break;
    case 'not': case 'near': walkQuery(q.a, onTerm, onRef); walkQuery(q.b, onTerm, onRef); break;
  }
}
