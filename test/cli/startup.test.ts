// Heavy libraries must stay lazy: `cx --help` and `cx --version` resolve none of them (DESIGN.md §2).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const HEAVY = ['exceljs', 'pptxgenjs', 'vega', 'vega-lite', '@node-rs/jieba', 'wink-nlp', 'wink-eng-lite-web-model', 'liquidjs', 'hyparquet', 'hyparquet-writer', 'opencc-js', 'natural', 'xlsx-template', 'ml-matrix', '@inquirer/prompts', 'cli-table3'];

function importsOf(args: string[]): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cx-imports-'));
  const out = path.join(dir, 'imports.txt');
  try {
    const r = spawnSync(process.execPath, ['--import', path.join(root, 'test/helpers/record-imports.mjs'), path.join(root, 'bin/cx.js'), ...args], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', NO_COLOR: '1', CX_RECORD_IMPORTS: out },
    });
    expect(r.status).toBe(0);
    return readFileSync(out, 'utf8').split('\n').filter(Boolean);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('start-up', () => {
  it.each([['--help'], ['--version'], ['score', '--help'], ['report', '--help']])('cx %s loads no heavy library', (...args) => {
    const specs = importsOf(args);
    expect(specs.some((s) => s.includes('commander'))).toBe(true); // the recorder works
    const heavy = specs.filter((s) => HEAVY.some((h) => s === h || s.startsWith(h + '/')));
    expect(heavy).toEqual([]);
  });
});
