// Codeframe entry points: read + validate + compile a file, or compile text (tests, other commands).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CxError } from '../../ui/errors.js';
import { compileCodeframe, formatIssue, type CompiledCodeframe } from './compile.js';
import { parseCodeframeText } from './parse.js';
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
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
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
  return compileCodeframeText(text, path.basename(file) === file ? file : file);
}
