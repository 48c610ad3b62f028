// `--sheet` and `--include-preview` on every command that can take a raw export (issue 9, item 7): the
// options are added here once, after the commands registered themselves, and handed to loadInput through
// setRawReadDefaults (one command runs per process; the runner sets or clears them for each command).
import type { Command } from 'commander';
import { helpZh } from './help-lang.js';

const RAW_INPUT_COMMANDS = ['export', 'score', 'tab', 'kano', 'servqual', 'drivers', 'code', 'sentiment', 'themes', 'redact', 'report', 'init', 'describe'];

export function register(program: Command): void {
  const zh = helpZh();
  for (const cmd of program.commands) {
    if (!RAW_INPUT_COMMANDS.includes(cmd.name())) continue;
    const has = (flag: string) => cmd.options.some((o) => o.long === flag);
    if (!has('--sheet')) cmd.option('--sheet <name>', zh ? 'XLSX 工作表（原始导出文件；默认：有表头的最大表格）' : 'XLSX sheet to read from a raw export (default: the largest table with a header)');
    if (!has('--include-preview')) cmd.option('--include-preview', zh ? '保留预览/测试/垃圾答卷（原始导出文件）' : 'keep preview/test/spam responses (raw exports)');
  }
}
