// CI checks over the report model: `--fail-if "nps < 20"`, `"nps.change < -5 and significant"`,
// `"theme.delivery.pct > 15"`, `"n < 100"`. A small expression language, parsed and evaluated by hand
// (no eval): numbers, names with dots, comparisons (< <= > >= == !=), and/or/not (&& || !), parentheses.
// A bare `change`, `significant`, `p`, `previous` refers to the metric named last before it (nps.change <
// -5 and significant → the NPS change's significance).
import { inputError } from '../ui/errors.js';
import type { ReportModel, Kpi } from './model.js';
import type { ThresholdConfig } from '../config/schema.js';

type Value = number | boolean | undefined;

type Node =
  | { k: 'num'; v: number }
  | { k: 'var'; path: string[]; text: string }
  | { k: 'not'; a: Node }
  | { k: 'and' | 'or'; a: Node; b: Node }
  | { k: 'cmp'; op: string; a: Node; b: Node };

interface Tok {
  t: 'num' | 'name' | 'op' | '(' | ')' | 'and' | 'or' | 'not' | 'end';
  v: string;
  pos: number;
}

const METRICS = ['nps', 'csat', 'ces'];
const KPI_FIELDS = ['change', 'significant', 'p', 'previous', 'n', 'value', 'lo', 'hi', 'moe'];

function syntaxError(expr: string, pos: number, what: string): Error {
  return inputError(
    `--fail-if "${expr}": ${what} at column ${pos + 1}; write e.g. "nps < 20" or "nps.change < -5 and significant".`,
    `--fail-if "${expr}"：第 ${pos + 1} 列${what === 'unexpected end' ? '意外结束' : `有误（${what}）`}；示例："nps < 20" 或 "nps.change < -5 and significant"。`,
  );
}

function lex(expr: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s*(?:(\d+(?:\.\d+)?|\.\d+)|("(?:[^"\\]|\\.)*"|[\p{L}_][\p{L}\p{N}_]*(?:-[\p{L}_][\p{L}\p{N}_]*)*(?:\.(?:"(?:[^"\\]|\\.)*"|[\p{L}\p{N}_]+(?:-[\p{L}\p{N}_]+)*))*)|(<=|>=|==|!=|=|<|>|&&|\|\||!|-)|(\()|(\)))/uy;
  let i = 0;
  while (i < expr.length) {
    if (/^\s*$/.test(expr.slice(i))) break;
    re.lastIndex = i;
    const m = re.exec(expr);
    if (!m) throw syntaxError(expr, i + (expr.slice(i).length - expr.slice(i).trimStart().length), `unexpected "${expr.slice(i).trim()[0]}"`);
    const pos = m.index + m[0].length - m[0].trimStart().length;
    if (m[1]) out.push({ t: 'num', v: m[1], pos });
    else if (m[2]) {
      const low = m[2].toLowerCase();
      if (low === 'and' || low === 'or' || low === 'not') out.push({ t: low, v: low, pos });
      else out.push({ t: 'name', v: m[2], pos });
    } else if (m[3]) {
      const op = m[3];
      if (op === '&&') out.push({ t: 'and', v: op, pos });
      else if (op === '||') out.push({ t: 'or', v: op, pos });
      else if (op === '!') out.push({ t: 'not', v: op, pos });
      else out.push({ t: 'op', v: op === '=' ? '==' : op, pos });
    } else if (m[4]) out.push({ t: '(', v: '(', pos });
    else out.push({ t: ')', v: ')', pos });
    i = re.lastIndex;
  }
  out.push({ t: 'end', v: '', pos: expr.length });
  return out;
}

function splitName(s: string): string[] {
  const parts: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|([^.]+)/gy;
  let m: RegExpExecArray | null;
  let i = 0;
  while (i < s.length && (re.lastIndex = i, (m = re.exec(s)))) {
    parts.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!);
    i = re.lastIndex + 1; // skip the dot
  }
  return parts;
}

/** Parses one expression; throws a CxError (exit 2) naming the column on a syntax error. */
export function parseFailIf(expr: string): Node {
  const toks = lex(expr);
  let i = 0;
  let lastMetric: string | undefined;
  const peek = () => toks[i]!;
  const next = () => toks[i++]!;
  const fail = (tk: Tok) => syntaxError(expr, tk.pos, tk.t === 'end' ? 'unexpected end' : `unexpected "${tk.v}"`);

  const atom = (): Node => {
    const tk = next();
    if (tk.t === 'num') return { k: 'num', v: Number(tk.v) };
    if (tk.t === 'op' && tk.v === '-') {
      const n = next();
      if (n.t !== 'num') throw fail(n);
      return { k: 'num', v: -Number(n.v) };
    }
    if (tk.t === '(') {
      const e = or();
      const c = next();
      if (c.t !== ')') throw fail(c);
      return e;
    }
    if (tk.t === 'name') {
      let path = splitName(tk.v);
      const head = path[0]!.toLowerCase();
      if (METRICS.includes(head)) lastMetric = head;
      else if (path.length === 1 && KPI_FIELDS.includes(head) && head !== 'n') {
        if (!lastMetric)
          throw inputError(
            `--fail-if "${expr}": "${tk.v}" needs a metric before it (e.g. "nps.change < -5 and significant").`,
            `--fail-if "${expr}"："${tk.v}" 之前需要先写指标（如 "nps.change < -5 and significant"）。`,
          );
        path = [lastMetric, head];
      }
      return { k: 'var', path, text: tk.v };
    }
    throw fail(tk);
  };
  const cmp = (): Node => {
    const a = atom();
    if (peek().t === 'op' && peek().v !== '-') {
      const op = next().v;
      return { k: 'cmp', op, a, b: atom() };
    }
    return a;
  };
  const not = (): Node => (peek().t === 'not' ? (next(), { k: 'not', a: not() }) : cmp());
  const and = (): Node => {
    let a = not();
    while (peek().t === 'and') {
      next();
      a = { k: 'and', a, b: not() };
    }
    return a;
  };
  const or = (): Node => {
    let a = and();
    while (peek().t === 'or') {
      next();
      a = { k: 'or', a, b: and() };
    }
    return a;
  };
  const e = or();
  if (peek().t !== 'end') throw fail(peek());
  return e;
}

