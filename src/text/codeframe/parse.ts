// Read a codeframe file: YAML, the same structure as JSON, or the flat CSV people keep in Excel
// (TEXT.md §5.3). Structural problems are returned as issues with the line, never thrown.
import { LineCounter, parseDocument, isMap, isSeq, type YAMLMap, type Node as YNode } from 'yaml';
import { yamlDepthProblem, yamlToJs } from '../../yaml-limits.js';
import { parse as parseCsv } from 'csv-parse/sync';
import type { CodeDef, CodeframeDef, CodeframeIssue, NegationMode, Polarity, Scope } from './types.js';

export interface ParsedCodeframe {
  def: CodeframeDef;
  issues: CodeframeIssue[];
}

const POLARITIES = new Set(['positive', 'negative', 'neutral', 'mixed', 'any']);

/** Split "a | b | \"c|d\" | /x|y/" on | outside quotes and /regex/. */
export function splitTerms(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote = false;
  let regex = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '"' && !regex) quote = !quote;
    else if (c === '/' && !quote && (regex || cur.trim() === '')) regex = !regex;
    else if (c === '\\' && regex && i + 1 < s.length) { cur += c + s[++i]; continue; }
    if (c === '|' && !quote && !regex) {
      out.push(cur.trim());
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur.trim());
  return out;
}

function toBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return /^(true|yes|y|1|x|是|✓)$/i.test(v.trim());
  return false;
}

interface RawCtx {
  file: string;
  issues: CodeframeIssue[];
  /** defaults.match: 'substring' makes bare list terms raw substrings (as if quoted). */
  match?: string;
}

/** `match: substring` (codeframe default or per code): bare any/all/none entries become "quoted". */
function asSubstring(entries: string[]): string[] {
  return entries.map((e) => {
    const t = e.trim();
    if (t === '' || t.startsWith('"') || t.startsWith('/') || /[*?]/.test(t)) return e;
    return `"${t}"`;
  });
}

function termList(v: unknown, ctx: RawCtx, line: number, id: number | undefined, field: string): string[] {
  if (v == null || v === '') return [];
  if (typeof v === 'string') return splitTerms(v);
  if (typeof v === 'number') return [String(v)];
  if (Array.isArray(v)) {
    return v.map((x) => {
      if (typeof x === 'string' || typeof x === 'number') return String(x);
      ctx.issues.push({ file: ctx.file, line, codeId: id, message: `"${field}" entries must be words or phrases, not ${JSON.stringify(x)}` });
      return '';
    });
  }
  ctx.issues.push({ file: ctx.file, line, codeId: id, message: `"${field}" must be a list of terms` });
  return [];
}

function negationMode(v: unknown): NegationMode {
  if (v === true || v === 'include' || v === 'ignore') return 'include';
  if (v === 'only') return 'only';
  return 'exclude';
}

/** Build a CodeDef from a plain object (YAML/JSON code or CSV row). */
function codeFrom(o: Record<string, unknown>, line: number, parent: number | undefined, ctx: RawCtx): CodeDef | null {
  const rawId = o.id ?? o.code ?? o.value;
  const id = typeof rawId === 'number' ? rawId : typeof rawId === 'string' && /^\s*\d+\s*$/.test(rawId) ? Number(rawId) : NaN;
  if (!Number.isInteger(id)) {
    ctx.issues.push({ file: ctx.file, line, message: `every code needs a numeric "id" (found ${rawId === undefined ? 'none' : JSON.stringify(rawId)})` });
    return null;
  }
  const name = String(o.name ?? o.label ?? '').trim();
  if (!name) ctx.issues.push({ file: ctx.file, line, codeId: id, message: 'code has no "name"' });
  let all: string[][] = [];
  if (o.all != null) {
    if (Array.isArray(o.all) && o.all.every((g) => Array.isArray(g))) {
      all = (o.all as unknown[]).map((g) => termList(g, ctx, line, id, 'all'));
    } else if (Array.isArray(o.all)) {
      // all: [a, b] = every one of these terms.
      all = (o.all as unknown[]).map((g) => termList(typeof g === 'string' ? [g] : g, ctx, line, id, 'all'));
    } else {
      ctx.issues.push({ file: ctx.file, line, codeId: id, message: '"all" must be a list of term groups, e.g. [[骑手, courier], [态度, rude]]' });
    }
  }
  const sentiment = o.sentiment == null || o.sentiment === '' ? undefined : String(o.sentiment).trim().toLowerCase();
  if (sentiment !== undefined && !POLARITIES.has(sentiment)) {
    ctx.issues.push({ file: ctx.file, line, codeId: id, message: `sentiment "${sentiment}" must be positive, negative, neutral, mixed or any` });
  }
  const scope = o.scope === 'comment' || o.scope === 'sentence' ? (o.scope as Scope) : undefined;
  const q = o.query ?? o.expression ?? o.rule;
  const match = String(o.match ?? '').trim().toLowerCase() || ctx.match;
  if (match && match !== 'substring' && match !== 'lemma' && match !== 'word') {
    ctx.issues.push({ file: ctx.file, line, codeId: id, message: `match "${match}" must be lemma or substring` });
  }
  const lists = (xs: string[]) => (match === 'substring' ? asSubstring(xs) : xs);
  return {
    id,
    name: name || String(id),
    parent,
    net: toBool(o.net ?? o.is_net ?? o['Is Net']) || Array.isArray(o.children),
    any: lists(termList(o.any ?? o.terms ?? o.keywords, ctx, line, id, 'any')),
    aspect: lists(termList(o.aspect ?? o.aspects, ctx, line, id, 'aspect')),
    all: all.map(lists),
    none: lists(termList(o.none ?? o.exclude, ctx, line, id, 'none')),
    query: q == null || String(q).trim() === '' ? undefined : String(q),
    sentiment: sentiment && POLARITIES.has(sentiment) ? (sentiment as Polarity) : undefined,
    owner: o.owner == null || o.owner === '' ? undefined : String(o.owner),
    description: o.description == null || o.description === '' ? undefined : String(o.description),
    fallback: toBool(o.fallback ?? o.other),
    negation: negationMode(o.negation ?? o.negated),
    scope,
    line,
  };
}

