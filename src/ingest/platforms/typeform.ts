// Typeform CSV (FORMATS.md §4): one header row; `#` = response token first; one column per question title;
// multiple selection = one column per option (cell = the option label when selected) followed by `Other`;
// trailing `Start Date (UTC)`, `Submit Date (UTC)`, `Network ID` (+ `Response Type`, `Stage Date (UTC)`, `Tags`).
import type { RawTable } from '../read/table.js';
import type { ColSpec, Layout, Platform } from './common.js';
import { platform } from './build.js';
import { cell, headerRow, indexOfCI, stripHtml } from './common.js';

const META = ['start date (utc)', 'submit date (utc)', 'stage date (utc)', 'network id', 'response type', 'tags'];

/** Every non-empty cell equals the header: an option column of a multiple-selection question. */
function isOptionColumn(t: RawTable, c: number, header: string): boolean {
  const col = t.columns[c] ?? [];
  let any = false;
  for (let r = 1; r < t.height; r++) {
    const v = (col[r] ?? '').trim();
    if (v === '') continue;
    if (stripHtml(v) !== header) return false;
    any = true;
  }
  return any;
}

export const typeform: Platform = platform({
  name: 'typeform',
  detect(t) {
    const h = headerRow(t, 0);
    if (h[0] !== '#') return 0;
    const lower = h.map((x) => x.toLowerCase());
    return lower.includes('submit date (utc)') || lower.includes('network id') ? 0.97 : 0.5;
  },
  layout(t): Layout {
    const headers = headerRow(t, 0);
    const cols: ColSpec[] = [];
    let group = 0;
    let inGroup = false;
    for (let c = 0; c < t.width; c++) {
      const raw = headers[c]!;
      const h = stripHtml(raw);
      const lh = h.toLowerCase();
      const spec: ColSpec = { index: c, id: h, label: h, source: raw };
      if (c === 0) spec.hint = { type: 'id', keepText: true };
      else if (META.includes(lh)) spec.hint = lh.endsWith('(utc)') ? { type: 'date' } : { type: 'meta', keepText: true };
      else if (isOptionColumn(t, c, h)) {
        if (!inGroup) group++;
        inGroup = true;
        spec.id = `M${group}_${h}`;
        spec.flag = { group: `M${group}`, option: h };
        spec.label = h;
      } else if (inGroup && lh === 'other') {
        spec.id = `M${group}_other`;
        spec.parent = `M${group}`;
        spec.option = 'Other';
        spec.hint = { type: 'text', keepText: true };
        inGroup = false;
      } else inGroup = false;
      cols.push(spec);
    }
    const submit = indexOfCI(headers, 'Submit Date (UTC)');
    const rtype = indexOfCI(headers, 'Response Type');
    return {
      platform: 'typeform',
      headerRows: 1,
      cols,
      idIndex: 0,
      dateIndex: submit >= 0 ? submit : undefined,
      partial:
        rtype >= 0 || submit >= 0
          ? (r) => {
              const ty = rtype >= 0 ? cell(t, rtype, r).trim().toLowerCase() : '';
              if (ty === 'completed') return 0;
              if (ty === 'partial' || ty === 'started') return 1;
              return submit >= 0 ? (cell(t, submit, r).trim() === '' ? 1 : 0) : NaN;
            }
          : undefined,
      warnings: [],
    };
  },
});
