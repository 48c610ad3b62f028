// Issue 10 items 2, 3 and 6: hostile expressions, regexes and YAML. Before the fix: a codeframe regex
// /(a+)+$/ hung on 5,000 "a"; 6,000 `or` terms or 30,000 parentheses overflowed the stack (exit 3); an alias
// bomb was "internal error: Excessive alias count"; a 6,000-level codeframe said "Maximum call stack size
// exceeded"; cx.yaml thresholds errors blamed --fail-if. Generated here, in memory: nothing big in git.
import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseWhere, whereMask } from '../../src/dataset/where.js';
import type { Survey } from '../../src/dataset/types.js';
import { parseFailIf, validateFailIf } from '../../src/report/fail-if.js';
import { checkCodeframeText, compileCodeframeText, formatIssue, Matcher } from '../../src/text/codeframe/index.js';
import { parseConfig } from '../../src/config/load.js';
import { CxError } from '../../src/ui/errors.js';
import { cx, expectRefused, tmpDir } from './helpers.js';

const survey: Survey = {
  source: ['t.csv'],
  platform: 'generic',
  nRows: 4,
  log: [],
  questions: [
    { id: 'region', label: 'region', type: 'category' },
    { id: 'nps', label: 'nps', type: 'nps' },
  ],
  columns: new Map([
    ['region', { kind: 'str', values: ['East', 'West', 'North', null] }],
    ['nps', { kind: 'num', values: Float64Array.from([10, 3, 7, NaN]) }],
  ]),
};

/** The CxError a call throws (fails the test when it throws something else or nothing). */
function cxError(fn: () => unknown): CxError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CxError);
    return e as CxError;
  }
  throw new Error('expected a CxError');
}

/** Depth of a binary and/or tree. */
function depth(n: { type: string; left?: unknown; right?: unknown; expr?: unknown }): number {
  if (n.type === 'and' || n.type === 'or') return 1 + Math.max(depth(n.left as never), depth(n.right as never));
  if (n.type === 'not') return 1 + depth(n.expr as never);
  return 1;
}

describe('--where', () => {
  it('6,000 or terms parse into a shallow tree and select the right rows', () => {
    const expr = Array.from({ length: 6000 }, (_, i) => `region = "R${i}"`).join(' or ') + ' or region = "West"';
    const tree = parseWhere(expr);
    expect(depth(tree)).toBeLessThanOrEqual(15); // ⌈log2 6001⌉ + 1 = 14
    expect(Array.from(whereMask(survey, expr))).toEqual([0, 1, 0, 0]);
    const and = Array.from({ length: 6000 }, () => 'nps >= 5').join(' and ');
    expect(Array.from(whereMask(survey, and))).toEqual([1, 0, 1, 0]);
  });

  it('30,000 nested parentheses: exit 2 "too deeply nested" with the position', () => {
    const e = cxError(() => parseWhere('('.repeat(30000) + 'nps > 1' + ')'.repeat(30000)));
    expect(e.exitCode).toBe(2);
    expect(e.message).toMatch(/^--where: too deeply nested .* at position 101 /);
  });

  it('Q3 = 上海 (an unquoted text value): a did-you-mean with the value quoted', () => {
    const e = cxError(() => parseWhere('Q3 = 上海'));
    expect(e.message).toContain('did you mean Q3 = "上海"?');
    expect(cxError(() => parseWhere('Q3 == 上海')).message).toContain('did you mean Q3 == "上海"?');
  });
});

describe('--fail-if', () => {
  it('6,000 or terms validate; deep nesting is exit 2 with the column', () => {
    const expr = Array.from({ length: 6000 }, () => 'nps < 20').join(' or ');
    expect(() => validateFailIf(expr)).not.toThrow();
    const e = cxError(() => parseFailIf('('.repeat(5000) + 'nps < 1' + ')'.repeat(5000)));
    expect(e.message).toMatch(/^--fail-if "\(+…": too deeply nested .* at column 101;/);
    expect(cxError(() => parseFailIf('not '.repeat(5000) + 'nps < 1')).message).toContain('too deeply nested');
  });

  it('a bad cx.yaml threshold names cx.yaml and the key, not --fail-if', () => {
    const d = tmpDir('th');
    const cfg = path.join(d, 'cx.yaml');
    writeFileSync(cfg, 'input: data.csv\nthresholds:\n  nsp: 20\nfailIf:\n  - "nps <"\n');
    const r = cx(['report', '--config', cfg]);
    expectRefused(r, 'cx.yaml: thresholds.nsp', 'unknown name "nsp"');
    expect(r.stderr).not.toContain('--fail-if');
    writeFileSync(cfg, 'input: data.csv\nfailIf:\n  - "nps < 20"\n  - "nps <"\n');
    expectRefused(cx(['report', '--config', cfg]), 'cx.yaml: failIf[1] "nps <"');
  });
});

