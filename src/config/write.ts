// Writes a cx.yaml from detected settings: readable, commented, and valid by construction (the caller
// re-parses it with parseConfig as a self-check).
import type { Detected } from './detect.js';

const RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

/** A YAML scalar: plain when safe, else a JSON (double-quoted) string, which YAML reads the same way. */
export function yamlScalar(s: string): string {
  return /^[A-Za-z_\u3400-\u9fff][\w.\-\u3400-\u9fff]*$/.test(s) && !RESERVED.test(s) ? s : JSON.stringify(s);
}

const list = (xs: string[]) => `[${xs.map(yamlScalar).join(', ')}]`;

/** A draft journey: one stage with the grid's rows in question order, to split into stages and edit. */
function journeyYaml(j: NonNullable<Detected['journey']>): string[] {
  const L = ['# Customer journey (cx journey): touchpoints from the rating grid ' + j.grid + ', in question order.',
    '# Split them into stages, add owner / target / codes, and check the outcome.', 'journey:'];
  L.push(j.outcome ? `  outcome: ${yamlScalar(j.outcome)}    # ${j.outcomeNote}` : '  outcome: COLUMN    # the overall rating or satisfied yes/no: set it');
  if (j.na) L.push(`  na: [${j.na.map((v) => (/^-?\d+(\.\d+)?$/.test(v) ? v : yamlScalar(v))).join(', ')}]    # "not applicable" answers`);
  L.push('  stages:', '    - stage: Journey', '      touchpoints:');
  for (const t of j.touchpoints) L.push(`        - { name: ${yamlScalar(t.name)}, column: ${yamlScalar(t.column)} }`);
  return L;
}

export interface InitSettings extends Detected {
  /** Input path as written in cx.yaml (relative to it when possible). */
  input: string;
  title: string;
  codeframe?: string;
}

export function configYaml(d: InitSettings): string {
  const L: string[] = [];
  L.push('# cx.yaml, written by `cx init`. Edit freely; `cx report` and the analysis commands read it.');
  L.push('# Reference: README, "Report templates" (cx.yaml keys, the report model, filters).');
  L.push(`input: ${yamlScalar(d.input)}`);
  L.push('');
  L.push('roles:');
  const r = d.roles;
  const role = (k: string, v: string | undefined, hint: string) => L.push(v ? `  ${k}: ${yamlScalar(v)}` : `  # ${k}: COLUMN    # ${hint}`);
  role('nps', r.nps, 'likelihood to recommend, 0–10');
  role('csat', r.csat, 'satisfaction, 1–5');
  role('ces', r.ces, 'customer effort, 1–7');
  role('date', r.date, 'response date (for periods and trends)');
  role('text', r.text, 'open comment');
  role('id', r.id, 'response id');
  if (r.segments?.length) L.push(`  segments: ${list(r.segments)}`);
  else L.push('  # segments: [region, plan]');
  if (d.kano.length) {
    L.push('', 'kano:', '  features:');
    for (const k of d.kano) {
      const parts = [`name: ${yamlScalar(k.name)}`, `functional: ${yamlScalar(k.functional)}`, `dysfunctional: ${yamlScalar(k.dysfunctional)}`];
      if (k.importance) parts.push(`importance: ${yamlScalar(k.importance)}`);
      L.push(`    - { ${parts.join(', ')} }`);
    }
  }
  if (d.servqual.length) {
    L.push('', 'servqual:', '  items:');
    for (const it of d.servqual)
      L.push(`    - { expectation: ${yamlScalar(it.expectation)}, perception: ${yamlScalar(it.perception)}, dimension: ${it.dimension} }`);
  }
  if (d.drivers) {
    L.push('', 'drivers:', `  outcome: ${yamlScalar(d.drivers.outcome)}`, `  drivers: ${list(d.drivers.drivers)}`);
  }
  if (d.journey) L.push('', ...journeyYaml(d.journey));
  L.push('');
  L.push(d.codeframe ? `codeframe: ${yamlScalar(d.codeframe)}` : '# codeframe: codeframe.yaml   # codes open comments into themes (TEXT.md §5.3)');
  L.push('');
  L.push('report:');
  L.push(`  title: ${JSON.stringify(d.title)}`);
  L.push('  template: weekly        # weekly | quarterly | path/to/my.md.liquid');
  L.push('  format: md              # md | html | xlsx | pptx');
  L.push('  period: last-week       # last-week | last-month | last-quarter | all | 2026-W47 | 2026-Q3 | 2026-03');
  L.push('  output: report.md');
  L.push('');
  L.push('# CI checks: `cx report` exits 1 when one holds (see docs/ci-weekly-report.md).');
  L.push('# failIf:');
  L.push('#   - nps < 20');
  L.push('#   - nps.change < -5 and significant');
  return L.join('\n') + '\n';
}
