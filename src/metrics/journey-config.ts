// The `journey:` section of cx.yaml beyond its schema: checks whose messages name the stage and touchpoint
// (a stage with no touchpoints, a touchpoint without a column, duplicate names, overlapping bands), and the
// flattening of stages into touchpoints in journey order. Pure.
import type { JourneyConfig } from '../config/schema.js';

export interface JourneyProblem {
  path: (string | number)[];
  en: string;
  zh: string;
}

export interface FlatTouchpoint {
  stage: string;
  stageOrder: number;
  name: string;
  column: string;
  owner?: string;
  target?: number;
  codes?: string[];
}

/** Problems of a validated (schema-checked) journey section, each naming its stage/touchpoint. */
export function journeyConfigProblems(j: JourneyConfig): JourneyProblem[] {
  const out: JourneyProblem[] = [];
  const names = new Map<string, string>();
  const cols = new Map<string, string>();
  (j.stages ?? []).forEach((st, s) => {
    const stage = st.stage;
    const tps = st.touchpoints ?? [];
    if (tps.length === 0) {
      out.push({
        path: ['journey', 'stages', s],
        en: `stage "${stage}" has no touchpoints; add "touchpoints: [{ name: …, column: … }]" under it or remove the stage`,
        zh: `阶段 "${stage}" 没有触点；请在其下添加 "touchpoints: [{ name: …, column: … }]"，或删除该阶段`,
      });
    }
    tps.forEach((tp, t) => {
      const path = ['journey', 'stages', s, 'touchpoints', t];
      const label = tp.name ? `touchpoint "${tp.name}"` : `touchpoint ${t + 1}`;
      const labelZh = tp.name ? `触点 "${tp.name}"` : `第 ${t + 1} 个触点`;
      if (!tp.name) out.push({ path, en: `${label} of stage "${stage}" has no name; add "name: …"`, zh: `阶段 "${stage}" 的${labelZh}没有名称；请添加 "name: …"` });
      if (!tp.column) out.push({ path, en: `${label} of stage "${stage}" has no column; add "column: <rating column>"`, zh: `阶段 "${stage}" 的${labelZh}没有指定列；请添加 "column: <评分列>"` });
      if (tp.name) {
        const prev = names.get(tp.name);
        if (prev !== undefined) out.push({ path, en: `${label} appears twice (stages "${prev}" and "${stage}"); give each touchpoint its own name`, zh: `${labelZh}出现了两次（阶段 "${prev}" 与 "${stage}"）；每个触点需要不同的名称` });
        else names.set(tp.name, stage);
      }
      if (tp.column) {
        const prev = cols.get(tp.column);
        if (prev !== undefined) out.push({ path, en: `${label} uses column "${tp.column}", already used by touchpoint "${prev}"; each touchpoint needs its own rating column`, zh: `${labelZh}使用的列 "${tp.column}" 已被触点 "${prev}" 使用；每个触点需要各自的评分列` });
        else cols.set(tp.column, tp.name ?? String(t + 1));
      }
    });
  });
  const outcomeCol = typeof j.outcome === 'string' ? j.outcome : j.outcome?.column;
  if (outcomeCol && cols.has(outcomeCol)) {
    out.push({ path: ['journey', 'outcome'], en: `the outcome column "${outcomeCol}" is also touchpoint "${cols.get(outcomeCol)}"; the outcome must be a separate overall question`, zh: `结果列 "${outcomeCol}" 同时是触点 "${cols.get(outcomeCol)}"；结果变量必须是单独的总体评价题` });
  }
  if (j.bands) {
    const both = j.bands.low.filter((v) => j.bands!.high.includes(v));
    if (both.length) out.push({ path: ['journey', 'bands'], en: `bands: ${both.join(', ')} is in both low and high; a scale point belongs to one band`, zh: `bands：${both.join('、')} 同时属于 low 与 high；每个量表点只能属于一个区间` });
    const maxLow = Math.max(...j.bands.low);
    const minHigh = Math.min(...j.bands.high);
    if (!both.length && maxLow > minHigh) out.push({ path: ['journey', 'bands'], en: `bands: low (${j.bands.low.join(', ')}) must lie below high (${j.bands.high.join(', ')})`, zh: `bands：low（${j.bands.low.join('、')}）必须低于 high（${j.bands.high.join('、')}）` });
  }
  return out;
}

/** Touchpoints in journey order (stage order, then the order within each stage). */
export function flattenJourney(j: JourneyConfig): FlatTouchpoint[] {
  const out: FlatTouchpoint[] = [];
  j.stages.forEach((st, s) => {
    for (const tp of st.touchpoints ?? []) {
      const f: FlatTouchpoint = { stage: st.stage, stageOrder: s + 1, name: tp.name, column: tp.column };
      if (tp.owner) f.owner = tp.owner;
      if (tp.target !== undefined) f.target = tp.target;
      if (tp.codes?.length) f.codes = tp.codes;
      out.push(f);
    }
  });
  return out;
}

export function outcomeOf(j: JourneyConfig): { column: string; positive?: string[] } {
  return typeof j.outcome === 'string' ? { column: j.outcome } : j.outcome;
}
