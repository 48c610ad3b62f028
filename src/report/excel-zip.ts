// Post-processing of finished OOXML packages (XLSX and PPTX are zip files):
//  - deterministic metadata: docProps/core.xml created/modified and every zip entry's timestamp are set
//    from the report's generatedAt (derived from the data, not the clock), entries are written in a fixed
//    order, so the same model gives the same bytes;
//  - XLSX: formula-like string cells get the quotePrefix style (xlsx-safe.ts);
//  - XLSX: extra parts (native charts, excel-chart.ts) can be added before the package is re-zipped.
// jszip is the zip library exceljs and pptxgenjs already use (a dependency of both).
import { writeFile, rename, unlink } from 'node:fs/promises';
import { markQuotePrefix, parseSharedStrings } from './xlsx-safe.js';
import { inputError } from '../ui/errors.js';

/** A parsed package: path → text for the XML parts we edit; other entries are kept as they are. */
export interface ZipParts {
  get(path: string): Promise<string | undefined>;
  set(path: string, text: string): void;
  getBytes(path: string): Promise<Uint8Array | undefined>;
  setBytes(path: string, bytes: Uint8Array): void;
  /** Drop a part from the package. */
  remove(path: string): void;
  list(): string[];
}

export type PackageHook = (parts: ZipParts) => Promise<void>;

/** The fixed date used for documents: generatedAt if it parses, else the Unix epoch + 1 day. */
export function fixedDate(generatedAt: string | undefined): Date {
  const d = generatedAt ? new Date(generatedAt) : new Date(NaN);
  // DOS zip timestamps cannot go before 1980
  if (Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1980) return new Date(Date.UTC(1980, 0, 1));
  return d;
}

function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Replace created/modified (and lastModifiedBy) in docProps/core.xml. */
export function fixCoreXml(xml: string, date: Date, title?: string): string {
  const iso = isoSeconds(date);
  let out = xml
    .replace(/(<dcterms:created\b[^>]*>)[^<]*(<\/dcterms:created>)/, `$1${iso}$2`)
    .replace(/(<dcterms:modified\b[^>]*>)[^<]*(<\/dcterms:modified>)/, `$1${iso}$2`)
    .replace(/<cp:lastModifiedBy>[^<]*<\/cp:lastModifiedBy>/, '<cp:lastModifiedBy>cx</cp:lastModifiedBy>')
    .replace(/<cp:lastModifiedBy\/>/, '<cp:lastModifiedBy>cx</cp:lastModifiedBy>');
  if (title !== undefined) {
    const t = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    if (/<dc:title>[^<]*<\/dc:title>|<dc:title\/>/.test(out)) {
      out = out.replace(/<dc:title>[^<]*<\/dc:title>|<dc:title\/>/, `<dc:title>${t}</dc:title>`);
    }
  }
  return out;
}

/**
 * Rewrite a finished package: fixed dates, optional quotePrefix marking (xlsx), optional hook to add or
 * change parts. Returns the new bytes.
 */
