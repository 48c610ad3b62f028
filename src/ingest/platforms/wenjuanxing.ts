// 问卷星 Wenjuanxing (FORMATS.md §10): one header row `序号, 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP`, then
// numbered questions `1、您的专业是？`, matrix rows / other-text columns `5(服务态度)` / `25、(其他（请补充）:)`;
// multi-select answers joined with `┋`; `(跳过)` marks a skipped question.
import type { RawTable } from '../read/table.js';
import type { ColSpec, Layout, Platform } from './common.js';
import { platform } from './build.js';
import { headerRow, overlap, stripHtml } from './common.js';

const META = ['序号', '提交答卷时间', '所用时间', '来源', '来源详情', '来自IP', '总分', '开始答题时间', '答题时长', '用户ID', '微信昵称'];
const SKIPPED = new Set(['(跳过)', '（跳过）', '(空)', '（空）', '-3', '-2']);
const MULTI_SEP = '┋';

function hasSep(t: RawTable, c: number): boolean {
  const col = t.columns[c] ?? [];
  for (let r = 1; r < t.height; r++) if ((col[r] ?? '').includes(MULTI_SEP)) return true;
  return false;
}

// `其他〖会员积分〗`: 问卷星 writes the text typed into an "other" box inside 〖〗 after the option text.
const OTHER_FILL = /([^┋〖〗]*?)〖([^〗]*)〗/;
const OTHER_FILL_G = /〖[^〗]*〗/g;

/** The option text carrying `〖…〗` free text in column c (e.g. 其他), or undefined when none does. */
function otherFill(t: RawTable, c: number): string | undefined {
  const col = t.columns[c] ?? [];
  for (let r = 1; r < t.height; r++) {
    const v = col[r] ?? '';
    if (v.includes('〖')) {
      const m = OTHER_FILL.exec(v.split(MULTI_SEP).find((p) => p.includes('〖')) ?? v);
      if (m) return m[1]!.trim() || '其他';
    }
  }
  return undefined;
}

/** The free texts of a cell's `〖…〗` parts, joined with "; " ('' when none). */
function otherText(v: string): string {
  if (!v.includes('〖')) return '';
  const out: string[] = [];
  for (const m of v.matchAll(/〖([^〗]*)〗/g)) if (m[1]!.trim()) out.push(m[1]!.trim());
  return out.join('; ');
}

/** The longest common prefix of the labels, cut back to a separator when one is there. */
function commonStem(labels: string[]): string {
  if (labels.length === 0) return '';
  let p = labels[0]!;
  for (const l of labels) while (!l.startsWith(p)) p = p.slice(0, -1);
  const cut = Math.max(...['—', '–', '-', '_', ':', '：', '|', '｜', '/'].map((sep) => p.lastIndexOf(sep)));
  return cut > 0 ? p.slice(0, cut + 1) : p;
}