const THEME_FIELDS = ['pct', 'count', 'change', 'detractors.pct', 'detractors.count', 'negative'];
const JOURNEY_FIELDS = ['mean', 'n', 'top2', 'lo', 'hi', 'target', 'change', 'p', 'ia', 'penalty', 'reward', 'riocs', 'riocspct', 'rwpct'];

function unknownName(expr: string, text: string): Error {
  return inputError(
    `--fail-if "${expr}": unknown name "${text}"; use n, nps, csat, ces (with .change, .significant, .p, .previous, .n, .lo, .hi), theme.<name>.pct|count|change, segment.<column>.<value>.<metric>, journey."<touchpoint>".mean|top2|ia|change.`,
    `--fail-if "${expr}"：未知的名称 "${text}"；可用 n、nps、csat、ces（及 .change、.significant、.p、.previous、.n、.lo、.hi）、theme.<名称>.pct|count|change、segment.<列>.<值>.<指标>、journey."<触点>".mean|top2|ia|change。`,
  );
}

/** Whether a dotted name has a shape the resolver knows (theme and segment names are checked later, on the model). */
function knownShape(path: string[]): boolean {
  const head = path[0]!.toLowerCase();
  const rest = path.slice(1);
  if (head === 'n') return rest.length === 0;
  if (METRICS.includes(head)) return rest.length === 0 || (rest.length === 1 && KPI_FIELDS.includes(rest[0]!.toLowerCase()));
  if (head === 'theme' || head === 'themes') return rest.length >= 2 && THEME_FIELDS.includes(rest.slice(1).join('.').toLowerCase());
  if (head === 'journey') return rest.length === 2 && JOURNEY_FIELDS.includes(rest[1]!.toLowerCase());
  if (head === 'segment') return rest.length === 3 && (rest[2]!.toLowerCase() === 'n' || METRICS.includes(rest[2]!.toLowerCase()));
  return false;
}

/**
 * Parses `expr` and checks every name's shape, without a model: run it on every check before any work,
 * so a typo ("nsp < 20") exits 2 before a report is built or written. Throws a CxError (exit 2).
 */
export function validateFailIf(expr: string): void {
  const walk = (n: Node): void => {
    if (n.k === 'var') {
      if (!knownShape(n.path)) throw unknownName(expr, n.text);
    } else if (n.k === 'not') walk(n.a);
    else if (n.k === 'and' || n.k === 'or' || n.k === 'cmp') {
      walk(n.a);
      walk(n.b);
    }
  };
  walk(parseFailIf(expr));
}

const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

