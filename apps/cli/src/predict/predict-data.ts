import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUNDLED_DATASET, DataError } from '@rnnkit/datasets';
import type { RnnkitMetadata, TrainingData } from '@rnnkit/onnx';
import { loadPriceTable, type LoadedTable } from '../train/load-data.js';
import { outsideTrainingRange } from './training-range.js';

/** The data predict reads, what the model was trained on, and what to tell the user about the two. */
export interface PredictData extends LoadedTable {
  /** The training data's name for messages; null when the model does not record it. */
  trainedOn: string | null;
  /** Lines that say where the data differs from the training data. */
  notes: string[];
}

/** What predict needs to choose its data. */
export interface PredictDataOptions {
  /** --data, if given. */
  data: string | undefined;
  missing: 'error' | 'skip';
  /** --ignore-range: predict even from values far outside the training range. */
  ignoreRange: boolean;
}

const FIX = 'pass --data <csv> with the prices to predict from';

/**
 * Reads --data, or else the file the model was trained on (its path as recorded, from the current
 * folder; the bundled CSV if it was that). Refuses in one line when there is neither, or when the
 * data lies far outside the training range; notes a changed or a different file.
 */
export async function predictData(model: string, meta: RnnkitMetadata, options: PredictDataOptions): Promise<PredictData> {
  const trained = trainingFileOf(meta);
  if (options.data === undefined) {
    if (!trained) throw new DataError(model, undefined, 'does not record which data the model was trained on', FIX);
    if (!trained.bundled && !existsSync(trained.file)) {
      throw new DataError(trained.file, undefined, `the model was trained on this file and it is not there (looked from ${process.cwd()})`, FIX);
    }
  }
  const path = options.data ?? (trained!.bundled ? null : trained!.file);
  const columns = meta.scaler?.columns ?? [...new Set([...meta.features, meta.target])];
  const loaded = await loadPriceTable(path, columns, options.missing);
  const trainedOn = trained ? (trained.bundled ? `${trained.file} (bundled)` : trained.file) : null;

  const notes: string[] = [];
  const samePlace = trained !== null && (trained.bundled ? path === null : path !== null && resolve(path) === resolve(trained.file));
  const sameBytes = trained?.sha256 !== undefined && trained.sha256 === loaded.file.sha256;
  if (!trained) notes.push('the model does not record which data it was trained on');
  else if (!sameBytes && !samePlace) notes.push(`the model was trained on ${trainedOn}, not on this file`);
  else if (!sameBytes && trained.sha256) notes.push(`${trainedOn} has changed since the model was trained on it (another sha256); predicting from its rows as they are now`);

  if (trained?.range && !options.ignoreRange) {
    const far = outsideTrainingRange(loaded.table, meta.seqLength, trained.range, trainedOn!, meta.target);
    if (far) throw new DataError(loaded.source, undefined, far, 'pass --data with the series the model was trained on, or --ignore-range to predict anyway');
  }
  return { ...loaded, trainedOn, notes };
}

/** The model's record of its training data; for files from before that record, the --data of its config (null: bundled). */
function trainingFileOf(meta: RnnkitMetadata): (Pick<TrainingData, 'file' | 'bundled'> & Partial<TrainingData>) | null {
  if (meta.trainingData) return meta.trainingData;
  const data = meta.config?.data;
  if (data === null) return { file: BUNDLED_DATASET.file, bundled: true };
  return typeof data === 'string' ? { file: data, bundled: false } : null;
}
