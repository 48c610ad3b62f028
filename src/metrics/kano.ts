// Kano analysis (METHODS.md §2): evaluation table, discrete analysis (counts, category with the
// M > O > A > I near-tie rule, total/category strength, Fong's test, Better/Worse) and DuMouchel's
// continuous scores. Pure: takes a Survey or answer pairs, returns JSON-able results.
import type { Column, Survey } from '../dataset/types.js';
import { strAt } from '../dataset/types.js';
import { checkUnreadable, newAccounting, type Accounting } from '../dataset/accounting.js';
import { MISSING_CODES, readerFor, type QuestionLike } from '../ingest/values.js';
import { inputError } from '../ui/errors.js';
import { chi2Sf } from './distributions.js';
import { parseKanoAnswer, type KanoAnswer } from './kano-answers.js';
import { findKanoPairs, type KanoPairSpec } from './kano-pairs.js';

export type KanoCategory = 'A' | 'O' | 'M' | 'I' | 'R' | 'Q';
export type KanoCounts = Record<KanoCategory, number>;

/** Berger et al. 1993: rows = functional answer, columns = dysfunctional answer (1 like … 5 dislike). */
const TABLE: KanoCategory[][] = [
  ['Q', 'A', 'A', 'A', 'O'],
  ['R', 'I', 'I', 'I', 'M'],
  ['R', 'I', 'I', 'I', 'M'],
  ['R', 'I', 'I', 'I', 'M'],
  ['R', 'R', 'R', 'R', 'Q'],
];

export function classifyKano(functional: KanoAnswer, dysfunctional: KanoAnswer): KanoCategory {
  return TABLE[functional - 1]![dysfunctional - 1]!;
}

/** DuMouchel scores (Berger et al. 1993 §IVb); the −1…1 variant divides by 4. */
const F_SCORE = [4, 2, 0, -1, -2];
const D_SCORE = [-2, -1, 0, 2, 4];

/** Near-tie threshold on category strength (stp25kano): below it the hierarchy decides. */
export const NEAR_TIE_CS = 0.06;
const HIERARCHY: KanoCategory[] = ['M', 'O', 'A', 'I', 'R', 'Q'];
export const KANO_RULE =
  'mode of A/O/M/I/R/Q; when the category strength of the top two is below 6% (or they tie), the higher of the two in M > O > A > I (> R > Q) is taken (Berger et al. 1993; stp25kano)';

export interface KanoFeatureResult {
  feature: string;
  n: number;
  counts: KanoCounts;
  /** The plain most frequent category (before the near-tie rule); null when no respondent answered both. */
  mode: KanoCategory | null;
  category: KanoCategory | null;
  /** True when the near-tie rule changed or decided the category. */
  nearTie: boolean;
  totalStrength: number;
  categoryStrength: number;
  fong: { a: KanoCategory; b: KanoCategory; diff: number; threshold: number; significant: boolean };
  better: number;
  worse: number;
  /** χ² of (M, O, A, I) against a uniform split; null when M+O+A+I < 12. */
  chi2MOAI: { chi2: number; df: number; p: number } | null;
  /** DuMouchel mean scores on the Berger scale (functional 4…−2, dysfunctional −2…4). */
  functional: number;
  dysfunctional: number;
  functionalSd: number;
  dysfunctionalSd: number;
  /** Same means on the −1…1 variant (÷4). */
  functionalScaled: number;
  dysfunctionalScaled: number;
  importance?: { n: number; mean: number };
  /** Respondents with exactly one of the two answers. */
  incomplete: number;
  /** Answers not recognised as one of the five (excluded). */
  unrecognised: number;
}

const CATS: KanoCategory[] = ['A', 'O', 'M', 'I', 'R', 'Q'];

function emptyCounts(): KanoCounts {
  return { A: 0, O: 0, M: 0, I: 0, R: 0, Q: 0 };
}

