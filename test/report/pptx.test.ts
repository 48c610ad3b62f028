import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { buildPptx, renderPptx } from '../../src/report/pptx.js';
import { fixChartXml, REF_SERIES_PREFIX } from '../../src/report/pptx-charts.js';
import { CxError } from '../../src/ui/errors.js';
import type { ReportModel } from '../../src/report/model.js';
import { sampleModel } from './charts-fixture.js';

async function unzip(buf: Buffer) {
  const zip = await JSZip.loadAsync(buf);
  const names = Object.keys(zip.files);
  const slides = names.filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n)).sort((a, b) => Number(/(\d+)\.xml/.exec(a)![1]) - Number(/(\d+)\.xml/.exec(b)![1]));
  const charts = names.filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
  const text = async (n: string) => zip.file(n)!.async('string');
  return { zip, slides, charts, text };
}

/** The visible text runs of a slide. */
function runs(xml: string): string {
  return [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join(' ');
}

describe('renderPptx', () => {
  it('builds the full deck: slide order, native charts, Chinese text with a CJK font', async () => {
    const { slides, charts, text } = await unzip(await buildPptx(sampleModel('zh')));
    // title, KPIs, trend, segments, Kano, SERVQUAL, drivers, themes, verbatims ×2 (8 quotes, 6 per slide),
    // follow-ups, notes
    expect(slides).toHaveLength(12);
    // trend NPS + CSAT, segments, Kano, SERVQUAL (expectation vs perception, gaps), drivers, themes
    expect(charts).toHaveLength(8);
    const s1 = await text(slides[0]);
    expect(runs(s1)).toContain('客户体验周报');
    expect(s1).toContain('<a:ea typeface="Microsoft YaHei"');
    expect(s1).toContain('lang="zh-CN"');
    const kpi = runs(await text(slides[1]));
    expect(kpi).toContain('31.5'); // NPS value
    expect(kpi).toContain('95% CI 24.1 – 38.9');
    expect(kpi).toContain('+7.5');
    expect(kpi).toContain('78.2%'); // CSAT
    const kano = await text(slides[4]);
    expect(runs(kano)).toContain('一键退款');
    expect(kano).toContain('<p:graphicFrame'); // the native chart frame
    const verb = runs(await text(slides[8]));
    expect(verb).toContain('快递太慢了，等了一周才到。');
    const follow = runs(await text(slides[10]));
    expect(follow).toContain('logistics');
    expect(follow).toContain('未分配');
  });

  it('draws Kano as Better vs |Worse| scatter with dashed quadrant lines at 0.5', async () => {
    const { charts, text } = await unzip(await buildPptx(sampleModel('en')));
    const xmls = await Promise.all(charts.map(text));
    const kano = xmls.find((x) => x.includes('Better vs |Worse|'))!;
    expect(kano).toContain('<c:scatterChart>');
    expect(kano).toContain('<a:prstDash val="dash"/>');
    // one point per feature: x = |Worse| (0.4, 0.7, 0.2, 0.7), y = Better; empty points were dropped
    expect(kano).not.toMatch(/<c:v><\/c:v>/);
    expect(kano).toMatch(/<c:xVal>[\s\S]*?<c:v>0.4<\/c:v>[\s\S]*?<c:v>0.7<\/c:v>[\s\S]*?<c:v>0.2<\/c:v>[\s\S]*?<c:v>0.7<\/c:v>/);
    expect(kano).toContain('One-click refund');
    const trend = xmls.find((x) => x.includes('NPS trend by week'))!;
    expect(trend).toContain('<c:lineChart>');
    for (const v of ['20', '22.5', '24', '31.5']) expect(trend).toContain(`<c:v>${v}</c:v>`);
    const themes = xmls.find((x) => x.includes('Themes in comments'))!;
    expect(themes).toContain('<c:barDir val="bar"/>');
  });

  it('has fixed document dates from generatedAt, also in the charts\' embedded workbooks', async () => {
    const { zip, text } = await unzip(await buildPptx(sampleModel('en')));
    const core = await text('docProps/core.xml');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-22T00:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2026-11-22T00:00:00Z</dcterms:modified>');
    const embedded = Object.keys(zip.files).filter((n) => n.startsWith('ppt/embeddings/') && n.endsWith('.xlsx'));
    expect(embedded.length).toBe(8);
    const inner = await JSZip.loadAsync(await zip.file(embedded[0])!.async('uint8array'));
    expect(await inner.file('docProps/core.xml')!.async('string')).toContain('2026-11-22T00:00:00Z</dcterms:created>');
    for (const f of Object.values(zip.files)) expect(f.date.toISOString()).toBe('2026-11-22T00:00:00.000Z');
  });

  it('gives the same bytes for the same model (no random chart ids)', async () => {
    const a = await buildPptx(sampleModel('en'));
    const b = await buildPptx(sampleModel('en'));
    expect(Buffer.compare(a, b)).toBe(0);
    const { charts, text } = await unzip(a);
    const xml = (await Promise.all(charts.map(text))).join('');
    const ids = [...xml.matchAll(/c16:uniqueId val="\{([^}]*)\}"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length); // still unique within the deck
  });

  it('renders a KPI-only model as title + KPI slides', async () => {
    const m = sampleModel('en');
    const minimal: ReportModel = { meta: m.meta, kpis: [], notes: [], warnings: [] };
    const { slides, charts, text } = await unzip(await buildPptx(minimal));
    expect(slides).toHaveLength(2);
    expect(charts).toHaveLength(0);
    expect(runs(await text(slides[1]))).toContain('No NPS, CSAT or CES question in the data.');
  });

  it('writes atomically; a missing folder is a usage error (exit 2)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cx-pptx-'));
    const out = path.join(dir, 'deck.pptx');
    await renderPptx(sampleModel('en'), out);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(readdirSync(dir)).toEqual(['deck.pptx']);
    const err = await renderPptx(sampleModel('en'), path.join(dir, 'nope', 'deck.pptx')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CxError);
    expect((err as CxError).exitCode).toBe(2);
  });
});

