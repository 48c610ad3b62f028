// `--sheet` and `--include-preview` on every command that can take a raw export (issue 9, item 7): the
// options are added here once, after the commands registered themselves, and handed to loadInput through
// setRawReadDefaults (one command runs per process; the runner sets or clears them for each command).
import type { Command } from 'commander';
import { helpZh } from './help-lang.js';

const RAW_INPUT_COMMANDS = ['import', 'export', 'score', 'tab', 'kano', 'servqual', 'drivers', 'code', 'sentiment', 'themes', 'redact', 'report', 'init', 'describe'];

export function register(program: Command): void {
  const zh = helpZh();
  for (const cmd of program.commands) {
    if (!RAW_INPUT_COMMANDS.includes(cmd.name())) continue;
    const has = (flag: string) => cmd.options.some((o) => o.long === flag);
    if (!has('--sheet')) cmd.option('--sheet <name>', zh ? 'XLSX 工作表（原始导出文件；默认：有表头的最大表格）' : 'XLSX sheet to read from a raw export (default: the largest table with a header)');
    if (!has('--include-preview')) cmd.option('--include-preview', zh ? '保留预览/测试/垃圾答卷（原始导出文件）' : 'keep preview/test/spam responses (raw exports)');
    if (!has('--date-format')) cmd.option('--date-format <order>', zh ? '日期的日/月顺序：dmy（05/03 = 3月5日）| mdy | ymd（原始导出文件；默认按整列判断）' : 'day/month order of dates: dmy (05/03 = 5 March) | mdy | ymd (raw exports; default: decided from the whole column)');
  }
}

/** The --date-format value (or cx.yaml `dateFormat`) as an order; a bad value is refused with the choices. */
export async function dateFormatOption(text: string | undefined, configFile?: string): Promise<'ymd' | 'dmy' | 'mdy' | undefined> {
  const { dateOrderOf } = await import('../ingest/platforms/dates.js');
  const { inputError } = await import('../ui/errors.js');
  if (text !== undefined) {
    const o = dateOrderOf(text);
    if (!o) throw inputError(`--date-format must be dmy, mdy or ymd (e.g. dmy for 05/03/2026 = 5 March), not "${text}".`, `--date-format 应为 dmy、mdy 或 ymd（如 dmy 表示 05/03/2026 = 3月5日），而不是 "${text}"。`);
    return o;
  }
  const { findConfig, loadConfig } = await import('../config/load.js');
  if (!configFile && !findConfig()) return undefined;
  try {
    const cfg = loadConfig(configFile);
    return cfg.dateFormat ? dateOrderOf(cfg.dateFormat) : undefined;
  } catch {
    return undefined; // a broken cx.yaml is reported by the command that reads it (or fixed by cx init)
  }
}

/** Hands the running command's raw-input options to loadInput. */
export async function applyRawInputOptions(cmd: Command): Promise<void> {
  const own = cmd.opts() as { sheet?: unknown; includePreview?: unknown; dateFormat?: unknown; config?: unknown };
  const { setRawReadDefaults } = await import('../dataset/load.js');
  setRawReadDefaults({
    sheet: typeof own.sheet === 'string' ? own.sheet : undefined,
    includePreview: own.includePreview === true,
    dateFormat: await dateFormatOption(typeof own.dateFormat === 'string' ? own.dateFormat : undefined, typeof own.config === 'string' ? own.config : undefined),
  });
}