describe('codeframes', () => {
  const cf = (codes: string) => `codeframe: t\ncodes:\n${codes}`;

  it('a /(a+)+$/ term on 5,000 "a" then "b" finishes (linear-time engine) and matches correctly', () => {
    const c = compileCodeframeText(cf('  - id: 1\n    name: runs\n    any: ["/(a+)+$/"]\n  - id: 2\n    name: ab\n    any: ["/a+b/"]\n'), 'cf.yaml');
    const m = new Matcher(c);
    const ids = m.match('a'.repeat(5000) + 'b').matches.map((x) => x.id);
    expect(ids).toEqual([2]); // (a+)+$ needs the text to end in "a"; a+b matches
    expect(m.match('baaa').matches.map((x) => x.id)).toEqual([1]);
  });

  it('backreferences and lookaround: exit-2 issue naming the code and the line', () => {
    const { issues } = checkCodeframeText(cf('  - id: 7\n    name: x\n    any: [late]\n  - id: 8\n    name: y\n    any: ["/(a)\\\\1/"]\n  - id: 9\n    name: z\n    any: ["/late(?!ly)/"]\n'), 'cf.yaml');
    const msgs = issues.map(formatIssue);
    expect(msgs[0]).toMatch(/^cf\.yaml line 6, code 8, term "\/\(a\)\\1\/": invalid regular expression: backreferences/);
    expect(msgs[1]).toMatch(/^cf\.yaml line 9, code 9, term .*lookahead/);
  });

  it('a YAML alias bomb: an issue with file and line (was: internal error, exit 3)', () => {
    let y = 'a0: &a0 [x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i <= 8; i++) y += `a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
    const { issues } = checkCodeframeText(y + 'codes:\n  - id: 1\n    name: x\n    any: *a8\n', 'bomb.yaml');
    expect(issues.map(formatIssue)).toEqual([expect.stringMatching(/^bomb\.yaml line 2: .*alias bomb/)]);
    const e = cxError(() => parseConfig(y.replace(/^a0/, 'title: x\nreport: {}\nzz'), '/x/cx.yaml'));
    expect(e.message).toMatch(/^cx\.yaml:4: .*alias bomb/);
  });

  it('6,000 nested levels (YAML flow, CSV parents, query parentheses): issues, no stack overflow', () => {
    const n = 6000;
    const flow = 'codes: ' + Array.from({ length: n }, (_, i) => `[{id: ${i + 1}, name: c, any: [w], children: `).join('') + '[]' + '}]'.repeat(n);
    expect(checkCodeframeText(flow, 'deep.yaml').issues.map(formatIssue)[0]).toMatch(/^deep\.yaml line 1: nested more than 64 levels/);
    const csv = 'id,name,any,parent\n' + Array.from({ length: n }, (_, i) => `${i + 1},c${i + 1},w${i + 1},${i || ''}`).join('\n');
    expect(checkCodeframeText(csv, 'deep.csv').issues.map(formatIssue)[0]).toMatch(/^deep\.csv line \d+, code \d+: codes are nested .* more than 64 levels/);
    const q = checkCodeframeText(cf(`  - id: 1\n    name: x\n    query: "${'('.repeat(3000)}late${')'.repeat(3000)}"\n`), 'q.yaml');
    expect(q.issues.map(formatIssue)[0]).toMatch(/^q\.yaml line 3, code 1, term "\(+…": query syntax error at character 101: too deeply nested/);
    const nots = checkCodeframeText(cf(`  - id: 1\n    name: x\n    query: "late${' NOT x'.repeat(6000)}"\n`), 'n.yaml');
    expect(nots.issues.map(formatIssue)[0]).toContain('too deeply nested');
  });
});