/** Discrete analysis from counts alone (DuMouchel fields are NaN). */
export function kanoFromCounts(feature: string, counts: KanoCounts): KanoFeatureResult {
  const c = counts;
  const n = CATS.reduce((s, k) => s + c[k], 0);
  // Mode over all six; ties go to the hierarchy order.
  const byCount = [...HIERARCHY].sort((x, y) => c[y] - c[x]);
  const mode = n > 0 ? byCount[0]! : null;
  // Top two among A/O/M/I/R for category strength and Fong (the peer's convention; Q only in N).
  const five = HIERARCHY.filter((k) => k !== 'Q').sort((x, y) => c[y] - c[x]);
  const [t1, t2] = [five[0]!, five[1]!];
  const categoryStrength = n > 0 ? (c[t1] - c[t2]) / n : NaN;
  let category = mode;
  let nearTie = false;
  if (mode !== null && mode !== 'Q' && categoryStrength < NEAR_TIE_CS) {
    const pick = HIERARCHY.indexOf(t1) <= HIERARCHY.indexOf(t2) ? t1 : t2;
    nearTie = true;
    category = pick;
  }
  const a = c[t1];
  const b = c[t2];
  const threshold = 1.65 * Math.sqrt(((a + b) * (2 * n - a - b)) / (2 * n));
  const aomi = c.A + c.O + c.M + c.I;
  const moai = [c.M, c.O, c.A, c.I];
  let chi2MOAI: KanoFeatureResult['chi2MOAI'] = null;
  if (aomi >= 12) {
    const e = aomi / 4;
    const chi2 = moai.reduce((s, x) => s + ((x - e) * (x - e)) / e, 0);
    chi2MOAI = { chi2, df: 3, p: chi2Sf(chi2, 3) };
  }
  return {
    feature,
    n,
    counts: { ...c },
    mode,
    category,
    nearTie,
    totalStrength: n > 0 ? (c.A + c.O + c.M) / n : NaN,
    categoryStrength,
    fong: { a: t1, b: t2, diff: Math.abs(a - b), threshold, significant: n > 0 && Math.abs(a - b) >= threshold },
    better: aomi > 0 ? (c.A + c.O) / aomi : NaN,
    worse: aomi > 0 ? -(c.O + c.M) / aomi : NaN,
    chi2MOAI,
    functional: NaN,
    dysfunctional: NaN,
    functionalSd: NaN,
    dysfunctionalSd: NaN,
    functionalScaled: NaN,
    dysfunctionalScaled: NaN,
    incomplete: 0,
    unrecognised: 0,
  };
}

/** Full analysis of one feature from answer pairs (already parsed; nulls are missing answers). */
export function kanoFeature(
  feature: string,
  pairs: [KanoAnswer | null, KanoAnswer | null][],
  importance?: number[],
): KanoFeatureResult {
  const r = featureFromPairs(feature, pairs.map(([f, d]) => [f, d, 1] as const));
  if (importance) {
    const xs = importance.filter((x) => Number.isFinite(x));
    r.importance = { n: xs.length, mean: xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN };
  }
  return r;
}

/**
 * Category counts, DuMouchel means and SDs (from exact integer sums Σf, Σf², Σd, Σd²) and incomplete pairs of
 * parsed answer pairs, each standing for n respondents (1 for raw rows, a count for engine statistics).
 */
function featureFromPairs(feature: string, pairs: Iterable<readonly [KanoAnswer | null, KanoAnswer | null, number]>): KanoFeatureResult {
  const counts = emptyCounts();
  let sf = 0;
  let sf2 = 0;
  let sd = 0;
  let sd2 = 0;
  let incomplete = 0;
  for (const [f, d, n] of pairs) {
    if (f == null || d == null) {
      if (f != null || d != null) incomplete += n;
      continue;
    }
    counts[classifyKano(f, d)] += n;
    const x = F_SCORE[f - 1]!;
    const y = D_SCORE[d - 1]!;
    sf += n * x;
    sf2 += n * x * x;
    sd += n * y;
    sd2 += n * y * y;
  }
  const r = kanoFromCounts(feature, counts);
  [r.functional, r.functionalSd] = meanSdFromSums(r.n, sf, sf2);
  [r.dysfunctional, r.dysfunctionalSd] = meanSdFromSums(r.n, sd, sd2);
  r.functionalScaled = r.functional / 4;
  r.dysfunctionalScaled = r.dysfunctional / 4;
  r.incomplete = incomplete;
  return r;
}

export interface KanoIssue {
  column: string;
  /** 1-based data row numbers (first few). */
  rows: number[];
  values: string[];
  count: number;
}

export interface KanoResult {
  method: { rule: string; nearTieThreshold: number; table: string; dumouchel: string };
  features: KanoFeatureResult[];
  /** Unrecognised answers per column (excluded from the analysis). */
  unrecognised: KanoIssue[];
  /** The accounting rule per answer column (functional, dysfunctional, importance). */
  accounting: Accounting[];
}

