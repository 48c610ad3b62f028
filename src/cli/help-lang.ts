// Help text (command descriptions, option help) in the language of --lang or the locale, read from argv
// because commander builds the help before it parses the options.
import { detectLang } from '../ui/lang.js';

export function helpText(argv: string[] = process.argv): (en: string, zh: string) => string {
  const i = argv.indexOf('--lang');
  const flag = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--lang='))?.slice(7);
  const zh = detectLang(flag) === 'zh';
  return (en, zhText) => (zh ? zhText : en);
}
