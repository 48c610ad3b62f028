// Rows of the statistics query (engine/sql.ts), from DuckDB, PostgreSQL or a warehouse's result file,
// → the ScoreStats that scoreFromStats estimates from. Pure: no I/O.
import type { Bilingual } from '../ui/errors.js';
import { inputError } from '../ui/errors.js';
import { scoreFromStats, type ScoreResult, type ScoreSpec, type ScoreStats } from '../metrics/score.js';
import { newTallySet } from '../metrics/tally.js';
import { checkUnreadable, type Accounting } from '../dataset/accounting.js';
import { readerFor, type QuestionLike } from '../ingest/values.js';

export interface StatRow {
  keys: (string | null)[];
  period: string | null;
  /** 'kept' | 'bad_weight' | 'filtered' (failing --where). */
  status: string;
  /** The answer as text (NULL: empty), read here by the same value reader as the built-in engine. */
  raw: string | null;
  n: number;
  sw: number;
  sw2: number;
}

export interface StatsMeta {
  /** What the user named as input (a table, a file). */
  source: string[];
  /** The question and what the value reader needs (scale labels, choices, cx.yaml values). */
  question: QuestionLike & { label: string };
  scale: { min: number; max: number };
  /** Column ids of --by, in order (the keys of each row). */
  by?: string[];
  dateColumn?: string;
  weightId?: string;
  waveColumn?: string;
  waves?: string[];
}

const STATUSES = new Set(['kept', 'bad_weight', 'filtered']);
const MANY_SEGMENTS = 100;
const collator = new Intl.Collator('en', { numeric: true });

function cmpKey(a: string | null, b: string | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return collator.compare(a, b);
}

