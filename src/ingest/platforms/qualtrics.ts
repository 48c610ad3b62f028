// Qualtrics exports (FORMATS.md §1): current 3-row CSV/TSV/XLSX with a JSON ImportId row, the 2016
// "Insights" 3-row export with a Python-dict row, and the legacy 2-row V1…V10 export.
import type { RawTable } from '../read/table.js';
import type { ColSpec, ColumnHint, Layout, Platform, RecogniseOptions } from './common.js';
import { platform } from './build.js';
import { cell, headerRow, stripHtml } from './common.js';

const META = new Set(
  [
    'StartDate', 'EndDate', 'Status', 'IPAddress', 'Progress', 'Duration (in seconds)', 'Finished', 'RecordedDate',
    'ResponseId', 'ResponseID', 'RecipientLastName', 'RecipientFirstName', 'RecipientEmail', 'ExternalReference',
    'ExternalDataReference', 'LocationLatitude', 'LocationLongitude', 'LocationAccuracy', 'DistributionChannel',
    'UserLanguage', 'Q_BallotBoxStuffing', 'ResponseSet', 'Name', 'EmailAddress', 'Q_RecaptchaScore',
    'Q_RelevantIDDuplicate', 'Q_RelevantIDDuplicateScore', 'Q_RelevantIDFraudScore', 'Q_RelevantIDLastStartDate',
  ].map((s) => s.toLowerCase()),
);
const DATES = new Set(['startdate', 'enddate', 'recordeddate']);

