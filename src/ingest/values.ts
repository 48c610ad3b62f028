// One reader for scale answers (NPS, ratings, agreement/satisfaction labels), used by import inference and by
// every command that reads scores (score, drivers, kano importance, servqual, describe).
//
// A raw answer is read as: empty / "not applicable" → missing (null); a number → that number; otherwise
// NFKC (full-width digits, ideographic spaces), unit suffixes (10分, 9 分, 4星, 8 points), star glyphs (★★★★),
// a number with a label in either order (非常愿意 10, 10 - 极有可能, 1 - 非常不满意), a label of a known
// vocabulary (非常不满意…非常满意, Strongly disagree…Strongly agree, 很差…很好, never…always …) or a label map
// from the question (scale labels, choices, cx.yaml `values`). Anything else is unreadable (NaN).
// The scale comes from the vocabulary, the question text (1-5分, 0–10, (1=非常不满意, 5=非常满意)) or
// cx.yaml, never from the values that happen to occur (see scaleFromText / scaleFromValues).

/** A vocabulary of ordered answer labels, low → high; `aliases` maps other wordings to a label. */
export interface Vocab {
  id: string;
  kind: 'satisfaction' | 'agreement' | 'ease' | 'likelihood' | 'quality' | 'frequency' | 'importance';
  labels: string[];
  aliases?: Record<string, string>;
}

const V = (id: string, kind: Vocab['kind'], labels: string[], aliases: Record<string, string> = {}): Vocab => ({ id, kind, labels, aliases });

