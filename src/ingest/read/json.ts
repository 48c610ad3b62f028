// JSON / JSONL reader for SurveyJS-style results: an array of response objects keyed by question name
// (or an object holding such an array under data/Data/results/responses/items), or one object per line.
// Cells: strings as-is, numbers/booleans as text, arrays joined with ';', objects as JSON; `records` keeps
// the parsed objects for the recogniser.
import type { RawTable } from './table.js';
import { inputError } from '../../ui/errors.js';

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) return v.map((x) => (x == null ? '' : String(x))).join(';');
  return JSON.stringify(v);
}

function bad(file: string, en: string, zh: string): never {
  throw inputError(`${file}: ${en}`, `${file}：${zh}`);
}

function parseRecords(text: string, file: string): Record<string, unknown>[] {
  const trimmed = text.trim();
  if (trimmed === '') bad(file, 'the file is empty; export the responses again.', '文件为空；请重新导出答卷。');
  let data: unknown;
  try {
    data = JSON.parse(trimmed);
  } catch (e) {
    // JSON Lines: one object per non-blank line.
    const out: Record<string, unknown>[] = [];
    const lines = trimmed.split(/\r?\n/);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!.trim();
      if (!line) continue;
      try {
        out.push(JSON.parse(line) as Record<string, unknown>);
      } catch {
        bad(file, `line ${i + 1} is not valid JSON (${(e as Error).message}); fix that line or export again.`, `第 ${i + 1} 行不是有效的 JSON；请修正该行或重新导出。`);
      }
    }
    data = out;
  }
  if (data && !Array.isArray(data) && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    const key = ['data', 'Data', 'results', 'responses', 'items', 'rows'].find((k) => Array.isArray(o[k]));
    data = key ? o[key] : [o];
  }
  if (!Array.isArray(data)) bad(file, 'expected an array of response objects; export the results as JSON.', '应为答卷对象数组；请把结果导出为 JSON。');
  const recs = data as unknown[];
  const badAt = recs.findIndex((r) => r === null || typeof r !== 'object' || Array.isArray(r));
  if (badAt >= 0) bad(file, `record ${badAt + 1} is not an object of answers; each response must be an object.`, `第 ${badAt + 1} 条记录不是答案对象；每份答卷必须是一个对象。`);
  return recs as Record<string, unknown>[];
}

export function readJson(text: string, opts: { file: string; encoding: string }): RawTable {
  const records = parseRecords(text, opts.file);
  if (records.length === 0) bad(opts.file, 'contains no responses; export the results again.', '不含任何答卷；请重新导出结果。');
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of records)
    for (const k of Object.keys(r))
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
  const interns = new Map<string, string>();
  const columns = keys.map((k) => {
    const col = new Array<string>(records.length + 1);
    col[0] = k;
    for (let i = 0; i < records.length; i++) {
      let v = cell(records[i]![k]);
      if (v.length <= 32) {
        const hit = interns.get(v);
        if (hit !== undefined) v = hit;
        else interns.set(v, v);
      }
      col[i + 1] = v;
    }
    return col;
  });
  return {
    file: opts.file,
    format: 'json',
    encoding: opts.encoding,
    height: records.length + 1,
    width: keys.length,
    columns,
    raggedRows: [],
    records,
  };
}
