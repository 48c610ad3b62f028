// Headline KPIs, trends and segments for the report model, from the score helpers' pure cell functions.
import type { Survey } from '../dataset/types.js';
import { numAt, strAt, getQuestion } from '../dataset/types.js';
import { npsCell, diffNps } from '../metrics/nps.js';
import { csatCell, diffCsat } from '../metrics/csat.js';
import { cesCell, diffCes, type CesMethod } from '../metrics/ces.js';
import type { DiffResult } from '../metrics/proportion.js';
import type { DateWindow, Kpi, MetricName, SegmentSection, TrendSection } from './model.js';

export const UNSTABLE_N = 30;
const MAX_SEGMENT_ROWS = 20;

export interface MetricSpec {
  metric: MetricName;
  column: string;
  label: string;
  scale: { min: number; max: number };
  cesMethod: CesMethod;
}

type AnyCell = { n: number; ci95: [number, number]; moe95: number } & Record<string, unknown>;

/** Values of a numeric column at the given rows (NaN where missing). */
export function valuesAt(s: Survey, column: string, rows: ArrayLike<number>): Float64Array {
  const col = s.columns.get(column)!;
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = numAt(col, rows[i]!);
  return out;
}

export function metricSpecs(s: Survey, roles: { nps?: string; csat?: string; ces?: string }, cesMethod: CesMethod): MetricSpec[] {
  const out: MetricSpec[] = [];
  const add = (metric: MetricName, column: string | undefined, dflt: { min: number; max: number }) => {
    if (!column) return;
    const q = getQuestion(s, column);
    const scale = metric === 'nps' ? { min: 0, max: 10 } : q?.scale ? { min: q.scale.min, max: q.scale.max } : dflt;
    out.push({ metric, column, label: q?.label ?? column, scale, cesMethod });
  };
  add('nps', roles.nps, { min: 0, max: 10 });
  add('csat', roles.csat, { min: 1, max: 5 });
  add('ces', roles.ces, { min: 1, max: 7 });
  return out;
}

export function cellFor(spec: MetricSpec, values: ArrayLike<number>, weights?: ArrayLike<number>): AnyCell {
  if (spec.metric === 'nps') return npsCell(values, weights) as unknown as AnyCell;
  if (spec.metric === 'csat') return csatCell(values, weights, spec.scale) as unknown as AnyCell;
  return cesCell(values, spec.cesMethod, weights, spec.scale) as unknown as AnyCell;
}

export function valueOf(spec: MetricSpec, cell: AnyCell): number {
  return (spec.metric === 'nps' ? cell.nps : spec.metric === 'csat' ? cell.csat : cell.ces) as number;
}

export function diffFor(spec: MetricSpec, a: AnyCell, b: AnyCell): DiffResult {
  if (spec.metric === 'nps') return diffNps(a as never, b as never);
  if (spec.metric === 'csat') return diffCsat(a as never, b as never);
  return diffCes(a as never, b as never);
}

const NAMES: Record<MetricName, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

export function buildKpi(spec: MetricSpec, cur: AnyCell, prev: AnyCell | undefined): Kpi {
  const kpi: Kpi = {
    metric: spec.metric,
    name: NAMES[spec.metric],
    question: spec.column,
    label: spec.label,
    value: valueOf(spec, cur),
    unit: spec.metric === 'nps' ? 'points' : spec.metric === 'csat' ? '%' : spec.cesMethod === 'mean' ? 'mean' : spec.cesMethod === 'agree' ? '%' : 'points',
    n: cur.n,
    ci95: cur.ci95,
    moe95: cur.moe95,
    unstable: cur.n < UNSTABLE_N,
    cell: cur,
  };
  if (spec.metric === 'ces') kpi.method = spec.cesMethod;
  if (prev && prev.n > 0 && cur.n > 0) {
    kpi.previous = valueOf(spec, prev);
    kpi.previousN = prev.n;
    const d = diffFor(spec, cur, prev);
    kpi.change = d.diff;
    if (Number.isFinite(d.ci95[0]) && Number.isFinite(d.ci95[1])) kpi.changeCi95 = d.ci95;
    if (Number.isFinite(d.p)) {
      kpi.p = d.p;
      kpi.significant = d.p < 0.05;
    }
  }
  return kpi;
}

