// Self-contained HTML report: the Markdown the template produced, converted to HTML (the subset the
// templates use: headings, pipe tables with alignment, block quotes, lists, rules, images, paragraphs,
// **bold**, *italic*, `code`, [links](url)), with inline CSS and the SVG charts inlined (no external files).

export interface HtmlOptions {
  title: string;
  lang: 'en' | 'zh';
  /** Chart id → SVG markup; images whose src is `cx-chart:<id>` are replaced by it. */
  svgs?: Map<string, string>;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function safeUrl(u: string): string {
  return /^(https?:|mailto:|#|\.{0,2}\/|[\w.-]+(\/|$))/i.test(u) && !/^javascript:/i.test(u) ? u : '#';
}

/** Inline Markdown → HTML (text is escaped first; markers are applied on the escaped text). */
export function inline(s: string, svgs?: Map<string, string>): string {
  const codes: string[] = [];
  let t = s.replace(/`([^`]+)`/g, (_m, c: string) => {
    codes.push(`<code>${esc(c)}</code>`);
    return `\u0000${codes.length - 1}\u0000`;
  });
  t = esc(t.replace(/\\\|/g, '|'));
  t = t.replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (_m, alt: string, src: string) => {
    const id = src.startsWith('cx-chart:') ? src.slice(9) : undefined;
    if (id && svgs?.has(id)) return `<figure class="chart" role="img" aria-label="${alt}">${svgs.get(id)}</figure>`;
    return `<img alt="${alt}" src="${safeUrl(src)}">`;
  });
  t = t.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_m, txt: string, href: string) => `<a href="${safeUrl(href)}">${txt}</a>`);
  t = t.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>').replace(/(^|[^*])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  return t.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => codes[Number(i)]!);
}

function splitRow(line: string): string[] {
  const t = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  const cells: string[] = [];
  let cur = '';
  for (let i = 0; i < t.length; i++) {
    if (t[i] === '\\' && t[i + 1] === '|') {
      cur += '\\|';
      i++;
    } else if (t[i] === '|') {
      cells.push(cur.trim());
      cur = '';
    } else cur += t[i];
  }
  cells.push(cur.trim());
  return cells;
}

const isAlignRow = (l: string) => /^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(l);

export function markdownBody(md: string, svgs?: Map<string, string>): string {
  const lines = md.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push(`<p>${para.map((p) => inline(p, svgs)).join('<br>\n')}</p>`);
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    let m: RegExpExecArray | null;
    if (!l.trim()) {
      flush();
      continue;
    }
    if ((m = /^(#{1,6})\s+(.*)$/.exec(l))) {
      flush();
      out.push(`<h${m[1]!.length}>${inline(m[2]!, svgs)}</h${m[1]!.length}>`);
    } else if (/^\s*(-{3,}|\*{3,})\s*$/.test(l)) {
      flush();
      out.push('<hr>');
    } else if (l.trimStart().startsWith('|') && i + 1 < lines.length && isAlignRow(lines[i + 1]!)) {
      flush();
      const head = splitRow(l);
      const align = splitRow(lines[i + 1]!).map((a) => (a.endsWith(':') ? (a.startsWith(':') ? 'center' : 'right') : 'left'));
      const cell = (tag: string, c: string, j: number) => `<${tag}${align[j] && align[j] !== 'left' ? ` style="text-align:${align[j]}"` : ''}>${inline(c, svgs)}</${tag}>`;
      const rows: string[] = [`<thead><tr>${head.map((c, j) => cell('th', c, j)).join('')}</tr></thead>`, '<tbody>'];
      i += 2;
      while (i < lines.length && lines[i]!.trimStart().startsWith('|')) {
        rows.push(`<tr>${splitRow(lines[i]!).map((c, j) => cell('td', c, j)).join('')}</tr>`);
        i++;
      }
      i--;
      rows.push('</tbody>');
      out.push(`<table>${rows.join('\n')}</table>`);
    } else if (/^\s*>/.test(l)) {
      flush();
      const q: string[] = [];
      while (i < lines.length && /^\s*>/.test(lines[i]!)) q.push(lines[i++]!.replace(/^\s*>\s?/, ''));
      i--;
      out.push(`<blockquote>${markdownBody(q.join('\n'), svgs)}</blockquote>`);
    } else if (/^\s*[-*]\s+/.test(l)) {
      flush();
      const items: string[] = [];
      while (i < lines.length && /^\s*[-*]\s+/.test(lines[i]!)) items.push(`<li>${inline(lines[i++]!.replace(/^\s*[-*]\s+/, ''), svgs)}</li>`);
      i--;
      out.push(`<ul>\n${items.join('\n')}\n</ul>`);
    } else para.push(l.trim());
  }
  flush();
  return out.join('\n');
}

const CSS = `body{font-family:-apple-system,"Segoe UI",Roboto,Arial,"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.5}
h1{border-bottom:2px solid #4E79A7;padding-bottom:.3em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}
table{border-collapse:collapse;margin:1em 0;font-size:.92em}th,td{border:1px solid #ccc;padding:.3em .6em;vertical-align:top}
th{background:#eef2f7}tbody tr:nth-child(even){background:#fafafa}
blockquote{margin:1em 0;padding:.2em 1em;border-left:4px solid #4E79A7;background:#f6f8fa;color:#333}
figure.chart{margin:1em 0}figure.chart svg{max-width:100%;height:auto}code{background:#f0f0f0;padding:0 .2em}`;

export function markdownToHtml(md: string, o: HtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="${o.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(o.title)}</title>
<style>
${CSS}
</style>
</head>
<body>
${markdownBody(md, o.svgs)}
</body>
</html>
`;
}
