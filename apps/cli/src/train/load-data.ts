import { readFile } from 'node:fs/promises';
import { BUNDLED_DATASET, DataError, loadBundledCsv, parseCsv, prepareForecastData, type ForecastData } from '@rnnkit/datasets';
import type { TrainConfig } from './train-config.js';

/** Reads the CSV named by --data (or the bundled one) and makes the scaled train/test windows. */
export async function loadForecastData(config: TrainConfig): Promise<{ source: string; data: ForecastData }> {
  const source = config.data ?? `${BUNDLED_DATASET.file} (bundled)`;
  const text = config.data === null ? await loadBundledCsv() : await readText(config.data);
  const columns = [...config.features, ...(config.features.some((f) => f.toLowerCase() === config.target.toLowerCase()) ? [] : [config.target])];
  const table = parseCsv(text, { source, columns });
  const split = config.testRatio !== null ? { testRatio: config.testRatio } : { train: config.trainRange!, test: config.testRange! };
  const data = prepareForecastData(table, { features: config.features, target: config.target, seqLength: config.seqLen, scaler: config.scaler, split });
  return { source, data };
}

async function readText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    throw new DataError(path, undefined, `cannot read the CSV (${why})`, 'check the --data path');
  }
}
