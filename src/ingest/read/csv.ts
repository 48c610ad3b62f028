// Hand-written RFC-4180 CSV/TSV reader on UTF-8 bytes (the import hot path). It scans bytes, jumps over
// quoted fields with Buffer#indexOf, decodes each field once, and interns short repeated values per column
// (ratings, codes, regions), so a million-row export keeps one string per distinct short value.
// Lenient where real exports are messy (a stray quote inside an unquoted field is kept as text; text after
// a closing quote is appended), strict where data would be lost (an unterminated quote is an error that
// names the row and line).
import { progressNote } from '../../ui/progress.js';
import type { RawTable } from './table.js';
import { inputError } from '../../ui/errors.js';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
const INTERN_MAX_BYTES = 32;
const INTERN_MAX_ENTRIES = 20000;

export interface CsvReadOptions {
  file: string;
  encoding: string;
  delimiter?: string;
}

/** Guess the delimiter among , ; tab | from the first records (quotes honoured). */
export function sniffDelimiter(buf: Buffer): string {
  const cands = [0x2c, 0x3b, 0x09, 0x7c];
  const limit = Math.min(buf.length, 1 << 16);
  const counts: number[][] = [];
  let cur = [0, 0, 0, 0];
  let inQ = false;
  for (let i = 0; i < limit && counts.length < 30; i++) {
    const b = buf[i]!;
    if (b === QUOTE) inQ = !inQ;
    else if (!inQ) {
      if (b === LF) {
        counts.push(cur);
        cur = [0, 0, 0, 0];
      } else {
        const k = cands.indexOf(b);
        if (k >= 0) cur[k]!++;
      }
    }
  }
  if (counts.length === 0 || cur.some((x) => x > 0)) counts.push(cur);
  let best = 0;
  let bestScore = -1;
  for (let k = 0; k < cands.length; k++) {
    const head = counts[0]![k]!;
    if (head === 0) continue;
    let same = 0;
    for (const c of counts) if (c[k] === head) same++;
    const score = same * 1e6 + head;
    if (score > bestScore) {
      bestScore = score;
      best = k;
    }
  }
  return String.fromCharCode(cands[best]!);
}

function lineOf(buf: Buffer, pos: number): number {
  let line = 1;
  let p = -1;
  while ((p = buf.indexOf(LF, p + 1)) >= 0 && p < pos) line++;
  return line;
}

type FastBuffer = Buffer & { utf8Slice?: (s: number, e: number) => string };

/**
 * One column's pool of short cell values: an open-addressing hash table keyed by the field's bytes (no
 * per-lookup allocation, unlike a Map of objects). Equal byte strings return the one string instance.
 * The table starts small and doubles, so a column of a few distinct ratings stays in the CPU cache.
 */
class InternTable {
  private slots = new Int32Array(2 * 64); // pairs (hash, entry index + 1); index 0 = free
  private mask = 63;
  private readonly offs = new Int32Array(INTERN_MAX_ENTRIES + 1);
  private readonly strs: string[] = [];
  private pool = new Uint8Array(1 << 10);
  size = 0;
  misses = 0;

  /** The interned string for buf[s, e) with hash h, or undefined (then the caller decodes and may `add`). */
  find(buf: Uint8Array, s: number, e: number, h: number): string | undefined {
    const slots = this.slots;
    const mask = this.mask;
    const len = e - s;
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const x = slots[2 * i + 1]!;
      if (x === 0) return undefined;
      if (slots[2 * i] !== h) continue;
      const k = x - 1;
      const o = this.offs[k]!;
      if (this.offs[k + 1]! - o !== len) continue;
      const pool = this.pool;
      let j = 0;
      while (j < len && pool[o + j] === buf[s + j]) j++;
      if (j === len) return this.strs[k];
    }
  }

  /** Remember buf[s, e) as `v` (call only after `find` missed); false once the table is full. */
  add(buf: Uint8Array, s: number, e: number, h: number, v: string): boolean {
    if (this.size >= INTERN_MAX_ENTRIES) return false;
    const k = this.size++;
    const o = this.offs[k]!;
    const len = e - s;
    if (o + len > this.pool.length) {
      const grown = new Uint8Array(Math.max(this.pool.length * 2, o + len));
      grown.set(this.pool);
      this.pool = grown;
    }
    this.pool.set(buf.subarray(s, e), o);
    this.offs[k + 1] = o + len;
    this.strs.push(v);
    if (2 * this.size > this.mask) this.grow();
    this.place(h, k);
    return true;
  }

  private place(h: number, k: number): void {
    const slots = this.slots;
    let i = h & this.mask;
    while (slots[2 * i + 1] !== 0) i = (i + 1) & this.mask;
    slots[2 * i] = h;
    slots[2 * i + 1] = k + 1;
  }

  /** Double the slots and re-place every entry (load factor stays under 1/2). */
  private grow(): void {
    const old = this.slots;
    this.mask = this.mask * 2 + 1;
    this.slots = new Int32Array(2 * (this.mask + 1));
    for (let i = 0; i < old.length; i += 2) if (old[i + 1] !== 0) this.place(old[i]!, old[i + 1]! - 1);
  }
}

