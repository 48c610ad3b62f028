// Coding a survey's open comments with a codeframe: multi-label rows (one 0/1 column per code and net),
// comment sentiment, and a summary (counts and % of respondents with a non-empty comment, per-code
// sentiment, optional --by breakdown with column-proportion tests).
import { progressNote } from '../ui/progress.js';
import { readFileSync } from 'node:fs';
import { assertNotSpecial } from '../dataset/file-guard.js';
import type { Survey, Column } from '../dataset/types.js';
import { numAt, strAt } from '../dataset/types.js';
import { inputError } from '../ui/errors.js';
import { Matcher, type CompiledCodeframe } from './codeframe/index.js';
import { activeSegmenter, loadSegmenter } from './segment.js';
import { isNoComment } from './nocomment.js';
import { summarizeCodes, type CodeSummaryRow, type ByBreakdown, byBreakdown } from './codeframe/summary.js';

export type { CodeSummaryRow, ByBreakdown } from './codeframe/summary.js';

export interface CodeOptions {
  /** Comment column (id or question text); found automatically when absent. */
  text?: string;
  /** Break the summary down by this column ('nps_group' = promoters/passives/detractors of the NPS question). */
  by?: string;
  /** Score sentiment (default true). */
  sentiment?: boolean;
  /** Input file name for messages. */
  file: string;
}

export interface CodedComment {
  /** Indexes into codeframe.codes of the codes (and nets) that apply; empty for an empty comment. */
  codes: number[];
  /** No comment to code: blank, or a no-comment answer (then `noComment` is true too). */
  empty: boolean;
  /** The answer says nothing (无, n/a, "-", same as above): not coded, not scored, counted apart. */
  noComment?: boolean;
  sentiment?: { label: 'positive' | 'neutral' | 'negative'; score: number };
  /** Per matched code (same order as `codes`): sentiment score of the clauses where it matched. */
  codeScores?: number[];
  /** Per matched code: topic sentiment label (from codeScores). */
  codeLabels?: ('positive' | 'neutral' | 'negative')[];
}

export interface CodeResult {
  codeframe: { name: string; version?: string; file: string; codes: number; nets: number };
  segmenter: string;
  textColumn: string;
  idColumn: string;
  /** Rows in the input. */
  n: number;
  /** Rows with a real comment (the base of every %): not blank and not a no-comment answer. */
  base: number;
  /** Rows whose answer says nothing (无, 没有建议, n/a, "-"): left out of the base. */
  noComment: number;
  sentiment: boolean;
  codes: CodeSummaryRow[];
  by?: ByBreakdown;
}

/**
 * Code plain texts (null/blank = empty). Sentiment uses src/text/sentiment when `sentiment` is true: the
 * comment's, and each code's topic sentiment (the clauses where it matched). Aspect codes with a polarity
 * always use the clause scorer.
 */
export async function codeTexts(texts: readonly (string | null)[], cf: CompiledCodeframe, sentiment = true): Promise<CodedComment[]> {
  await loadSegmenter();
  // Aspect codes and topic sentiment use the zero-config clause scorer (the Matcher's default).
  const matcher = new Matcher(cf, { topics: sentiment });
  const pos = new Map(cf.codes.map((c, i) => [c.id, i]));
  const out: CodedComment[] = new Array(texts.length);
  const total = texts.length.toLocaleString('en-US');
  for (let i = 0; i < texts.length; i++) {
    if ((i & 1023) === 0) progressNote(`coding comments ${i.toLocaleString('en-US')} / ${total}`, `正在编码评论 ${i.toLocaleString('en-US')} / ${total}`);
    const t = texts[i];
    if (t == null || t.trim() === '') {
      out[i] = { codes: [], empty: true };
      continue;
    }
    if (isNoComment(t)) {
      out[i] = { codes: [], empty: true, noComment: true };
      continue;
    }
    const { matches } = matcher.match(t);
    out[i] = { codes: matches.map((m) => pos.get(m.id)!), empty: false };
    if (sentiment) {
      const sc = matches.map((m) => m.score ?? 0);
      out[i]!.codeScores = sc;
      out[i]!.codeLabels = sc.map(labelOfScore);
    }
  }
  if (!sentiment) return out;
  const { analyzeSentiment } = await import('./sentiment/index.js');
  progressNote(`sentiment of ${total} comments`, `正在分析 ${total} 条评论的情感`);
  const whole = await analyzeSentiment(texts.map((t, i) => (out[i]!.empty ? null : t)));
  for (let i = 0; i < texts.length; i++) {
    if (out[i]!.empty) continue;
    const r = whole[i]!;
    out[i]!.sentiment = { label: r.label, score: r.score };
  }
  return out;
}

function labelOfScore(s: number): 'positive' | 'neutral' | 'negative' {
  return s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral';
}

