// `cx sentiment`: positive / neutral / negative and a score per comment, a summary; `train` and `eval`.
import type { Command } from 'commander';
import { runner } from './run.js';
import type { Ctx } from './context.js';
import { toJson } from './context.js';
import { CxError, inputError } from '../ui/errors.js';
import { helpZh } from './help-lang.js';

type Lang = 'auto' | 'en' | 'zh';

function parseLang(v: string | undefined): Lang {
  const l = (v ?? 'auto').toLowerCase();
  if (l === 'auto' || l === 'en' || l === 'zh') return l;
  throw inputError(`--text-lang ${v}: use auto, en or zh.`, `--text-lang ${v}：请使用 auto、en 或 zh。`); // unreachable for --lang (commander checks its choices)
}

const pct = (x: number) => (Number.isFinite(x) ? x.toFixed(1) + '%' : '–');

async function load(file: string) {
  // One reader for every text command: a .txt file is one comment per line (no header).
  const { loadComments } = await import('../text/code.js');
  return loadComments(file);
}

async function scoreCommand(ctx: Ctx, input: string, opts: { text?: string; lang?: string; textLang?: string; model?: string; output?: string }) {
  const lang = parseLang(opts.textLang ?? opts.lang);
  const { formatFromPath, writeTable } = await import('../dataset/write.js');
  const format = opts.output ? formatFromPath(opts.output) : undefined;
  if (opts.output && !format) throw inputError(`${opts.output}: unknown output format; use .csv, .xlsx or .jsonl.`, `${opts.output}：无法识别的输出格式，请使用 .csv、.xlsx 或 .jsonl。`);
  if (opts.output) {
    const { guardOutput } = await import('../dataset/write.js');
    guardOutput(opts.output, [
      { path: input, what: 'input', whatZh: '输入' },
      { path: opts.model, what: 'model', whatZh: '模型' },
    ]);
  }
  const { analyzeSentiment, summarizeSentiment, loadModelFile } = await import('../text/sentiment/index.js');
  const model = opts.model ? loadModelFile(opts.model) : undefined;
  const { pickTextColumn, columnTexts, rowIds } = await import('../text/sentiment/input.js');
  const survey = await load(input);
  const { chooseTextColumn } = await import('../text/column-check.js');
  const { column: col, warning } = chooseTextColumn(survey, opts.text, input, pickTextColumn);
  if (warning) ctx.warn(warning.en, warning.zh);
  const texts = columnTexts(survey, col);
  const results = await analyzeSentiment(texts, { lang, model });
  const summary = summarizeSentiment(results);
  const { name: idName, ids } = rowIds(survey);
  if (opts.output) {
    const rows = results.map((r, i) => [
      ids[i]!,
      texts[i] ?? null,
      r.lang === 'none' && !Number.isFinite(r.score) ? null : r.label,
      Number.isFinite(r.score) ? r.score : null,
      r.lang === 'none' ? null : r.lang,
      r.noComment ? 1 : 0,
    ]);
    try {
      await writeTable(opts.output, [idName, col, 'sentiment', 'sentimentScore', 'lang', 'noComment'], rows, { format: format! });
    } catch (e) {
      if (e instanceof CxError) throw e;
      throw inputError(`${opts.output}: cannot write the results (${(e as Error).message}); check the folder exists and is writable.`, `${opts.output}：无法写入结果（${(e as Error).message}），请检查目录是否存在且可写。`);
    }
    ctx.info(`wrote ${results.length} rows to ${opts.output}`, `已写入 ${results.length} 行到 ${opts.output}`);
  }
  const method = model ? 'model' : 'lexicon';
  const json = {
    input,
    textColumn: col,
    method,
    model: opts.model,
    ...summary,
    output: opts.output,
    rows: opts.output ? undefined : results.map((r, i) => ({ [idName]: ids[i], text: texts[i], sentiment: Number.isFinite(r.score) ? r.label : null, sentimentScore: r.score, lang: r.lang, ...(r.noComment ? { noComment: true } : {}) })),
  };
  const { renderTable, fmt } = await import('../ui/table.js');
  ctx.emit(json, () => {
    const t = ctx.t.bind(ctx);
    const head = [t('sentiment', '情感'), 'n', '%'];
    const body = [
      [t('positive', '正面'), summary.positive, pct(summary.positivePct)],
      [t('neutral', '中性'), summary.neutral, pct(summary.neutralPct)],
      [t('negative', '负面'), summary.negative, pct(summary.negativePct)],
    ];
    let out = t(`Sentiment of "${col}" (${method === 'model' ? 'trained model' : 'zero-config lexicon'}), ${summary.n} comments`, `“${col}”的情感（${method === 'model' ? '训练模型' : '内置词典'}），${summary.n} 条评论`) + (summary.missing ? t(`, ${summary.missing} empty`, `，${summary.missing} 条为空`) : '') + (summary.noComment ? t(`, ${summary.noComment} saying nothing (无, n/a, "-") left out`, `，${summary.noComment} 条无实际内容（无、n/a、“-”）未计入`) : '') + '\n';
    out += renderTable(head, body, ['left', 'right', 'right']) + '\n';
    out += t(`mean score ${fmt(summary.meanScore, 2)}, net sentiment ${fmt(summary.netSentiment, 1)}`, `平均得分 ${fmt(summary.meanScore, 2)}，净情感 ${fmt(summary.netSentiment, 1)}`) + '\n';
    if (summary.byLang.length > 1) {
      out += renderTable(
        [t('language', '语言'), 'n', t('positive', '正面'), t('neutral', '中性'), t('negative', '负面'), t('mean', '均值')],
        summary.byLang.map((b) => [b.lang, b.n, pct(b.positivePct), pct(b.neutralPct), pct(b.negativePct), fmt(b.meanScore, 2)]),
        ['left', 'right', 'right', 'right', 'right', 'right'],
      ) + '\n';
    }
    if (!opts.output) out += t('Per-comment results: add -o FILE.csv|.xlsx|.jsonl (or --json).', '逐条结果：加 -o 文件.csv|.xlsx|.jsonl（或 --json）。');
    return out;
  });
}