class Incomplete {}
const INCOMPLETE = new Incomplete();

/**
 * A CSV parser fed with chunks of UTF-8 bytes. `push(chunk, final)` parses every complete record and
 * returns how many bytes it consumed; the caller carries the rest (an incomplete last record) over to the
 * next chunk. Cells go straight into pre-sized column arrays.
 */
export class CsvParser {
  readonly cols: string[][] = [];
  private readonly interns: (InternTable | undefined)[] = [];
  readonly raggedRows: number[] = [];
  width = 0;
  row = 0;
  private headerCount = -1;
  private cap: number;
  private readonly D: number;

  constructor(
    readonly delimiter: string,
    private readonly file: string,
    expectedRows: number,
  ) {
    this.D = delimiter.charCodeAt(0);
    this.cap = Math.max(16, expectedRows);
  }

  private newColumn(): void {
    const arr = new Array<string>(Math.max(this.cap, this.row + 1));
    for (let r = 0; r < this.row; r++) arr[r] = '';
    this.cols.push(arr);
    this.interns.push(new InternTable());
    this.width++;
  }

  /** Parse the complete records of `buf`; returns the offset where an incomplete record starts (or buf.length). */
  push(buf: Buffer, final: boolean, lineBase = 0): number {
    const D = this.D;
    const n = buf.length;
    const fb = buf as FastBuffer;
    // Buffer#utf8Slice skips toString's argument handling (a third of the decode time on short fields).
    const slice: (s: number, e: number) => string =
      typeof fb.utf8Slice === 'function' ? (s, e) => fb.utf8Slice!(s, e) : (s, e) => buf.toString('utf8', s, e);
    const cols = this.cols;
    const interns = this.interns;
    let col = 0;
    let lastNonEmpty = -1;
    let pos = 0;
    let recStart = 0;

    /** Short field [s, e) with byte hash h: one shared string per distinct value in the column. */
    const intern = (s: number, e: number, h: number): string => {
      const m = interns[col];
      if (m === undefined) return slice(s, e);
      const hit = m.find(buf, s, e, h);
      if (hit !== undefined) return hit;
      const v = slice(s, e);
      // A full table of values that never repeat (ids, timestamps): stop interning this column.
      if (!m.add(buf, s, e, h, v) && ++m.misses > INTERN_MAX_ENTRIES) interns[col] = undefined;
      return v;
    };

    try {
      while (pos < n && (buf[pos] === LF || buf[pos] === CR)) pos++;
      recStart = pos;
      while (pos < n) {
        let value: string;
        if (buf[pos] === QUOTE) {
          const s = pos + 1;
          let p = s;
          let doubled = false;
          for (;;) {
            const q = buf.indexOf(QUOTE, p);
            if (q < 0 || (q + 1 >= n && !final)) {
              if (!final) throw INCOMPLETE;
              const line = lineBase + lineOf(buf, pos);
              throw inputError(
                `${this.file}: row ${this.row + 1} (line ${line}), column ${col + 1}: a quoted field is never closed; fix the quote or export the file again.`,
                `${this.file}：第 ${this.row + 1} 行（文件第 ${line} 行）第 ${col + 1} 列：引号没有闭合；请修正引号或重新导出文件。`,
              );
            }
            if (buf[q + 1] === QUOTE) {
              doubled = true;
              p = q + 2;
              continue;
            }
            if (doubled) value = slice(s, q).replaceAll('""', '"');
            else if (q === s) value = '';
            else if (q - s <= INTERN_MAX_BYTES) {
              let h = 0;
              for (let k = s; k < q; k++) h = (Math.imul(h, 31) + buf[k]!) | 0;
              value = intern(s, q, h);
            } else value = slice(s, q);
            pos = q + 1;
            break;
          }
          if (pos < n) {
            const b = buf[pos];
            if (b !== D && b !== LF && b !== CR) {
              let e = pos;
              while (e < n && buf[e] !== D && buf[e] !== LF && buf[e] !== CR) e++;
              if (e >= n && !final) throw INCOMPLETE;
              value += slice(pos, e);
              pos = e;
            }
          }
        } else {
          // Scan to the field end, hashing the bytes on the way (only short fields use the hash).
          let e = pos;
          let h = 0;
          while (e < n) {
            const c = buf[e]!;
            if (c === D || c === LF || c === CR) break;
            h = (Math.imul(h, 31) + c) | 0;
            e++;
          }
          if (e >= n && !final) throw INCOMPLETE;
          if (e === pos) value = '';
          else if (e - pos <= INTERN_MAX_BYTES) value = intern(pos, e, h);
          else value = slice(pos, e);
          pos = e;
        }
        // Store the field.
        if (col >= this.width) this.newColumn();
        cols[col]![this.row] = value;
        if (value !== '') lastNonEmpty = col;
        col++;
        if (pos >= n) {
          if (!final) throw INCOMPLETE;
          break;
        }
        const b = buf[pos];
        if (b === D) {
          pos++;
          if (pos < n && buf[pos] !== LF && buf[pos] !== CR) continue;
          if (pos >= n && !final) throw INCOMPLETE;
          // A delimiter right before the line end (or EOF): one more empty field.
          if (col >= this.width) this.newColumn();
          cols[col]![this.row] = '';
          col++;
          if (pos >= n) break;
        }
        // End of record: CR, LF or CRLF; blank lines are skipped. A CR at the chunk end may precede an LF.
        while (pos < n && (buf[pos] === LF || buf[pos] === CR)) pos++;
        this.endRow(col, lastNonEmpty);
        col = 0;
        lastNonEmpty = -1;
        recStart = pos;
      }
      if (col > 0) {
        this.endRow(col, lastNonEmpty);
        recStart = n;
      }
      return n;
    } catch (e) {
      if (e === INCOMPLETE) return recStart;
      throw e;
    }
  }

