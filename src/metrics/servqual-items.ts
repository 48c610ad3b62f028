// Finding SERVQUAL items in a survey (METHODS.md §3.1): E1..E22 / P1..P22, 期望1 / 感知1, named
// dimensions ("E_tangibles_1", "有形性1（期望）"), adequate/desired items for the zone of tolerance, and
// 100-point allocation columns ("points_tangibles", "权重_有形性").
import type { Survey } from '../dataset/types.js';

export const DIMENSIONS = ['tangibles', 'reliability', 'responsiveness', 'assurance', 'empathy'] as const;
export type Dimension = string;
export const DIMENSION_ZH: Record<string, string> = {
  tangibles: '有形性',
  reliability: '可靠性',
  responsiveness: '响应性',
  assurance: '保证性',
  empathy: '移情性',
};

/** PZB 1988/1991: items 1–4, 5–9, 10–13, 14–17, 18–22. */
export function standardDimension(item: number): Dimension | undefined {
  if (item >= 1 && item <= 4) return 'tangibles';
  if (item <= 9 && item >= 5) return 'reliability';
  if (item <= 13 && item >= 10) return 'responsiveness';
  if (item <= 17 && item >= 14) return 'assurance';
  if (item <= 22 && item >= 18) return 'empathy';
  return undefined;
}

export type Side = 'E' | 'P' | 'A' | 'D';
const SIDE_WORDS: [RegExp, Side][] = [
  [/^(expectations?|exp|期望|期望值|期望服务)$/iu, 'E'],
  [/^(perceptions?|perc|perf|感知|感受|实际感受|感知服务|实际)$/iu, 'P'],
  [/^(adequate|adq|min|适当|适当服务|最低|最低要求|可接受)$/iu, 'A'],
  [/^(desired|des|理想|理想服务|渴望)$/iu, 'D'],
];
const SIDE_RE = String.raw`expectations?|exp|perceptions?|perc|perf|adequate|adq|desired|des|期望服务|期望值|期望|实际感受|感知服务|感知|感受|适当服务|适当|最低要求|最低|可接受|理想服务|理想|渴望`;
const DIM_WORDS: [RegExp, Dimension][] = [
  [/^(tangibles?|tang|有形性|有形)$/iu, 'tangibles'],
  [/^(reliability|rel|可靠性|可靠)$/iu, 'reliability'],
  [/^(responsiveness|resp|响应性|响应)$/iu, 'responsiveness'],
  [/^(assurance|ass|保证性|保证)$/iu, 'assurance'],
  [/^(empathy|emp|移情性|移情|关怀性)$/iu, 'empathy'],
];
const DIM_RE = String.raw`tangibles?|reliability|responsiveness|assurance|empathy|有形性|可靠性|响应性|保证性|移情性|关怀性`;

function sideOf(w: string): Side | undefined {
  if (/^[EPAD]$/i.test(w)) return w.toUpperCase() as Side;
  return SIDE_WORDS.find(([re]) => re.test(w))?.[1];
}
function dimOf(w: string): Dimension | undefined {
  return DIM_WORDS.find(([re]) => re.test(w))?.[1];
}

export interface ItemHeader {
  side: Side;
  item: number;
  dimension?: Dimension;
}

const SEP = String.raw`[\s_\-.:：、（）()\[\]]*`;
const RE_LIST: RegExp[] = [
  // E1, P_12, e-03, 期望1, 感知_5, expectation 3
  new RegExp(String.raw`^(?<side>[EPAD]|${SIDE_RE})${SEP}(?:(?<dim>${DIM_RE})${SEP})?(?<n>\d{1,2})${SEP}$`, 'iu'),
  // tangibles_1_E, 有形性1（期望）, Q1_E, 1_期望
  new RegExp(String.raw`^(?:(?<dim>${DIM_RE})|Q|item)?${SEP}(?<n>\d{1,2})${SEP}(?<side>[EPAD]|${SIDE_RE})${SEP}$`, 'iu'),
  // tangibles_E_1, 有形性_期望_1
  new RegExp(String.raw`^(?<dim>${DIM_RE})${SEP}(?<side>[EPAD]|${SIDE_RE})${SEP}(?<n>\d{1,2})${SEP}$`, 'iu'),
];

/** Parse one header into (side, item number, dimension?). */
export function parseServqualHeader(h: string): ItemHeader | undefined {
  const s = h.trim();
  for (const re of RE_LIST) {
    const m = re.exec(s);
    if (!m?.groups) continue;
    const side = sideOf(m.groups.side!);
    if (!side) continue;
    const item = Number(m.groups.n);
    if (!(item >= 1)) continue;
    const dimension = m.groups.dim ? dimOf(m.groups.dim) : undefined;
    return { side, item, ...(dimension ? { dimension } : {}) };
  }
  return undefined;
}

const POINTS_RE = new RegExp(String.raw`^(?:points?|weight|weights|w|pts|分配|权重|分数|重要性)${SEP}(?<dim>${DIM_RE})${SEP}$|^(?<dim2>${DIM_RE})${SEP}(?:points?|weight|pts|权重|分配)${SEP}$`, 'iu');

export interface FoundItem {
  key: string;
  item: number;
  dimension?: Dimension;
  E?: string;
  P?: string;
  A?: string;
  D?: string;
}

export interface FoundServqual {
  items: FoundItem[];
  /** 100-point allocation column per dimension. */
  points: Record<Dimension, string>;
}

/** Scan questions (id, then label, then source header) for SERVQUAL items and point columns. */
export function findServqualItems(s: Survey): FoundServqual {
  const items = new Map<string, FoundItem>();
  const points: Record<string, string> = {};
  for (const q of s.questions) {
    if (!s.columns.has(q.id)) continue;
    for (const h of [q.id, q.label, q.source].filter((x): x is string => Boolean(x))) {
      const pm = POINTS_RE.exec(h.trim());
      if (pm?.groups) {
        const d = dimOf((pm.groups.dim ?? pm.groups.dim2)!);
        if (d && !points[d]) points[d] = q.id;
        break;
      }
      const p = parseServqualHeader(h);
      if (!p) continue;
      const key = `${p.dimension ?? ''}#${p.item}`;
      let it = items.get(key);
      if (!it) items.set(key, (it = { key, item: p.item, ...(p.dimension ? { dimension: p.dimension } : {}) }));
      if (!it[p.side]) it[p.side] = q.id;
      break;
    }
  }
  // Items without a P (perception) column are dropped by servqual(): a stray "A1" alone is not an item.
  return { items: [...items.values()].sort((a, b) => a.item - b.item), points };
}
