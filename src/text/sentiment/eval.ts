// Evaluation helpers for sentiment: label parsing, seeded splits, accuracy / macro-F1 / coverage /
// confusion matrix. Pure functions, no I/O.
import type { SentimentLabel } from './types.js';

const LABELS: SentimentLabel[] = ['negative', 'neutral', 'positive'];

const LABEL_WORDS: Record<string, SentimentLabel> = {
  '1': 'positive', '0': 'negative', '-1': 'negative', '+1': 'positive', '2': 'positive',
  pos: 'positive', positive: 'positive', p: 'positive', good: 'positive', '正面': 'positive', '积极': 'positive', '好评': 'positive', '正': 'positive',
  neg: 'negative', negative: 'negative', n: 'negative', bad: 'negative', '负面': 'negative', '消极': 'negative', '差评': 'negative', '负': 'negative',
  neu: 'neutral', neutral: 'neutral', '中性': 'neutral', '中立': 'neutral', '中评': 'neutral', '中': 'neutral', mixed: 'neutral',
};

/**
 * Maps a user's label to a sentiment class. Accepts 1/0 (and -1), pos/neg, positive/neutral/negative,
 * 正面/负面/中性 and a few synonyms; returns undefined for anything else (the caller reports the row).
 */
export function parseLabel(raw: string | number | null | undefined): SentimentLabel | undefined {
  if (raw == null) return undefined;
  const k = String(raw).trim().toLowerCase();
  if (k === '') return undefined;
  if (k in LABEL_WORDS) return LABEL_WORDS[k];
  const n = Number(k);
  if (Number.isFinite(n)) {
    if (n === 1) return 'positive';
    if (n === 0) return 'negative';
  }
  return undefined;
}

/** Deterministic PRNG (mulberry32) so that splits are the same on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const a = items.slice();
  const rnd = mulberry32(seed);
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * Seeded, class-balanced split: `perClass` items of each label go to `test`, the rest to `rest`
 * (in shuffled order, so `rest.slice(0, k)` is a random training sample).
 */
export function balancedSplit<T extends { label: SentimentLabel }>(
  items: readonly T[],
  perClass: number,
  seed: number,
): { test: T[]; rest: T[] } {
  const byLabel = new Map<SentimentLabel, T[]>();
  for (const it of items) {
    let l = byLabel.get(it.label);
    if (!l) byLabel.set(it.label, (l = []));
    l.push(it);
  }
  const test: T[] = [];
  const rest: T[] = [];
  for (const lab of LABELS) {
    const l = byLabel.get(lab);
    if (!l) continue;
    const s = shuffled(l, seed);
    test.push(...s.slice(0, perClass));
    rest.push(...s.slice(perClass));
  }
  return { test: shuffled(test, seed + 1), rest: shuffled(rest, seed + 2) };
}

/** Balanced sample of `perClass` items per label from `items` (first in order). */
export function balancedSample<T extends { label: SentimentLabel }>(items: readonly T[], perClass: number): T[] {
  const count = new Map<SentimentLabel, number>();
  const out: T[] = [];
  for (const it of items) {
    const c = count.get(it.label) ?? 0;
    if (c < perClass) {
      out.push(it);
      count.set(it.label, c + 1);
    }
  }
  return out;
}

export interface EvalResult {
  n: number;
  /** Share of predictions equal to the gold label (a neutral prediction on a binary gold set is wrong). */
  accuracy: number;
  /** Accuracy on the comments that received a non-neutral prediction. */
  accuracyDecided: number;
  /** Macro-averaged F1 over the gold classes. */
  macroF1: number;
  /** Share of comments predicted positive or negative (not neutral). */
  coverage: number;
  labels: SentimentLabel[];
  /** confusion[gold][predicted] = count. */
  confusion: Record<string, Record<string, number>>;
  perClass: { label: SentimentLabel; precision: number; recall: number; f1: number; support: number }[];
}

export function evaluate(gold: readonly SentimentLabel[], pred: readonly SentimentLabel[]): EvalResult {
  if (gold.length !== pred.length) throw new Error('evaluate: gold and predicted lengths differ');
  const n = gold.length;
  const goldSet = new Set(gold);
  const labels = LABELS.filter((l) => goldSet.has(l) || pred.includes(l));
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of labels) {
    confusion[g] = {};
    for (const p of labels) confusion[g]![p] = 0;
  }
  let correct = 0;
  let decided = 0;
  let correctDecided = 0;
  for (let i = 0; i < n; i++) {
    const g = gold[i]!;
    const p = pred[i]!;
    confusion[g]![p]! += 1;
    if (g === p) correct++;
    if (p !== 'neutral') {
      decided++;
      if (g === p) correctDecided++;
    }
  }
  const perClass = labels
    .filter((l) => goldSet.has(l))
    .map((l) => {
      const tp = confusion[l]![l]!;
      let predicted = 0;
      let support = 0;
      for (const g of labels) predicted += confusion[g]![l]!;
      for (const p of labels) support += confusion[l]![p]!;
      const precision = predicted ? tp / predicted : 0;
      const recall = support ? tp / support : 0;
      const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
      return { label: l, precision, recall, f1, support };
    });
  const macroF1 = perClass.length ? perClass.reduce((s, c) => s + c.f1, 0) / perClass.length : NaN;
  return {
    n,
    accuracy: n ? correct / n : NaN,
    accuracyDecided: decided ? correctDecided / decided : NaN,
    macroF1,
    coverage: n ? decided / n : NaN,
    labels,
    confusion,
    perClass,
  };
}
