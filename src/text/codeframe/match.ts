// Match a compiled codeframe against comments. Each comment is normalised and segmented once; terms are
// found through first-character / first-stem indexes; codes are evaluated only when one of their trigger
// terms occurs. Occurrence positions are in word tokens (punctuation excluded) for NEAR/BEFORE.
import { normalizeText } from '../normalize.js';
import { segmentSpans } from '../segment.js';
import { boundaryKind, isContrast, isNegator } from './negation.js';
import { latinEdgeOk, type CCode, type CExpr, type CompiledCodeframe, type CTerm } from './compile.js';
import { stem } from './stem.js';
import { clauseScore } from '../sentiment/clause.js';

/** An occurrence: word positions [s, e] (inclusive), sentence, negated flag. */
interface Occ {
  s: number;
  e: number;
  sent: number;
  neg: boolean;
}

export interface PreparedComment {
  norm: string;
  /** Word tokens (no punctuation). */
  words: string[];
  stems: string[];
  wStart: Int32Array;
  wEnd: Int32Array;
  sent: Int32Array;
  clause: Int32Array;
  neg: Uint8Array;
  /** Char offset → first word index whose end is after it; length norm.length + 1. */
  wordAtOrAfter: Int32Array;
  startB: Uint8Array;
  endB: Uint8Array;
  /** Sentence char ranges in `norm`. */
  sentences: [number, number][];
}

/** Normalise + segment one comment (the per-comment cost paid once). */
export function prepareComment(raw: string): PreparedComment {
  const norm = normalizeText(raw);
  const spans = segmentSpans(norm);
  const n = norm.length;
  const startB = new Uint8Array(n + 1);
  const endB = new Uint8Array(n + 1);
  const words: string[] = [];
  const stems: string[] = [];
  const ws: number[] = [];
  const we: number[] = [];
  const sentA: number[] = [];
  const clauseA: number[] = [];
  const sentences: [number, number][] = [];
  let sent = 0;
  let clause = 0;
  let sentStart = 0;
  let prevEnd = 0;
  let sawWordInSent = false;
  // Next line break at or after prevEnd (-1 = none left): a line break ends a sentence.
  let nl = norm.indexOf('\n');
  for (const t of spans) {
    if (nl >= 0 && nl < prevEnd) nl = norm.indexOf('\n', prevEnd);
    if (nl >= 0 && nl < t.start && sawWordInSent) {
      sentences.push([sentStart, prevEnd]);
      sent++; clause++; sentStart = t.start; sawWordInSent = false;
    }
    prevEnd = t.end;
    startB[t.start] = 1;
    endB[t.end] = 1;
    if (t.kind === 2) {
      const b = boundaryKind(t.text);
      if (b === 2 && sawWordInSent) {
        sentences.push([sentStart, t.end]);
        sent++; clause++; sentStart = t.end; sawWordInSent = false;
      } else if (b >= 1) clause++;
      continue;
    }
    if (isContrast(t.text)) clause++;
    words.push(t.text);
    stems.push(t.kind === 1 ? stem(t.text) : t.text);
    ws.push(t.start);
    we.push(t.end);
    sentA.push(sent);
    clauseA.push(clause);
    sawWordInSent = true;
  }
  if (sawWordInSent || sentences.length === 0) sentences.push([sentStart, n]);
  const nw = words.length;
  const neg = new Uint8Array(nw);
  for (let i = 0; i < nw; i++) if (isNegator(words[i])) neg[i] = 1;
  const wordAtOrAfter = new Int32Array(n + 1).fill(nw);
  for (let i = nw - 1; i >= 0; i--) {
    const from = i > 0 ? we[i - 1] : 0;
    for (let c = from; c < we[i]; c++) wordAtOrAfter[c] = i;
  }
  return {
    norm, words, stems, wStart: Int32Array.from(ws), wEnd: Int32Array.from(we), sent: Int32Array.from(sentA),
    clause: Int32Array.from(clauseA), neg, wordAtOrAfter, startB, endB, sentences,
  };
}

