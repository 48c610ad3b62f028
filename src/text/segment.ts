// Word segmentation for Chinese, English and mixed comments.
//
//   await loadSegmenter();            // once (loads @node-rs/jieba lazily, or falls back to Intl.Segmenter)
//   segment('菜不好吃,送餐也太慢了')   // → ['菜','不','好吃',',','送餐','也','太','慢','了']
//
// Han runs go to jieba (HMM on) or to Intl.Segmenter('zh') when the native addon cannot load (single binary)
// or env CX_SEGMENTER=intl. Latin words/numbers are tokenised by cx itself so English tokens are identical
// under both segmenters ("don't", "3.5", "iphone13" stay whole). Whitespace never yields a token;
// punctuation and symbols are one-character tokens (useful as clause boundaries; see isPunct()).
//
// Both Chinese segmenters merge degree adverbs / negators / particles into words (jieba: 很差, 太慢, 不好;
// Intl: 点了, 太慢). Such tokens are split again (很|差, 太|慢, 不|好, 点|了) so that a codeframe term 差
// or 慢 lines up with a token boundary and a negator in front of a word is its own token. Splitting only
// adds boundaries: a term like 不好 still matches the sequence 不|好.
import { createRequire } from 'node:module';

export type SegmenterName = 'jieba' | 'intl';

interface ZhCutter {
  name: SegmenterName;
  cut(run: string): string[];
}

let active: ZhCutter | null = null;
let loadError: string | null = null;

function intlCutter(): ZhCutter {
  const seg = new Intl.Segmenter('zh', { granularity: 'word' });
  return {
    name: 'intl',
    cut(run: string): string[] {
      const out: string[] = [];
      for (const s of seg.segment(run)) out.push(s.segment);
      return out;
    },
  };
}

function jiebaCutter(): ZhCutter {
  const req = createRequire(import.meta.url);
  const { Jieba } = req('@node-rs/jieba') as typeof import('@node-rs/jieba');
  const { dict } = req('@node-rs/jieba/dict.js') as { dict: Uint8Array };
  const j = Jieba.withDict(dict);
  return { name: 'jieba', cut: (run: string) => j.cut(run, true) };
}

/**
 * Load the segmenter once. `prefer` (or, on first load, env CX_SEGMENTER=intl|jieba) chooses; jieba falls back to
 * Intl.Segmenter when the native addon cannot be loaded. Returns the active segmenter's name.
 */
export async function loadSegmenter(prefer?: SegmenterName): Promise<SegmenterName> {
  // Without a preference, keep the segmenter already loaded (an explicit choice made earlier wins).
  if (!prefer && active) return active.name;
  const want = prefer ?? (process.env.CX_SEGMENTER === 'intl' ? 'intl' : 'jieba');
  if (active && active.name === want) return active.name;
  if (want === 'intl') {
    active = intlCutter();
    return active.name;
  }
  try {
    active = jiebaCutter();
  } catch (e) {
    loadError = e instanceof Error ? e.message : String(e);
    active = intlCutter();
  }
  return active.name;
}

/** Name of the active segmenter (null before loadSegmenter()). */
export function activeSegmenter(): SegmenterName | null {
  return active ? active.name : null;
}

/** Why jieba could not be loaded, when the Intl fallback is active because of an error. */
export function segmenterLoadError(): string | null {
  return loadError;
}

// Degree adverbs and negators split off the front of a longer Han token, longest first.
const PREFIXES = ['非常', '特别', '比较', '有点', '有些', '十分', '相当', '实在', '一点', '很', '太', '挺', '超', '真', '极', '最', '更', '巨', '不', '没', '未', '别'];
// 好 is a degree adverb only before these one-character adjectives (好难 → 好|难; 好吃, 好用 stay words).
const HAO_ADJ = new Set(['难', '差', '慢', '快', '贵', '烂', '少', '多', '大', '小', '凉', '冷', '热', '辣', '咸', '淡', '甜', '油', '硬', '脏', '乱', '丑', '坑']);
// Particles and "a bit" split off the end.
const SUFFIXES = ['一点', '一些', '一下', '了', '的', '啊', '吗', '呢', '吧', '啦', '呀'];
// Idioms with an inner 不/没/太/很 that stay whole (elsewhere X不Y → X|不|Y: 味道不好, 看不懂, 面太辣).
const INNER_KEEP = new Set(['差不多', '了不起', '对不起', '来不及', '忍不住', '不得不', '要不然', '好不容易', '恨不得', '说不定', '怪不得', '免不了', '少不了', '要不是', '老太太', '太太']);
// Words that begin/end with one of the above but are words of their own.
const KEEP = new Set([
  '不过', '不但', '不仅', '不管', '不论', '不同', '不断', '不少', '不久', '不然', '不如', '不要', '不用', '不够',
  '不错', '不是', '不会', '不能', '不行', '不太', '没有', '没事', '没法', '别人', '别的', '最后', '最近', '最终',
  '最初', '最多', '最少', '更新', '更换', '更改', '真的', '真是', '真正', '太太', '超市', '超过', '极其', '非常',
  '特别', '比较', '十分', '相当', '实在', '一点', '有点', '有些', '为了', '除了', '算了', '目的', '有的', '别的',
  '真的', '好的', '是的', '一直', '很多', '未来', '未必', '更多', '更加', '极了', '超级', '超值', '了解', '了不起',
]);

