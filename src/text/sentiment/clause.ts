// Sentiment of a piece of a comment (a clause, a sentence) for aspect coding and topic sentiment: the
// zero-config scorer (Chinese lexicon, wink + CX list for English, per clause for mixed text) in [-1, 1].
// Synchronous: wink is loaded on the first English text.
import { lexiconRawSync } from './index.js';
import { scoreEn } from './en.js';
import { squash } from './zh.js';

/** Score of normalised text (normalizeText output) in [-1, 1]; 0 = no sentiment found. */
export function clauseScore(norm: string): number {
  const r = lexiconRawSync(norm, 'auto', scoreEn);
  return r.enOnly ? r.raw : squash(r.raw);
}
