// `cx init [input]`: detect roles, Kano pairs, SERVQUAL items, drivers and segments, and write cx.yaml.
// Prompts (lazily imported @inquirer/prompts) only on a TTY without CI and without --yes, and only for
// what detection could not settle.
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { runner } from './run.js';
import { inputError } from '../ui/errors.js';

interface InitOpts {
  yes?: boolean;
  output: string;
  force?: boolean;
  codeframe?: string;
}

export function register(program: Command): void {
  program
    .command('init')
    .description('detect columns and write cx.yaml / 检测列并生成 cx.yaml')
    .argument('[input]', 'dataset directory or export file to look at')
    .option('-y, --yes', 'accept what detection found; never prompt')
    .option('-o, --output <file>', 'where to write', 'cx.yaml')
    .option('--force', 'overwrite an existing file')
    .option('--codeframe <file>', 'codeframe to reference for themes')
    .action((input: string | undefined, opts: InitOpts, cmd: Command) =>
      runner(cmd, async (ctx) => {
        const out = path.resolve(opts.output);
        if (existsSync(out) && !opts.force)
          throw inputError(
            `${opts.output} already exists; use --force to overwrite it or -o to write elsewhere.`,
            `${opts.output} 已存在；如需覆盖请加 --force，或用 -o 写到别处。`,
          );
        if (!input)
          throw inputError('cx init: give the survey export or dataset to look at, e.g. "cx init responses.csv".', 'cx init：请指定要检测的问卷导出文件或数据集，例如 "cx init responses.csv"。');
        const [{ loadInput }, { detectConfig }, { configYaml }, { parseConfig }, { writeFileAtomic }] = await Promise.all([
          import('../dataset/load.js'),
          import('../config/detect.js'),
          import('../config/write.js'),
          import('../config/load.js'),
          import('../report/render.js'),
        ]);
        const { guardOutput } = await import('../dataset/write.js');
        guardOutput(out, [
          { path: input, what: 'input', whatZh: '输入' },
          { path: opts.codeframe, what: 'codeframe', whatZh: '编码框架' },
        ]);
        const survey = await loadInput(input);
        const d = detectConfig(survey);
        if (ctx.interactive && !opts.yes && !ctx.json) await ask(d, survey.questions.map((q) => ({ id: q.id, label: q.label })), ctx.t);

        // Paths relative to cx.yaml (also "../data.csv"), so a project can be committed and moved; absolute
        // only when no relative path exists (another drive on Windows).
        const where = (p: string) => {
          const rel = path.relative(path.dirname(out), path.resolve(p)) || '.';
          return path.isAbsolute(rel) ? path.resolve(p) : rel.split(path.sep).join('/');
        };
        // The report speaks the survey's language: a Chinese questionnaire gets a Chinese title and lang: zh.
        const lang: 'en' | 'zh' = d.lang === 'zh' || ctx.lang === 'zh' ? 'zh' : 'en';
        const settings = {
          ...d,
          input: where(input),
          title: lang === 'zh' ? '客户体验报告' : 'Customer experience report',
          reportLang: lang,
          codeframe: opts.codeframe ? where(opts.codeframe) : undefined,
        };
        const text = configYaml(settings);
        parseConfig(text, out); // self-check: what we write must load
        writeFileAtomic(out, text);
        const found = [
          ...Object.entries(d.roles).filter(([k, v]) => k !== 'segments' && v).map(([k, v]) => `${k}=${v}`),
          d.roles.segments?.length ? `segments=${d.roles.segments.join(',')}` : '',
          d.kano.length ? `kano=${d.kano.length}` : '',
          d.servqual.length ? `servqual=${d.servqual.length}` : '',
          d.drivers ? `drivers=${d.drivers.drivers.length}` : '',
        ].filter(Boolean);
        ctx.emit({ file: out, ...settings }, () => ctx.t(`wrote ${opts.output} (${found.join('; ')})`, `已写入 ${opts.output}（${found.join('；')}）`));
      }),
    );
}

type T = (en: string, zh: string) => string;

async function ask(d: import('../config/detect.js').Detected, questions: { id: string; label: string }[], t: T): Promise<void> {
  const { select, checkbox } = await import('@inquirer/prompts');
  const label = (id: string) => {
    const l = questions.find((q) => q.id === id)?.label ?? '';
    return l && l !== id ? `${id} — ${l.length > 60 ? l.slice(0, 60) + '…' : l}` : id;
  };
  const names: Record<string, [string, string]> = {
    nps: ['Which column is the NPS (likelihood to recommend) question?', '哪一列是 NPS（推荐可能性）题？'],
    csat: ['Which column is the satisfaction (CSAT) question?', '哪一列是满意度（CSAT）题？'],
    ces: ['Which column is the customer-effort (CES) question?', '哪一列是客户费力度（CES）题？'],
    date: ['Which column is the response date?', '哪一列是答卷日期？'],
    text: ['Which column holds the open comments?', '哪一列是开放题评论？'],
  };
  for (const [role, cands] of Object.entries(d.candidates)) {
    const [en, zh] = names[role]!;
    const v = await select({ message: t(en, zh), choices: cands!.map((c) => ({ name: label(c), value: c })) });
    (d.roles as Record<string, string>)[role] = v;
  }
  if (d.segmentCandidates.length) {
    const chosen = new Set(d.roles.segments ?? []);
    const v = await checkbox({
      message: t('Which columns should results be broken down by (segments)?', '按哪些列细分结果？'),
      choices: d.segmentCandidates.map((c) => ({ name: label(c), value: c, checked: chosen.has(c) })),
    });
    d.roles.segments = v;
  }
}
