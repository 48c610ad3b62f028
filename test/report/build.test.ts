// Report model from a small hand-made survey; every expected number is computed by hand in the comments.
import { describe, expect, it } from 'vitest';
import type { Survey, Question, Column } from '../../src/dataset/types.js';
import { buildReport } from '../../src/report/build.js';
import { maskPersonal } from '../../src/report/build-text.js';
import { CxError } from '../../src/ui/errors.js';

function survey(rows: Record<string, string | number | null>[], types: Record<string, Question['type']>): Survey {
  const ids = Object.keys(types);
  const columns = new Map<string, Column>();
  for (const id of ids) {
    if (types[id] === 'nps' || types[id] === 'rating')
      columns.set(id, { kind: 'num', values: Float64Array.from(rows.map((r) => (r[id] == null ? NaN : Number(r[id])))) });
    else columns.set(id, { kind: 'str', values: rows.map((r) => (r[id] == null ? null : String(r[id]))) });
  }
  return {
    source: ['/data/test.csv'], platform: 'generic', questions: ids.map((id) => ({ id, label: id.toUpperCase(), type: types[id]! })),
    columns, nRows: rows.length, log: [],
  };
}

// Week 2026-W47 = 16–22 Nov 2026; W46 = 9–15 Nov.
const rows = [
  // W47: scores 10 9 9 8 7 6 0 10 → P 4, Pa 2, D 2, n 8 → NPS = 100·(4−2)/8 = 25
  { id: 'r1', date: '2026-11-16T09:00:00', nps: 10, region: 'North', comment: 'Great, fast delivery!' },
  { id: 'r2', date: '2026-11-17T09:00:00', nps: 9, region: 'North', comment: null },
  { id: 'r3', date: '2026-11-18T09:00:00', nps: 9, region: 'South', comment: 'ok' },
  { id: 'r4', date: '2026-11-19T09:00:00', nps: 8, region: 'South', comment: '' },
  { id: 'r5', date: '2026-11-20T09:00:00', nps: 7, region: 'South', comment: null },
  { id: 'r6', date: '2026-11-21T09:00:00', nps: 6, region: 'North', comment: 'Late again, mail me at jo@example.com' },
  { id: 'r7', date: '2026-11-22T23:59:59', nps: 0, region: 'South', comment: 'Terrible. Call +1 415 555 0100' },
  { id: 'r8', date: '2026-11-22T10:00:00', nps: 10, region: 'South', comment: 'Love it' },
  // W46: 10 5 5 8 → P 1, Pa 1, D 2, n 4 → NPS = 100·(1−2)/4 = −25
  { id: 'p1', date: '2026-11-09T10:00:00', nps: 10, region: 'North', comment: null },
  { id: 'p2', date: '2026-11-10T10:00:00', nps: 5, region: 'North', comment: null },
  { id: 'p3', date: '2026-11-15T10:00:00', nps: 5, region: 'South', comment: null },
  { id: 'p4', date: '2026-11-15T11:00:00', nps: 8, region: 'South', comment: null },
  // Monday 23 Nov (W48, incomplete): last-week must be W47.
  { id: 'n1', date: '2026-11-23T08:00:00', nps: 0, region: 'North', comment: 'not counted' },
];
const types = { id: 'id', date: 'date', nps: 'nps', region: 'category', comment: 'text' } as const;
const cfg = { dir: '/tmp', roles: { id: 'id', date: 'date', nps: 'nps', segments: ['region'], text: 'comment' } };

