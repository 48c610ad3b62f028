// Layout → Survey, the same for every platform: row cleaning (empty, preview/test/spam, duplicate ids),
// unique question ids, type inference, multi-select splitting, partial flags, id/date roles.
import type { Column, Exclusion, Question, Survey } from '../../dataset/types.js';
export type { Recognised } from './common.js';
import type { RawTable } from '../read/table.js';
import { harmoniseScales, inferColumn } from '../infer.js';
import { cell, type ColSpec, type Layout, type Platform, type PlatformSpec, type Recognised, type RecogniseOptions } from './common.js';

/** A platform module: its detect + layout, with toSurvey built on the shared builder. */
export function platform(spec: PlatformSpec): Platform {
  return {
    ...spec,
    toSurvey(t, opts) {
      const lay = spec.layout(t, opts);
      return buildSurvey(lay.table ?? t, lay, opts);
    },
  };
}

const MAX_ROWS_LISTED = 10;

/** An option-column cell that means "selected": anything but empty, 0, N, No, false. */
function selected(v: string): boolean {
  const s = v.trim();
  return s !== '' && !/^(0|n|no|false)$/i.test(s);
}

class ExclusionLog {
  private m = new Map<string, Exclusion>();
  constructor(private file: string) {}
  add(reason: string, r: number): void {
    let e = this.m.get(reason);
    if (!e) this.m.set(reason, (e = { reason, count: 0, rows: [], file: this.file }));
    e.count++;
    if (e.rows!.length < MAX_ROWS_LISTED) e.rows!.push(r + 1); // spreadsheet row numbers are 1-based
  }
  list(): Exclusion[] {
    return [...this.m.values()];
  }
}

/** A visible ASCII character: a cell starting with one is not blank (other starts need trim()). */
const isPrintableAscii = (c: number): boolean => c > 32 && c < 127;

function keptRows(t: RawTable, lay: Layout, opts: RecogniseOptions, log: ExclusionLog): Int32Array {
  const kept = new Int32Array(Math.max(0, t.height - lay.headerRows));
  let nk = 0;
  const seen = new Set<string>();
  const used = lay.cols.map((c) => t.columns[c.index]!).filter(Boolean);
  const idCol = lay.idIndex !== undefined && lay.idIndex >= 0 ? t.columns[lay.idIndex] : undefined;
  for (let r = lay.headerRows; r < t.height; r++) {
    let empty = true;
    for (const col of used) {
      const v = col[r];
      if (v !== undefined && v !== '' && (isPrintableAscii(v.charCodeAt(0)) || v.trim() !== '')) {
        empty = false;
        break;
      }
    }
    if (empty) {
      log.add('empty', r);
      continue;
    }
    const reason = lay.exclude && !opts.includePreview ? lay.exclude(r) : null;
    if (reason) {
      log.add(reason, r);
      continue;
    }
    if (idCol) {
      const id = (idCol[r] ?? '').trim();
      if (id !== '') {
        // One hash lookup per row: the set does not grow when the id is already in it.
        const before = seen.size;
        seen.add(id);
        if (seen.size === before) {
          log.add('duplicate', r);
          continue;
        }
      }
    }
    kept[nk++] = r;
  }
  return kept.subarray(0, nk);
}

/** Make ids unique and non-blank; report every change. */
function uniqueIds(cols: ColSpec[], warnings: string[]): void {
  const used = new Set<string>();
  const blank: number[] = [];
  const dups = new Map<string, string[]>();
  for (const c of cols) {
    let id = c.id.trim();
    if (id === '') {
      id = `col${c.index + 1}`;
      blank.push(c.index + 1);
      if (!c.label) c.label = id;
    }
    if (used.has(id)) {
      let k = 2;
      while (used.has(`${id}_${k}`)) k++;
      dups.set(id, [...(dups.get(id) ?? []), `${id}_${k}`]);
      id = `${id}_${k}`;
    }
    used.add(id);
    c.id = id;
  }
  if (blank.length) warnings.push(`${blank.length} column(s) with a blank header were named col<N> (columns ${blank.slice(0, 10).join(', ')}${blank.length > 10 ? ', …' : ''})`);
  for (const [id, renamed] of dups) warnings.push(`duplicated header "${id.length > 60 ? id.slice(0, 57) + '…' : id}": later copies renamed ${renamed.join(', ')}`);
}

