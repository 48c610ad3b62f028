// Any analysis command takes a dataset directory or a raw export (DESIGN.md §1).
import { statSync } from 'node:fs';
import type { Survey } from './types.js';
import type { ReadOptions } from '../ingest/index.js';
import { inputError } from '../ui/errors.js';
import { assertInputFile } from './file-guard.js';

export interface LoadOptions extends ReadOptions {
  /** Only these column ids are needed: a dataset then reads just these column files (ids, or source headers). */
  columns?: string[];
}

type RawDefaults = Pick<ReadOptions, 'sheet' | 'includePreview' | 'dateFormat'>;
let rawDefaults: RawDefaults = {};

/** `--sheet` / `--include-preview` / `--date-format` given to the running command: used when a raw export is read. */
export function setRawReadDefaults(d: RawDefaults): void {
  rawDefaults = {
    ...(d.sheet !== undefined ? { sheet: d.sheet } : {}),
    ...(d.includePreview ? { includePreview: true } : {}),
    ...(d.dateFormat ? { dateFormat: d.dateFormat } : {}),
  };
}

export async function loadInput(input: string, opts: LoadOptions = {}): Promise<Survey> {
  if (input === '-') {
    const { readSurvey } = await import('../ingest/index.js');
    return readSurvey(input, opts);
  }
  let st;
  try {
    st = statSync(input);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') assertInputFile(input, { allowDir: true }); // loop, permission…
    throw inputError(`${input}: no such file or dataset; check the path.`, `${input}：找不到该文件或数据集，请检查路径。`);
  }
  if (!st.isDirectory()) assertInputFile(input); // a device or FIFO: refuse before reading
  if (st.isDirectory()) {
    const { loadDataset } = await import('./store.js');
    return loadDataset(input, { columns: opts.columns });
  }
  const { readSurvey } = await import('../ingest/index.js');
  return readSurvey(input, { ...rawDefaults, ...opts });
}
