// Comments per touchpoint: when touchpoints name codeframe codes (journey.stages[].touchpoints[].codes), the
// share of comments and of detractor comments that mention each touchpoint, and their sentiment, via the
// src/text coding API (imported lazily: jieba and the sentiment models load only when codes are used).
import type { Survey } from '../dataset/types.js';
import { numAt, strAt } from '../dataset/types.js';
import { inputError } from '../ui/errors.js';
import type { CompiledCodeframe } from '../text/codeframe/index.js';
import type { FlatTouchpoint } from './journey-config.js';
import type { JourneyResult, TouchpointComments } from './journey-survey.js';

export interface CommentOptions {
  /** Rows included (--where); 1 = in. */
  mask: Uint8Array;
  /** Comment column id (already resolved). */
  textColumn: string;
  /** Detractor flag per row (1 detractor, 0 not, NaN unknown). */
  detractor: Float64Array;
  sentiment?: boolean;
}

/** Code ids (or names) of a touchpoint → indexes into cf.codes; unknown codes are an input error naming the touchpoint. */
function codeIndexes(cf: CompiledCodeframe, tp: FlatTouchpoint): number[] {
  return (tp.codes ?? []).map((c) => {
    const key = String(c).trim();
    const i = cf.codes.findIndex((x) => String(x.id) === key || x.name.trim().toLowerCase() === key.toLowerCase());
    if (i < 0) {
      throw inputError(
        `touchpoint "${tp.name}": code ${key} is not in codeframe ${cf.name} (${cf.file}); use the code ids or names of that codeframe.`,
        `触点 "${tp.name}"：编码 ${key} 不在编码框架 ${cf.name}（${cf.file}）中；请使用该框架中的编码 id 或名称。`,
      );
    }
    return i;
  });
}

export async function touchpointComments(s: Survey, cf: CompiledCodeframe, tps: FlatTouchpoint[], o: CommentOptions): Promise<(TouchpointComments | undefined)[]> {
  const wanted = tps.map((tp) => (tp.codes?.length ? new Set(codeIndexes(cf, tp)) : undefined));
  if (wanted.every((w) => !w)) return tps.map(() => undefined);
  const col = s.columns.get(o.textColumn)!;
  const texts: (string | null)[] = [];
  const rows: number[] = [];
  for (let i = 0; i < s.nRows; i++) {
    if (!o.mask[i]) continue;
    const t = strAt(col, i);
    if (t == null || t.trim() === '') continue;
    texts.push(t);
    rows.push(i);
  }
  const { codeTexts } = await import('../text/code.js');
  const coded = await codeTexts(texts, cf, o.sentiment !== false);
  const base = texts.length;
  let detBase = 0;
  for (const i of rows) if (o.detractor[i] === 1) detBase++;
  return wanted.map((w, j) => {
    if (!w) return undefined;
    let count = 0;
    let det = 0;
    const sent = { positive: 0, neutral: 0, negative: 0, score: 0, k: 0 };
    coded.forEach((c, r) => {
      const hits = c.codes.map((ci, h) => (w.has(ci) ? h : -1)).filter((h) => h >= 0);
      if (!hits.length) return;
      count++;
      if (o.detractor[rows[r]!] === 1) det++;
      if (c.codeScores) {
        // The sentiment of the sentences that mention the touchpoint (mean over its matched codes).
        const sc = hits.reduce((a, h) => a + c.codeScores![h]!, 0) / hits.length;
        sent.score += sc;
        sent.k++;
        if (sc > 0.05) sent.positive++;
        else if (sc < -0.05) sent.negative++;
        else sent.neutral++;
      }
    });
    const out: TouchpointComments = {
      codes: (tps[j]!.codes ?? []).map(String),
      count,
      pct: base ? (100 * count) / base : NaN,
      detractors: { count: det, pct: detBase ? (100 * det) / detBase : NaN, base: detBase },
    };
    if (sent.k) {
      out.sentiment = {
        positive: (100 * sent.positive) / sent.k,
        neutral: (100 * sent.neutral) / sent.k,
        negative: (100 * sent.negative) / sent.k,
        meanScore: sent.score / sent.k,
      };
    }
    return out;
  });
}

/** Detractors: NPS 0–6 when the survey has an NPS question, else the outcome's lowest answers (y = 0, or the bottom two points). */
export function detractorFlags(s: Survey, outcome: Float64Array, outcomeKind: 'numeric' | 'binary'): { flags: Float64Array; basis: string } {
  const n = s.nRows;
  const flags = new Float64Array(n).fill(NaN);
  const q = s.questions.find((x) => x.role === 'nps' && s.columns.has(x.id)) ?? s.questions.find((x) => x.type === 'nps' && s.columns.has(x.id));
  if (q) {
    const c = s.columns.get(q.id)!;
    for (let i = 0; i < n; i++) {
      const v = numAt(c, i);
      if (Number.isFinite(v) && v >= 0 && v <= 10) flags[i] = v <= 6 ? 1 : 0;
    }
    return { flags, basis: `NPS ${q.id} 0–6` };
  }
  let lo = Infinity;
  for (const v of outcome) if (v === v && v < lo) lo = v;
  const cut = outcomeKind === 'binary' ? 0 : lo + 1;
  for (let i = 0; i < n; i++) {
    const v = outcome[i]!;
    if (v === v) flags[i] = v <= cut ? 1 : 0;
  }
  return { flags, basis: outcomeKind === 'binary' ? 'outcome = 0' : `outcome ≤ ${cut}` };
}

/**
 * Adds `comments` to every touchpoint that names codes, and the basis to result.method. Returns the comment
 * column used, or undefined when no touchpoint names codes.
 */
export async function attachComments(
  s: Survey, result: JourneyResult, tps: FlatTouchpoint[], y: Float64Array, mask: Uint8Array, cf: CompiledCodeframe, text: string | undefined,
): Promise<string | undefined> {
  if (!tps.some((t) => t.codes?.length)) return undefined;
  const { findTextColumn } = await import('../text/code.js');
  const textColumn = findTextColumn(s, text, s.source[0] ?? 'input');
  const det = detractorFlags(s, y, result.outcomeKind);
  const per = await touchpointComments(s, cf, tps, { mask, textColumn, detractor: det.flags });
  per.forEach((c, j) => {
    if (c) result.touchpoints[j]!.comments = c;
  });
  result.method.comments = `comments in column ${textColumn} coded with codeframe ${cf.name}; % of non-empty comments mentioning a touchpoint's codes; detractors = ${det.basis}; sentiment of the sentences that mention it`;
  return textColumn;
}
