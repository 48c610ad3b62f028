// Reading one export file into a Survey. PROVISIONAL generic implementation (UTF-8 CSV, one header row);
// the ingest work replaces it with encoding sniffing, XLSX/JSON readers and platform recognition.
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Column, Question, Survey } from '../dataset/types.js';
import { inputError } from '../ui/errors.js';

export interface ReadOptions {
  platform?: string;
  encoding?: string;
  includePreview?: boolean;
  sheet?: string;
  wave?: string;
}

export async function readSurvey(file: string, _opts: ReadOptions = {}): Promise<Survey> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw inputError(`${file}: file not found or not readable; check the path.`, `${file}：文件不存在或无法读取，请检查路径。`);
  }
  const rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  if (rows.length === 0) throw inputError(`${file}: the file is empty; export the survey again.`, `${file}：文件为空，请重新导出问卷。`);
  const header = rows[0]!;
  const n = rows.length - 1;
  const columns = new Map<string, Column>();
  const questions: Question[] = [];
  header.forEach((h, c) => {
    const vals = rows.slice(1).map((r) => (r[c] === undefined || r[c] === '' ? null : r[c]!));
    const numeric = vals.every((v) => v === null || Number.isFinite(Number(v)));
    const id = h || `col${c + 1}`;
    if (numeric && vals.some((v) => v !== null)) {
      columns.set(id, { kind: 'num', values: Float64Array.from(vals, (v) => (v === null ? NaN : Number(v))) });
      questions.push({ id, label: h, type: 'number', source: h });
    } else {
      columns.set(id, { kind: 'str', values: vals });
      questions.push({ id, label: h, type: 'category', source: h });
    }
  });
  return { source: [file], platform: 'generic', encoding: 'utf-8', questions, columns, nRows: n, log: [] };
}
