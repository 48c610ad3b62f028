// `cx tab <input> --rows COL --cols COL`: crosstab with column %, χ² and column-proportion letters.
import type { Command } from 'commander';
import { runner } from './run.js';
import { helpText } from './help-lang.js';
import type { Ctx } from './context.js';
import { inputError } from '../ui/errors.js';
import type { CrosstabResult } from '../metrics/crosstab.js';
import type { MultiCrosstabResult } from '../metrics/crosstab-multi.js';

interface TabOpts {
  rows?: string;
  cols?: string;
  alpha?: string;
  bonferroni?: boolean;
  config?: string;
  where?: string;
  engine?: string;
  db?: string;
  fromStats?: string;
}

export function register(program: Command): void {
  const h = helpText();
  program
    .command('tab')
    .description(h('Crosstab: counts, column %, χ² with Cramér\'s V, column-proportion significance letters', '交叉表：频数、列百分比、χ² 与 Cramér V、列比例显著性字母'))
    .argument('[input]', h('dataset directory or survey export (with --engine: also Parquet files/folders, a plain CSV, or a table)', '数据集目录或问卷导出文件（--engine 时也可为 Parquet 文件/文件夹、普通 CSV 或数据表）'))
    .option('--rows <col>', h('the row variable', '行变量'))
    .option('--cols <col>', h('the column variable (the groups compared)', '列变量（比较的分组）'))
    .option('--alpha <a>', h('significance level of the column tests', '列比较检验的显著性水平'), '0.05')
    .option('--no-bonferroni', h('do not adjust the column tests for multiple comparisons', '列比较不做多重比较校正'))
    .option('--where <expr>', h('filter, e.g. \'region = "East"\'', '筛选条件，如 \'region = "华东"\''))
    .option('--config <file>', h('cx.yaml (default: ./cx.yaml if present)', 'cx.yaml（默认：当前目录下的 cx.yaml）'))
    .option('--engine <name>', h('builtin (default) | duckdb (dataset, Parquet, plain CSV) | postgres (a table, with --db)', 'builtin（默认）| duckdb（数据集、Parquet、普通 CSV）| postgres（数据表，需 --db）'))
    .option('--db <url>', h('PostgreSQL URL for --engine postgres (or CX_DB_URL)', '--engine postgres 的 PostgreSQL 连接 URL（或环境变量 CX_DB_URL）'))
    .option('--from-stats <file>', h('crosstab from the saved result of the query `cx sql tab` prints (CSV, JSON or Parquet)', '根据 `cx sql tab` 所生成查询的结果文件计算（CSV、JSON 或 Parquet）'))
    .action((input: string | undefined, opts: TabOpts, cmd: Command) =>
      runner(cmd, async (ctx) => {
        const alpha = Number(opts.alpha);
        if (!(alpha > 0 && alpha < 1)) {
          throw inputError(`--alpha must be a number between 0 and 1, not "${opts.alpha}".`, `--alpha 必须是 0 到 1 之间的数，而不是 "${opts.alpha}"。`);
        }
        const { usesEngine } = await import('../engine/cli-score.js');
        const engine = usesEngine(opts);
        if (!engine || !opts.fromStats) {
          for (const flag of ['rows', 'cols'] as const) {
            if (!opts[flag]) throw inputError(`cx tab: required option '--${flag} <col>' not specified.`, `cx tab：缺少必需的选项 '--${flag} <col>'。`);
          }
        }
        if (engine) {
          const { loadConfig } = await import('../config/load.js');
          const { applyConfig } = await import('../config/apply.js');
          const cfg = loadConfig(opts.config);
          const { tabStatsWithEngine } = await import('../engine/counts-engine.js');
          const { multiSelectOptions } = await import('../metrics/crosstab-multi.js');
          const st = await tabStatsWithEngine(input, opts.rows, opts.cols, opts, (s) => applyConfig(s, cfg), multiSelectOptions);
          const { crosstabFromCounts, choiceLabels } = await import('../metrics/crosstab.js');
          const { multiCrosstabFromCounts } = await import('../metrics/crosstab-multi.js');
          const r = choiceLabels(st.meta.rows.choices);
          const c = choiceLabels(st.meta.cols.choices);
          if (st.meta.rows.multi) {
            const result = multiCrosstabFromCounts(st.multi ?? [], st.meta.rows.multi.options, st.nRows, {
              rowName: opts.rows ?? st.meta.rows.id,
              colName: opts.cols ?? st.meta.cols.id,
              colLabel: c.label,
              colOrder: c.order,
              alpha,
              bonferroni: opts.bonferroni !== false,
            });
            await finishMulti(ctx, result, opts.rows ?? st.meta.rows.id, opts.cols ?? st.meta.cols.id);
            return;
          }
          const result = crosstabFromCounts(st.cells, st.nRows, {
            rowName: opts.rows ?? st.meta.rows.id,
            colName: opts.cols ?? st.meta.cols.id,
            rowLabel: r.label,
            colLabel: c.label,
            rowOrder: r.order,
            colOrder: c.order,
            alpha,
            bonferroni: opts.bonferroni !== false,
          });
          await finish(ctx, result, opts.rows ?? st.meta.rows.id, opts.cols ?? st.meta.cols.id);
          return;
        }
        if (!input) throw inputError('cx tab: give the input (a dataset directory or an export file), or --from-stats FILE.', 'cx tab：请给出输入（数据集目录或导出文件），或使用 --from-stats FILE。');
        const { loadInput } = await import('../dataset/load.js');
        const { loadConfig } = await import('../config/load.js');
        const { applyConfig } = await import('../config/apply.js');
        const cfg = loadConfig(opts.config);
        const survey = applyConfig(await loadInput(input), cfg);
        const { strAt, getQuestion } = await import('../dataset/types.js');
        const { choiceLabels } = await import('../metrics/crosstab.js');
        const { multiSelectOptions } = await import('../metrics/crosstab-multi.js');
        let mask: Uint8Array | undefined;
        if (opts.where) {
          const { whereMask } = await import('../dataset/where.js');
          mask = whereMask(survey, opts.where);
        }
        const keep = <T,>(xs: T[]) => (mask ? xs.filter((_, i) => mask![i]) : xs);
        const column = (id: string) => {
          const c = survey.columns.get(id);
          if (!c) {
            throw inputError(
              `Column "${id}" is not in ${input}; run "cx describe ${input}" to list the columns.`,
              `列 "${id}" 不在 ${input} 中；运行 "cx describe ${input}" 查看所有列。`,
            );
          }
          const raw = Array.from({ length: survey.nRows }, (_, i) => strAt(c, i));
          return { raw, ...choiceLabels(getQuestion(survey, id)?.choices) };
        };
        // A multi-select (joined `┋`/`;` answers split into option columns, or option-flag columns): one row
        // per option with respondents as the base, not one row per combination of options.
        const multi = (id: string) => {
          const m = multiSelectOptions(survey, id);
          if (!m) return undefined;
          const cols = m.columns.map((k) => survey.columns.get(k)!.values as Float64Array);
          const picks: (number[] | null)[] = Array.from({ length: survey.nRows }, (_, i) => {
            let answered = false;
            const sel: number[] = [];
            cols.forEach((v, o) => {
              const x = v[i]!;
              if (x === x) answered = true;
              if (x === 1) sel.push(o);
            });
            return answered ? sel : null;
          });
          return { options: m.options, picks };
        };
        if (multi(opts.cols!)) {
          throw inputError(
            `--cols ${opts.cols} is a multi-select question; put it in --rows (options become rows, respondents the base) and a single-choice column in --cols.`,
            `--cols ${opts.cols} 是多选题；请把它放在 --rows（选项为行，以答题人数为基数），--cols 用单选列。`,
          );
        }
        const mr = multi(opts.rows!);
        if (mr) {
          const c = column(opts.cols!);
          const vals = c.raw.map((v) => (v == null ? null : c.label(v)));
          const { multiCrosstab } = await import('../metrics/crosstab-multi.js');
          const result = multiCrosstab(keep(mr.picks), mr.options, keep(vals), { rowName: opts.rows, colName: opts.cols, colOrder: c.order, alpha, bonferroni: opts.bonferroni !== false });
          await finishMulti(ctx, result, opts.rows!, opts.cols!);
          return;
        }
        // Statistics (counts of answer-text pairs) → estimate, as every engine does.
        const r = column(opts.rows!);
        const c = column(opts.cols!);
        const { pairCounts, crosstabFromCounts } = await import('../metrics/crosstab.js');
        const cells = pairCounts(r.raw, c.raw, mask);
        const nRows = mask ? mask.reduce((s, x) => s + x, 0) : survey.nRows;
        const result = crosstabFromCounts(cells, nRows, {
          rowName: opts.rows,
          colName: opts.cols,
          rowLabel: r.label,
          colLabel: c.label,
          rowOrder: r.order,
          colOrder: c.order,
          alpha,
          bonferroni: opts.bonferroni !== false,
        });
        await finish(ctx, result, opts.rows!, opts.cols!);
      }),
    );
}