/** Negation window: negators among the 3 words before `w` in the same clause; odd count = negated. */
function negatedAt(p: PreparedComment, w: number): boolean {
  let k = 0;
  const cl = p.clause[w];
  for (let i = w - 1; i >= 0 && i >= w - 3 && p.clause[i] === cl; i--) if (p.neg[i]) k++;
  return (k & 1) === 1;
}

/** Term indexes built once per codeframe. */
export class TermIndex {
  readonly byStem = new Map<string, CTerm[]>();
  readonly byChar = new Map<string, CTerm[]>();
  /** Latin wildcards by the first character of their literal prefix ('' = starts with * or ?). */
  readonly wild = new Map<string, CTerm[]>();
  readonly regex: CTerm[] = [];
  /** Literal prefix of each wildcard's first word (checked before the regex). */
  private readonly wildPrefix = new Map<number, string>();
  /** Per-comment occurrence lists, indexed by term; reset through `touched`. */
  private readonly occ: (Occ[] | undefined)[];
  private touched: number[] = [];
  constructor(readonly terms: CTerm[]) {
    this.occ = new Array(terms.length).fill(undefined);
    const push = <K>(m: Map<K, CTerm[]>, k: K, t: CTerm) => {
      const l = m.get(k);
      if (l) l.push(t); else m.set(k, [t]);
    };
    for (const t of terms) {
      if (t.mode === 'stems') push(this.byStem, t.stems![0], t);
      else if (t.mode === 'boundary' || t.mode === 'substring') push(this.byChar, t.text[0], t);
      else if (t.mode === 'latinWild') {
        const first = t.text.split(' ')[0]!;
        const prefix = first.slice(0, first.search(/[*?]|$/));
        this.wildPrefix.set(t.idx, prefix);
        push(this.wild, prefix.slice(0, 1), t);
      }
      else this.regex.push(t);
    }
  }

  private wildAt(p: PreparedComment, i: number, cands: CTerm[], add: (t: CTerm, s: number, e: number) => void): void {
    const nw = p.words.length;
    for (const t of cands) {
      if (!p.words[i]!.startsWith(this.wildPrefix.get(t.idx)!)) continue;
      const ws = t.wild!;
      let ok = i + ws.length <= nw;
      for (let k = 0; ok && k < ws.length; k++) ok = ws[k]!.test(p.words[i + k]!);
      if (ok) add(t, i, i + ws.length - 1);
    }
  }

  /**
   * Occurrences of every term in the comment, indexed by term (undefined = absent). The array is reused:
   * it is valid until the next call.
   */
  find(p: PreparedComment): (Occ[] | undefined)[] {
    const out = this.occ;
    for (const i of this.touched) out[i] = undefined;
    const touched: number[] = (this.touched = []);
    const add = (t: CTerm, s: number, e: number) => {
      if (s > e || s >= p.words.length) return;
      const occ: Occ = { s, e, sent: p.sent[s]!, neg: !t.selfNeg && negatedAt(p, s) };
      const l = out[t.idx];
      if (l) l.push(occ);
      else {
        out[t.idx] = [occ];
        touched.push(t.idx);
      }
    };
    const wildAny = this.wild.get('');
    const nw = p.words.length;
    for (let i = 0; i < nw; i++) {
      const cands = this.byStem.get(p.stems[i]);
      if (cands) {
        for (const t of cands) {
          const st = t.stems!;
          let ok = i + st.length <= nw;
          for (let k = 1; ok && k < st.length; k++) ok = p.stems[i + k] === st[k] && p.wStart[i + k] - p.wEnd[i + k - 1] <= 1;
          if (ok) add(t, i, i + st.length - 1);
        }
      }
      const w0 = p.words[i]!;
      const wc = this.wild.get(w0[0]!);
      if (wc) this.wildAt(p, i, wc, add);
      if (wildAny) this.wildAt(p, i, wildAny, add);
    }
    const norm = p.norm;
    if (this.byChar.size) {
      for (let c = 0; c < norm.length; c++) {
        const cands = this.byChar.get(norm[c]);
        if (!cands) continue;
        for (const t of cands) {
          const L = t.text.length;
          if (t.mode === 'boundary' && !p.startB[c]) continue;
          if (!norm.startsWith(t.text, c)) continue;
          if (t.mode === 'boundary' ? !p.endB[c + L] : !latinEdgeOk(norm, c, c + L, t.text)) continue;
          add(t, p.wordAtOrAfter[c], p.wordAtOrAfter[c + L - 1]);
        }
      }
    }
    for (const t of this.regex) {
      const re = t.re!;
      re.lastIndex = 0;
      let m: { index: number; 0: string } | null;
      while ((m = re.exec(norm)) !== null) {
        if (m[0].length === 0) { re.lastIndex++; continue; }
        if (t.startOnBoundary && !p.startB[m.index]) continue;
        add(t, p.wordAtOrAfter[m.index], p.wordAtOrAfter[m.index + m[0].length - 1]);
      }
    }
    return out;
  }
}