/** Rows whose day (YYYY-MM-DD) is inside each window; `days[i]` is null when row i has no date. */
export function rowsIn(days: (string | null)[], w: DateWindow, base?: ArrayLike<number>): number[] {
  const out: number[] = [];
  const test = (i: number) => {
    const d = days[i];
    if (d != null && d >= w.start && d <= w.end) out.push(i);
  };
  if (base) for (let j = 0; j < base.length; j++) test(base[j]!);
  else for (let i = 0; i < days.length; i++) test(i);
  return out;
}

export function buildTrends(
  s: Survey,
  specs: MetricSpec[],
  days: (string | null)[],
  grain: 'week' | 'month' | 'quarter',
  windows: DateWindow[],
  weights?: Float64Array,
): TrendSection {
  const points = windows.map((w) => {
    const rows = rowsIn(days, w);
    const p: TrendSection['points'][number] = { period: w.label, start: w.start, end: w.end, n: rows.length, values: {}, ci95: {} };
    for (const spec of specs) {
      const c = cellFor(spec, valuesAt(s, spec.column, rows), weights && pick(weights, rows));
      if (c.n > 0) {
        p.values[spec.metric] = valueOf(spec, c);
        p.ci95[spec.metric] = c.ci95;
      }
    }
    return p;
  });
  return { grain, metrics: specs.map((x) => x.metric), points };
}

export function pick(a: Float64Array, rows: ArrayLike<number>): Float64Array {
  const out = new Float64Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = a[rows[i]!]!;
  return out;
}

function groupRows(s: Survey, column: string, rows: ArrayLike<number>): Map<string, number[]> {
  const col = s.columns.get(column)!;
  const g = new Map<string, number[]>();
  for (let j = 0; j < rows.length; j++) {
    const i = rows[j]!;
    const v = strAt(col, i);
    if (v == null || v.trim() === '') continue;
    let a = g.get(v);
    if (!a) g.set(v, (a = []));
    a.push(i);
  }
  return g;
}

export function buildSegments(
  s: Survey,
  specs: MetricSpec[],
  segments: string[],
  rows: number[],
  prevRows: number[] | undefined,
  weights?: Float64Array,
): SegmentSection[] {
  const out: SegmentSection[] = [];
  for (const column of segments) {
    const cur = groupRows(s, column, rows);
    const prev = prevRows ? groupRows(s, column, prevRows) : undefined;
    const list = [...cur.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    const segRows = list.slice(0, MAX_SEGMENT_ROWS).map(([value, r]) => {
      const row: SegmentSection['rows'][number] = { value, n: r.length, values: {}, ci95: {}, change: {}, unstable: r.length < UNSTABLE_N };
      const inSeg = new Set(r);
      const rest = rows.filter((i) => !inSeg.has(i));
      for (const spec of specs) {
        const c = cellFor(spec, valuesAt(s, spec.column, r), weights && pick(weights, r));
        if (c.n === 0) continue;
        row.values[spec.metric] = valueOf(spec, c);
        row.ci95[spec.metric] = c.ci95;
        // This value against everyone else in the period (independent groups).
        const rc = rest.length ? cellFor(spec, valuesAt(s, spec.column, rest), weights && pick(weights, rest)) : undefined;
        if (rc && rc.n > 0) {
          const d = diffFor(spec, c, rc);
          if (Number.isFinite(d.p)) (row.vsRest ??= {})[spec.metric] = { diff: d.diff, p: d.p, significant: d.p < 0.05 };
        }
        const pr = prev?.get(value);
        if (pr) {
          const pc = cellFor(spec, valuesAt(s, spec.column, pr), weights && pick(weights, pr));
          if (pc.n > 0) {
            row.change[spec.metric] = valueOf(spec, c) - valueOf(spec, pc);
            const d = diffFor(spec, c, pc);
            if (Number.isFinite(d.p)) {
              (row.changeP ??= {})[spec.metric] = d.p;
              (row.changeSignificant ??= {})[spec.metric] = d.p < 0.05;
            }
          }
        }
      }
      return row;
    });
    out.push({ column, label: getQuestion(s, column)?.label ?? column, rows: segRows });
  }
  return out;
}
