// Progress on stderr (DESIGN.md §3): only on a terminal, never with --json, --quiet or CI, nothing for work
// under 2 s, one line redrawn in place and cleared before other output and at the end.
import { afterEach, describe, expect, it } from 'vitest';
import { beginProgress, clearProgress, endProgress, progressEnabled, progressNote } from '../../src/ui/progress.js';
import { cx } from '../engine/helpers.js';

function fakeStream(columns = 60) {
  const writes: string[] = [];
  return { isTTY: true, columns, write: (s: string) => writes.push(s), writes };
}

afterEach(() => endProgress());

describe('progress line', () => {
  it('is enabled only on a terminal without --json, --quiet or CI', () => {
    const tty = { isTTY: true, write: () => true };
    expect(progressEnabled({}, tty, {})).toBe(true);
    expect(progressEnabled({ json: true }, tty, {})).toBe(false);
    expect(progressEnabled({ quiet: true }, tty, {})).toBe(false);
    expect(progressEnabled({}, tty, { CI: 'true' })).toBe(false);
    expect(progressEnabled({}, tty, { CI: '0' })).toBe(true);
    expect(progressEnabled({}, { isTTY: false, write: () => true }, {})).toBe(false);
  });

  it('says nothing during the first 2 s, then one line with the note and elapsed seconds; cleared at the end', () => {
    let t = 0;
    const s = fakeStream();
    beginProgress('cx import', true, s, { now: () => t });
    t = 1500;
    progressNote('reading a.csv (1 of 2)');
    expect(s.writes).toEqual([]);
    t = 2600;
    progressNote('reading b.csv (2 of 2)');
    expect(s.writes).toHaveLength(1);
    expect(s.writes[0]).toMatch(/^\r\x1b\[2K. cx import: reading b\.csv \(2 of 2\) · 2 s$/);
    t = 2650; // throttled: at most one redraw per 200 ms
    progressNote('still reading');
    expect(s.writes).toHaveLength(1);
    t = 3000;
    clearProgress(); // before a warning or the result
    expect(s.writes.at(-1)).toBe('\r\x1b[2K');
    endProgress();
    expect(s.writes.filter((w) => w === '\r\x1b[2K')).toHaveLength(1); // nothing left to clear
  });

  it('cuts the line to the terminal width', () => {
    let t = 5000;
    const s = fakeStream(30);
    beginProgress('cx code', true, s, { now: () => t });
    t = 8000;
    progressNote('coding comments 120,000 / 1,000,000 in a very long file name');
    expect(s.writes[0]!.replace('\r\x1b[2K', '').length).toBeLessThanOrEqual(29);
  });

  it('a command in CI or a pipe writes no progress (stderr holds only the messages)', () => {
    const r = cx(['score', 'nps', 'fixtures/demo/wave-2026Q2.csv', '--json']);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/\r|\x1b\[2K/);
  });
});
