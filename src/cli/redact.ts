// `cx redact <input> [--text COL] -o OUT`: replace e-mails, phone numbers, Chinese ID-card numbers,
// payment-card numbers and URLs in free-text columns with [EMAIL] [PHONE] [ID] [CARD] [URL].
import type { Command } from 'commander';
import { runner } from './run.js';
import { renderTable } from '../ui/table.js';

interface RedactOpts {
  text?: string;
  output?: string;
  format?: string;
}

export function register(program: Command): void {
  program
    .command('redact')
    .description('remove personal data (e-mail, phone, ID card, bank card, URL) from comments / 去除评论中的个人信息')
    .argument('<input>', 'dataset directory, survey export, CSV of comments, or a .txt file with one comment per line')
    .option('--text <cols>', 'free-text column(s) to redact, comma-separated (default: every free-text column)')
    .requiredOption('-o, --output <file>', 'redacted copy: .csv, .xlsx, .jsonl (all columns), or .txt for a .txt input')
    .option('--format <fmt>', 'output format when the file name does not say: csv | xlsx | jsonl')
    .action((input: string, opts: RedactOpts, cmd: Command) =>
      runner(cmd, async (ctx) => {
        const out = opts.output!;
        const { guardOutput } = await import('../dataset/write.js');
        guardOutput(out, [{ path: input, what: 'input', whatZh: '输入' }]);
        const { loadComments, findTextColumn } = await import('../text/code.js');
        const { redactSurvey, writeRedacted } = await import('../text/redact.js');
        const survey = await loadComments(input);
        let cols: string[];
        if (opts.text) cols = opts.text.split(',').map((c) => findTextColumn(survey, c.trim(), input));
        else {
          cols = survey.questions.filter((q) => q.type === 'text' && survey.columns.has(q.id)).map((q) => q.id);
          if (!cols.length) cols = [findTextColumn(survey, undefined, input)];
        }
        const result = redactSurvey(survey, cols);
        await writeRedacted(survey, result, out, opts.format);
        const json = { input, output: out, columns: cols, rows: survey.nRows, cellsChanged: result.cellsChanged, counts: result.counts, total: result.total };
        ctx.emit(json, () => {
          const c = result.counts;
          const table = renderTable(
            [ctx.t('Kind', '类型'), ctx.t('Replaced', '替换数')],
            [['[EMAIL]', c.email], ['[PHONE]', c.phone], ['[ID]', c.id], ['[CARD]', c.card], ['[URL]', c.url], [ctx.t('total', '合计'), result.total]],
            ['left', 'right'],
          );
          return ctx.t(
            `Redacted ${cols.join(', ')} in ${survey.nRows} rows (${result.cellsChanged} cells changed); wrote ${out}.\n${table}`,
            `已处理 ${survey.nRows} 行的 ${cols.join('、')} 列（${result.cellsChanged} 个单元格有改动），已写入 ${out}。\n${table}`,
          );
        });
      }),
    );
}
