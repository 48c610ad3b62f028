// Finding Kano question pairs in a survey by column id, label or source header:
//   X_functional / X_dysfunctional, X_func / X_dysf, X_正向 / X_反向, X（正向）/ X（反向）,
//   "Feature - Functional" matrix rows, "如果有X…" / "如果没有X…", "…has X…" / "…does not have X…",
// plus an optional importance column X_importance / X_重要性; failing those, two matrix questions with the
// same rows (Qualtrics "stem - row", 问卷星 "5(row)") where one stem says "does not have" / "如果没有".
import type { Survey } from '../dataset/types.js';

export interface KanoPairSpec {
  name: string;
  functional: string;
  dysfunctional: string;
  importance?: string;
}

type Side = 'f' | 'd' | 'imp';

// A separator is required (or a bracket), so "Shrimp" is not "Shr" + importance.
const SEP = String.raw`(?:[\s_\-.:：—–、|/]+|(?=[（(\[]))`;
const F_WORDS = String.raw`functional|func|正向|正向问题|功能型|具备|提供时`;
const D_WORDS = String.raw`dysfunctional|dysfunc|dysf|反向|反向问题|不具备|不提供时`;
const I_WORDS = String.raw`importance|imp|重要性|重要程度`;

const SUFFIX = new RegExp(String.raw`^(.+?)${SEP}[（(\[]?\s*(${D_WORDS}|${F_WORDS}|${I_WORDS})\s*[)）\]]?$`, 'iu');
const PREFIX = new RegExp(String.raw`^[（(\[]?\s*(${D_WORDS}|${F_WORDS}|${I_WORDS})\s*[)）\]]?${SEP}(.+)$`, 'iu');
const ZH_IF = /^(?:\d+[.、]\s*)?(?:假如|如果)(?:产品|该产品|本产品|APP|app|我们)?(没有|不提供|不具备|无|有|提供|具备)(.+?)(?:[，,].*)?$/u;
const EN_IF = /^(?:\d+[.)]\s*)?if\s+(?:the\s+)?(?:product|app|service|it)\s+(does\s+not\s+have|doesn't\s+have|did\s+not\s+have|lacks|has|had|offers|does\s+not\s+offer|doesn't\s+offer)\s+(.+?)(?:[,?].*)?$/iu;

function sideOf(word: string): Side {
  const w = word.toLowerCase();
  if (new RegExp(`^(${I_WORDS})$`, 'iu').test(w)) return 'imp';
  if (new RegExp(`^(${D_WORDS})$`, 'iu').test(w)) return 'd';
  return 'f';
}

function clean(name: string): string {
  return name.replace(/[\s_\-.:：—–、|/（(]+$/u, '').replace(/^[\s_\-.:：—–、|/）)]+/u, '').trim();
}

/** Which side (functional/dysfunctional/importance) a header names, and the feature name. */
export function parseKanoHeader(h: string): { name: string; side: Side } | undefined {
  const s = h.trim();
  if (!s) return undefined;
  // A matrix row whose stem asks "if it has / does not have …": the row is the feature.
  const sp = splitMatrixHeader(s);
  if (sp) {
    const zh = ZH_IF.exec(sp.stem);
    if (zh) return { name: sp.row, side: /没有|不提供|不具备|无/.test(zh[1]!) ? 'd' : 'f' };
    const en = EN_IF.exec(sp.stem);
    if (en) return { name: sp.row, side: /not|lacks/i.test(en[1]!) ? 'd' : 'f' };
  }
  let m = SUFFIX.exec(s);
  if (m && clean(m[1]!)) return { name: clean(m[1]!), side: sideOf(m[2]!) };
  m = PREFIX.exec(s);
  if (m && clean(m[2]!)) return { name: clean(m[2]!), side: sideOf(m[1]!) };
  m = ZH_IF.exec(s);
  if (m) return { name: clean(m[2]!.replace(/(功能|服务)?[，,。？?].*$/u, '$1')), side: /没有|不提供|不具备|无/.test(m[1]!) ? 'd' : 'f' };
  m = EN_IF.exec(s);
  if (m) return { name: clean(m[2]!), side: /not|lacks/i.test(m[1]!) ? 'd' : 'f' };
  return undefined;
}

/** Split a matrix-row header into (stem, row): Qualtrics "stem - row", 问卷星 "5(row)", "stem—row", "stem:row". */
export function splitMatrixHeader(h: string): { stem: string; row: string } | undefined {
  const s = h.trim();
  let m = /^(\d+)\s*[(（](.+)[)）]$/u.exec(s);
  if (m) return { stem: m[1]!, row: m[2]!.trim() };
  m = /^(.+?)\s+-\s+([^-]+)$/u.exec(s) ?? /^(.+?)\s*[—–]+\s*(.+)$/u.exec(s) ?? /^(.+?)[:：]\s*(.+)$/u.exec(s);
  if (m && m[1]!.trim() && m[2]!.trim()) return { stem: m[1]!.trim(), row: m[2]!.trim() };
  return undefined;
}