/** Statistics rows → ScoreStats (tallies in the finest cells, rows per segment/period, accounting). */
export function scoreStatsFromRows(rows: StatRow[], spec: ScoreSpec, meta: StatsMeta): ScoreStats {
  const { min, max } = meta.scale;
  const by = meta.by ?? [];
  let total = 0;
  let filtered = 0;
  let missing = 0;
  let notNumeric = 0;
  let outOfScale = 0;
  let badWeight = 0;
  let okBeforeWeight = 0;
  const badExamples: string[] = [];
  const unreadableEx: string[] = [];
  const outEx: string[] = [];
  const groupMap = new Map<string, (string | null)[]>();
  const periodSet = new Set<string>();
  const distinct = [...new Set(rows.flatMap((r) => (r.status !== 'filtered' && r.raw != null ? [r.raw] : [])))].slice(0, 500);
  const read = readerFor(meta.question, min, max, distinct);
  const answers: number[] = []; // per row: the valid answer, or NaN
  for (const r of rows) {
    if (!STATUSES.has(r.status)) {
      throw inputError(
        `${meta.source.join(', ')}: unknown cx_status "${r.status}"; the statistics must come from the query cx sql prints.`,
        `${meta.source.join('，')}：未知的 cx_status "${r.status}"；统计数据须来自 cx sql 生成的查询。`,
      );
    }
    answers.push(NaN);
    total += r.n;
    if (r.status === 'filtered') {
      filtered += r.n;
      continue;
    }
    if (by.length) groupMap.set(JSON.stringify(r.keys), r.keys);
    if (r.period != null) periodSet.add(r.period);
    const v = r.raw == null ? null : read(r.raw);
    if (v === null) missing += r.n;
    else if (v !== v) {
      notNumeric += r.n;
      const t = r.raw!.trim();
      if (badExamples.length < 5 && !badExamples.includes(t)) badExamples.push(t);
      if (unreadableEx.length < 5 && !unreadableEx.includes(t)) unreadableEx.push(t);
    } else if (!(v >= min && v <= max) || Math.floor(v) !== v) {
      outOfScale += r.n;
      const t = r.raw!.trim();
      if (badExamples.length < 5 && !badExamples.includes(t)) badExamples.push(t);
      if (outEx.length < 5 && !outEx.includes(t)) outEx.push(t);
    } else if (r.status === 'bad_weight') {
      badWeight += r.n;
      okBeforeWeight += r.n;
    } else {
      answers[answers.length - 1] = v;
      okBeforeWeight += r.n;
    }
  }
  if (total === 0) {
    throw inputError(`${meta.source.join(', ')}: no responses to score (the statistics hold no rows); check the query and its table.`, `${meta.source.join('，')}：没有可计算的答卷（统计结果为空）；请检查查询及其数据表。`);
  }
  const keyList = [...groupMap.values()].sort((a, b) => {
    for (let i = 0; i < a.length; i++) {
      const c = cmpKey(a[i]!, b[i]!);
      if (c) return c;
    }
    return 0;
  });
  const gIndex = new Map(keyList.map((k, i) => [JSON.stringify(k), i]));
  const labels = [...periodSet].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const pIndex = new Map(labels.map((l, i) => [l, i]));
  const G = keyList.length;
  const P = labels.length;
  const weighted = Boolean(meta.weightId);
  const tallies = newTallySet(min, max, (G + 1) * (P + 1), weighted);
  const groupRowsIn = new Float64Array(G);
  const periodRowsIn = new Float64Array(P);
  let noDate = 0;
  rows.forEach((r, i) => {
    if (r.status === 'filtered') return;
    const g = by.length ? gIndex.get(JSON.stringify(r.keys))! : G;
    const p0 = r.period == null ? -1 : pIndex.get(r.period)!;
    if (by.length) groupRowsIn[g]! += r.n;
    if (p0 >= 0) periodRowsIn[p0]! += r.n;
    const v = answers[i]!;
    if (v !== v) return;
    let p = spec.period ? p0 : P;
    if (p < 0) {
      p = P;
      noDate += r.n;
    }
    const j = (g * (P + 1) + p) * tallies.k + (v - min);
    tallies.count[j]! += r.n;
    tallies.wsum[j]! += weighted ? r.sw : r.n;
    tallies.w2sum[j]! += weighted ? r.sw2 : r.n;
  });

  const q = meta.question;
  const warnings: Bilingual[] = [];
  // The accounting rule (dataset/accounting.ts) from counts: engines give examples by value, not row number.
  const okCount = okBeforeWeight;
  const accounting: Accounting = {
    question: q.id,
    answered: okCount + notNumeric + outOfScale,
    used: okCount,
    excluded: { missing, unreadable: notNumeric, outOfScale },
    examples: { unreadable: unreadableEx.slice(0, 5).map((value) => ({ row: 0, value })), outOfScale: outEx.slice(0, 5).map((value) => ({ row: 0, value })) },
  };
  const noneValid = (): never => {
    const ex = badExamples.slice(0, 3).map((e) => JSON.stringify(e)).join(', ');
    throw inputError(
      `--question ${q.id}: none of its ${notNumeric + outOfScale} answers is a ${spec.metric.toUpperCase()} score on ${min}–${max} (${ex}); choose the score column with --question COL${spec.metric === 'nps' ? '' : ' or set the scale with --scale, e.g. 0-10'}.`,
      `--question ${q.id}：其 ${notNumeric + outOfScale} 个答案都不是 ${min}–${max} 的 ${spec.metric.toUpperCase()} 分数（${ex}）；请用 --question 指定评分列${spec.metric === 'nps' ? '' : '，或用 --scale 指定量表，如 0-10'}。`,
    );
  };
  if (okCount === 0 && notNumeric + outOfScale > 0) noneValid();
  for (const m of checkUnreadable([accounting], spec.allowUnreadable)) warnings.push(m);
  const rowsFiltered = total - filtered;
  if (spec.where && rowsFiltered === 0) warnings.push({ en: `no rows match --where ${spec.where}`, zh: `没有符合 --where ${spec.where} 的行` });
  if (notNumeric + outOfScale > 0) {
    const bad = notNumeric + outOfScale;
    const ex = badExamples.map((e) => JSON.stringify(e)).join(', ');
    warnings.push({
      en: `column ${q.id}: excluded ${bad} value${bad === 1 ? '' : 's'} (${notNumeric} not a number, ${outOfScale} outside ${min}–${max} or not whole): ${ex}${spec.metric !== 'nps' && outOfScale ? ' (set the scale with --scale, e.g. 1-7)' : ''}`,
      zh: `列 ${q.id}：已排除 ${bad} 个值（${notNumeric} 个非数字，${outOfScale} 个超出 ${min}–${max} 或非整数）：${ex}${spec.metric !== 'nps' && outOfScale ? '（可用 --scale 指定量表，如 1-7）' : ''}`,
    });
  }
  if (weighted && badWeight > 0) {
    const okN = tallies.count.reduce((a, b) => a + b, 0);
    if (okN === 0) {
      throw inputError(
        `--weight ${meta.weightId}: column ${meta.weightId} has no usable weights (numbers ≥ 0); choose a numeric weight column.`,
        `--weight ${meta.weightId}：列 ${meta.weightId} 没有可用的权重（≥ 0 的数字）；请选择数值型权重列。`,
      );
    }
    warnings.push({
      en: `column ${meta.weightId}: ${badWeight} answers have a missing, negative or non-numeric weight and were excluded`,
      zh: `列 ${meta.weightId}：${badWeight} 个答案的权重缺失、为负或非数字，已排除`,
    });
  }
  if (by.length && G > MANY_SEGMENTS) {
    const cols = by.join(',');
    warnings.push({
      en: `--by ${cols}: ${G} segments, most too small to read; is it a comment or id column? Group by a category such as region or plan.`,
      zh: `--by ${cols}：共 ${G} 个分组，大多样本过小；它是否为评论或编号列？请按地区、套餐等类别列分组。`,
    });
  }
  return {
    survey: { source: meta.source, waveColumn: meta.waveColumn, waves: meta.waves },
    spec,
    q,
    scale: meta.scale,
    rows: total,
    rowsFiltered,
    sc: { missing, notNumeric, outOfScale, firstBadRows: [], badExamples, accounting },
    w: meta.weightId ? { id: meta.weightId, firstBadRows: [] } : undefined,
    badWeight,
    badRows: [],
    groups: by.length ? { columns: by, keys: keyList.map((k) => Object.fromEntries(by.map((c, i) => [c, k[i] ?? null]))) } : undefined,
    periods: spec.period ? { labels } : undefined,
    dateColumn: meta.dateColumn,
    tallies,
    groupRowsIn,
    periodRowsIn,
    noDate,
    warnings,
    noneValid,
  };
}

