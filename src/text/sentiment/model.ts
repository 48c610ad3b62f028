// Trained sentiment model (`cx sentiment train`): binarised multinomial naive Bayes on character / word
// n-grams (TEXT.md §4.3), stacked with the zero-config lexicon score by a small softmax regression fitted
// on leave-one-out NB scores of the training comments (so the stack never sees a comment's own counts).
// The model file is plain JSON with a format tag and a version.
import { inputError } from '../../ui/errors.js';
import { textFeatures } from './features.js';
import type { SentimentLabel } from './types.js';

export const MODEL_FORMAT = 'cx-sentiment-model';
export const MODEL_VERSION = 1;

export interface SentimentModel {
  format: typeof MODEL_FORMAT;
  version: number;
  kind: 'nb+lexicon';
  classes: SentimentLabel[];
  alpha: number;
  /** Training comments per class. */
  classDocs: number[];
  /** Total feature occurrences per class (binarised). */
  classTotals: number[];
  /** feature → count per class (same order as classes). */
  counts: Record<string, number[]>;
  /** Softmax stack: per class [bias, weight of the lexicon score, weight of each class's NB log-probability]. */
  stack: number[][];
  trainedOn: { n: number; at: string };
}

export interface LabelledText {
  /** Normalised text. */
  text: string;
  label: SentimentLabel;
  /** Zero-config raw lexicon score of the text (see lexiconRaw in index.ts). */
  lex: number;
}

const ORDER: SentimentLabel[] = ['negative', 'neutral', 'positive'];

function nbLogProbs(m: Pick<SentimentModel, 'classes' | 'alpha' | 'classDocs' | 'classTotals' | 'counts'>, feats: Iterable<string>, vocabSize: number, exclude?: { cls: number; feats: Set<string> }): number[] {
  const K = m.classes.length;
  const nDocs = m.classDocs.reduce((a, b) => a + b, 0) - (exclude ? 1 : 0);
  const out = new Array<number>(K);
  for (let c = 0; c < K; c++) {
    const docs = m.classDocs[c]! - (exclude && exclude.cls === c ? 1 : 0);
    out[c] = Math.log((docs + 1) / (nDocs + K));
  }
  const denom = m.classTotals.map((t, c) => Math.log(t - (exclude && exclude.cls === c ? exclude.feats.size : 0) + m.alpha * vocabSize));
  for (const f of feats) {
    const cnt = m.counts[f];
    if (!cnt) continue;
    for (let c = 0; c < K; c++) {
      const own = exclude && exclude.cls === c ? 1 : 0;
      out[c]! += Math.log(cnt[c]! - own + m.alpha) - denom[c]!;
    }
  }
  // Centre (log-probabilities up to a constant) so the stack sees differences only.
  const mean = out.reduce((a, b) => a + b, 0) / K;
  return out.map((v) => v - mean);
}

function stackInput(lex: number, nb: number[]): number[] {
  // Clip NB log-odds: with many features they grow without bound and would drown the lexicon.
  return [1, Math.tanh(lex / 2), ...nb.map((v) => Math.max(-20, Math.min(20, v)) / 10)];
}

function softmax(z: number[]): number[] {
  const mx = Math.max(...z);
  const e = z.map((v) => Math.exp(v - mx));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

/** Trains a model from labelled comments (at least 2 classes, at least 2 comments per class). */
export function trainModel(data: LabelledText[], alpha = 1): SentimentModel {
  const present = new Set(data.map((d) => d.label));
  const classes = ORDER.filter((l) => present.has(l));
  if (classes.length < 2) throw inputError('training needs at least two different labels (e.g. positive and negative).', '训练至少需要两种不同的标签（如正面和负面）。');
  const K = classes.length;
  const idx = new Map(classes.map((c, i) => [c, i]));
  const counts: Record<string, number[]> = Object.create(null);
  const classDocs = new Array<number>(K).fill(0);
  const classTotals = new Array<number>(K).fill(0);
  const featsOf: Set<string>[] = [];
  for (const d of data) {
    const c = idx.get(d.label)!;
    const fs = textFeatures(d.text);
    featsOf.push(fs);
    classDocs[c]!++;
    classTotals[c]! += fs.size;
    for (const f of fs) {
      let a = counts[f];
      if (!a) counts[f] = a = new Array<number>(K).fill(0);
      a[c]!++;
    }
  }
  for (let c = 0; c < K; c++) {
    if (classDocs[c]! < 2) throw inputError(`label "${classes[c]}" has fewer than 2 comments; label more comments.`, `标签“${classes[c]}”少于 2 条评论，请多标注一些。`);
  }
  const vocab = Object.keys(counts).length;
  const base = { classes, alpha, classDocs, classTotals, counts };
  // Leave-one-out NB scores → stack features.
  const X = data.map((d, i) => stackInput(d.lex, nbLogProbs(base, featsOf[i]!, vocab, { cls: idx.get(d.label)!, feats: featsOf[i]! })));
  const Y = data.map((d) => idx.get(d.label)!);
  const stack = fitSoftmax(X, Y, K);
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    kind: 'nb+lexicon',
    classes,
    alpha,
    classDocs,
    classTotals,
    counts,
    stack,
    trainedOn: { n: data.length, at: new Date().toISOString() },
  };
}

