import { describe, expect, it } from 'vitest';
import { renderLiquid, reportFilters } from '../../src/report/liquid.js';
import { CxError } from '../../src/ui/errors.js';

const render = (src: string, data: object = {}) => renderLiquid(src, data, { name: 'my.md.liquid', lang: 'en' });

async function errorOf(p: Promise<unknown>): Promise<CxError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(CxError);
    expect((e as CxError).exitCode).toBe(2);
    return e as CxError;
  }
  throw new Error('expected an error');
}

describe('renderLiquid (strict, sandboxed)', () => {
  it('renders variables, loops and filters', async () => {
    expect(await render('{% for k in kpis %}{{ k.name }}={{ k.value | num: 1 }};{% endfor %}', { kpis: [{ name: 'NPS', value: 12.345 }, { name: 'CSAT', value: 80 }] })).toBe(
      'NPS=12.3;CSAT=80.0;',
    );
  });

  it('an unknown variable is an error with line and column, not a blank', async () => {
    const e = await errorOf(render('# Title\n\nNPS: {{ kpi.nsp.value }}\n', { kpi: { nps: { value: 1 } } }));
    expect(e.message).toMatch(/^my\.md\.liquid:3:9: template error: undefined variable: kpi\.nsp/);
    expect(e.zh).toContain('my.md.liquid:3:9');
  });

  it('`if` on an absent value is allowed (lenient if), output of it is not', async () => {
    expect(await render('{% if kano %}K{% else %}none{% endif %}', {})).toBe('none');
  });

  it('a syntax error names the line and column', async () => {
    const e = await errorOf(render('line 1\n{% for x in xs %}\n{{ x }}\n'));
    expect(e.message).toMatch(/^my\.md\.liquid:2:1: template error: tag \{% for x in xs %\} not closed/);
  });

  it('an unknown filter is an error', async () => {
    const e = await errorOf(render('{{ 1 | shout }}'));
    expect(e.message).toContain('undefined filter: shout');
  });

  it('no file access: include and render are refused', async () => {
    const e = await errorOf(render("{% include '/etc/passwd' %}"));
    expect(e.message).toContain('my.md.liquid:1:1');
    const e2 = await errorOf(render("{% render 'package.json' %}"));
    expect(e2.exitCode).toBe(2);
  });

  it('no code execution: JS properties are not reachable', async () => {
    // ownPropertyOnly: inherited members such as constructor are undefined → strict error.
    const e = await errorOf(render('{{ meta.constructor }}', { meta: { title: 'x' } }));
    expect(e.message).toContain('undefined variable');
  });

  it('render and memory limits stop runaway templates', async () => {
    const e = await errorOf(
      renderLiquid('{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}', {}, { name: 't', lang: 'en', renderLimit: 200 }),
    );
    expect(e.message).toMatch(/^t:1:\d+: template error: (template render limit exceeded|memory alloc limit exceeded)/);
    const big = await errorOf(renderLiquid('x'.repeat(2000), {}, { name: 't', lang: 'en', parseLimit: 1000 }));
    expect(big.message).toContain('parse length limit exceeded');
  });
});

describe('report filters', () => {
  const f = reportFilters('en');
  const z = reportFilters('zh');
  it('format numbers, changes, percentages, intervals and p-values', () => {
    expect(f.num!(12.345)).toBe('12.3');
    expect(f.num!(12.345, 2)).toBe('12.35');
    expect(f.num!(-0.04)).toBe('0.0'); // no "-0.0"
    expect(f.num!(null)).toBe('–');
    expect(f.num!(NaN)).toBe('–');
    expect(f.signed!(3)).toBe('+3.0');
    expect(f.signed!(-3.26, 1)).toBe('-3.3');
    expect(f.pct!(42.06, 1)).toBe('42.1%');
    expect(f.ci!([9.479, 39.064])).toBe('9.5 – 39.1');
    expect(f.pvalue!(0.0236)).toBe('0.024');
    expect(f.pvalue!(0.0004)).toBe('<0.001');
    expect(f.cell!('a | b\nc')).toBe('a \\| b c');
    expect(f.arrow!(-2, true)).toBe('▼*');
    expect(f.arrow!(2, false)).toBe('▲');
    expect(f.label!('M')).toBe('Must-be');
  });
  it('signs and arrows follow the displayed value (QA report-2)', () => {
    // 0.04 and -0.04 show as 0.0 with one decimal: no sign, no arrow, only "=".
    expect(f.signed!(0.04)).toBe('0.0');
    expect(f.signed!(-0.04)).toBe('0.0');
    expect(f.arrow!(0.04, false)).toBe('=');
    expect(f.arrow!(-0.04, false)).toBe('=');
    // with two decimals (a CES mean) 0.04 is +0.04 ▲, -0.004 is 0.00 =
    expect(f.signed!(0.04, 2)).toBe('+0.04');
    expect(f.arrow!(0.04, false, 2)).toBe('▲');
    expect(f.signed!(-0.004, 2)).toBe('0.00');
    expect(f.arrow!(-0.004, false, 2)).toBe('=');
    expect(f.signed!(0.012, 2)).toBe('+0.01');
    expect(f.arrow!(0, true)).toBe('=*');
    expect(z.label!('M')).toBe('必备属性'); // the glossary's term, as `cx kano`
    expect(z.label!('keep-up')).toBe('继续保持');
    expect(f.label!('Logistics')).toBe('Logistics');
  });
});