async function labelled(input: string, opts: { text?: string; label?: string }) {
  if (!opts.label) throw inputError('--label COL is required (the column with the sentiment labels).', '需要 --label 列名（情感标签所在的列）。');
  const { pickTextColumn } = await import('../text/sentiment/input.js');
  const { labelledRows } = await import('../text/sentiment/train.js');
  const survey = await load(input);
  const textCol = pickTextColumn(survey, opts.text, input);
  const labelCol = pickTextColumn(survey, opts.label, input);
  return { textCol, labelCol, ...labelledRows(survey, textCol, labelCol, input) };
}

async function trainCommand(ctx: Ctx, input: string, opts: { text?: string; label?: string; output?: string }) {
  if (!opts.output) throw inputError('-o MODEL.json is required (where to write the model).', '需要 -o 模型.json（模型的输出位置）。');
  const { guardOutput, writeFileAtomic } = await import('../dataset/write.js');
  guardOutput(opts.output, [{ path: input, what: 'labelled file', whatZh: '标注文件' }]);
  const data = await labelled(input, opts);
  const { trainOnTexts } = await import('../text/sentiment/train.js');
  const model = await trainOnTexts(data.texts, data.labels);
  try {
    writeFileAtomic(opts.output, JSON.stringify(model) + '\n');
  } catch (e) {
    if (e instanceof CxError) throw e;
    throw inputError(`${opts.output}: cannot write the model (${(e as Error).message}).`, `${opts.output}：无法写入模型（${(e as Error).message}）。`);
  }
  const perClass = Object.fromEntries(model.classes.map((c, i) => [c, model.classDocs[i]]));
  if (data.labels.length < 100)
    ctx.warn(`only ${data.labels.length} labelled comments; 200–500 give a much better model.`, `只有 ${data.labels.length} 条标注评论；200–500 条效果会好得多。`);
  ctx.emit({ model: opts.output, n: data.labels.length, skipped: data.skipped, textColumn: data.textCol, labelColumn: data.labelCol, classes: perClass, features: Object.keys(model.counts).length }, () =>
    ctx.t(
      `Trained on ${data.labels.length} comments (${model.classes.map((c, i) => `${c} ${model.classDocs[i]}`).join(', ')}${data.skipped ? `; ${data.skipped} rows without text or label skipped` : ''}); model written to ${opts.output}.`,
      `已用 ${data.labels.length} 条评论训练（${model.classes.map((c, i) => `${c} ${model.classDocs[i]}`).join('，')}${data.skipped ? `；跳过 ${data.skipped} 行无文本或无标签` : ''}）；模型已写入 ${opts.output}。`,
    ),
  );
}