function splitJoined(text: string, sep: string): string[] {
  const out: string[] = [];
  for (const p of text.split(sep)) {
    const s = p.trim();
    if (s !== '' && !out.includes(s)) out.push(s);
  }
  return out;
}

/**
 * The kept rows' cells of one raw column as a fresh dense array ('' when missing), mapped when the layout
 * says so. With `reuse` (the raw column is released right after) and no row excluded, the raw array itself
 * is trimmed to the kept rows instead of copied: no second million-entry array per column.
 */
function keptCells(raw: string[], rows: Int32Array, map: ((s: string) => string) | undefined, reuse: boolean): string[] {
  const n = rows.length;
  const first = n > 0 ? rows[0]! : 0;
  if (!map && n > 0 && rows[n - 1]! - first === n - 1 && raw.length >= first + n) {
    let out: string[];
    if (reuse) {
      if (first <= 3) for (let k = 0; k < first; k++) raw.shift();
      else raw.splice(0, first);
      raw.length = n;
      out = raw;
    } else out = raw.slice(first, first + n);
    // Holes (never in CSV parser output) read as ''.
    for (let k = 0; k < n; k++) if (out[k] === undefined) out[k] = '';
    return out;
  }
  const out = new Array<string>(n);
  for (let k = 0; k < n; k++) {
    const v = raw[rows[k]!] ?? '';
    out[k] = map ? map(v) : v;
  }
  return out;
}

export function buildSurvey(t: RawTable, lay: Layout, opts: RecogniseOptions): Recognised {
  const warnings = [...lay.warnings];
  const log = new ExclusionLog(opts.file);
  const rows = keptRows(t, lay, opts, log);
  const n = rows.length;
  uniqueIds(lay.cols, warnings);

  const questions: Question[] = [];
  const columns = new Map<string, Column>();
  const add = (q: Question, c: Column): void => {
    if (columns.has(q.id)) {
      let k = 2;
      while (columns.has(`${q.id}_${k}`)) k++;
      warnings.push(`column id "${q.id}" already used: renamed ${q.id}_${k}`);
      q.id = `${q.id}_${k}`;
    }
    questions.push(q);
    columns.set(q.id, c);
  };

  // Which rows answered each option-flag group (any option non-empty).
  const groupAnswered = new Map<string, Uint8Array>();
  for (const c of lay.cols) {
    if (!c.flag) continue;
    let g = groupAnswered.get(c.flag.group);
    if (!g) groupAnswered.set(c.flag.group, (g = new Uint8Array(n)));
    const raw = t.columns[c.index]!;
    for (let k = 0; k < n; k++) {
      const v = raw[rows[k]!] ?? '';
      if (selected(v)) g[k] = 1;
    }
  }

  // Partial flags read raw cells: take them before the raw columns are released below.
  let partial: Float64Array | undefined;
  if (lay.partial) {
    partial = new Float64Array(n);
    for (let k = 0; k < n; k++) partial[k] = lay.partial(rows[k]!);
  }

  let idColumn: string | undefined;
  let dateColumn: string | undefined;
  // Each raw column is released once converted (memory on 1M-row files) unless the caller keeps the table.
  // A raw column read by several specs (问卷星 `其他〖…〗`: the option and its text) is released after the last.
  const uses = new Map<number, number>();
  for (const c of lay.cols) uses.set(c.index, (uses.get(c.index) ?? 0) + 1);
  const release = (c: number): void => {
    const left = (uses.get(c) ?? 1) - 1;
    uses.set(c, left);
    if (left <= 0 && !opts.keepTable && t.columns[c]) t.columns[c] = [];
  };
  for (const spec of lay.cols) {
    const raw = t.columns[spec.index] ?? [];
    const get = spec.map ? (k: number) => spec.map!(raw[rows[k]!] ?? '') : (k: number) => raw[rows[k]!] ?? '';
    if (spec.flag) {
      const answered = groupAnswered.get(spec.flag.group)!;
      const values = new Float64Array(n);
      for (let k = 0; k < n; k++) {
        const v = get(k).trim();
        values[k] = answered[k] ? (selected(v) ? 1 : 0) : NaN;
      }
      add({ id: spec.id, label: spec.label, type: 'multi', parent: spec.flag.group, option: spec.flag.option, source: spec.source }, { kind: 'num', values });
      release(spec.index);
      continue;
    }
    const inf = inferColumn(spec.id, spec.label, keptCells(raw, rows, spec.map, !opts.keepTable && raw.length > 0 && (uses.get(spec.index) ?? 1) <= 1), n, spec.joined ? { ...spec.hint, type: 'multi', keepText: true } : opts.dateFormat ? { ...spec.hint, dateOrder: opts.dateFormat } : spec.hint);
    warnings.push(...inf.warnings);
    const q = inf.question;
    if (spec.source !== undefined && spec.source !== q.id) q.source = spec.source;
    if (spec.parent) {
      q.parent = spec.parent;
      if (q.role === 'comment') delete q.role; // an "other, please specify" box is not the survey's comment
    }
    if (spec.option) q.option = spec.option;
    if (spec.index === lay.idIndex) {
      q.type = 'id';
      q.role = 'responseId';
      idColumn = q.id;
    }
    if (spec.index === lay.dateIndex) {
      q.role = 'date';
      dateColumn = q.id;
    }
    add(q, inf.column);
    if (spec.joined) splitMulti(q, inf.column, spec, add);
    release(spec.index);
  }

  harmoniseScales(questions);
  let partialColumn: string | undefined;
  if (partial) {
    const pq: Question = { id: '_partial', label: 'Partial response (1 = incomplete)', type: 'meta', role: 'partial' };
    add(pq, { kind: 'num', values: partial });
    partialColumn = pq.id;
  }
  if (!dateColumn) {
    const d = questions.find((q) => q.type === 'date' && q.role === undefined);
    if (d) {
      d.role = 'date';
      dateColumn = d.id;
    }
  }
  // One free-text question and none named as a comment: it is the comment.
  const texts = questions.filter((q) => q.type === 'text' && !q.parent);
  if (texts.length === 1 && !questions.some((q) => q.role === 'comment')) texts[0]!.role = 'comment';

  const exclusions = log.list();
  const survey: Survey = {
    source: [opts.file],
    platform: lay.platform,
    encoding: t.encoding,
    questions,
    columns,
    nRows: n,
    log: [],
  };
  if (idColumn) survey.idColumn = idColumn;
  if (dateColumn) survey.dateColumn = dateColumn;
  if (partialColumn) survey.partialColumn = partialColumn;
  const rowsRead = Math.max(0, t.height - lay.headerRows);
  survey.log.push({
    at: new Date().toISOString(),
    file: opts.file,
    platform: lay.platform,
    encoding: t.encoding,
    rowsRead,
    rowsKept: n,
    exclusions,
    warnings,
  });
  return { survey, exclusions, warnings };
}