export async function finalizePackage(
  bytes: Buffer | Uint8Array | ArrayBuffer,
  opts: { date: Date; kind: 'xlsx' | 'pptx'; title?: string; hook?: PackageHook },
): Promise<Buffer> {
  const { default: JSZip } = await import('jszip');
  const zip = await JSZip.loadAsync(bytes);
  const edited = new Map<string, string | Uint8Array>();
  const removed = new Set<string>();
  const parts: ZipParts = {
    async get(p) {
      const e = edited.get(p);
      if (e !== undefined) return typeof e === 'string' ? e : new TextDecoder().decode(e);
      const f = zip.file(p);
      return f ? f.async('string') : undefined;
    },
    set(p, text) {
      removed.delete(p);
      edited.set(p, text);
    },
    async getBytes(p) {
      const e = edited.get(p);
      if (e !== undefined) return typeof e === 'string' ? new TextEncoder().encode(e) : e;
      const f = zip.file(p);
      return f ? f.async('uint8array') : undefined;
    },
    setBytes(p, bytes) {
      removed.delete(p);
      edited.set(p, bytes);
    },
    remove(p) {
      edited.delete(p);
      removed.add(p);
    },
    list() {
      const names = new Set(Object.keys(zip.files).filter((n) => !zip.files[n].dir));
      for (const k of edited.keys()) names.add(k);
      for (const k of removed) names.delete(k);
      return [...names].sort();
    },
  };

  const core = await parts.get('docProps/core.xml');
  if (core) parts.set('docProps/core.xml', fixCoreXml(core, opts.date, opts.title));

  if (opts.kind === 'xlsx') {
    let sst = await parts.get('xl/sharedStrings.xml');
    // Keep carriage returns in text: a raw CR would be normalised to LF by every XML reader.
    if (sst?.includes('\r')) {
      sst = sst.replace(/\r/g, '&#13;');
      parts.set('xl/sharedStrings.xml', sst);
    }
    const styles = await parts.get('xl/styles.xml');
    if (sst && styles) {
      const sheetNames = parts.list().filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
      const sheets = new Map<string, string>();
      for (const n of sheetNames) sheets.set(n, (await parts.get(n))!);
      const res = markQuotePrefix(styles, sheets, parseSharedStrings(sst));
      parts.set('xl/styles.xml', res.stylesXml);
      for (const [n, x] of res.sheets) if (x !== sheets.get(n)) parts.set(n, x);
    }
    // exceljs gives data-bar rules random GUIDs: number them instead (same bytes for the same model).
    let guidNo = 0;
    for (const n of parts.list().filter((p) => /^xl\/worksheets\/sheet\d+\.xml$/.test(p))) {
      const xml = (await parts.get(n))!;
      const ids = new Map<string, string>();
      const fixed = xml.replace(/(<x14:id>|<x14:cfRule\b[^>]*?\bid=")(\{[0-9A-Fa-f-]{36}\})/g, (_, pre: string, id: string) => {
        let v = ids.get(id);
        if (!v) {
          v = `{00000000-0000-4000-8000-${String(++guidNo).padStart(12, '0')}}`;
          ids.set(id, v);
        }
        return pre + v;
      });
      if (fixed !== xml) parts.set(n, fixed);
    }
  }
  if (opts.hook) await opts.hook(parts);
  // pptxgenjs lists chart parts in [Content_Types].xml in the order their async writers finish, which
  // varies from run to run: sort the Override entries so the same model always gives the same bytes.
  const types = await parts.get('[Content_Types].xml');
  if (types) {
    const sorted = sortOverrides(types);
    if (sorted !== types) parts.set('[Content_Types].xml', sorted);
  }

  // Re-zip in a fixed order with fixed timestamps. [Content_Types].xml first (some readers expect it).
  const out = new JSZip();
  const names = parts.list().sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  for (const n of names) {
    const content = edited.has(n) ? edited.get(n)! : await zip.file(n)!.async('uint8array');
    out.file(n, content, { date: opts.date, createFolders: false });
  }
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'UNIX' });
}

/** `<Override PartName=…/>` elements in part-name order (numbers compared as numbers), in place. */
export function sortOverrides(xml: string): string {
  const re = /<Override\b[^>]*\/>/g;
  const all = xml.match(re) ?? [];
  const key = (el: string) => /PartName="([^"]*)"/.exec(el)?.[1] ?? '';
  const sorted = [...all].sort((a, b) => key(a).localeCompare(key(b), 'en', { numeric: true }));
  let i = 0;
  return xml.replace(re, () => sorted[i++]!);
}

/** Write bytes to `<out>.tmp-<pid>` then rename, so no half-written report is ever left at `out`. */
export async function writeAtomic(outPath: string, bytes: Buffer): Promise<void> {
  const tmp = `${outPath}.tmp-${process.pid}`;
  try {
    await writeFile(tmp, bytes);
    await rename(tmp, outPath);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if (['EACCES', 'EPERM', 'ENOENT', 'ENOTDIR', 'EISDIR', 'EROFS', 'ENOSPC'].includes(code)) {
      throw inputError(
        `Cannot write the report to ${outPath} (${code}): check that the folder exists and is writable, or pass another -o path.`,
        `无法将报告写入 ${outPath}（${code}）：请确认目录存在且可写，或用 -o 指定其他路径。`,
      );
    }
    throw e;
  }
}
