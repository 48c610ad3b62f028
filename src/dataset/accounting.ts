// The accounting rule (issue 9): every answer a command reads is either used or excluded for a reason, with
// examples. One small, stable shape shared by score, Kano, SERVQUAL, drivers, describe, journey and reports:
//
//   { question, answered, used, excluded: { missing, unreadable, outOfScale },
//     examples: { unreadable: [{ row, value }], outOfScale: [{ row, value }] } }
//
// `missing` counts the rows considered that have no answer (empty, "not applicable", −99-style codes);
// `answered` the rows with an answer; answered = used + unreadable + outOfScale. Rows are 1-based data rows
// (response numbers). Pure: no printing; messages come back as { en, zh } pairs.
import { inputError } from '../ui/errors.js';

export interface ValueExample {
  /** 1-based response (data row) number. */
  row: number;
  value: string;
}

export interface Accounting {
  question: string;
  answered: number;
  used: number;
  excluded: { missing: number; unreadable: number; outOfScale: number };
  examples: { unreadable: ValueExample[]; outOfScale: ValueExample[] };
}

/** More than this share of a question's non-empty answers unreadable: exit 2 (unless --allow-unreadable). */
export const UNREADABLE_LIMIT = 0.05;
const MAX_EXAMPLES = 5;

export function newAccounting(question: string): Accounting {
  return { question, answered: 0, used: 0, excluded: { missing: 0, unreadable: 0, outOfScale: 0 }, examples: { unreadable: [], outOfScale: [] } };
}

/** Records one answer of row `i` (0-based): 'used' | 'missing' | 'unreadable' | 'outOfScale'. */
export function note(a: Accounting, kind: 'used' | 'missing' | 'unreadable' | 'outOfScale', i: number, raw?: () => string): void {
  if (kind === 'missing') {
    a.excluded.missing++;
    return;
  }
  a.answered++;
  if (kind === 'used') {
    a.used++;
    return;
  }
  a.excluded[kind]++;
  const ex = a.examples[kind];
  if (ex.length < MAX_EXAMPLES) ex.push({ row: i + 1, value: raw ? raw() : '' });
}

/** Sums the accounting of the same question over parts (e.g. groups); examples keep the first five by row. */
export function mergeAccounting(question: string, parts: Accounting[]): Accounting {
  const a = newAccounting(question);
  for (const p of parts) {
    a.answered += p.answered;
    a.used += p.used;
    a.excluded.missing += p.excluded.missing;
    a.excluded.unreadable += p.excluded.unreadable;
    a.excluded.outOfScale += p.excluded.outOfScale;
    a.examples.unreadable.push(...p.examples.unreadable);
    a.examples.outOfScale.push(...p.examples.outOfScale);
  }
  for (const k of ['unreadable', 'outOfScale'] as const) a.examples[k] = a.examples[k].sort((x, y) => x.row - y.row).slice(0, MAX_EXAMPLES);
  return a;
}

export const unreadableShare = (a: Accounting): number => (a.answered > 0 ? a.excluded.unreadable / a.answered : 0);

const quoteList = (xs: ValueExample[]) => [...new Set(xs.map((x) => x.value))].map((v) => JSON.stringify(v)).join(', ');

/** The cx.yaml lines that would map the unreadable values of `a` (codes left for the user to fill in). */
export function valuesHint(a: Accounting): string {
  const vals = [...new Set(a.examples.unreadable.map((x) => x.value))].slice(0, 3);
  const body = vals.map((v) => `${JSON.stringify(v)}: N`).join(', ');
  return `questions.${a.question}.values: { ${body || '"…": N'} }`;
}

export interface Message {
  en: string;
  zh: string;
}

/**
 * Enforces the 5% rule on each accounting: over the limit, throws an input error (exit 2) naming the values,
 * their rows and the cx.yaml key that maps them; with `allow`, returns the same as warnings. Smaller shares of
 * unreadable answers come back as warnings too (they are never silent).
 */
export function checkUnreadable(accounts: Accounting[], allow = false): Message[] {
  const out: Message[] = [];
  for (const a of accounts) {
    const u = a.excluded.unreadable;
    if (u === 0) continue;
    const share = unreadableShare(a);
    const rows = a.examples.unreadable.filter((x) => x.row > 0).map((x) => x.row).join(', ');
    const at = rows ? ` at responses ${rows}` : '';
    const atZh = rows ? `第 ${rows} 条答卷：` : '';
    const pct = (100 * share).toFixed(1);
    const hint = valuesHint(a);
    if (share > UNREADABLE_LIMIT && !allow) {
      throw inputError(
        `column ${a.question}: ${u} of ${a.answered} answers (${pct}%) cannot be read as answers on its scale (${quoteList(a.examples.unreadable)}${at}); map them in cx.yaml with ${hint} (N = the code each stands for), or pass --allow-unreadable to leave them out.`,
        `列 ${a.question}：${a.answered} 个答案中有 ${u} 个（${pct}%）无法识别为分数（${atZh}${quoteList(a.examples.unreadable)}）；请在 cx.yaml 中用 ${hint} 指定其对应分值（N 为代码），或加 --allow-unreadable 将其排除。`,
      );
    }
    out.push({
      en: `column ${a.question}: ${u} unreadable answer${u === 1 ? '' : 's'} left out (${pct}%: ${quoteList(a.examples.unreadable)}${at}); map them with ${hint}`,
      zh: `列 ${a.question}：${u} 个无法识别的答案已排除（${pct}%：${atZh}${quoteList(a.examples.unreadable)}）；可用 ${hint} 指定分值`,
    });
  }
  return out;
}

/** One short line for under a table: "Q1: 40 answered, 38 used; excluded 2 unreadable ("满分" row 7), 1 missing". */
export function accountingLine(a: Accounting, lang: 'en' | 'zh' = 'en'): string {
  const ex = (k: 'unreadable' | 'outOfScale') =>
    // Engines (DuckDB, PostgreSQL, a warehouse) give examples by value only (row 0).
    a.examples[k].slice(0, 3).map((x) => (x.row <= 0 ? JSON.stringify(x.value) : lang === 'zh' ? `第 ${x.row} 条 ${JSON.stringify(x.value)}` : `${JSON.stringify(x.value)} row ${x.row}`)).join(', ');
  const { missing, unreadable, outOfScale } = a.excluded;
  if (lang === 'zh') {
    const parts = [
      unreadable ? `无法识别 ${unreadable}（${ex('unreadable')}）` : '',
      outOfScale ? `超出量表 ${outOfScale}（${ex('outOfScale')}）` : '',
      missing ? `缺失 ${missing}` : '',
    ].filter(Boolean);
    return `${a.question}：作答 ${a.answered}，采用 ${a.used}${parts.length ? `；排除 ${parts.join('，')}` : ''}`;
  }
  const parts = [
    unreadable ? `${unreadable} unreadable (${ex('unreadable')})` : '',
    outOfScale ? `${outOfScale} out of scale (${ex('outOfScale')})` : '',
    missing ? `${missing} missing` : '',
  ].filter(Boolean);
  return `${a.question}: ${a.answered} answered, ${a.used} used${parts.length ? `; excluded ${parts.join(', ')}` : ''}`;
}
