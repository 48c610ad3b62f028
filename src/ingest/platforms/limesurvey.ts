// LimeSurvey CSV (FORMATS.md §5): `code` headings (`id, submitdate, lastpage, …, Q2[SQ001]`) or `full`
// headings (`Response ID, Date submitted, …, Question text [Label]`), `,` or `;` separated, BOM, all
// quoted. `submitdate` empty = incomplete response. Multiple choice sub-questions hold Y / 1 / empty.
import type { RawTable } from '../read/table.js';
import type { ColSpec, Layout, Platform } from './common.js';
import { platform } from './build.js';
import { cell, headerRow, overlap, stripHtml } from './common.js';

const CODE_META = ['id', 'submitdate', 'lastpage', 'startlanguage', 'seed', 'startdate', 'datestamp', 'ipaddr', 'refurl', 'token', 'interviewtime'];
const FULL_META = ['Response ID', 'Date submitted', 'Last page', 'Start language', 'Seed', 'Date started', 'Date last action', 'IP address', 'Referrer URL', 'Token', 'Total time'];
const DATE_META = new Set(['submitdate', 'startdate', 'datestamp', 'date submitted', 'date started', 'date last action']);
const SUB = /^(.*?)\s*\[([^[\]]*)\](?:\s*\[([^[\]]*)\])?\s*$/s;
const FLAG_VALUES = new Set(['', 'Y', 'N', '1', '0']);

/** 0: not flag-like; 1: only empty / 0 / N; 2: has a Y or 1. */
function flagLike(t: RawTable, c: number): number {
  const col = t.columns[c] ?? [];
  let any = 1;
  for (let r = 1; r < t.height; r++) {
    const v = (col[r] ?? '').trim();
    if (!FLAG_VALUES.has(v)) return 0;
    if (v === 'Y' || v === '1') any = 2;
  }
  return any;
}

export const limesurvey: Platform = platform({
  name: 'limesurvey',
  detect(t) {
    const h = headerRow(t, 0);
    const code = overlap(h, ['id', 'submitdate', 'lastpage', 'startlanguage', 'seed', 'startdate', 'datestamp']);
    const full = overlap(h, ['Response ID', 'Date submitted', 'Last page', 'Start language', 'Seed', 'Date started', 'Date last action']);
    const s = Math.max(code, full);
    return s >= 0.7 ? 0.95 : s >= 0.5 ? 0.6 : 0;
  },
  layout(t): Layout {
    const headers = headerRow(t, 0);
    const isCode = overlap(headers, ['id', 'submitdate', 'lastpage', 'startlanguage']) >= 0.75;
    const metaSet = new Set((isCode ? CODE_META : FULL_META).map((x) => x.toLowerCase()));
    const cols: ColSpec[] = [];
    let idIndex: number | undefined;
    let dateIndex: number | undefined;
    let submit = -1;
    // First pass: stems and their sub-columns.
    type Item = { c: number; stem: string; sub?: string; sub2?: string };
    const items: Item[] = [];
    for (let c = 0; c < t.width; c++) {
      const raw = headers[c]!;
      const lower = raw.toLowerCase();
      const isTiming = /^(group time|question time): /i.test(raw) || /^groupTime\d+$/.test(raw) || (isCode && /Time$/.test(raw) && raw !== 'Time') || /^filecount - /.test(raw);
      if (metaSet.has(lower) || isTiming) {
        const spec: ColSpec = { index: c, id: raw, label: raw, hint: { type: 'meta' } };
        if (lower === 'id' || lower === 'response id') {
          idIndex = c;
          spec.hint = { type: 'id', keepText: true };
        } else if (DATE_META.has(lower)) spec.hint = { type: 'date' };
        else if (!isTiming && lower !== 'last page' && lower !== 'lastpage' && lower !== 'total time' && lower !== 'interviewtime') spec.hint = { type: 'meta', keepText: true };
        if (lower === 'submitdate' || lower === 'date submitted') {
          submit = c;
          dateIndex = c;
        }
        cols.push(spec);
        continue;
      }
      const m = SUB.exec(raw);
      items.push(m ? { c, stem: stripHtml(m[1]!), sub: stripHtml(m[2]!), sub2: m[3] ? stripHtml(m[3]) : undefined } : { c, stem: stripHtml(raw) });
    }
    // Group consecutive sub-columns of one stem.
    let qn = 0;
    let i = 0;
    while (i < items.length) {
      const it = items[i]!;
      let j = i + 1;
      if (it.sub !== undefined) while (j < items.length && items[j]!.stem === it.stem && items[j]!.sub !== undefined) j++;
      const run = items.slice(i, j);
      // A bare stem followed by `stem [Other]` is a single choice with an other-text column.
      qn++;
      const qid = isCode ? it.stem : `Q${qn}`;
      const label = it.stem || qid;
      if (it.sub === undefined) {
        cols.push({ index: it.c, id: isCode ? headers[it.c]! : qid, label, source: headers[it.c] });
        while (j < items.length && items[j]!.stem === it.stem && items[j]!.sub !== undefined && /^(other|comment)$/i.test(items[j]!.sub!)) {
          const o = items[j]!;
          cols.push({ index: o.c, id: isCode ? headers[o.c]! : `${qid}_${o.sub!.toLowerCase()}`, label: `${label} [${o.sub}]`, source: headers[o.c], parent: isCode ? it.stem : qid, option: o.sub, hint: { type: 'text', keepText: true } });
          j++;
        }
      } else {
        const kinds = run.filter((x) => !/^(other|comment)$/i.test(x.sub!)).map((x) => flagLike(t, x.c));
        const flags = run.length >= 2 && kinds.every((k) => k > 0) && kinds.some((k) => k === 2);
        run.forEach((x, k) => {
          const option = x.sub2 ? `${x.sub} ${x.sub2}` : x.sub!;
          const id = isCode ? headers[x.c]! : `${qid}_${k + 1}`;
          const spec: ColSpec = { index: x.c, id, label: `${label} [${option}]`, source: headers[x.c] };
          if (/^(other|comment)$/i.test(x.sub!)) Object.assign(spec, { parent: qid, option, hint: { type: 'text', keepText: true } });
          else if (flags) spec.flag = { group: qid, option };
          else Object.assign(spec, { parent: qid, option, hint: { matrix: true } });
          cols.push(spec);
        });
      }
      i = j;
    }
    return {
      platform: 'limesurvey',
      headerRows: 1,
      cols,
      idIndex,
      dateIndex,
      partial: submit >= 0 ? (r) => (cell(t, submit, r).trim() === '' ? 1 : 0) : undefined,
      warnings: [],
    };
  },
});
