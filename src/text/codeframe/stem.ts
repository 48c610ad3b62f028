// Porter (1980) stemmer for English words, "An algorithm for suffix stripping", Program 14(3).
// Own implementation (no dependency): lower-case ASCII words only; other words are returned unchanged.
// Stems are cached (comments repeat the same few thousand words).

const cache = new Map<string, string>();

function isCons(w: string, i: number): boolean {
  const c = w[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
  if (c === 'y') return i === 0 ? true : !isCons(w, i - 1);
  return true;
}

/** m() of the stem w[0..end): number of VC sequences. */
function measure(w: string, end: number): number {
  let n = 0;
  let i = 0;
  while (i < end && isCons(w, i)) i++;
  while (i < end) {
    while (i < end && !isCons(w, i)) i++;
    if (i >= end) break;
    n++;
    while (i < end && isCons(w, i)) i++;
  }
  return n;
}

function hasVowel(w: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (!isCons(w, i)) return true;
  return false;
}

function endsDoubleCons(w: string): boolean {
  const n = w.length;
  return n >= 2 && w[n - 1] === w[n - 2] && isCons(w, n - 1);
}

/** *o: stem ends cvc where the last c is not w, x or y. */
function cvc(w: string, end: number): boolean {
  if (end < 3) return false;
  if (!isCons(w, end - 1) || isCons(w, end - 2) || !isCons(w, end - 3)) return false;
  const c = w[end - 1];
  return c !== 'w' && c !== 'x' && c !== 'y';
}

function replaceIf(w: string, suffix: string, rep: string, minM: number): string | null {
  if (!w.endsWith(suffix)) return null;
  const stemEnd = w.length - suffix.length;
  return measure(w, stemEnd) > minM ? w.slice(0, stemEnd) + rep : w;
}

const STEP2: [string, string][] = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'], ['bli', 'ble'],
  ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'], ['ation', 'ate'],
  ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'], ['ousness', 'ous'], ['aliti', 'al'],
  ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];
const STEP3: [string, string][] = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
];
const STEP4 = ['al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism',
  'ate', 'iti', 'ous', 'ive', 'ize'];

function step1ab(w: string): string {
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (w.endsWith('ss')) { /* keep */ } else if (w.endsWith('s')) w = w.slice(0, -1);

  if (w.endsWith('eed')) {
    if (measure(w, w.length - 3) > 0) w = w.slice(0, -1);
    return w;
  }
  let cut = 0;
  if (w.endsWith('ed') && hasVowel(w, w.length - 2)) cut = 2;
  else if (w.endsWith('ing') && hasVowel(w, w.length - 3)) cut = 3;
  if (cut === 0) return w;
  w = w.slice(0, -cut);
  if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) return w + 'e';
  if (endsDoubleCons(w)) {
    const c = w[w.length - 1];
    if (c !== 'l' && c !== 's' && c !== 'z') return w.slice(0, -1);
    return w;
  }
  if (measure(w, w.length) === 1 && cvc(w, w.length)) return w + 'e';
  return w;
}

function step1c(w: string): string {
  if (w.endsWith('y') && hasVowel(w, w.length - 1)) return w.slice(0, -1) + 'i';
  return w;
}

function stepList(w: string, list: [string, string][]): string {
  for (const [suf, rep] of list) {
    if (w.endsWith(suf)) return replaceIf(w, suf, rep, 0) ?? w;
  }
  return w;
}

function step4(w: string): string {
  for (const suf of STEP4) {
    if (!w.endsWith(suf)) continue;
    const end = w.length - suf.length;
    if (suf === 'ion') {
      const c = w[end - 1];
      if (end > 0 && (c === 's' || c === 't') && measure(w, end) > 1) return w.slice(0, end);
      return w;
    }
    return measure(w, end) > 1 ? w.slice(0, end) : w;
  }
  return w;
}

function step5(w: string): string {
  if (w.endsWith('e')) {
    const end = w.length - 1;
    const m = measure(w, end);
    if (m > 1 || (m === 1 && !cvc(w, end))) w = w.slice(0, end);
  }
  if (w.endsWith('ll') && measure(w, w.length) > 1) w = w.slice(0, -1);
  return w;
}

/** Porter stem of a lower-case word ("delivered" → "deliv", "ponies" → "poni"). */
export function stem(word: string): string {
  const hit = cache.get(word);
  if (hit !== undefined) return hit;
  let w = word;
  if (w.length > 2 && /^[a-z]+$/.test(w)) {
    w = step5(step4(stepList(stepList(step1c(step1ab(w)), STEP2), STEP3)));
  }
  if (cache.size > 200_000) cache.clear();
  cache.set(word, w);
  return w;
}
