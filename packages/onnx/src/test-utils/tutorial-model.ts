// A model and the tutorial's windows, shared by the export and import tests.
import { loadBundledCsv, parseCsv, prepareForecastData, type ForecastData } from '@rnnkit/datasets';
import { SequenceRegressor, type CellType } from '@rnnkit/layers';
import { Rng } from '@rnnkit/tensor';
import type { RnnkitMetadata } from '../metadata.js';

export const FEATURES = ['Open', 'High', 'Low', 'Close'];

export async function tutorialData(): Promise<ForecastData> {
  const table = parseCsv(await loadBundledCsv(), { source: 'bundled', columns: FEATURES });
  return prepareForecastData(table, {
    features: FEATURES, target: 'Close', seqLength: 4, scaler: 'minmax',
    split: { train: { from: '2020-06-11', to: '2023-03-23' }, test: { from: '2023-04-01', to: '2023-07-01' } },
  });
}

export function sampleModel(options: { cell?: CellType; layers?: number; bias?: boolean; seed?: number } = {}): SequenceRegressor {
  return new SequenceRegressor({ cell: options.cell ?? 'rnn', inputSize: 4, hiddenSize: 10, numLayers: options.layers ?? 1, bias: options.bias ?? false, rng: new Rng(options.seed ?? 1) });
}

export function metadataOf(data: ForecastData): Omit<RnnkitMetadata, 'withScaler' | 'style' | 'cell'> {
  return { features: data.features, target: data.target, seqLength: data.seqLength, scaler: data.scaler.toJSON(), config: { hidden: 10 } };
}
