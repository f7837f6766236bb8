// A model and the tutorial's windows, shared by the export and import tests.
import { loadBundledCsv, parseCsv, prepareForecastData, TUTORIAL_SPLIT, type ForecastData } from '@rnnkit/datasets';
import { SequenceRegressor, type CellType } from '@rnnkit/layers';
import { Rng } from '@rnnkit/tensor';
import type { RnnkitMetadata } from '../metadata.js';

export const FEATURES = ['Open', 'High', 'Low', 'Close'];

export async function tutorialData(): Promise<ForecastData> {
  const table = parseCsv(await loadBundledCsv(), { source: 'bundled', columns: FEATURES });
  return prepareForecastData(table, {
    features: FEATURES, target: 'Close', seqLength: 4, scaler: 'minmax',
    split: TUTORIAL_SPLIT,
  });
}

export function sampleModel(options: { cell?: CellType; layers?: number; bias?: boolean; seed?: number } = {}): SequenceRegressor {
  return new SequenceRegressor({ cell: options.cell ?? 'rnn', inputSize: 4, hiddenSize: 10, numLayers: options.layers ?? 1, bias: options.bias ?? false, rng: new Rng(options.seed ?? 1) });
}

export function metadataOf(data: ForecastData): Omit<RnnkitMetadata, 'withScaler' | 'style' | 'cell'> {
  return { features: data.features, target: data.target, seqLength: data.seqLength, scaler: data.scaler.toJSON(), config: { hidden: 10 } };
}
