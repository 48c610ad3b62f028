// Microsoft Forms XLSX (FORMATS.md §8): sheet `Form1`, columns `ID, Start time, Completion time, Email,
// Name[, Last modified time]`, then question titles; dates are Excel serials; multi-select and ranking
// answers are joined with `;` and end with `;`; quiz columns `Total points`, `Points - …`, `Feedback - …`.
import type { RawTable } from '../read/table.js';
import type { ColSpec, Layout, Platform } from './common.js';
import { platform } from './build.js';
import { headerRow, overlap, plainCols } from './common.js';

const DATES = ['start time', 'completion time', 'last modified time'];
const META = ['email', 'name', 'language', 'total points', 'quiz feedback'];

/** Most filled cells end with `;`: a joined multi-select or ranking answer. */
function trailingSemicolons(t: RawTable, c: number): boolean {
  const col = t.columns[c] ?? [];
  let filled = 0;
  let ends = 0;
  for (let r = 1; r < t.height; r++) {
    const v = (col[r] ?? '').trim();
    if (v === '') continue;
    filled++;
    if (v.endsWith(';')) ends++;
  }
  return filled > 0 && ends / filled >= 0.8;
}

export const msforms: Platform = platform({
  name: 'msforms',
  detect(t) {
    const h = headerRow(t, 0);
    const s = overlap(h, ['ID', 'Start time', 'Completion time', 'Email', 'Name']);
    if (s < 0.8) return 0;
    return t.format === 'xlsx' || t.sheet === 'Form1' ? 0.97 : 0.85;
  },
  layout(t): Layout {
    const headers = headerRow(t, 0);
    const cols: ColSpec[] = plainCols(t, headers);
    let idIndex: number | undefined;
    let dateIndex: number | undefined;
    for (const c of cols) {
      const h = headers[c.index]!.toLowerCase();
      if (h === 'id') {
        idIndex = c.index;
        c.hint = { type: 'id', keepText: true };
      } else if (DATES.includes(h)) {
        c.hint = { type: 'date', excelDate: true };
        if (h === 'completion time') dateIndex = c.index;
      } else if (META.includes(h) || /^(points|feedback) - /i.test(headers[c.index]!)) {
        c.hint = { type: 'meta', keepText: h !== 'total points' && !/^points - /i.test(headers[c.index]!) };
      } else if (trailingSemicolons(t, c.index)) {
        c.joined = { sep: ';' };
        c.map = (v) => v.trim().replace(/;+$/, '');
      }
    }
    return { platform: 'msforms', headerRows: 1, cols, idIndex, dateIndex, warnings: [] };
  },
});
