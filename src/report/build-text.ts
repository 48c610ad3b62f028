// Open-comment sections of the report model: themes (codeframe or discovered), sentiment, verbatims
// (redacted) and follow-ups (detractors routed to the codeframe owner of what they wrote about).
import type { Survey } from '../dataset/types.js';
import { numAt, strAt } from '../dataset/types.js';
import type { CxConfig } from '../config/schema.js';
import type { ResolvedRoles } from '../config/apply.js';
import type { FollowUpGroup, ReportModel, Verbatim } from './model.js';
import { codeComments, type CodedComments } from './build-themes.js';
import { redactText } from '../text/redact.js';
import { isNoComment } from '../text/nocomment.js';

type T = (en: string, zh: string) => string;

export interface TextOptions {
  rows: number[];
  prevRows?: number[];
  verbatims: number;
  t: T;
}

// Personal data masked in every quoted comment: `cx redact`'s rules (e-mail, phone, URL, ID-card and card
// numbers; src/text/redact.ts), then a wider net for what a report must not quote either: other phone
// layouts and any run of 7+ digits (order or account numbers).
const MASKS: [RegExp, string][] = [
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[EMAIL]'],
  [/https?:\/\/\S+/g, '[URL]'],
  [/(?<![\d])(?:\+?\d{1,3}[\s-]?)?(?:\(?\d{2,4}\)?[\s-]?)\d{3,4}[\s-]?\d{4}(?![\d])/g, '[PHONE]'],
  [/(?<![\d])\d{7,}(?![\d])/g, '[NUMBER]'],
];

/** Masks e-mails, URLs, phone numbers, ID/card numbers and long numbers (the report never quotes them). */
export function maskPersonal(text: string): string {
  let s = redactText(text).text;
  for (const [re, rep] of MASKS) s = s.replace(re, rep);
  return s;
}

interface Comment {
  row: number;
  text: string;
  score?: number;
}

function commentsAt(s: Survey, roles: ResolvedRoles, rows: number[]): Comment[] {
  const col = roles.text ? s.columns.get(roles.text) : undefined;
  if (!col) return [];
  const npsCol = roles.nps ? s.columns.get(roles.nps) : undefined;
  const out: Comment[] = [];
  for (const i of rows) {
    const v = strAt(col, i)?.trim();
    // No-comment answers (无, 没有建议, n/a, "-") are not themes, verbatims nor follow-ups.
    if (!v || isNoComment(v)) continue;
    const c: Comment = { row: i, text: maskPersonal(v) }; // never coded, mined or quoted with personal data
    if (npsCol) {
      const x = numAt(npsCol, i);
      if (Number.isInteger(x) && x >= 0 && x <= 10) c.score = x;
    }
    out.push(c);
  }
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function buildText(model: ReportModel, s: Survey, cfg: CxConfig, roles: ResolvedRoles, o: TextOptions): Promise<void> {
  const { t } = o;
  const comments = commentsAt(s, roles, o.rows);
  if (!roles.text) {
    model.notes.push({ section: 'themes', text: t('No open-comment column (roles.text in cx.yaml): no themes or verbatims.', '未设置开放题列（cx.yaml 中的 roles.text）：无主题与原话。') });
    return;
  }
  if (!comments.length) {
    model.notes.push({ section: 'themes', text: t('No comments in this period.', '本时间段内没有评论。') });
    return;
  }
  const prevComments = o.prevRows ? commentsAt(s, roles, o.prevRows) : [];
  const coded: CodedComments | undefined = await codeComments(model, s, cfg, comments, prevComments, t);

  const idCol = roles.id ? s.columns.get(roles.id) : undefined;
  const dateCol = roles.date ? s.columns.get(roles.date) : undefined;
  const seg = roles.segments[0] ? s.columns.get(roles.segments[0]) : undefined;
  const base = (c: Comment) => {
    const v: { id?: string; date?: string; score?: number; text: string; themes: string[] } = {
      text: c.text,
      themes: coded?.themesOf.get(c.row) ?? [],
    };
    const id = idCol ? strAt(idCol, c.row) : null;
    if (id) v.id = id;
    const d = dateCol ? strAt(dateCol, c.row) : null;
    if (d) v.date = d.slice(0, 10);
    if (c.score !== undefined) v.score = c.score;
    return v;
  };

  // Verbatims: representative and deterministic. Score groups take turns (detractor, promoter, passive,
  // unscored); within a group the next quote comes from the segment quoted least so far, and the most
  // extreme score, then the more substantial comment, goes first. Repeated texts are quoted once.
  if (o.verbatims > 0) {
    const segOf = (c: Comment) => (seg ? strAt(seg, c.row) ?? '' : '');
    const substance = (c: Comment) => Math.min(c.text.length, 280);
    const rank = (dir: number) => (a: Comment, b: Comment) => dir * ((a.score ?? 0) - (b.score ?? 0)) || substance(b) - substance(a) || a.row - b.row;
    const groups = [
      comments.filter((c) => c.score !== undefined && c.score <= 6).sort(rank(1)),
      comments.filter((c) => c.score !== undefined && c.score >= 9).sort(rank(-1)),
      comments.filter((c) => c.score !== undefined && c.score > 6 && c.score < 9).sort(rank(1)),
      comments.filter((c) => c.score === undefined).sort(rank(1)),
    ];
    const used = new Map<string, number>();
    const seen = new Set<string>();
    const picked: Comment[] = [];
    for (let g = 0, idle = 0; picked.length < o.verbatims && idle < groups.length; g = (g + 1) % groups.length) {
      const list = groups[g]!.filter((c) => !seen.has(c.text.toLowerCase()));
      if (!list.length) {
        idle++;
        continue;
      }
      idle = 0;
      let best = list[0]!;
      for (const c of list) if ((used.get(segOf(c)) ?? 0) < (used.get(segOf(best)) ?? 0)) best = c;
      picked.push(best);
      seen.add(best.text.toLowerCase());
      used.set(segOf(best), (used.get(segOf(best)) ?? 0) + 1);
    }
    model.verbatims = picked.map((c) => {
      const v: Verbatim = base(c);
      const sent = coded?.sentimentOf.get(c.row);
      if (sent) v.sentiment = sent;
      const sv = segOf(c);
      if (sv) v.segment = sv;
      return v;
    });
  }

  // Follow-ups: every detractor who left a comment, grouped by the owner of the themes they mention.
  if (roles.nps) {
    const groups = new Map<string, FollowUpGroup>();
    const det = comments.filter((c) => c.score !== undefined && c.score <= 6);
    for (const c of det) {
      const owners = coded?.ownersOf(c.row) ?? [];
      for (const owner of owners.length ? owners : ['unassigned']) {
        let g = groups.get(owner);
        if (!g) groups.set(owner, (g = { owner, items: [] }));
        g.items.push(base(c));
      }
    }
    const list = [...groups.values()];
    for (const g of list) g.items.sort((a, b) => a.score! - b.score! || cmp(a.date ?? '', b.date ?? '') || cmp(a.id ?? '', b.id ?? '') || cmp(a.text, b.text));
    list.sort((a, b) => (a.owner === 'unassigned' ? 1 : 0) - (b.owner === 'unassigned' ? 1 : 0) || b.items.length - a.items.length || cmp(a.owner, b.owner));
    if (list.length) model.followUps = list;
  }
}
