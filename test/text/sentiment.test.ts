import { describe, expect, it } from 'vitest';
import { scoreZhRaw, squash, buildZhLexicon } from '../../src/text/sentiment/zh.js';
import { enDomainRaw } from '../../src/text/sentiment/en.js';
import { evaluate, parseLabel, balancedSplit } from '../../src/text/sentiment/eval.js';
import { analyzeSentiment, summarizeSentiment, loadModelFile } from '../../src/text/sentiment/index.js';
import { trainModel, checkModel, predictProbs, compilePredictor } from '../../src/text/sentiment/model.js';
import { textFeatures } from '../../src/text/sentiment/features.js';
import { CxError } from '../../src/ui/errors.js';
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Weights below are those of assets/lexicons/cx_zh_domain.tsv and zh_modifiers.tsv.
describe('Chinese lexicon scorer', () => {
  it('scores domain words (很快 = +1.5; squash = 1.5/√(1.5²+4) = 0.6)', () => {
    expect(scoreZhRaw('送餐很快')).toBeCloseTo(1.5, 10);
    expect(squash(1.5)).toBeCloseTo(0.6, 10);
  });
  it('negated negative is weakly positive: 不 + 慢(−1.2) → +1.2·0.5 = 0.6', () => {
    expect(scoreZhRaw('不慢')).toBeCloseTo(0.6, 10);
  });
  it('longest match wins: 不好吃 is one word (−2), not 不 + 好吃', () => {
    expect(scoreZhRaw('不好吃')).toBeCloseTo(-2, 10);
  });
  it('negator strength: 一点也不(1.3) + 好吃(1.5) → −1.5·0.9·1.3 = −1.755', () => {
    expect(scoreZhRaw('一点也不好吃')).toBeCloseTo(-1.755, 10);
  });
  it('degree adverbs scale: 非常(1.8) × 好吃(1.5) = 2.7', () => {
    expect(scoreZhRaw('非常好吃')).toBeCloseTo(2.7, 10);
  });
  it('好 before a sentiment word is an adverb: 好(1.5) × 贵(−1) = −1.5', () => {
    expect(scoreZhRaw('好贵')).toBeCloseTo(-1.5, 10);
  });
  it('contrast: 好吃(1.5)·0.5 + 太慢(−2)·1.2 = −1.65', () => {
    expect(scoreZhRaw('好吃，但是太慢')).toBeCloseTo(-1.65, 10);
  });
  it('blocks substrings that are not sentiment (快递, 凉皮, 香菜)', () => {
    expect(scoreZhRaw('快递员送来了凉皮和香菜')).toBe(0);
  });
  it('builds from custom lists (a word in both lists is neutral)', () => {
    const lex = buildZhLexicon({ positive: ['好看', '两可'], negative: ['难看', '两可'], domain: [], modifiers: [['neg', '不', 1]] });
    expect(scoreZhRaw('好看', lex)).toBe(1);
    expect(scoreZhRaw('两可', lex)).toBe(0);
    expect(scoreZhRaw('不难看', lex)).toBeCloseTo(0.5, 10);
  });
});

describe('English CX list', () => {
  it('adds words general lexicons miss, with negation', () => {
    expect(enDomainRaw('The delivery was late and the food was cold.')).toBeCloseTo(-1.8, 10);
    expect(enDomainRaw('It was not late.')).toBeCloseTo(0.7, 10);
    expect(enDomainRaw('The parcel never arrived')).toBeCloseTo(-2, 10);
    // "won't" negates the phrase "be back" (+1.2): −0.7 × 1.2 = −0.84
    expect(enDomainRaw("We won't be back")).toBeCloseTo(-0.84, 10);
  });
});

describe('analyzeSentiment', () => {
  it('labels Chinese, English and mixed comments; empty ones are missing', async () => {
    const r = await analyzeSentiment(['菜不好吃，送餐也太慢了', 'Great service, very friendly staff!', '这个app很好用, but the delivery was late and cold', '', null]);
    expect(r.map((x) => x.label)).toEqual(['negative', 'positive', expect.any(String), 'neutral', 'neutral']);
    expect(r[0]!.lang).toBe('zh');
    expect(r[1]!.lang).toBe('en');
    expect(r[2]!.lang).toBe('mixed');
    expect(r[3]!.lang).toBe('none');
    expect(Number.isNaN(r[4]!.score)).toBe(true);
    for (const x of r.slice(0, 3)) expect(Math.abs(x.score)).toBeLessThanOrEqual(1);
  });
  it('converts Traditional Chinese before scoring (難吃 = 难吃)', async () => {
    const [r] = await analyzeSentiment(['太難吃了']);
    expect(r!.label).toBe('negative');
  });
  it('summarises: counts, % of answered, mean score, missing apart', () => {
    const s = summarizeSentiment([
      { label: 'positive', score: 0.5, lang: 'zh' },
      { label: 'negative', score: -0.5, lang: 'en' },
      { label: 'neutral', score: 0, lang: 'zh' },
      { label: 'neutral', score: NaN, lang: 'none' },
    ]);
    expect(s).toMatchObject({ n: 3, missing: 1, positive: 1, negative: 1, neutral: 1, meanScore: 0, netSentiment: 0 });
    expect(s.positivePct).toBeCloseTo(100 / 3, 10);
    expect(s.byLang.find((b) => b.lang === 'zh')).toMatchObject({ n: 2, positive: 1, neutral: 1 });
  });
});

