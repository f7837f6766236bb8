import { readFile } from 'node:fs/promises';
import { BUNDLED_DATASET, DataError, loadBundledCsv, parseCsv, prepareForecastData, type ForecastData, type PriceTable } from '@rnnkit/datasets';
import type { TrainConfig } from './train-config.js';

/** Reads the CSV named by --data (null: the bundled one) with the given columns. */
export async function loadPriceTable(data: string | null, columns: string[]): Promise<{ source: string; table: PriceTable }> {
  const source = data ?? `${BUNDLED_DATASET.file} (bundled)`;
  const text = data === null ? await loadBundledCsv() : await readText(data);
  return { source, table: parseCsv(text, { source, columns }) };
}

/** The columns a run reads: the features, then the target if it is not one of them. */
export function columnsOf(features: string[], target: string): string[] {
  return [...features, ...(features.some((f) => f.toLowerCase() === target.toLowerCase()) ? [] : [target])];
}

/** Reads the CSV named by --data (or the bundled one) and makes the scaled train/test windows. */
export async function loadForecastData(config: TrainConfig): Promise<{ source: string; data: ForecastData }> {
  const { source, table } = await loadPriceTable(config.data, columnsOf(config.features, config.target));
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
