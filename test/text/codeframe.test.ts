// Codeframe files: YAML / JSON / CSV parsing, the query language, and every validation error.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkCodeframeText, compileCodeframeText, decodeText, formatIssue, loadCodeframe } from '../../src/text/codeframe/index.js';
import { parseQuery, parseTermEntry, QuerySyntaxError } from '../../src/text/codeframe/query.js';
import { splitTerms } from '../../src/text/codeframe/parse.js';
import { stem } from '../../src/text/codeframe/stem.js';
import { CxError } from '../../src/ui/errors.js';

const root = path.resolve(__dirname, '../..');
const issuesOf = (text: string, file = 'cf.yaml') => checkCodeframeText(text, file).issues;

describe('query language', () => {
  it('parses precedence NOT < OR < AND < NEAR', () => {
    const q = parseQuery('a OR b AND c NEAR/3 d NOT e');
    expect(q.t).toBe('not');
    if (q.t !== 'not') return;
    expect(q.a.t).toBe('or');
    expect(q.b).toEqual({ t: 'term', term: { kind: 'word', text: 'e' } });
  });
  it('knows phrases, wildcards, regexes, references, & | and -', () => {
    expect(parseQuery('"took forever"')).toEqual({ t: 'term', term: { kind: 'phrase', text: 'took forever' } });
    expect(parseQuery('slow*')).toEqual({ t: 'term', term: { kind: 'wildcard', text: 'slow*' } });
    expect(parseQuery('/\\d+ ?min/i')).toEqual({ t: 'term', term: { kind: 'regex', text: '\\d+ ?min', flags: 'i' } });
    expect(parseQuery('@102')).toEqual({ t: 'ref', id: 102 });
    expect(parseQuery('a & b | c').t).toBe('or');
    expect(parseQuery('a -b').t).toBe('not');
    expect(parseQuery('x BEFORE/2 y')).toMatchObject({ t: 'near', n: 2, ordered: true });
  });
  it('joins consecutive bare words into one multi-word term', () => {
    expect(parseQuery('customer service NEAR/3 rude')).toMatchObject({
      t: 'near', a: { t: 'term', term: { text: 'customer service' } }, b: { t: 'term', term: { text: 'rude' } },
    });
  });
  it('rejects a unary NOT, unbalanced brackets, NEAR without a number and unclosed quotes', () => {
    expect(() => parseQuery('dress OR NOT suit')).toThrow(/NOT is binary/);
    expect(() => parseQuery('(a OR b')).toThrow(/missing "\)"/);
    expect(() => parseQuery('a OR b)')).toThrow(/unmatched/);
    expect(() => parseQuery('a NEAR b')).toThrow(/NEAR\/n/);
    expect(() => parseQuery('"abc')).toThrow(QuerySyntaxError);
    expect(() => parseQuery('a AND')).toThrow(/ends where a term was expected/);
  });
  it('parses single list entries without operators', () => {
    expect(parseTermEntry(' "not late" ')).toEqual({ kind: 'phrase', text: 'not late' });
    expect(parseTermEntry('等了*')).toEqual({ kind: 'wildcard', text: '等了*' });
    expect(splitTerms('慢 | "a|b" | /x|y/ | late')).toEqual(['慢', '"a|b"', '/x|y/', 'late']);
  });
});

describe('Porter stemmer', () => {
  it('reproduces examples from Porter (1980)', () => {
    const pairs: [string, string][] = [['caresses', 'caress'], ['ponies', 'poni'], ['relational', 'relat'], ['hopping', 'hop'],
      ['agreed', 'agre'], ['motoring', 'motor'], ['generalizations', 'gener'], ['triplicate', 'triplic'], ['adjustment', 'adjust']];
    for (const [w, s] of pairs) expect(stem(w)).toBe(s);
  });
});

