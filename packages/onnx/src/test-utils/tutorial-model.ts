// A model and the tutorial's windows, shared by the export and import tests.
import { loadBundledCsv, parseCsv, TUTORIAL_SPLIT, type Scaler } from '@rnnkit/datasets';
import { prepareRun, seriesOf, type TargetWindows } from '@rnnkit/forecast';
import { SequenceRegressor, type CellType } from '@rnnkit/layers';
import { Rng } from '@rnnkit/tensor';
import type { RnnkitMetadata } from '../metadata.js';

export const FEATURES = ['Open', 'High', 'Low', 'Close'];

/** The tutorial's windows as @rnnkit/forecast cuts them, with what the export's metadata takes. */
export interface TutorialData {
  features: string[];
  target: string;
  seqLength: number;
  /** Fitted on the training rows over the four columns. */
  scaler: Scaler;
  train: TargetWindows;
  test: TargetWindows;
  /** Scaled Close values back to prices. */
  toPrice(scaled: ArrayLike<number>): number[];
}

export async function tutorialData(): Promise<TutorialData> {
  const series = seriesOf(parseCsv(await loadBundledCsv(), { source: 'bundled', columns: FEATURES }), FEATURES, 'Close');
  const { encoding, train, test } = prepareRun(series, { seqLength: 4, horizon: 1, scaler: 'minmax', targetTransform: 'none', split: TUTORIAL_SPLIT });
  const { scaler } = encoding;
  return { features: FEATURES, target: 'Close', seqLength: 4, scaler, train, test, toPrice: (scaled) => scaler.inverseColumn(Array.from(scaled), series.targetCol) };
}

export function sampleModel(options: { cell?: CellType; layers?: number; bias?: boolean; seed?: number } = {}): SequenceRegressor {
  return new SequenceRegressor({ cell: options.cell ?? 'rnn', inputSize: 4, hiddenSize: 10, numLayers: options.layers ?? 1, bias: options.bias ?? false, rng: new Rng(options.seed ?? 1) });
}

export function metadataOf(data: TutorialData): Omit<RnnkitMetadata, 'withScaler' | 'style' | 'cell'> {
  return { features: data.features, target: data.target, seqLength: data.seqLength, scaler: data.scaler.toJSON(), config: { hidden: 10 } };
}
