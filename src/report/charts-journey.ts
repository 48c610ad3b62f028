// The journey map as SVG: stages left → right (bands with their names), one point per touchpoint at its mean
// with the 95% CI as a whisker, a line through the points in journey order, points coloured by category
// (basic / performance / excitement), targets as short dashes. Hand-written SVG (no vega, no canvas):
// small, deterministic, the same bytes for the same input.
import type { JourneyMapInput } from './build-journey.js';

const COLORS: Record<string, string> = {
  basic: '#C62828',
  performance: '#F9A825',
  excitement: '#2E7D32',
  indifferent: '#9E9E9E',
  none: '#9E9E9E',
};

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const num = (x: number) => (Math.round(x * 100) / 100).toString();

/** Display width in "half-width" units: CJK characters count 2. */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

function clip(s: string, maxW: number): string {
  if (width(s) <= maxW) return s;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = width(ch);
    if (w + cw > maxW - 1) break;
    out += ch;
    w += cw;
  }
  return `${out}…`;
}

export function journeyMapSvg(m: JourneyMapInput): string {
  const tps = m.touchpoints;
  const n = tps.length;
  const colW = Math.max(56, Math.min(110, Math.floor(900 / Math.max(n, 1))));
  const left = 56;
  const top = 58;
  const plotH = 260;
  const W = left + colW * n + 24;
  const H = top + plotH + 120;
  const vals = tps.flatMap((t) => [t.ci95[0], t.ci95[1], t.target ?? NaN]).filter(Number.isFinite);
  let lo = Math.min(m.scaleMin, ...vals);
  let hi = Math.max(m.scaleMax, ...vals);
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const y = (v: number) => top + plotH - ((v - lo) / (hi - lo)) * plotH;
  const x = (j: number) => left + colW * j + colW / 2;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, 'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif">`);
  out.push(`<rect width="${W}" height="${H}" fill="white"/>`);
  out.push(`<text x="${left}" y="22" font-size="15" font-weight="bold">${esc(m.title)}</text>`);
  if (m.subtitle) out.push(`<text x="${left}" y="40" font-size="11" fill="#555">${esc(m.subtitle)}</text>`);
  // Stage bands.
  let j0 = 0;
  let band = 0;
  while (j0 < n) {
    let j1 = j0;
    while (j1 + 1 < n && tps[j1 + 1]!.stage === tps[j0]!.stage) j1++;
    const bx = left + colW * j0;
    const bw = colW * (j1 - j0 + 1);
    out.push(`<rect x="${bx}" y="${top}" width="${bw}" height="${plotH}" fill="${band % 2 ? '#F3F6FA' : '#FAFBFD'}" stroke="#D0DAE6" stroke-width="0.5"/>`);
    out.push(`<text x="${bx + bw / 2}" y="${top - 6}" font-size="12" font-weight="bold" text-anchor="middle" fill="#1F4E79">${esc(clip(tps[j0]!.stage, Math.floor(bw / 7)))}</text>`);
    band++;
    j0 = j1 + 1;
  }
  // Axis: gridlines at whole scale points.
  const step = hi - lo > 12 ? 2 : 1;
  for (let v = Math.ceil(lo); v <= hi; v += step) {
    out.push(`<line x1="${left}" x2="${left + colW * n}" y1="${num(y(v))}" y2="${num(y(v))}" stroke="#E0E0E0" stroke-width="0.5"/>`);
    out.push(`<text x="${left - 6}" y="${num(y(v) + 4)}" font-size="10" text-anchor="end" fill="#555">${v}</text>`);
  }
  // Targets.
  tps.forEach((t, j) => {
    if (t.target === undefined || !Number.isFinite(t.target)) return;
    out.push(`<line x1="${num(x(j) - colW * 0.3)}" x2="${num(x(j) + colW * 0.3)}" y1="${num(y(t.target))}" y2="${num(y(t.target))}" stroke="#1F4E79" stroke-width="1.5" stroke-dasharray="4 3"/>`);
  });
  // Score line, whiskers, points.
  const pts = tps.map((t, j) => (Number.isFinite(t.mean) ? `${num(x(j))},${num(y(t.mean))}` : '')).filter(Boolean);
  if (pts.length > 1) out.push(`<polyline points="${pts.join(' ')}" fill="none" stroke="#1F4E79" stroke-width="2"/>`);
  tps.forEach((t, j) => {
    if (!Number.isFinite(t.mean)) return;
    if (Number.isFinite(t.ci95[0]) && Number.isFinite(t.ci95[1])) {
      out.push(`<line x1="${num(x(j))}" x2="${num(x(j))}" y1="${num(y(t.ci95[0]))}" y2="${num(y(t.ci95[1]))}" stroke="#333" stroke-width="1"/>`);
      for (const v of t.ci95) out.push(`<line x1="${num(x(j) - 4)}" x2="${num(x(j) + 4)}" y1="${num(y(v))}" y2="${num(y(v))}" stroke="#333" stroke-width="1"/>`);
    }
    const c = COLORS[t.category ?? 'none'] ?? COLORS.none;
    out.push(`<circle cx="${num(x(j))}" cy="${num(y(t.mean))}" r="6" fill="${c}" stroke="white" stroke-width="1.5"><title>${esc(`${t.touchpoint}: ${t.mean.toFixed(2)} [${t.ci95[0].toFixed(2)}, ${t.ci95[1].toFixed(2)}] ${t.categoryLabel}`)}</title></circle>`);
    out.push(`<text x="${num(x(j))}" y="${num(y(t.mean) - 10)}" font-size="10" text-anchor="middle" fill="#222">${t.mean.toFixed(2)}</text>`);
    if (t.warn) out.push(`<text x="${num(x(j) + 8)}" y="${num(y(t.mean) + 4)}" font-size="10" fill="#C62828">⚠</text>`);
  });
  // Touchpoint labels (rotated) under the plot.
  tps.forEach((t, j) => {
    const tx = num(x(j));
    const ty = top + plotH + 12;
    out.push(`<text x="${tx}" y="${ty}" font-size="11" text-anchor="end" transform="rotate(-35 ${tx} ${ty})" fill="#222">${esc(clip(t.touchpoint, 22))}</text>`);
  });
  // Legend.
  const ly = H - 14;
  let lx = left;
  for (const [key, label] of m.legend) {
    out.push(`<circle cx="${lx + 5}" cy="${ly - 4}" r="5" fill="${COLORS[key] ?? COLORS.none}"/>`);
    out.push(`<text x="${lx + 14}" y="${ly}" font-size="11" fill="#333">${esc(label)}</text>`);
    lx += 22 + width(label) * 6.2;
  }
  if (tps.some((t) => t.target !== undefined)) {
    out.push(`<line x1="${lx}" x2="${lx + 16}" y1="${ly - 4}" y2="${ly - 4}" stroke="#1F4E79" stroke-width="1.5" stroke-dasharray="4 3"/>`);
    out.push(`<text x="${lx + 20}" y="${ly}" font-size="11" fill="#333">${esc(m.targetLabel)}</text>`);
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
