import { runForecast, type ForecastRunResult, type ForecastRunSpec, type PreparedRun, type Series, type TrainHooks } from '@rnnkit/forecast';
import type { TrainConfig } from './train-config.js';
import { readInitWeights } from './read-init.js';
import { isOnnxInit, onnxInit } from './onnx-init.js';
import { inputSpec, trainingSpec } from '../run-flags.js';

export type { TrainHooks } from '@rnnkit/forecast';

/** A finished training run: the forecasting core's result. */
export type TrainResult = ForecastRunResult;

/** The forecasting core's spec for a training config. */
export function runSpec(config: TrainConfig): ForecastRunSpec {
  return {
    seqLength: config.seqLen, horizon: config.horizon, scaler: config.scaler, targetTransform: config.targetTransform, ...inputSpec(config),
    split: config.testRatio !== null ? { testRatio: config.testRatio } : { train: config.trainRange!, test: config.testRange! },
    model: { cell: config.cell, hidden: config.hidden, layers: config.layers, seed: config.seed, ...config.modelOptions },
    training: trainingSpec(config),
    ...((config.interval ?? null) === null ? {} : { interval: config.interval! }),
  };
}

/** Builds the model (seeded, from --init, or from a checkpoint), trains it and scores it beside the naive forecast, through @rnnkit/forecast. */
export async function trainRun(config: TrainConfig, series: Series, prepared: PreparedRun, hooks: TrainHooks = {}): Promise<TrainResult> {
  const init = !hooks.resume && config.init ? { weights: isOnnxInit(config.init) ? (await onnxInit(config.init)).weights : await readInitWeights(config.init), source: config.init } : undefined;
  return runForecast(series, runSpec(config), prepared, { ...hooks, ...(init ? { init } : {}) });
}
