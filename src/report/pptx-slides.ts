// Slide builders for the PowerPoint report (pptxgenjs, 16:9 "LAYOUT_WIDE" = 13.333 × 7.5 in).
import type { Kpi, ReportModel } from './model.js';
import type { ChartSpec } from './charts-spec.js';
import { tr, type Lang } from './charts-data.js';
import { addNativeChart, type Box } from './pptx-charts.js';
import type { Pptx, Slide, TableRow } from './pptx-types.js';
import { cleanText } from './xlsx-safe.js';
import { displayWidth } from './excel-sheet.js';

export const W = 13.333;
export const H = 7.5;
const NAVY = '1F4E79';
const GREY = '666666';
const GREEN = '2E7D32';
const RED = 'C62828';

export interface Deck {
  pptx: Pptx;
  lang: Lang;
  /** Font for all text; CJK runs fall back through the East Asian font set in the package post-step. */
  font: string;
  /** BCP-47 language tag for text runs. */
  langTag: string;
  footer: string;
}

function clip(s: string, max: number): string {
  const t = cleanText(s).replace(/\s+/g, ' ').trim();
  const chars = [...t];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : t;
}

/** Clip by display width (CJK characters count double), so a quote takes about the same room in any script. */
function clipWidth(s: string, maxWidth: number): string {
  const t = cleanText(s).replace(/\s+/g, ' ').trim();
  let w = 0;
  let out = '';
  for (const ch of t) {
    const cw = displayWidth(ch);
    if (w + cw > maxWidth - 1) return `${out}…`;
    w += cw;
    out += ch;
  }
  return out;
}

export function fmt(v: number | undefined, digits = 1): string {
  return v === undefined || !Number.isFinite(v) ? '–' : v.toFixed(digits);
}

function signed(v: number | undefined, digits = 1): string {
  if (v === undefined || !Number.isFinite(v)) return '–';
  const s = v.toFixed(digits);
  return v > 0 ? `+${s}` : v < 0 ? s.replace('-', '−') : s;
}

/** A content slide with a title bar and footer; returns the slide. */
export function contentSlide(d: Deck, title: string, subtitle?: string): Slide {
  const s = d.pptx.addSlide();
  s.background = { color: 'FFFFFF' };
  s.addShape('rect', { x: 0, y: 0, w: W, h: 0.12, fill: { color: NAVY }, line: { color: NAVY } });
  s.addText(clip(title, 90), { x: 0.5, y: 0.3, w: W - 1, h: 0.6, fontFace: d.font, fontSize: 24, bold: true, color: NAVY, lang: d.langTag, fit: 'shrink' });
  if (subtitle) s.addText(clip(subtitle, 160), { x: 0.5, y: 0.88, w: W - 1, h: 0.35, fontFace: d.font, fontSize: 12, color: GREY, lang: d.langTag });
  s.addText(clip(d.footer, 140), { x: 0.5, y: H - 0.4, w: W - 1.6, h: 0.3, fontFace: d.font, fontSize: 9, color: '999999', lang: d.langTag });
  s.slideNumber = { x: W - 1.0, y: H - 0.4, w: 0.6, h: 0.3, fontFace: d.font, fontSize: 9, color: '999999' };
  return s;
}

export function titleSlide(d: Deck, model: ReportModel): void {
  const m = model.meta;
  const s = d.pptx.addSlide();
  s.background = { color: NAVY };
  s.addText(clip(m.title, 80), { x: 0.8, y: 2.1, w: W - 1.6, h: 1.3, fontFace: d.font, fontSize: 40, bold: true, color: 'FFFFFF', lang: d.langTag, fit: 'shrink' });
  const [c, o, cl] = d.lang === 'zh' ? ['：', '（', '）'] : [': ', ' (', ')']; // full-width punctuation in Chinese
  const lines = [
    `${tr(d.lang, 'Period', '报告期')}${c}${m.period.label}${o}${m.period.start} – ${m.period.end}${cl}`,
    m.comparison ? `${tr(d.lang, 'Compared with', '对比期')}${c}${m.comparison.label}${o}${m.comparison.start} – ${m.comparison.end}${cl}` : '',
    `n = ${m.n}${m.nComparison !== undefined ? `${o}${tr(d.lang, 'previous', '上期')} ${m.nComparison}${cl}` : ''}`,
    `${tr(d.lang, 'Data as of', '数据截至')} ${m.generatedAt}${m.source.length ? ` · ${m.source.join(', ')}` : ''}`,
  ].filter(Boolean);
  s.addText(lines.map((t) => ({ text: clip(t, 150), options: { breakLine: true } })), {
    x: 0.8, y: 3.6, w: W - 1.6, h: 1.8, fontFace: d.font, fontSize: 16, color: 'DCE6F2', lang: d.langTag, valign: 'top',
  });
}