/** A multiple-response table's check and output, shared by every engine. */
async function finishMulti(ctx: Ctx, result: MultiCrosstabResult, rowsName: string, colsName: string): Promise<void> {
  if (result.total === 0) {
    throw inputError(
      `No row has both "${rowsName}" and "${colsName}" answered; check the column names.`,
      `没有同时回答 "${rowsName}" 和 "${colsName}" 的行；请检查列名。`,
    );
  }
  const { renderTable, fmt } = await import('../ui/table.js');
  ctx.emit(result, () => renderMulti(ctx, result, renderTable, fmt));
}

/** The checks, warnings and output shared by every engine. */
async function finish(ctx: Ctx, result: CrosstabResult, rowsName: string, colsName: string): Promise<void> {
  if (result.total === 0) {
    throw inputError(
      `No row has both "${rowsName}" and "${colsName}" answered; check the column names.`,
      `没有同时回答 "${rowsName}" 和 "${colsName}" 的行；请检查列名。`,
    );
  }
  for (const [flag, levels] of [['--rows', result.rowLevels], ['--cols', result.colLevels]] as const) {
    if (levels.length > 100) {
      ctx.warn(
        `${flag} ${flag === '--rows' ? rowsName : colsName}: ${levels.length} distinct values; is it a comment or id column? Crosstab a category such as region or plan.`,
        `${flag} ${flag === '--rows' ? rowsName : colsName}：共 ${levels.length} 个不同取值；它是否为评论或编号列？请对地区、套餐等类别列做交叉表。`,
      );
    }
  }
  if (result.chi2.warning) {
    ctx.warn(
      `${Math.round(100 * result.chi2.expectedBelow5)}% of expected counts are below 5${result.chi2.expectedBelow1 ? ' and some below 1' : ''}; the χ² p-value is unreliable.`,
      `${Math.round(100 * result.chi2.expectedBelow5)}% 的期望频数小于 5${result.chi2.expectedBelow1 ? '，且有小于 1 的' : ''}；χ² 的 p 值不可靠。`,
    );
  }
  const { renderTable, fmt } = await import('../ui/table.js');
  ctx.emit(result, () => render(ctx, result, renderTable, fmt));
}

