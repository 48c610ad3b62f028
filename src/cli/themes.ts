// `cx themes`: suggests a draft codeframe (YAML) from the comments: TF-IDF keywords grouped into themes.
import type { Command } from 'commander';
import { runner } from './run.js';
import type { Ctx } from './context.js';
import { inputError } from '../ui/errors.js';
import { helpZh } from './help-lang.js';

interface ThemesOpts {
  text?: string;
  top?: string;
  output?: string;
}

async function themesCommand(ctx: Ctx, input: string, opts: ThemesOpts) {
  const top = opts.top === undefined ? 10 : Number(opts.top);
  if (!Number.isInteger(top) || top < 1 || top > 100) throw inputError(`--top ${opts.top}: give a whole number of themes between 1 and 100.`, `--top ${opts.top}：主题数应为 1 到 100 之间的整数。`);
  if (opts.output && !/\.ya?ml$/i.test(opts.output)) throw inputError(`${opts.output}: the draft codeframe is YAML; name the output .yaml.`, `${opts.output}：编码框架草稿为 YAML 格式，输出文件名请以 .yaml 结尾。`);
  if (opts.output) {
    const { guardOutput } = await import('../dataset/write.js');
    guardOutput(opts.output, [{ path: input, what: 'input', whatZh: '输入' }]);
  }
  const { loadComments } = await import('../text/code.js');
  const { pickTextColumn, columnTexts } = await import('../text/sentiment/input.js');
  const survey = await loadComments(input);
  const { chooseTextColumn } = await import('../text/column-check.js');
  const { column: col, warning } = chooseTextColumn(survey, opts.text, input, pickTextColumn);
  if (warning) ctx.warn(warning.en, warning.zh);
  const texts = columnTexts(survey, col);
  const { discoverThemes } = await import('../text/themes.js');
  const { themesToYaml } = await import('../text/themes-yaml.js');
  const res = await discoverThemes(texts, { top });
  if (res.n === 0) throw inputError(`${input}: column "${col}" has no comments.`, `${input}：列“${col}”没有评论。`);
  const yaml = themesToYaml(res, { source: input, column: col });
  if (opts.output) {
    const { writeFileAtomic } = await import('../dataset/write.js');
    writeFileAtomic(opts.output, yaml);
    ctx.info(`wrote a draft codeframe with ${res.themes.length} themes to ${opts.output}`, `已将含 ${res.themes.length} 个主题的编码框架草稿写入 ${opts.output}`);
  }
  const { renderTable, fmt } = await import('../ui/table.js');
  ctx.emit({ input, textColumn: col, ...res, output: opts.output }, () => {
    if (!opts.output) return yaml;
    const t = ctx.t.bind(ctx);
    return renderTable(
      [t('theme', '主题'), 'n', '%', t('keywords', '关键词')],
      res.themes.map((th) => [th.name, th.count, fmt(th.pct, 1), th.terms.map((x) => x.term).join(', ')]),
      ['left', 'right', 'right', 'left'],
    );
  });
}


export function register(program: Command): void {
  const zh = helpZh();
  const h = (en: string, zhText: string) => (zh ? zhText : en);
  program
    .command('themes')
    .description(h('suggest a draft codeframe (YAML) from the comments: keywords grouped into themes', '从评论中归纳主题，生成编码框架草稿（YAML）'))
    .argument('<input>', h('dataset directory or export file', '数据集目录或导出文件'))
    .option('--text <col>', h('comment column (default: the free-text column)', '评论列（默认：自由文本列）'))
    .option('--top <n>', h('number of themes', '主题数'), '10')
    .option('-o, --output <file>', h('write the draft codeframe here (.yaml); without it the YAML goes to stdout', '编码框架草稿输出文件（.yaml）；不指定则输出到标准输出'))
    .action((input: string, opts: ThemesOpts, c: Command) => runner(c, (ctx) => themesCommand(ctx, input, opts)));
}
