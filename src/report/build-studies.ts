// Kano, SERVQUAL and key-driver sections of the report model, via the stats helper's pure functions.
// A study that is neither configured in cx.yaml nor detectable in the data is omitted with a note.
import type { Column, Survey } from '../dataset/types.js';
import type { CxConfig } from '../config/schema.js';
import { CxError } from '../ui/errors.js';
import type { ReportModel } from './model.js';

type T = (en: string, zh: string) => string;

/**
 * Minimum bases below which a study section is left out of the report (with a note saying so): a Kano
 * classification on fewer than 30 answers per feature, SERVQUAL gaps on fewer than 30 respondents, or a
 * regression on fewer than max(50, 10 per driver) complete cases is too unstable to present.
 */
export const MIN_BASE = { kano: 30, servqual: 30, drivers: 50, driversPerItem: 10 };

function thin(model: ReportModel, section: string, name: [string, string], n: number, min: number, t: T): void {
  model.notes.push({
    section,
    text: t(
      `${name[0]} left out: based on ${n} answers, below the minimum of ${min} for this analysis; use a longer period (e.g. --period last-quarter).`,
      `${name[1]}已省略：仅基于 ${n} 个答案，低于该分析的最低样本量 ${min}；请使用更长的时间段（如 --period last-quarter）。`,
    ),
  });
}

/** The survey restricted to the given rows (columns copied; questions shared). */
export function subsetSurvey(s: Survey, rows: number[]): Survey {
  if (rows.length === s.nRows) return s;
  const columns = new Map<string, Column>();
  for (const [id, c] of s.columns) {
    if (c.kind === 'num') {
      const v = new Float64Array(rows.length);
      for (let j = 0; j < rows.length; j++) v[j] = c.values[rows[j]!]!;
      columns.set(id, { kind: 'num', values: v });
    } else {
      columns.set(id, { kind: 'str', values: rows.map((i) => c.values[i] ?? null) });
    }
  }
  return { ...s, columns, nRows: rows.length };
}

export async function buildStudies(model: ReportModel, s: Survey, cfg: CxConfig, rows: number[], t: T): Promise<void> {
  const sub = subsetSurvey(s, rows);
  await buildKano(model, sub, cfg, t);
  await buildServqual(model, sub, cfg, t);
  await buildDrivers(model, sub, cfg, t);
}

/** A study found automatically that turns out unusable becomes a note; a configured one fails loudly. */
function omitted(model: ReportModel, section: string, e: unknown, configured: boolean, t: T): void {
  if (e instanceof CxError && e.exitCode === 2 && !configured) {
    model.notes.push({ section, text: t(`${section} omitted: ${e.message}`, `${section} 已省略：${e.zh}`) });
    return;
  }
  throw e;
}

async function buildServqual(model: ReportModel, s: Survey, cfg: CxConfig, t: T): Promise<void> {
  const { servqual } = await import('../metrics/servqual.js');
  if (!cfg.servqual) {
    const { findServqualItems } = await import('../metrics/servqual-items.js');
    if (!findServqualItems(s).items.some((it) => it.E && it.P)) {
      model.notes.push({ section: 'servqual', text: t('No SERVQUAL items (servqual.items in cx.yaml).', '没有 SERVQUAL 题项（cx.yaml 中的 servqual.items）。') });
      return;
    }
  }
  let r;
  try {
    r = cfg.servqual ? servqual(s, { items: cfg.servqual.items, weights: cfg.servqual.weights }) : servqual(s);
  } catch (e) {
    return omitted(model, 'servqual', e, Boolean(cfg.servqual), t);
  }
  if (!r.n) {
    model.notes.push({ section: 'servqual', text: t('No SERVQUAL answers in this period.', '本时间段内没有 SERVQUAL 答案。') });
    return;
  }
  if (r.n < MIN_BASE.servqual) return thin(model, 'servqual', ['SERVQUAL', 'SERVQUAL 分析'], r.n, MIN_BASE.servqual, t);
  model.servqual = {
    n: r.n,
    dimensions: r.dimensions.map((d) => ({ dimension: d.dimension, expectation: d.expectation, perception: d.perception, gap: d.gap, alpha: d.alpha })),
    overall: r.overall.weighted === undefined ? { unweighted: r.overall.unweighted } : { unweighted: r.overall.unweighted, weighted: r.overall.weighted },
  };
}