function findColumn(s: Survey, name: string): string | undefined {
  if (s.columns.has(name)) return name;
  const low = name.trim().toLowerCase();
  const q = s.questions.find((x) => x.id.toLowerCase() === low) ?? s.questions.find((x) => x.label.trim().toLowerCase() === low || (x.source ?? '').trim().toLowerCase() === low);
  return q && s.columns.has(q.id) ? q.id : undefined;
}

function avgLen(c: Column, n: number): number {
  let tot = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = strAt(c, i);
    if (v && v.trim()) { tot += v.length; k++; }
  }
  return k ? tot / k : 0;
}

function columnList(s: Survey): string {
  const ids = [...s.columns.keys()];
  return ids.slice(0, 15).join(', ') + (ids.length > 15 ? ', …' : '');
}

/** The comment column: --text, else the role 'comment' column, else the text column with the longest answers. */
export function findTextColumn(s: Survey, wanted: string | undefined, file: string): string {
  if (wanted) {
    const id = findColumn(s, wanted);
    if (!id) throw inputError(`${file}: no column "${wanted}" for --text; columns are: ${columnList(s)}.`, `${file}：没有列“${wanted}”（--text）；现有列：${columnList(s)}。`);
    return id;
  }
  const has = (id: string) => s.columns.has(id);
  const comment = s.questions.filter((q) => q.role === 'comment' && has(q.id));
  let cands = comment.length ? comment.map((q) => q.id) : s.questions.filter((q) => q.type === 'text' && has(q.id)).map((q) => q.id);
  if (!cands.length) {
    // No typed text column (plain CSV): string columns that are not ids/dates/categories.
    const skip = new Set(s.questions.filter((q) => ['id', 'date', 'meta', 'nps', 'rating', 'likert', 'number'].includes(q.type)).map((q) => q.id));
    cands = [...s.columns.entries()].filter(([id, c]) => c.kind === 'str' && !skip.has(id) && id !== s.idColumn).map(([id]) => id);
  }
  let best: string | undefined;
  let bestLen = 0;
  for (const id of cands) {
    const L = avgLen(s.columns.get(id)!, s.nRows);
    if (L > bestLen) { best = id; bestLen = L; }
  }
  if (!best) throw inputError(`${file}: no comment column found; name it with --text COL (columns: ${columnList(s)}).`, `${file}：没有找到评论列，请用 --text 列名 指定（现有列：${columnList(s)}）。`);
  return best;
}

/** Group label of each row for --by (null = missing). 'nps_group' is computed from the NPS question. */
export function groupValues(s: Survey, by: string, file: string): { column: string; values: (string | null)[]; order?: string[] } {
  const id = findColumn(s, by);
  if (!id && by.toLowerCase() === 'nps_group') {
    const q = s.questions.find((x) => x.role === 'nps' && s.columns.has(x.id)) ?? s.questions.find((x) => x.type === 'nps' && s.columns.has(x.id));
    if (!q) throw inputError(`${file}: --by nps_group needs an NPS question (0–10), and none was recognised.`, `${file}：--by nps_group 需要 NPS 题（0–10 分），但没有识别到。`);
    const c = s.columns.get(q.id)!;
    const values = Array.from({ length: s.nRows }, (_, i) => {
      const v = numAt(c, i);
      if (!Number.isFinite(v) || v < 0 || v > 10) return null;
      return v >= 9 ? 'promoter' : v >= 7 ? 'passive' : 'detractor';
    });
    return { column: 'nps_group', values, order: ['detractor', 'passive', 'promoter'] };
  }
  if (!id) throw inputError(`${file}: no column "${by}" for --by; columns are: ${columnList(s)} (or nps_group).`, `${file}：没有列“${by}”（--by）；现有列：${columnList(s)}（或 nps_group）。`);
  const c = s.columns.get(id)!;
  const q = s.questions.find((x) => x.id === id);
  const labels = new Map((q?.choices ?? []).map((ch) => [ch.code, ch.label]));
  const values = Array.from({ length: s.nRows }, (_, i) => {
    const v = strAt(c, i);
    return v == null || v.trim() === '' ? null : (labels.get(v) ?? v);
  });
  return { column: id, values };
}

/** Row ids: the survey's id column, else the 1-based data row number. */
export function rowIds(s: Survey): { name: string; ids: (string | number)[] } {
  if (s.idColumn && s.columns.has(s.idColumn)) {
    const c = s.columns.get(s.idColumn)!;
    return { name: s.idColumn, ids: Array.from({ length: s.nRows }, (_, i) => strAt(c, i) ?? i + 1) };
  }
  return { name: 'row', ids: Array.from({ length: s.nRows }, (_, i) => i + 1) };
}

