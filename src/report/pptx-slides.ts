// Slide builders for the PowerPoint report (pptxgenjs, 16:9 "LAYOUT_WIDE" = 13.333 × 7.5 in).
import type { Kpi, ReportModel } from './model.js';
import type { ChartSpec } from './charts-spec.js';
import { tr, type Lang } from './charts-data.js';
import { addNativeChart, type Box } from './pptx-charts.js';
import type { Pptx, Slide, TableRow } from './pptx-types.js';
import { cleanText } from './xlsx-safe.js';
import { displayWidth } from './excel-sheet.js';
import { digitsOf, fx, sx, targetText } from './build-insights.js';
import { npsSplit } from './markdown.js';
import { term } from '../ui/glossary.js';
import { BAD, GOOD, NPS_GROUP_COLORS, changeColor } from './colors.js';

export const W = 13.333;
export const H = 7.5;
const NAVY = '1F4E79';
const GREY = '666666';

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

/** A content slide with a title bar and footer; returns the slide. */
export function contentSlide(d: Deck, title: string, subtitle?: string): Slide {
  const s = d.pptx.addSlide();
  s.background = { color: 'FFFFFF' };
  s.addShape('rect', { x: 0, y: 0, w: W, h: 0.12, fill: { color: NAVY }, line: { color: NAVY } });
  // Long titles wrap onto a second line in a smaller size instead of being cut.
  const tw = displayWidth(cleanText(title));
  s.addText(clip(title, 200), { x: 0.5, y: 0.22, w: W - 1, h: 0.7, fontFace: d.font, fontSize: tw > 150 ? 16 : tw > 75 ? 19 : 24, bold: true, color: NAVY, lang: d.langTag, valign: 'middle', fit: 'shrink' });
  if (subtitle) s.addText(clip(subtitle, 300), { x: 0.5, y: 0.9, w: W - 1, h: 0.4, fontFace: d.font, fontSize: displayWidth(subtitle) > 170 ? 10 : 12, color: GREY, lang: d.langTag, valign: 'top', fit: 'shrink' });
  s.addText(clip(d.footer, 140), { x: 0.5, y: H - 0.4, w: W - 1.6, h: 0.3, fontFace: d.font, fontSize: 9, color: '999999', lang: d.langTag });
  s.slideNumber = { x: W - 1.0, y: H - 0.4, w: 0.6, h: 0.3, fontFace: d.font, fontSize: 9, color: '999999' };
  return s;
}

