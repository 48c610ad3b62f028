import type { Lang } from './errors.js';

/** --lang wins; otherwise the locale (LC_ALL, LC_MESSAGES, LANG); default English. */
export function detectLang(flag?: string, env: NodeJS.ProcessEnv = process.env): Lang {
  const f = flag?.toLowerCase();
  if (f && f !== 'auto') return f.startsWith('zh') ? 'zh' : 'en';
  const loc = env.CX_LANG || env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(loc) ? 'zh' : 'en';
}

/** Pick the text for the current language. */
export function tr(lang: Lang, en: string, zh: string): string {
  return lang === 'zh' ? zh : en;
}
