import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadConfig, parseConfig } from '../../src/config/load.js';
import { CxError } from '../../src/ui/errors.js';

const root = path.resolve(__dirname, '../..');
const fx = path.join(root, 'fixtures/config');

function errorOf(text: string): CxError {
  try {
    parseConfig(text, '/tmp/x/cx.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(CxError);
    return e as CxError;
  }
  throw new Error('expected a validation error');
}

describe('loadConfig', () => {
  it('reads every section and resolves paths against the file', () => {
    const c = loadConfig(path.join(fx, 'full.cx.yaml'));
    expect(c.input).toEqual([path.join(root, 'fixtures/demo')]);
    expect(c.roles?.segments).toEqual(['region', 'plan']);
    expect(c.kano?.features[1]).toEqual({ name: 'Export', functional: 'K2_f', dysfunctional: 'K2_d', importance: 'K2_i' });
    expect(c.servqual?.weights).toEqual({ tangibles: 10, reliability: 90 });
    expect(c.drivers?.performance).toBe('top2');
    expect(c.codeframe).toBe(path.join(root, 'fixtures/codeframes/delivery.yaml'));
    expect(c.report?.output).toBe(path.join(fx, 'out/report.md'));
    expect(c.report?.template).toBe('weekly'); // built-in name stays a name
    expect(c.questions?.Q3?.scale).toEqual({ min: 1, max: 5, labels: { '1': 'Very dissatisfied', '5': 'Very satisfied' } });
    expect(c.thresholds).toEqual({ nps: 20, 'theme.delivery.pct': { max: 15 } });
    expect(c.failIf).toEqual(['nps.change < -5 and significant']);
  });

  it('returns an empty config when there is no cx.yaml in the directory', () => {
    const d = mkdtempSync(path.join(tmpdir(), 'cxcfg-'));
    expect(loadConfig(undefined, d)).toEqual({ dir: d });
  });

  it('finds ./cx.yaml by default, and normalises a single string to a list', () => {
    const d = mkdtempSync(path.join(tmpdir(), 'cxcfg-'));
    writeFileSync(path.join(d, 'cx.yaml'), 'input: data.csv\nroles:\n  segments: region\n');
    const c = loadConfig(undefined, d);
    expect(c.input).toEqual([path.join(d, 'data.csv')]);
    expect(c.roles?.segments).toEqual(['region']);
  });

  it('a missing explicit file is exit 2 naming it', () => {
    try {
      loadConfig('/nonexistent/cx.yaml');
      expect.unreachable();
    } catch (e) {
      expect((e as CxError).exitCode).toBe(2);
      expect((e as CxError).message).toContain('/nonexistent/cx.yaml');
    }
  });
});

describe('config validation errors name the key path and line', () => {
  it('missing required key inside a list item', () => {
    const e = errorOf(['kano:', '  features:', '    - name: Dark mode', '      functional: K1_f', ''].join('\n'));
    expect(e.exitCode).toBe(2);
    // the item starts on line 3
    expect(e.message).toContain('cx.yaml:3: kano.features[0]: missing required key "dysfunctional"');
  });

  it('wrong type: the line of the value', () => {
    const e = errorOf(['report:', '  title: T', '  verbatims: many', ''].join('\n'));
    expect(e.message).toContain('cx.yaml:3: report.verbatims: expected a whole number, got "many"');
  });

  it('enum value', () => {
    const e = errorOf(['servqual:', '  items:', '    - expectation: E1', '      perception: P1', '      dimension: speed', ''].join('\n'));
    expect(e.message).toContain('cx.yaml:5: servqual.items[0].dimension: expected one of tangibles, reliability');
  });

  it('unknown key with a suggestion, on the line of the key', () => {
    const e = errorOf(['roles:', '  nps: Q1', '  segmnets: [region]', ''].join('\n'));
    expect(e.message).toContain('cx.yaml:3: roles.segmnets: unknown key "segmnets" (did you mean "segments"?)');
    expect(e.zh).toContain('cx.yaml:3');
  });

  it('a YAML syntax error gives line and column', () => {
    const e = errorOf(['report:', '  title: a: b', '  format: md', ''].join('\n'));
    expect(e.message).toBe(
      'cx.yaml:2:10: not valid YAML: Nested mappings are not allowed in compact mappings; fix the file (indentation, quotes, colons).',
    );
  });

  it('duplicate keys are an error', () => {
    const e = errorOf(['report:', '  format: md', '  format: html', ''].join('\n'));
    expect(e.message).toMatch(/cx\.yaml:3:\d+: not valid YAML/);
  });

  it('several problems are all reported, in line order', () => {
    const e = errorOf(['drivers:', '  drivers: []', 'failIf: [1, {a: 2}]', ''].join('\n'));
    expect(e.message).toContain('cx.yaml:1: drivers: missing required key "outcome"');
    expect(e.message).toContain('cx.yaml:2: drivers.drivers: needs at least 1 item(s)');
    expect(e.message).toContain('cx.yaml:3: failIf[1]: expected text, got a mapping');
  });

  it('a top-level list is rejected', () => {
    const e = errorOf('- a\n- b\n');
    expect(e.message).toContain('cx.yaml:1: (top level): expected a mapping');
  });
});
