// Reading journey columns from a Survey: touchpoint ratings (N/A codes → missing; text, off-scale and
// fractional answers counted with examples, by the shared accounting rule) and the outcome (a rating or a
// yes/no answer). Used by journey-survey.ts; no printing.
import type { Survey } from '../dataset/types.js';
import { getQuestion, strAt } from '../dataset/types.js';
import { readScores } from '../dataset/select.js';
import { resolveColumn } from '../dataset/where.js';
import { inputError } from '../ui/errors.js';
import { newAccounting, note, type Accounting } from '../dataset/accounting.js';
import { MISSING_CODES } from '../ingest/values.js';
import type { FlatTouchpoint } from './journey-config.js';

/** What happened to every answer of one column. */
export interface ColumnAccount {
  column: string;
  touchpoint?: string;
  /** Rows considered (passing --where). */
  rows: number;
  valid: number;
  blank: number;
  na: number;
  notNumeric: number;
  outOfScale: number;
  firstBadRows: number[];
  examples: string[];
}

const YES = new Set(['1', 'yes', 'y', 'true', '是', '对', '满意', 'satisfied']);
const NO = new Set(['0', 'no', 'n', 'false', '否', '不', '不满意', 'not satisfied', 'neutral or dissatisfied', 'dissatisfied']);

export function naMatcher(na: string[] | undefined): { nums: Set<number>; strs: Set<string> } {
  const nums = new Set<number>();
  const strs = new Set<string>();
  for (const v of na ?? []) {
    const t = String(v).trim();
    if (t !== '' && Number.isFinite(Number(t))) nums.add(Number(t));
    strs.add(t.toLowerCase());
  }
  return { nums, strs };
}

export interface ReadColumn {
  values: Float64Array;
  min: number;
  max: number;
  account: ColumnAccount;
  /** The shared accounting rule's record (src/dataset/accounting.ts): N/A codes count as missing. */
  accounting: Accounting;
}

/** Reads a touchpoint rating: N/A codes → missing; text, off-scale and fractional answers counted. */
export function readTouchpoint(s: Survey, tp: FlatTouchpoint, mask: Uint8Array, rowsIn: number, na: ReturnType<typeof naMatcher>): ReadColumn {
  let id: string;
  try {
    id = resolveColumn(s, tp.column, 'journey').id;
  } catch {
    throw inputError(
      `touchpoint "${tp.name}" (stage "${tp.stage}"): column "${tp.column}" is not in ${s.source[0] ?? 'the input'}; fix journey.stages in cx.yaml (cx describe lists the columns).`,
      `触点 "${tp.name}"（阶段 "${tp.stage}"）：列 "${tp.column}" 不在 ${s.source[0] ?? '输入'} 中；请修正 cx.yaml 的 journey.stages（cx describe 可列出所有列）。`,
    );
  }
  const col = s.columns.get(id)!;
  const q = getQuestion(s, id) ?? { id, label: id, type: 'number' as const };
  if (col.kind === 'num') return readNumericTouchpoint(s, tp, id, col.values, q.scale, mask, rowsIn, na);
  // N/A answers are taken out before reading, so that they are neither "not a number" nor "off the scale".
  const m = new Uint8Array(mask);
  let naCount = 0;
  if (na.nums.size || na.strs.size) {
    for (let i = 0; i < s.nRows; i++) {
      if (!m[i]) continue;
      let hit = false;
      const v = col.values[i];
      if (v != null) {
        const t = v.trim().toLowerCase();
        hit = na.strs.has(t) || (t !== '' && na.nums.has(Number(t)));
      }
      if (hit) {
        m[i] = 0;
        naCount++;
      }
    }
  }
  // Read wide (the scale is settled below), from 0 up unless the question's own scale goes below 0, so that
  // −99-style "don't know" codes stay missing.
  const wide = readScores(s, q, q.scale && q.scale.min < 0 ? q.scale.min : 0, 1e9, m);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < s.nRows; i++) {
    const v = wide.values[i]!;
    if (v === v) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const valid0 = Number.isFinite(lo) ? 1 : 0;
  if (!valid0 && wide.notNumeric > 0) {
    throw inputError(
      `touchpoint "${tp.name}" (stage "${tp.stage}"): column ${id} is text, not ratings (responses ${wide.firstBadRows.join(', ')}: ${wide.badExamples.slice(0, 3).map((e) => JSON.stringify(e)).join(', ')}); point it at the rating column in journey.stages.`,
      `触点 "${tp.name}"（阶段 "${tp.stage}"）：列 ${id} 是文本而不是评分（第 ${wide.firstBadRows.join('、')} 条答卷：${wide.badExamples.slice(0, 3).map((e) => JSON.stringify(e)).join('、')}）；请在 journey.stages 中指定评分列。`,
    );
  }
  if (!valid0) throw noRatings(tp, id, naCount);
  const { min, max } = scaleOf(tp, id, lo, hi, q.scale, na);
  let outOfScale = wide.outOfScale;
  const firstBadRows = [...wide.firstBadRows];
  const examples = [...wide.badExamples];
  const values = wide.values;
  let valid = 0;
  for (let i = 0; i < s.nRows; i++) {
    const v = values[i]!;
    if (v !== v) continue;
    if (v < min || v > max) {
      values[i] = NaN;
      outOfScale++;
      wide.accounting.answered--;
      wide.accounting.used--;
      note(wide.accounting, 'outOfScale', i, () => String(v));
      if (firstBadRows.length < 5) {
        firstBadRows.push(i + 1);
        examples.push(String(v));
      }
    } else valid++;
  }
  const account: ColumnAccount = {
    column: id,
    touchpoint: tp.name,
    rows: rowsIn,
    valid,
    blank: wide.missing,
    na: naCount,
    notNumeric: wide.notNumeric,
    outOfScale,
    firstBadRows,
    examples,
  };
  wide.accounting.excluded.missing += naCount;
  return { values, min, max, account, accounting: wide.accounting };
}