function isImportIdRow(cells: string[]): 'json' | 'dict' | null {
  let json = 0;
  let dict = 0;
  let filled = 0;
  for (const c of cells) {
    if (c === '') continue;
    filled++;
    if (/^\{\s*"ImportId"\s*:/.test(c)) json++;
    else if (/^\{\s*'ImportId'\s*:/.test(c)) dict++;
  }
  if (filled === 0) return null;
  if (json / filled > 0.8) return 'json';
  if (dict / filled > 0.8) return 'dict';
  return null;
}

function isLegacy(t: RawTable): boolean {
  if (t.height < 2) return false;
  const r0 = headerRow(t, 0);
  const r1 = headerRow(t, 1);
  return r0[0] === 'V1' && r0[1] === 'V2' && /^ResponseI[dD]$/.test(r1[0] ?? '');
}

export function parseImportId(text: string): { importId?: string; timeZone?: string; choiceId?: string } {
  try {
    const o = JSON.parse(text.replace(/^\{\s*'/, '{"').replace(/'\s*:\s*'/g, '":"').replace(/'\s*,\s*'/g, '","').replace(/'\s*\}$/, '"}')) as Record<string, unknown>;
    return { importId: o.ImportId as string | undefined, timeZone: o.timeZone as string | undefined, choiceId: o.choiceId as string | undefined };
  } catch {
    return {};
  }
}

/** The question an export tag belongs to: Q5_1 → Q5, Q5_1_2 → Q5, Q1#1_1 → Q1; null when it has no suffix. */
function baseOf(id: string): string | null {
  const m = /^(.+?)(?:#\d+)?(?:_-?\d+)+$/.exec(id);
  return m && m[1] !== id ? m[1]! : null;
}

const STATUS_EXCLUDE: Record<string, string> = {
  '1': 'preview',
  'survey preview': 'preview',
  preview: 'preview',
  '2': 'test',
  'survey test': 'test',
  test: 'test',
  '8': 'spam',
  spam: 'spam',
};

export const qualtrics: Platform = platform({
  name: 'qualtrics',
  detect(t) {
    if (t.height >= 3 && isImportIdRow(headerRow(t, 2))) return 0.98;
    if (isLegacy(t)) return 0.95;
    const h = headerRow(t, 0);
    const hits = ['StartDate', 'EndDate', 'Status', 'Progress', 'Finished', 'RecordedDate', 'ResponseId', 'DistributionChannel'].filter((n) => h.includes(n)).length;
    return hits >= 4 ? 0.7 : 0;
  },
  layout(t: RawTable, _opts: RecogniseOptions): Layout {
    const warnings: string[] = [];
    const legacy = isLegacy(t);
    const idRowKind = t.height >= 3 ? isImportIdRow(headerRow(t, 2)) : null;
    const headerRows = legacy ? 2 : idRowKind ? 3 : t.height >= 2 && looksLikeLabelRow(t) ? 2 : 1;
    const r0 = headerRow(t, 0);
    const r1 = headerRows >= 2 ? headerRow(t, 1) : r0;
    const r2 = headerRows >= 3 ? headerRow(t, 2) : [];
    const n = t.width;

    const ids = r0.map((id, c) => (legacy && /^V\d+$/.test(id) ? r1[c]! : id));
    // Drop the empty trailing column that a trailing comma creates.
    const live: number[] = [];
    for (let c = 0; c < n; c++) {
      if (ids[c] === '' && (r1[c] ?? '') === '' && !hasData(t, c, headerRows)) continue;
      live.push(c);
    }
    const idSet = new Set(ids);
    const lower = ids.map((s) => s.toLowerCase());
    const find = (name: string) => lower.indexOf(name.toLowerCase());

    // Groups of sub-columns (Q2_1, Q2_2 …) to tell multi-select flags from matrix rows.
    const groups = new Map<string, number[]>();
    for (const c of live) {
      const b = baseOf(ids[c]!);
      if (b && !META.has(ids[c]!.toLowerCase())) groups.set(b, [...(groups.get(b) ?? []), c]);
    }
    const flagGroups = new Set<string>();
    for (const [b, cs] of groups) {
      // Multiple answer: each option column holds only `1` (numeric export) or its own choice text.
      const flagLike = (c: number): boolean => {
        const d = distinctNonEmpty(t, c, headerRows, 2);
        if (d.size === 0) return true;
        if (d.size > 1) return false;
        const v = [...d][0]!;
        const label = stripHtml(r1[c] ?? '');
        return v === '1' || label === v || label.endsWith(` - ${v}`) || label.endsWith(`-${v}`);
      };
      if (cs.length >= 2 && cs.every(flagLike) && cs.some((c) => hasData(t, c, headerRows))) flagGroups.add(b);
    }

    const cols: ColSpec[] = [];
    for (const c of live) {
      const id = ids[c]!;
      const lid = id.toLowerCase();
      const labelRaw = r1[c] ?? '';
      const label = stripHtml(labelRaw) || id;
      const meta = r2[c] ? parseImportId(r2[c]!) : {};
      const source = [r0[c], headerRows >= 2 ? labelRaw : undefined, r2[c]].filter((x) => x).join(' | ');
      const hint: ColumnHint = {};
      const spec: ColSpec = { index: c, id, label, source, hint };
      const xlsxDate = t.dateColumns?.has(c) ?? false;
      if (DATES.has(lid)) Object.assign(hint, { type: 'date', excelDate: xlsxDate });
      else if (lid === 'responseid') Object.assign(hint, { type: 'id', keepText: true });
      else if (META.has(lid) || /^V\d+$/.test(r0[c]!)) hint.type = 'meta';
      else if (/_NPS_GROUP$/i.test(id)) {
        hint.type = 'meta';
        hint.choices = [
          { code: '1', label: 'Detractor' },
          { code: '2', label: 'Passive' },
          { code: '3', label: 'Promoter' },
        ];
      } else if (/_DO$/.test(id) || /_DO_/.test(id)) Object.assign(hint, { type: 'meta', keepText: true });
      else if (/Topics$/.test(meta.importId ?? '') || / - (Topics|Sentiment|Sentiment Score|Parent Topics)$/.test(id)) Object.assign(hint, { type: 'meta', keepText: true });
      else if (/_TEXT$/i.test(id) || /_TEXT$/.test(meta.importId ?? '')) {
        Object.assign(hint, { type: 'text', keepText: true });
        const owner = /^(.+?)(?:_\d+)?_TEXT$/i.exec(id);
        if (owner && owner[1] !== id && (groups.has(owner[1]!) || idSet.has(owner[1]!))) spec.parent = owner[1]!;
      }
      else if (idSet.has(`${id}_NPS_GROUP`)) Object.assign(hint, { type: 'nps', role: 'nps', scale: { min: 0, max: 10 } });
      else if (xlsxDate) Object.assign(hint, { type: 'date', excelDate: true });
      const b = baseOf(id);
      if (b && !hint.type) {
        const sub = label.includes(' - ') ? label.slice(label.lastIndexOf(' - ') + 3) : label.includes('-') ? label.slice(label.lastIndexOf('-') + 1) : id;
        if (flagGroups.has(b)) spec.flag = { group: b, option: sub.trim() };
        else if ((groups.get(b)?.length ?? 0) >= 2) {
          spec.parent = b;
          spec.option = sub.trim();
          hint.matrix = true;
        }
      }
      cols.push(spec);
    }

    const status = find('status');
    const channel = find('distributionchannel');
    const finished = find('finished');
    const progress = find('progress');
    const recorded = find('recordeddate') >= 0 ? find('recordeddate') : find('enddate');
    const respId = find('responseid');
    if (ids.filter((x) => x.toLowerCase() === 'status').length > 1) warnings.push('two Status columns: the first one decides preview/test exclusion');
    return {
      platform: 'qualtrics',
      headerRows,
      cols,
      idIndex: respId >= 0 ? respId : undefined,
      dateIndex: recorded >= 0 ? recorded : undefined,
      exclude: (r) => {
        if (status >= 0) {
          const why = STATUS_EXCLUDE[cell(t, status, r).trim().toLowerCase()];
          if (why) return why;
        }
        if (channel >= 0) {
          const why = STATUS_EXCLUDE[cell(t, channel, r).trim().toLowerCase()];
          if (why) return why;
        }
        return null;
      },
      partial:
        finished >= 0 || progress >= 0
          ? (r) => {
              const f = finished >= 0 ? cell(t, finished, r).trim().toLowerCase() : '';
              if (f === '1' || f === 'true') return 0;
              if (f === '0' || f === 'false') return 1;
              const p = progress >= 0 ? Number(cell(t, progress, r)) : NaN;
              return Number.isFinite(p) && cell(t, progress, r) !== '' ? (p < 100 ? 1 : 0) : NaN;
            }
          : undefined,
      warnings,
    };
  },
});

function hasData(t: RawTable, c: number, from: number): boolean {
  const col = t.columns[c] ?? [];
  for (let r = from; r < t.height; r++) if ((col[r] ?? '').trim() !== '') return true;
  return false;
}

function distinctNonEmpty(t: RawTable, c: number, from: number, stop: number): Set<string> {
  const seen = new Set<string>();
  const col = t.columns[c] ?? [];
  for (let r = from; r < t.height; r++) {
    const v = (col[r] ?? '').trim();
    if (v !== '') seen.add(v);
    if (seen.size >= stop) break;
  }
  return seen;
}

/** A 2-header-row Qualtrics file without the ImportId row: row 2 holds labels, not data. */
function looksLikeLabelRow(t: RawTable): boolean {
  const r1 = headerRow(t, 1);
  const r0 = headerRow(t, 0);
  const sd = r0.indexOf('StartDate');
  return sd >= 0 && r1[sd] !== undefined && !/^\d{4}-\d{2}-\d{2}/.test(r1[sd]!) && !/^\d+(\.\d+)?$/.test(r1[sd]!);
}