function kpiCard(d: Deck, s: Slide, k: Kpi, box: Box): void {
  s.addShape('roundRect', { ...box, fill: { color: 'F3F6FA' }, line: { color: 'D0DAE6', width: 1 }, rectRadius: 0.08 });
  const unit = k.unit === '%' ? '%' : '';
  s.addText(k.name, { x: box.x + 0.25, y: box.y + 0.2, w: box.w - 0.5, h: 0.45, fontFace: d.font, fontSize: 18, bold: true, color: NAVY, lang: d.langTag });
  s.addText(clip(k.label, 70), { x: box.x + 0.25, y: box.y + 0.62, w: box.w - 0.5, h: 0.5, fontFace: d.font, fontSize: 10, color: GREY, lang: d.langTag, valign: 'top' });
  s.addText(`${fmt(k.value)}${unit}`, { x: box.x + 0.25, y: box.y + 1.15, w: box.w - 0.5, h: 1.0, fontFace: d.font, fontSize: 44, bold: true, color: '222222' });
  const ci = k.ci95 && Number.isFinite(k.ci95[0]) && Number.isFinite(k.ci95[1]) ? `95% CI ${fmt(k.ci95[0])} – ${fmt(k.ci95[1])}` : '';
  s.addText(`${ci}${ci ? ' · ' : ''}n = ${k.n}${k.unstable ? ` · ${tr(d.lang, 'small base', '样本量小')}` : ''}`, {
    x: box.x + 0.25, y: box.y + 2.15, w: box.w - 0.5, h: 0.35, fontFace: d.font, fontSize: 11, color: GREY, lang: d.langTag,
  });
  if (k.change !== undefined && Number.isFinite(k.change)) {
    // For CES as a mean, lower is better when the scale is "effort"; report the direction neutrally there.
    const good = k.metric === 'ces' ? undefined : k.change > 0;
    const color = good === undefined || k.change === 0 ? '444444' : good ? GREEN : RED;
    const arrow = k.change > 0 ? '▲' : k.change < 0 ? '▼' : '■';
    const sig = k.significant ? tr(d.lang, 'significant (p < 0.05)', '显著（p < 0.05）') : tr(d.lang, 'not significant', '不显著');
    s.addText([
      { text: `${arrow} ${signed(k.change)}${k.unit === '%' ? ' pts' : ''}`, options: { bold: true, color, fontSize: 16 } },
      { text: `  ${tr(d.lang, 'vs', '对比')} ${fmt(k.previous)}${unit} · ${sig}${k.p !== undefined ? ` · p = ${k.p < 0.001 ? '<0.001' : k.p.toFixed(3)}` : ''}`, options: { color: GREY, fontSize: 11 } },
    ], { x: box.x + 0.25, y: box.y + 2.55, w: box.w - 0.5, h: 0.5, fontFace: d.font, lang: d.langTag });
  } else {
    s.addText(tr(d.lang, 'No comparison period', '无对比期数据'), { x: box.x + 0.25, y: box.y + 2.55, w: box.w - 0.5, h: 0.5, fontFace: d.font, fontSize: 11, color: GREY, lang: d.langTag });
  }
}

export function kpiSlide(d: Deck, model: ReportModel): void {
  const s = contentSlide(d, tr(d.lang, 'Key metrics', '核心指标'), `${model.meta.period.label}${model.meta.comparison ? ` ${tr(d.lang, 'vs', '对比')} ${model.meta.comparison.label}` : ''}`);
  const ks = model.kpis.slice(0, 3);
  if (ks.length === 0) {
    s.addText(tr(d.lang, 'No NPS, CSAT or CES question in the data.', '数据中没有 NPS、CSAT 或 CES 题目。'), { x: 0.5, y: 2, w: W - 1, h: 1, fontFace: d.font, fontSize: 16, color: GREY, lang: d.langTag });
    return;
  }
  const gap = 0.35;
  const w = (W - 1 - gap * (ks.length - 1)) / ks.length;
  ks.forEach((k, i) => kpiCard(d, s, k, { x: 0.5 + i * (w + gap), y: 1.5, w, h: 3.3 }));
  const notes = model.notes.filter((n) => n.section === 'kpis' || n.section === 'general').map((n) => n.text);
  const extra = [...model.warnings, ...notes].slice(0, 4);
  if (extra.length) {
    s.addText(extra.map((t) => ({ text: clip(t, 180), options: { bullet: true, breakLine: true } })), {
      x: 0.5, y: 5.05, w: W - 1, h: 1.9, fontFace: d.font, fontSize: 11, color: GREY, lang: d.langTag, valign: 'top',
    });
  }
}

/** A slide with one to three charts laid out side by side. */
export function chartSlide(d: Deck, title: string, charts: ChartSpec[], subtitle?: string): void {
  const s = contentSlide(d, title, subtitle);
  const n = Math.max(1, Math.min(3, charts.length));
  const gap = 0.3;
  const w = (W - 1 - gap * (n - 1)) / n;
  charts.slice(0, 3).forEach((c, i) => addNativeChart(d.pptx, s, c, { x: 0.5 + i * (w + gap), y: 1.35, w, h: H - 1.35 - 0.55 }, d.font, d.langTag));
}

