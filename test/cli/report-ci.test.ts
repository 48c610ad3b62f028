// Runs the commands of the GitHub Actions example in docs/ci-weekly-report.md verbatim (with `npx cx`
// replaced by this checkout's bin/cx.js) on the demo fixtures, in a scratch directory.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');

describe('docs/ci-weekly-report.md workflow', () => {
  it('its cx commands run end to end on the demo data', () => {
    const doc = readFileSync(path.join(root, 'docs/ci-weekly-report.md'), 'utf8');
    const yaml = /```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
    const cmds = yaml.split('\n').map((l) => /^\s*- run: (npx cx .*)$/.exec(l)?.[1]).filter((x): x is string => Boolean(x));
    expect(cmds.length).toBe(3);
    expect(cmds.some((c) => c.includes('--fail-if'))).toBe(true);
    const work = mkdtempSync(path.join(tmpdir(), 'cx-ci-'));
    symlinkSync(path.join(root, 'fixtures'), path.join(work, 'fixtures'));
    for (const c of cmds) {
      const line = c.replace(/^npx cx /, `"${process.execPath}" "${path.join(root, 'bin/cx.js')}" `);
      const r = spawnSync('bash', ['-c', line], { cwd: work, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
      if (!c.includes('--fail-if')) {
        expect(r.status, `${c}\n${r.stderr}`).toBe(0);
        continue;
      }
      // The checks decide between 0 and 1; the exit code must agree with the model's own evaluation.
      const j = spawnSync('bash', ['-c', line.replace(/ -o \S+/, '') + ' --json'], { cwd: work, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
      const checks = JSON.parse(j.stdout).checks as { expr: string; triggered: boolean | null }[];
      expect(checks.map((x) => x.expr)).toEqual(['n < 20', 'nps.change < -10 and significant']);
      const failed = checks.filter((x) => x.triggered === true);
      expect(r.status, r.stderr).toBe(failed.length ? 1 : 0);
      for (const f of failed) expect(r.stderr).toContain(`cx: check failed: ${f.expr}`);
    }
    expect(existsSync(path.join(work, 'out/weekly.md'))).toBe(true);
    expect(existsSync(path.join(work, 'out/weekly.xlsx'))).toBe(true);
    expect(existsSync(path.join(work, 'out/weekly-charts/trend-nps.svg'))).toBe(true);
    // Two waves imported: W39 is compared with W38; the Q2 wave adds nothing to those weeks.
    expect(readFileSync(path.join(work, 'out/weekly.md'), 'utf8')).toContain('**2026-W39** (2026-09-21 to 2026-09-27) · compared with 2026-W38');
  });
});