describe('fixChartXml', () => {
  it('drops empty points, adds an East Asian font and restyles reference series', () => {
    const xml = `<c:chart><c:ser><c:idx val="0"/><c:tx><c:v>A</c:v></c:tx><c:spPr><a:solidFill/></c:spPr><c:marker><c:symbol val="circle"/></c:marker><c:yVal><c:pt idx="0"><c:v>1</c:v></c:pt><c:pt idx="1"><c:v></c:v></c:pt></c:yVal></c:ser><c:ser><c:idx val="1"/><c:tx><c:v>${REF_SERIES_PREFIX}mean</c:v></c:tx><c:spPr><a:solidFill/></c:spPr><c:marker><c:symbol val="circle"/></c:marker><c:dLbls><c:x/></c:dLbls></c:ser><c:legend><c:legendPos val="b"/></c:legend><a:latin typeface="Calibri"/></c:chart>`;
    const out = fixChartXml(xml, 'Microsoft YaHei');
    expect(out).toContain('<c:pt idx="0"><c:v>1</c:v></c:pt></c:yVal>');
    expect(out).not.toContain('<c:v></c:v>');
    expect(out).toContain('<a:latin typeface="Calibri"/><a:ea typeface="Microsoft YaHei"/>');
    expect(out).toContain('<c:marker><c:symbol val="none"/></c:marker>');
    expect(out).toContain('<a:prstDash val="dash"/>');
    expect(out).not.toContain('<c:dLbls><c:x/></c:dLbls>');
    expect(out).toContain('<c:legendPos val="b"/><c:legendEntry><c:idx val="1"/><c:delete val="1"/></c:legendEntry>');
    // the first (data) series keeps its marker
    expect(out).toContain('<c:marker><c:symbol val="circle"/></c:marker>');
  });
});
