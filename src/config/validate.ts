// A tiny schema walker for cx.yaml: checks a parsed value against a Schema and reports problems with the
// key path (kano.features[0].functional) and, when a locator is given, the line in the YAML file.
import type { Schema } from './schema.js';

export type PathSeg = string | number;

export interface ConfigProblem {
  path: PathSeg[];
  /** 1-based line (0 when unknown). */
  line: number;
  en: string;
  zh: string;
}

/** Maps a key path to its 1-based line; `key` asks for the line of the key rather than its value. */
export type Locator = (path: PathSeg[], key?: boolean) => number;

export function formatPath(path: PathSeg[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : s ? `.${p}` : p;
  return s || '(top level)';
}

function describeValue(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `"${v.length > 30 ? v.slice(0, 30) + '…' : v}"`;
  return `${typeof v} ${String(v)}`;
}

function expected(s: Schema): { en: string; zh: string } {
  switch (s.t) {
    case 'string':
      return { en: 'text', zh: '文本' };
    case 'number':
      return { en: s.integer ? 'a whole number' : 'a number', zh: s.integer ? '整数' : '数字' };
    case 'boolean':
      return { en: 'true or false', zh: 'true 或 false' };
    case 'enum':
      return { en: `one of ${s.values.join(', ')}`, zh: `以下之一：${s.values.join('、')}` };
    case 'array':
      return { en: 'a list', zh: '列表' };
    case 'object':
      return { en: 'a mapping (key: value)', zh: '映射（键: 值）' };
    case 'oneOf':
      return { en: s.describe, zh: s.describe };
    case 'strings':
      return { en: 'text or a list of text', zh: '文本或文本列表' };
  }
}

/** Closest allowed key by edit distance (for "did you mean"). */
function suggest(key: string, allowed: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const a of allowed) {
    const d = editDistance(key.toLowerCase(), a.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return bestD <= Math.max(2, Math.floor(key.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

/**
 * Validates `value` against `schema`. Returns the normalised value (`strings` become arrays) and the problems.
 */
export function validate(value: unknown, schema: Schema, locate: Locator = () => 0): { value: unknown; problems: ConfigProblem[] } {
  const problems: ConfigProblem[] = [];
  const add = (path: PathSeg[], en: string, zh: string, key = false) =>
    problems.push({ path, line: locate(path, key), en, zh });

  const walk = (v: unknown, s: Schema, path: PathSeg[]): unknown => {
    const bad = () => {
      const e = expected(s);
      add(path, `expected ${e.en}, got ${describeValue(v)}`, `应为${e.zh}，实际为 ${describeValue(v)}`);
      return v;
    };
    switch (s.t) {
      case 'string':
        if (typeof v === 'number') return String(v); // column ids like 12 are fine
        if (typeof v !== 'string') return bad();
        if (s.nonEmpty && v.trim() === '') add(path, 'must not be empty', '不能为空');
        return v;
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) return bad();
        if (s.integer && !Number.isInteger(v)) return bad();
        if (s.min !== undefined && v < s.min) add(path, `must be at least ${s.min}`, `不能小于 ${s.min}`);
        if (s.max !== undefined && v > s.max) add(path, `must be at most ${s.max}`, `不能大于 ${s.max}`);
        return v;
      case 'boolean':
        return typeof v === 'boolean' ? v : bad();
      case 'enum':
        return typeof v === 'string' && s.values.includes(v) ? v : bad();
      case 'strings':
        if (typeof v === 'string' || typeof v === 'number') return [String(v)];
        if (!Array.isArray(v)) return bad();
        return v.map((x, i) => walk(x, { t: 'string', nonEmpty: true }, [...path, i]));
      case 'array': {
        if (!Array.isArray(v)) return bad();
        if (s.minItems && v.length < s.minItems)
          add(path, `needs at least ${s.minItems} item(s)`, `至少需要 ${s.minItems} 项`);
        return v.map((x, i) => walk(x, s.of, [...path, i]));
      }
      case 'object': {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return bad();
        const out: Record<string, unknown> = {};
        const allowed = Object.keys(s.props);
        for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
          const sub = s.props[k] ?? s.additional;
          if (!sub) {
            const hint = suggest(k, allowed);
            add(
              [...path, k],
              `unknown key "${k}"${hint ? ` (did you mean "${hint}"?)` : ''}; allowed: ${allowed.join(', ')}`,
              `未知的键 "${k}"${hint ? `（是否应为 "${hint}"？）` : ''}；可用的键：${allowed.join('、')}`,
              true,
            );
            continue;
          }
          if (x === null || x === undefined) {
            // `key:` with nothing after it: treat as absent unless required.
            if (s.required?.includes(k)) add([...path, k], 'has no value', '没有值', true);
            continue;
          }
          out[k] = walk(x, sub, [...path, k]);
        }
        for (const r of s.required ?? []) {
          if (!(r in (v as Record<string, unknown>)))
            add(path, `missing required key "${r}"`, `缺少必需的键 "${r}"`, true);
        }
        return out;
      }
      case 'oneOf': {
        for (const alt of s.of) {
          const trial = validate(v, alt);
          if (trial.problems.length === 0) return trial.value;
        }
        return bad();
      }
    }
  };
  const out = walk(value, schema, []);
  return { value: out, problems };
}
