// Dataset directory = survey.json + one binary file per column ("cx-columns" format, described in
// survey.json `format`). Parquet (hyparquet-writer) was measured first: 1.7–3.7 s to write 4 columns of a
// million rows, i.e. ~10–20 s for a 25-column import, against ~0.1 s for raw column files; so the store
// keeps columns in a layout that loads without decoding, and `cx export --format parquet` writes Parquet
// for other tools. Column files:
//   num          c<k>.f64            Float64 little-endian, NaN = missing
//   str / dict   c<k>.codes + c<k>.dict.json   Uint32 codes (0 = missing, j = dict[j-1])
//   str / utf8   c<k>.len + c<k>.utf8          Int32 byte lengths (-1 = missing) + the UTF-8 bytes
// Only the columns a command asks for are read (`loadDataset(dir, { columns })`).
import { LazyColumns } from './lazy-columns.js';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { makeDirs, outputPathError } from './write.js';
import { endianness } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import type { Column, Question, StrColumn, Survey } from './types.js';
import { inputError } from '../ui/errors.js';
import { columnEpochMs } from './period.js';

export const FORMAT_NAME = 'cx-columns';
export const FORMAT_VERSION = 1;
const MANIFEST = 'survey.json';

export interface StoredColumn {
  id: string;
  kind: 'num' | 'str';
  encoding: 'f64' | 'dict' | 'utf8';
  file: string;
  /** Date columns: `<file>.ms.f64` holds each row's wall-clock time in ms since 1970 (as UTC), NaN = missing. */
  epochMs?: boolean;
}

export interface Manifest {
  format: { name: string; version: number; endian: 'le'; description: string };
  platform: string;
  encoding?: string;
  source: string[];
  nRows: number;
  idColumn?: string;
  dateColumn?: string;
  waveColumn?: string;
  partialColumn?: string;
  waves?: string[];
  questions: Question[];
  columns: StoredColumn[];
  log: Survey['log'];
  updatedAt: string;
}

export interface LoadDatasetOptions {
  /** Only these columns (ids, or source headers/labels that name one column). */
  columns?: string[];
}

export function isDataset(dir: string): boolean {
  return existsSync(join(dir, MANIFEST));
}

function notDataset(dir: string): never {
  throw inputError(
    `${dir}: is a directory but not a cx dataset (no survey.json); give an export file or a directory made by cx import.`,
    `${dir}：是目录但不是 cx 数据集（没有 survey.json）；请给出导出文件或 cx import 生成的目录。`,
  );
}

export function readManifest(dir: string): Manifest {
  const p = join(dir, MANIFEST);
  if (!existsSync(p)) notDataset(dir);
  let m: Manifest;
  try {
    m = JSON.parse(readFileSync(p, 'utf8')) as Manifest;
  } catch {
    throw inputError(`${p}: survey.json is not valid JSON; import the data again.`, `${p}：survey.json 不是有效的 JSON；请重新导入数据。`);
  }
  if (m?.format?.name !== FORMAT_NAME || m.format.version > FORMAT_VERSION) {
    throw inputError(
      `${p}: unknown dataset format ${JSON.stringify(m?.format?.name)} v${m?.format?.version}; import the data again with this cx.`,
      `${p}：未知的数据集格式；请用当前版本的 cx 重新导入数据。`,
    );
  }
  validateManifest(p, m);
  return m;
}

/** Plain file-name stem for a column file: no folder part, no "..", no leading dot. */
const PLAIN_FILE = /^[A-Za-z0-9_][A-Za-z0-9_-]{0,63}$/;

/**
 * A survey.json comes from disk and may be hostile: a column file named "../victim" would make cx read
 * outside the dataset folder, a negative or huge nRows would allocate wildly. Checked before any file is read.
 */
function validateManifest(p: string, m: Manifest): void {
  const bad = (what: string, whatZh: string): never => {
    throw inputError(
      `${p}: ${what}; this survey.json was not written by cx import, import the data again.`,
      `${p}：${whatZh}；该 survey.json 不是 cx import 生成的，请重新导入数据。`,
    );
  };
  const v = m.format.version;
  if (!Number.isInteger(v) || v < 1) bad(`format version ${JSON.stringify(v)} is not a version number`, `格式版本 ${JSON.stringify(v)} 无效`);
  if (!Number.isSafeInteger(m.nRows) || m.nRows < 0) bad(`nRows ${JSON.stringify(m.nRows)} is not a row count`, `nRows ${JSON.stringify(m.nRows)} 不是有效的行数`);
  if (!Array.isArray(m.columns)) bad('"columns" is not a list', '"columns" 不是列表');
  if (!Array.isArray(m.questions)) bad('"questions" is not a list', '"questions" 不是列表');
  for (const c of m.columns) {
    if (!c || typeof c !== 'object' || typeof c.id !== 'string') bad('a column entry has no id', '某个列条目缺少 id');
    if (typeof c.file !== 'string' || !PLAIN_FILE.test(c.file))
      bad(`column "${c.id}" names the file ${JSON.stringify(c.file)}, which is not a plain file name inside the dataset folder`, `列“${c.id}”的文件名 ${JSON.stringify(c.file)} 不是数据集文件夹内的普通文件名`);
  }
}