export interface CodeMatch {
  id: number;
  /** Sentence indexes (into PreparedComment.sentences) where the code matched. */
  sentences: number[];
  /** Clause indexes (PreparedComment.clause values) where the code matched. */
  clauses: number[];
  /**
   * Topic sentiment in [-1, 1] (when the matcher has a scorer and `topics`): the sentiment of the clauses
   * where the code matched, else of their sentences, else the code's declared polarity, else 0.
   */
  score?: number;
}

export interface MatcherOptions {
  /** Sentiment of a normalised piece of text in [-1, 1] (default: the zero-config scorer, clauseScore). */
  score?: (text: string) => number;
  /** Compute CodeMatch.score for every matched code. */
  topics?: boolean;
}

/** Char range [start, end) in `norm` of clause `ci` (from its first to its last word). */
function clauseRange(p: PreparedComment, ci: number): [number, number] {
  let a = -1;
  let b = -1;
  for (let i = 0; i < p.words.length; i++) {
    if (p.clause[i] === ci) {
      if (a < 0) a = p.wStart[i]!;
      b = p.wEnd[i]!;
    } else if (a >= 0) break;
  }
  return a < 0 ? [0, 0] : [a, b];
}

/** Per-comment cache of clause and sentence scores. */
class Scores {
  private readonly clause = new Map<number, number>();
  private readonly sent = new Map<number, number>();
  constructor(readonly p: PreparedComment, readonly score: (t: string) => number) {}
  ofClause(ci: number): number {
    let v = this.clause.get(ci);
    if (v === undefined) {
      const [a, b] = clauseRange(this.p, ci);
      // A contrast word opens its clause: keep it, the scorer weighs what follows "but" / 但是.
      v = b > a ? this.score(this.p.norm.slice(a, b)) : 0;
      this.clause.set(ci, v);
    }
    return v;
  }
  ofSentence(si: number): number {
    let v = this.sent.get(si);
    if (v === undefined) {
      const r = this.p.sentences[si];
      v = r ? this.score(this.p.norm.slice(r[0], r[1])) : 0;
      this.sent.set(si, v);
    }
    return v;
  }
  /** Clause score, or its sentence's when the clause itself has no sentiment. */
  at(o: { s: number; sent: number }): number {
    const c = this.ofClause(this.p.clause[o.s]!);
    return c !== 0 ? c : this.ofSentence(o.sent);
  }
}

const EMPTY: Occ[] = [];

/** Matches one comment against the codeframe. */
export class Matcher {
  readonly index: TermIndex;
  private readonly hasAspects: boolean;
  constructor(readonly cf: CompiledCodeframe, private opts: MatcherOptions = {}) {
    this.index = new TermIndex(cf.terms);
    this.hasAspects = cf.codes.some((c) => c.aspect && c.aspectPolarity !== 'any');
    if (!opts.score && (this.hasAspects || opts.topics)) this.opts = { ...opts, score: clauseScore };
  }