function render(
  ctx: Ctx,
  t: CrosstabResult,
  renderTable: (h: string[], rows: (string | number)[][], align?: ('left' | 'right' | 'center')[]) => string,
  fmt: (n: number | null | undefined, d?: number) => string,
): string {
  const head = [`${short(t.rows, 30)} \\ ${short(t.cols, 30)}`, ...t.colLevels.map((l, j) => `${short(l, 24)} (${t.columnLetters[j]})`), ctx.t('total', '合计')];
  const rows: (string | number)[][] = t.rowLevels.map((l, i) => [
    short(l, 40),
    ...t.counts[i]!.map((n, j) => `${n}  ${fmt(t.colPct[i]![j], 1)}%${t.letters[i]![j] ? ' ' + t.letters[i]![j] : ''}`),
    `${t.rowTotals[i]}  ${fmt((100 * t.rowTotals[i]!) / t.total, 1)}%`,
  ]);
  rows.push([ctx.t('base', '基数'), ...t.colTotals.map((n) => (n < 30 ? `${n} !` : String(n))), t.total]);
  const c = t.chi2;
  const p = c.p < 0.001 ? '< .001' : `= ${fmt(c.p, 3)}`;
  return [
    renderTable(head, rows, ['left', ...head.slice(1).map(() => 'right' as const)]),
    `χ²(${c.df}) = ${fmt(c.chi2, 2)}, p ${p}, ${ctx.t("Cramér's V", 'Cramér V')} = ${fmt(c.cramersV, 3)}${t.missing ? ctx.t(`   (${t.missing} rows with a missing value left out)`, `   （${t.missing} 行缺失已剔除）`) : ''}`,
    ctx.t(
      `Letters: the column's % is significantly larger than that of the lettered column (z-test, α = ${t.alpha}${t.bonferroni ? ', Bonferroni' : ''}). "!" marks a base below 30.`,
      `字母：该列百分比显著高于所标字母对应的列（z 检验，α = ${t.alpha}${t.bonferroni ? '，Bonferroni 校正' : ''}）。"!" 表示基数小于 30。`,
    ),
  ].join('\n');
}

