// The cx command-line program. Command modules are imported statically but must stay light:
// heavy libraries (exceljs, pptxgenjs, vega, jieba, wink, liquidjs, hyparquet) are imported inside actions.
import { Command, CommanderError, Option } from 'commander';
import { CxError } from '../ui/errors.js';
import { detectLang } from '../ui/lang.js';
import { reportError } from './run.js';
import { commands } from './commands.js';
import { helpZh, langFromArgv } from './help-lang.js';
import { VERSION } from './version.js';
import { useChineseCommanderErrors } from './commander-zh.js';

export function buildProgram(): Command {
  const program = new Command();
  const zh = helpZh();
  program
    .name('cx')
    .description(
      zh
        ? 'cx：客户体验研究工具——导入问卷导出文件，计算 NPS/CSAT/CES、Kano、SERVQUAL、关键驱动因素，编码开放题与情感，生成报告。'
        : 'cx: customer-experience research toolkit: import survey exports; NPS/CSAT/CES, Kano, SERVQUAL, key drivers; code open comments and sentiment; write reports.',
    )
    .version(VERSION, '-V, --version')
    .option('--json', zh ? '以 JSON 输出（数字不取整）' : 'machine-readable JSON on stdout (numbers unrounded)')
    .addOption(
      new Option('--lang <lang>', zh ? '界面语言（cx sentiment 中亦为评论语言）' : 'language of messages and reports (for cx sentiment also the comments\' language)').choices(['en', 'zh', 'auto']),
    )
    .option('-q, --quiet', zh ? '不输出提示信息' : 'no progress or info messages')
    .option('--debug', zh ? '出错时显示堆栈' : 'show stack traces on errors')
    .option('--no-color', zh ? '不使用颜色' : 'no colour')
    .showHelpAfterError(false)
    .exitOverride();
  for (const register of commands) register(program);
  if (zh) useChineseCommanderErrors(program);
  return program;
}


/** `cx … | head` closes stdout early: stop quietly, as Unix tools do, instead of an unhandled EPIPE stack. */
function quietOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    process.stderr.write(`cx: cannot write to stdout: ${e.message}\n`);
    process.exit(3);
  });
}

export async function main(argv: string[]): Promise<number> {
  quietOnClosedPipe();
  const program = buildProgram();
  const applyOverride = (c: Command) => {
    c.exitOverride();
    c.commands.forEach(applyOverride);
  };
  applyOverride(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      if (err.code === 'commander.executeSubCommandAsync') return 0;
      return 2; // commander already printed the one-line reason
    }
    return reportError(err, detectLang(langFromArgv(argv)), argv.includes('--debug'));
  }
}