export const wenjuanxing: Platform = platform({
  name: 'wenjuanxing',
  detect(t) {
    const r0 = headerRow(t, 0);
    const s = overlap(r0, ['序号', '提交答卷时间', '所用时间', '来源', '来自IP']);
    return s >= 0.6 ? 0.97 : s >= 0.4 ? 0.6 : 0;
  },
  layout(t): Layout {
    const r0 = headerRow(t, 0);
    const cols: ColSpec[] = [];
    let idIndex: number | undefined;
    let dateIndex: number | undefined;
    let lastQ = '';
    let lastLabel = '';
    const subCount = new Map<string, number>();
    const matrixRuns = new Map<string, ColSpec[]>();
    const skip = (v: string) => (SKIPPED.has(v.trim()) ? '' : v);
    for (let c = 0; c < t.width; c++) {
      const h = r0[c]!;
      if (META.includes(h)) {
        const spec: ColSpec = { index: c, id: h, label: h, hint: { type: 'meta', keepText: true } };
        if (h === '序号') idIndex = c;
        if (h === '提交答卷时间' || h === '开始答题时间') spec.hint = { type: 'date' };
        if (h === '提交答卷时间') dateIndex = c;
        if (h === '所用时间' || h === '总分') spec.hint = { type: 'meta' };
        cols.push(spec);
        continue;
      }
      // `12、题目` or `12.题目`, and `12(行标题)` for matrix rows; not `3D打印…`.
      const m = /^(\d+)(?:\s*[、.．]\s*|(?=[（(]))(.*)$/s.exec(h);
      const num = m?.[1];
      const rest = stripHtml(m?.[2] ?? h);
      const sub = /^[（(](.*)[)）]$/s.exec(rest);
      if (num && sub && `Q${num}` === lastQ) {
        // A matrix row or the "other" text of the question just before.
        const k = (subCount.get(lastQ) ?? 0) + 1;
        subCount.set(lastQ, k);
        const option = sub[1]!.replace(/[:：]$/, '').trim();
        const other = /其他|其它|请注明|请补充|请说明/.test(option);
        cols.push({ index: c, id: other ? `${lastQ}_other${k > 1 ? k : ''}` : `${lastQ}_${k}`, label: `${lastLabel} - ${option}`, source: h, parent: lastQ, option, map: skip, hint: other ? { type: 'text', keepText: true } : undefined });
        continue;
      }
      if (num && sub) {
        // Matrix question: every row comes as `5(服务态度)` without a stem column.
        const qid = `Q${num}`;
        const k = (subCount.get(qid) ?? 0) + 1;
        subCount.set(qid, k);
        const option = sub[1]!.trim();
        cols.push({ index: c, id: `${qid}_${k}`, label: option, source: h, parent: qid, option, map: skip, hint: { matrix: true } });
        lastQ = qid;
        lastLabel = qid;
        continue;
      }
      const qid = num ? `Q${num}` : h;
      if (num && qid === lastQ && cols.length > 0 && cols[cols.length - 1]!.id === qid) {
        // `5、stem—row` repeated: the rows of a matrix question (collected below).
        const run = matrixRuns.get(qid) ?? [cols[cols.length - 1]!];
        matrixRuns.set(qid, run);
      }
      lastQ = qid;
      lastLabel = rest;
      const spec: ColSpec = { index: c, id: qid, label: rest || qid, source: h, map: skip };
      if (num && matrixRuns.has(qid)) matrixRuns.get(qid)!.push(spec);
      const other = otherFill(t, c);
      if (other) {
        // `其他〖free text〗` answers: the option is 其他, the typed text goes to a column of its own.
        spec.map = (v: string) => skip(v).replace(OTHER_FILL_G, '');
        cols.push(spec);
        if (hasSep(t, c)) spec.joined = { sep: MULTI_SEP };
        cols.push({ index: c, id: `${qid}_other`, label: `${rest || qid} - ${other}`, source: h, parent: qid, option: other, map: otherText, hint: { type: 'text', keepText: true } });
        continue;
      }
      if (hasSep(t, c)) spec.joined = { sep: MULTI_SEP };
      cols.push(spec);
    }
    for (const [qid, run] of matrixRuns) {
      // Consecutive columns of one question number: matrix rows Q5_1, Q5_2 … (not Q5, Q5_2 and a
      // "duplicated header" warning); the row text is what differs after the shared stem.
      const labels = run.map((r) => r.label);
      const stem = commonStem(labels);
      run.forEach((r, k) => {
        const row = r.label.slice(stem.length).replace(/^[\s—–\-_:：、.·|｜/]+/, '').trim() || String(k + 1);
        r.id = `${qid}_${k + 1}`;
        r.parent = qid;
        r.option = row;
        r.label = `${stem.replace(/[\s—–\-_:：、.·|｜/]+$/, '') || qid} - ${row}`;
        r.hint = { ...r.hint, matrix: true };
      });
    }
    return { platform: 'wenjuanxing', headerRows: 1, cols, idIndex, dateIndex, warnings: [] };
  },
});
