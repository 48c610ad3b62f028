// QA text-3: commander's own parse errors in Chinese with --lang zh. The English inputs are the exact
// strings commander 14.0.3 builds (node_modules/commander/lib/command.js, option.js, suggestSimilar.js).
import { describe, expect, it } from 'vitest';
import { Command, Option } from 'commander';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { commanderErrorZh, useChineseCommanderErrors } from '../../src/cli/commander-zh.js';

describe('commanderErrorZh', () => {
  it('translates the common messages and keeps the names', () => {
    expect(commanderErrorZh("error: required option '-o, --output <file>' not specified\n")).toBe("错误：缺少必需的选项 '-o, --output <file>'。\n");
    expect(commanderErrorZh("error: missing required argument 'input'\n")).toBe("错误：缺少必需的参数 'input'。\n");
    expect(commanderErrorZh("error: option '--top <n>' argument missing\n")).toBe("错误：选项 '--top <n>' 缺少取值。\n");
    expect(commanderErrorZh("error: option '--lang <lang>' argument 'fr' is invalid. Allowed choices are en, zh, auto.\n")).toBe(
      "错误：选项 '--lang <lang>' 的取值 'fr' 无效。可选值：en, zh, auto。\n",
    );
    expect(commanderErrorZh("error: unknown option '--outptu'\n(Did you mean --output?)\n")).toBe("错误：未知选项 '--outptu'。\n（是否想用 --output？）\n");
    expect(commanderErrorZh("error: unknown command 'scroe'\n(Did you mean one of score, servqual?)\n")).toBe(
      "错误：未知命令 'scroe'。\n（是否想用以下之一：score, servqual？）\n",
    );
    expect(commanderErrorZh("error: too many arguments for 'redact'. Expected 1 argument but got 2.\n")).toBe("错误：命令 'redact' 的参数过多：应为 1 个，实际 2 个。\n");
    expect(commanderErrorZh("error: option '--a' cannot be used with option '--b'\n")).toBe("错误：选项 '--a' 不能与 选项 '--b' 同时使用。\n");
  });
  it('leaves an unknown message unchanged', () => {
    expect(commanderErrorZh('something else\n')).toBe('something else\n');
  });
  it('is hooked into every subcommand of a program', async () => {
    let err = '';
    const program = new Command().exitOverride().configureOutput({ writeErr: (s) => (err += s) });
    program.command('redact').argument('<input>').requiredOption('-o, --output <file>').action(() => undefined);
    program.addOption(new Option('--lang <lang>').choices(['en', 'zh', 'auto']));
    program.commands.forEach((c) => c.exitOverride());
    useChineseCommanderErrors(program);
    await expect(program.parseAsync(['node', 'cx', 'redact', 'in.csv'])).rejects.toThrow();
    expect(err).toBe("错误：缺少必需的选项 '-o, --output <file>'。\n");
    err = '';
    await expect(program.parseAsync(['node', 'cx', '--lang', 'fr', 'redact', 'x', '-o', 'y'])).rejects.toThrow();
    expect(err).toBe("错误：选项 '--lang <lang>' 的取值 'fr' 无效。可选值：en, zh, auto。\n");
  });
  it('cx redact without -o: Chinese with --lang zh, English otherwise, exit 2 both (QA text-3)', () => {
    const root = path.resolve(__dirname, '../..');
    const run = (args: string[]) =>
      spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1', LANG: 'C', LC_ALL: 'C' } });
    const zh = run(['redact', 'fixtures/comments/sample.csv', '--lang', 'zh']);
    expect(zh.status).toBe(2);
    expect(zh.stderr).toBe("错误：缺少必需的选项 '-o, --output <file>'。\n");
    const en = run(['redact', 'fixtures/comments/sample.csv']);
    expect(en.status).toBe(2);
    expect(en.stderr).toBe("error: required option '-o, --output <file>' not specified\n");
  });
});