// ---- column files ------------------------------------------------------------------------------

/** A typed-array view of a file's bytes (no copy when the Buffer is suitably aligned). */
function view<T>(buf: Buffer, bytesPer: number, make: (b: ArrayBufferLike, off: number, len: number) => T): T {
  if (buf.byteLength % bytesPer !== 0) throw new Error('length');
  if (buf.byteOffset % bytesPer === 0) return make(buf.buffer, buf.byteOffset, buf.byteLength / bytesPer);
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return make(copy.buffer, 0, buf.byteLength / bytesPer);
}

type FastBuffer = Buffer & { utf8Slice?: (s: number, e: number) => string };

function readColumnFiles(dir: string, sc: StoredColumn, nRows: number): Column {
  const path = (ext: string) => join(dir, `${sc.file}.${ext}`);
  if (sc.epochMs && sc.kind === 'str') {
    // A date column: the stored times are read now; the texts only when something asks for them.
    let epochMs: Float64Array;
    try {
      epochMs = view(readFileSync(path('ms.f64')), 8, (b, o, l) => new Float64Array(b, o, l));
      if (epochMs.length !== nRows) throw new Error('length');
    } catch {
      throw damaged(dir, sc);
    }
    let texts: (string | null)[] | undefined;
    const col = {
      kind: 'str' as const,
      epochMs,
      get values(): (string | null)[] {
        if (texts === undefined) texts = (readColumnFiles(dir, { ...sc, epochMs: false }, nRows) as { values: (string | null)[] }).values;
        return texts;
      },
      set values(v: (string | null)[]) {
        texts = v;
        delete (col as { epochMs?: Float64Array }).epochMs; // changed texts: the stored times no longer apply
      },
    };
    return col;
  }
  try {
    if (sc.kind === 'num') {
      const values = view(readFileSync(path('f64')), 8, (b, o, l) => new Float64Array(b, o, l));
      if (values.length !== nRows) throw new Error('length');
      return { kind: 'num', values };
    }
    if (sc.encoding === 'dict') {
      const dict = JSON.parse(readFileSync(path('dict.json'), 'utf8')) as unknown;
      const codes = view(readFileSync(path('codes')), 4, (b, o, l) => new Uint32Array(b, o, l));
      if (codes.length !== nRows || !Array.isArray(dict) || !dict.every((x) => typeof x === 'string')) throw new Error('damaged');
      for (let i = 0; i < nRows; i++) if (codes[i]! > dict.length) throw new Error('damaged');
      return dictColumn(codes, dict as string[]);
    }
    const values = new Array<string | null>(nRows);
    const lens = view(readFileSync(path('len')), 4, (b, o, l) => new Int32Array(b, o, l));
    const bytes = readFileSync(path('utf8')) as FastBuffer;
    const slice = typeof bytes.utf8Slice === 'function' ? (a: number, b: number) => bytes.utf8Slice!(a, b) : (a: number, b: number) => bytes.toString('utf8', a, b);
    if (lens.length !== nRows) throw new Error('length');
    let off = 0;
    for (let i = 0; i < nRows; i++) {
      const l = lens[i]!;
      if (l < 0) values[i] = null;
      else {
        values[i] = slice(off, off + l);
        off += l;
      }
    }
    return { kind: 'str', values };
  } catch {
    throw damaged(dir, sc);
  }
}

/**
 * A dictionary-encoded column: the codes are kept (grouping reads them directly) and the texts are made on
 * first use of `values`. From then on `values` is a plain property of the column (loops over rows read it
 * without a getter call, as for any other column) and the codes are dropped, since the texts may now be
 * changed or replaced.
 */
class DictColumn implements StrColumn {
  readonly kind = 'str' as const;
  dict?: { codes: Uint32Array; values: string[] };
  constructor(codes: Uint32Array, dict: string[]) {
    this.dict = { codes, values: dict };
  }
  get values(): (string | null)[] {
    const { codes, values: dict } = this.dict!;
    const n = codes.length;
    const out = new Array<string | null>(n);
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      out[i] = c === 0 ? null : dict[c - 1]!;
    }
    this.settle(out);
    return out;
  }
  set values(v: (string | null)[]) {
    this.settle(v);
  }
  private settle(texts: (string | null)[]): void {
    this.dict = undefined;
    Object.defineProperty(this, 'values', { value: texts, writable: true, enumerable: true, configurable: true });
  }
}

