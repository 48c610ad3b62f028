// A sanity check on the column chosen as "comments" (cx code / sentiment / themes): a column with a
// handful of distinct values, or numbers, is almost certainly a category (region, NPS score …) picked by
// mistake; coding it gives all-zero codes with exit 0. The caller shows the returned warning.
import type { Survey } from '../dataset/types.js';
import { strAt } from '../dataset/types.js';
import type { Bilingual } from '../ui/errors.js';

export interface ColumnShape {
  /** Non-empty values. */
  n: number;
  /** Distinct non-empty values (trimmed). */
  distinct: number;
  /** Non-empty values that read as a finite number. */
  numeric: number;
}

export function columnShape(texts: Iterable<string | null | undefined>): ColumnShape {
  const seen = new Set<string>();
  let n = 0;
  let numeric = 0;
  for (const raw of texts) {
    const v = raw?.trim();
    if (!v) continue;
    n++;
    seen.add(v);
    if (Number.isFinite(Number(v))) numeric++;
  }
  return { n, distinct: seen.size, numeric };
}

/** Below this many comments the distinct-value test says nothing. */
const MIN_ROWS = 20;
/** At most this many distinct values, or this share of the comments, reads as a category. */
const MAX_DISTINCT = 12;
const MAX_DISTINCT_SHARE = 0.05;

/** Why `shape` looks like a category rather than free comments, or undefined when it looks fine. */
export function categoryReason(shape: ColumnShape): 'few-distinct' | 'numbers' | undefined {
  if (shape.n >= 5 && shape.numeric >= 0.9 * shape.n) return 'numbers';
  if (shape.n >= MIN_ROWS && (shape.distinct <= MAX_DISTINCT || shape.distinct <= MAX_DISTINCT_SHARE * shape.n)) return 'few-distinct';
  return undefined;
}

/**
 * A warning when column `id` of `s` does not look like open comments; `suggest` is the column the
 * automatic choice would take (named in the message when it differs).
 */
export function textColumnWarning(s: Survey, id: string, suggest?: string): Bilingual | undefined {
  const col = s.columns.get(id);
  if (!col) return undefined;
  const shape = columnShape((function* () {
    for (let i = 0; i < s.nRows; i++) yield strAt(col, i);
  })());
  const why = categoryReason(shape);
  if (!why) return undefined;
  const q = s.questions.find((x) => x.id === id);
  const typed = q && q.type !== 'text' ? ` (type ${q.type})` : '';
  const typedZh = q && q.type !== 'text' ? `（类型 ${q.type}）` : '';
  const what =
    why === 'numbers'
      ? { en: `holds numbers in ${shape.numeric} of ${shape.n} non-empty rows`, zh: `${shape.n} 个非空值中有 ${shape.numeric} 个是数字` }
      : { en: `has only ${shape.distinct} distinct values in ${shape.n} non-empty rows`, zh: `${shape.n} 个非空值中只有 ${shape.distinct} 种不同取值` };
  const other = suggest && suggest !== id ? suggest : undefined;
  return {
    en:
      `column "${id}"${typed} ${what.en}: it looks like a category, not comments; ` +
      (other ? `did you mean --text ${other}? ` : 'name the comment column with --text COL; ') +
      '(cx describe shows which columns are type text).',
    zh:
      `列“${id}”${typedZh}${what.zh}：看起来是分类变量而不是评论；` +
      (other ? `是否应使用 --text ${other}？` : '请用 --text 列名 指定评论列；') +
      '（cx describe 可查看哪些列是文本类型）。',
  };
}

/**
 * The comment column to analyse (`explicit`, else what `pick` finds) and, when it looks like a category,
 * a warning that names the column `pick` would have chosen on its own.
 */
export function chooseTextColumn(
  s: Survey,
  explicit: string | undefined,
  input: string,
  pick: (s: Survey, text: string | undefined, input: string) => string,
): { column: string; warning?: Bilingual } {
  const column = pick(s, explicit, input);
  let suggest: string | undefined;
  try {
    suggest = explicit === undefined ? column : pick(s, undefined, input);
  } catch {
    suggest = undefined;
  }
  return { column, warning: textColumnWarning(s, column, suggest) };
}
