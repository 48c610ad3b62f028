// Codeframe definitions as read from a file (before compilation). See TEXT.md §5.3.

export type Polarity = 'positive' | 'negative' | 'neutral' | 'mixed' | 'any';
export type Scope = 'sentence' | 'comment';
/** What to do with a term occurrence preceded by a negator in its clause. */
export type NegationMode = 'exclude' | 'include' | 'only';

export interface CodeDef {
  id: number;
  name: string;
  /** Parent net id (undefined at top level). */
  parent?: number;
  /** Grouping node: matches once when any descendant (or its own terms) matches. */
  net: boolean;
  /** Any of these terms. */
  any: string[];
  /** AND of OR-groups. */
  all: string[][];
  /** Exclusions, evaluated in the same scope (sentence by default). */
  none: string[];
  /** A query in the query language. `any`, `all` and `query` are alternative rules (OR). */
  query?: string;
  /**
   * Aspect terms (客服, support, agent …): with `sentiment: positive|negative|neutral` the code matches when
   * one of them occurs in a clause of that sentiment (the clause's own score, else its sentence's);
   * `sentiment: any` (or none) matches the aspect whatever the sentiment. Another alternative rule (OR).
   */
  aspect: string[];
  sentiment?: Polarity;
  owner?: string;
  description?: string;
  /** Applied when no other code matched a non-empty comment. */
  fallback: boolean;
  negation: NegationMode;
  scope?: Scope;
  /** 1-based line in the codeframe file where the code starts. */
  line: number;
}

export interface CodeframeDef {
  name: string;
  version?: string;
  scope: Scope;
  codes: CodeDef[];
  /** File the codeframe came from (for messages). */
  file: string;
}

export interface CodeframeIssue {
  file: string;
  line: number;
  codeId?: number;
  term?: string;
  message: string;
}
