// Issue 10 items 1 and 4: no command may overwrite one of its own inputs (same path, symlink, hard link,
// a file of an input dataset), write to anything but a regular file, or leave partial output behind.
// Before the fix each reproduction below exited 0 and replaced the input.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cx, expectRefused, root, snapshot, tmpDir } from './helpers.js';

const sample = path.join(root, 'fixtures/comments/sample.csv');
const demo = path.join(root, 'fixtures/demo/wave-2026Q3.csv');

function setup(tag: string) {
  const d = tmpDir(tag);
  const f = (n: string) => path.join(d, n);
  copyFileSync(sample, f('x.csv'));
  copyFileSync(path.join(root, 'fixtures/codeframes/acme-eats.csv'), f('cf.csv'));
  return { d, f };
}

describe('an output that is one of the command\'s inputs is refused, the input unchanged', () => {
  it('cx sentiment x.csv -o x.csv', () => {
    const { d, f } = setup('sent');
    const before = snapshot(d);
    expectRefused(cx(['sentiment', f('x.csv'), '-o', f('x.csv')]), f('x.csv'), 'never overwrites');
    expect(snapshot(d)).toEqual(before);
  });

  it('cx export DATASET -o an export the dataset was imported from (by path, and a copy by content)', () => {
    const { d, f } = setup('source');
    copyFileSync(demo, f('wave.csv'));
    expect(cx(['import', f('wave.csv'), '-o', f('ds'), '--quiet']).status).toBe(0);
    copyFileSync(f('wave.csv'), f('copy.csv'));
    const before = snapshot(d);
    expectRefused(cx(['export', f('ds'), '-o', f('wave.csv')]), 'imported from', f('wave.csv'));
    expectRefused(cx(['export', f('ds'), '-o', f('copy.csv')]), 'same content as', 'imported from');
    expect(snapshot(d)).toEqual(before);
    expect(cx(['export', f('ds'), '-o', f('new.csv'), '--quiet']).status).toBe(0);
  });

  it('cx code x.csv --codeframe cf.csv -o cf.csv (the codeframe)', () => {
    const { d, f } = setup('code');
    const before = snapshot(d);
    expectRefused(cx(['code', f('x.csv'), '--codeframe', f('cf.csv'), '-o', f('cf.csv')]), 'codeframe', f('cf.csv'));
    expect(snapshot(d)).toEqual(before);
  });

  it('cx report --template t.md.liquid -o t.md.liquid (the template)', () => {
    const { d, f } = setup('tpl');
    writeFileSync(f('t.md.liquid'), 'NPS {{ kpi.nps.value }}\n');
    const before = snapshot(d);
    expectRefused(cx(['report', '--input', demo, '--template', f('t.md.liquid'), '-o', f('t.md.liquid')]), 'template', f('t.md.liquid'));
    expect(snapshot(d)).toEqual(before);
  });

  it('cx sentiment train l.csv -o l.csv (the labelled data)', () => {
    const { d, f } = setup('train');
    writeFileSync(f('l.csv'), 'text,label\n好吃,1\n难吃,0\ngreat,1\nawful,0\n');
    const before = snapshot(d);
    expectRefused(cx(['sentiment', 'train', f('l.csv'), '--text', 'text', '--label', 'label', '-o', f('l.csv')]), 'labelled file', f('l.csv'));
    expect(snapshot(d)).toEqual(before);
  });

  it('cx init x.csv --yes --force -o x.csv', () => {
    const { d, f } = setup('init');
    const before = snapshot(d);
    expectRefused(cx(['init', f('x.csv'), '--yes', '--force', '-o', f('x.csv')]), f('x.csv'));
    expect(snapshot(d)).toEqual(before);
  });

  it('a hard link and a symlink to the input are the input too', () => {
    const { d, f } = setup('links');
    linkSync(f('x.csv'), f('hard.csv'));
    symlinkSync('x.csv', f('soft.csv'));
    const before = snapshot(d);
    expectRefused(cx(['export', f('x.csv'), '-o', f('hard.csv')]), 'same file as the input');
    expectRefused(cx(['redact', f('x.csv'), '-o', f('soft.csv')]), 'never overwrites');
    expect(snapshot(d)).toEqual(before);
  });

  it('a file of an input dataset (survey.json) cannot be an output', () => {
    const { d, f } = setup('dsfile');
    expect(cx(['import', f('x.csv'), '-o', f('ds')]).status).toBe(0);
    const before = snapshot(d);
    expectRefused(cx(['export', f('ds'), '--format', 'csv', '-o', f('ds/survey.json')]), 'is a file of the input', f('ds'));
    expect(snapshot(d)).toEqual(before);
  });
});

