// `cx redact <input> [--text COL] [--columns SPEC] -o OUT`: replace personal data in free-text columns with
// placeholders ([EMAIL] [PHONE] [ID] [CARD] [URL] [IP] [QQ] [WECHAT] [ORDER] [NAME]), and mask or drop whole
// PII columns (IP, e-mail, phone, name …) in the written copy.
import type { Command } from 'commander';
import { runner } from './run.js';
import { renderTable } from '../ui/table.js';
import { inputError } from '../ui/errors.js';
import type { Survey } from '../dataset/types.js';

interface RedactOpts {
  text?: string;
  output?: string;
  format?: string;
  columns?: string;
}

/** A column by id or question text, for --columns; exit 2 listing the columns otherwise. */
function columnNamed(s: Survey, name: string, input: string): string {
  if (s.columns.has(name)) return name;
  const low = name.toLowerCase();
  const q = s.questions.find((x) => s.columns.has(x.id) && (x.id.toLowerCase() === low || x.label.trim().toLowerCase() === low || (x.source ?? '').trim().toLowerCase() === low));
  if (q) return q.id;
  const ids = [...s.columns.keys()];
  const list = ids.slice(0, 20).join(', ') + (ids.length > 20 ? ', …' : '');
  throw inputError(`${input}: no column "${name}" for --columns; columns are: ${list}.`, `${input}：没有列“${name}”（--columns）；现有列：${list}。`);
}

export function register(program: Command): void {
  program
    .command('redact')
    .description('remove personal data (e-mail, phone, ID, card, URL, IP, QQ, WeChat) from comments; mask or drop PII columns / 去除评论中的个人信息，屏蔽或删除个人信息列')
    .argument('<input>', 'dataset directory, survey export, CSV of comments, or a .txt file with one comment per line')
    .option('--text <cols>', 'free-text column(s) to redact, comma-separated (default: every free-text column)')
    .option('--columns <spec>', 'whole columns to mask or drop: COL[:mask|:drop],… or "auto" (the PII columns cx describe proposes: IP, e-mail, phone, name …); default action mask')
    .requiredOption('-o, --output <file>', 'redacted copy: .csv, .xlsx, .jsonl (all columns), or .txt for a .txt input')
    .option('--format <fmt>', 'output format when the file name does not say: csv | xlsx | jsonl')
    .action((input: string, opts: RedactOpts, cmd: Command) =>
      runner(cmd, async (ctx) => {
        const out = opts.output!;
        const { guardOutput } = await import('../dataset/write.js');
        guardOutput(out, [{ path: input, what: 'input', whatZh: '输入' }]);
        const { loadComments, findTextColumn } = await import('../text/code.js');
        const { redactSurvey, writeRedacted, piiColumns, REDACT_KINDS, PLACEHOLDER } = await import('../text/redact.js');
        const survey = await loadComments(input);
        const whole: { column: string; action: 'mask' | 'drop' }[] = [];
        if (opts.columns) {
          for (const part of opts.columns.split(',').map((x) => x.trim()).filter(Boolean)) {
            const m = /^(.*?)(?::(mask|drop))?$/i.exec(part)!;
            const action = (m[2]?.toLowerCase() ?? 'mask') as 'mask' | 'drop';
            if (m[1]!.toLowerCase() === 'auto') {
              const found = piiColumns(survey);
              if (!found.length) ctx.warn(`--columns auto: no column header looks like personal data (IP, e-mail, phone, name …); nothing masked as a whole.`, `--columns auto：没有列名像个人信息（IP、邮箱、电话、姓名等），未整列屏蔽。`);
              for (const f of found) whole.push({ column: f.column, action });
              continue;
            }
            whole.push({ column: columnNamed(survey, m[1]!.trim(), input), action });
          }
        }
        let cols: string[];
        if (opts.text) cols = opts.text.split(',').map((c) => findTextColumn(survey, c.trim(), input));
        else {
          cols = survey.questions.filter((q) => q.type === 'text' && survey.columns.has(q.id)).map((q) => q.id);
          if (!cols.length) cols = [findTextColumn(survey, undefined, input)];
        }
        const wholeSet = new Set(whole.map((w) => w.column));
        cols = cols.filter((c) => !wholeSet.has(c));
        const result = redactSurvey(survey, cols, whole);
        await writeRedacted(survey, result, out, opts.format);
        const json = {
          input, output: out, columns: cols, rows: survey.nRows, cellsChanged: result.cellsChanged, counts: result.counts, total: result.total,
          maskedColumns: result.masked, droppedColumns: [...result.dropped],
        };
        ctx.emit(json, () => {
          const c = result.counts;
          const table = renderTable(
            [ctx.t('Kind', '类型'), ctx.t('Replaced', '替换数')],
            [...REDACT_KINDS.map((k) => [PLACEHOLDER[k], c[k]]), [ctx.t('total', '合计'), result.total]],
            ['left', 'right'],
          );
          const whole = [
            result.masked.length ? ctx.t(`Masked whole columns: ${result.masked.join(', ')}.`, `整列屏蔽：${result.masked.join('、')}。`) : '',
            result.dropped.size ? ctx.t(`Dropped columns: ${[...result.dropped].join(', ')}.`, `已删除列：${[...result.dropped].join('、')}。`) : '',
          ].filter(Boolean).join(' ');
          return ctx.t(
            `Redacted ${cols.join(', ') || '(no text column)'} in ${survey.nRows} rows (${result.cellsChanged} cells changed); wrote ${out}.${whole ? ' ' + whole : ''}\n${table}`,
            `已处理 ${survey.nRows} 行的 ${cols.join('、') || '（无文本列）'} 列（${result.cellsChanged} 个单元格有改动），已写入 ${out}。${whole ? whole : ''}\n${table}`,
          );
        });
      }),
    );
}
