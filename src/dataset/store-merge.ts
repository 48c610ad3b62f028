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
export function appendSurvey(base: Survey | undefined, add: Survey, wave: string): AppendResult {
  if (!base || base.nRows === 0) return fresh(base, add, wave);
  const b = base;
  const waveId = pickWaveId(base, add);
  const idCol = b.idColumn ?? add.idColumn;

  // Rows of `add` to keep: drop response ids already present (in the dataset or earlier in this file).
  const keep: number[] = [];
  const duplicateRows: number[] = [];
  const addIds = idCol ? add.columns.get(idCol) : undefined;
  if (addIds) {
    const seen = new Set<string>();
    const baseIds = b.columns.get(idCol!);
    if (baseIds) for (let i = 0; i < b.nRows; i++) {
      const v = strAt(baseIds, i);
      if (v !== null && v !== '') seen.add(v);
    }
    for (let i = 0; i < add.nRows; i++) {
      const v = strAt(addIds, i);
      if (v !== null && v !== '') {
        if (seen.has(v)) {
          duplicateRows.push(i);
          continue;
        }
        seen.add(v);
      }
      keep.push(i);
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

/**
 * How much of a new wave's content matches the dataset's questions (by id), ignoring meta, id, date and
 * wave columns: a low share usually means a different survey is being appended by mistake.
 */
export function questionOverlap(base: Survey, add: Survey): { shared: number; total: number } {
  const skip = new Set(['meta', 'id', 'date']);
  const content = add.questions.filter((q) => !skip.has(q.type) && q.role !== 'wave' && q.id !== add.partialColumn);
  // Same id is not enough (Q1, Q2 … recur across unrelated surveys): the question text must agree too.
  const norm = (s: string | undefined) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();
  const labels = new Map(base.questions.map((q) => [q.id, norm(q.label)]));
  const same = (q: Question) => {
    const l = labels.get(q.id);
    if (l === undefined) return false;
    const m = norm(q.label);
    return l === m || !l || !m || l === q.id.toLowerCase() || m === q.id.toLowerCase();
  };
  return { shared: content.filter(same).length, total: content.length };
}
