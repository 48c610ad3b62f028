// `cx report`: dataset + cx.yaml + period → report (Markdown, HTML, XLSX, PPTX), with CI checks (--fail-if).
import type { Command } from 'commander';
import { runner } from './run.js';
import { toJson } from './context.js';
import { inputError } from '../ui/errors.js';

interface ReportOpts {
  config?: string;
  input?: string;
  template?: string;
  format?: string;
  period?: string;
  output?: string;
  failIf: string[];
  title?: string;
  charts: boolean;
  verbatims?: string;
  ces?: string;
}

const collect = (v: string, prev: string[]) => [...prev, v];
const clip = (s: string) => (s.length > 120 ? s.slice(0, 120) + '…' : s);

export function register(program: Command): void {
  program
    .command('report')
    .description('build a report (Markdown, HTML, XLSX, PPTX) for a period, with CI checks / 生成报告')
    .option('--config <file>', 'cx.yaml to use (default ./cx.yaml when present)')
    .option('--input <path>', 'dataset directory or export file (default: input in cx.yaml)')
    .option('--template <name|file>', 'weekly, quarterly, or a .liquid file')
    .option('--format <f>', 'md | html | xlsx | pptx (default from -o, else md)')
    .option('--period <p>', 'last-week | last-month | last-quarter | all | 2026-W47 | 2026-Q3 | 2026-03')
    .option('-o, --output <file>', 'output file (md/html default: stdout)')
    .option('--fail-if <expr>', 'exit 1 when the condition holds, e.g. "nps < 20" (repeatable)', collect, [])
    .option('--title <text>', 'report title (overrides report.title in cx.yaml, which otherwise applies to every template)')
    .option('--no-charts', 'do not draw SVG charts (md/html)')
    .option('--verbatims <n>', 'number of comments to quote (default 5)')
    .option('--ces <method>', 'CES convention: mean | agree | index')
    .action((opts: ReportOpts, cmd: Command) =>
      runner(cmd, async (ctx) => {
        const [{ loadConfig }, { loadInput }, { buildReport }, fi, render] = await Promise.all([
          import('../config/load.js'),
          import('../dataset/load.js'),
          import('../report/build.js'),
          import('../report/fail-if.js'),
          import('../report/render.js'),
        ]);
        const cfg = loadConfig(opts.config);
        // Parse every check first: a typo fails fast (exit 2), before any work.
        const { basename } = await import('node:path');
        const checks = fi.namedChecks(cfg.thresholds, cfg.failIf, opts.failIf, cfg.file ? basename(cfg.file) : 'cx.yaml');
        for (const c of checks) fi.validateFailIf(c.expr, c.origin);

        const inputs = opts.input ? [opts.input] : cfg.input ?? [];
        if (inputs.length === 0)
          throw inputError('cx report: no input; pass --input DATASET or set input in cx.yaml (cx init writes one).', 'cx report：没有输入；请用 --input 指定数据集，或在 cx.yaml 中设置 input（cx init 可生成）。');
        if (inputs.length > 1)
          throw inputError(
            `cx.yaml lists ${inputs.length} inputs; combine them first with "cx import ${inputs.join(' ')} -o DATASET" and set input: DATASET.`,
            `cx.yaml 列出了 ${inputs.length} 个输入；请先用 "cx import ${inputs.join(' ')} -o 数据集" 合并，再设置 input: 数据集。`,
          );
        const globals = cmd.optsWithGlobals() as { lang?: string };
        const lang = globals.lang ? ctx.lang : cfg.report?.lang ?? ctx.lang;
        const { out, format } = render.resolveOutput({
          format: opts.format,
          output: opts.output,
          cfgFormat: cfg.report?.format,
          cfgOutput: cfg.report?.output,
        });
        const template = opts.template ?? cfg.report?.template ?? 'weekly';
        const verbatims = opts.verbatims === undefined ? undefined : Number(opts.verbatims);
        if (verbatims !== undefined && !(Number.isInteger(verbatims) && verbatims >= 0))
          throw inputError(`--verbatims ${opts.verbatims}: give a whole number (0 or more).`, `--verbatims ${opts.verbatims}：请给出非负整数。`);
        if (opts.ces && !['mean', 'agree', 'index'].includes(opts.ces))
          throw inputError(`--ces ${opts.ces}: use mean, agree or index.`, `--ces ${opts.ces}：可用 mean、agree 或 index。`);

        if (out) {
          const { guardOutput } = await import('../dataset/write.js');
          guardOutput(out, [
            { path: inputs[0], what: 'input', whatZh: '输入' },
            { path: cfg.file, what: 'config', whatZh: '配置文件' },
            { path: /[\\/]|\.liquid$/.test(template) ? template : undefined, what: 'template', whatZh: '模板' },
            { path: cfg.codeframe, what: 'codeframe', whatZh: '编码框架' },
          ]);
        }
        const survey = await loadInput(inputs[0]!);
        const model = await buildReport(survey, cfg, {
          lang,
          period: opts.period,
          template: /[\\/]|\.liquid$/.test(template) ? template.split(/[\\/]/).pop()! : template,
          title: opts.title,
          verbatims,
          cesMethod: opts.ces as 'mean' | undefined,
        });
        // Evaluate before rendering: an unknown theme/segment name (known only now) exits 2 with nothing written.
        const results = checks.map((c) => fi.evaluateFailIf(c.expr, model, c.origin));
        const res = await render.renderReport(model, { format, template, out, charts: opts.charts });

        if (ctx.json) ctx.out(toJson({ ...model, checks: results }));
        else if (res.text !== undefined) ctx.out(res.text);
        for (const f of res.files) ctx.info(`wrote ${f}`, `已写入 ${f}`);
        for (const r of results)
          if (r.triggered === undefined)
            ctx.warn(`check "${r.expr}" could not be evaluated (${r.values || 'no value'}).`, `检查 "${r.expr}" 无法计算（${r.values || '无值'}）。`);
        const failed = results.filter((r) => r.triggered === true);
        for (const r of failed)
          process.stderr.write(ctx.t(`cx: check failed: ${clip(r.expr)} (${r.values})\n`, `cx：检查未通过：${clip(r.expr)}（${r.values}）\n`));
        return failed.length ? 1 : 0;
      }),
    );
}
