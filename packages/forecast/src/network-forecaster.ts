import type { FitContext, Forecaster } from './forecaster.js';
import { predictAt } from './forecasts.js';
import { trainModel, type ModelSettings, type TrainingSettings } from './train-model.js';
import { fitEncoding, inputSize, originsWithin, targetsAt, windowsAt, type Encoding } from './windows.js';

/** How the network's fits differ from a fresh one per fold. */
export interface NetworkOptions {
  /** This encoding in every fit (a given model's own scaler, or a run's prepared one) instead of one fitted on the training rows. */
  encoding?: Encoding;
}

const ALONE: FitContext = { fold: 1, holdOut: 0, hooks: {} };

/**
 * The recurrent network as a `Forecaster`, the first of a backtest's `models`: `fit` fits the
 * encoding (scaler, target transform) on the training rows, trains a fresh model (same seed every
 * fit) on every window whose targets lie inside them, less the last `context.holdOut`, and `predict`
 * decodes its outputs to the target's units.
 */
export function networkForecaster(model: ModelSettings, training: TrainingSettings, options: NetworkOptions = {}): Forecaster {
  return {
    name: 'network',
    description: `${model.cell.toUpperCase()} ${model.hidden} hidden × ${model.layers}, seed ${model.seed}`,
    fit: async (series, train, spec, context = ALONE) => {
      const all = originsWithin(train.start, train.end, spec);
      const origins = all.slice(0, all.length - context.holdOut);
      if (origins.length < 1) throw new RangeError(`rows ${train.start + 1}..${train.end} hold no training window`);
      const encoding = options.encoding ?? fitEncoding(series, spec, train.start, train.end, origins);
      const trained = await trainModel(model, training, {
        windows: windowsAt(series, encoding, origins, spec.seqLength), y: targetsAt(series, encoding, spec, origins),
        seqLength: spec.seqLength, features: inputSize(series, spec), outputs: spec.horizon,
      }, context.hooks);
      return { predict: (at) => predictAt(trained.model, series, encoding, spec, at), dispose: () => trained.model.dispose(), trained };
    },
  };
}