/** Whether a column holds Kano answers (≥ 90% of its non-empty values): as wording ('text') or as codes. */
export function answerKind(survey: Survey, id: string): 'text' | 'code' | false {
  const col = survey.columns.get(id);
  if (!col) return false;
  let n = 0;
  let ok = 0;
  let text = 0;
  for (let i = 0; i < survey.nRows; i++) {
    const raw = col.kind === 'num' ? col.values[i]! : strAt(col, i);
    const a = parseKanoAnswer(raw);
    if (a === null) continue;
    n++;
    if (a !== undefined) {
      ok++;
      if (typeof raw === 'string' && !/^\s*[1-5](\.0+)?\s*$/.test(raw)) text++;
    }
  }
  if (n === 0 || ok < 0.9 * n) return false;
  return text > 0 ? 'text' : 'code';
}

/** Kano analysis of a survey: pairs from `features` (cx.yaml) or found automatically. */
export function kano(survey: Survey, features?: KanoPairSpec[], opts: { allowUnreadable?: boolean; mask?: Uint8Array } = {}): KanoResult {
  return kanoFromStats(kanoStats(survey, features, opts.mask), opts);
}

// ---- statistics → estimate (DESIGN.md §8) ----------------------------------------------------------------
// Kano needs, per feature, the count of each (functional answer text, dysfunctional answer text) pair and, with
// an importance question, the count of each importance answer text. The built-in store, DuckDB, PostgreSQL or
// a warehouse (src/engine/counts-sql.ts) produce these counts; kanoFromStats reads each distinct text with the
// Kano answer reader and the value reader, so every engine classifies exactly as a local run does.

/** How many times a text (or pair of texts) occurs; `rows` = its first five 1-based data rows (built-in only). */
export interface TextCount {
  text: string | null;
  n: number;
  rows?: number[];
}

export interface KanoPairCount {
  f: string | null;
  d: string | null;
  n: number;
  rows?: number[];
}

export interface KanoFeatureStats {
  spec: KanoPairSpec;
  pairs: KanoPairCount[];
  importance?: TextCount[];
}

export interface KanoStats {
  /** What the user named as input (for messages). */
  source: string;
  features: KanoFeatureStats[];
  /** Columns holding numbers: their texts are read as numbers (String(x) of a double). */
  numeric: string[];
  /** Importance questions (scale, choices, cx.yaml values) for the value reader. */
  questions: Record<string, QuestionLike>;
}

const MAX_ROWS = 5;

function pushRow(rows: number[] | undefined, row: number): void {
  if (rows && rows.length < MAX_ROWS) rows.push(row);
}

/** Checks that every column of the pairs exists (the same errors, in the same order, as always). */
export function checkKanoColumns(has: (id: string) => boolean, specs: KanoPairSpec[], source: string): void {
  for (const s of specs) {
    for (const id of [s.functional, s.dysfunctional]) {
      if (!has(id)) {
        throw inputError(
          `Kano column "${id}" is not in ${source}; check the name in cx.yaml (kano.features).`,
          `Kano 列 "${id}" 不在 ${source} 中；请检查 cx.yaml（kano.features）中的列名。`,
        );
      }
    }
    if (s.importance && !has(s.importance)) {
      throw inputError(
        `Kano importance column "${s.importance}" is not in the input; check cx.yaml (kano.features).`,
        `Kano 重要性列 "${s.importance}" 不在输入中；请检查 cx.yaml（kano.features）。`,
      );
    }
  }
}

/** The pairs to analyse: from cx.yaml, else found by name (or as two Kano matrices); exit 2 when none. */
export function kanoSpecs(survey: Survey, features?: KanoPairSpec[]): KanoPairSpec[] {
  const specs = features && features.length ? features : findKanoPairs(survey, (id) => answerKind(survey, id));
  if (specs.length === 0) {
    throw inputError(
      `${survey.source[0] ?? 'input'}: no Kano question pairs found; name them X_functional / X_dysfunctional (or X_正向 / X_反向), or list them under kano.features in cx.yaml.`,
      `${survey.source[0] ?? '输入'}：未找到 Kano 成对题目；请命名为 X_functional / X_dysfunctional（或 X_正向 / X_反向），或在 cx.yaml 的 kano.features 中列出。`,
    );
  }
  return specs;
}