export function scoreFromRows(rows: StatRow[], spec: ScoreSpec, meta: StatsMeta): ScoreResult {
  return scoreFromStats(scoreStatsFromRows(rows, spec, meta));
}

/**
 * Generic result records (from a driver or a CSV/JSON/Parquet file) → StatRows. Column names are matched
 * case-insensitively (Snowflake returns CX_N); numbers may come as text or BigInt.
 */
export function statRowsFromRecords(records: Record<string, unknown>[], by: string[], source: string): StatRow[] {
  if (records.length === 0) return [];
  const names = Object.keys(records[0]!);
  const find = (want: string, required = true): string | undefined => {
    const hit = names.find((n) => n === want) ?? names.find((n) => n.toLowerCase() === want.toLowerCase());
    if (!hit && required) {
      throw inputError(
        `${source}: no column ${want} in the statistics (columns: ${names.slice(0, 12).join(', ')}); give the result of the query cx sql prints for the same --by.`,
        `${source}：统计结果中没有列 ${want}（现有列：${names.slice(0, 12).join('、')}）；请提供 cx sql 针对相同 --by 生成的查询结果。`,
      );
    }
    return hit;
  };
  const kCols = by.map((b) => find(b)!);
  const [cP, cS, cR, cN, cW, cW2] = ['cx_period', 'cx_status', 'cx_raw', 'cx_n', 'cx_sw', 'cx_sw2'].map((c) => find(c));
  const text = (v: unknown): string | null => (v == null || v === '' ? null : String(v));
  const number = (v: unknown, what: string, i: number): number => {
    const x = typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : v == null || v === '' ? NaN : Number(v);
    if (!Number.isFinite(x)) {
      throw inputError(`${source}: row ${i + 1}: ${what} is ${JSON.stringify(String(v))}, not a number; give the query's result unchanged.`, `${source}：第 ${i + 1} 行：${what} 为 ${JSON.stringify(String(v))}，不是数字；请提供未经修改的查询结果。`);
    }
    return x;
  };
  return records.map((r, i) => {
    const status = String(r[cS!] ?? '');
    const raw = r[cR!];
    return {
      keys: kCols.map((c) => text(r[c])),
      period: text(r[cP!]),
      status,
      raw: raw == null ? null : String(raw),
      n: number(r[cN!], 'cx_n', i),
      sw: status === 'kept' ? number(r[cW!], 'cx_sw', i) : 0,
      sw2: status === 'kept' ? number(r[cW2!], 'cx_sw2', i) : 0,
    };
  });
}
