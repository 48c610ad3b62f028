// The language of help and early errors, read from argv because commander builds the help (and may fail)
// before it parses the options.
import { detectLang } from '../ui/lang.js';

/** The value of --lang / --lang=… on the command line, if any. */
export function langFromArgv(argv: string[] = process.argv): string | undefined {
  const i = argv.indexOf('--lang');
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith('--lang='))?.slice(7);
}

/** True when help should be in Chinese (--lang zh, or a Chinese locale). */
export function helpZh(argv: string[] = process.argv): boolean {
  return detectLang(langFromArgv(argv)) === 'zh';
}

export function helpText(argv: string[] = process.argv): (en: string, zh: string) => string {
  const zh = helpZh(argv);
  return (en, zhText) => (zh ? zhText : en);
}