/** Distinct value index per row of a column (−1: missing), and the texts (String(x) for numbers). */
function codeColumn(col: Column, n: number, mask?: Uint8Array): { codes: Int32Array; texts: string[] } {
  const codes = new Int32Array(n);
  const texts: string[] = [];
  if (col.kind === 'num') {
    const map = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const v = col.values[i]!;
      if (v !== v || (mask && !mask[i])) {
        codes[i] = -1;
        continue;
      }
      let c = map.get(v);
      if (c === undefined) {
        map.set(v, (c = texts.length));
        texts.push(String(v));
      }
      codes[i] = c;
    }
  } else {
    const map = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      const v = col.values[i];
      if (v == null || (mask && !mask[i])) {
        codes[i] = -1;
        continue;
      }
      let c = map.get(v);
      if (c === undefined) {
        map.set(v, (c = texts.length));
        texts.push(v);
      }
      codes[i] = c;
    }
  }
  return { codes, texts };
}

/** The statistics of `cx kano` from the built-in column store (rows where `mask` is 0 are left out). */
export function kanoStats(survey: Survey, features?: KanoPairSpec[], mask?: Uint8Array): KanoStats {
  const specs = kanoSpecs(survey, features);
  const source = survey.source[0] ?? 'the input';
  checkKanoColumns((id) => survey.columns.has(id), specs, source);
  const n = survey.nRows;
  const coded = new Map<string, { codes: Int32Array; texts: string[] }>();
  const codesOf = (id: string) => {
    let c = coded.get(id);
    if (!c) coded.set(id, (c = codeColumn(survey.columns.get(id)!, n, mask)));
    return c;
  };
  const numeric = new Set<string>();
  const questions: Record<string, QuestionLike> = {};
  const out: KanoFeatureStats[] = specs.map((spec) => {
    const f = codesOf(spec.functional);
    const d = codesOf(spec.dysfunctional);
    for (const id of [spec.functional, spec.dysfunctional, spec.importance]) if (id && survey.columns.get(id)!.kind === 'num') numeric.add(id);
    const width = d.texts.length + 1;
    const cells = new Map<number, KanoPairCount>();
    for (let i = 0; i < n; i++) {
      if (mask && !mask[i]) continue;
      const a = f.codes[i]!;
      const b = d.codes[i]!;
      const key = (a + 1) * width + (b + 1);
      let c = cells.get(key);
      if (!c) cells.set(key, (c = { f: a < 0 ? null : f.texts[a]!, d: b < 0 ? null : d.texts[b]!, n: 0, rows: [] }));
      c.n++;
      pushRow(c.rows, i + 1);
    }
    const st: KanoFeatureStats = { spec, pairs: [...cells.values()] };
    if (spec.importance) {
      const q = survey.questions.find((x) => x.id === spec.importance);
      questions[spec.importance] = q ?? { id: spec.importance, type: 'number' };
      const m = codesOf(spec.importance);
      const counts: TextCount[] = m.texts.map((text) => ({ text, n: 0, rows: [] }));
      const miss: TextCount = { text: null, n: 0 };
      for (let i = 0; i < n; i++) {
        if (mask && !mask[i]) continue;
        const c = m.codes[i]!;
        const t = c < 0 ? miss : counts[c]!;
        t.n++;
        pushRow(t.rows, i + 1);
      }
      st.importance = [...counts, ...(miss.n ? [miss] : [])];
    }
    return st;
  });
  return { source, features: out, numeric: [...numeric], questions };
}

interface ValueTally {
  value: string;
  n: number;
  rows?: number[];
}

/** Examples (row, value) of the first five answers of a kind, by row; engines (no rows) give distinct values. */
function firstExamples(list: ValueTally[]): { row: number; value: string }[] {
  const out: { row: number; value: string }[] = [];
  for (const t of list) {
    if (t.rows && t.rows.length) for (const r of t.rows) out.push({ row: r, value: t.value });
    else out.push({ row: 0, value: t.value });
  }
  return out.sort((a, b) => a.row - b.row).slice(0, MAX_ROWS);
}

