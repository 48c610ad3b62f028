// Regular expressions written by users (codeframe `/regex/` terms) run on re2js, a pure-JS port of RE2:
// matching time is linear in the text, so `/(a+)+$/` on 5,000 "a" cannot hang cx (catastrophic
// backtracking). RE2 has no backreferences and no lookaround; those are refused with a clear reason.
// The object mimics the part of a global JS RegExp the matchers use: `lastIndex`, `exec`, `test`.
import { RE2JS } from 're2js';

/** Why a pattern cannot run on the linear-time engine (undefined = fine as far as this check goes). */
function unsupported(src: string): string | undefined {
  // Skip escaped characters and character classes while looking for the constructs RE2 lacks.
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(n)) return `backreferences (\\${n}) are not supported`;
      if (!inClass && n === 'k' && src[i + 2] === '<') return 'named backreferences (\\k<…>) are not supported';
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(' && src[i + 1] === '?') {
      const t = src.slice(i + 2, i + 4);
      if (t[0] === '=' || t[0] === '!') return `lookahead (?${t[0]}…) is not supported`;
      if (t === '<=' || t === '<!') return `lookbehind (?${t}…) is not supported`;
    }
  }
  return undefined;
}

export class UserRegexError extends Error {}

export interface RegexMatch {
  index: number;
  0: string;
  length: number;
}

export class UserRegex {
  lastIndex = 0;
  private readonly re: RE2JS;
  readonly source: string;
  constructor(source: string, flags = '') {
    this.source = source;
    const why = unsupported(source);
    if (why) throw new UserRegexError(`${why} (cx runs regular expressions on a linear-time engine, RE2); rewrite the pattern, e.g. as two terms combined with AND/NEAR`);
    let f = 0;
    if (flags.includes('i')) f |= RE2JS.CASE_INSENSITIVE;
    if (flags.includes('m')) f |= RE2JS.MULTILINE;
    if (flags.includes('s')) f |= RE2JS.DOTALL;
    try {
      this.re = RE2JS.compile(RE2JS.translateRegExp(source), f);
    } catch (e) {
      const msg = (e as Error).message.replace(/^error parsing regexp: /, '');
      throw new UserRegexError(`not a valid regular expression for RE2: ${msg}`);
    }
  }

  /** Global-RegExp-style search from `lastIndex`; sets `lastIndex` past the match, or to 0 when none. */
  exec(text: string): RegexMatch | null {
    if (this.lastIndex > text.length) {
      this.lastIndex = 0;
      return null;
    }
    const m = this.re.matcher(text);
    if (!m.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const start = m.start();
    const end = m.end();
    this.lastIndex = end;
    return { index: start, 0: text.slice(start, end), length: 1 };
  }

  test(text: string): boolean {
    return this.re.matcher(text).find(0);
  }
}