/** Known vocabularies. The first one that covers every label of a column wins (more specific ones first). */
export const VOCABS: Vocab[] = [
  V('agree5-en', 'agreement', ['strongly disagree', 'disagree', 'neither agree nor disagree', 'agree', 'strongly agree'], {
    'neither agree or disagree': 'neither agree nor disagree', neutral: 'neither agree nor disagree', 'neither disagree nor agree': 'neither agree nor disagree',
    'totally disagree': 'strongly disagree', 'totally agree': 'strongly agree', 'completely disagree': 'strongly disagree', 'completely agree': 'strongly agree',
  }),
  V('agree7-en', 'agreement', ['strongly disagree', 'disagree', 'somewhat disagree', 'neither agree nor disagree', 'somewhat agree', 'agree', 'strongly agree'], {
    'neither agree or disagree': 'neither agree nor disagree', neutral: 'neither agree nor disagree', 'slightly disagree': 'somewhat disagree', 'slightly agree': 'somewhat agree',
    'slight disagree': 'somewhat disagree', 'slight agree': 'somewhat agree',
  }),
  V('agree6-en', 'agreement', ['strongly disagree', 'disagree', 'slightly disagree', 'slightly agree', 'agree', 'strongly agree'], {
    'slight disagree': 'slightly disagree', 'slight agree': 'slightly agree',
  }),
  V('agree5-zh', 'agreement', ['非常不同意', '不同意', '一般', '同意', '非常同意'], {
    很不同意: '非常不同意', 完全不同意: '非常不同意', 比较不同意: '不同意', 不太同意: '不同意', 中立: '一般', 不确定: '一般', 说不清: '一般', 既不同意也不反对: '一般',
    比较同意: '同意', 很同意: '非常同意', 完全同意: '非常同意',
  }),
  V('sat5-en', 'satisfaction', ['very dissatisfied', 'dissatisfied', 'neither satisfied nor dissatisfied', 'satisfied', 'very satisfied'], {
    neutral: 'neither satisfied nor dissatisfied', 'neither satisfied or dissatisfied': 'neither satisfied nor dissatisfied', 'extremely dissatisfied': 'very dissatisfied',
    'somewhat dissatisfied': 'dissatisfied', 'somewhat satisfied': 'satisfied', 'extremely satisfied': 'very satisfied', unsatisfied: 'dissatisfied', 'very unsatisfied': 'very dissatisfied',
  }),
  V('sat5-zh', 'satisfaction', ['非常不满意', '不满意', '一般', '满意', '非常满意'], {
    很不满意: '非常不满意', 极不满意: '非常不满意', 比较不满意: '不满意', 不太满意: '不满意', 中立: '一般', 说不清: '一般', 不确定: '一般', 基本满意: '满意',
    比较满意: '满意', 很满意: '非常满意', 十分满意: '非常满意', 十分不满意: '非常不满意',
  }),
  V('ease5-en', 'ease', ['very difficult', 'difficult', 'neither easy nor difficult', 'easy', 'very easy'], {
    neutral: 'neither easy nor difficult', 'neither easy or difficult': 'neither easy nor difficult', 'extremely difficult': 'very difficult', 'somewhat difficult': 'difficult',
    'somewhat easy': 'easy', 'extremely easy': 'very easy', 'very hard': 'very difficult', hard: 'difficult',
  }),
  V('ease5-zh', 'ease', ['非常困难', '困难', '一般', '容易', '非常容易'], {
    很困难: '非常困难', 非常难: '非常困难', 很难: '非常困难', 比较困难: '困难', 较难: '困难', 难: '困难', 中立: '一般', 比较容易: '容易', 较容易: '容易',
    简单: '容易', 比较简单: '容易', 很容易: '非常容易', 非常简单: '非常容易', 很简单: '非常容易', 非常费力: '非常困难', 费力: '困难', 轻松: '容易', 非常轻松: '非常容易',
  }),
  V('likely5-en', 'likelihood', ['very unlikely', 'unlikely', 'neither likely nor unlikely', 'likely', 'very likely'], {
    'extremely unlikely': 'very unlikely', 'somewhat unlikely': 'unlikely', neutral: 'neither likely nor unlikely',
    'somewhat likely': 'likely', 'extremely likely': 'very likely', 'definitely not': 'very unlikely', 'probably not': 'unlikely', 'probably': 'likely', 'definitely': 'very likely',
  }),
  V('likely5-zh', 'likelihood', ['非常不可能', '不太可能', '一般', '可能', '非常可能'], {
    完全不可能: '非常不可能', 很不可能: '非常不可能', 不可能: '不太可能', 不确定: '一般', 说不好: '一般', 中立: '一般', 比较可能: '可能', 很可能: '非常可能', 极有可能: '非常可能',
    非常不愿意: '非常不可能', 不愿意: '不太可能', 不太愿意: '不太可能', 愿意: '可能', 比较愿意: '可能', 非常愿意: '非常可能', 很愿意: '非常可能',
  }),
  V('quality5-zh', 'quality', ['很差', '差', '一般', '好', '很好'], {
    非常差: '很差', 极差: '很差', 较差: '差', 比较差: '差', 不好: '差', 中等: '一般', 较好: '好', 比较好: '好', 良好: '好', 非常好: '很好', 优秀: '很好', 极好: '很好',
  }),
  V('quality5-en', 'quality', ['poor', 'fair', 'good', 'very good', 'excellent']),
  V('quality5b-en', 'quality', ['very poor', 'poor', 'fair', 'good', 'excellent'], { average: 'fair', 'very bad': 'very poor', bad: 'poor', okay: 'fair', ok: 'fair' }),
  V('freq5-en', 'frequency', ['never', 'rarely', 'sometimes', 'often', 'always'], { seldom: 'rarely', occasionally: 'sometimes', 'very often': 'often', usually: 'often', frequently: 'often' }),
  V('freq5-zh', 'frequency', ['从不', '很少', '有时', '经常', '总是'], { 从来没有: '从不', 从未: '从不', 偶尔: '很少', 较少: '很少', 有时候: '有时', 时常: '经常', 常常: '经常', 一直: '总是', 每次都是: '总是' }),
  V('importance5-en', 'importance', ['not at all important', 'slightly important', 'moderately important', 'very important', 'extremely important'], { 'not important': 'not at all important' }),
  V('importance5-zh', 'importance', ['非常不重要', '不重要', '一般', '重要', '非常重要'], { 很不重要: '非常不重要', 不太重要: '不重要', 比较重要: '重要', 很重要: '非常重要' }),
];

