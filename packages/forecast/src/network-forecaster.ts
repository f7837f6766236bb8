import type { Forecaster } from './forecaster.js';
import { predictAt } from './forecasts.js';
import { trainModel, type ModelSettings, type TrainingSettings } from './train-model.js';
import { fitEncoding, originsWithin, targetsAt, windowsAt } from './windows.js';

/**
 * The recurrent network as a `Forecaster`, so it can stand in the same list as the baselines: `fit`
 * fits the encoding (scaler, target transform) on the training rows, trains a fresh model (same seed
 * every fit) on every window whose targets lie inside them, and `predict` decodes its outputs to the
 * target's units. `backtest` gives the same forecasts (without `interval`, which holds windows out);
 * it keeps its own copy of these steps for its progress, stop and calibration hooks.
 */
export function networkForecaster(model: ModelSettings, training: TrainingSettings): Forecaster {
  return {
    name: 'network',
    description: `${model.cell.toUpperCase()} ${model.hidden} hidden × ${model.layers}, seed ${model.seed}`,
    fit: async (series, train, spec) => {
      const origins = originsWithin(train.start, train.end, spec);
      if (origins.length < 1) throw new RangeError(`rows ${train.start + 1}..${train.end} hold no training window`);
      const encoding = fitEncoding(series, spec, train.start, train.end, origins);
      const trained = await trainModel(model, training, {
        windows: windowsAt(series, encoding, origins, spec.seqLength), y: targetsAt(series, encoding, spec, origins),
        seqLength: spec.seqLength, features: series.featureCount, outputs: spec.horizon,
      });
      return { predict: (at) => predictAt(trained.model, series, encoding, spec, at), dispose: () => trained.model.dispose() };
    },
  };
}
