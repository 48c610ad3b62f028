// `cx code <input> --codeframe FILE [--text COL] [--by COL] [-o OUT]`: multi-label coding of open comments.
import type { Command } from 'commander';
import { runner } from './run.js';
import { inputError } from '../ui/errors.js';
import type { Ctx } from './context.js';
import { renderTable } from '../ui/table.js';
import type { CodeResult } from '../text/code.js';
import type { Survey } from '../dataset/types.js';

interface CodeOpts {
  codeframe?: string;
  text?: string;
  by?: string;
  output?: string;
  format?: string;
  sentiment?: boolean;
  headers?: string;
}

export function register(program: Command): void {
  program
    .command('code')
    .description('code open comments with a codeframe (multi-label; nets, per-code sentiment) / 用编码框架给开放题评论编码')
    .argument('<input>', 'dataset directory, survey export, CSV of comments, or a .txt file with one comment per line')
    .requiredOption('--codeframe <file>', 'codeframe file: YAML, JSON, CSV/TSV or XLSX (see fixtures/codeframes/)')
    .option('--text <col>', 'comment column (default: the comment/longest-text column)')
    .option('--by <col>', 'break the summary down by a column, or nps_group (promoters/passives/detractors)')
    .option('-o, --output <file>', 'write one row per response: id, 0/1 per code and net, sentiment (.csv, .xlsx, .jsonl)')
    .option('--format <fmt>', 'output format when the file name does not say: csv | xlsx | jsonl')
    .option('--headers <style>', 'code column headers: ids (code_101) or names ("101 Late delivery")', 'ids')
    .option('--no-sentiment', 'skip sentiment scoring')
    .action((input: string, opts: CodeOpts, cmd: Command) =>
      runner(cmd, async (ctx) => {
        const { loadCodeframeFile } = await import('../text/codeframe/index.js');
        const { codeSurvey, codedTable, loadComments } = await import('../text/code.js');
        if (opts.headers !== 'ids' && opts.headers !== 'names') {
          throw inputError(`--headers must be ids or names (got "${opts.headers}").`, `--headers 只能是 ids 或 names（收到“${opts.headers}”）。`);
        }
        const out = opts.output ? await outputFormat(opts.output, opts.format, input) : undefined;
        if (out) {
          const { guardOutput } = await import('../dataset/write.js');
          guardOutput(out.path, [
            { path: input, what: 'input', whatZh: '输入' },
            { path: opts.codeframe, what: 'codeframe', whatZh: '编码框架' },
          ]);
        }
        const cf = await loadCodeframeFile(opts.codeframe!);
        const survey = await loadComments(input);
        await warnIfCategory(ctx, survey, opts.text, input);
        const { result, rows, ids } = await codeSurvey(survey, cf, { text: opts.text, by: opts.by, sentiment: opts.sentiment !== false, file: input });
        if (out) {
          const { writeTable } = await import('../dataset/write.js');
          const { strAt } = await import('../dataset/types.js');
          const col = survey.columns.get(result.textColumn)!;
          const texts = Array.from({ length: survey.nRows }, (_, i) => strAt(col, i));
          const t = codedTable(cf, rows, ids, result.sentiment, opts.headers as 'ids' | 'names', texts, result.textColumn);
          await writeTable(out.path, t.header, t.rows, { format: out.format });
          ctx.info(`Wrote ${rows.length} rows to ${out.path}.`, `已将 ${rows.length} 行写入 ${out.path}。`);
        }
        ctx.emit({ ...result, output: out?.path ?? null }, () => human(ctx, result));
      }),
    );
}

/** Warn when the comment column (given or picked) looks like a category (QA text-1). */
async function warnIfCategory(ctx: Ctx, survey: Survey, text: string | undefined, input: string): Promise<void> {
  const { findTextColumn } = await import('../text/code.js');
  const { chooseTextColumn } = await import('../text/column-check.js');
  const { warning } = chooseTextColumn(survey, text, input, findTextColumn);
  if (warning) ctx.warn(warning.en, warning.zh);
}

async function outputFormat(file: string, format: string | undefined, input: string): Promise<{ path: string; format: 'csv' | 'xlsx' | 'jsonl' }> {
  const { formatFromPath } = await import('../dataset/write.js');
  const f = format ?? formatFromPath(file);
  if (f !== 'csv' && f !== 'xlsx' && f !== 'jsonl') {
    throw inputError(`cannot tell the output format of ${file}: use .csv, .xlsx or .jsonl, or --format.`, `无法判断 ${file} 的输出格式：请用 .csv、.xlsx 或 .jsonl 结尾，或加 --format。`);
  }
  return { path: file, format: f };
}

function pct(x: number): string {
  return Number.isFinite(x) ? x.toFixed(1) : '–';
}

function human(ctx: Ctx, r: CodeResult): string {
  const head = [ctx.t('Code', '编码'), 'n', '%'];
  if (r.sentiment) head.push(ctx.t('mean sentiment', '平均情感'), ctx.t('+ / 0 / −', '正/中/负'));
  const rows = r.codes.map((c) => {
    const name = `${'  '.repeat(c.level)}${c.net ? '▸ ' : ''}${c.id} ${c.name}`;
    const row: (string | number)[] = [name, c.count, pct(c.pct)];
    if (r.sentiment) {
      const s = c.sentiment;
      row.push(s && c.count ? (Number.isFinite(s.meanScore) ? s.meanScore.toFixed(2) : '–') : '–', s && c.count ? `${s.positive} / ${s.neutral} / ${s.negative}` : '–');
    }
    return row;
  });
  const parts = [
    ctx.t(
      `${r.codeframe.name}: ${r.base} comments coded of ${r.n} rows (column ${r.textColumn}; segmenter ${r.segmenter})${r.noComment ? `; ${r.noComment} answers that say nothing (无, n/a, "-") left out` : ''}. % = share of respondents with a comment; a net counts a respondent once.`,
      `${r.codeframe.name}：共 ${r.n} 行，其中 ${r.base} 条评论已编码（列 ${r.textColumn}；分词器 ${r.segmenter}）${r.noComment ? `；${r.noComment} 条无实际内容的回答（无、n/a、“-”）未计入` : ''}。% = 占有评论受访者的比例；合并类（net）每位受访者只计一次。`,
    ),
    renderTable(head, rows, ['left', 'right', 'right', 'right', 'right']),
  ];
  if (r.by) {
    const b = r.by;
    const bh = [ctx.t('Code', '编码'), ...b.groups.map((g) => `${g.letter}: ${g.key} (n=${g.base})`)];
    const br = b.codes.map((c, k) => [
      `${'  '.repeat(r.codes[k]!.level)}${c.id} ${c.name}`,
      ...c.pcts.map((p, j) => `${pct(p)}${c.letters[j] ? ' ' + c.letters[j] : ''}`),
    ]);
    parts.push(
      ctx.t(`By ${b.column} (% of respondents with a comment; letters: significantly higher than that column, z-test, Bonferroni, α = ${b.alpha}):`,
        `按 ${b.column} 分组（占有评论受访者的 %；字母表示显著高于该列，z 检验，Bonferroni 校正，α = ${b.alpha}）：`),
      renderTable(bh, br, ['left', ...b.groups.map(() => 'right' as const)]),
    );
    if (b.groups.some((g) => g.base < 30)) parts.push(ctx.t('Note: groups with n < 30 are unstable.', '注意：n < 30 的分组结果不稳定。'));
  }
  return parts.join('\n');
}