/** Multinomial logistic regression by full-batch gradient descent with a small L2 penalty, class-balanced. */
function fitSoftmax(X: number[][], Y: number[], K: number, iters = 300, lr = 0.5, l2 = 1e-3): number[][] {
  const D = X[0]!.length;
  const W = Array.from({ length: K }, () => new Array<number>(D).fill(0));
  const n = X.length;
  const perClass = new Array<number>(K).fill(0);
  for (const y of Y) perClass[y]!++;
  const weight = perClass.map((c) => (c ? n / (K * c) : 0));
  for (let it = 0; it < iters; it++) {
    const G = Array.from({ length: K }, () => new Array<number>(D).fill(0));
    for (let i = 0; i < n; i++) {
      const x = X[i]!;
      const p = softmax(W.map((w) => w.reduce((s, v, d) => s + v * x[d]!, 0)));
      const wi = weight[Y[i]!]!;
      for (let k = 0; k < K; k++) {
        const g = (p[k]! - (Y[i] === k ? 1 : 0)) * wi;
        for (let d = 0; d < D; d++) G[k]![d]! += g * x[d]!;
      }
    }
    for (let k = 0; k < K; k++) for (let d = 0; d < D; d++) W[k]![d]! -= lr * (G[k]![d]! / n + (d > 0 ? l2 * W[k]![d]! : 0));
  }
  return W;
}

/** Class probabilities of a normalised text (same order as model.classes). */
export function predictProbs(m: SentimentModel, text: string, lex: number, vocabSize = Object.keys(m.counts).length): number[] {
  const x = stackInput(lex, nbLogProbs(m, textFeatures(text), vocabSize));
  return softmax(m.stack.map((w) => w.reduce((s, v, d) => s + v * x[d]!, 0)));
}

/**
 * A fast predictor: log-likelihoods precomputed once per model (same results as predictProbs).
 */
export function compilePredictor(m: SentimentModel): (text: string, lex: number) => number[] {
  const K = m.classes.length;
  const vocab = Object.keys(m.counts).length;
  const nDocs = m.classDocs.reduce((a, b) => a + b, 0);
  const prior = m.classDocs.map((d) => Math.log((d + 1) / (nDocs + K)));
  const denom = m.classTotals.map((t) => Math.log(t + m.alpha * vocab));
  const table = new Map<string, Float64Array>();
  for (const [f, cnt] of Object.entries(m.counts)) {
    const a = new Float64Array(K);
    for (let c = 0; c < K; c++) a[c] = Math.log(cnt[c]! + m.alpha) - denom[c]!;
    table.set(f, a);
  }
  return (text, lex) => {
    const out = prior.slice();
    for (const f of textFeatures(text)) {
      const a = table.get(f);
      if (!a) continue;
      for (let c = 0; c < K; c++) out[c]! += a[c]!;
    }
    const mean = out.reduce((x, y) => x + y, 0) / K;
    const x = stackInput(lex, out.map((v) => v - mean));
    return softmax(m.stack.map((w) => w.reduce((s, v, d) => s + v * x[d]!, 0)));
  };
}

/** Validates a parsed model file; throws exit-2 errors naming the file. */
export function checkModel(obj: unknown, file: string): SentimentModel {
  const bad = () =>
    inputError(
      `${file}: not a cx sentiment model (expected JSON written by "cx sentiment train"); train one with cx sentiment train <labelled> --text COL --label COL -o MODEL.json.`,
      `${file}：不是 cx 情感模型（应为 "cx sentiment train" 生成的 JSON）；请用 cx sentiment train <标注文件> --text 列 --label 列 -o 模型.json 训练。`,
    );
  if (!obj || typeof obj !== 'object') throw bad();
  const m = obj as Partial<SentimentModel>;
  if (m.format !== MODEL_FORMAT) throw bad();
  if (m.version !== MODEL_VERSION)
    throw inputError(`${file}: model version ${String(m.version)} is not supported by this cx (needs ${MODEL_VERSION}); retrain it with cx sentiment train.`, `${file}：模型版本 ${String(m.version)} 不受此版本 cx 支持（需要 ${MODEL_VERSION}），请用 cx sentiment train 重新训练。`);
  const K = Array.isArray(m.classes) ? m.classes.length : 0;
  const ok =
    K >= 2 &&
    m.classes!.every((c) => ORDER.includes(c)) &&
    Array.isArray(m.classDocs) && m.classDocs.length === K &&
    Array.isArray(m.classTotals) && m.classTotals.length === K &&
    typeof m.alpha === 'number' && m.alpha > 0 &&
    m.counts != null && typeof m.counts === 'object' &&
    Array.isArray(m.stack) && m.stack.length === K && m.stack.every((w) => Array.isArray(w) && w.length === K + 2 && w.every((v) => typeof v === 'number'));
  if (!ok) throw bad();
  return m as SentimentModel;
}