/** Answers that mean "no answer on this scale": missing, not a scale point (compared after normalise()). */
export const NOT_APPLICABLE = new Set([
  'not applicable', 'n/a', 'na', 'n.a.', "don't know", 'dont know', 'don’t know', 'do not know', 'no opinion', 'prefer not to say', 'not sure / n/a',
  'no answer', 'refused', 'no idea', 'not sure', 'unsure', '说不上来', '-', '--', '—', '不适用', '不知道', '不清楚', '无法评价', '无法回答', '不好说', '(跳过)', '(空)', '跳过', '(skipped)', 'skipped',
]);
/** Numeric codes for "don't know" / "no basis" / seen-but-unanswered inside scales. */
export const MISSING_CODES = new Set([-1, -2, -3, -9, -99, -999]);

/** NFKC, trimmed, lower case, single spaces: the form every comparison uses. */
export function normalise(s: string): string {
  return s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
}

const NUM = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const UNIT = String.raw`(?:分|星|颗星|points?|pts?|stars?)`;
const WITH_UNIT = new RegExp(String.raw`^([+-]?\d+(?:\.\d+)?)\s*${UNIT}$`);
const STARS = /^[★☆⭐✩✭✮✯✰\s]+$/u;
/** "10 - 极有可能", "1 - 非常不满意", "5.非常满意", "10 (极有可能)", "9分 满意": the number first. */
const LEADING = new RegExp(String.raw`^([+-]?\d+(?:\.\d+)?)\s*${UNIT}?\s*(?:[-–—:：=、.．)）(（]\s*|\s+)([^\d\s].*)$`, 'su');
/** "非常愿意 10", "Extremely likely - 10", "满分10分": the only number, at the end. */
const TRAILING = new RegExp(String.raw`^([^\d]*[^\d\s.+-])\s*[-–—:：=(（]?\s*(\d+(?:\.\d+)?)\s*${UNIT}?\s*[)）]?$`, 'su');

function stripLabel(s: string): string {
  return s.replace(/^[\s\-–—:：=()（）.、]+|[\s\-–—:：=()（）.、]+$/g, '');
}

/** Normalised label → { vocabulary, 1-based code }, for every vocabulary label and alias. */
const LABEL_INDEX = new Map<string, { vocab: Vocab; code: number }[]>();
for (const v of VOCABS) {
  const add = (lab: string, code: number) => {
    const k = normalise(lab);
    const list = LABEL_INDEX.get(k) ?? [];
    if (!list.some((x) => x.vocab === v)) list.push({ vocab: v, code });
    LABEL_INDEX.set(k, list);
  };
  v.labels.forEach((l, i) => add(l, i + 1));
  for (const [a, l] of Object.entries(v.aliases ?? {})) add(a, v.labels.indexOf(l) + 1);
}

/** Whether a normalised text is a label of some known vocabulary. */
export function isVocabLabel(s: string): boolean {
  return LABEL_INDEX.has(normalise(s));
}

/**
 * The vocabulary that reads the most of `labels` (weighted by `counts`), when it reads at least two of them.
 * Labels of no vocabulary are ignored (they become unreadable answers).
 */
export function matchVocab(labels: string[], counts?: number[]): Vocab | undefined {
  let best: Vocab | undefined;
  let bestKey: number[] = [];
  for (const v of VOCABS) {
    let score = 0;
    let distinct = 0;
    let exact = 0;
    const own = new Set(v.labels.map(normalise));
    labels.forEach((l, i) => {
      const k = normalise(l);
      const hits = LABEL_INDEX.get(k);
      if (hits?.some((h) => h.vocab === v)) {
        score += counts?.[i] ?? 1;
        distinct++;
        if (own.has(k)) exact++;
      }
    });
    if (distinct < 2) continue;
    // Most answers read, then most read by the vocabulary's own wording, then the shortest scale
    // (Strongly disagree…Strongly agree without a midpoint is the 6-point, not the 7-point scale).
    const key = [score, exact, -v.labels.length];
    const better = !best || key[0]! > bestKey[0]! || (key[0] === bestKey[0] && (key[1]! > bestKey[1]! || (key[1] === bestKey[1] && key[2]! > bestKey[2]!)));
    if (better) {
      best = v;
      bestKey = key;
    }
  }
  return best;
}

export interface ReaderSpec {
  /** Label → code from the question: scale labels, numeric choices, cx.yaml `values` (highest priority). */
  labels?: Record<string, number>;
  /** The answer vocabulary of the column, when known. */
  vocab?: Vocab;
  /** Read a bare vocabulary label of any vocabulary (default true only when no vocab is given). */
  anyVocab?: boolean;
  /** −1, −99 … are "don't know" codes (missing); false on scales that include negative numbers. */
  missingCodes?: boolean;
}

