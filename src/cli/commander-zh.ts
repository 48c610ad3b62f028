// Chinese versions of commander's own parse errors (missing required option or argument, invalid choice,
// unknown option/command, too many arguments): commander prints them in English before cx sees them, so
// with --lang zh they are translated in commander's `outputError` hook. Unknown messages pass unchanged.
import type { Command } from 'commander';

type Rule = [RegExp, (m: RegExpExecArray) => string];

const opt = (s: string) => s.replace(/^option '/, "选项 '").replace(/^environment variable '([^']+)' value '([^']*)'/, "环境变量 '$1' 的值 '$2'");

/** "Allowed choices are a, b." and custom InvalidArgumentError reasons that follow commander's sentence. */
function reason(rest: string): string {
  const s = rest.trim();
  if (!s) return '';
  const choices = /^Allowed choices are (.+)\.$/.exec(s);
  return choices ? `可选值：${choices[1]}。` : s;
}

const RULES: Rule[] = [
  [/^error: required option '(.+)' not specified$/, (m) => `错误：缺少必需的选项 '${m[1]}'。`],
  [/^error: missing required argument '(.+)'$/, (m) => `错误：缺少必需的参数 '${m[1]}'。`],
  [/^error: option '(.+)' argument missing$/, (m) => `错误：选项 '${m[1]}' 缺少取值。`],
  [/^error: option '(.+?)' argument '(.*)' is invalid\.(.*)$/s, (m) => `错误：选项 '${m[1]}' 的取值 '${m[2]}' 无效。${reason(m[3]!)}`],
  [/^error: option '(.+?)' value '(.*)' from env '(.+)' is invalid\.(.*)$/s, (m) => `错误：环境变量 ${m[3]} 给选项 '${m[1]}' 的值 '${m[2]}' 无效。${reason(m[4]!)}`],
  [/^error: command-argument value '(.*)' is invalid for argument '(.+?)'\.(.*)$/s, (m) => `错误：参数 '${m[2]}' 的取值 '${m[1]}' 无效。${reason(m[3]!)}`],
  [/^error: unknown option '(.+)'$/, (m) => `错误：未知选项 '${m[1]}'。`],
  [/^error: unknown command '(.+)'$/, (m) => `错误：未知命令 '${m[1]}'。`],
  [
    /^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/,
    (m) => `错误：${m[1] ? `命令 '${m[1]}' 的` : ''}参数过多：应为 ${m[2]} 个，实际 ${m[3]} 个。`,
  ],
  [/^error: (.+) cannot be used with (.+)$/, (m) => `错误：${opt(m[1]!)} 不能与 ${opt(m[2]!)} 同时使用。`],
];

/** The Chinese text of one commander error message (as passed to `outputError`, with its newline). */
export function commanderErrorZh(message: string): string {
  const nl = message.endsWith('\n') ? '\n' : '';
  let body = nl ? message.slice(0, -1) : message;
  let hint = '';
  const did = /\n\(Did you mean (one of )?(.+)\?\)$/.exec(body);
  if (did) {
    body = body.slice(0, did.index);
    hint = did[1] ? `\n（是否想用以下之一：${did[2]}？）` : `\n（是否想用 ${did[2]}？）`;
  }
  for (const [re, zh] of RULES) {
    const m = re.exec(body);
    if (m) return zh(m) + hint + nl;
  }
  return message;
}

/**
 * Show commander's parse errors in Chinese on `program` and all its subcommands (call after every command
 * is registered). Keeps any writeErr already configured.
 */
export function useChineseCommanderErrors(program: Command): void {
  const apply = (c: Command) => {
    c.configureOutput({ outputError: (str, write) => write(commanderErrorZh(str)) });
    c.commands.forEach(apply);
  };
  apply(program);
}
