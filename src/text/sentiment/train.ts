// Glue for `cx sentiment train` / `cx sentiment eval`: labelled comments from a survey, training with the
// lexicon score as a stacked feature, evaluation of the zero-config scorer or of a model.
import type { Survey } from '../../dataset/types.js';
import { strAt } from '../../dataset/types.js';
import { inputError } from '../../ui/errors.js';
import { normalizeText } from '../normalize.js';
import { parseLabel, evaluate, type EvalResult } from './eval.js';
import { trainModel, type SentimentModel } from './model.js';
import { analyzeSentiment, lexiconRawSync, type SentimentOptions } from './index.js';
import type { SentimentLabel } from './types.js';

export interface LabelledRows {
  texts: string[];
  labels: SentimentLabel[];
  /** Rows skipped because the text or the label was empty. */
  skipped: number;
}

/** Reads text + label columns; an unknown label is an exit-2 error naming the row, column and value. */
export function labelledRows(s: Survey, textCol: string, labelCol: string, file: string): LabelledRows {
  const tc = s.columns.get(textCol)!;
  const lc = s.columns.get(labelCol)!;
  const texts: string[] = [];
  const labels: SentimentLabel[] = [];
  let skipped = 0;
  for (let i = 0; i < s.nRows; i++) {
    const t = strAt(tc, i);
    const raw = strAt(lc, i);
    if (t == null || t.trim() === '' || raw == null || raw.trim() === '') {
      skipped++;
      continue;
    }
    const l = parseLabel(raw);
    if (!l)
      throw inputError(
        `${file}: data row ${i + 1}, column "${labelCol}": label "${raw}" is not a sentiment label; use 1/0, pos/neg, positive/neutral/negative or 正面/中性/负面.`,
        `${file}：第 ${i + 1} 行数据，列“${labelCol}”：标签“${raw}”无法识别；请使用 1/0、pos/neg、positive/neutral/negative 或 正面/中性/负面。`,
      );
    texts.push(t);
    labels.push(l);
  }
  if (texts.length === 0)
    throw inputError(`${file}: no row has both a comment in "${textCol}" and a label in "${labelCol}".`, `${file}：没有同时包含评论（“${textCol}”）和标签（“${labelCol}”）的行。`);
  return { texts, labels, skipped };
}

/** Trains a model on raw texts and labels (texts are normalised here, lexicon scores computed). */
export async function trainOnTexts(texts: readonly string[], labels: readonly SentimentLabel[]): Promise<SentimentModel> {
  const { scoreEn } = await import('./en.js');
  const data = texts.map((raw, i) => {
    const text = normalizeText(raw);
    return { text, label: labels[i]!, lex: lexiconRawSync(text, 'auto', scoreEn).raw };
  });
  return trainModel(data);
}

/** Scores the texts (zero-config or with a model) and compares with the gold labels. */
export async function evaluateOn(texts: readonly string[], labels: readonly SentimentLabel[], opts: SentimentOptions): Promise<EvalResult> {
  const res = await analyzeSentiment(texts, opts);
  return evaluate(labels, res.map((r) => r.label));
}
