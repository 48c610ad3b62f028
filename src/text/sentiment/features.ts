// Features for the trained sentiment model (TEXT.md §4.3): character 1–2-grams inside runs of Han
// characters and word 1–2-grams of Latin/digit words, so one model handles Chinese, English and mixed
// comments. Binary (presence) features. The text is expected to be normalised (normalizeText).

function isHan(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 39 || (c >= 0xc0 && c <= 0x24f);
}

/** Distinct features of a text. */
export function textFeatures(text: string): Set<string> {
  const f = new Set<string>();
  let prevWord: string | null = null;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isHan(c)) {
      prevWord = null;
      let j = i;
      while (j < n && isHan(text.charCodeAt(j))) j++;
      // Han run [i, j): unigrams, bigrams, and the run edges (a run start/end marks a clause edge).
      for (let k = i; k < j; k++) {
        f.add(text[k]!);
        if (k + 1 < j) f.add(text.slice(k, k + 2));
      }
      i = j;
    } else if (isWordChar(c)) {
      let j = i;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      const w = text.slice(i, j).toLowerCase();
      f.add('w:' + w);
      if (prevWord) f.add('w:' + prevWord + ' ' + w);
      prevWord = w;
      i = j;
    } else {
      const ch = text[i]!;
      if (ch === '!' || ch === '?' || ch === '！' || ch === '？') f.add('p:' + ch);
      // Sentence punctuation breaks word bigrams; spaces do not.
      if (ch !== ' ' && ch !== '-') prevWord = null;
      i++;
    }
  }
  return f;
}
