// Kano analysis (METHODS.md §2): evaluation table, discrete analysis (counts, category with the
// M > O > A > I near-tie rule, total/category strength, Fong's test, Better/Worse) and DuMouchel's
// continuous scores. Pure: takes a Survey or answer pairs, returns JSON-able results.
import type { Survey } from '../dataset/types.js';
import { strAt } from '../dataset/types.js';
import { readNumbers } from '../dataset/select.js';
import { checkUnreadable, newAccounting, note, type Accounting } from '../dataset/accounting.js';
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

function meanSd(xs: number[]): [number, number] {
  const n = xs.length;
  if (n === 0) return [NaN, NaN];
  const m = xs.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return [m, NaN];
  const v = xs.reduce((s, x) => s + (x - m) * (x - m), 0) / (n - 1);
  return [m, Math.sqrt(v)];
}

/** Full analysis of one feature from answer pairs (already parsed; nulls are missing answers). */
export function kanoFeature(
  feature: string,
  pairs: [KanoAnswer | null, KanoAnswer | null][],
  importance?: number[],
): KanoFeatureResult {
  const counts = emptyCounts();
  const fs: number[] = [];
  const ds: number[] = [];
  let incomplete = 0;
  for (const [f, d] of pairs) {
    if (f == null || d == null) {
      if (f != null || d != null) incomplete++;
      continue;
    }
    counts[classifyKano(f, d)]++;
    fs.push(F_SCORE[f - 1]!);
    ds.push(D_SCORE[d - 1]!);
  }
  const r = kanoFromCounts(feature, counts);
  [r.functional, r.functionalSd] = meanSd(fs);
  [r.dysfunctional, r.dysfunctionalSd] = meanSd(ds);
  r.functionalScaled = r.functional / 4;
  r.dysfunctionalScaled = r.dysfunctional / 4;
  r.incomplete = incomplete;
  if (importance) {
    const xs = importance.filter((x) => Number.isFinite(x));
    r.importance = { n: xs.length, mean: xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : NaN };
  }
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
export function kano(survey: Survey, features?: KanoPairSpec[], opts: { allowUnreadable?: boolean } = {}): KanoResult {
  const specs = features && features.length ? features : findKanoPairs(survey, (id) => answerKind(survey, id));
  if (specs.length === 0) {
    throw inputError(
      `${survey.source[0] ?? 'input'}: no Kano question pairs found; name them X_functional / X_dysfunctional (or X_正向 / X_反向), or list them under kano.features in cx.yaml.`,
      `${survey.source[0] ?? '输入'}：未找到 Kano 成对题目；请命名为 X_functional / X_dysfunctional（或 X_正向 / X_反向），或在 cx.yaml 的 kano.features 中列出。`,
    );
  }
  const issues = new Map<string, KanoIssue>();
  const accounts = new Map<string, Accounting>();
  const parseCol = (id: string): (KanoAnswer | null)[] => {
    const col = survey.columns.get(id);
    if (!col) {
      throw inputError(
        `Kano column "${id}" is not in ${survey.source[0] ?? 'the input'}; check the name in cx.yaml (kano.features).`,
        `Kano 列 "${id}" 不在 ${survey.source[0] ?? '输入'} 中；请检查 cx.yaml（kano.features）中的列名。`,
      );
    }
    const out: (KanoAnswer | null)[] = new Array(survey.nRows);
    const acc = newAccounting(id);
    const seen = accounts.get(id);
    for (let i = 0; i < survey.nRows; i++) {
      const raw = col.kind === 'num' ? col.values[i]! : strAt(col, i);
      const a = parseKanoAnswer(raw);
      if (a === null) note(acc, 'missing', i);
      else if (a !== undefined) note(acc, 'used', i);
      else {
        const num = typeof raw === 'number' ? raw : /^\s*[+-]?\d+(\.\d+)?\s*$/.test(raw!) ? Number(raw) : NaN;
        note(acc, Number.isFinite(num) ? 'outOfScale' : 'unreadable', i, () => String(raw).trim());
      }
      if (a === undefined && !seen) {
        let is = issues.get(id);
        if (!is) issues.set(id, (is = { column: id, rows: [], values: [], count: 0 }));
        is.count++;
        if (is.rows.length < 5) {
          is.rows.push(i + 1);
          is.values.push(String(raw));
        }
      }
      out[i] = a ?? null;
    }
    if (!seen) accounts.set(id, acc);
    return out;
  };
  const results: KanoFeatureResult[] = [];
  for (const s of specs) {
    const f = parseCol(s.functional);
    const d = parseCol(s.dysfunctional);
    let imp: number[] | undefined;
    if (s.importance) {
      const col = survey.columns.get(s.importance);
      if (!col) {
        throw inputError(
          `Kano importance column "${s.importance}" is not in the input; check cx.yaml (kano.features).`,
          `Kano 重要性列 "${s.importance}" 不在输入中；请检查 cx.yaml（kano.features）。`,
        );
      }
      const r = readNumbers(survey, s.importance);
      if (!accounts.has(s.importance)) accounts.set(s.importance, r.accounting);
      imp = Array.from(r.values);
    }
    const pairs = f.map((x, i) => [x, d[i]!] as [KanoAnswer | null, KanoAnswer | null]);
    const r = kanoFeature(s.name, pairs, imp);
    r.unrecognised = (issues.get(s.functional)?.count ?? 0) + (issues.get(s.dysfunctional)?.count ?? 0);
    results.push(r);
  }
  const unreadable = [...accounts.values()];
  if (!results.every((r) => r.n === 0)) checkUnreadable(unreadable, opts.allowUnreadable);
  if (results.every((r) => r.n === 0)) {
    const bad = [...issues.values()][0];
    const why = bad ? ` (column ${bad.column}, rows ${bad.rows.join(', ')}: ${bad.values.map((v) => JSON.stringify(v)).join(', ')})` : '';
    const whyZh = bad ? `（列 ${bad.column}，第 ${bad.rows.join('、')} 行：${bad.values.map((v) => JSON.stringify(v)).join('、')}）` : '';
    throw inputError(
      `${survey.source[0] ?? 'input'}: no respondent answered both questions of any Kano pair${why}; answers must be 1–5 codes or the five Kano options (I like it … I dislike it).`,
      `${survey.source[0] ?? '输入'}：没有受访者完整回答任何一对 Kano 题${whyZh}；答案应为 1–5 的编码或五个 Kano 选项（喜欢 … 不喜欢）。`,
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

export type { KanoPairSpec } from './kano-pairs.js';
