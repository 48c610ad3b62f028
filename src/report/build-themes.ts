// Themes for the report: the window's comments coded with the cx.yaml codeframe (counts, % of comments,
// change versus the comparison window, sentiment, share among NPS detractors, owner), plus overall
// sentiment. Uses the codeframe helper's pure coding functions (src/text/code.ts).
import type { Survey } from '../dataset/types.js';
import type { CxConfig } from '../config/schema.js';
import type { ReportModel, ThemeRow } from './model.js';

type T = (en: string, zh: string) => string;

export interface CommentRef {
  row: number;
  text: string;
  score?: number;
}

export interface CodedComments {
  /** Theme names (codes, not nets) per row. */
  themesOf: Map<number, string[]>;
  sentimentOf: Map<number, 'positive' | 'neutral' | 'negative'>;
  /** Owners (codeframe `owner`, inherited from the parent net) of the codes a row mentions. */
  ownersOf(row: number): string[];
}

const pctOf = (k: number, n: number) => (n ? (100 * k) / n : 0);

export async function codeComments(
  model: ReportModel,
  _s: Survey,
  cfg: CxConfig,
  comments: CommentRef[],
  prev: CommentRef[],
  t: T,
): Promise<CodedComments | undefined> {
  if (!cfg.codeframe) return discovered(model, comments, t);
  const { loadCodeframe } = await import('../text/codeframe/index.js');
  const { codeTexts } = await import('../text/code.js');
  const { summarizeCodes } = await import('../text/codeframe/summary.js');
  const cf = loadCodeframe(cfg.codeframe);

  const coded = await codeTexts(comments.map((c) => c.text), cf, true);
  const summary = summarizeCodes(cf, coded, comments.length);
  const prevSummary = prev.length ? summarizeCodes(cf, await codeTexts(prev.map((c) => c.text), cf, false), prev.length) : undefined;
  const detIdx = comments.map((c, i) => (c.score !== undefined && c.score <= 6 ? i : -1)).filter((i) => i >= 0);
  const detSummary = detIdx.length ? summarizeCodes(cf, detIdx.map((i) => coded[i]!), detIdx.length) : undefined;

  // Owner of a code: its own, else the nearest ancestor's.
  const ownerOf = (k: number): string | undefined => {
    let c: (typeof cf.codes)[number] | undefined = cf.codes[k];
    for (let d = 0; c && d < 50; d++) {
      if (c.def.owner) return c.def.owner;
      c = c.parent !== undefined ? cf.byId.get(c.parent) : undefined;
    }
    return undefined;
  };

  const themes: ThemeRow[] = [];
  summary.forEach((r, k) => {
    if (r.count === 0 && !(prevSummary && prevSummary[k]!.count > 0)) return;
    const row: ThemeRow = { key: String(r.id), name: r.name, count: r.count, pct: r.pct, net: r.net, level: r.level };
    if (prevSummary) {
      row.previousPct = prevSummary[k]!.pct;
      row.change = r.pct - prevSummary[k]!.pct;
    }
    if (r.sentiment) {
      const n = r.sentiment.positive + r.sentiment.neutral + r.sentiment.negative;
      if (n) row.sentiment = { positive: pctOf(r.sentiment.positive, n), neutral: pctOf(r.sentiment.neutral, n), negative: pctOf(r.sentiment.negative, n) };
    }
    if (detSummary) row.detractors = { count: detSummary[k]!.count, pct: detSummary[k]!.pct };
    const owner = ownerOf(k);
    if (owner) row.owner = owner;
    themes.push(row);
  });

  const sentimentOf = new Map<number, 'positive' | 'neutral' | 'negative'>();
  const themesOf = new Map<number, string[]>();
  const owners = new Map<number, string[]>();
  let pos = 0;
  let neu = 0;
  let neg = 0;
  coded.forEach((c, i) => {
    if (c.noComment) return; // says nothing: no theme, sentiment or owner
    const row = comments[i]!.row;
    if (c.sentiment) {
      sentimentOf.set(row, c.sentiment.label);
      if (c.sentiment.label === 'positive') pos++;
      else if (c.sentiment.label === 'negative') neg++;
      else neu++;
    }
    const leaf = c.codes.filter((k) => !cf.codes[k]!.net);
    themesOf.set(row, leaf.map((k) => cf.codes[k]!.name));
    owners.set(row, [...new Set(c.codes.map(ownerOf).filter((o): o is string => Boolean(o)))].sort());
  });
  const nS = pos + neu + neg;
  model.themes = { source: 'codeframe', codeframe: cf.name, nComments: comments.length, themes };
  if (nS) model.themes.sentiment = { positive: pctOf(pos, nS), neutral: pctOf(neu, nS), negative: pctOf(neg, nS) };
  return { themesOf, sentimentOf, ownersOf: (row) => owners.get(row) ?? [] };
}

/** Without a codeframe: themes discovered from frequent terms (src/text/themes.ts) and comment sentiment. */
async function discovered(model: ReportModel, comments: CommentRef[], t: T): Promise<CodedComments> {
  const { discoverThemes } = await import('../text/themes.js');
  const { analyzeSentiment } = await import('../text/sentiment/index.js');
  const texts = comments.map((c) => c.text);
  // Redaction placeholders ([EMAIL] …) are not themes.
  const found = await discoverThemes(texts.map((x) => x.replace(/\[(EMAIL|PHONE|URL|ID|CARD|NUMBER)\]/g, ' ')), { top: 8 });
  const sent = await analyzeSentiment(texts);
  const sentimentOf = new Map<number, 'positive' | 'neutral' | 'negative'>();
  let pos = 0;
  let neu = 0;
  let neg = 0;
  sent.forEach((r, i) => {
    if (r.noComment) return;
    sentimentOf.set(comments[i]!.row, r.label);
    if (r.label === 'positive') pos++;
    else if (r.label === 'negative') neg++;
    else neu++;
  });
  model.themes = {
    source: 'discovered',
    nComments: comments.length,
    themes: found.themes.map((th, i) => ({ key: String(i + 1), name: th.name, count: th.count, pct: pctOf(th.count, comments.length) })),
  };
  const nS = pos + neu + neg;
  if (nS) model.themes.sentiment = { positive: pctOf(pos, nS), neutral: pctOf(neu, nS), negative: pctOf(neg, nS) };
  model.notes.push({
    section: 'themes',
    text: t(
      'Themes were discovered from frequent words (no codeframe in cx.yaml): set codeframe: FILE for stable, owned themes and changes over time.',
      '主题由高频词自动发现（cx.yaml 中未设置编码框架）：设置 codeframe: 文件 可得到稳定、有负责人的主题及其变化。',
    ),
  });
  return { themesOf: new Map(), sentimentOf, ownersOf: () => [] };
}
