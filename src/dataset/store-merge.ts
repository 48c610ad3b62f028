// Appending a newly read Survey (one file / wave) to a dataset: questions aligned by id (a question new in
// this wave gets missing values for older rows, and the other way round), a wave column labelling every row,
// and de-duplication on the response id (rows whose id is already in the dataset are dropped and counted).
import type { Column, Question, Survey } from './types.js';
import { strAt } from './types.js';

export interface AppendResult {
  survey: Survey;
  /** Rows of `add` dropped because their response id was already in the dataset. */
  duplicates: number;
  duplicateRows: number[];
}

function pickWaveId(a: Survey | undefined, b: Survey): string {
  if (a?.waveColumn) return a.waveColumn;
  const taken = new Set([...(a?.questions ?? []), ...b.questions].map((q) => q.id));
  for (const id of ['wave', 'cx_wave', 'cx_wave_label']) if (!taken.has(id)) return id;
  let k = 2;
  while (taken.has(`cx_wave_${k}`)) k++;
  return `cx_wave_${k}`;
}

/** A new dataset: the recogniser already dropped in-file duplicates, so columns are reused, not copied. */
function fresh(base: Survey | undefined, add: Survey, wave: string): AppendResult {
  const waveId = pickWaveId(base, add);
  const columns = new Map(add.columns);
  columns.set(waveId, { kind: 'str', values: new Array<string | null>(add.nRows).fill(wave) });
  const waveQ: Question = { id: waveId, label: 'Wave', type: 'category', role: 'wave' };
  const survey: Survey = {
    ...add,
    source: [...(base?.source ?? []), ...add.source],
    questions: [...add.questions.filter((q) => q.id !== waveId), waveQ],
    columns,
    waveColumn: waveId,
    log: [...(base?.log ?? []), ...add.log.map((e) => ({ ...e, wave }))],
    waves: [...new Set([...(base?.waves ?? []), wave])],
  };
  return { survey, duplicates: 0, duplicateRows: [] };
}

/** Column of `n` values taken from `col` at `rows` (or missing when `col` is undefined). */
function take(col: Column | undefined, rows: Int32Array | null, n: number, asStr: boolean): Column {
  const at = (i: number) => (rows ? rows[i]! : i);
  if (!asStr) {
    const out = new Float64Array(n).fill(NaN);
    if (col && col.kind === 'num') for (let i = 0; i < n; i++) out[i] = col.values[at(i)]!;
    return { kind: 'num', values: out };
  }
  const out = new Array<string | null>(n).fill(null);
  if (col) for (let i = 0; i < n; i++) out[i] = strAt(col, at(i));
  return { kind: 'str', values: out };
}

function concat(a: Column, b: Column): Column {
  if (a.kind === 'num' && b.kind === 'num') {
    const out = new Float64Array(a.values.length + b.values.length);
    out.set(a.values, 0);
    out.set(b.values, a.values.length);
    return { kind: 'num', values: out };
  }
  const av = a.kind === 'str' ? a.values : Array.from(a.values, (_, i) => strAt(a, i));
  const bv = b.kind === 'str' ? b.values : Array.from(b.values, (_, i) => strAt(b, i));
  return { kind: 'str', values: av.concat(bv) };
}

