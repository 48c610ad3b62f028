// `cx import <files...>`: read, recognise and append each export to a dataset directory.
import type { Command } from 'commander';
import { runner } from './run.js';
import { progressNote } from '../ui/progress.js';
import type { Ctx } from './context.js';
import { inputError } from '../ui/errors.js';

interface ImportOpts {
  output?: string;
  platform?: string;
  wave?: string;
  encoding?: string;
  includePreview?: boolean;
  sheet?: string;
  dateFormat?: string;
  force?: boolean;
  replaceWave?: boolean;
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
  /** Set when the file was not imported: 'already-imported' (same content hash as an imported file). */
  skipped?: string;
  /** Questions stored under another id because their text matched it (renumbered / renamed between waves). */
  renamed?: { from: string; to: string; label: string }[];
}

const cut = (s: string, n = 40): string => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
};

/** SHA-256 of a file's bytes, streamed (no second copy of a large export in memory). */
async function fileSha256(file: string): Promise<string> {
  const { createHash } = await import('node:crypto');
  const { createReadStream } = await import('node:fs');
  const { statSync } = await import('node:fs');
  const h = createHash('sha256');
  try {
    if (!statSync(file).isFile()) return ''; // a device, FIFO or folder: the reader refuses it with its own message
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 22 })) h.update(chunk as Buffer);
  } catch {
    return ''; // unreadable: the reader reports it with the usual message
  }
  return h.digest('hex');
}

