// Runs a command body with the shared context and the exit-code policy of DESIGN.md §3.
import type { Command } from 'commander';
import { CxError } from '../ui/errors.js';
import { makeCtx, type Ctx, type GlobalOptions } from './context.js';
import { setColor } from '../ui/color.js';
import { beginProgress, endProgress, progressEnabled } from '../ui/progress.js';

export type Action = (ctx: Ctx) => Promise<number | void>;

/** Wraps a command body: builds the context, maps errors to exit codes, never prints a stack unless --debug. */
export function runner(cmd: Command, body: Action): Promise<void> {
  const opts = cmd.optsWithGlobals() as GlobalOptions;
  const ctx = makeCtx(opts);
  // Raw exports read by loadInput honour this command's --sheet / --include-preview / --date-format (cli/raw-input.ts).
  const ready = import('./raw-input.js').then((m) => m.applyRawInputOptions(cmd));
  if (opts.color === false) setColor(false);
  // Long work shows one progress line on a terminal after 2 s (never with --json, --quiet, CI or a pipe).
  beginProgress(`cx ${commandPath(cmd)}`, progressEnabled(opts), process.stderr, { lang: ctx.lang });
  return ready.then(() => body(ctx)).then(
    (code) => {
      endProgress();
      process.exitCode = typeof code === 'number' ? code : 0;
    },
    (err: unknown) => {
      endProgress();
      process.exitCode = reportError(err, ctx.lang, ctx.debug);
    },
  );
}

function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c && c.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export function reportError(err: unknown, lang: 'en' | 'zh', debug: boolean): number {
  if (err instanceof CxError) {
    process.stderr.write(`cx: ${err.text(lang)}\n`);
    if (debug && err.stack) process.stderr.write(err.stack + '\n');
    return err.exitCode;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && (e.code === 'EPIPE')) return 0;
  const msg = e?.message ?? String(err);
  process.stderr.write(
    lang === 'zh'
      ? `cx: 内部错误：${msg}（加 --debug 查看详情，并请报告此问题）\n`
      : `cx: internal error: ${msg} (run again with --debug for details, and please report it)\n`,
  );
  if (debug && e?.stack) process.stderr.write(e.stack + '\n');
  return 3;
}

