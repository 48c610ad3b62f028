// A hand-written report model used by the office-format tests (excel, pptx, charts). Values are chosen by
// hand (not produced by cx) and include hostile comment text and Chinese labels.
import type { ReportModel } from '../../src/report/model.js';

export const RISKY_TEXTS = [
  "=cmd|' /C calc'!A0",
  '+1 555 0100 called twice',
  '-2 stars, never again',
  '@SUM(A1:A9)',
  '\tstarts with a tab',
  '\rstarts with CR',
];

export function sampleModel(lang: 'en' | 'zh' = 'en'): ReportModel {
  const zh = lang === 'zh';
  return {
    meta: {
      title: zh ? '客户体验周报' : 'Customer experience weekly',
      lang,
      template: 'weekly',
      period: { label: '2026-W47', kind: 'week', start: '2026-11-16', end: '2026-11-22' },
      comparison: { label: '2026-W46', kind: 'week', start: '2026-11-09', end: '2026-11-15' },
      generatedAt: '2026-11-22',
      source: ['demo.csv'],
      n: 412,
      nComparison: 398,
      dataRange: { first: '2026-08-03', last: '2026-11-22' },
      dateColumn: 'date',
      modelVersion: 1,
    },
    kpis: [
      {
        metric: 'nps', name: 'NPS', question: 'q1', label: zh ? '您向朋友推荐我们的可能性有多大？' : 'How likely are you to recommend us?',
        value: 31.5, unit: 'points', n: 412, ci95: [24.1, 38.9], moe95: 7.4, previous: 24.0, previousN: 398, change: 7.5,
        p: 0.021, significant: true, unstable: false, cell: {},
      },
      {
        metric: 'csat', name: 'CSAT', question: 'q2', label: zh ? '总体满意度' : 'Overall satisfaction',
        value: 78.2, unit: '%', n: 405, ci95: [74.0, 82.0], previous: 80.1, change: -1.9, p: 0.51, significant: false, unstable: false, cell: {},
      },
      {
        metric: 'ces', name: 'CES', question: 'q3', label: zh ? '解决问题容易吗？' : 'How easy was it?', value: 5.4, unit: 'mean', method: 'mean',
        n: 21, unstable: true, cell: {},
      },
    ],
    trends: {
      grain: 'week',
      metrics: ['nps', 'csat'],
      points: [
        { period: '2026-W44', start: '2026-10-26', end: '2026-11-01', n: 380, values: { nps: 20, csat: 81 }, ci95: { nps: [12, 28] } },
        { period: '2026-W45', start: '2026-11-02', end: '2026-11-08', n: 390, values: { nps: 22.5, csat: 79 }, ci95: {} },
        { period: '2026-W46', start: '2026-11-09', end: '2026-11-15', n: 398, values: { nps: 24, csat: 80.1 }, ci95: {} },
        { period: '2026-W47', start: '2026-11-16', end: '2026-11-22', n: 412, values: { nps: 31.5, csat: 78.2 }, ci95: {} },
      ],
    },
    segments: [
      {
        column: 'region', label: zh ? '地区' : 'Region',
        rows: [
          { value: zh ? '华东' : 'East', n: 200, values: { nps: 35, csat: 80 }, ci95: {}, change: { nps: 5 }, unstable: false },
          { value: zh ? '华南' : 'South', n: 150, values: { nps: 28, csat: 77 }, ci95: {}, change: { nps: -3 }, unstable: false },
          { value: zh ? '西北' : 'North-west', n: 12, values: { nps: -10 }, ci95: {}, change: {}, unstable: true },
        ],
      },
    ],
    kano: {
      features: [
        // Better = (A+O)/(A+O+M+I), Worse = −(O+M)/(A+O+M+I): e.g. 40+30 / 100 = 0.70, −(30+10)/100 = −0.40
        { feature: zh ? '一键退款' : 'One-click refund', n: 100, category: 'A', counts: { A: 40, O: 30, M: 10, I: 20, R: 0, Q: 0 }, better: 0.7, worse: -0.4 },
        { feature: zh ? '订单跟踪' : 'Order tracking', n: 100, category: 'M', counts: { A: 5, O: 20, M: 50, I: 25, R: 0, Q: 0 }, better: 0.25, worse: -0.7 },
        { feature: zh ? '会员积分' : 'Loyalty points', n: 100, category: 'I', counts: { A: 10, O: 10, M: 10, I: 70, R: 0, Q: 0 }, better: 0.2, worse: -0.2 },
        { feature: zh ? '快速配送' : 'Fast delivery', n: 100, category: 'O', counts: { A: 20, O: 45, M: 25, I: 10, R: 0, Q: 0 }, better: 0.65, worse: -0.7 },
      ],
    },
    servqual: {
      dimensions: [
        { dimension: zh ? '有形性' : 'Tangibles', expectation: 5.8, perception: 5.5, gap: -0.3, alpha: 0.81 },
        { dimension: zh ? '可靠性' : 'Reliability', expectation: 6.5, perception: 5.3, gap: -1.2, alpha: 0.88 },
        { dimension: zh ? '响应性' : 'Responsiveness', expectation: 6.2, perception: 5.6, gap: -0.6 },
      ],
      overall: { unweighted: -0.7, weighted: -0.8 },
    },
    drivers: {
      outcome: 'nps',
      n: 380,
      r2: 0.46,
      drivers: [
        { driver: 'd1', label: zh ? '配送速度' : 'Delivery speed', r: 0.55, beta: 0.38, weight: 0.18, weightPct: 39.1, performance: 3.4, quadrant: 'fix' },
        { driver: 'd2', label: zh ? '客服态度' : 'Support attitude', r: 0.48, beta: 0.25, weight: 0.14, weightPct: 30.4, performance: 4.2, quadrant: 'maintain' },
        { driver: 'd3', label: zh ? '价格' : 'Price', r: 0.3, beta: 0.1, weight: 0.08, weightPct: 17.4, performance: 3.1, quadrant: 'monitor' },
        { driver: 'd4', label: zh ? '包装' : 'Packaging', r: 0.2, beta: 0.05, weight: 0.06, weightPct: 13.1, performance: 4.4, quadrant: 'leverage' },
      ],
    },
    themes: {
      source: 'codeframe',
      nComments: 250,
      sentiment: { positive: 40, neutral: 25, negative: 35 },
      themes: [
        { key: 'delivery', name: zh ? '配送' : 'Delivery', count: 60, pct: 24, previousPct: 18, change: 6, sentiment: { positive: 20, neutral: 20, negative: 60 }, detractors: { count: 30, pct: 45 }, owner: 'logistics' },
        { key: 'service', name: zh ? '客服' : 'Customer service', count: 45, pct: 18, previousPct: 20, change: -2, owner: 'support' },
        { key: 'price', name: zh ? '价格' : 'Price', count: 20, pct: 8, owner: 'pricing' },
      ],
    },
    verbatims: [
      { id: 'r1', date: '2026-11-20', text: zh ? '快递太慢了，等了一周才到。' : 'Delivery took a week.', score: 3, sentiment: 'negative', themes: ['delivery'], segment: 'East' },
      ...RISKY_TEXTS.map((t, i) => ({ id: `x${i}`, date: '2026-11-21', text: t, score: 5, themes: ['service'] })),
      { id: 'r9', text: 'bell\u0007 char and a long one '.repeat(3), themes: [] },
    ],
    followUps: [
      { owner: 'logistics', items: [{ id: 'r1', date: '2026-11-20', score: 3, text: zh ? '快递太慢了' : 'Too slow', themes: ['delivery'] }] },
      { owner: 'support', items: [{ id: 'x0', score: 2, text: RISKY_TEXTS[0], themes: ['service'] }, { id: 'x3', score: 1, text: RISKY_TEXTS[3], themes: ['service'] }] },
      { owner: 'unassigned', items: [{ id: 'z', score: 0, text: 'no theme matched', themes: [] }] },
    ],
    notes: [{ section: 'ces', text: zh ? 'CES 样本量小于 30，结果不稳定。' : 'CES has fewer than 30 answers: unstable.' }],
    warnings: [],
  };
}
