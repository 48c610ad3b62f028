// Kano answer parsing (METHODS.md §2.1): codes 1–5 or the answer wording in English or Chinese.
// 1 like · 2 must-be/expect · 3 neutral · 4 live-with/tolerate · 5 dislike.

export type KanoAnswer = 1 | 2 | 3 | 4 | 5;

/** Exact wordings after normalisation (lower case, no spaces or punctuation). */
const EXACT: Record<string, KanoAnswer> = {};
const add = (code: KanoAnswer, words: string[]) => {
  for (const w of words) EXACT[norm(w)] = code;
};

function norm(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

add(1, [
  'like', 'i like it', 'i like', 'like it', 'i would like it', 'i like it that way', 'delighted', 'satisfied',
  'very helpful', 'love it', 'i love it', 'enjoy', 'i enjoy it',
  '我很喜欢', '很喜欢', '喜欢', '非常喜欢', '我喜欢', '感到满意', '满意', '很满意', '非常满意', '令人满意', '我会很高兴',
]);
add(2, [
  'must be', 'must-be', 'must be that way', 'it must be that way', 'i expect it', 'expect it', 'expect', 'expected',
  'i expect it that way', 'basic requirement', 'it should be that way', 'must have', 'musthave', 'taken for granted',
  '理应如此', '理所当然', '必须这样', '必须的', '必须如此', '应该的', '应该如此', '本应如此', '理应这样', '必备',
  '应该这样', '它必须这样', '当然应该', '理所应当',
]);
add(3, [
  'neutral', 'i am neutral', "i'm neutral", 'im neutral', 'indifferent', 'i am indifferent', "don't care", 'dont care',
  "i don't care", 'would not affect me', 'no feeling', 'does not matter', "doesn't matter", 'no opinion',
  '无所谓', '我无所谓', '中立', '没感觉', '没有感觉', '都可以', '无所谓的', '一般', '不在乎', '中性',
]);
add(4, [
  'live with', 'i can live with it', 'can live with it', 'live with it', 'live-with', 'tolerate', 'i can tolerate it',
  'can tolerate it', 'tolerate it', 'minor inconvenience', 'i can live with that', 'accept', 'acceptable',
  '能忍受', '我能忍受', '可以忍受', '勉强接受', '能接受', '可以接受', '勉强可以接受', '忍受', '还能忍受', '尚可忍受',
]);
add(5, [
  'dislike', 'i dislike it', 'dislike it', 'i dislike', "i don't like it", 'i do not like it', "don't like",
  'major problem', 'dissatisfied', 'i hate it', 'hate it',
  '我很不喜欢', '很不喜欢', '不喜欢', '非常不喜欢', '我不喜欢', '感到不满', '不满', '不满意', '很不满意', '非常不满意',
  '讨厌', '我很不满意',
]);

/**
 * Parse one answer. Returns the code, null when missing (empty), or undefined when the text is not a
 * recognised Kano answer (the caller warns and counts it).
 */
export function parseKanoAnswer(v: string | number | null | undefined): KanoAnswer | null | undefined {
  if (v == null) return null;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return null;
    return Number.isInteger(v) && v >= 1 && v <= 5 ? (v as KanoAnswer) : undefined;
  }
  const s = v.trim();
  if (s === '') return null;
  if (/^[1-5](\.0+)?$/.test(s)) return Number(s) as KanoAnswer;
  const n = norm(s);
  if (n === '') return undefined;
  const exact = EXACT[n];
  if (exact) return exact;
  // A leading answer code as in "1 I like it", "1. 我很喜欢", "(5) dislike": trust the code.
  const lead = /^[([（]?\s*([1-5])\s*[)\]）.、:：\-\s]\s*(.+)$/u.exec(s);
  if (lead) {
    const rest = parseKanoAnswer(lead[2]!);
    const code = Number(lead[1]) as KanoAnswer;
    if (rest === code || rest === undefined || rest === null) return code;
    return undefined; // code and wording disagree: refuse rather than guess
  }
  // Containment fallback, most specific (negative) wordings first.
  if (/不喜欢|不满|dislike|don'?tlike|donotlike|ihate|hateit/.test(n)) return 5;
  if (/忍受|可以接受|勉强|livewith|tolerat/.test(n)) return 4;
  if (/无所谓|中立|没感觉|不在乎|neutral|indifferent|dontcare|notaffect/.test(n)) return 3;
  if (/理应|理所当然|必须|应该|mustbe|expect|basicrequirement/.test(n)) return 2;
  if (/喜欢|满意|^like|ilike|verhelpful|veryhelpful|delight/.test(n)) return 1;
  return undefined;
}
