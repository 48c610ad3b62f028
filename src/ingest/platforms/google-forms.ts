// Google Forms CSV download / linked Sheet (FORMATS.md §3): one header row starting `Timestamp`, question
// titles verbatim (not unique), checkbox answers joined with `;` (Forms download) — `, ` joins from Sheets
// are ambiguous and left as text; blank trailing headers for deleted questions.
import type { RawTable } from '../read/table.js';
import type { ColSpec, Layout, Platform } from './common.js';
import { platform } from './build.js';
import { headerRow, plainCols } from './common.js';

const TIMESTAMP = ['timestamp', 'marca temporal', 'horodateur', 'zeitstempel', 'carimbo de data/hora', '时间戳记', '時間戳記', 'タイムスタンプ', 'informazioni cronologiche'];
const EMAIL = ['email address', 'email', 'e-mail address', '电子邮件地址', 'username', '用户名'];

/** A column whose answers are `;`-joined option lists: some cells have `;`, and the pieces repeat. */
function isJoined(t: RawTable, c: number): boolean {
  const col = t.columns[c] ?? [];
  let filled = 0;
  let withSep = 0;
  const pieces = new Map<string, number>();
  for (let r = 1; r < t.height; r++) {
    const v = (col[r] ?? '').trim();
    if (v === '') continue;
    filled++;
    if (v.includes(';')) withSep++;
    for (const p of v.split(';')) if (p.trim()) pieces.set(p.trim(), (pieces.get(p.trim()) ?? 0) + 1);
  }
  if (withSep === 0 || filled === 0) return false;
  let pieceUses = 0;
  for (const n of pieces.values()) pieceUses += n;
  // Options are reused across respondents: fewer distinct pieces than piece uses.
  return pieces.size <= Math.max(2, pieceUses * 0.8) && pieces.size <= 60;
}

export const googleForms: Platform = platform({
  name: 'google-forms',
  detect(t) {
    const h0 = headerRow(t, 0)[0]?.toLowerCase() ?? '';
    if (!TIMESTAMP.includes(h0)) return 0;
    const v = t.columns[0]?.[1] ?? '';
    return /GMT[+-]?\d*$/.test(v.trim()) ? 0.9 : 0.75;
  },
  layout(t): Layout {
    const headers = headerRow(t, 0);
    const cols: ColSpec[] = plainCols(t, headers);
    for (const c of cols) {
      const h = headers[c.index]!.toLowerCase();
      if (c.index === 0) c.hint = { type: 'date' };
      else if (EMAIL.includes(h)) c.hint = { type: 'meta', keepText: true };
      else if (isJoined(t, c.index)) c.joined = { sep: ';' };
    }
    return { platform: 'google-forms', headerRows: 1, cols, dateIndex: 0, warnings: [] };
  },
});
