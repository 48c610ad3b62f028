// Codeframe entry points: read + validate + compile a file, or compile text (tests, other commands).
import { readFileSync } from 'node:fs';
import { CxError } from '../../ui/errors.js';
import { assertNotSpecial } from '../../dataset/file-guard.js';
import { compileCodeframe, formatIssue, type CompiledCodeframe } from './compile.js';
import { parseCodeframeText, parseFlatRows } from './parse.js';
import type { CodeframeIssue } from './types.js';

export { Matcher, prepareComment, type CodeMatch, type PreparedComment } from './match.js';
export type { CompiledCodeframe, CCode } from './compile.js';
export type { CodeframeIssue, CodeDef, CodeframeDef } from './types.js';
export { formatIssue } from './compile.js';

/** Parse + validate + compile without throwing: the issues list is empty when the codeframe is usable. */
export function checkCodeframeText(text: string, file: string): { codeframe: CompiledCodeframe | null; issues: CodeframeIssue[] } {
  const parsed = parseCodeframeText(text, file);
  if (parsed.issues.length) return { codeframe: null, issues: parsed.issues };
  return compileCodeframe(parsed.def);
}

/** Error (exit 2) listing the first issues, each naming file, line, code id and term. */
export function codeframeError(issues: CodeframeIssue[]): CxError {
  const shown = issues.slice(0, 5).map(formatIssue);
  const more = issues.length > 5 ? ` (+${issues.length - 5} more)` : '';
  const en = `Invalid codeframe: ${shown.join('; ')}${more}. Fix the codeframe file and run again.`;
  const zh = `编码框架有误：${shown.join('；')}${more}。请修改编码框架文件后重试。`;
  return new CxError({ en, zh }, 2);
}

export function compileCodeframeText(text: string, file = 'codeframe.yaml'): CompiledCodeframe {
  const { codeframe, issues } = checkCodeframeText(text, file);
  if (!codeframe) throw codeframeError(issues);
  return codeframe;
}

/** Read a codeframe file (.yaml/.yml/.json/.csv); exit 2 with a clear message when unreadable or invalid. */
export function loadCodeframe(file: string): CompiledCodeframe {
  assertNotSpecial(file, 'codeframe');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CxError(
      {
        en: `Cannot read codeframe ${file}${code === 'ENOENT' ? ': no such file' : ''}. Give a YAML, JSON or CSV codeframe with --codeframe.`,
        zh: `无法读取编码框架 ${file}${code === 'ENOENT' ? '：文件不存在' : ''}。请用 --codeframe 指定 YAML、JSON 或 CSV 编码框架。`,
      },
      2,
    );
  }
  return compileCodeframeText(decodeText(bytes), file);
}

/**
 * Codeframe bytes as text: UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030/GBK — what Excel
 * on a Chinese Windows saves as "CSV" — when the bytes are not valid UTF-8.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/**
 * Like loadCodeframe, and also reads the flat form from the first sheet of an .xlsx workbook (the
 * codeframe people keep in Excel; row numbers stand in for lines).
 */
export async function loadCodeframeFile(file: string): Promise<CompiledCodeframe> {
  if (!/\.xlsx$/i.test(file)) return loadCodeframe(file);
  assertNotSpecial(file, 'codeframe');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return loadCodeframe(file); // same "cannot read" message
  }
  const { readXlsx } = await import('../../ingest/read/xlsx.js');
  const t = await readXlsx(bytes, { file });
  const rows = Array.from({ length: t.height }, (_, r) => t.columns.map((col) => col[r] ?? ''));
  const parsed = parseFlatRows(rows, file);
  const { codeframe, issues } = parsed.issues.length ? { codeframe: null, issues: parsed.issues } : compileCodeframe(parsed.def);
  if (!codeframe) throw codeframeError(issues);
  return codeframe;
}