describe('buildReport', () => {
  it('picks the last complete week relative to the data, and computes NPS, change and segments', async () => {
    const m = await buildReport(survey(rows, types), cfg, { lang: 'en' });
    expect(m.meta.period).toEqual({ label: '2026-W47', kind: 'week', start: '2026-11-16', end: '2026-11-22' });
    expect(m.meta.comparison?.label).toBe('2026-W46');
    expect(m.meta.generatedAt).toBe('2026-11-23'); // the latest response date, not the clock
    expect(m.meta.n).toBe(8);
    expect(m.meta.nComparison).toBe(4);
    expect(m.meta.source).toEqual(['test.csv']);
    const nps = m.kpis[0]!;
    expect(nps.metric).toBe('nps');
    expect(nps.value).toBeCloseTo(25, 10);
    expect(nps.previous).toBeCloseTo(-25, 10);
    expect(nps.change).toBeCloseTo(50, 10);
    expect(nps.unstable).toBe(true); // n = 8 < 30
    expect(nps.cell).toMatchObject({ promoters: 4, passives: 2, detractors: 2 });
    // Segments in W47: South r3 r4 r5 r7 r8 = 9,8,7,0,10 → P2 D1 → 100·1/5 = 20; North r1 r2 r6 = 10,9,6 → P2 D1 → 33.3
    // W46: South 5,8 → D1 → −50; North 10,5 → 0.
    const reg = m.segments![0]!;
    expect(reg.rows.map((r) => [r.value, r.n])).toEqual([['South', 5], ['North', 3]]);
    expect(reg.rows[0]!.values.nps).toBeCloseTo(20, 10);
    expect(reg.rows[0]!.change.nps).toBeCloseTo(70, 10);
    expect(reg.rows[1]!.values.nps).toBeCloseTo(100 / 3, 10);
    expect(reg.rows[1]!.change.nps).toBeCloseTo(100 / 3, 10);
  });

  it('trend points per week, ending with the period', async () => {
    const m = await buildReport(survey(rows, types), cfg, { lang: 'en' });
    expect(m.trends!.grain).toBe('week');
    expect(m.trends!.points.map((p) => [p.period, p.n])).toEqual([['2026-W46', 4], ['2026-W47', 8]]);
    expect(m.trends!.points[1]!.values.nps).toBeCloseTo(25, 10);
  });

  it('verbatims: score groups take turns, least-quoted segment first; personal data masked; follow-ups list detractors', async () => {
    const m = await buildReport(survey(rows, types), cfg, { lang: 'en', verbatims: 3 });
    // W47 comments: detractors r7 (0, South), r6 (6, North); promoters r1 (10, North), r8 (10, South), r3 (9, South).
    // 1st detractor: r7 (lowest score). 1st promoter: r1 (North, not quoted yet; also the longer of the 10s).
    // No passive comment, so the detractors' turn again: r6.
    expect(m.verbatims!.map((v) => v.id)).toEqual(['r7', 'r1', 'r6']);
    expect(m.verbatims![0]!.text).toBe('Terrible. Call [PHONE]');
    expect(m.verbatims![2]!.text).toBe('Late again, mail me at [EMAIL]');
    expect(m.verbatims![0]).toMatchObject({ score: 0, date: '2026-11-22', segment: 'South' });
    expect(m.followUps).toEqual([
      {
        owner: 'unassigned',
        items: [
          { id: 'r7', date: '2026-11-22', score: 0, text: 'Terrible. Call [PHONE]', themes: [], segments: { region: 'South' } },
          { id: 'r6', date: '2026-11-21', score: 6, text: 'Late again, mail me at [EMAIL]', themes: [], segments: { region: 'North' } },
        ],
      },
    ]);
  });

  it('explicit periods; an empty period is exit 2 naming the data range', async () => {
    const m = await buildReport(survey(rows, types), cfg, { lang: 'en', period: '2026-W46' });
    expect(m.kpis[0]!.value).toBeCloseTo(-25, 10);
    expect(m.kpis[0]!.previous).toBeUndefined(); // W45 has no responses
    expect(m.notes.some((n) => n.text.includes('No responses in the comparison period 2026-W45'))).toBe(true);
    await expect(buildReport(survey(rows, types), cfg, { lang: 'en', period: '2026-W40' })).rejects.toThrow(
      /no responses in period 2026-W40 \(2026-09-28 to 2026-10-04\); the data runs from 2026-11-09 to 2026-11-23/,
    );
  });

  it('without dates: all responses, no comparison, a note; asking for a week is exit 2', async () => {
    const noDate = { dir: '/tmp', roles: { nps: 'nps' } };
    const s = survey(rows.map(({ date: _d, ...r }) => r), { id: 'id', nps: 'nps', region: 'category', comment: 'text' } as const);
    const m = await buildReport(s, noDate, { lang: 'zh' });
    expect(m.meta.period.label).toBe('all');
    expect(m.meta.n).toBe(13);
    expect(m.meta.comparison).toBeUndefined();
    // all 13: P = r1 r2 r3 r8 p1 = 5; D = r6 r7 p2 p3 n1 = 5 → NPS 0
    expect(m.kpis[0]!.value).toBeCloseTo(0, 10);
    expect(m.notes[0]!.text).toContain('没有答卷日期');
    try {
      await buildReport(s, noDate, { lang: 'en', period: 'last-week' });
      expect.unreachable();
    } catch (e) {
      expect((e as CxError).exitCode).toBe(2);
      expect((e as CxError).message).toContain('needs response dates');
    }
  });

  it('by default, data without a complete week is reported whole; an explicit last-week is exit 2', async () => {
    // Only W48 rows (Mon 23 Nov 2026 is the latest date): no complete week before it in the data.
    const only = survey(rows.filter((r) => r.id === 'n1'), types);
    const m = await buildReport(only, cfg, { lang: 'en' });
    expect(m.meta.period).toMatchObject({ label: 'all', start: '2026-11-23', end: '2026-11-23' });
    expect(m.notes[0]!.text).toBe('The data (2026-11-23 to 2026-11-23) has no complete week yet: the report covers all responses.');
    await expect(buildReport(only, cfg, { lang: 'en', period: 'last-week' })).rejects.toThrow(/no responses in period 2026-W47/);
  });

  it('a role naming a missing column is exit 2 naming it', async () => {
    await expect(buildReport(survey(rows, types), { dir: '/tmp', roles: { nps: 'NPS' } }, { lang: 'en' })).rejects.toThrow(
      /roles\.nps: column "NPS" is not in the data \(did you mean "nps"\?\)/,
    );
  });
});

