// Applies cx.yaml to a loaded Survey: question type/role/scale overrides, and the resolved roles
// (config first, then what recognition found). Column ids that do not exist are reported (exit 2).
import type { Question, Survey } from '../dataset/types.js';
import { inputError } from '../ui/errors.js';
import type { CxConfig } from './schema.js';
import { roleFromLabel } from '../ingest/platforms/vocab.js';

export interface ResolvedRoles {
  nps?: string;
  csat?: string;
  ces?: string;
  date?: string;
  text?: string;
  id?: string;
  weight?: string;
  segments: string[];
}

function requireColumn(s: Survey, id: string, where: string): void {
  if (!s.columns.has(id)) {
    const ids = s.questions.map((q) => q.id);
    const near = ids.filter((x) => x.toLowerCase() === id.toLowerCase());
    throw inputError(
      `cx.yaml ${where}: column "${id}" is not in the data${near.length ? ` (did you mean "${near[0]}"?)` : ''}; available: ${ids.slice(0, 15).join(', ')}${ids.length > 15 ? ', …' : ''}.`,
      `cx.yaml ${where}：数据中没有列 "${id}"${near.length ? `（是否应为 "${near[0]}"？）` : ''}；可用的列：${ids.slice(0, 15).join('、')}${ids.length > 15 ? '、…' : ''}。`,
    );
  }
}

/** Returns a Survey with the `questions` overrides applied (the input object is not modified). */
export function applyConfig(s: Survey, cfg: CxConfig): Survey {
  if (!cfg.questions && !cfg.roles) return s;
  const byId = new Map<string, Question>(s.questions.map((q) => [q.id, { ...q }]));
  for (const [id, o] of Object.entries(cfg.questions ?? {})) {
    requireColumn(s, id, `questions.${id}`);
    const q = byId.get(id)!;
    if (o.type) q.type = o.type;
    if (o.role) q.role = o.role;
    if (o.label) q.label = o.label;
    if (o.scale) q.scale = { ...o.scale };
    if (o.values) q.values = { ...(q.values ?? {}), ...o.values };
    if (o.type === 'nps') {
      // An NPS question is always 0–10, and it is the NPS question: the role moves to it.
      q.scale = { ...(q.scale ?? {}), min: 0, max: 10 };
      if (!o.role) {
        for (const other of byId.values()) if (other !== q && other.role === 'nps' && !cfg.questions?.[other.id]?.role) delete other.role;
        q.role = 'nps';
      }
    } else if (o.type && ['rating', 'likert'].includes(o.type) && q.role === undefined && !o.role) {
      const r = roleFromLabel(`${q.label} ${q.id}`, o.type, q.scale);
      if (r) q.role = r;
    }
  }
  const roles = cfg.roles ?? {};
  const set = (id: string | undefined, role: string, where: string) => {
    if (!id) return;
    requireColumn(s, id, where);
    byId.get(id)!.role = role;
  };
  set(roles.nps, 'nps', 'roles.nps');
  set(roles.csat, 'csat', 'roles.csat');
  set(roles.ces, 'ces', 'roles.ces');
  set(roles.date, 'date', 'roles.date');
  set(roles.text, 'comment', 'roles.text');
  set(roles.id, 'responseId', 'roles.id');
  set(roles.weight, 'weight', 'roles.weight');
  (roles.segments ?? []).forEach((id, i) => set(id, 'segment', `roles.segments[${i}]`));
  const out: Survey = { ...s, questions: s.questions.map((q) => byId.get(q.id)!) };
  if (roles.date) out.dateColumn = roles.date;
  if (roles.id) out.idColumn = roles.id;
  return out;
}

/** Roles from cx.yaml, else from question roles/types found by recognition. */
export function resolveRoles(s: Survey, cfg: CxConfig): ResolvedRoles {
  const r = cfg.roles ?? {};
  const byRole = (role: string) => s.questions.find((q) => q.role === role)?.id;
  const byType = (type: string) => {
    const qs = s.questions.filter((q) => q.type === type);
    return qs.length === 1 ? qs[0]!.id : undefined;
  };
  const out: ResolvedRoles = {
    nps: r.nps ?? byRole('nps') ?? byType('nps'),
    csat: r.csat ?? byRole('csat'),
    ces: r.ces ?? byRole('ces'),
    date: r.date ?? s.dateColumn ?? byRole('date') ?? byType('date'),
    text: r.text ?? byRole('comment') ?? byType('text'),
    id: r.id ?? s.idColumn ?? byRole('responseId'),
    weight: r.weight ?? byRole('weight'),
    segments: r.segments ?? s.questions.filter((q) => q.role === 'segment').map((q) => q.id),
  };
  for (const [k, v] of Object.entries(out)) {
    if (typeof v === 'string') requireColumn(s, v, `roles.${k}`);
  }
  out.segments.forEach((id, i) => requireColumn(s, id, `roles.segments[${i}]`));
  return out;
}
