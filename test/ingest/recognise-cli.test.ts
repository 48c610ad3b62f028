// Acceptance: recognition as a user meets it through `cx describe` / `cx import` (built dist/).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cx = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });

describe('cx with platform recognition', () => {
  it('an unknown --platform exits 2 and names the valid platforms', () => {
    const r = cx(['describe', 'fixtures/exports/surveyjs/results.json', '--platform', 'medallia']);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Unknown platform "medallia"');
    expect(r.stderr).toContain('qualtrics, surveymonkey, wenjuanxing, google-forms, typeform, limesurvey, msforms, surveyjs, generic');
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
  it.each([
    ['fixtures/exports/qualtrics/choice_text.csv', 'qualtrics', 4],
    ['fixtures/exports/surveymonkey/sm_2row.csv', 'surveymonkey', 6],
    ['fixtures/exports/wenjuanxing/wjx_gbk.csv', 'wenjuanxing', 5],
    ['fixtures/exports/google-forms/forms_nps.csv', 'google-forms', 5],
    ['fixtures/exports/typeform/typeform.csv', 'typeform', 4],
    ['fixtures/exports/limesurvey/lime_code_semicolon.csv', 'limesurvey', 4],
    ['fixtures/exports/msforms/msforms.xlsx', 'msforms', 4],
    ['fixtures/exports/surveyjs/results.json', 'surveyjs', 4],
    ['fixtures/exports/generic/excel_unicode.txt', 'generic', 4],
  ])('describe %s → %s, %i responses', (file, platform, rows) => {
    const r = cx(['describe', file, '--json']);
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { platform: string; rows: number };
    expect(out.platform).toBe(platform);
    expect(out.rows).toBe(rows);
  });
});
