// Limits for YAML written by users (cx.yaml, codeframes): the yaml library recurses on nesting and expands
// aliases, so a 6,000-level nesting or an "alias bomb" (&a [*b, *b, …] nine levels deep) would overflow the
// stack or exhaust memory. These checks run before/after parsing and report the file's line.
import type { Document, LineCounter } from 'yaml';
import { lazyRequire } from './lazy-require.js';

/** Deepest nesting of YAML collections accepted (real cx.yaml files and codeframes stay under 10). */
export const MAX_YAML_DEPTH = 64;
/** Most alias expansions accepted when a document is converted (yaml's own default is 100). */
export const MAX_YAML_ALIASES = 1000;

export interface YamlLimitProblem {
  line: number;
  en: string;
  zh: string;
}

/**
 * Nesting depth before parsing: flow brackets ([ {) outside quotes, and block indentation (a nested block
 * needs at least one more column per level). Returns the first line where the limit is passed.
 */
export function yamlDepthProblem(text: string, max = MAX_YAML_DEPTH): YamlLimitProblem | undefined {
  let depth = 0;
  let line = 1;
  let quote = '';
  let lineStart = true;
  let indent = 0;
  let comment = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      line++;
      lineStart = true;
      indent = 0;
      comment = false;
      if (quote === "'" || quote === '"') continue; // multi-line quoted scalars are allowed
      continue;
    }
    if (comment) continue;
    if (lineStart) {
      if (c === ' ' || c === '-') {
        indent++;
        // 4 columns per level is generous; deeper block nesting is not a real config or codeframe.
        if (indent > max * 4 && !quote) return tooDeep(line, max);
        continue;
      }
      lineStart = false;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '#') comment = true;
    else if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > max) return tooDeep(line, max);
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

function tooDeep(line: number, max: number): YamlLimitProblem {
  return {
    line,
    en: `nested more than ${max} levels deep; flatten the structure`,
    zh: `嵌套超过 ${max} 层；请减少嵌套层级`,
  };
}

/** Converts a parsed document to plain data with an alias limit; an alias bomb becomes a problem with its line. */
export function yamlToJs(doc: Document, lc: LineCounter): { value: unknown } | { problem: YamlLimitProblem } {
  try {
    return { value: doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) };
  } catch (e) {
    const msg = (e as Error).message ?? '';
    if (!/alias/i.test(msg)) throw e;
    // The first alias in the document is where the expansion starts.
    let line = 1;
    const { visit } = lazyRequire<typeof import('yaml')>('yaml');
    visit(doc, {
      Alias(_, node) {
        if (node.range) line = lc.linePos(node.range[0]).line;
        return visit.BREAK;
      },
    });
    return {
      problem: {
        line,
        en: `its aliases (*name) expand to too much data (more than ${MAX_YAML_ALIASES} copies, an "alias bomb"); write the values out instead of repeating aliases`,
        zh: `其中的别名（*name）展开后数据过多（超过 ${MAX_YAML_ALIASES} 份，即“别名炸弹”）；请直接写出取值，不要层层引用别名`,
      },
    };
  }
}