async function evalCommand(ctx: Ctx, input: string, opts: { text?: string; label?: string; model?: string; lang?: string; textLang?: string }) {
  const lang = parseLang(opts.textLang ?? opts.lang);
  const { loadModelFile } = await import('../text/sentiment/index.js');
  const model = opts.model ? loadModelFile(opts.model) : undefined;
  const data = await labelled(input, opts);
  const { evaluateOn } = await import('../text/sentiment/train.js');
  const ev = await evaluateOn(data.texts, data.labels, { lang, model });
  const { renderTable, fmt } = await import('../ui/table.js');
  ctx.emit({ input, textColumn: data.textCol, labelColumn: data.labelCol, method: model ? 'model' : 'lexicon', skipped: data.skipped, ...ev }, () => {
    const t = ctx.t.bind(ctx);
    let out = t(`${ev.n} labelled comments (${model ? 'trained model' : 'zero-config lexicon'})`, `${ev.n} 条标注评论（${model ? '训练模型' : '内置词典'}）`) + '\n';
    out += t(
      `accuracy ${fmt(ev.accuracy, 3)}  macro-F1 ${fmt(ev.macroF1, 3)}  coverage ${fmt(ev.coverage, 3)}  accuracy on decided ${fmt(ev.accuracyDecided, 3)}`,
      `准确率 ${fmt(ev.accuracy, 3)}  宏平均 F1 ${fmt(ev.macroF1, 3)}  覆盖率 ${fmt(ev.coverage, 3)}  已判定部分准确率 ${fmt(ev.accuracyDecided, 3)}`,
    ) + '\n';
    out += renderTable(
      [t('gold \\ predicted', '实际 \\ 预测'), ...ev.labels],
      ev.labels.map((g) => [g, ...ev.labels.map((p) => ev.confusion[g]![p]!)]),
      ['left', ...ev.labels.map(() => 'right' as const)],
    );
    return out;
  });
}

/** Options the user actually gave (the parent command may have parsed --text / -o before the subcommand). */
function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}


export function register(program: Command): void {
  const zh = helpZh();
  const h = (en: string, zhText: string) => (zh ? zhText : en);
  const cmd = program
    .command('sentiment')
    .description(h('positive / neutral / negative and a score per comment (zero-config or a trained model)', '逐条评论的正面/中性/负面及得分（内置词典或训练模型）'))
    .argument('<input>', h('dataset directory or export file', '数据集目录或导出文件'))
    .option('--text <col>', h('comment column (default: the free-text column)', '评论列（默认：自由文本列）'))
    .option('--text-lang <lang>', h('language of the comments: auto (default, per comment and per clause) | en | zh', '评论语言：auto（默认，逐条逐句识别）| en | zh'))
    .option('--model <file>', h('model trained with cx sentiment train', '用 cx sentiment train 训练的模型'))
    .option('-o, --output <file>', h('per-comment results (.csv, .xlsx, .jsonl)', '逐条结果输出（.csv、.xlsx、.jsonl）'))
    .action((input: string, opts: { text?: string; lang?: string; textLang?: string; model?: string; output?: string }, c: Command) => runner(c, (ctx) => scoreCommand(ctx, input, { ...c.optsWithGlobals(), ...defined(opts) })));
  cmd
    .command('train')
    .description(h('train a sentiment model from your own labelled comments', '用自己标注的评论训练情感模型'))
    .argument('<labelled>', h('file with a comment column and a label column', '含评论列和标签列的文件'))
    .option('--text <col>', h('comment column', '评论列'))
    .option('--label <col>', h('label column: 1/0, pos/neg, positive/neutral/negative, 正面/中性/负面', '标签列：1/0、pos/neg、positive/neutral/negative、正面/中性/负面'))
    .option('-o, --output <file>', h('model file to write (JSON)', '模型输出文件（JSON）'))
    .action((input: string, opts: { text?: string; label?: string; output?: string }, c: Command) => runner(c, (ctx) => trainCommand(ctx, input, { ...c.optsWithGlobals(), ...defined(opts) })));
  cmd
    .command('eval')
    .description(h('accuracy, macro-F1, coverage and confusion matrix on labelled comments', '在标注评论上计算准确率、宏平均 F1、覆盖率和混淆矩阵'))
    .argument('<labelled>', h('file with a comment column and a label column', '含评论列和标签列的文件'))
    .option('--text <col>', h('comment column', '评论列'))
    .option('--label <col>', h('label column', '标签列'))
    .option('--model <file>', h('model to evaluate (default: zero-config lexicon)', '要评估的模型（默认：内置词典）'))
    .option('--text-lang <lang>', h('language of the comments: auto | en | zh', '评论语言：auto | en | zh'))
    .action((input: string, opts: { text?: string; label?: string; model?: string; lang?: string; textLang?: string }, c: Command) => runner(c, (ctx) => evalCommand(ctx, input, { ...c.optsWithGlobals(), ...defined(opts) })));
}


