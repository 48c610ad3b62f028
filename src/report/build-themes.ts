// Themes for the report: comments coded with the cx.yaml codeframe (counts, %, change, sentiment, among
// detractors, owner), plus overall sentiment.
import type { Survey } from '../dataset/types.js';
import type { CxConfig } from '../config/schema.js';
import type { ReportModel } from './model.js';

type T = (en: string, zh: string) => string;

export interface CommentRef {
  row: number;
  text: string;
  score?: number;
}

export interface CodedComments {
  /** Theme names per row. */
  themesOf: Map<number, string[]>;
  sentimentOf: Map<number, 'positive' | 'neutral' | 'negative'>;
  /** Owners (codeframe `owner`) of the themes a row mentions. */
  ownersOf(row: number): string[];
}

export async function codeComments(
  model: ReportModel,
  _s: Survey,
  cfg: CxConfig,
  _comments: CommentRef[],
  _prev: CommentRef[],
  t: T,
): Promise<CodedComments | undefined> {
  if (!cfg.codeframe) {
    model.notes.push({ section: 'themes', text: t('No codeframe in cx.yaml: comments are quoted but not coded into themes.', 'cx.yaml 中未设置编码框架：只引用原话，不做主题编码。') });
    return undefined;
  }
  model.notes.push({ section: 'themes', text: t('Codeframe coding is not available in this build.', '此版本不支持编码框架。') });
  return undefined;
}
