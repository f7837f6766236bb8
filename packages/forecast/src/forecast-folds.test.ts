import { beforeAll, describe, expect, it } from 'vitest';
import { useBackend } from '@rnnkit/tensor';
import { BacktestStopped, backtest } from './backtest.js';
import { autoregressionForecaster, driftForecaster, naiveForecaster } from './baselines.js';
import { forecastFolds } from './forecast-folds.js';
import type { FitContext, Forecaster } from './forecaster.js';
import type { Series } from './series.js';

beforeAll(() => useBackend());

/** A price that dips to −1 on row 30 (no log returns there), otherwise a slow sine. */
function dipping(n: number): Series {
  const rows = Array.from({ length: n }, (_, i) => [i === 30 ? -1 : 50 + 10 * Math.sin(i / 7)]);
  const dates = Array.from({ length: n }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
  return { source: 'dip.csv', dates, columns: ['Close'], rows, featureCount: 1, targetCol: 0 };
}

/** Forecasts the mean of its training rows at every horizon, and records what the loop told it. */
function trainingMean(seen: FitContext[]): Forecaster {
  return {
    name: 'mean', description: 'mean of the training rows',
    fit: (series, train, spec, context) => {
      seen.push(context!);
      let s = 0;
      for (let t = train.start; t < train.end; t++) s += series.rows[t]![0]!;
      const mean = s / (train.end - train.start);
      return { predict: (origins) => origins.map(() => new Array<number>(spec.horizon).fill(mean)) };
    },
  };
}

const spec = { seqLength: 3, horizon: 2, scaler: 'none' as const, targetTransform: 'none' as const };

describe('forecastFolds, the loop of every model', () => {
  it('fits each model on each fold, keeps horizons inside the fold, and leaves out a model that cannot fit this data', async () => {
    const series = dipping(120);
    const seen: FitContext[] = [];
    const folds = [60, 90].map((start) => ({ train: { start: 0, end: start }, origins: Array.from({ length: 30 }, (_, i) => start - 1 + i), lastRow: start + 29 }));
    const run = await forecastFolds(series, spec, folds, [trainingMean(seen), naiveForecaster, autoregressionForecaster(2), driftForecaster]);
    expect(run.models.map((m) => m.name)).toEqual(['mean', 'naive', 'AR(2) log returns', 'drift']);
    // Row 31 holds −1: AR cannot take its log, in one line naming the row, and has no forecasts.
    expect(run.models[2]!.unavailable).toBe('row 31 (2020-01-31) has Close -1: log returns need prices above 0');
    expect(run.models[2]!.folds).toEqual([]);
    expect(seen.map((c) => [c.fold, c.holdOut])).toEqual([[1, 0], [2, 0]]);
    expect(run.fits).toEqual([{ windows: 60 - 2 - 2 }, { windows: 90 - 2 - 2 }]);
    for (const [k, start] of [60, 90].entries()) {
      const mean = series.rows.slice(0, start).reduce((s, r) => s + r[0]!, 0) / start;
      const fs = run.models[0]!.folds[k]!;
      expect(fs).toHaveLength(30 + 29); // horizon 2 of the last origin lies past the fold
      expect(fs.every((f) => f.predicted === mean && f.naive === series.rows[series.dates.indexOf(f.origin)]![0])).toBe(true);
      const slope = (series.rows[start - 1]![0]! - series.rows[0]![0]!) / (start - 1);
      const drift = run.models[3]!.folds[k]!.find((f) => f.horizon === 2)!;
      expect(drift.predicted).toBe(drift.naive + 2 * slope);
    }
  });

  it('holds out the last 20% of the first model’s training windows for intervals, and only its', async () => {
    const series = dipping(120);
    const seen: FitContext[] = [];
    const baselineSeen: FitContext[] = [];
    const run = await forecastFolds(series, spec, [{ train: { start: 0, end: 90 }, origins: [89, 90], lastRow: 119 }], [trainingMean(seen), naiveForecaster, trainingMean(baselineSeen)], { interval: { level: 0.8, scale: 'absolute' } });
    expect(seen[0]!.holdOut).toBe(Math.ceil(86 * 0.2));
    expect(baselineSeen[0]!.holdOut).toBe(0);
    expect(run.fits[0]!.windows).toBe(86 - 18);
    const f = run.models[0]!.folds[0]![0]!;
    expect(f.upper! - f.predicted).toBeCloseTo(f.predicted - f.lower!, 12);
    expect(run.models[2]!.folds[0]![0]!.lower).toBeUndefined();
  });

  it('lets the first model’s errors through: its fit is never "unavailable"', async () => {
    const failing: Forecaster = { name: 'f', description: 'throws', fit: () => { throw new RangeError('no'); } };
    await expect(forecastFolds(dipping(80), spec, [{ train: { start: 0, end: 60 }, origins: [59], lastRow: 79 }], [failing, naiveForecaster])).rejects.toThrow('no');
  });

  it('a stop asked for during fold 1 of a backtest ends it there with BacktestStopped, having trained nothing of fold 2', async () => {
    const dip = dipping(200);
    const s: Series = { ...dip, rows: dip.rows.map((r) => [Math.abs(r[0]!) + 1]) };
    const epochs: number[][] = [];
    const run = backtest(s, {
      ...spec, scaler: 'minmax', folds: 2, testSize: 20, window: 'expanding',
      model: { cell: 'rnn', hidden: 3, layers: 1, seed: 0 }, training: { epochs: 10, lr: 0.01, optimizer: 'adam', batchSize: 'full' },
    }, { onEpoch: (fold, info) => void epochs.push([fold, info.epoch]), shouldStop: () => epochs.length >= 3 });
    await expect(run).rejects.toEqual(new BacktestStopped(1));
    expect(epochs).toEqual([[1, 1], [1, 2], [1, 3]]);
  });
});
