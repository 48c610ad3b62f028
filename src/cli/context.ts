// What every command receives: output mode, language, and the stdout/stderr discipline of DESIGN.md §3
// (machine output alone on stdout with --json; progress and warnings on stderr).
import type { Lang } from '../ui/errors.js';
import { detectLang } from '../ui/lang.js';
import { clearProgress } from '../ui/progress.js';

export interface GlobalOptions {
  json?: boolean;
  lang?: string;
  quiet?: boolean;
  debug?: boolean;
  color?: boolean;
}

export interface Ctx {
  json: boolean;
  lang: Lang;
  quiet: boolean;
  debug: boolean;
  /** True only when stdin and stdout are TTYs and CI is unset: the only case where cx may prompt. */
  interactive: boolean;
  /** Write a line (or block) to stdout. */
  out(text: string): void;
  /** Informational message on stderr (suppressed by --quiet and --json). */
  info(en: string, zh: string): void;
  /** Warning on stderr (suppressed by --quiet only). */
  warn(en: string, zh: string): void;
  /** Print `result` as JSON with --json, else the human rendering. */
  emit(result: unknown, human: () => string): void;
  /** Pick text by language. */
  t(en: string, zh: string): string;
}

export function isInteractive(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = env.CI && env.CI !== '0' && env.CI.toLowerCase() !== 'false';
  return Boolean(process.stdin.isTTY && process.stdout.isTTY && !ci);
}

/** JSON with full precision; NaN/Infinity become null (JSON has no NaN). Typed arrays become arrays. */
export function toJson(value: unknown, indent = 2): string {
  return JSON.stringify(
    value,
    (_k, v) => {
      if (typeof v === 'number' && !Number.isFinite(v)) return null;
      if (v instanceof Map) return Object.fromEntries(v);
      if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<number>);
      return v;
    },
    indent,
  );
}

export function makeCtx(opts: GlobalOptions, io = { stdout: process.stdout, stderr: process.stderr }): Ctx {
  const lang = detectLang(opts.lang);
  const json = Boolean(opts.json);
  const quiet = Boolean(opts.quiet);
  const t = (en: string, zh: string) => (lang === 'zh' ? zh : en);
  return {
    json,
    lang,
    quiet,
    debug: Boolean(opts.debug),
    interactive: isInteractive(),
    t,
    out(text) {
      clearProgress();
      io.stdout.write(text.endsWith('\n') ? text : text + '\n');
    },
    info(en, zh) {
      if (quiet || json) return;
      clearProgress();
      io.stderr.write(t(en, zh) + '\n');
    },
    warn(en, zh) {
      if (quiet) return;
      clearProgress();
      io.stderr.write(t('warning: ', '警告：') + t(en, zh) + '\n');
    },
    emit(result, human) {
      clearProgress();
      if (json) io.stdout.write(toJson(result) + '\n');
      else {
        const s = human();
        if (s) io.stdout.write(s.endsWith('\n') ? s : s + '\n');
      }
    },
  };
}
