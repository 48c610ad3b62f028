// Theme discovery (`cx themes`): frequent keywords and phrases of the comments, grouped into themes by
// co-occurrence, written as a draft codeframe (TEXT.md §5.3) that `cx code` reads.
// Chinese keywords: jieba TF-IDF (`TfIdf.extractKeywords` on the whole corpus: frequent here, rare in
// general Chinese); English: word and bigram document frequency × IDF with stop-words. Without the jieba
// addon, Chinese words from the fallback segmenter are ranked like English ones.
import { createRequire } from 'node:module';
import { readAsset } from '../assets.js';
import { normalizeText } from './normalize.js';
import { loadSegmenter, segmentSpans, activeSegmenter } from './segment.js';
import { isNoComment } from './nocomment.js';
import type { CompiledCodeframe } from './codeframe/index.js';

export interface ThemeTerm {
  term: string;
  /** Comments containing the term. */
  count: number;
  /** Ranking weight (TF-IDF). */
  weight: number;
}

export interface Theme {
  name: string;
  terms: ThemeTerm[];
  /** Comments containing at least one of the terms. */
  count: number;
  /** count / comments with text, in %. */
  pct: number;
  /** Three short comments of the theme (original text), when there are that many. */
  examples: string[];
  /**
   * With a codeframe: the existing code that already covers most of the theme's comments (≥ 50 %); the
   * theme is then a suggestion to add its terms to that code rather than a new code.
   */
  mergeInto?: { id: number; name: string; share: number };
}

export interface ThemesResult {
  /** Comments with text. */
  n: number;
  method: 'jieba-tfidf' | 'tfidf';
  themes: Theme[];
  /** Terms kept but not placed in a theme (shown as a hint). */
  other: ThemeTerm[];
}

export interface ThemeOptions {
  /** Number of themes (default 10). */
  top?: number;
  /** Terms per theme at most (default 6). */
  termsPerTheme?: number;
  /** Example comments per theme (default 3). */
  examples?: number;
  /** An existing codeframe: themes mostly covered by one of its codes are marked mergeInto. */
  codeframe?: CompiledCodeframe;
}

let stops: { zh: Set<string>; en: Set<string> } | undefined;
function stopWords() {
  if (stops) return stops;
  const words = (f: string) => new Set(readAsset(`assets/lexicons/${f}`).split(/\r?\n/).filter((l) => !l.startsWith('#')).join(' ').split(/\s+/).filter(Boolean).map((w) => w.toLowerCase()));
  // Places, dates and weekdays, order/ticket vocabulary and Chinese function words (themes_stoplist.txt).
  const extra = words('themes_stoplist.txt');
  const zh = words('stopwords_zh.txt');
  const en = words('stopwords_en.txt');
  for (const w of extra) (HAN.test(w) ? zh : en).add(w);
  stops = { zh, en };
  return stops;
}

// Not themes whatever the list says: dates and times (3月, 12号, 周三, 星期五, 10点), amounts with units, place
// names by their suffix (朝阳区, 杭州市, 浙江省, 海淀区), numbers with a counter (2份, 3个).
const NOT_THEME_ZH = /^(?:[\d一二三四五六七八九十两几]+(?:月|号|日|点|点钟|分钟|小时|天|周|年|份|个|块|元|次|单)|周[一二三四五六日天]|星期.|礼拜.|.{1,4}(?:省|市|区|县|镇|路|街|大道|广场|小区|大厦))$/;
const NOT_THEME_EN = /^(?:\d.*|.*\d{2,}.*|(?:mon|tues|wednes|thurs|fri|satur|sun)day s?|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)$/;

interface JiebaKw {
  extract(text: string, k: number): { keyword: string; weight: number }[];
}
let jiebaKw: JiebaKw | null | undefined;
function jiebaKeywords(): JiebaKw | null {
  if (jiebaKw !== undefined) return jiebaKw;
  try {
    const req = createRequire(import.meta.url);
    const { Jieba, TfIdf } = req('@node-rs/jieba') as typeof import('@node-rs/jieba');
    const { dict, idf } = req('@node-rs/jieba/dict.js') as { dict: Uint8Array; idf: Uint8Array };
    const j = Jieba.withDict(dict);
    const t = TfIdf.withDict(idf);
    // (TfIdf.setConfig({ stopWords }) throws in @node-rs/jieba 2.0.3: stop-words are filtered by docTerms.)
    jiebaKw = { extract: (text, k) => t.extractKeywords(j, text, k) };
  } catch {
    jiebaKw = null;
  }
  return jiebaKw;
}

const HAN = /[\u3400-\u9fff]/;
const ONLY_DIGITS = /^[\d.,:%-]+$/;

