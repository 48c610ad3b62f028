// Zero-config English sentiment: wink-nlp with its lite English model (TEXT.md §4.1: best measured
// accuracy of the npm lexicon tools), plus cx's small CX word list (late, cold, rude, refund, on time …)
// that general lexicons miss. wink is loaded lazily, once; the list is compiled once.
import { lazyRequire } from '../../lazy-require.js';
import { readAsset } from '../../assets.js';

interface WinkDoc {
  out(f: unknown): unknown;
}
interface WinkNlp {
  readDoc(text: string): WinkDoc;
  its: { sentiment: unknown };
}

let nlp: WinkNlp | undefined;

function load(): WinkNlp {
  if (nlp) return nlp;
  const winkNLP = lazyRequire('wink-nlp') as (model: unknown) => WinkNlp;
  const model = lazyRequire('wink-eng-lite-web-model');
  nlp = winkNLP(model);
  return nlp;
}

interface Domain {
  /** first word → phrases starting with it (longest first). */
  byFirst: Map<string, { words: string[]; w: number; fixed: boolean }[]>;
}

let domain: Domain | undefined;

function loadDomain(): Domain {
  if (domain) return domain;
  const byFirst = new Map<string, { words: string[]; w: number; fixed: boolean }[]>();
  for (const line of readAsset('assets/lexicons/cx_en_domain.tsv').split(/\r?\n/)) {
    const l = line.replace(/#.*$/, '').trim();
    if (!l) continue;
    const [phrase, v] = l.split('\t');
    const words = phrase!.toLowerCase().split(/\s+/);
    let list = byFirst.get(words[0]!);
    if (!list) byFirst.set(words[0]!, (list = []));
    const fixed = v!.trim().endsWith('!');
    list.push({ words, w: Number(v!.trim().replace(/!$/, '')), fixed });
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  domain = { byFirst };
  return domain;
}

const NEGATORS = new Set(['not', 'no', 'never', "n't", 'nothing', 'without', 'hardly', "isn't", "wasn't", "don't", "didn't", "doesn't", "aren't", "weren't", "won't", "can't", 'cannot', 'nor']);
const WORD = /[a-z]+(?:'[a-z]+)?/g;

/** Raw sum of the CX list hits of an English text, with negation within the 3 preceding words. */
export function enDomainRaw(text: string): number {
  return enDomain(text).sum;
}

/** CX list sum, and whether a fixed phrase stood after a negator (wink then flips it the wrong way). */
function enDomain(text: string): { sum: number; negFixed: boolean } {
  const d = loadDomain();
  let negFixed = false;
  const toks = text.toLowerCase().match(WORD) ?? [];
  let sum = 0;
  for (let i = 0; i < toks.length; i++) {
    const list = d.byFirst.get(toks[i]!);
    if (!list) continue;
    for (const p of list) {
      let ok = true;
      for (let k = 1; k < p.words.length; k++) if (toks[i + k] !== p.words[k]) { ok = false; break; }
      if (!ok) continue;
      let neg = false;
      for (let k = Math.max(0, i - 3); k < i; k++) if (NEGATORS.has(toks[k]!) || toks[k]!.endsWith("n't")) neg = true;
      // Negated words flip; a phrase that itself holds a negator (never arrived) is taken as written, and
      // so is a phrase marked fixed (weight written with "!": "don't waste your time" stays negative).
      sum += neg && !p.fixed ? -0.7 * p.w : p.w;
      if (neg && p.fixed) negFixed = true;
      i += p.words.length - 1;
      break;
    }
  }
  return { sum, negFixed };
}

// "too" + a word ("too expensive", "way too salty", "too politically correct") is a complaint whatever the
// word: the word is hidden from wink (which would score "correct" positive) and the phrase counts negative.
// "too" at the end of a clause ("me too", "good food too") means "also" and is left alone.
const TOO = /\b(?:(way|far|much|just|a bit|a little|bit|little)\s+)?too\s+(?:(much|many|little|few)\s+)?([a-z]+(?:'[a-z]+)?)(?:\s+([a-z]+))?/gi;
const TOO_OK = new Set(['good', 'great', 'excited', 'happy', 'glad', 'bad', 'late', 'soon', 'and', 'but', 'or', 'is', 'was', 'are', 'were', 'the', 'a', 'i', 'it', 'with', 'for', 'to', 'in', 'on', 'at', 'by', 'from', 'of', 'as', 'so']);
// Frequency adverbs carry no sentiment of their own (wink/AFINN has none; kept here so they never get one).
const TOO_WEIGHT = -1.3;

/** Text for wink with the word after "too" hidden, and the count of such "too" phrases. */
export function maskToo(text: string): { text: string; n: number; way: number } {
  let n = 0;
  let way = 0;
  const out = text.replace(TOO, (m, pre: string | undefined, _q: string | undefined, w: string, w2: string | undefined) => {
    if (TOO_OK.has(w.toLowerCase()) && !_q) return m;
    n++;
    if (pre && /^(way|far|much)$/i.test(pre)) way++;
    // "too politically correct": an -ly adverb takes the next word with it.
    if (w2 !== undefined && !/ly$/i.test(w)) return 'thing ' + w2;
    return 'thing';
  });
  return { text: n ? out : text, n, way };
}

// Lukewarm words ("ok", "fine", "average") are weakly positive at most: wink scores "delivery is ok" 0.75,
// as strong as "good". They are hidden from wink and count LUKEWARM each.
const LUKE = /\b(?:ok|okay|alright|acceptable|passable|average|so-so)\b/gi;
const LUKEWARM = 0.2;
const TOPIC_NOUNS = /\b(?:(?:customer|tech|technical|product|live|chat|phone|email)\s+support|support(?=\s+(?:team|staff|agent|agents|chat|line|ticket|was|is|were|are|has|have|never|did|didn't|does|doesn't|kept|said|told))|(?<=\b(?:the|their|your|no|terrible|awful|bad|poor|great|good|excellent|horrible|useless|helpful|amazing|fantastic|slow|quick|fast|friendly|rude)\s+)support|customer care|help\s+(?:desk|center|centre|line))\b/gi;

/** Sentiment of an English text in [-1, 1] (0: no sentiment word found). */
export function scoreEn(text: string): number {
  const n = load();
  const too = maskToo(text);
  let luke = 0;
  const winkText = too.text.replace(LUKE, () => {
    luke++;
    return 'thing';
  });
  // Topic nouns that AFINN scores as praise ("support" +2, "customer care"): "terrible support" is a complaint.
  const w2 = winkText.replace(TOPIC_NOUNS, 'team');
  const v = n.readDoc(w2).out(n.its.sentiment);
  const wink = typeof v === 'number' && Number.isFinite(v) ? v : 0;
  const dd = enDomain(text);
  const dom = dd.sum + too.n * TOO_WEIGHT + too.way * -0.5 + luke * LUKEWARM;
  if (dom === 0) {
    // A negated statement without any sentiment word ("doesn't last long", "never got it", "not what I
    // wanted") is a complaint far more often than praise in CX comments: weakly negative.
    if (wink === 0 && BARE_NEG.test(text)) return -0.2;
    return wink;
  }
  const d = dom / Math.sqrt(dom * dom + 4);
  const s = wink === 0 || dd.negFixed ? d : wink + DOMAIN_WEIGHT * d;
  return Math.max(-1, Math.min(1, s));
}

const BARE_NEG = /\b(?:not|never|no|cannot|can't|cant|won't|wont|don't|dont|doesn't|doesnt|didn't|didnt|isn't|isnt|wasn't|wasnt|aren't|weren't|couldn't|wouldn't|haven't|hasn't)\b/i;

/** Weight of the CX list score when wink also found sentiment words. */
const DOMAIN_WEIGHT = 0.6;