function dictColumn(codes: Uint32Array, dict: string[]): Column {
  return new DictColumn(codes, dict);
}

function damaged(dir: string, sc: StoredColumn) {
  return inputError(
    `${dir}: the file for column "${sc.id}" is missing or damaged; import the data again.`,
    `${dir}：列“${sc.id}”的数据文件缺失或损坏；请重新导入数据。`,
  );
}

/** Cheap integrity check at load time (sizes only, no reads), so a damaged dataset fails before any work. */
function checkColumnFiles(dir: string, sc: StoredColumn, nRows: number): void {
  const size = (ext: string) => statSync(join(dir, `${sc.file}.${ext}`)).size;
  try {
    const ok =
      sc.kind === 'num'
        ? size('f64') === nRows * 8
        : sc.encoding === 'dict'
          ? size('codes') === nRows * 4 && size('dict.json') > 0
          : size('len') === nRows * 4 && size('utf8') >= 0;
    if (ok && (!sc.epochMs || size('ms.f64') === nRows * 8)) return;
  } catch {
    // fall through to the error below
  }
  throw inputError(
    `${dir}: the file for column "${sc.id}" is missing or damaged; import the data again.`,
    `${dir}：列“${sc.id}”的数据文件缺失或损坏；请重新导入数据。`,
  );
}