/** Importance answers read as numeric answers exactly as readNumbers does, from distinct-text counts. */
function importanceFromCounts(id: string, q: QuestionLike, counts: TextCount[], numeric: boolean): { n: number; sum: number; accounting: Accounting } {
  const sc = q.type === 'nps' ? { min: 0, max: 10 } : q.scale;
  const [min, max] = sc && Number.isFinite(sc.min) && Number.isFinite(sc.max) && sc.max > sc.min ? [sc.min, sc.max] : [-Infinity, Infinity];
  const codes = !(min < 0);
  const acc = newAccounting(id);
  const bad: Record<'unreadable' | 'outOfScale', ValueTally[]> = { unreadable: [], outOfScale: [] };
  const read = numeric ? undefined : readerFor(q, min, max, distinctOf(counts));
  let n = 0;
  let sum = 0;
  for (const c of counts) {
    if (c.text == null) {
      acc.excluded.missing += c.n;
      continue;
    }
    let v: number | null;
    if (numeric) {
      const x = Number(c.text);
      v = x !== x || (x < 0 && codes && MISSING_CODES.has(x)) ? null : x;
    } else v = read!(c.text);
    if (v === null) {
      acc.excluded.missing += c.n;
      continue;
    }
    acc.answered += c.n;
    if (v !== v) {
      acc.excluded.unreadable += c.n;
      bad.unreadable.push({ value: c.text.trim(), n: c.n, rows: c.rows });
    } else if (v >= min && v <= max) {
      acc.used += c.n;
      n += c.n;
      sum += c.n * v;
    } else {
      acc.excluded.outOfScale += c.n;
      bad.outOfScale.push({ value: numeric ? String(v) : c.text.trim(), n: c.n, rows: c.rows });
    }
  }
  acc.examples.unreadable = firstExamples(bad.unreadable);
  acc.examples.outOfScale = firstExamples(bad.outOfScale);
  return { n, sum, accounting: acc };
}

/** The column's distinct texts in first-seen order (capped as distinctTexts does), for the vocabulary match. */
function distinctOf(counts: TextCount[]): string[] {
  const out: string[] = [];
  for (const c of counts) {
    if (c.text == null) continue;
    out.push(c.text);
    if (out.length >= 500) break;
  }
  return out;
}

