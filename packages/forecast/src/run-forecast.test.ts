import { beforeAll, describe, expect, it } from 'vitest';
import { DataError, loadBundledCsv, parseCsv, syntheticSeries, TUTORIAL_SPLIT, randomWalk, type PriceTable } from '@rnnkit/datasets';
import { errorMeasures } from './error-measures.js';
import { Rng, useBackend } from '@rnnkit/tensor';
import { prepareRun, runForecast, type ForecastRunSpec } from './run-forecast.js';
import { seriesOf } from './series.js';
import { predictAt } from './forecasts.js';
import { metricsRecord, predictionsCsv } from './run-files.js';
import { trainModel } from './train-model.js';
import { inputSize, targetsAt, windowsAt } from './windows.js';

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

// A training run with intervals (rnnkit train --interval): the last 20% of the training windows are held
// out of the fit, and the test forecasts get predicted ± q·|origin|, q the split-conformal quantile of
// |actual − predicted| / |origin| over the held-out windows. Recomputed here from the model and the data.
const { table: arTable } = syntheticSeries({ kind: 'ar', length: 260, seed: 4 });
const arSeries = seriesOf(arTable, ['Close'], 'Close');
const intervalSpec: ForecastRunSpec = {
  seqLength: 5, horizon: 2, scaler: 'standard', targetTransform: 'logret', split: { testRatio: 0.25 },
  model: { cell: 'gru', hidden: 4, layers: 1, seed: 3 }, training: { epochs: 8, lr: 0.01, optimizer: 'adam', batchSize: 'full' }, interval: 0.8,
};

describe('runForecast with interval', () => {
  it('holds out the last ⌈0.2 n⌉ training windows, trains on the rest, and the half-widths are their conformal quantiles', async () => {
    const prepared = prepareRun(arSeries, intervalSpec);
    const result = await runForecast(arSeries, intervalSpec, prepared);
    try {
      const n = prepared.train.n;
      const hold = Math.ceil(n * 0.2);
      expect(result.interval).toMatchObject({ level: 0.8, scale: 'relative', calibrationWindows: hold });
      // The same model trained on the first n − hold windows alone: the same losses to the bit.
      const fit = prepared.train.origins.slice(0, n - hold);
      const again = await trainModel(intervalSpec.model, intervalSpec.training, {
        windows: windowsAt(arSeries, prepared.encoding, fit, intervalSpec.seqLength), y: targetsAt(arSeries, prepared.encoding, intervalSpec, fit),
        seqLength: intervalSpec.seqLength, features: inputSize(arSeries, intervalSpec), outputs: intervalSpec.horizon,
      });
      expect(result.trainLoss).toEqual(again.trainLoss);
      again.model.dispose();
      // The quantile by hand: rank ⌈(m + 1)·0.8⌉ of the sorted ratios, per horizon.
      const calibration = prepared.train.origins.slice(n - hold);
      const predicted = predictAt(result.model, arSeries, prepared.encoding, intervalSpec, calibration);
      const close = (row: number) => arTable.values[row]![3]!;
      for (let h = 0; h < 2; h++) {
        const ratios = calibration.map((o, b) => Math.abs(close(o + h + 1) - predicted[b]![h]!) / close(o)).sort((a, b) => a - b);
        expect(result.interval!.halfWidths[h]).toBe(ratios[Math.ceil((ratios.length + 1) * 0.8) - 1]);
      }
      // Every test forecast: predicted ± q_h · naive; coverage the share of actual values inside.
      for (const f of result.forecasts) {
        const w = result.interval!.halfWidths[f.horizon - 1]! * f.naive;
        expect(f.lower).toBeCloseTo(f.predicted - w, 9);
        expect(f.upper).toBeCloseTo(f.predicted + w, 9);
      }
      for (const score of result.horizons) {
        const fs = result.forecasts.filter((f) => f.horizon === score.horizon);
        expect(score.coverage).toBe(fs.filter((f) => f.lower! <= f.actual && f.actual <= f.upper!).length / fs.length);
      }
      // The files: predictions.csv ends each row with the interval (4 decimals); metrics.json states the scale, the half-widths and the held-out windows.
      const csv = predictionsCsv(result.forecasts, 2, true).split('\n');
      const f0 = result.forecasts[0]!;
      expect(csv[0]).toBe('origin,date,horizon,actual,predicted,naive,lower,upper');
      expect(csv[1]).toBe(`${f0.origin},${f0.date},1,${f0.actual},${Math.round(f0.predicted * 1e4) / 1e4},${f0.naive},${Math.round(f0.lower! * 1e4) / 1e4},${Math.round(f0.upper! * 1e4) / 1e4}`);
      const metrics = metricsRecord({}, result, prepared, [], 'logret');
      expect(metrics.windows).toEqual({ train: n, test: prepared.test.n, calibration: hold });
      expect(metrics).toMatchObject({ intervalScale: 'relative', halfWidths: result.interval!.halfWidths });
      expect(Object.keys(metrics).slice(-2)).toEqual(['intervalScale', 'halfWidths']);
    } finally {
      result.model.dispose();
    }
  });

  it('without interval nothing changes: no interval, no lower/upper, the CSV and metrics as before', async () => {
    const { interval: _i, ...plain } = intervalSpec;
    const prepared = prepareRun(arSeries, plain);
    const result = await runForecast(arSeries, plain, prepared);
    try {
      expect(result.interval).toBeUndefined();
      expect(result.forecasts[0]!.lower).toBeUndefined();
      expect(predictionsCsv(result.forecasts, 2).split('\n')[0]).toBe('origin,date,horizon,actual,predicted,naive');
      const metrics = metricsRecord({}, result, prepared, [], 'logret');
      expect(metrics.windows).toEqual({ train: prepared.train.n, test: prepared.test.n });
      expect('halfWidths' in metrics).toBe(false);
    } finally {
      result.model.dispose();
    }
  });

  it('a level outside (0, 1) is refused in one line naming the setting', async () => {
    const err = await runForecast(arSeries, { ...intervalSpec, interval: 1.5 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as DataError).message).toMatch(/interval 1\.5 must lie strictly between 0 and 1/);
    expect((err as DataError).settings).toEqual(['interval']);
  });
});
