// `--where`: a small, safe filter language (parsed, never eval'd).
//   region = "华东" and plan != "Basic"      nps >= 9      not (a = 1 or b in ("x", "y"))
//   `Plan type` in ("Pro", "Team")          score is missing      channel is not null
// Operators: = == != <> < <= > >=, in (…), not in (…), is [not] null|missing; and/or/not (also && || !),
// parentheses. Values: numbers, "double" or 'single' quoted strings. Column names: bare words (any
// letters incl. CJK, digits, _ . -) or `backticked` when they contain spaces or symbols.
// Missing values fail every comparison except !=, not in and `is missing`. A role name (nps, csat, ces,
// date, weight) stands for the one column with that role when no column has that name.
import type { Column, Survey } from './types.js';
import { numAt, strAt } from './types.js';
import { inputError } from '../ui/errors.js';

type Tok =
  | { t: 'id'; v: string; pos: number }
  | { t: 'str'; v: string; pos: number }
  | { t: 'num'; v: number; pos: number }
  | { t: 'op'; v: string; pos: number }
  | { t: 'kw'; v: 'and' | 'or' | 'not' | 'in' | 'is' | 'null'; pos: number }
  | { t: '(' | ')' | ','; pos: number }
  | { t: 'end'; pos: number };

type Literal = string | number;
export type WhereNode =
  | { type: 'and' | 'or'; left: WhereNode; right: WhereNode }
  | { type: 'not'; expr: WhereNode }
  | { type: 'cmp'; col: string; op: '=' | '!=' | '<' | '<=' | '>' | '>='; value: Literal }
  | { type: 'in'; col: string; values: Literal[]; negate: boolean }
  | { type: 'missing'; col: string; negate: boolean };

const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'null', 'missing']);
const BARE_STOP = /[\s()=!<>,"'`&|]/;

function fail(expr: string, pos: number, what: string, whatZh: string): never {
  const near = expr.slice(pos, pos + 12) || 'end';
  throw inputError(
    `--where: ${what} at position ${pos + 1} (near "${near}"); write e.g. region = "East" and nps >= 9.`,
    `--where：第 ${pos + 1} 个字符处${whatZh}（"${near}" 附近）；示例：region = "华东" and nps >= 9。`,
  );
}

export function tokenize(expr: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const pos = i;
    if (c === '(' || c === ')' || c === ',') {
      out.push({ t: c, pos });
      i++;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      let s = '';
      for (;;) {
        if (j >= expr.length) {
          fail(expr, pos, `unclosed ${c === '`' ? 'backtick' : 'quote'} ${c}`, `引号 ${c} 未闭合`);
        }
        const ch = expr[j]!;
        if (ch === '\\' && j + 1 < expr.length) {
          s += expr[j + 1];
          j += 2;
        } else if (ch === c) {
          if (expr[j + 1] === c) {
            s += c; // doubled quote
            j += 2;
          } else break;
        } else {
          s += ch;
          j++;
        }
      }
      out.push(c === '`' ? { t: 'id', v: s, pos } : { t: 'str', v: s, pos });
      i = j + 1;
    } else if ('=!<>'.includes(c)) {
      const two = expr.slice(i, i + 2);
      if (['==', '!=', '<>', '<=', '>='].includes(two)) {
        out.push({ t: 'op', v: two === '==' ? '=' : two === '<>' ? '!=' : two, pos });
        i += 2;
      } else if (c === '!') {
        out.push({ t: 'kw', v: 'not', pos });
        i++;
      } else {
        out.push({ t: 'op', v: c, pos });
        i++;
      }
    } else if (c === '&' || c === '|') {
      if (expr[i + 1] !== c) fail(expr, pos, `unexpected "${c}" (use ${c}${c} or ${c === '&' ? 'and' : 'or'})`, `无法识别的 "${c}"`);
      out.push({ t: 'kw', v: c === '&' ? 'and' : 'or', pos });
      i += 2;
    } else {
      let j = i;
      while (j < expr.length && !BARE_STOP.test(expr[j]!)) j++;
      const word = expr.slice(i, j);
      const lower = word.toLowerCase();
      if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(word)) out.push({ t: 'num', v: Number(word), pos });
      else if (KEYWORDS.has(lower)) out.push({ t: 'kw', v: lower === 'missing' ? 'null' : (lower as 'and'), pos });
      else out.push({ t: 'id', v: word, pos });
      i = j;
    }
  }
  out.push({ t: 'end', pos: expr.length });
  return out;
}