  /** Codes (and nets) that apply to the comment, in codeframe order. Empty comment → []. */
  match(raw: string): { matches: CodeMatch[]; prepared: PreparedComment } {
    const p = prepareComment(raw);
    if (p.words.length === 0 && p.norm.length === 0) return { matches: [], prepared: p };
    const occ = this.index.find(p);
    const res = new Map<number, Set<number>>();
    const cls = new Map<number, Set<number>>();
    const scores = this.opts.score ? new Scores(p, this.opts.score) : undefined;
    const ctx: EvalCtx = { occ, memo: new Map(), cf: this.cf, scores };
    let specific = false;
    for (const c of this.cf.order) {
      if (c.fallback) continue;
      let sents: Set<number> | undefined;
      let clauses: Set<number> | undefined;
      const take = (xs: Occ[]) => {
        for (const x of xs) {
          (sents ??= new Set()).add(x.sent);
          (clauses ??= new Set()).add(p.clause[x.s]!);
        }
      };
      // A net without terms of its own is the union of its children (already evaluated: order is
      // dependency-first); other codes are evaluated when one of their trigger terms occurs.
      if (c.pos || c.aspect || !c.net) {
        const tr = c.triggers;
        let k = 0;
        while (k < tr.length && occ[tr[k]!] === undefined) k++;
        if (k < tr.length) {
          if (c.scope === 'comment') {
            take(codeOccs(c, -1, ctx));
          } else if (p.sentences.length === 1) {
            take(codeOccs(c, 0, ctx));
          } else {
            const cand = new Set<number>();
            for (; k < tr.length; k++) for (const x of occ[tr[k]!] ?? EMPTY) cand.add(x.sent);
            for (const s of cand) take(codeOccs(c, s, ctx));
          }
        }
      }
      for (const k of c.children) {
        const r = res.get(k);
        if (r) for (const s of r) (sents ??= new Set()).add(s);
        const q = cls.get(k);
        if (q) for (const s of q) (clauses ??= new Set()).add(s);
      }
      if (sents) {
        res.set(c.id, sents);
        cls.set(c.id, clauses ?? new Set());
        if (!c.net || c.pos || c.aspect) specific = true;
      }
    }
    if (!specific && p.words.length > 0) {
      for (const c of this.cf.codes) {
        if (!c.fallback) continue;
        const all = new Set(p.sentences.map((_, i) => i));
        const allC = new Set(p.clause);
        for (let x: CCode | undefined = c; x; x = x.parent !== undefined ? this.cf.byId.get(x.parent) : undefined) {
          res.set(x.id, all);
          cls.set(x.id, allC);
        }
      }
    }
    const matches: CodeMatch[] = [];
    for (const c of this.cf.codes) {
      const s = res.get(c.id);
      if (!s) continue;
      const m: CodeMatch = { id: c.id, sentences: [...s].sort((a, b) => a - b), clauses: [...(cls.get(c.id) ?? [])].sort((a, b) => a - b) };
      if (scores && this.opts.topics) m.score = topicScore(c, m, scores);
      matches.push(m);
    }
    return { matches, prepared: p };
  }
}

interface EvalCtx {
  occ: (Occ[] | undefined)[];
  memo: Map<number, Occ[]>;
  cf: CompiledCodeframe;
  scores?: Scores;
}

const DECLARED = 0.3;
/** Clause sentiment an aspect code needs: lukewarm words ("delivery is ok", 0.1) are not praise. */
const ASPECT_MIN = 0.1;

/** Topic sentiment of a matched code (see CodeMatch.score). */
function topicScore(c: CCode, m: CodeMatch, sc: Scores): number {
  let sum = 0;
  let k = 0;
  for (const ci of m.clauses) {
    const v = sc.ofClause(ci);
    if (v !== 0) { sum += v; k++; }
  }
  if (k) return sum / k;
  for (const si of m.sentences) {
    const v = sc.ofSentence(si);
    if (v !== 0) { sum += v; k++; }
  }
  if (k) return sum / k;
  const pol = c.def.sentiment;
  return pol === 'negative' ? -DECLARED : pol === 'positive' ? DECLARED : 0;
}

