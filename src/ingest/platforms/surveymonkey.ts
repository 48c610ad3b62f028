// SurveyMonkey CSV/XLSX (FORMATS.md §2): two header rows. Row 1 = metadata names, then the question text
// above the first column of each question (empty above its other columns); row 2 = `Response`,
// `Open-Ended Response`, `Other (please specify)` or the option / matrix-row label.
import type { RawTable } from '../read/table.js';
import type { ColSpec, Layout, Platform } from './common.js';
import { platform } from './build.js';
import { headerRow, overlap, stripHtml } from './common.js';

const META = ['Respondent ID', 'Collector ID', 'Start Date', 'End Date', 'IP Address', 'Email Address', 'First Name', 'Last Name', 'Custom Data 1'];

function distinctValues(t: RawTable, c: number, from: number, cap: number): Set<string> {
  const s = new Set<string>();
  const col = t.columns[c] ?? [];
  for (let r = from; r < t.height && s.size < cap; r++) {
    const v = (col[r] ?? '').trim();
    if (v !== '') s.add(v);
  }
  return s;
}

export const surveymonkey: Platform = platform({
  name: 'surveymonkey',
  detect(t) {
    const r0 = headerRow(t, 0);
    const score = overlap(r0, ['Respondent ID', 'Collector ID', 'Start Date', 'End Date']);
    if (score < 0.75) return 0;
    const r1 = t.height > 1 ? headerRow(t, 1).map((x) => x.toLowerCase()) : [];
    return r1.some((x) => x === 'response' || x === 'open-ended response') ? 0.96 : 0.85;
  },
  layout(t): Layout {
    const r0 = headerRow(t, 0);
    const r1 = headerRow(t, 1);
    const cols: ColSpec[] = [];
    const metaLower = new Set(META.map((m) => m.toLowerCase()));
    // Split into groups: a question starts where row 1 is non-empty.
    type Group = { start: number; cols: number[]; text: string };
    const groups: Group[] = [];
    let idIndex: number | undefined;
    let dateIndex: number | undefined;
    for (let c = 0; c < t.width; c++) {
      const h = r0[c]!;
      if (metaLower.has(h.toLowerCase())) {
        const lid = h.toLowerCase();
        const spec: ColSpec = { index: c, id: h, label: h, hint: { type: 'meta', keepText: true } };
        if (lid === 'respondent id') idIndex = c;
        if (lid === 'start date' || lid === 'end date') spec.hint = { type: 'date' };
        if (lid === 'end date') dateIndex = c;
        cols.push(spec);
        continue;
      }
      if (h !== '' || groups.length === 0) groups.push({ start: c, cols: [c], text: stripHtml(h) });
      else groups[groups.length - 1]!.cols.push(c);
    }
    groups.forEach((g, gi) => {
      const qid = `Q${gi + 1}`;
      const subs = g.cols.map((c) => ({ c, sub: stripHtml(r1[c] ?? '') }));
      const kinds = subs.map((s) => s.sub.toLowerCase());
      if (g.cols.length === 1 || (g.cols.length === 2 && kinds[1]!.startsWith('other (please specify)'))) {
        const [main, other] = subs;
        const open = kinds[0] === 'open-ended response';
        cols.push({ index: main!.c, id: qid, label: g.text || qid, source: [r0[main!.c], r1[main!.c]].filter(Boolean).join(' | '), hint: open ? { type: 'text', keepText: true } : undefined });
        if (other) cols.push({ index: other.c, id: `${qid}_other`, label: `${g.text} - ${other.sub}`, parent: qid, option: other.sub, hint: { type: 'text', keepText: true } });
        return;
      }
      // Several columns: checkbox options (cell = the option label or empty) or matrix / ranking rows.
      const flags = subs.every((s) => {
        const d = distinctValues(t, s.c, 2, 2);
        return d.size === 0 || (d.size === 1 && ([...d][0] === s.sub || [...d][0] === '1'));
      });
      subs.forEach((s, k) => {
        const id = `${qid}_${k + 1}`;
        const label = `${g.text} - ${s.sub}`;
        const source = [r0[s.c], r1[s.c]].filter(Boolean).join(' | ');
        if (/^other \(please specify\)/i.test(s.sub) || s.sub.toLowerCase() === 'open-ended response') {
          cols.push({ index: s.c, id, label, source, parent: qid, option: s.sub, hint: { type: 'text', keepText: true } });
        } else if (flags) {
          cols.push({ index: s.c, id, label, source, flag: { group: qid, option: s.sub } });
        } else {
          cols.push({ index: s.c, id, label, source, parent: qid, option: s.sub, hint: { matrix: true }, map: (v) => (v.trim().toUpperCase() === 'N/A' ? '' : v) });
        }
      });
    });
    return { platform: 'surveymonkey', headerRows: 2, cols, idIndex, dateIndex, warnings: [] };
  },
});
