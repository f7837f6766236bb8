import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sameColumn } from '@rnnkit/datasets';
import type { RnnkitMetadata } from '@rnnkit/onnx';

/** How the model's own run did on its test set against the naive forecast (horizon 1). */
export interface RunRecord {
  /** The metrics.json it was read from. */
  file: string;
  modelRmse: number;
  naiveRmse: number;
  /** 1 − RMSE_model / RMSE_naive. */
  skill: number;
  /** The Diebold–Mariano verdict against naive on that test set (absent in a metrics.json written before it was recorded). */
  verdict?: string;
}

/**
 * The test record of the run a model file came from: the metrics.json beside it (a run folder's
 * model.onnx), when its settings are the model's; null for a file exported elsewhere.
 */
export async function runRecordOf(modelPath: string, meta: RnnkitMetadata): Promise<RunRecord | null> {
  const file = join(dirname(modelPath), 'metrics.json');
  let metrics: { config?: { features?: string[]; target?: string; seqLen?: number }; test?: { rmse?: number }; baseline?: { rmse?: number }; horizons?: { verdict?: unknown }[] };
  try {
    metrics = JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
  const c = metrics.config;
  const same = c?.target !== undefined && sameColumn(c.target, meta.target) && c.seqLen === meta.seqLength
    && c.features?.length === meta.features.length && c.features.every((f, i) => sameColumn(f, meta.features[i]!));
  const model = metrics.test?.rmse;
  const naive = metrics.baseline?.rmse;
  if (!same || typeof model !== 'number' || typeof naive !== 'number' || !(naive > 0)) return null;
  const verdict = metrics.horizons?.[0]?.verdict;
  return { file, modelRmse: model, naiveRmse: naive, skill: 1 - model / naive, ...(typeof verdict === 'string' ? { verdict } : {}) };
}

/**
 * "on its test set this model's RMSE was 1.1% below the naive forecast's (814.47 vs 823.88, metrics.json):
 * no evidence that the model beats the naive forecast at horizon 1 (DM −0.45, p = 0.65)": a lower RMSE is
 * said as a number, and "beats" only where the Diebold–Mariano test behind it says so.
 */
export function recordLine(record: RunRecord, format: (v: number) => string): string {
  const ratio = record.modelRmse / record.naiveRmse;
  const how = ratio > 1 ? `${((ratio - 1) * 100).toFixed(0)}% above` : `${((1 - ratio) * 100).toFixed(1)}% below`;
  const figures = `on its test set this model's RMSE was ${how} the naive forecast's (${format(record.modelRmse)} vs ${format(record.naiveRmse)}, ${record.file})`;
  return `${figures}${record.verdict ? `: ${record.verdict}` : ratio > 1 ? ': the last value itself has been the better forecast' : ''}`;
}
