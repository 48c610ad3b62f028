// Dataset directory: survey.json + columnar responses. PROVISIONAL: replaced by the ingest work.
import type { Survey } from './types.js';
import type { LoadOptions } from './load.js';
import { inputError } from '../ui/errors.js';

export async function loadDataset(dir: string, _opts: LoadOptions = {}): Promise<Survey> {
  throw inputError(`${dir}: datasets are not readable yet.`, `${dir}：暂不支持读取数据集。`);
}