function renderMulti(
  ctx: Ctx,
  t: MultiCrosstabResult,
  renderTable: (h: string[], rows: (string | number)[][], align?: ('left' | 'right' | 'center')[]) => string,
  fmt: (n: number | null | undefined, d?: number) => string,
): string {
  const pv = (p: number) => (Number.isNaN(p) ? '–' : p < 0.001 ? '< .001' : fmt(p, 3));
  const head = [
    `${short(t.rows, 30)} \\ ${short(t.cols, 30)}`,
    ...t.colLevels.map((l, j) => `${short(l, 24)} (${t.columnLetters[j]})`),
    ctx.t('total', '合计'),
    ctx.t('χ² p', 'χ² p 值'),
  ];
  const rows: (string | number)[][] = t.rowLevels.map((l, i) => [
    short(l, 40),
    ...t.counts[i]!.map((n, j) => `${n}  ${fmt(t.colPct[i]![j], 1)}%${t.letters[i]![j] ? ' ' + t.letters[i]![j] : ''}`),
    `${t.rowTotals[i]}  ${fmt(t.totalPct[i], 1)}%`,
    `${pv(t.optionTests[i]!.p)}${t.optionTests[i]!.warning ? ' ?' : ''}`,
  ]);
  rows.push([ctx.t('base (respondents)', '基数（答题人数）'), ...t.colTotals.map((n) => (n < 30 ? `${n} !` : String(n))), t.total, '']);
  rows.push([ctx.t('mentions', '选择次数'), ...t.mentions.map(String), t.mentions.reduce((a, b) => a + b, 0), '']);
  return [
    renderTable(head, rows, ['left', ...head.slice(1).map(() => 'right' as const)]),
    ctx.t(
      `Multiple response: % of respondents in each column (columns add up to more than 100%).${t.missing ? ` ${t.missing} rows left out (question unanswered or ${t.cols} missing).` : ''}`,
      `多选题：各列为答题人数的百分比（一列合计可超过 100%）。${t.missing ? `${t.missing} 行未作答或 ${t.cols} 缺失，已剔除。` : ''}`,
    ),
    ctx.t(
      `Tests per option: χ² of selected vs not selected across columns (p in the last column, "?" = expected counts below 5); letters: pairwise column z-tests (α = ${t.alpha}${t.bonferroni ? ', Bonferroni' : ''}). No overall χ²: a respondent counts in several rows. "!" marks a base below 30.`,
      `逐选项检验：各列“选/未选”的 χ² 检验（p 值见最后一列，“?”表示期望频数小于 5）；字母：列间两两 z 检验（α = ${t.alpha}${t.bonferroni ? '，Bonferroni 校正' : ''}）。不做整体 χ²：同一答题人可出现在多行。"!" 表示基数小于 30。`,
    ),
  ].join('\n');
}

/** Display-only shortening of long headers and labels. */
function short(text: string, max: number): string {
  const s = text.replace(/\s+/g, ' ').trim(); // a multi-line answer must not break the table's rows
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}