function parseStructured(text: string, file: string): ParsedCodeframe {
  const ctx: RawCtx = { file, issues: [] };
  const lc = new LineCounter();
  // Nesting and alias limits (src/yaml-limits.ts): a hostile file gets an issue with its line, not a crash.
  const deep = yamlDepthProblem(text);
  if (deep) return { def: { name: file, scope: 'sentence', codes: [], file }, issues: [{ file, line: deep.line, message: deep.en }] };
  // Unique keys: a second `any:` in one code would silently replace the first list of terms.
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const def: CodeframeDef = { name: file, scope: 'sentence', codes: [], file };
  for (const e of doc.errors) {
    const line = lc.linePos(e.pos[0]).line;
    if (e.code === 'DUPLICATE_KEY') {
      const key = /^\s*["']?([^"':\n]*)/.exec(text.slice(e.pos[0]))?.[1]?.trim() ?? '';
      ctx.issues.push({ file, line, message: `duplicate key "${key}" in one map: the second would replace the first; put all its values in one "${key}:" entry` });
    } else {
      ctx.issues.push({ file, line, message: `YAML/JSON syntax: ${e.message.split('\n')[0]}` });
    }
  }
  if (doc.errors.length) return { def, issues: ctx.issues };
  const js = yamlToJs(doc, lc);
  if ('problem' in js) return { def, issues: [{ file, line: js.problem.line, message: js.problem.en }] };
  const lineOf = (n: YNode | null | undefined): number => (n?.range ? lc.linePos(n.range[0]).line : 1);
  const root = doc.contents;
  let codesNode: YNode | null | undefined = null;
  if (isMap(root)) {
    const top = root.toJS(doc) as Record<string, unknown>;
    def.name = String(top.codeframe ?? top.name ?? file);
    if (top.version != null) def.version = String(top.version);
    const defaults = (top.defaults ?? {}) as Record<string, unknown>;
    if (defaults.scope === 'comment') def.scope = 'comment';
    if (defaults.match != null) ctx.match = String(defaults.match).trim().toLowerCase();
    codesNode = root.get('codes', true) as YNode | undefined;
  } else if (isSeq(root)) {
    codesNode = root;
  }
  if (!isSeq(codesNode)) {
    ctx.issues.push({ file, line: lineOf(root as YNode), message: 'the codeframe needs a "codes:" list' });
    return { def, issues: ctx.issues };
  }
  const walk = (seq: YNode, parent: number | undefined): void => {
    if (!isSeq(seq)) return;
    for (const item of seq.items) {
      const line = lineOf(item as YNode);
      if (!isMap(item)) {
        ctx.issues.push({ file, line, message: 'each entry of "codes" must be a map with id and name' });
        continue;
      }
      const obj = (item as YAMLMap).toJS(doc) as Record<string, unknown>;
      const code = codeFrom(obj, line, parent, ctx);
      if (!code) continue;
      def.codes.push(code);
      const kids = (item as YAMLMap).get('children', true) as YNode | undefined;
      if (kids) walk(kids, code.id);
    }
  };
  walk(codesNode, undefined);
  return { def, issues: ctx.issues };
}

function parseFlatCsv(text: string, file: string): ParsedCodeframe {
  const first = text.slice(0, text.indexOf('\n') >>> 0);
  const delimiter = (first.match(/\t/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? '\t' : ',';
  let recs: { record: Record<string, string>; info: { lines: number } }[];
  try {
    recs = parseCsv(text, { bom: true, delimiter, columns: (h: string[]) => h.map((x) => x.trim().toLowerCase()), info: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, trim: false }) as typeof recs;
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    const line = Number(/line (\d+)/.exec(m)?.[1] ?? 1);
    const def: CodeframeDef = { name: file, scope: 'sentence', codes: [], file };
    return { def, issues: [{ file, line, message: `CSV syntax: ${m}` }] };
  }
  // info.lines is the line where the record ends; multi-line cells are rare in codeframes.
  return parseFlatRecords(recs.map(({ record, info }) => ({ record, line: info.lines })), file);
}

/** The flat form from a spreadsheet: first row = header, then one code per row (line = 1-based row). */
export function parseFlatRows(rows: string[][], file: string): ParsedCodeframe {
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const recs: { record: Record<string, string>; line: number }[] = [];
  rows.forEach((r, i) => {
    if (i === 0 || r.every((c) => c.trim() === '')) return;
    const record: Record<string, string> = {};
    header.forEach((h, c) => {
      if (h) record[h] = r[c] ?? '';
    });
    recs.push({ record, line: i + 1 });
  });
  return parseFlatRecords(recs, file);
}

// Column headings of a flat codeframe (lower-case, spaces/underscores/dashes ignored) → field.
const HEADINGS: Record<string, string> = {
  id: 'id', codeid: 'id', code_id: 'id', value: 'id', number: 'id', no: 'id', 编号: 'id', 代码: 'id', 编码号: 'id', 序号: 'id',
  name: 'name', label: 'name', codename: 'name', code: 'code', subcode: 'name', topic: 'name', theme: 'name', 名称: 'name', 小类: 'name', 编码: 'name', 主题: 'name', 子类: 'name', 类目: 'name', 标签: 'name',
  parent: 'parent', net: 'net', isnet: 'net', category: 'parent', group: 'parent', 大类: 'parent', 类别: 'parent', 分类: 'parent', 上级: 'parent', 父类: 'parent',
  any: 'any', keywords: 'any', keyword: 'any', terms: 'any', words: 'any', 关键词: 'any', 关键字: 'any', 词语: 'any',
  query: 'query', expression: 'query', rule: 'query', 规则: 'query', 表达式: 'query',
  none: 'none', exclude: 'none', exclusions: 'none', 排除: 'none', 排除词: 'none',
  aspect: 'aspect', aspects: 'aspect', 方面: 'aspect',
  sentiment: 'sentiment', polarity: 'sentiment', 情感: 'sentiment', 倾向: 'sentiment',
  owner: 'owner', 负责人: 'owner', description: 'description', memo: 'description', 说明: 'description', 描述: 'description',
  negation: 'negation', fallback: 'fallback', other: 'fallback', scope: 'scope', match: 'match', all: 'all',
};

/** The headings a flat codeframe accepts (for error messages). */
export const FLAT_HEADINGS = 'id, name (or label / code), parent (or net / category), any (or keywords / terms), query, exclude, aspect, sentiment, owner, description; 编号, 大类, 小类, 关键词, 排除, 情感';

function headingKey(h: string): string {
  const k = h.trim().toLowerCase().replace(/[\s_-]+/g, '');
  return HEADINGS[k] ?? HEADINGS[h.trim().toLowerCase()] ?? h.trim().toLowerCase();
}

const isBoolWord = (v: string) => /^(true|false|yes|no|y|n|1|0|x|是|否|✓|)$/i.test(v.trim());

/**
 * Map the user's headings to the codeframe fields. A "code" column is the id when it holds whole numbers,
 * else the name; a "net" column holding words (not true/false) names the parent net. Codes without an id
 * get one (parents 100, 200 …; children parent + 1, + 2 …) and parents named but not listed become nets.
 */
function normaliseFlat(recs: { record: Record<string, string>; line: number }[]): { record: Record<string, string>; line: number }[] {
  const keys = new Set(recs.flatMap((r) => Object.keys(r.record)));
  const mapped = recs.map(({ record, line }) => {
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(record)) {
      const f = headingKey(k);
      if (out[f] === undefined || out[f] === '') out[f] = v;
    }
    return { record: out, line };
  });
  void keys;
  const all = mapped.map((m) => m.record);
  if (all.length && all.every((r) => r.code === undefined || r.code.trim() === '' || /^\s*\d+\s*$/.test(r.code))) {
    for (const r of all) if (r.id === undefined && r.code !== undefined) r.id = r.code;
  } else {
    for (const r of all) if (r.name === undefined || r.name === '') r.name = r.code ?? '';
  }
  for (const r of all) delete r.code;
  // "net" as a category name → parent.
  if (all.some((r) => r.net !== undefined && !isBoolWord(r.net))) {
    for (const r of all) {
      if (r.net !== undefined && !isBoolWord(r.net) && !r.parent) r.parent = r.net;
      if (r.net !== undefined && !isBoolWord(r.net)) delete r.net;
    }
  }
  if (all.every((r) => r.id === undefined || r.id.trim() === '')) {
    const parents: string[] = [];
    for (const r of all) if (r.parent && !parents.includes(r.parent.trim()) && !all.some((x) => (x.name ?? '').trim() === r.parent!.trim() && !x.parent)) parents.push(r.parent.trim());
    const out: { record: Record<string, string>; line: number }[] = [];
    const pid = new Map<string, number>();
    let next = 100;
    const kids = new Map<number, number>();
    const topLevel = (name: string, line: number) => {
      const id = next;
      next += 100;
      pid.set(name, id);
      out.push({ record: { id: String(id), name, net: 'true' }, line });
    };
    for (const p of parents) topLevel(p, mapped.find((m) => m.record.parent?.trim() === p)!.line);
    for (const m of mapped) {
      const r = m.record;
      const par = r.parent?.trim();
      if (!par) {
        const id = next;
        next += 100;
        pid.set((r.name ?? '').trim(), id);
        out.push({ record: { ...r, id: String(id) }, line: m.line });
        continue;
      }
      const p = pid.get(par);
      if (p === undefined) {
        out.push({ record: { ...r }, line: m.line }); // reported below: parent not found
        continue;
      }
      const k = (kids.get(p) ?? 0) + 1;
      kids.set(p, k);
      out.push({ record: { ...r, id: String(p + k), parent: String(p) }, line: m.line });
    }
    return out;
  }
  return mapped;
}

function parseFlatRecords(recsIn: { record: Record<string, string>; line: number }[], file: string): ParsedCodeframe {
  const ctx: RawCtx = { file, issues: [] };
  const def: CodeframeDef = { name: file, scope: 'sentence', codes: [], file };
  const recs = normaliseFlat(recsIn);
  const byName = new Map<string, number>();
  const pending: { code: CodeDef; parentRaw: string }[] = [];
  for (const { record, line } of recs) {
    const r: Record<string, unknown> = { ...record };
    const code = codeFrom(r, line, undefined, ctx);
    if (!code) continue;
    def.codes.push(code);
    byName.set(code.name, code.id);
    pending.push({ code, parentRaw: String(record.parent ?? '').trim() });
  }
  for (const { code, parentRaw } of pending) {
    if (!parentRaw) continue;
    if (/^\d+$/.test(parentRaw)) {
      code.parent = Number(parentRaw);
      continue;
    }
    // MAXQDA-style path "Delivery > Late": the last element names the parent.
    const parts = parentRaw.split(/\s*[>\\]\s*/).filter(Boolean);
    const pid = byName.get(parts[parts.length - 1] ?? '');
    if (pid === undefined) ctx.issues.push({ file, line: code.line, codeId: code.id, message: `parent "${parentRaw}" is not the id or name of a code in this file` });
    else code.parent = pid;
  }
  // A code with children is a net.
  const parents = new Set(def.codes.map((c) => c.parent).filter((p) => p !== undefined));
  for (const c of def.codes) if (parents.has(c.id)) c.net = true;
  // Name the accepted headings once when the columns were not understood.
  if (ctx.issues.some((i) => /numeric "id"|no "name"|no terms/.test(i.message))) {
    const seen = [...new Set(recsIn.flatMap((r) => Object.keys(r.record)))].join(', ');
    ctx.issues.unshift({ file, line: 1, message: `columns found: ${seen}; accepted headings: ${FLAT_HEADINGS}` });
  }
  return { def, issues: ctx.issues };
}

/** Parse codeframe text; the format follows the file extension (.csv) or the content. */
export function parseCodeframeText(text: string, file: string): ParsedCodeframe {
  const t = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/\.(csv|tsv|txt)$/i.test(file)) return parseFlatCsv(t, file);
  return parseStructured(t, file);
}