/** Deepest nesting of parentheses / `not` in a --where expression. */
export const MAX_WHERE_DEPTH = 100;

/** items[lo, hi) joined by `type` as a balanced binary tree (left-to-right order kept). */
function balanced(type: 'and' | 'or', items: WhereNode[], lo: number, hi: number): WhereNode {
  if (hi - lo === 1) return items[lo]!;
  const mid = (lo + hi) >>> 1;
  return { type, left: balanced(type, items, lo, mid), right: balanced(type, items, mid, hi) };
}

/** Parses a --where expression into a tree; errors name the position. */
export function parseWhere(expr: string): WhereNode {
  const toks = tokenize(expr);
  let k = 0;
  const peek = () => toks[k]!;
  const isKw = (v: string) => peek().t === 'kw' && (peek() as { v: string }).v === v;
  const describe = (t: Tok) => (t.t === 'end' ? 'the end' : `"${expr.slice(t.pos, t.pos + 10)}"`);

  // Long chains of and/or (6,000 terms) become balanced trees, so binding and evaluating them stays
  // shallow; parentheses and `not` are limited to MAX_WHERE_DEPTH levels (deeper would overflow the stack).
  let depth = 0;
  const deeper = (pos: number) => {
    if (++depth > MAX_WHERE_DEPTH)
      fail(expr, pos, `too deeply nested (more than ${MAX_WHERE_DEPTH} levels of parentheses or "not")`, `嵌套过深（括号或 not 超过 ${MAX_WHERE_DEPTH} 层）`);
  };
  function orExpr(): WhereNode {
    const items = [andExpr()];
    while (isKw('or')) {
      k++;
      items.push(andExpr());
    }
    return balanced('or', items, 0, items.length);
  }
  function andExpr(): WhereNode {
    const items = [notExpr()];
    while (isKw('and')) {
      k++;
      items.push(notExpr());
    }
    return balanced('and', items, 0, items.length);
  }
  function notExpr(): WhereNode {
    if (isKw('not')) {
      deeper(peek().pos);
      k++;
      const e: WhereNode = { type: 'not', expr: notExpr() };
      depth--;
      return e;
    }
    return primary();
  }
  function literal(before?: string): Literal {
    const t = peek();
    if (t.t === 'str' || t.t === 'num') {
      k++;
      return t.v;
    }
    if (t.t === 'id') {
      // Near miss `Q3 = 上海`: say what was meant, with the value quoted.
      const fix = before ? `${before} "${t.v.replace(/"/g, '\\"')}"` : `"${t.v}"`;
      fail(
        expr,
        t.pos,
        `expected a number or a "quoted" value, found the bare word ${describe(t)}; did you mean ${fix}? (quote text values)`,
        `此处应为数字或带引号的值，而不是 ${describe(t)}；是否想写 ${fix}？（文本值需要加引号）`,
      );
    }
    return fail(expr, t.pos, `expected a value, found ${describe(t)}`, `此处应为一个值，实际为 ${describe(t)}`);
  }
  function primary(): WhereNode {
    const t = peek();
    if (t.t === '(') {
      deeper(t.pos);
      k++;
      const e = orExpr();
      if (peek().t !== ')') fail(expr, peek().pos, `expected ")" to close the "(" at position ${t.pos + 1}`, `缺少与第 ${t.pos + 1} 个字符处 "(" 对应的 ")"`);
      k++;
      depth--;
      return e;
    }
    if (t.t !== 'id') fail(expr, t.pos, `expected a column name, found ${describe(t)}`, `此处应为列名，实际为 ${describe(t)}`);
    k++;
    const col = t.v;
    const o = peek();
    if (o.t === 'op') {
      k++;
      return { type: 'cmp', col, op: o.v as '=', value: literal(`${expr.slice(t.pos, o.pos).trim()} ${expr.slice(o.pos, o.pos + (/^(==|!=|<>|<=|>=)/.test(expr.slice(o.pos, o.pos + 2)) ? 2 : 1))}`) };
    }
    let negate = false;
    if (isKw('is')) {
      k++;
      if (isKw('not')) {
        k++;
        negate = true;
      }
      if (!isKw('null')) fail(expr, peek().pos, 'expected "null" or "missing" after "is"', '"is" 之后应为 null 或 missing');
      k++;
      return { type: 'missing', col, negate };
    }
    if (isKw('not')) {
      k++;
      negate = true;
      if (!isKw('in')) fail(expr, peek().pos, 'expected "in" after "not"', '"not" 之后应为 in');
    }
    if (isKw('in')) {
      k++;
      if (peek().t !== '(') fail(expr, peek().pos, 'expected "(" after "in"', '"in" 之后应为 "("');
      k++;
      const values: Literal[] = [literal()];
      while (peek().t === ',') {
        k++;
        values.push(literal());
      }
      if (peek().t !== ')') fail(expr, peek().pos, 'expected "," or ")" in the in-list', 'in 列表中应为 "," 或 ")"');
      k++;
      return { type: 'in', col, values, negate };
    }
    return fail(expr, o.pos, `expected an operator (=, !=, <, <=, >, >=, in, is) after the column ${col}, found ${describe(o)}`, `列 ${col} 之后应为运算符（=、!=、<、<=、>、>=、in、is），实际为 ${describe(o)}`);
  }

  if (!expr.trim()) fail(expr, 0, 'the expression is empty', '表达式为空');
  const tree = orExpr();
  if (peek().t !== 'end') fail(expr, peek().pos, `unexpected ${describe(peek())} (missing "and"/"or"?)`, `无法识别的 ${describe(peek())}（是否缺少 and/or？）`);
  return tree;
}

