// Text normalisation shared by coding and sentiment (TEXT.md §5.3 `normalize: [nfkc, t2s]`):
// NFKC (full-width Latin/digits/punctuation → half-width, compatibility forms), Latin lower-case,
// whitespace runs collapsed to one space, Traditional → Simplified Chinese via opencc-js.
//
// T→S is made cheap: opencc-js is loaded lazily (synchronously, on the first text that contains a Han
// character) and the converter only runs on texts that contain at least one character that OpenCC maps to
// something else (a Traditional-only character). Pure Simplified text costs one Set lookup per Han char.
import { lazyRequire } from '../lazy-require.js';

type Converter = (s: string) => string;

interface OpenccState {
  trad: Set<string>;
  convert: Converter;
}

let opencc: OpenccState | null | undefined;

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

function loadOpencc(): OpenccState | null {
  if (opencc !== undefined) return opencc;
  try {
    // UMD build of the Traditional → Simplified preset only (~110 kB), not the full 1.2 MB bundle.
    const m = lazyRequire('opencc-js/t2cn') as {
      Converter(o: { from: string; to: string }): Converter;
      Locale: { from: Record<string, unknown>; configs?: Record<string, { conversionChain?: unknown }> };
    };
    const convert = m.Converter({ from: 'tw', to: 'cn' });
    opencc = { trad: tradChars(m.Locale, convert), convert };
  } catch {
    opencc = null;
  }
  return opencc;
}

/** Single characters that OpenCC's tw→cn conversion changes (the gate for running the converter). */
function tradChars(locale: unknown, convert: Converter): Set<string> {
  const set = new Set<string>();
  const seen = new Set<string>();
  // Collect candidate keys from every dictionary string reachable in the preset ("k v|k v|…").
  const visit = (x: unknown, depth: number): void => {
    if (depth > 6 || x == null) return;
    if (typeof x === 'string') {
      for (const pair of x.split('|')) {
        const sp = pair.indexOf(' ');
        const key = sp < 0 ? pair : pair.slice(0, sp);
        for (const ch of key) if (HAN.test(ch)) seen.add(ch);
      }
      return;
    }
    if (Array.isArray(x)) for (const y of x) visit(y, depth + 1);
    else if (typeof x === 'object') for (const y of Object.values(x as Record<string, unknown>)) visit(y, depth + 1);
  };
  visit(locale, 0);
  for (const ch of seen) if (convert(ch) !== ch) set.add(ch);
  return set;
}

/** Traditional → Simplified, only when the text holds a Traditional-only character. */
export function toSimplified(s: string): string {
  let han = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) {
      han = true;
      break;
    }
  }
  if (!han) return s;
  const oc = loadOpencc();
  if (!oc) return s;
  for (const ch of s) {
    if (oc.trad.has(ch)) return oc.convert(s);
  }
  return s;
}

/** True when opencc-js could be loaded (T→S available). */
export function traditionalConversionAvailable(): boolean {
  return loadOpencc() != null;
}

const HWS = /[^\S\n]+/g;
const NL = / ?\n\s*/g;
// Characters NFKC leaves alone but that are the same thing for matching.
const EXTRA: Record<string, string> = {
  '\u3002': '.', // 。 → keep as sentence end, but a single form
  '\u2018': "'",
  '\u2019': "'",
  '\u201c': '"',
  '\u201d': '"',
  '\u3001': ',', // 、
};
const EXTRA_RE = /[\u3002\u2018\u2019\u201c\u201d\u3001]/g;

/**
 * Normalise a comment for matching and scoring: NFKC, full-width → half-width, curly quotes → straight,
 * 。、 → . , , Latin lower-case, whitespace runs collapsed to one space (a line break is kept as one \n: a sentence boundary), trimmed, Traditional → Simplified.
 * Lengths change (whitespace collapse), so offsets refer to the normalised text.
 */
export function normalizeText(s: string | null | undefined): string {
  if (s == null) return '';
  let t = s.normalize('NFKC');
  t = t.replace(EXTRA_RE, (c) => EXTRA[c] ?? c);
  t = t.replace(/\r\n?/g, '\n').replace(HWS, ' ').replace(NL, '\n').trim();
  // toLowerCase only touches cased scripts (Latin, Greek, Cyrillic): Han text is unchanged.
  t = t.toLowerCase();
  return toSimplified(t);
}

/** Counts of Han characters and Latin letters. */
function scriptCounts(s: string): { han: number; latin: number } {
  let han = 0;
  let latin = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x3400 && c <= 0x9fff) han++;
    else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f)) latin++;
    else if (c >= 0xff21 && c <= 0xff5a) latin++; // full-width Latin
  }
  return { han, latin };
}

/**
 * Language of a comment: 'en' when there is no Han character, 'zh' when Latin letters are few (brand or
 * model names such as "app", "XP": fewer than 4 letters, or fewer than half the Han count), else 'mixed'.
 */
export function detectLang(text: string): 'zh' | 'en' | 'mixed' {
  const { han, latin } = scriptCounts(text);
  if (han === 0) return 'en';
  if (latin < 4 || latin * 2 < han) return 'zh';
  return 'mixed';
}
