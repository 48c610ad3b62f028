// Writes a report in the chosen format: Markdown (+ SVG charts next to it), self-contained HTML, XLSX or
// PPTX (the office renderers, imported lazily). Every file is written to `<out>.tmp-<pid>` then renamed.
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { makeDirs, outputPathError } from '../dataset/write.js';
import path from 'node:path';
import { inputError } from '../ui/errors.js';
import type { ReportFormat } from '../config/schema.js';
import type { ReportModel } from './model.js';
import { loadTemplate, renderTemplate, type ChartRef } from './markdown.js';

export interface RenderOptions {
  format: ReportFormat;
  /** Built-in name or path of a .liquid file (md/html only). */
  template: string;
  /** Output path; undefined = return the text (md/html only). */
  out?: string;
  /** Draw SVG charts (md: files next to the report; html: inline). Default true. */
  charts?: boolean;
}

export interface RenderResult {
  /** The rendered text (md/html) when no output path was given. */
  text?: string;
  /** Files written. */
  files: string[];
}

function unwritable(file: string, e: unknown): Error {
  const code = (e as NodeJS.ErrnoException)?.code ?? '';
  const known = outputPathError(file, e);
  if (known !== e) return known as Error;
  return inputError(
    `${file}: cannot write the report (${code || (e as Error).message}); choose another -o path or check permissions.`,
    `${file}：无法写入报告（${code || (e as Error).message}）；请换一个 -o 路径或检查权限。`,
  );
}

/** Writes bytes/text atomically (temp file in the same directory, then rename). */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // nothing was written
    }
    throw unwritable(file, e);
  }
}

/** The format implied by an output file name, if any. */
export function formatFromPath(out: string | undefined): ReportFormat | undefined {
  const ext = out ? path.extname(out).toLowerCase() : '';
  return ext === '.md' || ext === '.markdown' ? 'md' : ext === '.html' || ext === '.htm' ? 'html' : ext === '.xlsx' ? 'xlsx' : ext === '.pptx' ? 'pptx' : undefined;
}

/** Charts each built-in template shows (user templates get every chart). */
const TEMPLATE_CHARTS: Record<string, string[]> = { weekly: ['trend', 'segments', 'themes', 'journey'] };

async function svgCharts(model: ReportModel, template: string) {
  const { renderChartSvgs } = await import('./charts.js');
  return renderChartSvgs(model, { lang: model.meta.lang, only: TEMPLATE_CHARTS[template] });
}

export async function renderReport(model: ReportModel, o: RenderOptions): Promise<RenderResult> {
  const lang = model.meta.lang;
  if (o.format === 'xlsx' || o.format === 'pptx') {
    if (!o.out)
      throw inputError(`--format ${o.format} needs an output file: add -o report.${o.format}.`, `--format ${o.format} 需要输出文件：请加上 -o report.${o.format}。`);
    ensureDir(o.out);
    if (o.format === 'xlsx') {
      const { renderExcel } = await import('./excel.js');
      await guardWrite(o.out, () => renderExcel(model, o.out!, { lang }));
    } else {
      const { renderPptx } = await import('./pptx.js');
      await guardWrite(o.out, () => renderPptx(model, o.out!, { lang }));
    }
    return { files: [o.out] };
  }

  const tpl = loadTemplate(o.template, lang);
  const files: string[] = [];
  if (o.format === 'html') {
    const svgs = o.charts === false ? [] : await svgCharts(model, o.template);
    const refs: ChartRef[] = svgs.map((c) => ({ id: c.id, title: c.title, file: `cx-chart:${c.id}` }));
    const md = await renderTemplate(model, tpl, refs);
    const { markdownToHtml } = await import('./html.js');
    const html = markdownToHtml(md, { title: model.meta.title, lang, svgs: new Map(svgs.map((c) => [c.id, c.svg])) });
    if (!o.out) return { text: html, files };
    ensureDir(o.out);
    writeFileAtomic(o.out, html);
    return { files: [o.out] };
  }

  // Markdown: charts as SVG files in `<stem>-charts/` beside the report (only when writing to a file).
  let refs: ChartRef[] = [];
  if (o.out && o.charts !== false) {
    ensureDir(o.out);
    const svgs = await svgCharts(model, o.template);
    if (svgs.length) {
      const stem = path.basename(o.out).replace(/\.[^.]+$/, '');
      const dirName = `${stem}-charts`;
      const dir = path.join(path.dirname(o.out), dirName);
      try {
        makeDirs(dir);
      } catch (e) {
        throw unwritable(dir, e);
      }
      for (const c of svgs) {
        const f = path.join(dir, c.file);
        writeFileAtomic(f, c.svg);
        files.push(f);
      }
      refs = svgs.map((c) => ({ id: c.id, title: c.title, file: `${dirName}/${c.file}` }));
    }
  }
  const md = await renderTemplate(model, tpl, refs);
  if (!o.out) return { text: md, files };
  writeFileAtomic(o.out, md);
  files.unshift(o.out);
  return { files };
}

function ensureDir(file: string): void {
  const dir = path.dirname(path.resolve(file));
  try {
    makeDirs(dir);
  } catch (e) {
    throw unwritable(file, e);
  }
}

async function guardWrite(file: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code && /^E(ACCES|PERM|NOENT|ROFS|ISDIR|NOTDIR|EXIST)$/.test(code)) throw unwritable(file, e);
    throw e;
  }
}