/** The estimate: Kano results from the statistics (the same for every engine). */
export function kanoFromStats(stats: KanoStats, opts: { allowUnreadable?: boolean } = {}): KanoResult {
  const numeric = new Set(stats.numeric);
  const issues = new Map<string, KanoIssue>();
  const accounts = new Map<string, Accounting>();
  const parseText = (id: string) => {
    const num = numeric.has(id);
    const memo = new Map<string, KanoAnswer | null | undefined>();
    return (t: string | null): KanoAnswer | null | undefined => {
      if (t == null) return null;
      if (memo.has(t)) return memo.get(t);
      const a = parseKanoAnswer(num ? Number(t) : t);
      memo.set(t, a);
      return a;
    };
  };
  // One column's answers (the marginal of the pairs): accounting and unrecognised answers, the first time it is seen.
  const noteColumn = (id: string, marginal: Map<string | null, { n: number; rows: number[] | undefined }>, parse: (t: string | null) => KanoAnswer | null | undefined) => {
    if (accounts.has(id)) return;
    const num = numeric.has(id);
    const acc = newAccounting(id);
    const bad: Record<'unreadable' | 'outOfScale', ValueTally[]> = { unreadable: [], outOfScale: [] };
    const issue: ValueTally[] = [];
    let count = 0;
    for (const [t, m] of marginal) {
      const a = t == null || (!num && t.trim() === '') ? null : parse(t);
      if (a === null) {
        acc.excluded.missing += m.n;
        continue;
      }
      acc.answered += m.n;
      if (a !== undefined) {
        acc.used += m.n;
        continue;
      }
      const x = num ? Number(t) : /^\s*[+-]?\d+(\.\d+)?\s*$/.test(t!) ? Number(t) : NaN;
      const kind = Number.isFinite(x) ? 'outOfScale' : 'unreadable';
      acc.excluded[kind] += m.n;
      bad[kind].push({ value: String(t).trim(), n: m.n, rows: m.rows });
      issue.push({ value: String(t), n: m.n, rows: m.rows });
      count += m.n;
    }
    acc.examples.unreadable = firstExamples(bad.unreadable);
    acc.examples.outOfScale = firstExamples(bad.outOfScale);
    accounts.set(id, acc);
    if (count) {
      const ex = firstExamples(issue);
      issues.set(id, { column: id, rows: ex.filter((e) => e.row > 0).map((e) => e.row), values: ex.map((e) => e.value), count });
    }
  };
  const results: KanoFeatureResult[] = [];
  for (const fs of stats.features) {
    const s = fs.spec;
    const pf = parseText(s.functional);
    const pd = parseText(s.dysfunctional);
    const mf = new Map<string | null, { n: number; rows: number[] | undefined }>();
    const md = new Map<string | null, { n: number; rows: number[] | undefined }>();
    const add = (m: typeof mf, t: string | null, c: KanoPairCount) => {
      const e = m.get(t);
      if (!e) m.set(t, { n: c.n, rows: c.rows ? [...c.rows] : undefined });
      else {
        e.n += c.n;
        if (e.rows && c.rows) e.rows = [...e.rows, ...c.rows].sort((a, b) => a - b).slice(0, MAX_ROWS);
      }
    };
    const parsed: [KanoAnswer | null, KanoAnswer | null, number][] = [];
    for (const c of fs.pairs) {
      add(mf, c.f, c);
      add(md, c.d, c);
      const f = c.f == null || (!numeric.has(s.functional) && c.f.trim() === '') ? null : pf(c.f) ?? null;
      const d = c.d == null || (!numeric.has(s.dysfunctional) && c.d.trim() === '') ? null : pd(c.d) ?? null;
      parsed.push([f, d, c.n]);
    }
    noteColumn(s.functional, mf, pf);
    noteColumn(s.dysfunctional, md, pd);
    const r = featureFromPairs(s.name, parsed);
    if (s.importance && fs.importance) {
      const imp = importanceFromCounts(s.importance, stats.questions[s.importance] ?? { id: s.importance, type: 'number' }, fs.importance, numeric.has(s.importance));
      if (!accounts.has(s.importance)) accounts.set(s.importance, imp.accounting);
      r.importance = { n: imp.n, mean: imp.n ? imp.sum / imp.n : NaN };
    }
    r.unrecognised = (issues.get(s.functional)?.count ?? 0) + (issues.get(s.dysfunctional)?.count ?? 0);
    results.push(r);
  }
  const unreadable = [...accounts.values()];
  if (!results.every((r) => r.n === 0)) checkUnreadable(unreadable, opts.allowUnreadable);
  if (results.every((r) => r.n === 0)) {
    const bad = [...issues.values()][0];
    const at = (sep: string) => (bad && bad.rows.length ? `${sep}${bad.rows.join(sep === ', rows ' ? ', ' : '、')}` : '');
    const why = bad ? ` (column ${bad.column}${at(', rows ')}: ${bad.values.map((v) => JSON.stringify(v)).join(', ')})` : '';
    const whyZh = bad ? `（列 ${bad.column}${bad.rows.length ? `，第 ${bad.rows.join('、')} 行` : ''}：${bad.values.map((v) => JSON.stringify(v)).join('、')}）` : '';
    throw inputError(
      `${stats.source}: no respondent answered both questions of any Kano pair${why}; answers must be 1–5 codes or the five Kano options (I like it … I dislike it).`,
      `${stats.source === 'the input' ? '输入' : stats.source}：没有受访者完整回答任何一对 Kano 题${whyZh}；答案应为 1–5 的编码或五个 Kano 选项（喜欢 … 不喜欢）。`,
    );
  }
  return {
    method: {
      rule: KANO_RULE,
      nearTieThreshold: NEAR_TIE_CS,
      table: 'Berger et al. 1993 evaluation table (Like/Like = Q)',
      dumouchel: 'functional 4, 2, 0, −1, −2; dysfunctional −2, −1, 0, 2, 4 (Berger et al. 1993 §IVb); *Scaled = ÷4',
    },
    features: results,
    unrecognised: [...issues.values()],
    accounting: unreadable,
  };
}

/** Mean and SD (n − 1) from integer sums: exact up to the last division. */
function meanSdFromSums(n: number, s: number, s2: number): [number, number] {
  if (n === 0) return [NaN, NaN];
  const m = s / n;
  if (n < 2) return [m, NaN];
  return [m, Math.sqrt((n * s2 - s * s) / (n * (n - 1)))];
}

export type { KanoPairSpec } from './kano-pairs.js';
