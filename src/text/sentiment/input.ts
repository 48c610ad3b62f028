// Picking the comment column of a survey and reading its texts and row ids (shared by cx sentiment and
// cx themes). Errors are exit-2 CxErrors that name the file and the column.
import type { Survey, Column } from '../../dataset/types.js';
import { strAt } from '../../dataset/types.js';
import { inputError } from '../../ui/errors.js';

function findColumn(s: Survey, name: string): string | undefined {
  if (s.columns.has(name)) return name;
  const low = name.trim().toLowerCase();
  const byId = s.questions.find((q) => q.id.toLowerCase() === low);
  if (byId) return byId.id;
  const byLabel = s.questions.filter((q) => q.label.trim().toLowerCase() === low || (q.source ?? '').trim().toLowerCase() === low);
  return byLabel.length === 1 ? byLabel[0]!.id : undefined;
}

function columnList(s: Survey): string {
  const ids = s.questions.map((q) => q.id);
  return ids.slice(0, 15).join(', ') + (ids.length > 15 ? ', …' : '');
}

/** Average length of the non-empty strings of a column. */
function avgLen(c: Column, n: number): number {
  let tot = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    const v = strAt(c, i);
    if (v && v.trim()) {
      tot += v.length;
      k++;
    }
  }
  return k ? tot / k : 0;
}

/**
 * The column holding the comments: `wanted` (id or question text), else the only column typed text (role
 * 'comment' wins when there are several), else a clear exit-2 error listing the candidates.
 */
export function pickTextColumn(s: Survey, wanted: string | undefined, file: string): string {
  if (wanted) {
    const id = findColumn(s, wanted);
    if (!id) throw inputError(`${file}: no column "${wanted}"; columns are: ${columnList(s)}.`, `${file}：没有列“${wanted}”；现有列：${columnList(s)}。`);
    return id;
  }
  const text = s.questions.filter((q) => q.type === 'text' && s.columns.has(q.id));
  const comment = text.filter((q) => q.role === 'comment');
  if (comment.length === 1) return comment[0]!.id;
  if (text.length === 1) return text[0]!.id;
  if (text.length > 1) {
    // Several free-text columns: take the one with the longest answers only if it clearly dominates.
    const lens = text.map((q) => ({ id: q.id, len: avgLen(s.columns.get(q.id)!, s.nRows) })).sort((a, b) => b.len - a.len);
    if (lens[0]!.len >= 2 * lens[1]!.len) return lens[0]!.id;
    const names = text.map((q) => q.id).join(', ');
    throw inputError(`${file}: several comment columns (${names}); choose one with --text COL.`, `${file}：有多个评论列（${names}），请用 --text 列名 指定。`);
  }
  throw inputError(`${file}: no free-text column found; name the comment column with --text COL (columns: ${columnList(s)}).`, `${file}：没有找到文本列，请用 --text 列名 指定评论列（现有列：${columnList(s)}）。`);
}

/** Texts of a column (null when missing). */
export function columnTexts(s: Survey, id: string): (string | null)[] {
  const c = s.columns.get(id)!;
  const out = new Array<string | null>(s.nRows);
  for (let i = 0; i < s.nRows; i++) {
    const v = strAt(c, i);
    out[i] = v != null && v.trim() !== '' ? v : null;
  }
  return out;
}

/** Row ids: the survey's id column, else the 1-based data row number. */
export function rowIds(s: Survey): { name: string; ids: (string | number)[] } {
  if (s.idColumn && s.columns.has(s.idColumn)) {
    const c = s.columns.get(s.idColumn)!;
    const ids: (string | number)[] = [];
    for (let i = 0; i < s.nRows; i++) ids.push(strAt(c, i) ?? i + 1);
    return { name: s.idColumn, ids };
  }
  return { name: 'row', ids: Array.from({ length: s.nRows }, (_, i) => i + 1) };
}