/** Finds a column by id, then by exact label, then case-insensitively; a clear error otherwise. */
export function resolveColumn(survey: Survey, name: string, flag = '--where'): { id: string; col: Column } {
  const direct = survey.columns.get(name);
  if (direct) return { id: name, col: direct };
  const byLabel = survey.questions.filter((q) => q.label === name || q.source === name);
  const ci = survey.questions.filter((q) => q.id.toLowerCase() === name.toLowerCase());
  // Role aliases: `nps`, `csat`, `ces`, `date`, `weight` … name the one question with that role (or type).
  const byRole = survey.questions.filter((q) => q.role === name.toLowerCase() || (!q.role && q.type === name.toLowerCase() && name.toLowerCase() === 'nps'));
  const q = byLabel.length === 1 ? byLabel[0] : ci.length === 1 ? ci[0] : byRole.length === 1 ? byRole[0] : undefined;
  if (q && survey.columns.has(q.id)) return { id: q.id, col: survey.columns.get(q.id)! };
  const ids = [...survey.columns.keys()];
  const lower = name.toLowerCase();
  const near = ids.filter((id) => id.toLowerCase().includes(lower) || lower.includes(id.toLowerCase())).slice(0, 8);
  const list = (near.length ? near : ids.slice(0, 12)).join(', ');
  throw inputError(
    `${flag}: no column named "${name}" in ${survey.source.join(', ')}; columns are: ${list}${ids.length > 12 && !near.length ? ', …' : ''}${flag === '--where' ? ' (quote names with spaces in backticks)' : ''}.`,
    `${flag}：${survey.source.join('，')} 中没有名为 "${name}" 的列；现有列：${list}${ids.length > 12 && !near.length ? '，…' : ''}${flag === '--where' ? '（含空格的列名请用反引号括起）' : ''}。`,
  );
}

type Pred = (row: number) => boolean;