async function buildDrivers(model: ReportModel, s: Survey, cfg: CxConfig, t: T): Promise<void> {
  if (!cfg.drivers) {
    model.notes.push({ section: 'drivers', text: t('No key-driver analysis configured (drivers.outcome and drivers.drivers in cx.yaml).', '未配置关键驱动因素分析（cx.yaml 中的 drivers.outcome 与 drivers.drivers）。') });
    return;
  }
  const { drivers } = await import('../metrics/drivers.js');
  let r;
  try {
    r = drivers(s, { outcome: cfg.drivers.outcome, drivers: cfg.drivers.drivers, performance: cfg.drivers.performance });
  } catch (e) {
    return omitted(model, 'drivers', e, true, t);
  }
  const min = Math.max(MIN_BASE.drivers, MIN_BASE.driversPerItem * r.drivers.length);
  if (r.n < min) return thin(model, 'drivers', ['Key-driver analysis', '关键驱动因素分析'], r.n, min, t);
  const top2 = cfg.drivers.performance === 'top2';
  const label = (id: string) => s.questions.find((q) => q.id === id)?.label || id;
  // Matrix rows share their question text ("Please rate … - Price"): keep the part that differs.
  const full = r.drivers.map((d) => label(d.driver));
  const cut = full.every((l) => l.includes(' - ')) && new Set(full.map((l) => l.slice(0, l.lastIndexOf(' - ')))).size === 1;
  const short = (l: string) => (cut ? l.slice(l.lastIndexOf(' - ') + 3).trim() || l : l);
  model.drivers = {
    outcome: label(r.outcome),
    n: r.n,
    r2: r.r2,
    performanceUnit: top2 ? '%' : 'mean',
    drivers: [...r.drivers].sort((a, b) => b.weightPct - a.weightPct || a.rank - b.rank).map((d) => ({
      driver: d.driver,
      label: short(label(d.driver)),
      r: d.r,
      beta: d.beta,
      weight: d.weight,
      weightPct: d.weightPct,
      // top-2-box comes as a fraction from the metric; the model keeps percentages on 0…100.
      performance: top2 ? 100 * d.performance : d.performance,
      quadrant: d.quadrant,
    })),
  };
}

async function buildKano(model: ReportModel, s: Survey, cfg: CxConfig, t: T): Promise<void> {
  const { kano } = await import('../metrics/kano.js');
  const { findKanoPairs } = await import('../metrics/kano-pairs.js');
  const specs = cfg.kano?.features ?? findKanoPairs(s);
  if (!specs.length) {
    model.notes.push({ section: 'kano', text: t('No Kano question pairs (kano.features in cx.yaml).', '没有 Kano 成对题目（cx.yaml 中的 kano.features）。') });
    return;
  }
  let r;
  try {
    r = kano(s, specs);
  } catch (e) {
    return omitted(model, 'kano', e, Boolean(cfg.kano), t);
  }
  const features = r.features.filter((f) => f.n > 0 && f.category !== null);
  if (!features.length) {
    model.notes.push({ section: 'kano', text: t('No Kano answers in this period.', '本时间段内没有 Kano 答案。') });
    return;
  }
  const nKano = Math.max(...features.map((f) => f.n));
  if (nKano < MIN_BASE.kano) return thin(model, 'kano', ['Kano analysis', 'Kano 分析'], nKano, MIN_BASE.kano, t);
  const small = features.filter((f) => f.n < MIN_BASE.kano);
  if (small.length)
    model.notes.push({ section: 'kano', text: t(`Kano: ${small.map((f) => `${f.feature} (n=${f.n})`).join(', ')} rest on fewer than ${MIN_BASE.kano} answers; treat their category as indicative.`, `Kano：${small.map((f) => `${f.feature}（n=${f.n}）`).join('、')} 的答案少于 ${MIN_BASE.kano} 个，其类别仅供参考。`) });
  model.kano = {
    n: nKano,
    features: features.map((f) => ({
      feature: f.feature,
      n: f.n,
      category: f.category!,
      counts: { ...f.counts },
      better: f.better,
      worse: f.worse,
      significant: f.fong.significant,
    })),
  };
  for (const u of r.unrecognised)
    model.warnings.push(t(`${u.column}: ${u.count} Kano answer(s) not recognised (e.g. "${u.values[0]}") were left out.`, `${u.column}：${u.count} 个无法识别的 Kano 答案（如 "${u.values[0]}"）未计入。`));
}
