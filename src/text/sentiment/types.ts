// Shared sentiment types.
export type SentimentLabel = 'positive' | 'neutral' | 'negative';

export interface SentimentResult {
  label: SentimentLabel;
  /** Score in [-1, 1]; 0 = no sentiment found. For a trained model: 2·P(positive) − 1 (binary) or P(pos) − P(neg). */
  score: number;
  /** Language the comment was scored in ('mixed' when clauses were scored in both). */
  lang: 'en' | 'zh' | 'mixed' | 'none';
  /** The comment says nothing (无, n/a, "-", same as above): not scored, counted apart (src/text/nocomment.ts). */
  noComment?: true;
}