function bind(node: WhereNode, survey: Survey): Pred {
  switch (node.type) {
    case 'and': {
      const a = bind(node.left, survey);
      const b = bind(node.right, survey);
      return (r) => a(r) && b(r);
    }
    case 'or': {
      const a = bind(node.left, survey);
      const b = bind(node.right, survey);
      return (r) => a(r) || b(r);
    }
    case 'not': {
      const a = bind(node.expr, survey);
      return (r) => !a(r);
    }
    case 'missing': {
      const { col } = resolveColumn(survey, node.col);
      const neg = node.negate;
      return (r) => isMissing(col, r) !== neg;
    }
    case 'in': {
      const { id, col } = resolveColumn(survey, node.col);
      const tests = node.values.map((v) => equalsTest(survey, id, col, v));
      const neg = node.negate;
      return (r) => {
        if (isMissing(col, r)) return neg;
        for (const t of tests) if (t(r)) return !neg;
        return neg;
      };
    }
    case 'cmp': {
      const { id, col } = resolveColumn(survey, node.col);
      const op = node.op;
      if (op === '=' || op === '!=') {
        const eq = equalsTest(survey, id, col, node.value);
        return op === '=' ? (r) => !isMissing(col, r) && eq(r) : (r) => isMissing(col, r) || !eq(r);
      }
      const num = toNumber(survey, id, col, node.value);
      const filled = col.kind === 'str' ? col.values.filter((v): v is string => v != null && v.trim() !== '') : [];
      if (typeof node.value === 'number' && filled.length > 0 && !filled.some((v) => Number.isFinite(Number(v)))) {
        // `region > 5`: no value of a text column is a number, so every row would silently fail the test.
        throw inputError(
          `--where: column ${id} holds text, not numbers, so "${op} ${node.value}" matches no row; compare it with a quoted value (${id} = "…") or use a numeric column.`,
          `--where：列 ${id} 是文本而非数字，"${op} ${node.value}" 不会匹配任何行；请与带引号的值比较（${id} = "…"）或改用数值列。`,
        );
      }
      const cmp = (a: number, b: number) => (op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b);
      if (!Number.isNaN(num)) return (r) => cmp(numAt(col, r), num); // NaN (missing/text) compares false
      const s = String(node.value);
      return (r) => {
        const v = strAt(col, r);
        return v !== null && cmp(v < s ? -1 : v > s ? 1 : 0, 0);
      };
    }
  }
}

function isMissing(col: Column, r: number): boolean {
  if (col.kind === 'num') return Number.isNaN(col.values[r]!);
  const v = col.values[r];
  return v == null || v === '';
}

/** A literal as a number for this column: numbers, numeric strings, or a choice label of a coded column. */
function toNumber(survey: Survey, id: string, col: Column, v: Literal): number {
  if (typeof v === 'number') return v;
  if (v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  if (col.kind === 'num') {
    const q = survey.questions.find((x) => x.id === id);
    const ch = q?.choices?.find((c) => c.label === v);
    if (ch && Number.isFinite(Number(ch.code))) return Number(ch.code);
  }
  return NaN;
}

function equalsTest(survey: Survey, id: string, col: Column, v: Literal): Pred {
  if (col.kind === 'num') {
    const x = toNumber(survey, id, col, v);
    const vals = col.values;
    return (r) => vals[r] === x;
  }
  const vals = col.values;
  if (typeof v === 'number') return (r) => vals[r] != null && vals[r]!.trim() !== '' && Number(vals[r]) === v;
  return (r) => vals[r] === v || (vals[r] != null && vals[r]!.trim() === v);
}

/**
 * Compiles an expression once (syntax errors are raised here, with their position); columns are
 * resolved against each survey on first use (unknown columns raise an exit-2 error listing candidates).
 */
export function compileWhere(expr: string): (survey: Survey, row: number) => boolean {
  const tree = parseWhere(expr);
  const bound = new WeakMap<Survey, Pred>();
  return (survey, row) => {
    let p = bound.get(survey);
    if (!p) {
      p = bind(tree, survey);
      bound.set(survey, p);
    }
    return p(row);
  };
}

/** 1 for the rows that pass the filter (all rows when expr is empty). */
export function whereMask(survey: Survey, expr?: string): Uint8Array {
  const mask = new Uint8Array(survey.nRows);
  if (!expr || !expr.trim()) return mask.fill(1);
  const p = bind(parseWhere(expr), survey);
  for (let i = 0; i < survey.nRows; i++) mask[i] = p(i) ? 1 : 0;
  return mask;
}