/** A chart on the left two-thirds and a small table on the right. */
export function chartWithTableSlide(d: Deck, title: string, chart: ChartSpec, head: string[], rows: string[][], subtitle?: string): void {
  const s = contentSlide(d, title, subtitle);
  addNativeChart(d.pptx, s, chart, { x: 0.4, y: 1.35, w: 8.2, h: H - 1.9 }, d.font, d.langTag);
  tableAt(d, s, head, rows.slice(0, 14), { x: 8.8, y: 1.45, w: W - 8.8 - 0.4, h: 0 }, 10);
}

export function tableAt(d: Deck, s: Slide, head: string[], rows: string[][], box: Box, fontSize: number, colW?: number[]): void {
  const header: TableRow = head.map((h) => ({ text: clip(h, 40), options: { bold: true, color: 'FFFFFF', fill: { color: NAVY } } }));
  const body: TableRow[] = rows.map((r, i) => r.map((c) => ({ text: clip(c, 400), options: { fill: { color: i % 2 ? 'FFFFFF' : 'F3F6FA' } } })));
  s.addTable([header, ...body], {
    x: box.x, y: box.y, w: box.w, ...(colW ? { colW } : {}), fontFace: d.font, fontSize, color: '222222',
    border: { type: 'solid', pt: 0.5, color: 'D0DAE6' }, valign: 'middle', margin: 0.04, autoPage: false,
  });
}

/** Verbatims: quotes with score, sentiment and themes; `perSlide` rows per slide, at most `maxSlides`. */
export function verbatimSlides(d: Deck, model: ReportModel, perSlide = 6, maxSlides = 2): void {
  const v = model.verbatims ?? [];
  if (v.length === 0) return;
  const pages = Math.min(maxSlides, Math.ceil(v.length / perSlide));
  for (let p = 0; p < pages; p++) {
    const chunk = v.slice(p * perSlide, (p + 1) * perSlide);
    const s = contentSlide(d, tr(d.lang, 'What customers said', '客户原话') + (pages > 1 ? ` (${p + 1}/${pages})` : ''), tr(d.lang, `${v.length} comments selected; personal data redacted`, `共选取 ${v.length} 条评论；个人信息已脱敏`));
    const rows = chunk.map((x) => [
      `“${clipWidth(x.text, 240)}”`,
      x.score === undefined ? '–' : String(x.score),
      x.themes.length ? clip(x.themes.join(', '), 40) : '–',
    ]);
    tableAt(d, s, [tr(d.lang, 'Comment', '评论'), tr(d.lang, 'Score', '评分'), tr(d.lang, 'Themes', '主题')], rows, { x: 0.5, y: 1.4, w: W - 1, h: 0 }, 11, [9.2, 0.9, 2.233]);
  }
}

export function followUpSlide(d: Deck, model: ReportModel): void {
  const g = model.followUps ?? [];
  if (g.length === 0) return;
  const s = contentSlide(d, tr(d.lang, 'Closing the loop: follow-ups by owner', '闭环跟进：按负责人'), tr(d.lang, 'Detractors routed by the themes of their comments', '按评论主题分派的贬损者'));
  const rows = g.map((x) => {
    const themes = new Map<string, number>();
    for (const it of x.items) for (const t of it.themes) themes.set(t, (themes.get(t) ?? 0) + 1);
    const top = [...themes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([t, c]) => `${t} (${c})`).join(', ');
    const example = x.items[0] ? `“${clipWidth(x.items[0].text, 100)}”` : '';
    return [x.owner === 'unassigned' ? tr(d.lang, 'unassigned', '未分配') : x.owner, String(x.items.length), top || '–', example];
  });
  tableAt(d, s, [tr(d.lang, 'Owner', '负责人'), tr(d.lang, 'Cases', '案例数'), tr(d.lang, 'Top themes', '主要主题'), tr(d.lang, 'Example', '示例')], rows.slice(0, 12), { x: 0.5, y: 1.4, w: W - 1, h: 0 }, 11, [2.0, 1.0, 3.8, 5.533]);
}

export function notesSlide(d: Deck, model: ReportModel): void {
  const items = [...model.warnings, ...model.notes.map((n) => n.text)];
  if (items.length === 0) return;
  const s = contentSlide(d, tr(d.lang, 'Notes and caveats', '说明与注意事项'));
  s.addText(items.slice(0, 14).map((t) => ({ text: clip(t, 200), options: { bullet: true, breakLine: true } })), {
    x: 0.5, y: 1.4, w: W - 1, h: H - 2.0, fontFace: d.font, fontSize: 13, color: '333333', lang: d.langTag, valign: 'top', fit: 'shrink',
  });
}