export function titleSlide(d: Deck, model: ReportModel): void {
  const m = model.meta;
  const s = d.pptx.addSlide();
  s.background = { color: NAVY };
  const tw = displayWidth(cleanText(m.title));
  s.addText(clip(m.title, 200), { x: 0.8, y: 1.7, w: W - 1.6, h: 1.7, fontFace: d.font, fontSize: tw > 90 ? 26 : tw > 45 ? 32 : 40, bold: true, color: 'FFFFFF', lang: d.langTag, valign: 'bottom', fit: 'shrink' });
  const [c, o, cl] = d.lang === 'zh' ? ['：', '（', '）'] : [': ', ' (', ')']; // full-width punctuation in Chinese
  const lines = [
    `${tr(d.lang, 'Period', '报告期')}${c}${m.period.label}${o}${m.period.start} – ${m.period.end}${cl}${m.period.partial ? tr(d.lang, ` · partial: data ${m.period.coveredStart} – ${m.period.coveredEnd}`, ` · 不完整：数据仅覆盖 ${m.period.coveredStart} – ${m.period.coveredEnd}`) : ''}`,
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
  const dg = digitsOf(k);
  const x = box.x + 0.25;
  const w = box.w - 0.5;
  s.addText(k.name, { x, y: box.y + 0.15, w, h: 0.45, fontFace: d.font, fontSize: 18, bold: true, color: NAVY, lang: d.langTag });
  s.addText(clip(k.label, 110), { x, y: box.y + 0.55, w, h: 0.5, fontFace: d.font, fontSize: 9, color: GREY, lang: d.langTag, valign: 'top', fit: 'shrink' });
  s.addText(`${fx(k.value, dg)}${unit}`, { x, y: box.y + 1.0, w, h: 0.85, fontFace: d.font, fontSize: 40, bold: true, color: '222222' });
  const ci = k.ci95 && Number.isFinite(k.ci95[0]) && Number.isFinite(k.ci95[1]) ? `95% CI ${fx(k.ci95[0], dg)} – ${fx(k.ci95[1], dg)}` : '';
  s.addText(`${ci}${ci ? ' · ' : ''}n = ${k.n}${k.unstable ? ` · ⚠ ${tr(d.lang, 'small base', '样本量小')}` : ''}`, {
    x, y: box.y + 1.85, w, h: 0.32, fontFace: d.font, fontSize: 11, color: GREY, lang: d.langTag,
  });
  // Target: met / missed, next to the value.
  if (k.target) {
    const met = k.targetMet === true;
    s.addText([
      { text: `${met ? '✔' : '✘'} `, options: { bold: true, color: met ? GOOD : BAD } },
      { text: `${term('target', d.lang)} ${targetText(k, k.target)} · ${term(met ? 'met' : 'missed', d.lang)}`, options: { color: met ? GOOD : BAD, bold: !met } },
    ], { x, y: box.y + 2.17, w, h: 0.32, fontFace: d.font, fontSize: 12, lang: d.langTag });
  }
  if (k.change !== undefined && Number.isFinite(k.change)) {
    const shown = Number(fx(k.change, dg));
    // CES as a mean: which direction is better depends on how the scale is worded; stay neutral.
    const color = changeColor(k.change, k.metric === 'ces' && k.unit === 'mean' ? undefined : true, shown);
    const arrow = shown > 0 ? '▲' : shown < 0 ? '▼' : '=';
    const sig = k.significant ? tr(d.lang, 'significant', '显著') : tr(d.lang, 'not significant', '不显著');
    s.addText([
      { text: `${arrow} ${sx(k.change, dg)}${k.unit === '%' ? tr(d.lang, ' pts', ' 个百分点') : ''}`, options: { bold: true, color, fontSize: 15 } },
      { text: `  ${tr(d.lang, 'vs', '对比')} ${fx(k.previous ?? NaN, dg)}${unit} · ${sig}${k.p !== undefined ? ` (p ${k.p < 0.001 ? '< 0.001' : `= ${k.p.toFixed(3)}`})` : ''}`, options: { color: GREY, fontSize: 10 } },
    ], { x, y: box.y + 2.5, w, h: 0.4, fontFace: d.font, lang: d.langTag, fit: 'shrink' });
  } else {
    s.addText(tr(d.lang, 'No comparison period', '无对比期数据'), { x, y: box.y + 2.5, w, h: 0.4, fontFace: d.font, fontSize: 10, color: GREY, lang: d.langTag });
  }
  // NPS: the promoter / passive / detractor split as a bar of three parts with their shares.
  if (k.metric === 'nps') {
    const sp = npsSplit(k.cell);
    const parts: [keyof typeof NPS_GROUP_COLORS, number][] = [['promoters', sp.pctPromoters], ['passives', sp.pctPassives], ['detractors', sp.pctDetractors]];
    let px = x;
    const y = box.y + 2.95;
    for (const [g, pct] of parts) {
      const pw = (w * Math.max(0, pct)) / 100;
      if (pw > 0.01) s.addShape('rect', { x: px, y, w: pw, h: 0.14, fill: { color: NPS_GROUP_COLORS[g] }, line: { color: NPS_GROUP_COLORS[g], width: 0 } });
      px += pw;
    }
    s.addText(parts.map(([g, pct], i) => ({ text: `${term(g, d.lang)} ${fx(pct, 0)}%${i < 2 ? '   ' : ''}`, options: { color: NPS_GROUP_COLORS[g] === 'BAB0AC' ? '777777' : NPS_GROUP_COLORS[g], bold: true } })), {
      x, y: y + 0.15, w, h: 0.28, fontFace: d.font, fontSize: 10, lang: d.langTag,
    });
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
  ks.forEach((k, i) => kpiCard(d, s, k, { x: 0.5 + i * (w + gap), y: 1.45, w, h: 3.55 }));
  const notes = model.notes.filter((n) => n.section === 'kpis' || n.section === 'general').map((n) => n.text);
  const extra = [...model.warnings, ...notes].slice(0, 4);
  if (extra.length) {
    s.addText(extra.map((t) => ({ text: clip(t, 220), options: { bullet: true, breakLine: true } })), {
      x: 0.5, y: 5.15, w: W - 1, h: 1.8, fontFace: d.font, fontSize: 11, color: GREY, lang: d.langTag, valign: 'top', fit: 'shrink',
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

/** Width (inches) of text at `fontSize` pt: about half an em per Latin character, a full em per CJK one. */
function textInches(t: string, fontSize: number): number {
  return (displayWidth(t) * 0.52 * fontSize) / 72;
}

/**
 * Column widths (inches) that never break a word: every column gets at least its longest word (plus cell
 * margins), the rest of the width goes to the columns with the most text. Returns the widths and the font
 * size (reduced when even the longest words do not fit).
 */
export function fitColumns(head: string[], rows: string[][], total: number, fontSize: number): { colW: number[]; fontSize: number } {
  const cols = head.length;
  for (let fs = fontSize; fs >= 7; fs--) {
    const margin = 0.14;
    const minW = new Array(cols).fill(0);
    const want = new Array(cols).fill(0);
    const all = [head, ...rows];
    for (const r of all)
      r.forEach((c, j) => {
        const words = cleanText(c).split(/\s+/).filter(Boolean);
        // CJK text can wrap between characters: its "word" is one character
        const longest = Math.max(0, ...words.map((w) => (/[\u3400-\u9fff]/.test(w) ? textInches('中中', fs) : textInches(w, fs))));
        minW[j] = Math.max(minW[j], longest + margin);
        want[j] = Math.max(want[j], Math.min(textInches(c, fs) + margin, total * 0.6));
      });
    const sumMin = minW.reduce((a, b) => a + b, 0);
    if (sumMin > total && fs > 7) continue;
    const extra = Math.max(0, total - sumMin);
    const room = want.map((x, j) => Math.max(0, x - minW[j]));
    const sumRoom = room.reduce((a, b) => a + b, 0);
    const colW = minW.map((m, j) => m + (sumRoom > 0 ? (extra * room[j]) / sumRoom : extra / cols));
    const scale = total / colW.reduce((a, b) => a + b, 0);
    return { colW: colW.map((x) => x * scale), fontSize: fs };
  }
  return { colW: new Array(cols).fill(total / cols), fontSize: 7 };
}

export function tableAt(d: Deck, s: Slide, head: string[], rows: string[][], box: Box, fontSize: number, colW?: number[]): void {
  const fit = colW ? { colW, fontSize } : fitColumns(head, rows, box.w, fontSize);
  const header: TableRow = head.map((h) => ({ text: clip(h, 60), options: { bold: true, color: 'FFFFFF', fill: { color: NAVY } } }));
  const body: TableRow[] = rows.map((r, i) => r.map((c) => ({ text: clip(c, 400), options: { fill: { color: i % 2 ? 'FFFFFF' : 'F3F6FA' } } })));
  s.addTable([header, ...body], {
    x: box.x, y: box.y, w: box.w, colW: fit.colW, fontFace: d.font, fontSize: fit.fontSize, color: '222222',
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
      x.themes.length ? x.themes.join(d.lang === 'zh' ? '、' : ', ') : '–',
    ]);
    tableAt(d, s, [tr(d.lang, 'Comment', '评论'), tr(d.lang, 'Score', '评分'), tr(d.lang, 'Themes', '主题')], rows, { x: 0.5, y: 1.4, w: W - 1, h: 0 }, 11, [8.0, 0.9, 3.433]);
  }
}

export function followUpSlide(d: Deck, model: ReportModel): void {
  const g = model.followUps ?? [];
  if (g.length === 0) return;
  const fs = model.followUpSummary;
  const sub = fs && fs.multiRouted > 0
    ? tr(d.lang, `${fs.comments} detractor comments; ${fs.multiRouted} of them are routed to several owners and counted under each (${fs.assignments} assignments)`, `共 ${fs.comments} 条贬损者评论；其中 ${fs.multiRouted} 条分派给多位负责人，在每位负责人下各计一次（共 ${fs.assignments} 次分派）`)
    : tr(d.lang, 'Detractors routed by the themes of their comments', '按评论主题分派的贬损者');
  const s = contentSlide(d, tr(d.lang, 'Closing the loop: follow-ups by owner', '闭环跟进：按负责人'), sub);
  const rows = g.map((x) => {
    const themes = new Map<string, number>();
    for (const it of x.items) for (const t of it.themes) themes.set(t, (themes.get(t) ?? 0) + 1);
    const top = [...themes.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([t, c]) => `${t} (${c})`).join(d.lang === 'zh' ? '、' : ', ');
    const example = x.items[0] ? `“${clipWidth(x.items[0].text, 110)}”` : '';
    return [x.owner === 'unassigned' ? term('unassigned', d.lang) : x.owner, String(x.items.length), String(x.shared ?? 0), top || '–', example];
  });
  tableAt(d, s, [tr(d.lang, 'Owner', '负责人'), tr(d.lang, 'Cases', '案例数'), tr(d.lang, 'Also routed elsewhere', '同时分派他人'), tr(d.lang, 'Top themes', '主要主题'), tr(d.lang, 'Example', '示例')], rows.slice(0, 12), { x: 0.5, y: 1.45, w: W - 1, h: 0 }, 10);
}

/** The executive summary: the generated headlines; speaker notes carry the method and the bases. */
export function summarySlide(d: Deck, model: ReportModel): void {
  const h = model.headlines ?? [];
  if (h.length === 0) return;
  const m = model.meta;
  const s = contentSlide(d, tr(d.lang, 'Executive summary', '执行摘要'), `${m.period.label}${m.comparison ? ` ${tr(d.lang, 'vs', '对比')} ${m.comparison.label}` : ''} · n = ${m.n}`);
  const color = (k: string) => (k === 'target-missed' || k === 'theme' ? BAD : NAVY);
  s.addText(h.map((x, i) => ({ text: cleanText(x.text), options: { bullet: { type: 'number' }, breakLine: i < h.length - 1, color: color(x.kind), paraSpaceAfter: 10 } })), {
    x: 0.6, y: 1.5, w: W - 1.2, h: H - 2.2, fontFace: d.font, fontSize: h.length > 4 ? 16 : 18, color: '222222', lang: d.langTag, valign: 'top', fit: 'shrink',
  });
  s.addNotes(methodNotes(d, model));
}

/** Speaker notes: how the numbers were made and on what base. */
export function methodNotes(d: Deck, model: ReportModel): string {
  const me = model.method;
  const lines: string[] = [];
  lines.push(tr(d.lang, `Base: ${model.meta.n} responses in ${model.meta.period.label}${model.meta.nComparison !== undefined ? `, ${model.meta.nComparison} in ${model.meta.comparison?.label}` : ''}.`, `样本：${model.meta.period.label} 共 ${model.meta.n} 份答卷${model.meta.nComparison !== undefined ? `，${model.meta.comparison?.label} 共 ${model.meta.nComparison} 份` : ''}。`));
  for (const b of me?.bases ?? []) lines.push(`${b.name}: n = ${b.n}${b.moe95 !== undefined ? `, ±${fx(b.moe95, b.unit === 'mean' ? 2 : 1)}${b.unit === '%' ? tr(d.lang, ' pts', ' 个百分点') : ''} (95%)` : ''}`);
  if (me?.exclusions.length) lines.push(`${tr(d.lang, 'Excluded at import', '导入时排除')}: ${me.exclusions.map((e) => `${term(e.reason, d.lang)} ${e.count}`).join(', ')}`);
  lines.push(...(me?.statistics ?? []));
  for (const x of model.headlines ?? []) if (x.n !== undefined) lines.push(`• ${x.kind}: n = ${x.n}${x.p !== undefined ? `, p = ${x.p < 0.001 ? '< 0.001' : x.p.toFixed(3)}` : ''}`);
  return lines.join('\n');
}

/** Weekly alerts: what changed significantly, targets missed, response volume. */
export function alertsSlide(d: Deck, model: ReportModel): void {
  if (!model.alerts) return; // a model built elsewhere, without the alerts block
  const a = model.alerts;
  const s = contentSlide(d, tr(d.lang, 'Alerts', '预警'), tr(d.lang, 'Significant changes, targets, volume', '显著变化、目标、答卷量'));
  if (!a.length) {
    s.addText(tr(d.lang, 'No significant change, no missed target.', '无显著变化，无未达成的目标。'), { x: 0.6, y: 1.6, w: W - 1.2, h: 0.6, fontFace: d.font, fontSize: 16, color: GREY, lang: d.langTag });
    return;
  }
  const col = (t: string) => (t === 'bad' ? BAD : t === 'good' ? GOOD : '333333');
  s.addText(a.map((x, i) => ({ text: `${x.tone === 'bad' ? '●' : x.tone === 'good' ? '●' : '○'}  ${cleanText(x.text)}`, options: { color: col(x.tone), breakLine: i < a.length - 1, paraSpaceAfter: 8 } })), {
    x: 0.6, y: 1.5, w: W - 1.2, h: H - 2.2, fontFace: d.font, fontSize: 16, lang: d.langTag, valign: 'top', fit: 'shrink',
  });
}

/** Method and sample: bases and margins of error, exclusions, the statistics used. */
export function methodSlide(d: Deck, model: ReportModel): void {
  const me = model.method;
  if (!me) return;
  const s = contentSlide(d, tr(d.lang, 'Method and sample', '方法与样本'), tr(d.lang, `${me.n} responses${me.rowsRead ? `; the import read ${me.rowsRead} rows and kept ${me.rowsKept}` : ''}`, `共 ${me.n} 份答卷${me.rowsRead ? `；导入时读取 ${me.rowsRead} 行，保留 ${me.rowsKept} 行` : ''}`));
  const rows = me.bases.map((b) => [b.name, String(b.n), b.moe95 === undefined ? '–' : `± ${fx(b.moe95, b.unit === 'mean' ? 2 : 1)}${b.unit === '%' ? tr(d.lang, ' pts', ' 个百分点') : ''}`]);
  tableAt(d, s, [tr(d.lang, 'Base', '样本'), 'n', tr(d.lang, 'Margin of error (95%)', '误差范围（95%）')], rows, { x: 0.5, y: 1.5, w: 5.6, h: 0 }, 12);
  if (me.exclusions.length) {
    tableAt(d, s, [tr(d.lang, 'Excluded at import', '导入时排除'), 'n'], me.exclusions.map((e) => [term(e.reason, d.lang), String(e.count)]), { x: 0.5, y: 3.4, w: 5.6, h: 0 }, 12);
  }
  s.addText(me.statistics.map((t, i) => ({ text: t, options: { bullet: true, breakLine: i < me.statistics.length - 1, paraSpaceAfter: 6 } })), {
    x: 6.5, y: 1.5, w: W - 7.0, h: H - 2.2, fontFace: d.font, fontSize: 12, color: '333333', lang: d.langTag, valign: 'top', fit: 'shrink',
  });
  s.addNotes(methodNotes(d, model));
}

export function notesSlide(d: Deck, model: ReportModel): void {
  const items = [...model.warnings, ...model.notes.map((n) => n.text)];
  if (items.length === 0) return;
  const s = contentSlide(d, tr(d.lang, 'Notes and caveats', '说明与注意事项'));
  s.addText(items.slice(0, 14).map((t) => ({ text: clip(t, 200), options: { bullet: true, breakLine: true } })), {
    x: 0.5, y: 1.4, w: W - 1, h: H - 2.0, fontFace: d.font, fontSize: 13, color: '333333', lang: d.langTag, valign: 'top', fit: 'shrink',
  });
}
