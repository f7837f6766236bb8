import { forecastMetrics, type ForecastData, type ForecastMetrics } from '@rnnkit/datasets';
import { fit, SequenceRegressor, type EpochInfo } from '@rnnkit/layers';
import { Adam, Rng, SGD } from '@rnnkit/tensor';
import type { Checkpoint } from './checkpoint.js';
import { loadInitWeights } from './read-init.js';
import type { TrainConfig } from './train-config.js';

/** How a caller follows and steers a run. */
export interface TrainHooks {
  onEpoch?: (info: EpochInfo) => void | Promise<void>;
  /** Polled after every epoch: true stops the run there (e.g. after SIGINT). */
  shouldStop?: () => boolean;
  /** Receives a checkpoint every `checkpointEvery` epochs and when the run stops early. */
  onCheckpoint?: (checkpoint: Checkpoint) => Promise<void>;
  checkpointEvery?: number;
  /** Continue from this checkpoint instead of starting afresh. */
  resume?: Checkpoint;
}

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
  /** True when shouldStop ended the run before its last epoch. */
  interrupted: boolean;
}

/** A one-line description of the model's shape, for messages. */
export function modelShape(config: TrainConfig): string {
  return `${config.cell.toUpperCase()} ${config.features.length}→${config.hidden}→1, ${config.layers} layer${config.layers > 1 ? 's' : ''}`;
}

/** Builds the model (seeded, from --init, or from a checkpoint), trains it, and evaluates it beside the naive forecast. */
export async function trainRun(config: TrainConfig, data: ForecastData, hooks: TrainHooks = {}): Promise<TrainResult> {
  const { resume } = hooks;
  // A resumed run takes its weights from the checkpoint: the generator is not spent on initial values.
  const rng = resume ? Rng.fromState(resume.rng) : new Rng(config.seed);
  const model = new SequenceRegressor({ cell: config.cell, inputSize: config.features.length, hiddenSize: config.hidden, numLayers: config.layers, rng: resume ? new Rng(0) : rng });
  const params = model.parameters();
  const optimizer = config.optimizer === 'adam' ? new Adam(params, config.lr) : new SGD(params, config.lr);
  const losses = resume ? [...resume.trainLoss] : [];
  const started = performance.now();
  const { train, test } = data;
  try {
    if (resume) {
      model.loadStateDict(resume.weights);
      if (resume.optimizer.kind === 'adam' && optimizer instanceof Adam) optimizer.setState(resume.optimizer.state);
    } else if (config.init) await loadInitWeights(config.init, model, modelShape(config));
    const snapshot = (epoch: number): Checkpoint => ({
      version: 1, config, epoch, trainLoss: [...losses], weights: model.stateDict(), rng: rng.state,
      optimizer: optimizer instanceof Adam ? { kind: 'adam', state: optimizer.getState() } : { kind: 'sgd' },
    });
    let stopped = false;
    const startEpoch = (resume?.epoch ?? 0) + 1;
    await fit(model, { x: train.x, y: train.y, n: train.n, seqLength: data.seqLength, features: config.features.length }, {
      epochs: config.epochs, startEpoch, optimizer, batchSize: config.batchSize, rng,
      onEpoch: async (info) => {
        losses.push(info.loss);
        await hooks.onEpoch?.(info);
        stopped = (hooks.shouldStop?.() ?? false) && info.epoch < config.epochs;
        const every = hooks.checkpointEvery ?? 0;
        if (hooks.onCheckpoint && (stopped || (every > 0 && info.epoch % every === 0 && info.epoch < config.epochs))) {
          info.syncWeights();
          const checkpoint = snapshot(info.epoch);
          // Only good states are kept: weights that overflowed would end as nulls in JSON.
          if ((Object.values(checkpoint.weights) as unknown[]).flat(2).every(Number.isFinite)) await hooks.onCheckpoint(checkpoint);
        }
        return !stopped;
      },
    });
    const msPerEpoch = (performance.now() - started) / Math.max(1, losses.length - (resume?.trainLoss.length ?? 0));
    const scaled = model.predict(test.x, test.n);
    const predicted = data.toPrice(scaled);
    const testScaledMse = scaled.reduce((s, p, i) => s + (p - test.y[i]!) ** 2, 0) / test.n;
    return {
      model, trainLoss: losses, predicted, msPerEpoch, testScaledMse, interrupted: stopped,
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