/** Append `add` (labelled `wave`) to `base` (undefined for a new dataset). Inputs are not modified. */
export function appendSurvey(base: Survey | undefined, add: Survey, wave: string, opts: { dedupe?: boolean } = {}): AppendResult {
  if (!base || base.nRows === 0) return fresh(base, add, wave);
  const b = base;
  const waveId = pickWaveId(base, add);
  const idCol = b.idColumn ?? add.idColumn;

  // Rows of `add` to keep: drop response ids already present (in the dataset or earlier in this file).
  const keep: number[] = [];
  const duplicateRows: number[] = [];
  // A different survey appended with --force numbers its responses on its own: its ids say nothing.
  const dedupe = opts.dedupe !== false;
  const addIds = idCol && dedupe ? add.columns.get(idCol) : undefined;
  if (addIds) {
    // A sequence number (问卷星 序号, a plain CSV's 1, 2, 3 …) restarts in a copied survey: there the same
    // number with another submit time is another response, so the key is the number and the time.
    const baseIds = b.columns.get(idCol!);
    const dateId = add.dateColumn && b.dateColumn === add.dateColumn ? add.dateColumn : undefined;
    const addDates = dateId ? add.columns.get(dateId) : undefined;
    const baseDates = dateId ? b.columns.get(dateId) : undefined;
    let sequence = Boolean(addDates && baseDates);
    for (let i = 0; sequence && i < add.nRows; i++) {
      const v = strAt(addIds, i);
      if (v !== null && v !== '' && !/^\d{1,9}$/.test(v)) sequence = false;
    }
    const keyOf = (ids: Column, dates: Column | undefined, i: number): string | null => {
      const v = strAt(ids, i);
      if (v === null || v === '') return null;
      return sequence && dates ? `${v}\u0001${strAt(dates, i) ?? ''}` : v;
    };
    const seen = new Set<string>();
    if (baseIds) for (let i = 0; i < b.nRows; i++) {
      const v = keyOf(baseIds, baseDates, i);
      if (v !== null) seen.add(v);
    }
    for (let i = 0; i < add.nRows; i++) {
      const v = keyOf(addIds, addDates, i);
      if (v !== null && v !== '') {
        if (seen.has(v)) {
          duplicateRows.push(i);
          continue;
        }
        seen.add(v);
      }
      keep.push(i);
    }
  } else if (dedupe && add.dateColumn && b.dateColumn === add.dateColumn && b.columns.has(add.dateColumn)) {
    // No response id (Google Forms, plain CSVs): a row whose timestamp and answers all equal a row already
    // in the dataset is the same response downloaded again (a re-export that also holds the old rows).
    const ids = add.questions.filter((q) => q.role !== 'wave' && b.columns.has(q.id) && add.columns.has(q.id)).map((q) => q.id);
    const key = (s: Survey, i: number) => ids.map((id) => strAt(s.columns.get(id)!, i) ?? '\u0000').join('\u0001');
    const seen = new Set<string>();
    for (let i = 0; i < b.nRows; i++) seen.add(key(b, i));
    for (let i = 0; i < add.nRows; i++) {
      const k = key(add, i);
      if (seen.has(k)) duplicateRows.push(i);
      else keep.push(i);
    }
  } else for (let i = 0; i < add.nRows; i++) keep.push(i);
  const rows = keep.length === add.nRows ? null : Int32Array.from(keep);
  const n = keep.length;

  // Questions: the dataset's order, then questions new in this wave; the wave column last.
  const questions: Question[] = b.questions.filter((q) => q.id !== waveId);
  const known = new Set(questions.map((q) => q.id));
  for (const q of add.questions) if (!known.has(q.id) && q.id !== waveId) questions.push(q);
  const waveQ: Question = b.questions.find((q) => q.id === waveId) ?? { id: waveId, label: 'Wave', type: 'category', role: 'wave' };
  questions.push(waveQ);

  const columns = new Map<string, Column>();
  for (const q of questions) {
    if (q.id === waveId) continue;
    const bc = b.columns.get(q.id);
    const ac = add.columns.get(q.id);
    const asStr = bc?.kind === 'str' || ac?.kind === 'str';
    const left = bc ? (asStr && bc.kind === 'num' ? take(bc, null, b.nRows, true) : bc) : take(undefined, null, b.nRows, asStr);
    const right = take(ac, rows, n, asStr);
    columns.set(q.id, b.nRows === 0 ? right : concat(left, right));
  }
  const oldWave = b.columns.get(waveId);
  const waveVals: (string | null)[] = oldWave ? Array.from({ length: b.nRows }, (_, i) => strAt(oldWave, i)) : new Array(b.nRows).fill(null);
  for (let i = 0; i < n; i++) waveVals.push(wave);
  columns.set(waveId, { kind: 'str', values: waveVals });

  const waves = [...(b.waves ?? [])];
  if (!waves.includes(wave)) waves.push(wave);
  const log = add.log.map((e) => ({ ...e, wave, rowsKept: e.rowsKept - duplicateRows.length }));
  if (duplicateRows.length > 0 && log.length > 0) {
    const last = log[log.length - 1]!;
    last.exclusions = [...last.exclusions, { reason: 'duplicate-in-dataset', count: duplicateRows.length, file: last.file }];
  }
  const survey: Survey = {
    source: [...b.source, ...add.source],
    platform: b.nRows === 0 || b.platform === add.platform ? add.platform : 'mixed',
    encoding: b.nRows === 0 || b.encoding === add.encoding ? add.encoding : 'mixed',
    questions,
    columns,
    nRows: b.nRows + n,
    idColumn: idCol,
    dateColumn: b.dateColumn ?? add.dateColumn,
    waveColumn: waveId,
    partialColumn: b.partialColumn ?? add.partialColumn,
    log: [...b.log, ...log],
    waves,
  };
  return { survey, duplicates: duplicateRows.length, duplicateRows };
}

