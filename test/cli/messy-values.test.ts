// Issue 9 (values): messy exports read as a user runs cx on them (fixtures/exports/messy, see PROVENANCE.md).
// Expected numbers are counted by hand from the fixture generators (listed in PROVENANCE.md).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cx = (args: string[], cwd = root) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', NO_COLOR: '1' },
  });
const messy = (f: string) => path.join(root, 'fixtures/exports/messy', f);
const tmp = () => mkdtempSync(path.join(process.env.TMPDIR ?? os.tmpdir(), 'cx-messy-'));
type Q = { id: string; type: string; role?: string; scale?: { min: number; max: number }; accounting?: Record<string, unknown> };
const describeJson = (f: string): Q[] => JSON.parse(cx(['describe', f, '--json']).stdout).questions;

describe('NPS answers in every form', () => {
  it('10分, 9 分, full-width, "非常愿意 10", "10 - 极有可能": NPS +25.0 on n = 40, with the accounting', () => {
    const r = cx(['score', 'nps', messy('nps-forms.csv'), '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.overall).toMatchObject({ n: 40, promoters: 20, passives: 10, detractors: 10 });
    expect(j.overall.nps).toBeCloseTo(25, 12);
    expect(j.accounting).toEqual({
      question: '您向朋友推荐我们的可能性有多大？', answered: 40, used: 40,
      excluded: { missing: 1, unreadable: 0, outOfScale: 0 }, examples: { unreadable: [], outOfScale: [] },
    });
    const human = cx(['score', 'nps', messy('nps-forms.csv')]);
    expect(human.stdout).toMatch(/40 answered, 40 used; excluded 1 missing/);
  });
  it('a column where every answer is "N分" is the NPS question (0–10): +10.0 on n = 20', () => {
    const q = describeJson(messy('nps-all-fen.csv')).find((x) => x.id === '推荐意愿')!;
    expect(q).toMatchObject({ type: 'nps', role: 'nps', scale: { min: 0, max: 10 } });
    const j = JSON.parse(cx(['score', 'nps', messy('nps-all-fen.csv'), '--json']).stdout);
    expect(j.overall).toMatchObject({ n: 20, promoters: 8, detractors: 6 });
    expect(j.overall.nps).toBeCloseTo(10, 12);
  });
  it('cx.yaml type: nps rescues an unlabeled column; values { "满分": 10 } are read; without them exit 2 names the key', () => {
    const dir = tmp();
    const bad = cx(['score', 'nps', messy('unlabeled-fen.csv'), '--question', 'Q1', '--json'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/"满分"/);
    expect(bad.stderr).toMatch(/questions\.Q1\.values/);
    const allowed = cx(['score', 'nps', messy('unlabeled-fen.csv'), '--question', 'Q1', '--json', '--allow-unreadable'], dir);
    expect(allowed.status).toBe(0);
    expect(JSON.parse(allowed.stdout).accounting.excluded.unreadable).toBe(6);
    writeFileSync(path.join(dir, 'cx.yaml'), 'questions:\n  Q1:\n    type: nps\n    values: { "满分": 10 }\n');
    const r = cx(['score', 'nps', messy('unlabeled-fen.csv'), '--json'], dir);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.question).toBe('Q1');
    expect(j.overall).toMatchObject({ n: 20, promoters: 11, passives: 4, detractors: 5 });
    expect(j.overall.nps).toBeCloseTo(30, 12);
  });
});

describe('rating scales exported as text', () => {
  it('labels, "1 - 非常不满意" and stars become 1–5 scale questions with the right codes', () => {
    const qs = describeJson(messy('text-scales.csv'));
    for (const id of ['商品质量评价', '办理业务的难易程度', '总体满意度', 'The app is easy to use', '配送满意度', '服务评分']) {
      const q = qs.find((x) => x.id === id)!;
      expect([id, ['likert', 'rating'].includes(q.type), q.scale?.min, q.scale?.max]).toEqual([id, true, 1, 5]);
    }
    // Codes by hand: pat = 5,4,4,3,5,2,4,1,5,4,3,4,5,2,4,3 (mean 58/16); ease uses pat shifted by 3 (same mean).
    const ces = JSON.parse(cx(['score', 'ces', messy('text-scales.csv'), '--question', '办理业务的难易程度', '--scale', '1-5', '--json']).stdout);
    expect(ces.overall.n).toBe(16);
    expect(ces.overall.ces).toBeCloseTo(58 / 16, 12);
    const stars = JSON.parse(cx(['score', 'csat', messy('text-scales.csv'), '--question', '服务评分', '--json']).stdout);
    // pat shifted by 7: 5 and 4 occur 10 times of 16 → top-2-box 62.5%.
    expect(stars.overall.csat).toBeCloseTo(62.5, 12);
    const coded = JSON.parse(cx(['score', 'csat', messy('text-scales.csv'), '--question', '配送满意度', '--json']).stdout);
    expect(coded.overall.mean).toBeCloseTo(58 / 16, 12);
  });
});

describe('stray values and scales not guessed from the values', () => {
  it('one stray "五星", "6" or "a" keeps a 1–5 rating; the feedback rating is still the CSAT question', () => {
    const qs = describeJson(messy('feedback-stray.csv'));
    for (const id of ['满意度评分', '服务评分', '物流评分']) {
      const q = qs.find((x) => x.id === id)!;
      expect([id, q.type, q.scale?.min, q.scale?.max]).toEqual([id, 'rating', 1, 5]);
    }
    expect(qs.find((x) => x.id === '服务评分')!.accounting).toMatchObject({ answered: 30, used: 29, excluded: { outOfScale: 1 }, examples: { outOfScale: [{ row: 12, value: '6' }] } });
    expect(qs.find((x) => x.id === '物流评分')!.accounting).toMatchObject({ answered: 30, used: 29, excluded: { unreadable: 1 }, examples: { unreadable: [{ row: 21, value: 'a' }] } });
    const r = cx(['score', 'csat', messy('feedback-stray.csv'), '--json']);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.question).toBe('满意度评分');
    expect(j.accounting).toMatchObject({ answered: 30, used: 29, excluded: { unreadable: 1 }, examples: { unreadable: [{ row: 7, value: '五星' }] } });
    expect(r.stderr).toMatch(/五星/);
    // 4s and 5s among the 29 readable answers: base has 21 of 30, row 7 (a 4) is the stray → 20/29.
    expect(j.overall.csat).toBeCloseTo((100 * 20) / 29, 12);
  });
  it('a 1–3 item stays 1–3 (top-2-box 76.9%); ranking items of one question share 1–4', () => {
    const j = JSON.parse(cx(['score', 'csat', messy('scale-1-3-ranking.csv'), '--json']).stdout);
    expect(j.scale).toEqual({ min: 1, max: 3 });
    expect(j.overall.csat).toBeCloseTo((100 * 10) / 13, 12);
    const qs = describeJson(messy('scale-1-3-ranking.csv')).filter((q) => q.id.startsWith('Q7_'));
    expect(qs).toHaveLength(4);
    for (const q of qs) expect(q.scale).toMatchObject({ min: 1, max: 4 });
  });
});

describe('drivers, Kano and SERVQUAL read values the same way and carry the accounting', () => {
  it('drivers honours cx.yaml values ("满分" = 5): no answer lost, n = 20', () => {
    const dir = tmp();
    const ids = ['总体满意度评分', '配送速度评分', '包装评分'];
    const before = cx(['drivers', messy('drivers-fen.csv'), '--outcome', ids[0]!, '--json'], dir);
    expect(before.status).toBe(2); // 满分 unreadable in > 5% of answers
    expect(before.stderr).toMatch(/values/);
    writeFileSync(path.join(dir, 'cx.yaml'), `questions:\n${ids.map((id) => `  ${id}:\n    values: { "满分": 5 }\n`).join('')}`);
    const r = cx(['drivers', messy('drivers-fen.csv'), '--outcome', ids[0]!, '--json'], dir);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.n).toBe(20);
    expect(j.accounting.map((a: { used: number }) => a.used)).toEqual([20, 20, 20]);
    // r(y, d1) by an independent Pearson on the generator's numbers.
    const y = [5, 4, 3, 5, 2, 4, 1, 5, 4, 3, 4, 5, 2, 4, 3, 5, 4, 4, 5, 3];
    const d1 = [5, 4, 3, 4, 2, 4, 2, 5, 4, 3, 3, 5, 2, 4, 3, 5, 4, 3, 5, 3];
    const m = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    const my = m(y);
    const md = m(d1);
    const cov = y.reduce((s, v, i) => s + (v - my) * (d1[i]! - md), 0);
    const rr = cov / Math.sqrt(y.reduce((s, v) => s + (v - my) ** 2, 0) * d1.reduce((s, v) => s + (v - md) ** 2, 0));
    expect(j.drivers.find((d: { driver: string }) => d.driver === ids[1]).r).toBeCloseTo(rr, 10);
  });
  it('Kano: unreadable answers above 5% exit 2; --allow-unreadable reports them in the accounting', () => {
    const dir = tmp();
    const f = path.join(dir, 'kano.csv');
    const rows = ['id,wifi_functional,wifi_dysfunctional'];
    for (let i = 1; i <= 20; i++) rows.push(`${i},${i <= 2 ? '很好啊' : '1'},${i % 2 ? '5' : '3'}`);
    writeFileSync(f, rows.join('\n') + '\n');
    const bad = cx(['kano', f, '--json'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/很好啊/);
    const ok = cx(['kano', f, '--json', '--allow-unreadable'], dir);
    expect(ok.status).toBe(0);
    const a = JSON.parse(ok.stdout).accounting.find((x: { question: string }) => x.question === 'wifi_functional');
    expect(a).toMatchObject({ answered: 20, used: 18, excluded: { unreadable: 2 } });
  });
  it('SERVQUAL: items written "7分" are read; the accounting is in --json', () => {
    const dir = tmp();
    const f = path.join(dir, 'sq.csv');
    const rows = ['id,E1,P1,E2,P2'];
    for (let i = 1; i <= 12; i++) rows.push(`${i},${(i % 3) + 5}分,${(i % 4) + 3},${(i % 2) + 6},${(i % 5) + 2}分`);
    writeFileSync(f, rows.join('\n') + '\n');
    const r = cx(['servqual', f, '--json'], dir);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    const e1 = Array.from({ length: 12 }, (_, k) => ((k + 1) % 3) + 5);
    const p1 = Array.from({ length: 12 }, (_, k) => ((k + 1) % 4) + 3);
    const gap1 = p1.reduce((s, v, k) => s + v - e1[k]!, 0) / 12;
    expect(j.items.find((x: { item: string }) => x.item === 'P1').gap).toBeCloseTo(gap1, 12);
    expect(j.accounting.find((a: { question: string }) => a.question === 'E1')).toMatchObject({ answered: 12, used: 12 });
  });
});

describe('did you mean', () => {
  it('cx score NPS suggests nps; an unknown --by or --question suggests the closest column', () => {
    const r = cx(['score', 'NPS', messy('nps-forms.csv')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/did you mean "nps"/);
    const by = cx(['score', 'nps', messy('nps-forms.csv'), '--by', '城巿']);
    expect(by.status).toBe(2);
    expect(by.stderr).toMatch(/did you mean 城市/);
    const q = cx(['score', 'csat', messy('feedback-stray.csv'), '--question', '满意度平分']);
    expect(q.status).toBe(2);
    expect(q.stderr).toMatch(/did you mean 满意度评分/);
  });
});
