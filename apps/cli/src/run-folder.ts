import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataError, type ScalerState } from '@rnnkit/datasets';
import { inputCount } from '@rnnkit/forecast';
import { SequenceRegressor } from '@rnnkit/layers';
import { StateDictError, type StateDict } from '@rnnkit/tensor';
import type { TrainConfig } from './train/train-config.js';

/** Settings that older runs lack: they predicted the next value itself and refused rows with missing values. */
export const LEGACY_DEFAULTS: Pick<TrainConfig, 'targetTransform' | 'horizon' | 'missing'> = { targetTransform: 'none', horizon: 1, missing: 'error' };

/** What `rnnkit train` left in a run folder, read back. */
export interface RunFolder {
  dir: string;
  config: TrainConfig;
  weights: StateDict;
  scaler: ScalerState;
  /** diff/logret runs: the per-horizon target scale from metrics.json. */
  targetScale: number[];
  /** Runs with an input transform: the scaler of the transformed columns, from metrics.json. */
  inputScaler?: ScalerState;
}

/** Reads metrics.json (config), weights.json and scaler.json of a run folder. */
export async function readRunFolder(dir: string): Promise<RunFolder> {
  const json = async <T>(name: string): Promise<T> => {
    const file = join(dir, name);
    try {
      return JSON.parse(await readFile(file, 'utf8')) as T;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'no such file' : `not valid JSON: ${(err as Error).message}`;
      throw new DataError(file, undefined, `cannot read the run (${why})`, 'pass --run a folder written by rnnkit train');
    }
  };
  const metrics = await json<{ config?: TrainConfig; targetScale?: number[]; inputScaler?: ScalerState }>('metrics.json');
  if (!metrics.config || !Array.isArray(metrics.config.features)) {
    throw new DataError(join(dir, 'metrics.json'), undefined, 'has no config', 'pass --run a folder written by rnnkit train');
  }
  const config = { ...LEGACY_DEFAULTS, ...metrics.config };
  return { dir, config, weights: await json<StateDict>('weights.json'), scaler: await json<ScalerState>('scaler.json'), targetScale: metrics.targetScale ?? [], ...(metrics.inputScaler ? { inputScaler: metrics.inputScaler } : {}) };
}

/** A model of a run config's shape, its weights not yet loaded. */
export function modelOfConfig(config: RunFolder['config']): SequenceRegressor {
  return new SequenceRegressor({ cell: config.cell ?? 'rnn', inputSize: inputCount(config.features.length, config), hiddenSize: config.hidden, numLayers: config.layers, outputSize: config.horizon ?? 1, ...config.modelOptions });
}

/** The run's trained model. */
export function modelFromRun(run: RunFolder): SequenceRegressor {
  const model = modelOfConfig(run.config);
  try {
    model.loadStateDict(run.weights);
  } catch (err) {
    model.dispose();
    if (!(err instanceof StateDictError)) throw err;
    throw new DataError(join(run.dir, 'weights.json'), undefined, err.message, 'the weights must fit the config in metrics.json');
  }
  return model;
}