/** Question text for matching across waves: no HTML, no leading number (`5、`, `Q5.`), no spaces or punctuation, lower case. */
export function normLabel(s: string | undefined): string {
  return (s ?? '')
    .replace(/<[^>]{0,200}>/g, ' ')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .normalize('NFKC')
    .replace(/^\s*(?:q\s*)?\d+\s*[、.．:：)）]\s*/i, '')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

const STRUCTURAL = new Set(['meta', 'id', 'date']);

function isContent(s: Survey, q: Question): boolean {
  return !STRUCTURAL.has(q.type) && q.role !== 'wave' && q.id !== s.partialColumn && q.id !== s.waveColumn;
}

export interface WaveAlignment {
  /** New file's id → dataset id for every question stored under another id (renamed or renumbered). */
  map: Map<string, string>;
  /** Parent ids that are not questions (matrix stems) → the dataset's parent id. */
  parents: Map<string, string>;
  /** Questions matched by their text under another id, for the report: `Q3 → Q2 "推荐意愿"`. */
  renamed: { from: string; to: string; label: string }[];
  /** Ids the dataset uses for another question: this file's question is stored under a new id. */
  conflicts: { id: string; storedAs: string; label: string; datasetLabel: string }[];
  /** Content questions of the new file that match a dataset question (by text, or by id when a text is blank). */
  shared: number;
  /** Content questions (not meta, id, date or wave columns) in the new file and in the dataset. */
  total: number;
  baseTotal: number;
}

/**
 * Which dataset question each question of a new wave is (issue 9): by normalised question text first (so a
 * question inserted in 问卷星, which renumbers every later question, does not shift CES into the delivery
 * rating), then by id when one side has no real text. An id the dataset already uses for a different
 * question is never merged into it: the new question gets a fresh id. Options of a split multi-select
 * follow their question (matched by option text). Meta, id and date columns match by id.
 */
export function alignWave(base: Survey, add: Survey): WaveAlignment {
  const map = new Map<string, string>();
  const renamed: WaveAlignment['renamed'] = [];
  const conflicts: WaveAlignment['conflicts'] = [];
  const baseById = new Map(base.questions.map((q) => [q.id, q]));
  const taken = new Set<string>(); // dataset ids already receiving a question of the new file
  const baseContent = base.questions.filter((q) => isContent(base, q));
  const addContent = add.questions.filter((q) => isContent(add, q));
  const isOption = (s: Survey, q: Question) => q.parent !== undefined && q.option !== undefined && q.type === 'multi' && s.questions.some((p) => p.id === q.parent && p.type === 'multi');
  const byText = new Map<string, Question[]>();
  for (const q of baseContent) {
    if (isOption(base, q)) continue;
    const k = normLabel(q.label);
    if (k) byText.set(k, [...(byText.get(k) ?? []), q]);
  }
  const real = (q: Question) => {
    const k = normLabel(q.label);
    return k !== '' && k !== normLabel(q.id);
  };
  let shared = 0;
  const pending: Question[] = [];
  // 1. Same text (several dataset questions with that text: the one with the same id, else the first free).
  for (const q of addContent) {
    if (isOption(add, q)) continue;
    const k = normLabel(q.label);
    const cands = (real(q) ? byText.get(k) : undefined)?.filter((b) => !taken.has(b.id)) ?? [];
    const hit = cands.find((b) => b.id === q.id) ?? cands[0];
    if (!hit) {
      pending.push(q);
      continue;
    }
    taken.add(hit.id);
    map.set(q.id, hit.id);
    shared++;
    if (hit.id !== q.id) renamed.push({ from: q.id, to: hit.id, label: q.label });
  }
  // 2. Same id where a text is blank or just the id (plain CSV headers): the same column.
  for (const q of pending) {
    const b = baseById.get(q.id);
    if (b && isContent(base, b) && !taken.has(b.id) && (!real(q) || !real(b))) {
      taken.add(b.id);
      map.set(q.id, b.id);
      shared++;
    }
  }
  // 3. Options of a multi-select: under the matched question, by option text.
  for (const q of addContent) {
    if (!isOption(add, q)) continue;
    const parent = map.get(q.parent!) ?? q.parent!;
    const b = base.questions.find((x) => x.parent === parent && x.option === q.option && !taken.has(x.id));
    if (b) {
      taken.add(b.id);
      map.set(q.id, b.id);
      shared++;
      if (b.id !== q.id) renamed.push({ from: q.id, to: b.id, label: q.label });
    }
  }
  // 4. Everything else keeps its id unless the dataset (or an earlier mapping) uses it for another question.
  const used = new Set<string>([...base.questions.map((q) => q.id), ...map.values()]);
  const fresh = (id: string) => {
    let k = 2;
    while (used.has(`${id}_v${k}`)) k++;
    used.add(`${id}_v${k}`);
    return `${id}_v${k}`;
  };
  const baseParents = new Set(base.questions.map((q) => q.parent).filter((p): p is string => p !== undefined && !baseById.has(p)));
  for (const q of add.questions) {
    if (map.has(q.id)) continue;
    const b = baseById.get(q.id);
    if (!b && baseParents.has(q.id) && isContent(add, q)) {
      // The dataset's matrix stem id (rows Q5_1… have parent Q5): a new question must not take it.
      map.set(q.id, fresh(q.id));
      continue;
    }
    if (!b) continue;
    if (!isContent(add, q) && !isContent(base, b)) continue; // meta/id/date/wave: same column
    // Unmatched although the id exists: the dataset's column holds another question (or is taken).
    const id = isOption(add, q) && map.has(q.parent!) ? fresh(`${map.get(q.parent!)}`) : fresh(q.id);
    map.set(q.id, id);
    if (isContent(add, q)) conflicts.push({ id: q.id, storedAs: id, label: q.label, datasetLabel: b.label });
  }
  // A new option of a renamed multi-select goes under the dataset's question id.
  for (const q of add.questions) {
    if (map.has(q.id) || !isOption(add, q) || !map.has(q.parent!)) continue;
    if (map.get(q.parent!) !== q.parent) map.set(q.id, fresh(map.get(q.parent!)!));
  }
  // Matrix rows whose question has no column of its own (`5(服务态度)`, `5、stem—row`): their parent id follows
  // the rows' dataset parent.
  const parents = new Map<string, string>();
  const addIds = new Set(add.questions.map((q) => q.id));
  for (const q of add.questions) {
    if (q.parent === undefined || addIds.has(q.parent) || parents.has(q.parent)) continue;
    const b = baseById.get(map.get(q.id) ?? '');
    if (b?.parent !== undefined) parents.set(q.parent, b.parent);
  }
  return { map, parents, renamed, conflicts, shared, total: addContent.length, baseTotal: baseContent.length };
}