describe('maskPersonal', () => {
  it('masks e-mails, phones, URLs and long numbers but not short numbers', () => {
    expect(maskPersonal('mail a.b+c@mail.example.co.uk now')).toBe('mail [EMAIL] now');
    expect(maskPersonal('手机 13812345678 联系')).toBe('手机 [PHONE] 联系');
    expect(maskPersonal('call (415) 555-0100')).toBe('call [PHONE]');
    expect(maskPersonal('see https://x.example/a?b=1 ok')).toBe('see [URL] ok');
    expect(maskPersonal('waited 45 minutes, $30 per order, order 2026')).toBe('waited 45 minutes, $30 per order, order 2026');
    expect(maskPersonal('card 4111111111111111')).toBe('card [CARD]'); // Luhn-valid: cx redact's card rule
    expect(maskPersonal('order 12345678 ok')).toBe('order [NUMBER] ok');
  });
});

describe('buildReport reads KPI answers like cx score (one value reader)', () => {
  it('"10分", full-width digits and text CSAT labels are used, an unreadable answer is counted, no NaN headline', async () => {
    // W47 as above but written as a 问卷星 text export would: 10分 ９ 9 分 8 7 6 0 10 → same NPS = 25 on n = 8.
    const written: Record<string, string> = { r1: '10分', r2: '９', r3: '9 分', r8: '10' };
    const csatText: Record<string, string> = { r1: '非常满意', r2: '满意', r3: '一般', r4: '不满意', r5: '满意', r6: '非常不满意', r7: '满分???', r8: '满意' };
    const rs = rows.map((r) => ({ ...r, nps: written[r.id as string] ?? String(r.nps), csat: csatText[r.id as string] ?? null }));
    const ty = { ...types, nps: 'nps', csat: 'single' } as const;
    const s = survey(rs, ty as never);
    // survey() stores 'nps' as numbers: store the texts instead, as an import of text answers would.
    s.columns.set('nps', { kind: 'str', values: rs.map((r) => r.nps) });
    s.questions.find((q) => q.id === 'csat')!.label = '您对本次服务的满意度';
    const m = await buildReport(s, { ...cfg, roles: { ...cfg.roles, csat: 'csat' } }, { lang: 'en' });
    const nps = m.kpis.find((k) => k.metric === 'nps')!;
    expect(nps.n).toBe(8);
    expect(nps.value).toBeCloseTo(25, 10);
    // CSAT in W47: 5 4 3 2 4 1 (unreadable) 4 → 7 used, top-2 (4–5) = 4 → 57.14%
    const csat = m.kpis.find((k) => k.metric === 'csat')!;
    expect(csat.n).toBe(7);
    expect(csat.value).toBeCloseTo((100 * 4) / 7, 10);
    const acc = m.method!.questions!.find((a) => a.question === 'csat')!;
    expect(acc.excluded.unreadable).toBe(1);
    expect(acc.examples.unreadable[0]!.value).toBe('满分???');
    for (const h of m.headlines ?? []) expect(h.text).not.toMatch(/NaN/);
  });
});
