import { defaultBaselines, naiveForecaster } from './baselines.js';
import type { Forecaster } from './forecaster.js';
import { networkForecaster, type NetworkOptions } from './network-forecaster.js';
import type { ModelSettings, TrainingSettings } from './train-model.js';

/**
 * The models of every report (train, backtest, sweep, the web page), in the order they are scored:
 * the network first (the one reported on), naive (the reference of every skill and DM test), then
 * the baselines of {@link defaultBaselines} for windows of `seqLength` days.
 */
export function defaultModels(spec: { model: ModelSettings; training: TrainingSettings; seqLength: number }, network: NetworkOptions = {}): Forecaster[] {
  return [networkForecaster(spec.model, spec.training, network), naiveForecaster, ...defaultBaselines(spec.seqLength)];
}
