import { loadBundledCsv, parseCsv, prepareForecastData, TUTORIAL_SPLIT } from '@rnnkit/datasets';
import { FEATURES, SEQ, WINDOWS } from './config.js';

/** The tutorial's scaled training windows (time-major [seq, n, features]) and targets at window length `seq`, the same for every implementation. */
export async function tutorialWindows(seq = SEQ): Promise<{ x: Float32Array; y: Float32Array; n: number }> {
  const columns = ['Open', 'High', 'Low', 'Close'];
  const table = parseCsv(await loadBundledCsv(), { source: 'bundled', columns });
  const data = prepareForecastData(table, {
    features: columns, target: 'Close', seqLength: seq, scaler: 'minmax',
    split: TUTORIAL_SPLIT,
  });
  const { n } = data.train;
  if ((seq === SEQ && n !== WINDOWS) || data.train.x.length !== seq * n * FEATURES) throw new Error('unexpected tutorial data shape');
  return { x: data.train.x, y: data.train.y, n };
}
