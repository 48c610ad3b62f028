// Platform recognition: every platform module scores the table, the highest score wins, `--platform`
// overrides. The chosen module describes the layout; build.ts turns it into a Survey.
import type { Exclusion, Survey } from '../dataset/types.js';
import { inputError } from '../ui/errors.js';
import type { RawTable } from './read/table.js';
import type { Platform, RecogniseOptions } from './platforms/common.js';
import { buildSurvey } from './platforms/build.js';
import { generic } from './platforms/generic.js';
import { qualtrics } from './platforms/qualtrics.js';
import { surveymonkey } from './platforms/surveymonkey.js';
import { wenjuanxing } from './platforms/wenjuanxing.js';
import { googleForms } from './platforms/google-forms.js';
import { typeform } from './platforms/typeform.js';
import { limesurvey } from './platforms/limesurvey.js';
import { msforms } from './platforms/msforms.js';
import { surveyjs } from './platforms/surveyjs.js';

export const PLATFORMS: Platform[] = [qualtrics, surveymonkey, wenjuanxing, googleForms, typeform, limesurvey, msforms, surveyjs, generic];

export const PLATFORM_NAMES: string[] = PLATFORMS.map((p) => p.name);

const ALIASES: Record<string, string> = {
  wjx: 'wenjuanxing',
  问卷星: 'wenjuanxing',
  googleforms: 'google-forms',
  'google_forms': 'google-forms',
  gforms: 'google-forms',
  ms_forms: 'msforms',
  'ms-forms': 'msforms',
  'microsoft-forms': 'msforms',
  lime: 'limesurvey',
  monkey: 'surveymonkey',
};

export function findPlatform(name: string): Platform {
  const key = name.trim().toLowerCase();
  const p = PLATFORMS.find((x) => x.name === (ALIASES[key] ?? key));
  if (!p) {
    const list = PLATFORMS.map((x) => x.name).join(', ');
    throw inputError(`Unknown platform "${name}"; use one of: ${list}.`, `未知平台"${name}"，可用的有：${list}。`);
  }
  return p;
}

/** Scores of every platform for this table, best first (for `describe` and debugging). */
export function detectPlatforms(table: RawTable): { platform: string; confidence: number }[] {
  return PLATFORMS.map((p) => ({ platform: p.name, confidence: p.detect(table) })).sort((a, b) => b.confidence - a.confidence);
}

export function recognise(
  table: RawTable,
  opts: RecogniseOptions,
): { survey: Survey; exclusions: Exclusion[]; warnings: string[] } {
  let platform: Platform;
  if (opts.platform) platform = findPlatform(opts.platform);
  else {
    platform = generic;
    let best = -1;
    for (const p of PLATFORMS) {
      const c = p.detect(table);
      if (c > best) {
        best = c;
        platform = p;
      }
    }
  }
  if ((table.width === 0 || table.height === 0) && !table.records?.length) {
    throw inputError(`${opts.file}: the file has no header row; export the survey again.`, `${opts.file}：文件没有表头行，请重新导出问卷。`);
  }
  const layout = platform.layout(table, opts);
  if (table.height <= layout.headerRows) {
    layout.warnings.push(`${opts.file}: the file has header rows but no responses`);
  }
  return buildSurvey(layout.table ?? table, layout, opts);
}

export type { RecogniseOptions };
