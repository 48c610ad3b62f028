// Any CSV/TSV/XLSX with one header row: the header text is the question id and label; types inferred.
import type { RawTable } from '../read/table.js';
import { headerRow, indexOfCI, plainCols, type Layout, type Platform } from './common.js';
import { platform } from './build.js';

export const ID_NAMES = ['ResponseId', 'Response ID', 'ResponseID', 'Respondent ID', 'respondent_id', 'response_id', 'id', 'ID', '序号', '编号', '答卷编号'];
export const DATE_NAMES = ['RecordedDate', 'EndDate', 'Submit Date', 'Submitted', 'submitted_at', 'Completion time', 'Timestamp', 'date', 'Date', '提交答卷时间', '提交时间', '日期', 'created_at'];

export const generic: Platform = platform({
  name: 'generic',
  detect: (t: RawTable) => (t.height >= 1 ? 0.1 : 0),
  layout(t: RawTable): Layout {
    const headers = headerRow(t, 0);
    const cols = plainCols(t, headers);
    const idIndex = indexOfCI(headers, ...ID_NAMES);
    const dateIndex = indexOfCI(headers, ...DATE_NAMES);
    for (const c of cols) {
      if (c.index === idIndex) c.hint = { type: 'id', keepText: true };
      if (c.index === dateIndex) c.hint = { type: 'date' };
      if (t.dateColumns?.has(c.index) && c.index !== dateIndex) c.hint = { type: 'date', excelDate: true };
    }
    if (t.dateColumns?.has(dateIndex)) cols[dateIndex]!.hint = { type: 'date', excelDate: true };
    return { platform: 'generic', headerRows: 1, cols, idIndex: idIndex >= 0 ? idIndex : undefined, dateIndex: dateIndex >= 0 ? dateIndex : undefined, warnings: [] };
  },
});