/**
 * Reads one raw answer: a number, null (missing: empty, "not applicable", −99-style codes) or NaN (unreadable).
 * Pure and allocation-free for plain numbers; callers memoise per distinct text.
 */
export function readAnswer(raw: string | number | null | undefined, spec: ReaderSpec = {}): number | null {
  if (raw == null) return null;
  const codes = spec.missingCodes !== false;
  if (typeof raw === 'number') {
    if (raw !== raw) return null;
    return codes && MISSING_CODES.has(raw) ? null : raw;
  }
  const t0 = raw.trim();
  if (t0 === '') return null;
  if (NUM.test(t0)) {
    const v = Number(t0);
    return codes && MISSING_CODES.has(v) ? null : v;
  }
  const t = normalise(t0);
  if (t === '' || NOT_APPLICABLE.has(t)) return null;
  const own = spec.labels;
  if (own) {
    const hit = own[t0] ?? own[t];
    if (hit !== undefined) return hit;
  }
  if (NUM.test(t)) {
    const v = Number(t);
    return codes && MISSING_CODES.has(v) ? null : v;
  }
  let m = WITH_UNIT.exec(t);
  if (m) return Number(m[1]);
  if (STARS.test(t)) {
    const full = (t.match(/[★⭐✭✮✯✰]/gu) ?? []).length;
    return full > 0 || t.includes('☆') ? full : NaN;
  }
  const byLabel = (s: string): number | undefined => {
    const k = normalise(stripLabel(s));
    if (own && own[k] !== undefined) return own[k];
    const hits = LABEL_INDEX.get(k);
    if (!hits) return undefined;
    if (spec.vocab) return hits.find((h) => h.vocab === spec.vocab)?.code;
    return spec.anyVocab === false ? undefined : hits[0]!.code;
  };
  m = LEADING.exec(t);
  if (m) return Number(m[1]);
  m = TRAILING.exec(t);
  if (m) return Number(m[2]);
  const lab = byLabel(t);
  if (lab !== undefined) return lab;
  if (own) {
    // Labels stored with other spacing or case.
    for (const [k, v] of Object.entries(own)) if (normalise(k) === t) return v;
  }
  return NaN;
}

/** The form of an answer that is not a plain number (for deciding whether a column is a scale). */
export function hasLabelForm(raw: string): 'leading' | 'trailing' | 'unit' | 'stars' | 'label' | undefined {
  const t = normalise(raw);
  if (WITH_UNIT.test(t)) return 'unit';
  if (STARS.test(t)) return 'stars';
  if (LEADING.test(t)) return 'leading';
  if (TRAILING.test(t)) return 'trailing';
  if (LABEL_INDEX.has(normalise(stripLabel(t)))) return 'label';
  return undefined;
}

/** "10 - 极有可能" → { code: 10, label: "极有可能" } (either order); undefined when the answer has no label. */
export function splitNumberLabel(raw: string): { code: number; label: string } | undefined {
  const t = raw.normalize('NFKC').trim();
  let m = LEADING.exec(t);
  if (m) return { code: Number(m[1]), label: stripLabel(m[2]!) };
  m = TRAILING.exec(t);
  if (m) return { code: Number(m[2]), label: stripLabel(m[1]!) };
  return undefined;
}

export interface ScaleGuess {
  min: number;
  max: number;
  /** Where the scale came from. */
  from: 'text' | 'labels' | 'vocabulary' | 'values' | 'nps' | 'config';
}

const RANGE = String.raw`([01])\s*(?:-|–|—|~|～|〜|到|至|to)\s*(3|4|5|6|7|9|10)`;
/**
 * The scale a question text states: "1-5分", "0–10", "从0到10", "on a scale of 1 to 7", "(1=非常不满意, 5=非常满意)".
 */