/** `add` with its question ids (and parents, id/date/partial columns) renamed by `map`. Columns are shared, not copied. */
export function renameQuestions(add: Survey, map: Map<string, string>, parents = new Map<string, string>()): Survey {
  if (map.size === 0 && parents.size === 0) return add;
  const to = (id: string | undefined) => (id === undefined ? undefined : (map.get(id) ?? id));
  const questions = add.questions.map((q) => {
    const n: Question = { ...q, id: to(q.id)! };
    if (q.parent !== undefined) n.parent = map.get(q.parent) ?? parents.get(q.parent) ?? q.parent;
    if (n.id !== q.id && n.source === undefined) n.source = q.id;
    return n;
  });
  const columns = new Map<string, Column>();
  for (const q of add.questions) {
    const c = add.columns.get(q.id);
    if (c) columns.set(to(q.id)!, c);
  }
  const out: Survey = { ...add, questions, columns };
  if (add.idColumn) out.idColumn = to(add.idColumn);
  if (add.dateColumn) out.dateColumn = to(add.dateColumn);
  if (add.partialColumn) out.partialColumn = to(add.partialColumn);
  return out;
}

/**
 * How much of a new wave's content matches the dataset's questions (by text, or by id when a text is blank),
 * ignoring meta, id, date and wave columns: a low share usually means a different survey is being appended.
 */
export function questionOverlap(base: Survey, add: Survey): { shared: number; total: number } {
  const a = alignWave(base, add);
  return { shared: a.shared, total: a.total };
}

/** The dataset without the rows of `wave` (and its log entries): for `cx import --replace-wave`. Inputs are not modified. */
export function removeWave(base: Survey, wave: string): { survey: Survey; removed: number } {
  const wc = base.waveColumn ? base.columns.get(base.waveColumn) : undefined;
  if (!wc) return { survey: base, removed: 0 };
  const keep: number[] = [];
  for (let i = 0; i < base.nRows; i++) if (strAt(wc, i) !== wave) keep.push(i);
  const removed = base.nRows - keep.length;
  const rows = Int32Array.from(keep);
  const columns = new Map<string, Column>();
  for (const q of base.questions) {
    const c = base.columns.get(q.id);
    if (c) columns.set(q.id, take(c, rows, rows.length, c.kind === 'str'));
  }
  return {
    survey: {
      ...base,
      columns,
      nRows: rows.length,
      log: base.log.filter((e) => e.wave !== wave),
      waves: (base.waves ?? []).filter((w) => w !== wave),
      source: base.source.filter((src) => !base.log.some((e) => e.wave === wave && e.file === src) || base.log.some((e) => e.wave !== wave && e.file === src)),
    },
    removed,
  };
}