/**
 * The same rule as readScores + the checks above, in two passes over a numeric column (the common case for a
 * dataset, and the one that must be fast on a million rows): N/A codes and −99-style codes are missing,
 * fractions and values off the scale are out of scale.
 */
function readNumericTouchpoint(
  s: Survey, tp: FlatTouchpoint, id: string, src: Float64Array, qs: { min: number; max: number } | undefined, mask: Uint8Array, rowsIn: number, na: ReturnType<typeof naMatcher>,
): ReadColumn {
  const n = s.nRows;
  const values = new Float64Array(n);
  const acc = newAccounting(id);
  const naList = [...na.nums];
  const k = naList.length;
  const lowBound = qs && qs.min < 0 ? qs.min : 0;
  let naCount = 0;
  let blank = 0;
  let lo = Infinity;
  let hi = -Infinity;
  let used = 0;
  for (let i = 0; i < n; i++) {
    if (!mask[i]) {
      values[i] = NaN;
      continue;
    }
    const v = src[i]!;
    if (v !== v) {
      values[i] = NaN;
      blank++;
      continue;
    }
    let isNa = false;
    for (let j = 0; j < k; j++) if (v === naList[j]) isNa = true;
    if (isNa) {
      values[i] = NaN;
      naCount++;
    } else if (v < 0 && lowBound >= 0 && MISSING_CODES.has(v)) {
      values[i] = NaN;
      blank++;
    } else if (v < lowBound || Math.floor(v) !== v) {
      values[i] = NaN;
      note(acc, 'outOfScale', i, () => String(v));
    } else {
      values[i] = v;
      used++;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  acc.answered += used;
  acc.used += used;
  acc.excluded.missing += blank + naCount;
  if (!Number.isFinite(lo)) throw noRatings(tp, id, naCount);
  const { min, max } = scaleOf(tp, id, lo, hi, qs, na);
  if (lo < min || hi > max) {
    for (let i = 0; i < n; i++) {
      const v = values[i]!;
      if (v === v && (v < min || v > max)) {
        values[i] = NaN;
        acc.answered--;
        acc.used--;
        note(acc, 'outOfScale', i, () => String(v));
      }
    }
  }
  const bad = [...acc.examples.outOfScale].sort((a, b) => a.row - b.row).slice(0, 5);
  const account: ColumnAccount = {
    column: id, touchpoint: tp.name, rows: rowsIn, valid: acc.used, blank, na: naCount, notNumeric: 0, outOfScale: acc.excluded.outOfScale,
    firstBadRows: bad.map((x) => x.row), examples: bad.map((x) => x.value),
  };
  return { values, min, max, account, accounting: acc };
}

/** Exit 2: a touchpoint with no rating left in the rows analysed. */
function noRatings(tp: FlatTouchpoint, id: string, naCount: number): Error {
  return inputError(
    `touchpoint "${tp.name}" (stage "${tp.stage}"): column ${id} has no ratings${naCount ? ` (all ${naCount} answers are N/A codes)` : ''} in the rows analysed; remove the touchpoint or check the column.`,
    `触点 "${tp.name}"（阶段 "${tp.stage}"）：列 ${id} 在分析范围内没有评分${naCount ? `（${naCount} 个答案都是"不适用"）` : ''}；请删除该触点或检查该列。`,
  );
}

/** The touchpoint's scale: the question's (without N/A codes at its ends), else the values seen; 3–101 points. */
function scaleOf(tp: FlatTouchpoint, id: string, lo: number, hi: number, qs: { min: number; max: number } | undefined, na: ReturnType<typeof naMatcher>): { min: number; max: number } {
  let min = lo;
  let max = hi;
  if (qs && Number.isInteger(qs.min) && Number.isInteger(qs.max) && qs.max > qs.min) {
    min = qs.min;
    max = qs.max;
    while (na.nums.has(min) && min < max) min++;
    while (na.nums.has(max) && max > min) max--;
  }
  if (max - min + 1 < 3) {
    throw inputError(
      `touchpoint "${tp.name}" (stage "${tp.stage}"): column ${id} has only the values ${min}–${max}; penalty–reward analysis needs a rating scale of at least 3 points (low, middle, high).`,
      `触点 "${tp.name}"（阶段 "${tp.stage}"）：列 ${id} 只有 ${min}–${max} 的取值；奖惩对比分析需要至少 3 级的评分量表（低、中、高）。`,
    );
  }
  if (max - min > 100) {
    throw inputError(
      `touchpoint "${tp.name}" (stage "${tp.stage}"): column ${id} runs from ${min} to ${max}, not a rating scale; point it at a rating column (1–5, 1–7, 0–10).`,
      `触点 "${tp.name}"（阶段 "${tp.stage}"）：列 ${id} 的取值从 ${min} 到 ${max}，不是评分量表；请指定评分列（1–5、1–7、0–10）。`,
    );
  }
  return { min, max };
}

/** Reads the outcome: positive answers → 1/0, yes/no → 1/0, else numbers used as they are. */
export function readOutcome(s: Survey, o: { column: string; positive?: string[] }, mask: Uint8Array, rowsIn: number): { values: Float64Array; kind: 'numeric' | 'binary'; id: string; label: string; account: ColumnAccount; accounting: Accounting } {
  const { id, col } = resolveColumn(s, o.column, 'journey.outcome');
  const q = getQuestion(s, id);
  const n = s.nRows;
  const values = new Float64Array(n).fill(NaN);
  const account: ColumnAccount = { column: id, rows: rowsIn, valid: 0, blank: 0, na: 0, notNumeric: 0, outOfScale: 0, firstBadRows: [], examples: [] };
  const labels = new Map((q?.choices ?? []).map((c) => [c.code, c.label]));
  const acc = newAccounting(id);
  if (o.positive && o.positive.length) {
    const pos = new Set(o.positive.map((p) => String(p).trim().toLowerCase()));
    let hits = 0;
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      const raw = strAt(col, i);
      if (raw == null || raw.trim() === '') {
        account.blank++;
        note(acc, 'missing', i);
        continue;
      }
      note(acc, 'used', i);
      const t = raw.trim();
      const lab = labels.get(t);
      const isPos = pos.has(t.toLowerCase()) || (lab !== undefined && pos.has(lab.trim().toLowerCase())) || (Number.isFinite(Number(t)) && [...pos].some((p) => p !== '' && Number(p) === Number(t)));
      values[i] = isPos ? 1 : 0;
      hits += isPos ? 1 : 0;
      account.valid++;
    }
    if (account.valid > 0 && hits === 0) {
      const seen = new Set<string>();
      for (let i = 0; i < n && seen.size < 5; i++) {
        const v = mask[i] ? strAt(col, i) : null;
        if (v != null && v.trim() !== '') seen.add(v.trim());
      }
      throw inputError(
        `journey.outcome: none of the answers in column ${id} is one of positive [${o.positive.join(', ')}] (answers look like ${[...seen].map((x) => JSON.stringify(x)).join(', ')}); fix outcome.positive in cx.yaml.`,
        `journey.outcome：列 ${id} 中没有答案属于 positive [${o.positive.join('、')}]（答案形如 ${[...seen].map((x) => JSON.stringify(x)).join('、')}）；请修正 cx.yaml 中的 outcome.positive。`,
      );
    }
    return { values, kind: 'binary', id, label: q?.label ?? id, account, accounting: acc };
  }
  // Yes/no answers (是/否, true/false): 1/0.
  let yesNo = col.kind === 'str';
  let any = false;
  if (col.kind === 'str') {
    for (let i = 0; i < n && yesNo; i++) {
      if (!mask[i]) continue;
      const v = col.values[i];
      if (v == null || v.trim() === '') continue;
      const t = (labels.get(v.trim()) ?? v).trim().toLowerCase();
      if (!YES.has(t) && !NO.has(t)) yesNo = false;
      else if (!/^[01]$/.test(t)) any = true;
    }
  }
  if (yesNo && any) {
    for (let i = 0; i < n; i++) {
      if (!mask[i]) continue;
      const v = (col as { values: (string | null)[] }).values[i];
      if (v == null || v.trim() === '') {
        account.blank++;
        note(acc, 'missing', i);
        continue;
      }
      note(acc, 'used', i);
      const t = (labels.get(v.trim()) ?? v).trim().toLowerCase();
      values[i] = YES.has(t) ? 1 : 0;
      account.valid++;
    }
    return { values, kind: 'binary', id, label: q?.label ?? id, account, accounting: acc };
  }
  const qq = q ?? { id, label: id, type: 'number' as const };
  const sc = readScores(s, qq, qq.scale && Number.isFinite(qq.scale.min) ? qq.scale.min : -1e15, qq.scale && Number.isFinite(qq.scale.max) ? qq.scale.max : 1e15, mask);
  for (let i = 0; i < n; i++) values[i] = sc.values[i]!;
  account.blank = sc.missing;
  account.notNumeric = sc.notNumeric;
  account.outOfScale = sc.outOfScale;
  account.firstBadRows = sc.firstBadRows;
  account.examples = sc.badExamples;
  let k = 0;
  let allBinary = true;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v === v) {
      k++;
      if (v !== 0 && v !== 1) allBinary = false;
    }
  }
  account.valid = k;
  if (k === 0 && sc.notNumeric > 0) {
    throw inputError(
      `journey.outcome: column ${id} is text (responses ${sc.firstBadRows.join(', ')}: ${sc.badExamples.slice(0, 3).map((e) => JSON.stringify(e)).join(', ')}); name the answers that count as positive: outcome: { column: ${id}, positive: [${JSON.stringify(sc.badExamples[0] ?? 'satisfied')}] }.`,
      `journey.outcome：列 ${id} 是文本（第 ${sc.firstBadRows.join('、')} 条答卷：${sc.badExamples.slice(0, 3).map((e) => JSON.stringify(e)).join('、')}）；请指定算作正面的答案：outcome: { column: ${id}, positive: [${JSON.stringify(sc.badExamples[0] ?? '满意')}] }。`,
    );
  }
  return { values, kind: allBinary ? 'binary' : 'numeric', id, label: q?.label ?? id, account, accounting: sc.accounting };
}