describe('codeframe files', () => {
  it('reads the shipped bilingual default codeframe (≥ 30 codes) and the demo CSV codeframe', () => {
    const cf = loadCodeframe(path.join(root, 'fixtures/codeframes/cx-default.yaml'));
    expect(cf.codes.filter((c) => !c.net && !c.fallback).length).toBeGreaterThanOrEqual(30);
    expect(cf.byId.get(101)!.parent).toBe(100);
    expect(cf.byId.get(998)!.fallback).toBe(true);
    const demo = loadCodeframe(path.join(root, 'fixtures/codeframes/acme-eats.csv'));
    expect(demo.byId.get(11)!.parent).toBe(10);
    expect(demo.byId.get(10)!.net).toBe(true);
    expect(demo.byId.get(34)!.negation).toBe('only');
  });
  it('reads the same structure as JSON', () => {
    const cf = compileCodeframeText(JSON.stringify({ codeframe: 'j', codes: [{ id: 1, name: 'n', net: true, children: [{ id: 2, name: 'late', any: ['late'] }] }] }), 'cf.json');
    expect(cf.byId.get(2)!.parent).toBe(1);
    expect(cf.byId.get(1)!.children).toEqual([2]);
  });
  it('decodes a CSV codeframe saved by Excel as GBK or UTF-16', () => {
    // 配送 in GBK is C5 E4 CB CD
    expect(decodeText(Uint8Array.from([0x69, 0x64, 0x0a, 0xc5, 0xe4, 0xcb, 0xcd]))).toBe('id\n配送');
    expect(decodeText(Uint8Array.from([0xff, 0xfe, 0x4d, 0x91, 0x01, 0x90]))).toBe('配送'); // U+914D U+9001 little-endian
    expect(decodeText(Uint8Array.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('a');
  });
  it('reads a tab-separated flat codeframe (Excel "Unicode text")', () => {
    const cf = compileCodeframeText('id\tparent\tname\tany\n1\t\tPrice\t\n2\t1\tToo expensive\t太贵 | expensive, pricey\n', 'cf.txt');
    expect(cf.byId.get(2)!.parent).toBe(1);
    // the comma stays inside the term because the file is tab-separated
    expect(cf.terms.map((t) => t.src)).toContain('expensive, pricey');
  });
  it('reads MAXQDA-style parent paths in the CSV form', () => {
    const csv = 'id,parent,name,any\n1,,Delivery,\n2,Delivery,Late,late | slow*\n';
    const cf = compileCodeframeText(csv, 'cf.csv');
    expect(cf.byId.get(2)!.parent).toBe(1);
    expect(cf.byId.get(1)!.net).toBe(true);
  });
});

describe('validation errors name the line, the code id and the term', () => {
  it('query syntax error', () => {
    const text = 'codes:\n  - id: 1\n    name: a\n    any: [x]\n  - id: 2\n    name: b\n    query: "(late OR slow"\n';
    const [i] = issuesOf(text);
    expect(i).toMatchObject({ line: 5, codeId: 2, term: '(late OR slow' });
    expect(formatIssue(i!)).toMatch(/^cf\.yaml line 5, code 2, term "\(late OR slow": query syntax error at character 14: missing "\)"/);
  });
  it('unknown @code', () => {
    const [i] = issuesOf('codes:\n  - { id: 1, name: a, query: "@7 AND x" }\n');
    expect(i).toMatchObject({ line: 2, codeId: 1, term: '@7' });
    expect(i!.message).toMatch(/does not exist/);
  });
  it('cycle of @code references (also through a net)', () => {
    const a = issuesOf('codes:\n  - { id: 1, name: a, query: "@2" }\n  - { id: 2, name: b, query: "@3 OR x" }\n  - { id: 3, name: c, query: "@1" }\n');
    expect(a.some((i) => /cycle/.test(i.message) && /1 → 2 → 3 → 1/.test(i.message))).toBe(true);
    const b = issuesOf('codes:\n  - id: 10\n    name: net\n    children:\n      - { id: 11, name: child, query: "@10 AND x" }\n');
    expect(b.some((i) => /cycle/.test(i.message))).toBe(true);
    const self = issuesOf('codes:\n  - { id: 5, name: self, query: "x OR @5" }\n');
    expect(self[0]).toMatchObject({ codeId: 5, line: 2 });
  });
  it('duplicate ids', () => {
    const [i] = issuesOf('codes:\n  - { id: 1, name: a, any: [x] }\n  - { id: 1, name: b, any: [y] }\n');
    expect(i).toMatchObject({ line: 3, codeId: 1 });
    expect(i!.message).toBe('duplicate code id 1 (first used on line 2)');
  });
  it('a duplicate key in one code (two any: lists) names the line and the key (was silently the last list)', () => {
    const [i] = issuesOf('codes:\n  - id: 1\n    name: Late\n    any: [late]\n    any: [slow]\n');
    expect(i).toMatchObject({ line: 5 });
    expect(i!.message).toMatch(/^duplicate key "any" in one map/);
    const [j] = issuesOf('{"codes": [{"id": 1, "name": "a", "any": ["x"], "any": ["y"]}]}');
    expect(j!.message).toMatch(/^duplicate key "any"/);
  });
  it('empty terms and codes without terms', () => {
    const [i] = issuesOf('codes:\n  - { id: 1, name: a, any: [x, "", y] }\n');
    expect(i).toMatchObject({ line: 2, codeId: 1, term: '' });
    expect(i!.message).toMatch(/empty term in "any"/);
    const [j] = issuesOf('codes:\n  - { id: 3, name: nothing }\n');
    expect(j!.message).toMatch(/has no terms/);
    const [k] = issuesOf('codes:\n  - { id: 4, name: q, any: [\'""\'] }\n');
    expect(k!.message).toMatch(/empty/);
  });
  it('invalid regular expression and unknown parent', () => {
    const [i] = issuesOf('codes:\n  - { id: 1, name: a, any: ["/(ab/"] }\n');
    expect(i).toMatchObject({ codeId: 1, term: '/(ab/' });
    expect(i!.message).toMatch(/invalid regular expression/);
    const [j] = issuesOf('id,parent,name,any\n1,9,a,x\n', 'cf.csv');
    expect(j).toMatchObject({ line: 2, codeId: 1 });
    expect(j!.message).toMatch(/parent 9/);
  });
  it('YAML syntax errors and missing ids carry the line', () => {
    const [i] = issuesOf('codes:\n  - id: 1\n    name: [unclosed\n');
    expect(i!.message).toMatch(/YAML\/JSON syntax/);
    const [j] = issuesOf('codes:\n  - id: 1\n    name: a\n    any: [x]\n  - name: b\n');
    expect(j).toMatchObject({ line: 5 });
    expect(j!.message).toMatch(/numeric "id"/);
  });
  it('compileCodeframeText throws an exit-2 CxError listing the issues', () => {
    try {
      compileCodeframeText('codes:\n  - { id: 1, name: a, query: "a AND" }\n', 'bad.yaml');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(CxError);
      expect((e as CxError).exitCode).toBe(2);
      expect((e as CxError).message).toMatch(/bad\.yaml line 2, code 1/);
      expect((e as CxError).zh).toMatch(/编码框架有误/);
    }
  });
  it('the shipped fixtures are valid UTF-8 text with a provenance line', () => {
    expect(readFileSync(path.join(root, 'fixtures/codeframes/cx-default.yaml'), 'utf8')).toMatch(/^# cx default codeframe/);
  });
});
