import { loadBundledCsv, parseCsv, prepareForecastData, TUTORIAL_SPLIT } from '@rnnkit/datasets';
import { FEATURES, SEQ, WINDOWS } from './config.js';

/** The tutorial's scaled training windows (time-major) and targets, the same for every implementation. */
export async function tutorialWindows(): Promise<{ x: Float32Array; y: Float32Array }> {
  const columns = ['Open', 'High', 'Low', 'Close'];
  const table = parseCsv(await loadBundledCsv(), { source: 'bundled', columns });
  const data = prepareForecastData(table, {
    features: columns, target: 'Close', seqLength: SEQ, scaler: 'minmax',
    split: TUTORIAL_SPLIT,
  });
  if (data.train.n !== WINDOWS || data.train.x.length !== SEQ * WINDOWS * FEATURES) throw new Error('unexpected tutorial data shape');
  return { x: data.train.x, y: data.train.y };
}