/** Resolves a dotted name against the model; undefined when the value is absent; throws for unknown names. */
function resolver(model: ReportModel, expr: string) {
  const kpi = (m: string): Kpi | undefined => model.kpis.find((k) => k.metric === m);
  const unknown = (text: string) => unknownName(expr, text);
  return (path: string[], text: string): Value => {
    const [h, ...rest] = path.map((p) => p);
    const head = h!.toLowerCase();
    if (head === 'n' && rest.length === 0) return model.meta.n;
    if (METRICS.includes(head)) {
      const f = (rest[0] ?? 'value').toLowerCase();
      if (rest.length > 1 || !KPI_FIELDS.includes(f)) throw unknown(text);
      const k = kpi(head);
      if (!k) return undefined;
      switch (f) {
        case 'value': return k.value;
        case 'n': return k.n;
        case 'change': return k.change;
        case 'significant': return k.significant ?? (k.change === undefined ? undefined : false);
        case 'p': return k.p;
        case 'previous': return k.previous;
        case 'lo': return k.ci95?.[0];
        case 'hi': return k.ci95?.[1];
        case 'moe': return k.moe95;
      }
    }
    if ((head === 'theme' || head === 'themes') && rest.length >= 2) {
      const field = rest.slice(1).join('.').toLowerCase();
      const want = norm(rest[0]!);
      const list = model.themes?.themes ?? [];
      const th =
        list.find((x) => norm(x.key) === want) ??
        list.find((x) => norm(x.name) === want) ??
        list.find((x) => x.name.split(/[\s/&,]+/).some((w) => norm(w) === want));
      if (!model.themes) return undefined;
      if (!th) throw unknown(text);
      if (field === 'pct') return th.pct;
      if (field === 'count') return th.count;
      if (field === 'change') return th.change;
      if (field === 'detractors.pct') return th.detractors?.pct;
      if (field === 'detractors.count') return th.detractors?.count;
      if (field === 'negative') return th.sentiment?.negative;
      throw unknown(text);
    }
    if (head === 'journey' && rest.length === 2) {
      // journey."配送速度".mean: a touchpoint by name, a word of its name ("配送速度" in "配送速度 Delivery speed") or column.
      if (!model.journey) return undefined;
      const want = norm(rest[0]!);
      const tps = model.journey.touchpoints;
      const tp = tps.find((x) => norm(x.touchpoint) === want) ?? tps.find((x) => norm(x.column) === want) ?? tps.find((x) => x.touchpoint.split(/[\s/&,]+/).some((w) => norm(w) === want));
      if (!tp) throw unknown(text);
      switch (rest[1]!.toLowerCase()) {
        case 'mean': return tp.mean;
        case 'n': return tp.n;
        case 'top2': return tp.top2;
        case 'lo': return tp.ci95[0];
        case 'hi': return tp.ci95[1];
        case 'target': return tp.target;
        case 'change': return tp.change;
        case 'p': return tp.p;
        case 'ia': return tp.ia;
        case 'penalty': return Math.abs(tp.bLow);
        case 'reward': return Math.abs(tp.bHigh);
        case 'riocs': return tp.riocs;
        case 'riocspct': return tp.riocsPct;
        case 'rwpct': return tp.rwPct ?? undefined;
      }
      throw unknown(text);
    }
    if (head === 'segment' && rest.length === 3) {
      const seg = model.segments?.find((x) => x.column === rest[0]);
      if (!model.segments) return undefined;
      if (!seg) throw unknown(text);
      const row = seg.rows.find((r) => r.value === rest[1]);
      if (!row) return undefined;
      const f = rest[2]!.toLowerCase();
      if (f === 'n') return row.n;
      if (METRICS.includes(f)) return row.values[f as 'nps'];
      throw unknown(text);
    }
    throw unknown(text);
  };
}

export interface FailIfResult {
  expr: string;
  /** true: the condition holds (the check fails); undefined: a value it needs is absent. */
  triggered: boolean | undefined;
  /** "nps = 12.5, nps.change = -7.1" — the values the condition looked at. */
  values: string;
}

function fmtV(v: Value): string {
  if (v === undefined) return 'n/a';
  if (typeof v === 'boolean') return String(v);
  return String(Math.round(v * 100) / 100);
}

export function evaluateFailIf(expr: string, model: ReportModel): FailIfResult {
  const ast = parseFailIf(expr);
  const get = resolver(model, expr);
  const seen = new Map<string, Value>();
  const ev = (n: Node): Value => {
    switch (n.k) {
      case 'num': return n.v;
      case 'var': {
        const v = get(n.path, n.text);
        seen.set(n.path.join('.'), v);
        return v;
      }
      case 'not': {
        const a = ev(n.a);
        return a === undefined ? undefined : !a;
      }
      case 'and': {
        const a = ev(n.a);
        if (a === false || a === 0) return false;
        const b = ev(n.b);
        if (b === false || b === 0) return false;
        return a === undefined || b === undefined ? undefined : true;
      }
      case 'or': {
        const a = ev(n.a);
        if (a === true || (typeof a === 'number' && a !== 0)) return true;
        const b = ev(n.b);
        if (b === true || (typeof b === 'number' && b !== 0)) return true;
        return a === undefined || b === undefined ? undefined : false;
      }
      case 'cmp': {
        const a = ev(n.a);
        const b = ev(n.b);
        if (a === undefined || b === undefined) return undefined;
        const x = Number(a);
        const y = Number(b);
        switch (n.op) {
          case '<': return x < y;
          case '<=': return x <= y;
          case '>': return x > y;
          case '>=': return x >= y;
          case '==': return x === y;
          default: return x !== y;
        }
      }
    }
  };
  const r = ev(ast);
  const triggered = r === undefined ? undefined : typeof r === 'number' ? r !== 0 : r;
  return { expr, triggered, values: [...seen].map(([k, v]) => `${k} = ${fmtV(v)}`).join(', ') };
}

/** cx.yaml `thresholds` as fail-if expressions: a number is a minimum; {min, max} a range. */
export function thresholdExprs(th: Record<string, ThresholdConfig> | undefined): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(th ?? {})) {
    const name = /^[\p{L}_][\p{L}\p{N}_.-]*$/u.test(k) ? k : `"${k}"`;
    if (typeof v === 'number') out.push(`${name} < ${v}`);
    else {
      if (v.min !== undefined) out.push(`${name} < ${v.min}`);
      if (v.max !== undefined) out.push(`${name} > ${v.max}`);
    }
  }
  return out;
}
