// Regression tests for QA findings ingest-1/ingest-2: an unwritable output path must reject with an
// exit-2 CxError naming the path (never resolve silently, never leave a temporary file).
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { makeDirs, writeTable } from '../../src/dataset/write.js';
import { CxError } from '../../src/ui/errors.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'cx-write-err-'));

async function rejection(p: Promise<unknown>): Promise<CxError> {
  const e = await p.then(
    () => new Error('resolved but should have rejected'),
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(CxError);
  return e as CxError;
}

describe('writeTable on unwritable paths', () => {
  for (const format of ['csv', 'jsonl', 'xlsx'] as const) {
    it(`${format}: /proc/x (cannot create a file there) rejects with exit 2 naming the path`, async () => {
      const target = `/proc/cx-test-${process.pid}.${format}`;
      const e = await rejection(writeTable(target, ['a'], [['1']], { format }));
      expect(e.exitCode).toBe(2);
      expect(e.message).toContain(target);
      expect(e.zh).toContain(target);
    });
    it(`${format}: a path below a regular file rejects with exit 2 naming that file, no temp left`, async () => {
      const dir = tmp();
      const file = path.join(dir, 'out.csv');
      writeFileSync(file, 'x');
      const target = path.join(file, `x.${format}`);
      const e = await rejection(writeTable(target, ['a'], [['1']], { format }));
      expect(e.exitCode).toBe(2);
      expect(e.message).toBe(`cannot write ${target}: ${file} is a file, not a folder; choose another -o.`);
      expect(readdirSync(dir)).toEqual(['out.csv']);
    });
  }
  it('a missing folder rejects with exit 2 naming the folder', async () => {
    const dir = tmp();
    const target = path.join(dir, 'nope', 'x.csv');
    const e = await rejection(writeTable(target, ['a'], [['1']], { format: 'csv' }));
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain(path.join(dir, 'nope'));
    expect(readdirSync(dir)).toEqual([]);
  });
  it('an existing folder as target rejects with exit 2 and removes the temporary file', async () => {
    const dir = tmp();
    const target = path.join(dir, 'sub');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(target);
    const e = await rejection(writeTable(target, ['a'], [['1']], { format: 'csv' }));
    expect(e.exitCode).toBe(2);
    expect(e.message).toContain('is a folder');
    expect(readdirSync(dir)).toEqual(['sub']);
  });
  it('a large streamed CSV still round-trips (chunked writes)', async () => {
    const dir = tmp();
    const p = path.join(dir, 'big.csv');
    function* rows() {
      for (let i = 0; i < 20000; i++) yield [`r${i}`, i];
    }
    await writeTable(p, ['id', 'n'], rows(), { format: 'csv', bom: false });
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(p, 'utf8').split('\r\n');
    expect(lines[0]).toBe('id,n');
    expect(lines[20000]).toBe('r19999,19999');
    expect(lines.length).toBe(20002); // header + 20000 rows + trailing empty
  });
  it('makeDirs: creates nested folders; below /proc it throws ENOENT instead of looping (Node recursive mkdir hangs there)', () => {
    const dir = tmp();
    makeDirs(path.join(dir, 'a', 'b', 'c'));
    makeDirs(path.join(dir, 'a', 'b')); // existing: no error
    expect(readdirSync(path.join(dir, 'a', 'b'))).toEqual(['c']);
    expect(() => makeDirs(`/proc/cx-test-${process.pid}/x`)).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    writeFileSync(path.join(dir, 'f'), 'x');
    expect(() => makeDirs(path.join(dir, 'f', 'sub'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
    expect(() => makeDirs(path.join(dir, 'f'))).toThrow(expect.objectContaining({ code: 'EEXIST' }));
  });
});
