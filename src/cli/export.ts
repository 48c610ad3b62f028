// `cx export <input> --format csv|xlsx|parquet -o OUT`: the responses as one clean table (one header row of
// question ids). CSV cells that could run as spreadsheet formulas are neutralised (see dataset/write.ts).
import type { Command } from 'commander';
import { runner } from './run.js';
import { inputError } from '../ui/errors.js';

interface ExportOpts {
  format?: string;
  output?: string;
  columns?: string;
}

export function register(program: Command): void {
  program
    .command('export')
    .description('export a dataset as one clean CSV/XLSX/Parquet table / 把数据集导出为 CSV/XLSX/Parquet 表')
    .argument('<input>', 'dataset directory or export file')
    .option('--format <fmt>', 'csv, xlsx, parquet or jsonl (default: from the -o extension)')
    .requiredOption('-o, --output <file>', 'output file')
    .option('--columns <ids>', 'only these columns, comma-separated')
    .action((input: string, opts: ExportOpts, cmd: Command) =>
      runner(cmd, async (ctx) => {
        const { extname } = await import('node:path');
        const out = opts.output!;
        const fmt = (opts.format ?? extname(out).slice(1)).toLowerCase();
        if (!['csv', 'xlsx', 'parquet', 'jsonl'].includes(fmt)) {
          throw inputError(
            `--format ${opts.format ?? `(from ${out})`}: unsupported; use csv, xlsx, parquet or jsonl.`,
            `--format ${opts.format ?? `（来自 ${out}）`}：不支持；请用 csv、xlsx、parquet 或 jsonl。`,
          );
        }
        const { guardOutput } = await import('../dataset/write.js');
        guardOutput(out, [{ path: input, what: 'input', whatZh: '输入' }], { dir: fmt === 'parquet' && !/\.parquet$/i.test(out) });
        const { loadInput } = await import('../dataset/load.js');
        const want = opts.columns?.split(',').map((s) => s.trim()).filter(Boolean);
        const s = await loadInput(input, { columns: want });
        const ids = want ? s.questions.filter((q) => s.columns.has(q.id) && (want.includes(q.id) || want.includes(q.source ?? ''))).map((q) => q.id) : s.questions.map((q) => q.id).filter((id) => s.columns.has(id));
        if (want) {
          const missing = want.filter((w) => !s.questions.some((q) => (q.id === w || q.source === w) && s.columns.has(q.id)));
          if (missing.length) throw inputError(`--columns: no column ${missing.join(', ')} in ${input}; run cx describe ${input} to list them.`, `--columns：${input} 中没有列 ${missing.join('、')}；用 cx describe ${input} 查看列名。`);
        }
        let engine: string | undefined;
        let partitions: string | undefined;
        if (fmt === 'parquet') {
          // -o x.parquet: one file; -o FOLDER: hive-partitioned by wave (FOLDER/wave=…/data_0.parquet).
          const folder = !/\.parquet$/i.test(out);
          partitions = folder ? s.waveColumn ?? undefined : undefined;
          if (folder) {
            const { existsSync, readdirSync, statSync } = await import('node:fs');
            if (existsSync(out) && (!statSync(out).isDirectory() || readdirSync(out).length > 0)) {
              throw inputError(
                `-o ${out}: exists and is not an empty folder; Parquet partitioned by wave goes to a new folder (or name a .parquet file).`,
                `-o ${out}：已存在且不是空文件夹；按批次分区的 Parquet 需写入新文件夹（或指定 .parquet 文件）。`,
              );
            }
          }
          const { hasDuckdb } = await import('../engine/duckdb.js');
          if (await hasDuckdb()) {
            engine = 'duckdb';
            const { writeParquetDuckdb } = await import('../engine/parquet-write.js');
            if (folder && !partitions) {
              const { mkdirSync } = await import('node:fs');
              mkdirSync(out, { recursive: true });
              await writeParquetDuckdb(`${out}/data_0.parquet`, s, ids);
            } else await writeParquetDuckdb(out, s, ids, partitions);
          } else {
            engine = 'hyparquet-writer';
            const { writeParquet, writeParquetPartitioned } = await import('../dataset/parquet.js');
            if (folder) {
              if (partitions) await writeParquetPartitioned(out, s, ids, partitions);
              else {
                const { mkdirSync } = await import('node:fs');
                mkdirSync(out, { recursive: true });
                await writeParquet(`${out}/data_0.parquet`, s, ids);
              }
            } else await writeParquet(out, s, ids);
          }
        } else {
          const { writeTable } = await import('../dataset/write.js');
          const cols = ids.map((id) => s.columns.get(id)!);
          function* rows() {
            for (let i = 0; i < s.nRows; i++) {
              const r = new Array<string | number | null>(cols.length);
              for (let c = 0; c < cols.length; c++) {
                const col = cols[c]!;
                if (col.kind === 'num') {
                  const v = col.values[i]!;
                  r[c] = Number.isNaN(v) ? null : v;
                } else r[c] = col.values[i] ?? null;
              }
              yield r;
            }
          }
          await writeTable(out, ids, rows(), { format: fmt as 'csv' | 'xlsx' | 'jsonl' });
        }
        const result = { input, output: out, format: fmt, rows: s.nRows, columns: ids.length, ...(engine ? { writer: engine } : {}), ...(partitions ? { partitionedBy: partitions } : {}) };
        ctx.emit(result, () => ctx.t(`wrote ${out} (${fmt}): ${s.nRows} rows × ${ids.length} columns`, `已写入 ${out}（${fmt}）：${s.nRows} 行 × ${ids.length} 列`));
      }),
    );
}