/** Aspect occurrences (negation is the clause sentiment's business) whose clause has the code's polarity. */
function aspectOccs(c: CCode, sent: number, ctx: EvalCtx): Occ[] {
  const all = evalExpr(c.aspect!, sent, null, ctx);
  if (!all.length || c.aspectPolarity === 'any') return all;
  const sc = ctx.scores!;
  const want = c.aspectPolarity;
  return all.filter((o) => {
    const v = sc.at(o);
    return want === 'positive' ? v >= ASPECT_MIN : want === 'negative' ? v <= -ASPECT_MIN : Math.abs(v) < ASPECT_MIN;
  });
}

/** Occurrences that make code `c` match within sentence `sent` (-1 = whole comment), after exclusions. */
function codeOccs(c: CCode, sent: number, ctx: EvalCtx): Occ[] {
  const key = c.id * 65536 + sent + 1;
  const hit = ctx.memo.get(key);
  if (hit) return hit;
  let out: Occ[] = c.pos ? evalExpr(c.pos, sent, c, ctx) : EMPTY;
  if (c.aspect) {
    const a = aspectOccs(c, sent, ctx);
    if (a.length) out = out.length ? [...out, ...a] : a;
  }
  if (out.length && c.none && evalExpr(c.none, sent, null, ctx).length) out = EMPTY;
  if (c.children.length) {
    const extra: Occ[] = [];
    for (const k of c.children) extra.push(...codeOccs(ctx.cf.byId.get(k)!, sent, ctx));
    if (extra.length) out = out.length ? [...out, ...extra] : extra;
  }
  ctx.memo.set(key, out);
  return out;
}

function evalExpr(e: CExpr, sent: number, code: CCode | null, ctx: EvalCtx): Occ[] {
  switch (e.t) {
    case 'term': {
      const list = ctx.occ[e.idx];
      if (!list) return EMPTY;
      const mode = code ? code.negation : 'include';
      let out: Occ[] | null = null;
      for (const o of list) {
        if (sent >= 0 && o.sent !== sent) continue;
        if (mode === 'exclude' ? o.neg : mode === 'only' ? !o.neg : false) continue;
        (out ??= []).push(o);
      }
      return out ?? EMPTY;
    }
    case 'ref':
      return codeOccs(ctx.cf.byId.get(e.id)!, sent, ctx);
    case 'or': {
      let out: Occ[] = EMPTY;
      for (const x of e.items) {
        const r = evalExpr(x, sent, code, ctx);
        if (r.length) out = out.length ? [...out, ...r] : r;
      }
      return out;
    }
    case 'and': {
      let out: Occ[] = EMPTY;
      for (const x of e.items) {
        const r = evalExpr(x, sent, code, ctx);
        if (!r.length) return EMPTY;
        out = out.length ? [...out, ...r] : r;
      }
      return out;
    }
    case 'not': {
      const a = evalExpr(e.a, sent, code, ctx);
      if (!a.length) return EMPTY;
      // Exclusions ignore negation: "a NOT b" removes a when b is present at all.
      return evalExpr(e.b, sent, null, ctx).length ? EMPTY : a;
    }
    case 'near': {
      const a = evalExpr(e.a, sent, code, ctx);
      if (!a.length) return EMPTY;
      const b = evalExpr(e.b, sent, code, ctx);
      if (!b.length) return EMPTY;
      const out: Occ[] = [];
      for (const x of a) {
        for (const y of b) {
          // Distance in words from the end of one to the start of the other (adjacent = 1).
          let ok: boolean;
          if (y.s > x.e) ok = y.s - x.e <= e.n;
          else if (e.ordered) ok = false;
          else if (x.s > y.e) ok = x.s - y.e <= e.n;
          else ok = true; // overlapping
          if (ok) out.push({ s: Math.min(x.s, y.s), e: Math.max(x.e, y.e), sent: x.sent, neg: false });
        }
      }
      return out;
    }
  }
}
