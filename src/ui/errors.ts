// Error policy (DESIGN.md §3): one clear sentence, exit 2 for bad usage/input, 1 for a failed check,
// 3 for an internal error. Messages are bilingual; the CLI picks the language.

export interface Bilingual {
  en: string;
  zh: string;
}

export class CxError extends Error {
  readonly exitCode: number;
  readonly zh: string;
  constructor(msg: Bilingual | string, exitCode = 2) {
    const m = typeof msg === 'string' ? { en: msg, zh: msg } : msg;
    super(m.en);
    this.name = 'CxError';
    this.zh = m.zh;
    this.exitCode = exitCode;
  }
  text(lang: Lang): string {
    return lang === 'zh' ? this.zh : this.message;
  }
}

/** Bad usage or bad input: exit 2. */
export function inputError(en: string, zh: string): CxError {
  return new CxError({ en, zh }, 2);
}

/** A threshold or check failed: exit 1. */
export class CheckFailed extends CxError {
  constructor(msg: Bilingual) {
    super(msg, 1);
    this.name = 'CheckFailed';
  }
}

export type Lang = 'en' | 'zh';