/** Code a survey: per-row results plus the summary. */
export async function codeSurvey(s: Survey, cf: CompiledCodeframe, opts: CodeOptions): Promise<{ result: CodeResult; rows: CodedComment[]; ids: { name: string; ids: (string | number)[] } }> {
  const textColumn = findTextColumn(s, opts.text, opts.file);
  const col = s.columns.get(textColumn)!;
  const texts = Array.from({ length: s.nRows }, (_, i) => strAt(col, i));
  if (!texts.some((t) => t != null && t.trim() !== '')) {
    throw inputError(`${opts.file}: column "${textColumn}" has no comments (all ${s.nRows} rows are empty); choose another column with --text.`, `${opts.file}：列“${textColumn}”没有任何评论（${s.nRows} 行全为空），请用 --text 指定其他列。`);
  }
  const groups = opts.by ? groupValues(s, opts.by, opts.file) : undefined;
  const sentiment = opts.sentiment !== false;
  const rows = await codeTexts(texts, cf, sentiment);
  const base = rows.filter((r) => !r.empty).length;
  const result: CodeResult = {
    codeframe: { name: cf.name, version: cf.version, file: cf.file, codes: cf.codes.filter((c) => !c.net).length, nets: cf.codes.filter((c) => c.net).length },
    segmenter: activeSegmenter() ?? 'jieba',
    textColumn,
    idColumn: rowIds(s).name,
    n: s.nRows,
    base,
    noComment: rows.filter((r) => r.noComment).length,
    sentiment,
    codes: summarizeCodes(cf, rows, base),
  };
  if (groups) result.by = byBreakdown(cf, rows, groups);
  return { result, rows, ids: rowIds(s) };
}

/**
 * Header and rows for writeTable: id, the comment text (when `texts` is given), one 0/1 column per code and
 * net (empty for an empty or no-comment answer), then the comment sentiment and score, one topic-sentiment
 * column per code (sentiment_<id>: the sentiment of the clauses where that code matched), and noComment.
 */
export function codedTable(
  cf: CompiledCodeframe,
  rows: CodedComment[],
  ids: { name: string; ids: (string | number)[] },
  sentiment: boolean,
  headers: 'ids' | 'names' = 'ids',
  texts?: readonly (string | null)[],
  textName = 'comment',
): { header: string[]; rows: Iterable<(string | number | null)[]> } {
  const withText = texts !== undefined;
  const header = [ids.name, ...(withText ? [textName] : []), ...cf.codes.map((c) => (headers === 'names' ? `${c.id} ${c.name}` : `code_${c.id}`))];
  const leaf = cf.codes.map((c, k) => (!c.net && !c.fallback ? k : -1)).filter((k) => k >= 0);
  if (sentiment) {
    header.push('sentiment', 'sentimentScore');
    if (withText) header.push(...leaf.map((k) => `sentiment_${cf.codes[k]!.id}`));
  }
  if (withText) header.push('noComment');
  const nc = cf.codes.length;
  const off = withText ? 2 : 1;
  function* gen(): Generator<(string | number | null)[]> {
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const line: (string | number | null)[] = new Array(header.length).fill(r.empty ? null : 0);
      line[0] = ids.ids[i] ?? i + 1;
      if (withText) line[1] = texts![i] ?? null;
      for (const k of r.codes) line[off + k] = 1;
      let at = off + nc;
      if (sentiment) {
        line[at++] = r.sentiment ? r.sentiment.label : null;
        line[at++] = r.sentiment && Number.isFinite(r.sentiment.score) ? r.sentiment.score : null;
        if (withText) {
          for (const k of leaf) {
            const j = r.codes.indexOf(k);
            const lab = j >= 0 ? r.codeLabels?.[j] : undefined;
            line[at++] = lab ?? null;
          }
        }
      }
      if (withText) line[at] = r.noComment ? 1 : 0;
      yield line;
    }
  }
  return { header, rows: gen() };
}

/**
 * Comments to code: a .txt file (one comment per line, row = line number) or anything loadInput reads
 * (dataset directory, survey export, CSV/XLSX of comments).
 */
export async function loadComments(input: string): Promise<Survey> {
  if (/\.txt$/i.test(input)) {
    assertNotSpecial(input);
    let text: string;
    try {
      text = readFileSync(input, 'utf8');
    } catch {
      throw inputError(`${input}: no such file; check the path.`, `${input}：找不到该文件，请检查路径。`);
    }
    const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
    if (lines.length && lines[lines.length - 1] === '') lines.pop();
    const values = lines.map((l) => (l.trim() === '' ? null : l));
    return {
      source: [input], platform: 'text', encoding: 'utf-8', nRows: values.length, log: [],
      questions: [{ id: 'comment', label: 'comment', type: 'text', role: 'comment' }],
      columns: new Map([['comment', { kind: 'str', values }]]),
    };
  }
  const { loadInput } = await import('../dataset/load.js');
  return loadInput(input);
}
