import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { BUNDLED_DATASET, DataError, loadBundledCsv, parseCsv, type PriceTable, type SkippedRow } from '@rnnkit/datasets';
import { prepareRun, seriesColumns, seriesOf, type PreparedRun, type Series } from '@rnnkit/forecast';
import type { TrainingData } from '@rnnkit/onnx';
import type { TrainConfig } from './train-config.js';
import { runSpec } from './train-run.js';

/** A price CSV as read: its name for messages, which file it was and its hash, and the table. */
export interface LoadedTable {
  source: string;
  file: Omit<TrainingData, 'range'>;
  table: PriceTable & { skipped: SkippedRow[] };
}

/** Reads the CSV named by --data (null: the bundled one) with the given columns. */
export async function loadPriceTable(data: string | null, columns: string[], missing: 'error' | 'skip' = 'error'): Promise<LoadedTable> {
  const source = data ?? `${BUNDLED_DATASET.file} (bundled)`;
  const bytes = data === null ? Buffer.from(await loadBundledCsv()) : await readBytes(data);
  const table = parseCsv(bytes.toString('utf8'), { source, columns, missing, skipHint: 'pass --missing skip to leave such rows out' });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { source, file: { file: data ?? BUNDLED_DATASET.file, bundled: data === null, sha256 }, table };
}

/** A run's data: the series and its windows, cut and scaled on the training rows, ready to train. */
export interface LoadedRun {
  /** The CSV's name for messages. */
  source: string;
  /** The columns the run reads. */
  series: Series;
  /** Training and test windows, the fitted encoding. */
  prepared: PreparedRun;
  /** Rows the CSV reader left out (days without trading; with --missing skip, rows with missing values). */
  skipped: SkippedRow[];
  /** The file, its hash and the training rows' range, for metrics.json and the ONNX metadata. */
  trainingData: TrainingData;
}

/** Reads the CSV named by --data (or the bundled one) and prepares the run's windows. */
export async function loadRunData(config: TrainConfig): Promise<LoadedRun> {
  const { source, file, table } = await loadPriceTable(config.data, seriesColumns(config.features, config.target), config.missing ?? 'error');
  const series = seriesOf(table, config.features, config.target);
  const prepared = prepareRun(series, runSpec(config));
  const trainRows = series.rows.slice(prepared.rows.train.start, prepared.rows.train.end);
  const range = {
    columns: series.columns,
    min: series.columns.map((_, j) => trainRows.reduce((m, r) => Math.min(m, r[j]!), Infinity)),
    max: series.columns.map((_, j) => trainRows.reduce((m, r) => Math.max(m, r[j]!), -Infinity)),
  };
  return { source, series, prepared, skipped: table.skipped, trainingData: { ...file, range } };
}

async function readBytes(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (err as Error).message;
    throw new DataError(path, undefined, `cannot read the CSV (${why})`, 'check the --data path');
  }
}
