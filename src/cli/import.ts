// `cx import <files...>`: read, recognise and append each export to a dataset directory.
import type { Command } from 'commander';
import { runner } from './run.js';
import type { Ctx } from './context.js';

interface ImportOpts {
  output?: string;
  platform?: string;
  wave?: string;
  encoding?: string;
  includePreview?: boolean;
  sheet?: string;
  dateFormat?: string;
}

export interface FileReport {
  file: string;
  platform: string;
  encoding: string;
  wave: string;
  rowsRead: number;
  rowsKept: number;
  exclusions: { reason: string; count: number; rows?: number[] }[];
  warnings: string[];
}

function human(ctx: Ctx, res: { dataset: string; rows: number; files: FileReport[]; defaultOutput: boolean }): string {
  const lines: string[] = [];
  for (const f of res.files) {
    lines.push(`${f.file}`);
    lines.push(ctx.t(`  platform ${f.platform}, encoding ${f.encoding}, wave "${f.wave}"`, `  平台 ${f.platform}，编码 ${f.encoding}，批次“${f.wave}”`));
    lines.push(ctx.t(`  rows read ${f.rowsRead}, kept ${f.rowsKept}`, `  读取 ${f.rowsRead} 行，保留 ${f.rowsKept} 行`));
    for (const e of f.exclusions) {
      const rows = e.rows && e.rows.length ? ctx.t(` (rows ${e.rows.join(', ')}${e.count > e.rows.length ? ', …' : ''})`, `（第 ${e.rows.join('、')}${e.count > e.rows.length ? '…' : ''} 行）`) : '';
      lines.push(ctx.t(`  excluded ${e.count} × ${e.reason}${rows}`, `  排除 ${e.count} 行：${e.reason}${rows}`));
    }
    for (const w of f.warnings) lines.push(ctx.t(`  warning: ${w}`, `  警告：${w}`));
  }
  lines.push(ctx.t(`dataset ${res.dataset}: ${res.rows} responses`, `数据集 ${res.dataset}：共 ${res.rows} 份答卷`));
  return lines.join('\n');
}

export function register(program: Command): void {
  program
    .command('import')
    .description('import survey exports (CSV/TSV, XLSX, JSON) into a dataset directory / 导入问卷导出文件到数据集')
    .argument('<files...>', 'export files (Qualtrics, SurveyMonkey, Google Forms, 问卷星, …)')
    .option('-o, --output <dataset>', 'dataset directory to create or append to (default: cx-data)')
    .option('--platform <name>', 'force the platform instead of detecting it')
    .option('--wave <label>', 'wave label stored with these rows (default: the file name)')
    .option('--encoding <enc>', 'force the text encoding (utf-8, utf-16le, gb18030, windows-1252, …)')
    .option('--include-preview', 'keep preview/test/spam responses')
    .option('--sheet <name>', 'XLSX sheet to read (default: the first)')
    .action((files: string[], opts: ImportOpts, cmd: Command) =>
      runner(cmd, async (ctx) => {
        const { readExport } = await import('../ingest/index.js');
        const { appendSurvey } = await import('../dataset/store-merge.js');
        const { loadDataset, saveDataset, isDataset } = await import('../dataset/store.js');
        const { basename, dirname, extname } = await import('node:path');
        const { dateFormatOption } = await import('./raw-input.js');
        const dateFormat = await dateFormatOption(opts.dateFormat);
        const out = opts.output ?? 'cx-data';
        if (!opts.output) ctx.info('No -o given: writing the dataset to ./cx-data', '未指定 -o：数据集写入 ./cx-data');
        let ds = isDataset(out) ? await loadDataset(out) : undefined;
        const appended = Boolean(ds);
        const reports: FileReport[] = [];
        const usedWaves = new Map<string, string>();
        for (const file of files) {
          let wave = opts.wave ?? basename(file, extname(file));
          // Two files with the same name in one call: label them by folder too.
          if (!opts.wave && usedWaves.has(wave) && usedWaves.get(wave) !== file) wave = `${basename(dirname(file))}/${wave}`;
          usedWaves.set(wave, file);
          const r = await readExport(file, { ...opts, dateFormat, wave });
          if (ds) {
            const { questionOverlap } = await import('../dataset/store-merge.js');
            const o = questionOverlap(ds, r.survey);
            if (o.total >= 3 && o.shared < o.total / 5) {
              const en = `only ${o.shared} of its ${o.total} questions match the dataset ${out}; is it the same survey? (the rows are appended with the other columns missing)`;
              if (ctx.json) r.warnings.push(en);
              else ctx.warn(`${file}: ${en}`, `${file}：${o.total} 道题中只有 ${o.shared} 道与数据集 ${out} 相同；是同一份问卷吗？（已追加，其余列为缺失）`);
            }
          }
          const { survey, duplicates } = appendSurvey(ds, r.survey, wave);
          ds = survey;
          const exclusions: FileReport['exclusions'] = r.exclusions.map((e) => ({ reason: e.reason, count: e.count, rows: e.rows }));
          // Response ids already in the dataset (the source row numbers are not kept past recognition).
          if (duplicates > 0) exclusions.push({ reason: 'duplicate-in-dataset', count: duplicates });
          const rowsRead = r.survey.log[r.survey.log.length - 1]?.rowsRead ?? r.survey.nRows + r.exclusions.reduce((a, e) => a + e.count, 0);
          reports.push({
            file,
            platform: r.survey.platform,
            encoding: r.table.encoding,
            wave,
            rowsRead,
            rowsKept: r.survey.nRows - duplicates,
            exclusions,
            warnings: r.warnings,
          });
        }
        saveDataset(out, ds!);
        const res = { dataset: out, appended, defaultOutput: !opts.output, rows: ds!.nRows, questions: ds!.questions.length, waves: ds!.waves ?? [], files: reports };
        if (!ctx.json) for (const f of reports) for (const w of f.warnings) ctx.warn(`${f.file}: ${w}`, `${f.file}：${w}`);
        ctx.emit(res, () => human(ctx, { ...res, files: reports.map((f) => ({ ...f, warnings: [] })) }));
      }),
    );
}