  private endRow(col: number, lastNonEmpty: number): void {
    const row = this.row;
    if ((row & 0xffff) === 0 && row > 0) progressNote(`${this.file}: ${row.toLocaleString('en-US')} rows read`, `${this.file}：已读取 ${row.toLocaleString('en-US')} 行`);
    for (let c = col; c < this.width; c++) this.cols[c]![row] = '';
    if (this.headerCount < 0) this.headerCount = col;
    else if (col < this.headerCount || lastNonEmpty >= this.headerCount) this.raggedRows.push(row + 1);
    this.row++;
  }

  finish(encoding: string): RawTable {
    const cols = this.cols;
    let width = this.width;
    for (const c of cols) c.length = this.row;
    // Drop trailing columns that are empty everywhere, header included (trailing delimiters).
    while (width > 0 && cols[width - 1]!.every((v) => v === '')) {
      cols.pop();
      width--;
    }
    return {
      file: this.file,
      format: this.delimiter === '\t' ? 'tsv' : 'csv',
      encoding,
      delimiter: this.delimiter,
      height: this.row,
      width,
      columns: cols,
      raggedRows: this.raggedRows,
    };
  }
}

/** Rows expected in `total` bytes, from the line density of a sample (over-estimates: newlines in quotes). */
export function estimateRows(sample: Buffer, total: number): number {
  let lines = 1;
  for (let p = sample.indexOf(LF, 0); p >= 0; p = sample.indexOf(LF, p + 1)) lines++;
  return sample.length >= total ? lines + 1 : Math.ceil((total / Math.max(1, sample.length)) * lines * 1.1) + 16;
}

/**
 * Excel's `sep=;` first line (written by Excel and by tools that target it): names the delimiter and is not
 * the header. Returns the delimiter and the byte length of the line with its line end, or undefined.
 */
export function sepLine(buf: Uint8Array): { delimiter: string; skip: number } | undefined {
  // s e p = X [" ,] \r? \n ; also quoted: "sep=;"
  let i = 0;
  if (buf[0] === QUOTE) i = 1;
  if (buf.length < i + 5) return undefined;
  const lower = (k: number) => buf[k]! | 0x20;
  if (lower(i) !== 0x73 || lower(i + 1) !== 0x65 || lower(i + 2) !== 0x70 || buf[i + 3] !== 0x3d) return undefined;
  const d = buf[i + 4]!;
  let k = i + 5;
  if (d === LF || d === CR) return undefined;
  if (i === 1 && buf[k] === QUOTE) k++;
  while (k < buf.length && buf[k] !== LF && buf[k] !== CR) {
    // Only trailing delimiters (a spreadsheet padding the row) may follow.
    if (buf[k] !== d && buf[k] !== 0x2c && buf[k] !== 0x3b && buf[k] !== 0x09) return undefined;
    k++;
  }
  if (buf[k] === CR) k++;
  if (buf[k] === LF) k++;
  return { delimiter: String.fromCharCode(d), skip: k };
}

/** Parse UTF-8 CSV bytes (no BOM) held in memory into a columnar RawTable. */
export function parseCsv(buf: Buffer, opts: CsvReadOptions): RawTable {
  const sep = sepLine(buf);
  if (sep) buf = buf.subarray(sep.skip);
  const p = new CsvParser(opts.delimiter ?? sep?.delimiter ?? sniffDelimiter(buf), opts.file, estimateRows(buf.subarray(0, 1 << 18), buf.length));
  p.push(buf, true);
  const t = p.finish(opts.encoding);
  if (sep) t.sepLine = true;
  return t;
}