export function scaleFromText(text: string): ScaleGuess | undefined {
  const t = text.normalize('NFKC');
  // (1=非常不满意, 5=非常满意) / 1 = very poor … 5 = excellent
  const eq = [...t.matchAll(/(?:^|[^\d.])(\d{1,2})\s*(?:=|:|：|分\s*[=:：]|表示|代表)\s*[^\d,，;；、)）]+/g)].map((m) => Number(m[1]));
  if (eq.length >= 2) {
    const lo = Math.min(...eq);
    const hi = Math.max(...eq);
    if ((lo === 0 || lo === 1) && hi >= 3 && hi <= 10) return { min: lo, max: hi, from: 'text' };
  }
  const re = new RegExp(String.raw`(?:^|[^\d./:-])${RANGE}(?![\d./:])`, 'gi');
  for (const m of t.matchAll(re)) {
    const lo = Number(m[1]);
    const hi = Number(m[2]);
    if (hi > lo) return { min: lo, max: hi, from: 'text' };
  }
  return undefined;
}

/**
 * A scale from the values alone, the last resort: 0 or 1 up to 3, 5, 7 or 10. A 1–3 item stays 1–3; a rare top
 * value just above 5 or 7 (one "6" among a hundred 1–5 answers) is a stray answer, not a wider scale.
 * `counts[v]` is the number of answers with value v (0 ≤ v ≤ 10).
 */
export function scaleFromValues(min: number, max: number, counts?: ArrayLike<number>): ScaleGuess {
  const lo = min <= 0 ? 0 : 1;
  let top = max;
  if (counts) {
    let total = 0;
    for (let v = 0; v < counts.length; v++) total += counts[v]!;
    const rare = Math.max(1, Math.floor(total * 0.02));
    // Strip rare values above a common scale end (5 or 7) while the rest of the column stays within it.
    for (const end of [5, 7]) {
      if (top <= end) break;
      let above = 0;
      for (let v = end + 1; v < counts.length; v++) above += counts[v]!;
      let at = 0;
      for (let v = lo; v <= end; v++) at += counts[v]!;
      if (above <= rare && total >= 10 && counts[end]! > 0 && at >= total - rare) top = end;
    }
  }
  const hi = top <= 3 ? 3 : top <= 5 ? 5 : top <= 7 ? 7 : 10;
  return { min: lo, max: hi, from: 'values' };
}

/** What a question contributes to reading its answers: scale labels, numeric choices, cx.yaml `values`. */
export interface QuestionLike {
  id: string;
  type?: string;
  scale?: { min: number; max: number; labels?: Record<string, string> };
  choices?: { code: string; label: string }[];
  /** cx.yaml `questions.ID.values`: answer text → code (wins over everything else). */
  values?: Record<string, number>;
}

/**
 * A memoised reader for one question's answers on [min, max]: returns the code, null (missing) or NaN
 * (unreadable). Vocabulary labels are read only when the vocabulary has exactly the scale's points (a bare
 * "非常满意" is 5 on 1–5, but means nothing on an NPS 0–10 question). `distinct` (the column's answers) picks
 * the vocabulary.
 */
export function readerFor(q: QuestionLike, min: number, max: number, distinct?: string[]): (raw: string) => number | null {
  const labels: Record<string, number> = {};
  for (const c of q.choices ?? []) {
    const code = Number(c.code);
    if (c.code.trim() !== '' && Number.isFinite(code)) {
      labels[c.label.trim()] = code;
      labels[normalise(c.label)] = code;
    }
  }
  for (const [v, label] of Object.entries(q.scale?.labels ?? {})) {
    const code = Number(v);
    if (Number.isFinite(code)) {
      labels[label.trim()] = code;
      labels[normalise(label)] = code;
    }
  }
  for (const [k, v] of Object.entries(q.values ?? {})) {
    labels[k] = v;
    labels[normalise(k)] = v;
  }
  const vocab = distinct ? matchVocab(distinct) : undefined;
  const fits = (v: Vocab | undefined) => v !== undefined && min === 1 && max === v.labels.length;
  const spec: ReaderSpec = { labels, vocab: fits(vocab) ? vocab : undefined, anyVocab: false, missingCodes: !(min < 0) };
  const memo = new Map<string, number | null>();
  return (raw: string) => {
    let v = memo.get(raw);
    if (v === undefined) {
      v = readAnswer(raw, spec);
      if (memo.size < 10_000) memo.set(raw, v);
    }
    return v;
  };
}
