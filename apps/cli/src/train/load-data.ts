import { readFile } from 'node:fs/promises';
import { BUNDLED_DATASET, DataError, loadBundledCsv, parseCsv, type PriceTable } from '@rnnkit/datasets';
import { prepareRun, seriesOf, type PreparedRun, type Series } from '@rnnkit/forecast';
import type { TrainConfig } from './train-config.js';
import { runSpec } from './train-run.js';

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

/** A run's data: the series and its windows, cut and scaled on the training rows, ready to train. */
export interface LoadedRun {
  /** The CSV's name for messages. */
  source: string;
  /** The columns the run reads. */
  series: Series;
  /** Training and test windows, the fitted encoding. */
  prepared: PreparedRun;
}

/** Reads the CSV named by --data (or the bundled one) and prepares the run's windows. */
export async function loadRunData(config: TrainConfig): Promise<LoadedRun> {
  const { source, table } = await loadPriceTable(config.data, columnsOf(config.features, config.target));
  const series = seriesOf(table, config.features, config.target);
  return { source, series, prepared: prepareRun(series, runSpec(config)) };
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
