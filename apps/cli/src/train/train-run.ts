import { forecastMetrics, type ForecastData, type ForecastMetrics } from '@rnnkit/datasets';
import { fit, SequenceRegressor, type EpochInfo } from '@rnnkit/layers';
import { Adam, Rng, SGD } from '@rnnkit/tensor';
import { loadInitWeights } from './read-init.js';
import type { TrainConfig } from './train-config.js';

/** Everything a finished training run produced. */
export interface TrainResult {
  model: SequenceRegressor;
  trainLoss: number[];
  /** Test predictions in price units, one per test window. */
  predicted: number[];
  test: ForecastMetrics;
  /** The naive forecast "next close = last close of the window". */
  baseline: ForecastMetrics;
  testScaledMse: number;
  msPerEpoch: number;
}

/** A one-line description of the model's shape, for messages. */
export function modelShape(config: TrainConfig): string {
  return `${config.cell.toUpperCase()} ${config.features.length}→${config.hidden}→1, ${config.layers} layer${config.layers > 1 ? 's' : ''}`;
}

/** Builds the model (seeded or from --init), trains it, and evaluates it beside the naive forecast. */
export async function trainRun(config: TrainConfig, data: ForecastData, onEpoch?: (info: EpochInfo) => void | Promise<void>): Promise<TrainResult> {
  const rng = new Rng(config.seed);
  const model = new SequenceRegressor({ cell: config.cell, inputSize: config.features.length, hiddenSize: config.hidden, numLayers: config.layers, rng });
  if (config.init) await loadInitWeights(config.init, model, modelShape(config));
  const params = model.parameters();
  const optimizer = config.optimizer === 'adam' ? new Adam(params, config.lr) : new SGD(params, config.lr);
  const started = performance.now();
  const { train, test } = data;
  try {
    const trainLoss = await fit(model, { x: train.x, y: train.y, n: train.n, seqLength: data.seqLength, features: config.features.length }, {
      epochs: config.epochs, optimizer, batchSize: config.batchSize, rng, onEpoch,
    });
    const msPerEpoch = (performance.now() - started) / config.epochs;
    const scaled = model.predict(test.x, test.n);
    const predicted = data.toPrice(scaled);
    const testScaledMse = scaled.reduce((s, p, i) => s + (p - test.y[i]!) ** 2, 0) / test.n;
    return {
      model, trainLoss, predicted, msPerEpoch, testScaledMse,
      test: forecastMetrics(test.actual, predicted),
      baseline: forecastMetrics(test.actual, test.lastValue),
    };
  } catch (err) {
    model.dispose();
    throw err;
  } finally {
    optimizer.dispose();
  }
}

