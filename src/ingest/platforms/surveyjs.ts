// SurveyJS results (FORMATS.md §6): an array of `survey.data` objects keyed by question name. Scalars are
// answers; arrays are checkbox answers (split into 0/1 columns); objects are matrices (`name.row`
// columns, `name.row.col` for matrixdropdown); `<name>-Comment` holds "other" / comment text.
import type { RawTable } from '../read/table.js';
import type { ColSpec, Layout, Platform } from './common.js';
import { platform } from './build.js';

/** Joins array answers in one cell; a control character no answer contains. */
export const SJS_SEP = '\u241f';

interface Flat {
  table: RawTable;
  arrays: Set<string>;
}

const cache = new WeakMap<RawTable, Flat>();

function scalar(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Flatten the records into a one-header-row table (keys in first-seen order). */
export function flattenRecords(t: RawTable): Flat {
  const hit = cache.get(t);
  if (hit) return hit;
  const records = t.records ?? [];
  const keys: string[] = [];
  const index = new Map<string, number>();
  const arrays = new Set<string>();
  const cells: Map<string, string>[] = records.map((rec) => {
    const row = new Map<string, string>();
    const put = (k: string, v: string) => {
      if (!index.has(k)) {
        index.set(k, keys.length);
        keys.push(k);
      }
      row.set(k, v);
    };
    for (const [k, v] of Object.entries(rec ?? {})) {
      if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) {
        arrays.add(k);
        put(k, v.map(scalar).join(SJS_SEP));
      } else if (v && typeof v === 'object' && !Array.isArray(v)) {
        for (const [rk, rv] of Object.entries(v as Record<string, unknown>)) {
          if (rv && typeof rv === 'object' && !Array.isArray(rv)) for (const [ck, cv] of Object.entries(rv as Record<string, unknown>)) put(`${k}.${rk}.${ck}`, scalar(cv));
          else put(`${k}.${rk}`, scalar(rv));
        }
      } else put(k, scalar(v));
    }
    return row;
  });
  const pool = new Map<string, string>();
  const intern = (s: string) => pool.get(s) ?? (pool.set(s, s), s);
  const columns = keys.map((k) => [k, ...cells.map((row) => intern(row.get(k) ?? ''))]);
  const table: RawTable = { ...t, height: records.length + 1, width: keys.length, columns, raggedRows: [] };
  const flat = { table, arrays };
  cache.set(t, flat);
  return flat;
}

export const surveyjs: Platform = platform({
  name: 'surveyjs',
  detect(t) {
    return t.records && (t.format === 'json' || t.records.length > 0) ? 0.9 : 0;
  },
  layout(t): Layout {
    const { table, arrays } = flattenRecords(t);
    const cols: ColSpec[] = [];
    for (let c = 0; c < table.width; c++) {
      const key = table.columns[c]![0]!;
      const spec: ColSpec = { index: c, id: key, label: key };
      const dot = key.indexOf('.');
      if (key.endsWith('-Comment')) {
        spec.parent = key.slice(0, -'-Comment'.length);
        spec.option = 'Comment';
        spec.hint = { type: 'text', keepText: true };
      } else if (arrays.has(key)) spec.joined = { sep: SJS_SEP };
      else if (dot > 0) {
        spec.parent = key.slice(0, dot);
        spec.option = key.slice(dot + 1);
        spec.hint = { matrix: true };
      }
      cols.push(spec);
    }
    return { platform: 'surveyjs', headerRows: 1, cols, warnings: [], table };
  },
});
