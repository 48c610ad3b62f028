// One glossary for every output: the English and Simplified Chinese names of the CX terms cx prints
// (terminal tables of `cx score`/`cx kano`/`cx servqual`, and every report format: Markdown, HTML, XLSX,
// PPTX, SVG). Change a term here and it changes everywhere; tests check that reports use these names.

export type GlossaryLang = 'en' | 'zh';

export const GLOSSARY = {
  // NPS groups
  promoters: ['Promoters', '推荐者'],
  passives: ['Passives', '中立者'],
  detractors: ['Detractors', '贬损者'],
  promoter: ['promoter', '推荐者'],
  passive: ['passive', '中立者'],
  detractor: ['detractor', '贬损者'],
  // Kano categories
  A: ['Attractive', '魅力属性'],
  O: ['One-dimensional', '期望属性'],
  M: ['Must-be', '必备属性'],
  I: ['Indifferent', '无差异属性'],
  R: ['Reverse', '反向属性'],
  Q: ['Questionable', '可疑结果'],
  // SERVQUAL dimensions
  tangibles: ['Tangibles', '有形性'],
  reliability: ['Reliability', '可靠性'],
  responsiveness: ['Responsiveness', '响应性'],
  assurance: ['Assurance', '保证性'],
  empathy: ['Empathy', '移情性'],
  // Key-driver quadrants
  concentrate: ['Concentrate here', '重点改进'],
  'keep-up': ['Keep up the good work', '继续保持'],
  'low-priority': ['Low priority', '低优先级'],
  overkill: ['Possible overkill', '可能过度投入'],
  // Sentiment
  positive: ['positive', '正面'],
  neutral: ['neutral', '中性'],
  negative: ['negative', '负面'],
  // Theme impact
  pain: ['Pain point', '痛点'],
  delight: ['Delight', '亮点'],
  // Targets
  met: ['met', '达成'],
  missed: ['missed', '未达成'],
  target: ['Target', '目标'],
  // Import exclusions
  preview: ['preview', '预览'],
  test: ['test', '测试'],
  duplicate: ['duplicate', '重复'],
  spam: ['spam', '垃圾答卷'],
  empty: ['empty', '空白'],
  'screened-out': ['screened out', '甄别淘汰'],
  speeder: ['speeder', '作答过快'],
  // Misc
  unassigned: ['unassigned', '未分配'],
  all: ['All responses', '全部答卷'],
  week: ['week', '周'],
  month: ['month', '月'],
  quarter: ['quarter', '季度'],
} as const satisfies Record<string, readonly [string, string]>;

export type GlossaryKey = keyof typeof GLOSSARY;

const ALIASES: Record<string, GlossaryKey> = {
  fix: 'concentrate',
  maintain: 'keep-up',
  keep: 'keep-up',
  monitor: 'low-priority',
  leverage: 'overkill',
};

/** The term for `key` in `lang`; unknown keys come back unchanged (a data value, e.g. an owner name). */
export function term(key: string, lang: GlossaryLang): string {
  const k = (key in GLOSSARY ? key : key.toLowerCase() in GLOSSARY ? key.toLowerCase() : ALIASES[key.toLowerCase()]) as GlossaryKey | undefined;
  if (!k) return key;
  return GLOSSARY[k][lang === 'zh' ? 1 : 0];
}

/** Is `key` a glossary term (or an alias of one)? */
export function isTerm(key: string): boolean {
  return key in GLOSSARY || key.toLowerCase() in GLOSSARY || key.toLowerCase() in ALIASES;
}