/** `preferDict` false: free text, ids and timestamps, whose values rarely repeat, skip the dictionary attempt. */
function writeColumnFiles(dir: string, file: string, col: Column, nRows: number, preferDict = true): StoredColumn['encoding'] {
  const path = (ext: string) => join(dir, `${file}.${ext}`);
  if (col.kind === 'num') {
    const v = col.values.length === nRows ? col.values : col.values.subarray(0, nRows);
    writeFileSync(path('f64'), new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    return 'f64';
  }
  const vals = col.values;
  const dict = new Map<string, number>();
  const limit = Math.max(1000, Math.min(nRows >> 2, 65535));
  const codes = new Uint32Array(nRows);
  let isDict = preferDict;
  for (let i = 0; isDict && i < nRows; i++) {
    const s = vals[i];
    if (s == null) continue;
    let c = dict.get(s);
    if (c === undefined) {
      if (dict.size >= limit) {
        isDict = false;
        break;
      }
      c = dict.size + 1;
      dict.set(s, c);
    }
    codes[i] = c;
  }
  if (isDict) {
    writeFileSync(path('codes'), new Uint8Array(codes.buffer));
    writeFileSync(path('dict.json'), JSON.stringify([...dict.keys()]));
    return 'dict';
  }
  // One encoding pass: a UTF-16 code unit takes at most 3 UTF-8 bytes, so a buffer of 3 × the characters
  // always fits (its untouched tail is never paged in) and each write returns the value's byte length.
  const lens = new Int32Array(nRows);
  let chars = 0;
  for (let i = 0; i < nRows; i++) {
    const s = vals[i];
    if (s != null) chars += s.length;
  }
  const out = Buffer.allocUnsafe(chars * 3) as Buffer & { utf8Write?: (s: string, off: number) => number };
  // Buffer#utf8Write skips write()'s argument handling.
  const write: (s: string, off: number) => number =
    typeof out.utf8Write === 'function' ? (s, o) => out.utf8Write!(s, o) : (s, o) => out.write(s, o, 'utf8');
  let off = 0;
  for (let i = 0; i < nRows; i++) {
    const s = vals[i];
    if (s == null) lens[i] = -1;
    else off += lens[i] = write(s, off);
  }
  writeFileSync(path('len'), new Uint8Array(lens.buffer));
  writeFileSync(path('utf8'), out.subarray(0, off));
  return 'utf8';
}

// ---- load / save --------------------------------------------------------------------------------

/** Map requested names (id, source header or label) to stored column ids; unknown names are ignored. */
function resolveColumns(m: Manifest, wanted: string[]): Set<string> {
  const ids = new Set(m.columns.map((c) => c.id));
  const out = new Set<string>();
  for (const w of wanted) {
    if (ids.has(w)) {
      out.add(w);
      continue;
    }
    const q = m.questions.find((x) => x.source === w || x.label === w) ?? m.questions.find((x) => x.id.toLowerCase() === w.toLowerCase());
    if (q && ids.has(q.id)) out.add(q.id);
  }
  return out;
}

export async function loadDataset(dir: string, opts: LoadDatasetOptions = {}): Promise<Survey> {
  if (!statSync(dir).isDirectory()) notDataset(dir);
  const m = readManifest(dir);
  if (endianness() !== 'LE') throw inputError(`${dir}: cx datasets need a little-endian machine.`, `${dir}：cx 数据集需要小端序机器。`);
  const want = opts.columns ? resolveColumns(m, opts.columns) : undefined;
  // Columns are read on first use: commands pay only for the columns they touch.
  const stored = m.columns.filter((sc) => !want || want.has(sc.id));
  for (const sc of stored) checkColumnFiles(dir, sc, m.nRows);
  const columns = new LazyColumns(stored.map((sc) => [sc.id, () => readColumnFiles(dir, sc, m.nRows)]));
  return {
    source: m.source,
    platform: m.platform,
    encoding: m.encoding,
    questions: m.questions,
    columns,
    nRows: m.nRows,
    idColumn: m.idColumn,
    dateColumn: m.dateColumn,
    waveColumn: m.waveColumn,
    partialColumn: m.partialColumn,
    log: m.log,
    waves: m.waves,
  };
}

/**
 * Write `survey` as the dataset at `dir`, atomically: everything is built in a temporary directory beside
 * the target and renamed into place; an existing dataset there is replaced only after the new one is
 * complete. On failure nothing is left behind.
 */
export function saveDataset(dir: string, survey: Survey): void {
  const target = resolve(dir);
  const parent = dirname(target);
  try {
    makeDirs(parent);
  } catch (e) {
    throw outputPathError(dir, e);
  }
  if (existsSync(target) && !(statSync(target).isDirectory() && isDataset(target))) {
    throw inputError(
      `${dir}: already exists and is not a cx dataset; choose another -o directory.`,
      `${dir}：已存在且不是 cx 数据集；请用 -o 另选目录。`,
    );
  }
  const tmp = join(parent, `.${basename(target)}.tmp-${process.pid}`);
  try {
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp);
  } catch (e) {
    throw outputPathError(dir, e);
  }
  try {
    const stored: StoredColumn[] = [];
    let k = 0;
    for (const q of survey.questions) {
      const col = survey.columns.get(q.id);
      if (!col) continue;
      const file = `c${k++}`;
      const preferDict = q.type !== 'text' && q.type !== 'id' && q.type !== 'date';
      const sc: StoredColumn = { id: q.id, kind: col.kind, encoding: writeColumnFiles(tmp, file, col, survey.nRows, preferDict), file };
      if (q.type === 'date' && col.kind === 'str') {
        // Parsed once here, so `--period` never re-parses the texts (issue 9: 1M rows).
        const ms = col.epochMs && col.epochMs.length === survey.nRows ? col.epochMs : columnEpochMs(col.values.length === survey.nRows ? col.values : col.values.slice(0, survey.nRows));
        writeFileSync(join(tmp, `${file}.ms.f64`), new Uint8Array(ms.buffer, ms.byteOffset, ms.byteLength));
        sc.epochMs = true;
      }
      stored.push(sc);
    }
    const manifest: Manifest = {
      format: {
        name: FORMAT_NAME,
        version: FORMAT_VERSION,
        endian: 'le',
        description:
          'One file set per column: <file>.f64 (Float64 LE, NaN = missing); <file>.codes (Uint32 LE, 0 = missing) + <file>.dict.json; or <file>.len (Int32 LE byte lengths, -1 = missing) + <file>.utf8. Date columns (epochMs) also have <file>.ms.f64: wall-clock ms since 1970 read as UTC, NaN = missing.',
      },
      platform: survey.platform,
      encoding: survey.encoding,
      source: survey.source,
      nRows: survey.nRows,
      idColumn: survey.idColumn,
      dateColumn: survey.dateColumn,
      waveColumn: survey.waveColumn,
      partialColumn: survey.partialColumn,
      waves: survey.waves,
      questions: survey.questions,
      columns: stored,
      log: survey.log,
      updatedAt: new Date().toISOString(),
    };
    writeFileSync(join(tmp, MANIFEST), JSON.stringify(manifest, null, 1));
    if (existsSync(target)) {
      const old = join(parent, `.${basename(target)}.old-${process.pid}`);
      rmSync(old, { recursive: true, force: true });
      renameSync(target, old);
      try {
        renameSync(tmp, target);
      } catch (e) {
        renameSync(old, target);
        throw e;
      }
      rmSync(old, { recursive: true, force: true });
    } else renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
