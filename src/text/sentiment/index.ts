// Sentiment of open comments (TEXT.md §6): zero-config lexicons (wink-nlp for English, NTUSD + cx's CX
// list for Chinese, per clause for mixed comments) or a model trained with `cx sentiment train`.
//
//   const r = await analyzeSentiment(['送餐很快，好吃', 'Cold food, late.'], { lang: 'auto' });
//   // → [{ label: 'positive', score: > 0, lang: 'zh' }, { label: 'negative', score: < 0, lang: 'en' }]
import { readFileSync } from 'node:fs';
import { assertNotSpecial } from '../../dataset/file-guard.js';
import { normalizeText, detectLang } from '../normalize.js';
import { inputError } from '../../ui/errors.js';
import { scoreZhNormalized as scoreZhRaw, squash } from './zh.js';
import { noCommentNormalized } from '../nocomment.js';
import { checkModel, compilePredictor, type SentimentModel } from './model.js';
import type { SentimentLabel, SentimentResult } from './types.js';

export type { SentimentLabel, SentimentResult } from './types.js';
export type { SentimentModel } from './model.js';

export interface SentimentOptions {
  /** 'auto' (default) detects the language of each comment (and of each clause of a mixed comment). */
  lang?: 'auto' | 'en' | 'zh';
  /** A trained model (object, or path of a model file). */
  model?: SentimentModel | string;
}

const HAN = /[\u3400-\u9fff]/;
const LATIN2 = /[a-z].*[a-z]/i;
const CLAUSES = /[^,.!?;:，。！？；：~～…\n]+[,.!?;:，。！？；：~～…\n]*/g;

let enScorer: ((t: string) => number) | undefined;
async function en(): Promise<(t: string) => number> {
  if (!enScorer) enScorer = (await import('./en.js')).scoreEn;
  return enScorer;
}

/** English clause scores count like this many Chinese lexicon points when clauses of both are summed. */
const EN_CLAUSE_WEIGHT = 2;

/**
 * Raw zero-config score of a normalised text: Chinese lexicon points, plus English clause scores, or the
 * wink score alone for an English text. Positive > 0 > negative, 0 = nothing found.
 */
export function lexiconRawSync(text: string, lang: 'auto' | 'en' | 'zh', scoreEn: (t: string) => number): { raw: number; lang: SentimentResult['lang']; enOnly: boolean } {
  const l = lang === 'auto' ? detectLang(text) : lang;
  if (l === 'zh') return { raw: scoreZhRaw(text), lang: 'zh', enOnly: false };
  if (l === 'en' && !HAN.test(text)) return { raw: scoreEn(text), lang: 'en', enOnly: true };
  // Mixed (or forced language on text of the other script): score each clause in its own language.
  let raw = 0;
  let zh = false;
  let eng = false;
  for (const m of text.matchAll(CLAUSES)) {
    const c = m[0];
    if (HAN.test(c)) {
      raw += scoreZhRaw(c);
      zh = true;
    } else if (LATIN2.test(c)) {
      raw += EN_CLAUSE_WEIGHT * scoreEn(c);
      eng = true;
    }
  }
  return { raw, lang: zh && eng ? 'mixed' : zh ? 'zh' : eng ? 'en' : 'none', enOnly: false };
}

function labelOf(score: number): SentimentLabel {
  return score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral';
}

/** Reads and validates a model file; exit-2 errors name the file. */
export function loadModelFile(file: string): SentimentModel {
  assertNotSpecial(file, 'model');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw inputError(`${file}: cannot read the model file; check the path.`, `${file}：无法读取模型文件，请检查路径。`);
  }
  let obj: unknown;
  try {
    obj = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    obj = undefined;
  }
  return checkModel(obj, file);
}

/**
 * One result per text, same order. Missing/empty comments get label 'neutral', score NaN, lang 'none'.
 */
export async function analyzeSentiment(texts: readonly (string | null | undefined)[], opts: SentimentOptions = {}): Promise<SentimentResult[]> {
  const lang = opts.lang ?? 'auto';
  const model = typeof opts.model === 'string' ? loadModelFile(opts.model) : opts.model;
  const scoreEn = await en();
  const predict = model ? compilePredictor(model) : undefined;
  const out: SentimentResult[] = new Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const t = normalizeText(texts[i]);
    if (!t) {
      out[i] = { label: 'neutral', score: NaN, lang: 'none' };
      continue;
    }
    if (noCommentNormalized(t)) {
      out[i] = { label: 'neutral', score: NaN, lang: 'none', noComment: true };
      continue;
    }
    const { raw, lang: l, enOnly } = lexiconRawSync(t, lang, scoreEn);
    if (!model || !predict) {
      const score = enOnly ? raw : squash(raw);
      out[i] = { label: labelOf(score), score, lang: l };
      continue;
    }
    const p = predict(t, raw);
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k]! > p[best]!) best = k;
    const pos = model.classes.indexOf('positive');
    const neg = model.classes.indexOf('negative');
    const score = (pos >= 0 ? p[pos]! : 0) - (neg >= 0 ? p[neg]! : 0);
    out[i] = { label: model.classes[best]!, score, lang: l };
  }
  return out;
}

export interface SentimentCounts {
  n: number;
  positive: number;
  neutral: number;
  negative: number;
  positivePct: number;
  neutralPct: number;
  negativePct: number;
  /** Mean score in [-1, 1]. */
  meanScore: number;
  /** Positive % − negative % (a "net sentiment" on −100…100). */
  netSentiment: number;
}

export interface SentimentSummary extends SentimentCounts {
  /** Comments without text (not counted in n). */
  missing: number;
  /** Answers that say nothing (无, n/a, "-"): not counted in n nor in missing. */
  noComment: number;
  byLang: ({ lang: string } & SentimentCounts)[];
}

function counts(rs: readonly SentimentResult[]): SentimentCounts {
  let p = 0, z = 0, m = 0, s = 0;
  for (const r of rs) {
    if (r.label === 'positive') p++;
    else if (r.label === 'negative') m++;
    else z++;
    s += r.score;
  }
  const n = rs.length;
  const pct = (k: number) => (n ? (100 * k) / n : NaN);
  return { n, positive: p, neutral: z, negative: m, positivePct: pct(p), neutralPct: pct(z), negativePct: pct(m), meanScore: n ? s / n : NaN, netSentiment: n ? pct(p) - pct(m) : NaN };
}

/** Counts, percentages and mean score, overall and by language; missing comments are reported apart. */
export function summarizeSentiment(results: readonly SentimentResult[]): SentimentSummary {
  const present = results.filter((r) => !r.noComment && (r.lang !== 'none' || Number.isFinite(r.score)));
  const noComment = results.filter((r) => r.noComment).length;
  const byLang = new Map<string, SentimentResult[]>();
  for (const r of present) {
    let l = byLang.get(r.lang);
    if (!l) byLang.set(r.lang, (l = []));
    l.push(r);
  }
  return {
    ...counts(present),
    missing: results.length - present.length - noComment,
    noComment,
    byLang: [...byLang.entries()].sort((a, b) => b[1].length - a[1].length).map(([lang, rs]) => ({ lang, ...counts(rs) })),
  };
}