/** Candidate terms of each comment: Chinese words (≥ 2 chars), English words (≥ 3 letters) and bigrams. */
function docTerms(text: string, st: { zh: Set<string>; en: Set<string> }): Set<string> {
  const out = new Set<string>();
  let prev: string | null = null;
  for (const tok of segmentSpans(text)) {
    if (tok.kind === 0) {
      prev = null;
      if (tok.text.length >= 2 && !st.zh.has(tok.text) && !NOT_THEME_ZH.test(tok.text)) out.add(tok.text);
    } else if (tok.kind === 1) {
      const w = tok.text;
      if (w.length < 3 || ONLY_DIGITS.test(w) || st.en.has(w) || NOT_THEME_EN.test(w)) {
        prev = null;
        continue;
      }
      out.add(w);
      if (prev && !st.en.has(prev + ' ' + w)) out.add(prev + ' ' + w);
      prev = w;
    } else prev = null;
  }
  return out;
}

/** Discovers themes in comments (null / empty comments are ignored). */
export async function discoverThemes(texts: readonly (string | null | undefined)[], opts: ThemeOptions = {}): Promise<ThemesResult> {
  const top = opts.top ?? 10;
  const perTheme = opts.termsPerTheme ?? 6;
  const nEx = opts.examples ?? 3;
  await loadSegmenter();
  const st = stopWords();
  const docs: { raw: string; norm: string; terms: Set<string> }[] = [];
  for (const t of texts) {
    const norm = normalizeText(t);
    if (!norm || isNoComment(t)) continue; // no-comment answers (无, n/a, "-") hold no theme
    docs.push({ raw: t!.trim(), norm, terms: docTerms(norm, st) });
  }
  const N = docs.length;
  const df = new Map<string, number[]>();
  docs.forEach((d, i) => {
    for (const term of d.terms) {
      let l = df.get(term);
      if (!l) df.set(term, (l = []));
      l.push(i);
    }
  });
  const minDf = Math.max(2, Math.ceil(N * 0.005));
  // Corpus weights: df × log(1 + N/df) for every term; Chinese words re-weighted by jieba's general IDF.
  const weight = new Map<string, number>();
  for (const [term, ids] of df) if (ids.length >= minDf) weight.set(term, ids.length * Math.log(1 + N / ids.length));
  const kw = N > 0 ? jiebaKeywords() : null;
  const zhDocs = docs.filter((d) => HAN.test(d.norm));
  let method: ThemesResult['method'] = 'tfidf';
  if (kw && activeSegmenter() === 'jieba' && zhDocs.length > 0) {
    method = 'jieba-tfidf';
    const corpus = zhDocs.map((d) => d.norm).join('\n');
    const ranked = kw.extract(corpus, 400);
    const zhW = new Map(ranked.map((k) => [k.keyword, k.weight]));
    const maxZh = ranked[0]?.weight ?? 1;
    const maxAll = Math.max(1, ...[...weight.values()]);
    for (const term of [...weight.keys()]) {
      if (!HAN.test(term)) continue;
      const w = zhW.get(term);
      if (w === undefined) weight.delete(term);
      else weight.set(term, (w / maxZh) * maxAll);
    }
  }
  const ranked = [...weight.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const cand = ranked.slice(0, Math.min(ranked.length, Math.max(30, Math.round(top * perTheme * 1.5)))).map(([t]) => t);
  const sets = new Map(ranked.map(([t]) => [t, new Set(df.get(t)!)]));
  const groups = groupTerms(cand, ranked.slice(0, 300).map(([t]) => t), df, N, top, perTheme);
  const placed = new Set(groups.flat());
  const other = cand.filter((t) => !placed.has(t));
  const themesByGroup: Theme[] = groups.map((g) => {
    const ids = new Set<number>();
    for (const t of g) for (const id of sets.get(t)!) ids.add(id);
    // Examples: comments with the theme's first term first, then any comment of the theme; short ones
    // first (readable in a table) but at least 6 characters; each text once.
    const seed = sets.get(g[0]!)!;
    const pick = (from: Iterable<number>) =>
      [...from]
        .map((i) => docs[i]!.raw)
        .filter((r) => r.length >= 6 && r.length <= 120)
        .sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
    const examples = [...new Set([...pick(seed), ...pick(ids)])].slice(0, nEx);
    return {
      name: g.slice(0, 2).join(' / '),
      terms: g.map((t) => ({ term: t, count: sets.get(t)!.size, weight: weight.get(t)! })),
      count: ids.size,
      pct: N ? (100 * ids.size) / N : NaN,
      examples,
    };
  });
  const themes = [...themesByGroup];
  themes.sort((a, b) => b.count - a.count);
  if (opts.codeframe && themes.length) {
    const { codeTexts } = await import('./code.js');
    const cf = opts.codeframe;
    const coded = await codeTexts(docs.map((d) => d.raw), cf, false);
    groups.forEach((g, gi) => {
      const ids = new Set<number>();
      for (const t of g) for (const id of sets.get(t)!) ids.add(id);
      const per = new Map<number, number>();
      for (const id of ids) for (const k of coded[id]!.codes) {
        const c = cf.codes[k]!;
        if (c.fallback || c.net) continue;
        per.set(k, (per.get(k) ?? 0) + 1);
      }
      let best = -1;
      let bestN = 0;
      for (const [k, n] of per) if (n > bestN || (n === bestN && k < best)) { best = k; bestN = n; }
      const th = themesByGroup[gi]!;
      if (best >= 0 && bestN / ids.size >= 0.5) th.mergeInto = { id: cf.codes[best]!.id, name: cf.codes[best]!.name, share: bestN / ids.size };
    });
  }
  return { n: N, method, themes, other: other.map((t) => ({ term: t, count: sets.get(t)!.size, weight: weight.get(t)! })) };
}

/**
 * Groups terms into themes by co-occurrence: each term gets a context vector (positive PMI of its
 * co-occurrence with the `context` terms in the same comment); average-linkage agglomerative clustering on
 * the cosine of these vectors, so terms used in the same kind of comment (小时/分钟/送到, 好吃/味道/难吃)
 * end up together even when they rarely appear in the very same comment.
 */
export function groupTerms(terms: string[], context: string[], df: Map<string, number[]>, N: number, top: number, perTheme: number): string[][] {
  const ci = new Map(context.map((t, i) => [t, i]));
  const vecs = terms.map((t) => {
    const co = new Map<number, number>();
    const docsOfT = new Set(df.get(t)!);
    context.forEach((c, j) => {
      if (c === t) return;
      let n = 0;
      for (const id of df.get(c)!) if (docsOfT.has(id)) n++;
      if (n > 0) co.set(j, n);
    });
    const v = new Map<number, number>();
    let norm = 0;
    for (const [j, n] of co) {
      const pmi = Math.log((n * N) / (docsOfT.size * df.get(context[j]!)!.length));
      if (pmi > 0) {
        v.set(j, pmi);
        norm += pmi * pmi;
      }
    }
    // Direct co-occurrence with the term itself counts as a shared context.
    const self = ci.get(t);
    if (self !== undefined) {
      v.set(self, Math.max(1, Math.sqrt(norm)));
      norm += v.get(self)! ** 2;
    }
    return { v, norm: Math.sqrt(norm) || 1 };
  });
  const cos = (a: number, b: number) => {
    const A = vecs[a]!, B = vecs[b]!;
    let s = 0;
    const [small, big] = A.v.size < B.v.size ? [A.v, B.v] : [B.v, A.v];
    for (const [j, x] of small) {
      const y = big.get(j);
      if (y !== undefined) s += x * y;
    }
    return s / (A.norm * B.norm);
  };
  const n = terms.length;
  const sim: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) sim[a]![b] = sim[b]![a] = cos(a, b);
  let clusters: number[][] = terms.map((_, i) => [i]);
  const link = (x: number[], y: number[]) => {
    let s = 0;
    for (const a of x) for (const b of y) s += sim[a]![b]!;
    return s / (x.length * y.length);
  };
  for (;;) {
    let best = -1, bx = -1, by = -1;
    for (let x = 0; x < clusters.length; x++)
      for (let y = x + 1; y < clusters.length; y++) {
        if (clusters[x]!.length + clusters[y]!.length > perTheme) continue;
        const l = link(clusters[x]!, clusters[y]!);
        if (l > best) (best = l), (bx = x), (by = y);
      }
    if (bx < 0 || best < 0.25) break;
    clusters[bx] = [...clusters[bx]!, ...clusters[by]!].sort((a, b) => a - b);
    clusters = clusters.filter((_, i) => i !== by);
  }
  // Keep the `top` clusters that cover the most comments; terms inside keep their rank order.
  const cover = (c: number[]) => {
    const ids = new Set<number>();
    for (const i of c) for (const id of df.get(terms[i]!)!) ids.add(id);
    return ids.size;
  };
  return clusters
    .map((c) => ({ c, k: cover(c) }))
    .sort((a, b) => b.k - a.k || a.c[0]! - b.c[0]!)
    .slice(0, top)
    .map(({ c }) => c.map((i) => terms[i]!));
}
