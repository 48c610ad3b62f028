// Kano, SERVQUAL and key-driver sections of the report model, via the stats helper's pure functions.
// A study that is neither configured in cx.yaml nor detectable in the data is omitted with a note.
import type { Column, Survey } from '../dataset/types.js';
import type { CxConfig } from '../config/schema.js';
import { CxError } from '../ui/errors.js';
import type { ReportModel } from './model.js';

type T = (en: string, zh: string) => string;

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
    if (e instanceof CxError && e.exitCode === 2 && !cfg.kano) {
      model.notes.push({ section: 'kano', text: t(`Kano omitted: ${e.message}`, `Kano 已省略：${e.zh}`) });
      return;
    }
    throw e;
  }
  const features = r.features.filter((f) => f.n > 0);
  if (!features.length) {
    model.notes.push({ section: 'kano', text: t('No Kano answers in this period.', '本时间段内没有 Kano 答案。') });
    return;
  }
  model.kano = {
    features: features.map((f) => ({
      feature: f.feature,
      n: f.n,
      category: f.category,
      counts: { ...f.counts },
      better: f.better,
      worse: f.worse,
      significant: f.fong.significant,
    })),
  };
  for (const u of r.unrecognised)
    model.warnings.push(t(`${u.column}: ${u.count} Kano answer(s) not recognised (e.g. "${u.values[0]}") were left out.`, `${u.column}：${u.count} 个无法识别的 Kano 答案（如 "${u.values[0]}"）未计入。`));
}
