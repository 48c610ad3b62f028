// Zero-config Chinese sentiment: a clause-level lexicon scorer (TEXT.md §6). Words are found by forward
// maximum matching on a character trie built from NTUSD (MIT) and cx's own CX word list, so it needs no
// segmenter (same results with or without the jieba addon). Rules: negators flip the next sentiment word
// of the clause (a negated negative becomes weakly positive: 不慢, 不难吃), degree adverbs scale it
// (很, 太, 有点), a contrast marker (但是, 不过, 就是…) makes what follows weigh more than what came before.
import { readAsset } from '../../assets.js';

interface Entry {
  /** Sentiment weight (undefined: not a sentiment word; 0: neutral phrase that blocks shorter matches). */
  w?: number;
  neg?: number;
  deg?: number;
  but?: boolean;
}

interface TrieNode {
  next: Map<number, TrieNode>;
  entry?: Entry;
}

export interface ZhLexicon {
  root: TrieNode;
  size: number;
}

/** Weights of the clause around a contrast marker: earlier text is scaled by BEFORE, later by AFTER. */
const CONTRAST_BEFORE = 0.5;
const CONTRAST_AFTER = 1.2;
/** A negated negative word turns weakly positive (不慢 is less than 快). */
const NEGATED_NEGATIVE = 0.5;
const NEGATED_POSITIVE = 0.9;
/** Clause with a negator and no sentiment word after it (没有给餐具). */
const BARE_NEGATION = -0.4;

function node(): TrieNode {
  return { next: new Map() };
}

function insert(root: TrieNode, word: string): Entry {
  let n = root;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    let m = n.next.get(c);
    if (!m) n.next.set(c, (m = node()));
    n = m;
  }
  return (n.entry ??= {});
}

