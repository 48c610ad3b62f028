// `cx describe <input>`: what a dataset or raw export holds, question by question.
import type { Command } from 'commander';
import { runner } from './run.js';
import type { SurveySummary } from '../dataset/describe.js';

const cut = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1) + '…' : s);

function scaleText(q: SurveySummary['questions'][number]): string {
  if (q.scale) return `${q.scale.min}–${q.scale.max}`;
  if (q.dates) {
    const range = q.dates.first ? `${q.dates.first} … ${q.dates.last}` : '';
    return [range, q.dates.format, q.dates.unreadable ? `${q.dates.unreadable} not dates` : ''].filter(Boolean).join(', ');
  }
  if (q.choices) return cut(q.choices.map((c) => c.label || c.code).join(' | '), 50);
  return '';
}

export function register(program: Command): void {
  program
    .command('describe')
    .description('show what a dataset or export holds / 查看数据集或导出文件的内容')
    .argument('<input>', 'dataset directory or export file')
    .option('--platform <name>', 'force the platform (raw exports)')
    .option('--encoding <enc>', 'force the text encoding (raw exports)')
    .option('--include-preview', 'keep preview/test/spam responses (raw exports)')
    .option('--sheet <name>', 'XLSX sheet to read')
    .action((input: string, opts: { platform?: string; encoding?: string; includePreview?: boolean; sheet?: string }, cmd: Command) =>
      runner(cmd, async (ctx) => {
        const { statSync } = await import('node:fs');
        const { describeSurvey } = await import('../dataset/describe.js');
        const { renderTable } = await import('../ui/table.js');
        let isDir = false;
        try {
          isDir = statSync(input).isDirectory();
        } catch {
          /* readers report the missing file */
        }
        let summary: SurveySummary;
        let survey: import('../dataset/types.js').Survey;
        if (isDir) {
          const { loadDataset } = await import('../dataset/store.js');
          survey = await loadDataset(input);
          summary = describeSurvey(survey);
        } else {
          const { readExport } = await import('../ingest/index.js');
          const r = await readExport(input, opts);
          survey = r.survey;
          summary = describeSurvey(r.survey);
          summary.exclusions = r.exclusions;
          summary.warnings = r.warnings;
        }
        // Columns whose header says personal data (IP, e-mail, phone, name …): `cx redact --columns auto` masks them.
        const { piiColumns } = await import('../text/redact.js');
        const pii = piiColumns(survey);
        const result = { input, kind: isDir ? 'dataset' : 'export', ...summary, piiColumns: pii };
        ctx.emit(result, () => {
          const lines = [
            `${input}`,
            ctx.t(`platform ${summary.platform}, encoding ${summary.encoding ?? '?'}, ${summary.rows} responses`, `平台 ${summary.platform}，编码 ${summary.encoding ?? '?'}，${summary.rows} 份答卷`),
          ];
          if (summary.waves.length) lines.push(ctx.t(`waves: ${summary.waves.join(', ')}`, `批次：${summary.waves.join('、')}`));
          for (const e of summary.exclusions) lines.push(ctx.t(`excluded ${e.count} × ${e.reason}`, `排除 ${e.count} 行：${e.reason}`));
          for (const w of summary.warnings) lines.push(ctx.t(`warning: ${w}`, `警告：${w}`));
          const head = ctx.t('id,type,label,answered,missing,scale / choices', 'id,类型,题目,作答,缺失,量表/选项').split(',');
          const rows = summary.questions.map((q) => [cut(q.id, 28), q.role ? `${q.type} (${q.role})` : q.type, cut(q.label.replace(/\s+/g, ' '), 40), q.answered, q.missing, scaleText(q)]);
          lines.push(renderTable(head, rows, ['left', 'left', 'left', 'right', 'right', 'left']));
          if (pii.length) {
            const list = pii.map((p) => `${p.column} (${p.kind})`).join(', ');
            lines.push(ctx.t(`personal data columns: ${list} — mask or drop them with cx redact --columns auto (or COL:drop).`, `个人信息列：${list} —— 可用 cx redact --columns auto（或 列名:drop）整列屏蔽或删除。`));
          }
          return lines.join('\n');
        });
      }),
    );
}
