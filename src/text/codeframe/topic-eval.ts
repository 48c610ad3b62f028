// Topic (net) precision / recall and topic-sentiment accuracy of a codeframe on hand-labelled comments
// (fixtures/aspects/*.tsv: `text<TAB>topics`, topics like "D- S+"; letters map to net ids).
import type { CompiledCodeframe } from './compile.js';

export type Polar = 'positive' | 'negative';

export interface TopicItem {
  text: string;
  /** Gold topics: net id → polarity. */
  gold: Map<number, Polar>;
}

/** Letters used in the labelled files → nets of fixtures/codeframes/cx-default.yaml. */
export const TOPIC_LETTERS: Record<string, number> = { D: 100, P: 200, S: 300, Q: 400, A: 500, B: 600 };

/** Parse a labelled TSV (header `text<TAB>topics`); throws on a malformed label. */
export function parseTopicTsv(tsv: string, letters: Record<string, number> = TOPIC_LETTERS): TopicItem[] {
  const out: TopicItem[] = [];
  const lines = tsv.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((line, i) => {
    if (i === 0 || !line.trim()) return;
    const tab = line.lastIndexOf('\t');
    const text = tab >= 0 ? line.slice(0, tab) : line;
    const gold = new Map<number, Polar>();
    for (const tok of (tab >= 0 ? line.slice(tab + 1) : '').split(/\s+/).filter(Boolean)) {
      const m = /^([A-Z])([+-])$/.exec(tok);
      const id = m ? letters[m[1]!] : undefined;
      if (!m || id === undefined) throw new Error(`line ${i + 1}: bad topic label "${tok}"`);
      gold.set(id, m[2] === '+' ? 'positive' : 'negative');
    }
    out.push({ text, gold });
  });
  return out;
}

export interface TopicScores {
  n: number;
  predicted: number;
  gold: number;
  truePositives: number;
  precision: number;
  recall: number;
  /** Share of correctly found topics whose topic sentiment has the gold polarity. */
  sentimentAccuracy: number;
  errors: { text: string; gold: string; predicted: string }[];
}

/** Score coded comments (codes = indexes into cf.codes, codeScores = topic sentiment per code). */
export function scoreTopics(
  cf: CompiledCodeframe,
  items: readonly TopicItem[],
  coded: readonly { codes: number[]; codeScores?: number[] }[],
  nets: readonly number[] = Object.values(TOPIC_LETTERS),
): TopicScores {
  const netSet = new Set(nets);
  let predicted = 0, gold = 0, tp = 0, sentOk = 0;
  const errors: TopicScores['errors'] = [];
  const fmt = (m: Map<number, string>) => [...m].map(([k, v]) => `${k}${v === 'positive' ? '+' : v === 'negative' ? '-' : '0'}`).join(' ');
  items.forEach((it, i) => {
    const c = coded[i]!;
    const pred = new Map<number, string>();
    c.codes.forEach((k, j) => {
      const id = cf.codes[k]!.id;
      if (!netSet.has(id)) return;
      const s = c.codeScores?.[j] ?? 0;
      pred.set(id, s > 0 ? 'positive' : s < 0 ? 'negative' : 'neutral');
    });
    predicted += pred.size;
    gold += it.gold.size;
    let bad = false;
    for (const [id, p] of pred) {
      const g = it.gold.get(id);
      if (!g) { bad = true; continue; }
      tp++;
      if (g === p) sentOk++;
      else bad = true;
    }
    for (const id of it.gold.keys()) if (!pred.has(id)) bad = true;
    if (bad) errors.push({ text: it.text, gold: fmt(it.gold), predicted: fmt(pred) });
  });
  return {
    n: items.length, predicted, gold, truePositives: tp,
    precision: predicted ? tp / predicted : NaN,
    recall: gold ? tp / gold : NaN,
    sentimentAccuracy: tp ? sentOk / tp : NaN,
    errors,
  };
}