const PREFIX_FIRST = new Set(PREFIXES.map((p) => p[0]!));
const SUFFIX_LAST = new Set(SUFFIXES.map((p) => p[p.length - 1]!));

function splitHanToken(tok: string, out: string[]): void {
  if (tok.length < 2 || KEEP.has(tok)) {
    out.push(tok);
    return;
  }
  const first = tok[0]!;
  // Fast path: nothing to split off either end and no inner 不/没/太/很.
  if (!PREFIX_FIRST.has(first) && first !== '好' && first !== '了' && !SUFFIX_LAST.has(tok[tok.length - 1]!) && (tok.length < 3 || !/[不没太很]/.test(tok))) {
    out.push(tok);
    return;
  }
  if ((first === '好' && tok.length === 2 && HAO_ADJ.has(tok[1]!)) || first === '了') {
    // 好难 → 好|难; Intl.Segmenter's 了一, 了三 → 了|一.
    out.push(first);
    splitHanToken(tok.slice(1), out);
    return;
  }
  for (const p of PREFIXES) {
    if (tok.length > p.length && tok.startsWith(p)) {
      out.push(p);
      splitHanToken(tok.slice(p.length), out);
      return;
    }
  }
  for (const p of SUFFIXES) {
    if (tok.length > p.length && tok.endsWith(p)) {
      splitHanToken(tok.slice(0, -p.length), out);
      out.push(p);
      return;
    }
  }
  if (tok.length >= 3 && !INNER_KEEP.has(tok)) {
    for (let i = 1; i < tok.length - 1; i++) {
      const c = tok[i];
      if (c === '不' || c === '没' || c === '太' || c === '很') {
        splitHanToken(tok.slice(0, i), out);
        out.push(c);
        splitHanToken(tok.slice(i + 1), out);
        return;
      }
    }
  }
  out.push(tok);
}

// Han run | Latin/digit word (with inner ' . -) | any other single non-space code point.
const RUN_RE =
  /([\u3400-\u9fff\uf900-\ufaff]+)|([^\s\p{P}\p{S}\u3400-\u9fff\uf900-\ufaff]+(?:['.\-][^\s\p{P}\p{S}\u3400-\u9fff\uf900-\ufaff]+)*)|(\S)/gu;

export interface TokenSpan {
  text: string;
  start: number;
  end: number;
  /** 0 Han word, 1 Latin/number word, 2 punctuation/symbol. */
  kind: 0 | 1 | 2;
}

function ensureLoaded(): ZhCutter {
  if (!active) {
    // Synchronous callers that forgot loadSegmenter(): use the zero-dependency fallback rather than fail.
    active = process.env.CX_SEGMENTER === 'intl' ? intlCutter() : safeJieba();
  }
  return active;
}

function safeJieba(): ZhCutter {
  try {
    return jiebaCutter();
  } catch (e) {
    loadError = e instanceof Error ? e.message : String(e);
    return intlCutter();
  }
}

/** Tokens with their offsets in `text` (no whitespace tokens). */
export function segmentSpans(text: string): TokenSpan[] {
  const cutter = ensureLoaded();
  const out: TokenSpan[] = [];
  const parts: string[] = [];
  RUN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = RUN_RE.exec(text)) !== null) {
    if (m[1] !== undefined) {
      let pos = m.index;
      parts.length = 0;
      for (const w of cutter.cut(m[1])) splitHanToken(w, parts);
      for (const w of parts) {
        out.push({ text: w, start: pos, end: pos + w.length, kind: 0 });
        pos += w.length;
      }
    } else if (m[2] !== undefined) {
      out.push({ text: m[2], start: m.index, end: m.index + m[2].length, kind: 1 });
    } else {
      out.push({ text: m[3], start: m.index, end: m.index + m[3].length, kind: 2 });
    }
  }
  return out;
}

/** Tokens of `text` (no whitespace tokens; punctuation kept as one-character tokens). */
export function segment(text: string): string[] {
  return segmentSpans(text).map((t) => t.text);
}

const PUNCT_RE = /^[^\p{L}\p{N}]$/u;
/** True for a punctuation/symbol token. */
export function isPunct(token: string): boolean {
  return PUNCT_RE.test(token);
}

export { detectLang } from './normalize.js';