function lines(text: string): string[] {
  return text.split(/\r?\n/).map((l) => l.replace(/#.*$/, '').trim()).filter(Boolean);
}

/** Builds the lexicon from word lists (exported for tests and for user-supplied lists). */
export function buildZhLexicon(src: {
  positive: string[];
  negative: string[];
  domain: [string, number][];
  modifiers: [string, string, number][];
}): ZhLexicon {
  const root = node();
  let size = 0;
  const norm = (w: string) => w.normalize('NFKC').toLowerCase().trim();
  for (const w of src.positive) {
    const k = norm(w);
    if (k) (insert(root, k).w = 1), size++;
  }
  for (const w of src.negative) {
    const k = norm(w);
    if (!k) continue;
    const e = insert(root, k);
    // A word in both NTUSD lists is ambiguous: neutral.
    e.w = e.w === 1 ? 0 : -1;
    size++;
  }
  const fromDomain = new Set<Entry>();
  for (const [w, v] of src.domain) {
    const k = norm(w);
    if (!k) continue;
    const e = insert(root, k);
    e.w = v;
    fromDomain.add(e);
    size++;
  }
  for (const [kind, w, v] of src.modifiers) {
    const k = norm(w);
    if (!k) continue;
    const e = insert(root, k);
    // A modifier is not itself a sentiment word unless cx's own list says so (NTUSD lists 不会 as negative).
    if (!fromDomain.has(e)) delete e.w;
    if (kind === 'neg') e.neg = v;
    else if (kind === 'deg') e.deg = v;
    else if (kind === 'but') e.but = true;
  }
  // NTUSD lists many modifier + word compounds (非常好吃, 不满意, 很好): drop those so that the degree or
  // negation is applied compositionally instead of a flat ±1.
  const mods = src.modifiers.filter(([kind]) => kind === 'neg' || kind === 'deg').map(([, w]) => norm(w));
  for (const w of [...src.positive, ...src.negative]) {
    const k = norm(w);
    const nd = lookupNode(root, k);
    const e = nd?.entry;
    if (!nd || !e || fromDomain.has(e) || e.w === undefined) continue;
    for (const m of mods) {
      if (k.length > m.length && k.startsWith(m)) {
        const rest = lookupNode(root, k.slice(m.length))?.entry;
        if (rest && rest.w) {
          delete e.w;
          if (e.neg === undefined && e.deg === undefined && !e.but) delete nd.entry;
          break;
        }
      }
    }
  }
  return { root, size };
}

function lookupNode(root: TrieNode, word: string): TrieNode | undefined {
  let n: TrieNode | undefined = root;
  for (let i = 0; i < word.length && n; i++) n = n.next.get(word.charCodeAt(i));
  return n;
}

let cached: ZhLexicon | undefined;

/** The shipped lexicon (NTUSD + cx domain list + modifiers), loaded once. */
export function defaultZhLexicon(): ZhLexicon {
  if (cached) return cached;
  const list = (f: string) => lines(readAsset(`assets/lexicons/${f}`));
  const domain = list('cx_zh_domain.tsv').map((l) => {
    const [w, v] = l.split('\t');
    return [w!, Number(v)] as [string, number];
  });
  const modifiers = list('zh_modifiers.tsv').map((l) => {
    const [k, w, v] = l.split('\t');
    return [k!, w!, Number(v)] as [string, string, number];
  });
  cached = buildZhLexicon({
    positive: list('ntusd_positive_simplified.txt'),
    negative: list('ntusd_negative_simplified.txt'),
    domain,
    modifiers,
  });
  return cached;
}

interface Hit {
  start: number;
  end: number;
  e: Entry;
}

/** Longest lexicon match starting at i, or undefined. */
function matchAt(root: TrieNode, s: string, i: number): Hit | undefined {
  let n: TrieNode | undefined = root;
  let best: Hit | undefined;
  for (let j = i; j < s.length; j++) {
    n = n.next.get(s.charCodeAt(j));
    if (!n) break;
    if (n.entry) best = { start: i, end: j + 1, e: n.entry };
  }
  return best;
}

/** Forward maximum matching: the lexicon words of `s`, left to right, non-overlapping. */
export function lexiconHits(lex: ZhLexicon, s: string): Hit[] {
  const hits: Hit[] = [];
  let i = 0;
  while (i < s.length) {
    const h = matchAt(lex.root, s, i);
    if (h) {
      hits.push(h);
      i = h.end;
    } else i++;
  }
  return hits;
}

const CLAUSE_SPLIT = /[，。！？；、,.!?;~～…\s]+/g;
const EXCLAIM = /[!！]/;

/**
 * Raw (unbounded) sentiment sum of a Chinese text. Positive > 0 > negative; 0 = nothing found.
 * `clauses` lets a caller pass pre-split clauses (mixed-language comments).
 */
export function scoreZhRaw(text: string, lex: ZhLexicon = defaultZhLexicon()): number {
  return scoreZhNormalized(text.normalize('NFKC').toLowerCase(), lex);
}

/** scoreZhRaw for text that is already NFKC + lower-case (normalizeText output). */
export function scoreZhNormalized(s: string, lex: ZhLexicon = defaultZhLexicon()): number {
  let total = 0;
  const add = (clause: string, delim: string) => {
    if (!clause) return;
    const r = scoreClause(lex, clause);
    if (r.contrast) total *= CONTRAST_BEFORE;
    let c = r.score * (r.contrast ? CONTRAST_AFTER : 1);
    if (EXCLAIM.test(delim)) c *= 1.2;
    total += c;
  };
  // Clauses with their delimiter (to see exclamation marks).
  const re = CLAUSE_SPLIT;
  re.lastIndex = 0;
  let start = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    add(s.slice(start, m.index), m[0]);
    start = re.lastIndex;
  }
  if (start < s.length) add(s.slice(start), '');
  return total;
}

function scoreClause(lex: ZhLexicon, clause: string): { score: number; contrast: boolean } {
  const hits = lexiconHits(lex, clause);
  let sum = 0;
  let negCount = 0;
  let negMul = 1;
  let degMul = 1;
  let contrast = false;
  for (let k = 0; k < hits.length; k++) {
    const { e } = hits[k]!;
    if (e.but && !e.w) {
      // Contrast inside a clause: earlier sentiment of this clause weighs less.
      sum *= CONTRAST_BEFORE;
      contrast = true;
      negCount = 0;
      negMul = 1;
      degMul = 1;
      continue;
    }
    if (e.neg !== undefined && !e.w) {
      negCount++;
      negMul *= e.neg;
      continue;
    }
    if (e.deg !== undefined) {
      // 好 / 超 are words and adverbs: an adverb when a sentiment word follows right away.
      const nx = hits[k + 1];
      const adverb = e.w === undefined || e.w === 0 || (nx !== undefined && nx.start === hits[k]!.end && (nx.e.w ?? 0) !== 0);
      if (adverb) {
        degMul *= e.deg;
        continue;
      }
    }
    const w = e.w ?? 0;
    if (w === 0) continue;
    let v = w * degMul;
    if (negCount % 2 === 1) v = v > 0 ? -v * NEGATED_POSITIVE * negMul : -v * NEGATED_NEGATIVE * negMul;
    sum += v;
    negCount = 0;
    negMul = 1;
    degMul = 1;
  }
  // A negator that negates no sentiment word (没有给餐具, 还没到, 一份也没有) states that something is missing
  // or did not happen: in CX comments that is a complaint, weakly negative.
  if (negCount > 0) sum += BARE_NEGATION;
  return { score: sum, contrast };
}

/** Maps a raw sum to [-1, 1] (VADER-style normalisation). */
export function squash(raw: number, alpha = 4): number {
  return raw === 0 ? 0 : raw / Math.sqrt(raw * raw + alpha);
}