describe('outputs are written only as regular files', () => {
  it('a FIFO as -o is refused at once (was: a hang or a rename over it)', () => {
    const { d, f } = setup('fifo');
    expect(spawnSync('mkfifo', [f('out.csv')]).status).toBe(0);
    const before = snapshot(d);
    expectRefused(cx(['export', f('x.csv'), '-o', f('out.csv')], { timeout: 20_000 }), 'named pipe', f('out.csv'));
    expect(snapshot(d)).toEqual(before);
    expect(statSync(f('out.csv')).isFIFO()).toBe(true);
  });

  it('a device as -o is refused; no temp file is made beside it', () => {
    const z = cx(['export', sample, '--format', 'csv', '-o', '/dev/full']);
    expectRefused(z, 'is a device', '/dev/full');
    expect(readdirSync('/dev').some((n) => n.startsWith('full.tmp-'))).toBe(false);
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true); // as root it used to become a regular file
  });

  it('a folder as -o is refused', () => {
    const { d, f } = setup('dir');
    expectRefused(cx(['export', f('x.csv'), '--format', 'csv', '-o', d]), 'is a folder');
  });

  it('a failed template render leaves no <name>-charts/ folder (was: the SVGs stayed)', () => {
    const { d, f } = setup('charts');
    writeFileSync(f('bad.md.liquid'), '# R\n{% for k in kpis %}{{ k.nope.deeper }}{% endfor %}{% if x %}\n');
    const before = snapshot(d);
    const r = cx(['report', '--input', demo, '--template', f('bad.md.liquid'), '-o', f('out.md')]);
    expectRefused(r, 'bad.md.liquid');
    expect(snapshot(d)).toEqual(before);
    expect(existsSync(f('out-charts'))).toBe(false);
  });
});

describe('inputs are read only from regular files', () => {
  it('cx import /dev/zero exits 2 at once (was: read forever)', () => {
    const { d, f } = setup('zero');
    expectRefused(cx(['import', '/dev/zero', '-o', f('ds')], { timeout: 20_000 }), '/dev/zero', 'not a regular file');
    expect(readdirSync(d).sort()).toEqual(['cf.csv', 'x.csv']);
  });

  it('a FIFO input exits 2 at once', () => {
    const { f } = setup('fifoin');
    expect(spawnSync('mkfifo', [f('p.csv')]).status).toBe(0);
    expectRefused(cx(['score', 'nps', f('p.csv')], { timeout: 20_000 }), 'named pipe', f('p.csv'));
    expectRefused(cx(['code', f('x.csv'), '--codeframe', f('p.csv')], { timeout: 20_000 }), 'codeframe', f('p.csv'));
  });

  it('a symlink loop is reported as a loop (was: "no such file")', () => {
    const { f } = setup('loop');
    symlinkSync('loop.csv', f('loop.csv'));
    expectRefused(cx(['import', f('loop.csv'), '-o', f('ds')]), 'symbolic link loop', f('loop.csv'));
  });

  it('- reads standard input', () => {
    const r = cx(['score', 'nps', '-', '--json'], { input: 'id,nps\n1,10\n2,0\n3,9\n4,8\n' });
    expect(r.status, r.stderr).toBe(0);
    // 2 promoters (10, 9), 1 detractor (0) of 4: NPS = (2 - 1) / 4 × 100 = 25.
    expect(JSON.parse(r.stdout).overall.nps).toBe(25);
  });
});
