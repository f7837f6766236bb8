import { loadBundledCsv, parseCsv, TUTORIAL_SPLIT } from '@rnnkit/datasets';
import { prepareRun, seriesOf } from '@rnnkit/forecast';
import { FEATURES, SEQ, WINDOWS } from './config.js';

/** The tutorial's scaled training windows (time-major [seq, n, features]) and targets at window length `seq`, the same for every implementation. */
export async function tutorialWindows(seq = SEQ): Promise<{ x: Float32Array; y: Float32Array; n: number }> {
  const columns = ['Open', 'High', 'Low', 'Close'];
  const series = seriesOf(parseCsv(await loadBundledCsv(), { source: 'bundled', columns }), columns, 'Close');
  const { train } = prepareRun(series, { seqLength: seq, horizon: 1, scaler: 'minmax', targetTransform: 'none', split: TUTORIAL_SPLIT });
  const { n } = train;
  if ((seq === SEQ && n !== WINDOWS) || train.x.length !== seq * n * FEATURES) throw new Error('unexpected tutorial data shape');
  return { x: train.x, y: train.y, n };
}
