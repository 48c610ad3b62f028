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
  byFirst: Map<string, { words: string[]; w: number }[]>;
}

let domain: Domain | undefined;

function loadDomain(): Domain {
  if (domain) return domain;
  const byFirst = new Map<string, { words: string[]; w: number }[]>();
  for (const line of readAsset('assets/lexicons/cx_en_domain.tsv').split(/\r?\n/)) {
    const l = line.replace(/#.*$/, '').trim();
    if (!l) continue;
    const [phrase, v] = l.split('\t');
    const words = phrase!.toLowerCase().split(/\s+/);
    let list = byFirst.get(words[0]!);
    if (!list) byFirst.set(words[0]!, (list = []));
    list.push({ words, w: Number(v) });
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
  domain = { byFirst };
  return domain;
}

const NEGATORS = new Set(['not', 'no', 'never', "n't", 'nothing', 'without', 'hardly', "isn't", "wasn't", "don't", "didn't", "doesn't", "aren't", "weren't", "won't", "can't", 'cannot', 'nor']);
const WORD = /[a-z]+(?:'[a-z]+)?/g;

/** Raw sum of the CX list hits of an English text, with negation within the 3 preceding words. */
export function enDomainRaw(text: string): number {
  const d = loadDomain();
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
      // Negated words flip; a phrase that itself holds a negator (never arrived) is taken as written.
      sum += neg ? -0.7 * p.w : p.w;
      i += p.words.length - 1;
      break;
    }
  }
  return sum;
}

/** Sentiment of an English text in [-1, 1] (0: no sentiment word found). */
export function scoreEn(text: string): number {
  const n = load();
  const v = n.readDoc(text).out(n.its.sentiment);
  const wink = typeof v === 'number' && Number.isFinite(v) ? v : 0;
  const dom = enDomainRaw(text);
  if (dom === 0) return wink;
  const d = dom / Math.sqrt(dom * dom + 4);
  const s = wink === 0 ? d : wink + 0.3 * d;
  return Math.max(-1, Math.min(1, s));
}