function splitMulti(parent: Question, col: Column, spec: ColSpec, add: (q: Question, c: Column) => void): void {
  if (col.kind !== 'str') return;
  const sep = spec.joined!.sep;
  const order: string[] = [];
  const index = new Map(order.map((o, i) => [o, i]));
  // Answers repeat: split each distinct cell once and share the result (memory on 1M-row files).
  const cache = new Map<string, number[]>();
  const picks: (number[] | null)[] = col.values.map((v) => {
    if (v === null) return null;
    const hit = cache.get(v);
    if (hit) return hit;
    const res = splitJoined(v, sep).map((o) => {
      let i = index.get(o);
      if (i === undefined) {
        i = order.length;
        order.push(o);
        index.set(o, i);
      }
      return i;
    });
    if (cache.size < 100_000) cache.set(v, res);
    return res;
  });
  if (sep === '\u241f') {
    // A private separator (SurveyJS arrays): show the parent's answers joined the usual way.
    const pool = new Map<string, string>();
    col.values = col.values.map((v) => {
      if (v === null) return null;
      const s = v.split(sep).join('; ');
      return pool.get(s) ?? (pool.set(s, s), s);
    });
  }
  parent.type = 'multi';
  parent.choices = order.map((o) => ({ code: o, label: o }));
  delete parent.role;
  const n = col.values.length;
  order.forEach((o, j) => {
    const values = new Float64Array(n);
    for (let k = 0; k < n; k++) {
      const p = picks[k];
      values[k] = p === null || p === undefined ? NaN : p.includes(j) ? 1 : 0;
    }
    add({ id: `${parent.id}_${j + 1}`, label: `${parent.label} - ${o}`, type: 'multi', parent: parent.id, option: o }, { kind: 'num', values });
  });
}

export { cell };
