// QA ingest-1/2 (unwritable -o → exit 2, one sentence naming the path, nothing written) and QA text-1
// (a category column chosen as comments → a warning naming the column and the comment column).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const cx = (args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'bin/cx.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true', NO_COLOR: '1' } });
const tmp = mkdtempSync(path.join(os.tmpdir(), 'cx-outerr-'));
const ds = path.join(tmp, 'ds');
const file = path.join(tmp, 'out.csv');
writeFileSync(file, 'x\n');

describe('unwritable output paths', () => {
  it('imports the demo wave (setup)', () => {
    const r = cx(['import', 'fixtures/demo/wave-2026Q2.csv', '-o', ds, '--wave', '2026Q2']);
    expect(r.status).toBe(0);
  });
  it('cx export DS -o /proc/x.csv: exit 2 naming the path (was a silent exit 0)', () => {
    const r = cx(['export', ds, '-o', '/proc/x.csv']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('/proc/x.csv');
    expect(r.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
  });
  it('cx export DS -o FILE/x.csv: exit 2 saying FILE is a file (was exit 3 ENOTDIR)', () => {
    const target = path.join(file, 'x.csv');
    const r = cx(['export', ds, '-o', target]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`cx: cannot write ${target}: ${file} is a file, not a folder; choose another -o.`);
  });
  it('cx export DS -o FILE/x.parquet: exit 2 saying FILE is a file (was exit 3 ENOTDIR)', () => {
    const target = path.join(file, 'x.parquet');
    const r = cx(['export', ds, '-o', target]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(`cx: cannot write ${target}: ${file} is a file, not a folder; choose another -o.`);
  });
  it('cx import f.csv -o FILE/ds: exit 2 in Chinese with --lang zh (was exit 3 EEXIST)', () => {
    const target = path.join(file, 'ds');
    const r = cx(['import', 'fixtures/demo/wave-2026Q2.csv', '-o', target, '--lang', 'zh']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${file} 是文件而不是文件夹`);
    expect(readdirSync(tmp).sort()).toEqual(['ds', 'out.csv']);
  });
});

describe('category column chosen as comments', () => {
  it('cx code --text region warns, naming region (5 distinct values) and suggesting Q5', () => {
    // fixtures/demo/wave-2026Q2.csv: region takes 5 values (East, West, 华东, 华北, 华南; checked with python csv); Q5 is the comment.
    const r = cx(['code', ds, '--codeframe', 'fixtures/codeframes/cx-default.yaml', '--text', 'region', '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/column "region" .*only 5 distinct values/);
    expect(r.stderr).toContain('--text Q5');
    expect(JSON.parse(r.stdout).textColumn).toBe('region'); // stdout stays pure JSON
  });
  it('cx sentiment --text region warns in Chinese; the comment column does not warn', () => {
    const bad = cx(['sentiment', ds, '--text', 'region', '--lang', 'zh']);
    expect(bad.status).toBe(0);
    expect(bad.stderr).toContain('列“region”');
    const good = cx(['sentiment', ds, '--text', 'Q5']);
    expect(good.status).toBe(0);
    expect(good.stderr).not.toContain('looks like a category');
  });
});
