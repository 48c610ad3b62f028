// LiquidJS wrapper for report templates (built-in and user-written). Strict: an unknown variable or filter is
// an error, not a blank (`{% if x %}` on an absent section is allowed); no includes or file access; limits on
// template size, render time and memory. Errors name the template file, line and column (exit 2).
import { inputError } from '../ui/errors.js';
import { term } from '../ui/glossary.js';

export interface LiquidRenderOptions {
  /** Template name for messages (file name or built-in name). */
  name: string;
  lang: 'en' | 'zh';
  /** Milliseconds (default 5000). */
  renderLimit?: number;
  /** Approximate allocation budget in liquidjs units (default 50 M). */
  memoryLimit?: number;
  /** Template size limit in characters (default 1 M). */
  parseLimit?: number;
}

const DASH = '–';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function fixed(v: unknown, digits: unknown): string {
  if (!isNum(v)) return DASH;
  const d = isNum(digits) ? Math.max(0, Math.min(6, Math.trunc(digits))) : 1;
  const s = v.toFixed(d);
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s;
}


/** Filters available to every template (documented in the README, "Report templates"). */
export function reportFilters(lang: 'en' | 'zh'): Record<string, (...args: unknown[]) => unknown> {
  return {
    /** 12.345 | num → "12.3"; num: 0 → "12"; missing → "–". */
    num: (v, d) => fixed(v, d),
    /** Signed change: +3.0 / -3.0; the sign follows the displayed value, so 0.04 and -0.04 both show 0.0. */
    signed: (v, d) => {
      if (!isNum(v)) return DASH;
      const s = fixed(v, d);
      return Number(s) > 0 ? '+' + s : s;
    },
    /** 42.1 | pct → "42.1%" (input already on 0…100). */
    pct: (v, d) => (isNum(v) ? fixed(v, d) + '%' : DASH),
    /** [lo, hi] | ci → "9.5 – 39.1". */
    ci: (v, d) => (Array.isArray(v) && isNum(v[0]) && isNum(v[1]) ? `${fixed(v[0], d)} ${DASH} ${fixed(v[1], d)}` : DASH),
    /** p-value: "0.023", "<0.001". */
    pvalue: (v) => (isNum(v) ? (v < 0.001 ? '<0.001' : v.toFixed(3)) : DASH),
    /** Text safe inside a Markdown table cell (pipes escaped, line breaks flattened). */
    cell: (v) => String(v ?? '').replace(/\r?\n|\r/g, ' ').replace(/\|/g, '\\|').trim(),
    /**
     * Arrow for a change: ▲ ▼ or = (with a star when significant: `kpi.change | arrow: kpi.significant`).
     * Decided on the value as displayed with `digits` decimals (default 1, as `signed`): a change that
     * shows as 0.0 gets =, never an arrow.
     */
    arrow: (v, sig, digits) => {
      if (!isNum(v)) return '';
      const r = Number(fixed(v, digits));
      return (r > 0 ? '▲' : r < 0 ? '▼' : '=') + (sig === true ? '*' : '');
    },
    /** Localised label for Kano categories, sentiment, SERVQUAL dimensions, grains, 'unassigned'. */
    label: (v) => term(String(v ?? ''), lang),
  };
}

function tidyMessage(msg: string): string {
  return msg.replace(/,?\s*line:\d+,\s*col:\d+\s*$/, '').split('\n')[0]!;
}

/** Renders `source` with `data`. Errors → CxError (exit 2) "name:line:col: message". */
export async function renderLiquid(source: string, data: object, o: LiquidRenderOptions): Promise<string> {
  const { Liquid } = await import('liquidjs');
  const noFiles = {
    exists: async () => false,
    existsSync: () => false,
    readFile: async () => '',
    readFileSync: () => '',
    resolve: (_root: string, file: string) => file,
  };
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    lenientIf: true,
    ownPropertyOnly: true,
    jsTruthy: false,
    fs: noFiles,
    root: [],
    partials: [],
    layouts: [],
    relativeReference: false,
    dynamicPartials: false,
    renderLimit: o.renderLimit ?? 5000,
    memoryLimit: o.memoryLimit ?? 50_000_000,
    parseLimit: o.parseLimit ?? 1_000_000,
    greedy: false,
  });
  for (const [name, fn] of Object.entries(reportFilters(o.lang))) engine.registerFilter(name, fn);
  try {
    const tpl = engine.parse(source, o.name);
    return (await engine.render(tpl, data)) as string;
  } catch (e) {
    const err = e as Error & { token?: { getPosition?: () => [number, number] }; originalError?: Error };
    const pos = err.token?.getPosition?.();
    const where = pos ? `${o.name}:${pos[0]}:${pos[1]}` : o.name;
    let what = tidyMessage(err.message ?? String(e));
    if (/include|render|layout|file/i.test(what) && /not found|Failed to lookup|ENOENT/i.test(what))
      what = 'includes and layouts are not supported in report templates';
    throw inputError(
      `${where}: template error: ${what}; fix the template (unknown names are errors: see "Report templates" in the README).`,
      `${where}：模板错误：${what}；请修正模板（未知变量即报错：见 README 的 "Report templates" 一节）。`,
    );
  }
}
