// The sections of each built-in template, in order: one list that the XLSX and PPTX renderers walk (the
// Markdown/HTML templates are written from the same list by scripts/make-templates.py), so one template
// gives the same sections in every format. A section whose data is absent from the model is skipped
// everywhere alike (with its note). To add a section (e.g. a journey): add its id here and a renderer
// for it in each format's registry (pptx.ts SLIDES, excel-sections.ts SHEETS, the template block).

export type SectionId =
  | 'summary'
  | 'alerts'
  | 'kpis'
  | 'trend'
  | 'segments'
  | 'kano'
  | 'servqual'
  | 'drivers'
  | 'journey'
  | 'themes'
  | 'impact'
  | 'verbatims'
  | 'followups'
  | 'method'
  | 'notes';

const COMMON_TAIL: SectionId[] = ['trend', 'segments', 'kano', 'servqual', 'drivers', 'journey', 'themes', 'impact', 'verbatims', 'followups', 'method', 'notes'];

export const TEMPLATE_SECTIONS: Record<string, SectionId[]> = {
  weekly: ['summary', 'alerts', 'kpis', ...COMMON_TAIL],
  quarterly: ['summary', 'kpis', ...COMMON_TAIL],
};

/** Sections of a template (user templates: the quarterly set, which has every analysis). */
export function sectionsFor(template: string | undefined): SectionId[] {
  return TEMPLATE_SECTIONS[template ?? 'weekly'] ?? TEMPLATE_SECTIONS.quarterly!;
}

/** Extra sections other modules register (e.g. the journey section), inserted after a given section. */
const extra: { id: string; after: SectionId }[] = [];

export function registerSection(id: string, after: SectionId): void {
  if (!extra.some((e) => e.id === id)) extra.push({ id, after });
}

/** The template's sections plus registered extras, in order (ids as strings). */
export function sectionOrder(template: string | undefined): string[] {
  const out: string[] = [];
  for (const id of sectionsFor(template)) {
    out.push(id);
    for (const e of extra) if (e.after === id) out.push(e.id);
  }
  return out;
}