function human(ctx: Ctx, res: { dataset: string; rows: number; files: FileReport[]; defaultOutput: boolean }): string {
  const lines: string[] = [];
  for (const f of res.files) {
    lines.push(`${f.file}`);
    if (f.skipped) {
      lines.push(ctx.t(`  skipped: already imported as wave "${f.wave}" (same content); --replace-wave imports it again`, `  已跳过：已作为批次“${f.wave}”导入（内容相同）；--replace-wave 可重新导入`));
      continue;
    }
    lines.push(ctx.t(`  platform ${f.platform}, encoding ${f.encoding}, wave "${f.wave}"`, `  平台 ${f.platform}，编码 ${f.encoding}，批次“${f.wave}”`));
    for (const m of f.renamed ?? []) lines.push(ctx.t(`  ${m.from} → ${m.to} (same question text: "${cut(m.label)}")`, `  ${m.from} → ${m.to}（题目文字相同：“${cut(m.label)}”）`));
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
    .option('--sheet <name>', 'XLSX sheet to read (default: the largest table with a header)')
    .option('--force', 'append a file even when few of its questions match the dataset (a different survey)')
    .option('--replace-wave', 'replace the rows of a file imported before (same content or same wave label) instead of skipping it')
    .action((files: string[], opts: ImportOpts, cmd: Command) =>
      runner(cmd, async (ctx) => {
        const { readExport } = await import('../ingest/index.js');
        const { appendSurvey } = await import('../dataset/store-merge.js');
        const { loadDataset, saveDataset, isDataset } = await import('../dataset/store.js');
        const { basename, dirname, extname } = await import('node:path');
        const { dateFormatOption } = await import('./raw-input.js');
        const dateFormat = await dateFormatOption(opts.dateFormat);
        const out = opts.output ?? 'cx-data';
        const { guardOutput } = await import('../dataset/write.js');
        guardOutput(out, files.map((f) => ({ path: f, what: 'input file', whatZh: '输入文件' })), { dir: true });
        if (!opts.output) ctx.info('No -o given: writing the dataset to ./cx-data', '未指定 -o：数据集写入 ./cx-data');
        let ds = isDataset(out) ? await loadDataset(out) : undefined;
        const appended = Boolean(ds);
        const reports: FileReport[] = [];
        const usedWaves = new Map<string, string>();
        let changed = false;
        for (const file of files) {
          let wave = opts.wave ?? basename(file, extname(file));
          // Two files with the same name in one call: label them by folder too.
          if (!opts.wave && usedWaves.has(wave) && usedWaves.get(wave) !== file) wave = `${basename(dirname(file))}/${wave}`;
          usedWaves.set(wave, file);
          const hash = await fileSha256(file);
          const prior = hash ? ds?.log.find((e) => e.sha256 === hash) : undefined;
          if (prior && ds && !opts.replaceWave) {
            // The same bytes again (Google Forms / plain CSVs have no response id to de-duplicate on): skip.
            ctx.warn(
              `${file}: already imported (same content as ${prior.file}, wave "${prior.wave ?? '?'}"); skipped. Use --replace-wave to import it again.`,
              `${file}：已导入过（内容与 ${prior.file} 相同，批次“${prior.wave ?? '?'}”）；已跳过。如需重新导入，请加 --replace-wave。`,
            );
            reports.push({ file, platform: prior.platform, encoding: prior.encoding, wave: prior.wave ?? wave, rowsRead: prior.rowsRead, rowsKept: 0, exclusions: [], warnings: [], skipped: 'already-imported' });
            continue;
          }
          if (opts.replaceWave && ds) {
            changed = true;
            // Re-import: the rows of the wave with the same content or the same label go first.
            const old = prior?.wave ?? wave;
            if (prior && !opts.wave) wave = old;
            const { removeWave } = await import('../dataset/store-merge.js');
            const rm = removeWave(ds, old);
            if (rm.removed > 0 || (ds.waves ?? []).includes(old)) {
              ds = rm.survey;
              ctx.info(`${file}: replacing wave "${old}" (${rm.removed} rows)`, `${file}：替换批次“${old}”（${rm.removed} 行）`);
            }
          }
          progressNote(`reading ${basename(file)} (${files.indexOf(file) + 1} of ${files.length})`, `正在读取 ${basename(file)}（第 ${files.indexOf(file) + 1} 个，共 ${files.length} 个）`);
          const r = await readExport(file, { ...opts, dateFormat, wave });
          const entry = r.survey.log[r.survey.log.length - 1];
          if (entry && hash) entry.sha256 = hash;
          changed = true;
          let add = r.survey;
          let renamed: FileReport['renamed'];
          let dedupe = true;
          if (ds && ds.nRows > 0) {
            const { alignWave, renameQuestions } = await import('../dataset/store-merge.js');
            const a = alignWave(ds, r.survey);
            const need = Math.min(a.total, a.baseTotal) / 2;
            if (a.total >= 2 && a.baseTotal >= 2 && a.shared < need) {
              if (!opts.force) {
                throw inputError(
                  `${file}: looks like a different survey: only ${a.shared} of its ${a.total} questions match the ${a.baseTotal} of dataset ${out} (by question text); nothing was written. Import it into another dataset (-o), or add --force to append it anyway.`,
                  `${file}：看起来是另一份问卷：${a.total} 道题中只有 ${a.shared} 道与数据集 ${out} 的 ${a.baseTotal} 道题相同（按题目文字）；未写入任何内容。请导入到另一个数据集（-o），或加 --force 强制追加。`,
                );
              }
              r.warnings.push(`only ${a.shared} of its ${a.total} questions match the dataset ${out}; appended anyway (--force), other questions in columns of their own, response ids not compared`);
              dedupe = false;
            }
            if (a.renamed.length > 0) {
              renamed = a.renamed;
              r.warnings.push(`${a.renamed.length} question(s) matched by their text under another id (renumbered or renamed): ${a.renamed.slice(0, 12).map((m) => `${m.from} → ${m.to}`).join(', ')}${a.renamed.length > 12 ? ', …' : ''}`);
            }
            for (const c of a.conflicts.slice(0, 10)) {
              r.warnings.push(`${c.id} "${cut(c.label)}" is not the dataset's ${c.id} "${cut(c.datasetLabel)}": stored as ${c.storedAs}`);
            }
            if (a.conflicts.length > 10) r.warnings.push(`${a.conflicts.length - 10} more question(s) stored under new ids for the same reason`);
            add = renameQuestions(r.survey, a.map, a.parents);
          }
          const { survey, duplicates } = appendSurvey(ds, add, wave, { dedupe });
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
            ...(renamed ? { renamed } : {}),
          });
        }
        if (!ds) {
          ctx.emit({ dataset: out, appended, rows: 0, files: reports }, () => '');
          return;
        }
        // Every file skipped as already imported: the dataset is left exactly as it was.
        progressNote(`writing ${out}`, `正在写入 ${out}`);
        if (changed) saveDataset(out, ds);
        const res = { dataset: out, appended, defaultOutput: !opts.output, rows: ds.nRows, questions: ds.questions.length, waves: ds.waves ?? [], files: reports };
        if (!ctx.json) for (const f of reports) for (const w of f.warnings) ctx.warn(`${f.file}: ${w}`, `${f.file}：${w}`);
        ctx.emit(res, () => human(ctx, { ...res, files: reports.map((f) => ({ ...f, warnings: [] })) }));
      }),
    );
}
