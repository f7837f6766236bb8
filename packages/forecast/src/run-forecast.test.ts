import { beforeAll, describe, expect, it } from 'vitest';
import { loadBundledCsv, parseCsv, TUTORIAL_SPLIT, randomWalk, type PriceTable } from '@rnnkit/datasets';
import { errorMeasures } from './error-measures.js';
import { Rng, useBackend } from '@rnnkit/tensor';
import { prepareRun, runForecast, type ForecastRunSpec } from './run-forecast.js';
import { seriesOf } from './series.js';

beforeAll(() => useBackend());

const features = ['Open', 'High', 'Low', 'Close'];
const tutorial: ForecastRunSpec = {
  seqLength: 4, horizon: 1, scaler: 'minmax', targetTransform: 'none', split: TUTORIAL_SPLIT,
  model: { cell: 'rnn', hidden: 10, layers: 1, seed: 0 }, training: { epochs: 3, lr: 0.005, optimizer: 'sgd', batchSize: 'full' },
};

describe('runForecast on the tutorial split', () => {
  it("cuts exactly the tutorial's windows (same bits as a float64 sklearn MinMaxScaler and the tutorial's loop)", async () => {
    const table = parseCsv(await loadBundledCsv(), { source: 'bundled', columns: features });
    const reference = tutorialReference(table);
    const run = prepareRun(seriesOf(table, features, 'Close'), tutorial);
    expect([run.train.n, run.test.n]).toEqual([685, 57]);
    expect(run.train.x).toEqual(reference.train.x);
    expect(run.train.y).toEqual(reference.train.y);
    expect(run.test.x).toEqual(reference.test.x);
    expect(run.test.rawX).toEqual(reference.test.rawX);
  });

  it('scores model and naive per horizon; naive RMSE 823.88 as the README says', async () => {
    const table = parseCsv(await loadBundledCsv(), { source: 'bundled', columns: features });
    const series = seriesOf(table, features, 'Close');
    const result = await runForecast(series, tutorial);
    const h1 = result.horizons[0]!;
    expect(h1.n).toBe(57);
    expect(h1.naive.rmse.toFixed(2)).toBe('823.88');
    const actual = result.forecasts.map((f) => f.actual);
    expect(h1.model.rmse).toBeCloseTo(errorMeasures(actual, result.forecasts.map((f) => f.predicted), 1).rmse, 9);
    expect(h1.skill).toBeCloseTo(1 - h1.model.rmse / h1.naive.rmse, 12);
    result.model.dispose();
  });
});

describe('target transforms', () => {
  const rng = new Rng(5);
  const table = randomWalk({ length: 300, random: () => rng.next() });
  const series = seriesOf(table, ['Close'], 'Close');

  for (const targetTransform of ['diff', 'logret'] as const) {
    it(`${targetTransform}: a model whose output is 0 is exactly the naive forecast, every horizon`, async () => {
      const spec: ForecastRunSpec = { ...tutorial, seqLength: 5, horizon: 3, scaler: 'minmax', targetTransform, split: { testRatio: 0.2 }, training: { ...tutorial.training, epochs: 0 } };
      const prepared = prepareRun(series, spec);
      const zero = await runForecast(series, spec, prepared, { init: { weights: zeroWeights(), source: 'zeros' } });
      expect(zero.trainLoss).toEqual([]);
      for (const f of zero.forecasts) expect(Math.abs(f.predicted - f.naive) / f.naive).toBeLessThan(1e-12);
      expect(zero.horizons.map((h) => h.skill)).toEqual([0, 0, 0]);
      expect(zero.forecasts.filter((f) => f.horizon === 3)).toHaveLength(prepared.test.n - 2);
      zero.model.dispose();
    });
  }

  it('logret targets are ln(Close[o+h]/Close[o]) divided by a per-horizon scale that keeps 0 at 0', () => {
    const spec: ForecastRunSpec = { ...tutorial, horizon: 2, targetTransform: 'logret', split: { testRatio: 0.2 } };
    const prepared = prepareRun(series, spec);
    const o = prepared.train.origins[7]!;
    const c = (i: number) => series.rows[i]![0]!;
    for (const h of [1, 2]) expect(prepared.train.y[7 * 2 + h - 1]).toBeCloseTo(Math.log(c(o + h) / c(o)) / prepared.encoding.targetScale[h - 1]!, 6);
  });
});

function zeroWeights() {
  const z = (r: number, c: number) => Array.from({ length: r }, () => new Array(c).fill(0));
  return { 'w_x.weight': z(10, 1), 'w_h.weight': z(10, 10), 'w_y.weight': z(3, 10), 'w_y.bias': [0, 0, 0] };
}

/**
 * The tutorial's data in float64, written out independently of the package: sklearn's MinMaxScaler
 * (x · scale + offset, scale = 1 / (max − min), offset = −min · scale) fitted on the training days,
 * `for i in range(len(ts) - seq_length): x = ts[i:i+seq_length]; y = ts[i+seq_length, Close]` on each
 * part, laid out time-major [seq, n, features] and rounded to float32 once.
 */
function tutorialReference(table: PriceTable): Record<'train' | 'test', { x: Float32Array; y: Float32Array; rawX: Float32Array }> {
  const within = ({ from, to }: { from: string; to: string }) => table.values.filter((_, i) => table.dates[i]! >= from && table.dates[i]! <= to);
  const trainRows = within(TUTORIAL_SPLIT.train);
  const scale = features.map((_, j) => 1 / (Math.max(...trainRows.map((r) => r[j]!)) - Math.min(...trainRows.map((r) => r[j]!))));
  const offset = features.map((_, j) => -Math.min(...trainRows.map((r) => r[j]!)) * scale[j]!);
  const cut = (rows: number[][]) => {
    const scaled = rows.map((r) => r.map((v, j) => v * scale[j]! + offset[j]!));
    const n = rows.length - 4;
    const x = new Float32Array(4 * n * 4);
    const rawX = new Float32Array(4 * n * 4);
    for (let i = 0; i < n; i++) for (let t = 0; t < 4; t++) for (let f = 0; f < 4; f++) {
      x[(t * n + i) * 4 + f] = scaled[i + t]![f]!;
      rawX[(t * n + i) * 4 + f] = rows[i + t]![f]!;
    }
    return { x, rawX, y: Float32Array.from(scaled.slice(4).map((r) => r[3]!)) };
  };
  return { train: cut(trainRows), test: cut(within(TUTORIAL_SPLIT.test)) };
}
