// `cx init` on the demo export; expected columns come from fixtures/demo/PROVENANCE.md (Q1 NPS, Q2 CSAT,
// Q3 CES, Q4_1..Q4_5 driver ratings, Kano pairs dark_mode / live_tracking / contactless, Q5 comment,
// region and plan segments).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { yamlScalar } from '../../src/config/write.js';

const root = path.resolve(__dirname, '../..');
const demo = path.join(root, 'fixtures/demo/wave-2026Q3.csv');
const cx = (args: string[], cwd: string) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });

describe('cx init', () => {
  it('detects roles, Kano pairs, drivers and segments and writes a cx.yaml that loads (no prompt without a TTY)', () => {
    const d = mkdtempSync(path.join(tmpdir(), 'cx-init-'));
    const r = cx(['init', demo], d); // no --yes: still never prompts (CI, no TTY)
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('wrote cx.yaml');
    const c = loadConfig(path.join(d, 'cx.yaml'));
    expect(c.input).toEqual([demo]);
    expect(c.roles).toMatchObject({ nps: 'Q1', csat: 'Q2', ces: 'Q3', text: 'Q5', id: 'ResponseId', segments: ['region', 'plan'] });
    expect(c.roles?.date).toMatch(/^(RecordedDate|EndDate)$/);
    expect(c.kano?.features.map((f) => f.name)).toEqual(['dark_mode', 'live_tracking', 'contactless']);
    expect(c.kano?.features[0]).toMatchObject({ functional: 'dark_mode_functional', dysfunctional: 'dark_mode_dysfunctional' });
    expect(c.drivers).toEqual({ outcome: 'Q1', drivers: ['Q4_1', 'Q4_2', 'Q4_3', 'Q4_4', 'Q4_5'] });
    expect(c.report).toMatchObject({ template: 'weekly', period: 'last-week', format: 'md' });

    // and the report runs from it
    const rep = cx(['report', '--no-charts', '--verbatims', '1', '--template', 'quarterly'], d);
    expect(rep.status, rep.stderr).toBe(0);
    expect(readFileSync(path.join(d, 'report.md'), 'utf8')).toContain('## Kano');
  }, 60_000);

  it('refuses to overwrite an existing cx.yaml without --force', () => {
    const d = mkdtempSync(path.join(tmpdir(), 'cx-init-'));
    writeFileSync(path.join(d, 'cx.yaml'), 'report: { title: mine }\n');
    const r = cx(['init', demo, '--yes'], d);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('cx: cx.yaml already exists; use --force to overwrite it or -o to write elsewhere.\n');
    expect(readFileSync(path.join(d, 'cx.yaml'), 'utf8')).toBe('report: { title: mine }\n');
    const f = cx(['init', demo, '--yes', '--force'], d);
    expect(f.status).toBe(0);
    expect(readFileSync(path.join(d, 'cx.yaml'), 'utf8')).toContain('nps: Q1');
  }, 60_000);

  it('--json reports what was written; a missing input is exit 2', () => {
    const d = mkdtempSync(path.join(tmpdir(), 'cx-init-'));
    const r = cx(['init', demo, '--yes', '--json', '-o', 'sub.yaml'], d);
    expect(r.status).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.file).toBe(path.join(d, 'sub.yaml'));
    expect(j.roles.nps).toBe('Q1');
    const bad = cx(['init', path.join(d, 'missing.csv'), '--yes'], d);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('missing.csv: no such file or dataset');
    expect(cx(['init'], d).status).toBe(2);
  }, 60_000);
});

describe('yamlScalar', () => {
  it('quotes what YAML would misread', () => {
    expect(yamlScalar('Q1')).toBe('Q1');
    expect(yamlScalar('地区')).toBe('地区');
    expect(yamlScalar('yes')).toBe('"yes"');
    expect(yamlScalar('Duration (in seconds)')).toBe('"Duration (in seconds)"');
    expect(yamlScalar('12')).toBe('"12"');
    expect(yamlScalar('a: b')).toBe('"a: b"');
  });
});