describe('evaluation helpers', () => {
  it('accuracy, coverage, macro-F1 and confusion by hand', () => {
    // gold P P N N, pred P 0 N P: correct 2/4; decided 3 (2 correct); P: prec 1/2 rec 1/2 F1 .5;
    // N: prec 1/1 rec 1/2 F1 2/3 → macro-F1 (0.5 + 0.6667)/2 = 0.58333
    const ev = evaluate(['positive', 'positive', 'negative', 'negative'], ['positive', 'neutral', 'negative', 'positive']);
    expect(ev.accuracy).toBe(0.5);
    expect(ev.coverage).toBe(0.75);
    expect(ev.accuracyDecided).toBeCloseTo(2 / 3, 12);
    expect(ev.macroF1).toBeCloseTo((0.5 + 2 / 3) / 2, 12);
    expect(ev.confusion.positive).toEqual({ negative: 0, neutral: 1, positive: 1 });
  });
  it('parses the label spellings users have', () => {
    expect(['1', '0', 'pos', 'NEG', 'Positive', 'neutral', '正面', '负面', '中性', '-1'].map(parseLabel)).toEqual([
      'positive', 'negative', 'positive', 'negative', 'positive', 'neutral', 'positive', 'negative', 'neutral', 'negative',
    ]);
    expect(parseLabel('maybe')).toBeUndefined();
    expect(parseLabel('')).toBeUndefined();
  });
  it('seeded balanced split is deterministic and balanced', () => {
    const items = Array.from({ length: 40 }, (_, i) => ({ id: i, label: (i % 4 === 0 ? 'positive' : 'negative') as 'positive' | 'negative' }));
    const a = balancedSplit(items, 5, 7);
    const b = balancedSplit(items, 5, 7);
    expect(a.test.map((x) => x.id)).toEqual(b.test.map((x) => x.id));
    expect(a.test.filter((x) => x.label === 'positive')).toHaveLength(5);
    expect(a.test.length + a.rest.length).toBe(40);
  });
});

describe('trained model', () => {
  it('character and word n-gram features', () => {
    expect([...textFeatures('好吃 great food')].sort()).toEqual(['好', '好吃', '吃', 'w:food', 'w:great', 'w:great food'].sort());
  });
  it('learns words the lexicon does not know', () => {
    const data = [
      ...['蓝莓派棒', '又是蓝莓派', '蓝莓派来了', '喜欢蓝莓派', '蓝莓派回购'].map((t) => ({ text: t, label: 'positive' as const, lex: 0 })),
      ...['绿皮虫啊', '又是绿皮', '绿皮来了', '绿皮呢', '绿皮虫'].map((t) => ({ text: t, label: 'negative' as const, lex: 0 })),
    ];
    const m = trainModel(data);
    const p = predictProbs(m, '蓝莓', 0);
    expect(p[m.classes.indexOf('positive')]!).toBeGreaterThan(0.5);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(predictProbs(m, '绿皮', 0)[m.classes.indexOf('negative')]!).toBeGreaterThan(0.5);
    // the precomputed predictor is the same computation
    const fast = compilePredictor(m);
    for (const t of ['蓝莓', '绿皮', '其他', '蓝莓绿皮']) fast(t, 0.5).forEach((v, k) => expect(v).toBeCloseTo(predictProbs(m, t, 0.5)[k]!, 12));
  });
  it('three classes: neutral is learnt as a class of its own', async () => {
    const { trainOnTexts } = await import('../../src/text/sentiment/train.js');
    const pos = ['很好吃', '好吃，很快', '非常满意', '味道很好', '送餐很快', '很棒，好评'];
    const neg = ['太难吃了', '太慢了', '很失望', '凉了，难吃', '送错了', '差评'];
    const neu = ['订单号是123', '中午十二点下单', '两份米饭一份汤', '放在前台', '打包带走', '周三的订单'];
    const m = await trainOnTexts([...pos, ...neg, ...neu], [...pos.map(() => 'positive' as const), ...neg.map(() => 'negative' as const), ...neu.map(() => 'neutral' as const)]);
    expect(m.classes).toEqual(['negative', 'neutral', 'positive']);
    const r = await analyzeSentiment(['很好吃，很快', '太难吃了，很失望', '一份米饭，放在前台'], { model: m });
    expect(r.map((x) => x.label)).toEqual(['positive', 'negative', 'neutral']);
  });
  it('needs two labels with two comments each (exit 2)', () => {
    expect(() => trainModel([{ text: 'a', label: 'positive', lex: 0 }])).toThrow(CxError);
    expect(() => trainModel([{ text: 'a', label: 'positive', lex: 0 }, { text: 'b', label: 'positive', lex: 0 }, { text: 'c', label: 'negative', lex: 0 }])).toThrow(/fewer than 2/);
  });
  it('rejects files that are not a model, naming the file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-sent-'));
    const bin = path.join(dir, 'bin.json');
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2]));
    expect(() => loadModelFile(bin)).toThrow(/bin\.json: not a cx sentiment model/);
    expect(() => checkModel({ format: 'cx-sentiment-model', version: 99 }, 'm.json')).toThrow(/version 99/);
    expect(() => checkModel({ format: 'cx-sentiment-model', version: 1, classes: ['positive'] }, 'm.json')).toThrow(/m\.json/);
    expect(() => loadModelFile(path.join(dir, 'nope.json'))).toThrow(/cannot read/);
  });
});