const STEM_D = /does\s+not\s+have|doesn't\s+have|did\s+not\s+have|not\s+offer|without|lack|dysfunctional|如果没有|假如没有|若没有|不提供|不具备|没有提供|反向/iu;

/**
 * Kano matrices: two matrix questions with the same rows (features), one asked "if it has …", the other
 * "if it does not have …". When the stems carry no such wording, the first matrix is taken as functional
 * (the usual questionnaire order) but only if both hold Kano answers.
 */
function matrixPairs(survey: Survey, kind: (id: string) => 'text' | 'code' | false): KanoPairSpec[] {
  const stems = new Map<string, { order: number; rows: Map<string, string> }>();
  let order = 0;
  for (const q of survey.questions) {
    if (!survey.columns.has(q.id)) continue;
    let sp: { stem: string; row: string } | undefined;
    for (const h of [q.label, q.source, q.id].filter((x): x is string => Boolean(x))) if ((sp = splitMatrixHeader(h))) break;
    if (!sp) continue;
    let g = stems.get(sp.stem);
    if (!g) stems.set(sp.stem, (g = { order: order++, rows: new Map() }));
    if (!g.rows.has(sp.row)) g.rows.set(sp.row, q.id);
  }
  const list = [...stems.entries()].sort((a, b) => a[1].order - b[1].order);
  const used = new Set<string>();
  const out: KanoPairSpec[] = [];
  for (let a = 0; a < list.length; a++) {
    for (let b = a + 1; b < list.length; b++) {
      const [sa, ga] = list[a]!;
      const [sb, gb] = list[b]!;
      if (used.has(sa) || used.has(sb)) continue;
      const rows = [...ga.rows.keys()];
      if (rows.length !== gb.rows.size || !rows.every((r) => gb.rows.has(r))) continue;
      const kinds = [...ga.rows.values(), ...gb.rows.values()].map(kind);
      if (!kinds.every(Boolean)) continue;
      const da = STEM_D.test(sa);
      const db = STEM_D.test(sb);
      let f = ga;
      let d = gb;
      if (da && !db) [f, d] = [gb, ga];
      else if (da && db) continue; // both stems say "does not have": ambiguous
      else if (!db && !kinds.every((k) => k === 'text')) continue; // no wording to tell them apart, and only codes
      // else: b says "does not have", or neither says it and both hold worded Kano answers (questionnaire order)
      used.add(sa).add(sb);
      for (const r of rows) out.push({ name: r, functional: f.rows.get(r)!, dysfunctional: d.rows.get(r)! });
    }
  }
  return out;
}

/** All Kano pairs of a survey, in column order of the functional question. */
export function findKanoPairs(survey: Survey, kind?: (id: string) => 'text' | 'code' | false): KanoPairSpec[] {
  const named = namedPairs(survey);
  if (named.length || !kind) return named;
  return matrixPairs(survey, kind);
}

function namedPairs(survey: Survey): KanoPairSpec[] {
  const found = new Map<string, { f?: string; d?: string; imp?: string; order: number }>();
  let order = 0;
  for (const q of survey.questions) {
    if (!survey.columns.has(q.id)) continue;
    for (const h of [q.id, q.label, q.source].filter((x): x is string => Boolean(x))) {
      const p = parseKanoHeader(h);
      if (!p) continue;
      const key = p.name.toLowerCase();
      let e = found.get(key);
      if (!e) found.set(key, (e = { order: order++ }));
      if (p.side === 'f' && !e.f) e.f = q.id;
      else if (p.side === 'd' && !e.d) e.d = q.id;
      else if (p.side === 'imp' && !e.imp) e.imp = q.id;
      break;
    }
  }
  const names = new Map<string, string>();
  for (const q of survey.questions) {
    for (const h of [q.id, q.label, q.source].filter((x): x is string => Boolean(x))) {
      const p = parseKanoHeader(h);
      if (p && !names.has(p.name.toLowerCase())) names.set(p.name.toLowerCase(), p.name);
      if (p) break;
    }
  }
  return [...found.entries()]
    .filter(([, e]) => e.f && e.d)
    .sort((a, b) => a[1].order - b[1].order)
    .map(([k, e]) => ({
      name: names.get(k) ?? k,
      functional: e.f!,
      dysfunctional: e.d!,
      ...(e.imp ? { importance: e.imp } : {}),
    }));
}
