// "No comment" answers: text that says nothing (无, 没有建议, 暂无, n/a, none, "-", "。。。", "aaaa",
// "same as above"). They are not coded, not scored, not quoted and not followed up; commands count them
// apart as `noComment` so that bases and shares rest on real comments only.
import { normalizeText } from './normalize.js';

// Whole answers (after normalisation, trailing punctuation and polite fillers removed).
const ZH = [
  '无', '没有', '没', '木有', '暂无', '暂时没有', '暂时无', '目前没有', '目前无', '无意见', '没意见', '没有意见', '暂无意见',
  '无建议', '没建议', '没有建议', '暂无建议', '没有什么建议', '没什么建议', '没啥建议', '无其他', '没有其他', '无其它',
  '没有其它', '其他无', '其它无', '没有了', '没了', '无了', '没什么', '没什么说的', '没什么可说的', '没啥说的', '没啥', '不知道',
  '不清楚', '说不清', '无所谓', '随便', '都行', '同上', '如上', '见上', '同前', '无话可说', '没有要说的', '无可奉告', '略', '空',
  '没有想法', '没想法', '暂时没想到', '想不到', '想不出来', '不需要', '无需',
];
const EN = [
  'n/a', 'na', 'n.a', 'n.a.', 'none', 'nothing', 'no', 'nope', 'nil', 'null', 'no comment', 'no comments', 'nothing to add',
  'nothing else', 'nothing more', 'nothing to say', 'nothing really', 'not really', 'no suggestions', 'no suggestion',
  'none at the moment', 'none for now', 'nothing at the moment', 'nothing for now', 'no idea', "don't know", 'dont know',
  'idk', 'not sure', 'no opinion', 'same as above', 'see above', 'as above', 'ditto', 'same', 'blank', 'skip', 'pass',
  'no thanks', 'no thank you', 'nothing comes to mind', 'not applicable', 'tbd',
];
const WORDS = new Set([...ZH, ...EN]);
/** Fillers stripped from both ends before the lookup (谢谢, 哈哈, "thanks"). */
const FILLERS = /^(?:暂时|目前|其实|嗯+|额+|呃+|哈+|谢谢|感谢|thanks|thank you|ok|okay|好的|还好)?(.*?)(?:谢谢|感谢|啦|了|哈+|呀|啊|吧|thanks|thank you)?$/u;
const PUNCT_ONLY = /^[\p{P}\p{S}\s\d]*$/u;

/**
 * True when a comment carries no content: empty-meaning words (zh/en), punctuation or symbols only, one
 * character repeated ("aaaa", "。。。", "111"), or "same as above". Empty/blank text is not a no-comment
 * (it is missing).
 */
export function isNoComment(text: string | null | undefined): boolean {
  if (text == null) return false;
  const raw = text.trim();
  if (!raw) return false;
  const s = normalizeText(raw).trim();
  return s ? noCommentNormalized(s) : true;
}

/** isNoComment for text already normalised (normalizeText output, non-empty). */
export function noCommentNormalized(s: string): boolean {
  if (s.length > 40) return false;
  if (PUNCT_ONLY.test(s)) return true;
  const core = s.replace(/[\p{P}\p{S}\s]+/gu, ' ').trim();
  if (!core) return true;
  const chars = [...core.replace(/\s+/g, '')];
  if (chars.length >= 2 && chars.every((c) => c === chars[0])) return true;
  if (chars.length === 1 && /[a-z]/i.test(chars[0]!)) return true; // "x", "a"
  if (core.length > 30) return false;
  if (WORDS.has(core) || WORDS.has(core.replace(/\s+/g, ''))) return true;
  const m = FILLERS.exec(core.replace(/\s+/g, ' '));
  const inner = m?.[1]?.trim() ?? '';
  if (inner && inner !== core && (WORDS.has(inner) || WORDS.has(inner.replace(/\s+/g, '')))) return true;
  return false;
}

/** Indexes → flags for a column of texts. */
export function noCommentFlags(texts: readonly (string | null | undefined)[]): boolean[] {
  return texts.map(isNoComment);
}
