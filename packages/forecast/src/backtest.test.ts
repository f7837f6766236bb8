import { beforeAll, describe, expect, it } from 'vitest';
import { randomWalk, type PriceTable } from '@rnnkit/datasets';
import { Rng, useBackend } from '@rnnkit/tensor';
import { backtest, testBlocks, type BacktestSpec } from './backtest.js';
import { seriesOf } from './series.js';

beforeAll(() => useBackend());

const rng = new Rng(3);
const table = randomWalk({ length: 400, random: () => rng.next() });
const features = ['Open', 'High', 'Low', 'Close'];
const spec: BacktestSpec = {
  seqLength: 4, horizon: 2, scaler: 'minmax', targetTransform: 'diff', folds: 3, testSize: 30, window: 'expanding', interval: 0.8,
  model: { cell: 'rnn', hidden: 6, layers: 1, seed: 1 }, training: { epochs: 5, lr: 0.01, optimizer: 'adam', batchSize: 'full' },
};

describe('backtest', () => {
  it('cuts the last K blocks of D days, trains on what lies before, forecasts D − h + 1 per horizon', async () => {
    const series = seriesOf(table, features, 'Close');
    const result = await backtest(series, spec);
    const n = table.dates.length;
    expect(result.folds.map((f) => [f.test.from, f.test.to, f.test.days])).toEqual([0, 1, 2].map((k) => [table.dates[n - 90 + 30 * k], table.dates[n - 90 + 30 * k + 29], 30]));
    result.folds.forEach((f, k) => {
      expect(f.train.from).toBe(table.dates[0]);
      expect(f.train.to).toBe(table.dates[n - 90 + 30 * k - 1]);
      // windows: origins 3..start−3 (both horizons before the block), less the 20% held out for calibration.
      const all = n - 90 + 30 * k - 2 - 3;
      expect(f.train.windows).toBe(all - Math.ceil(all * 0.2));
      // MASE scale: mean |Close[t] − Close[t−1]| over the fold's training rows.
      const close = table.values.slice(0, n - 90 + 30 * k).map((r) => r[3]!);
      const scale = close.slice(1).reduce((s, c, i) => s + Math.abs(c - close[i]!), 0) / (close.length - 1);
      expect(f.maseScale).toBeCloseTo(scale, 10);
    });
    for (const h of [1, 2]) expect(result.horizons[h - 1]!.n).toBe(3 * (30 - h + 1));
    const h1 = result.forecasts.filter((f) => f.horizon === 1);
    expect(h1.every((f) => f.naive === table.values[table.dates.indexOf(f.origin)]![3])).toBe(true);
    expect(h1.every((f) => f.lower! < f.predicted && f.predicted < f.upper!)).toBe(true);
    const covered = h1.filter((f) => f.lower! <= f.actual && f.actual <= f.upper!).length / h1.length;
    expect(result.horizons[0]!.coverage).toBe(covered);
    expect(result.verdict).toMatch(/horizon 1 \(DM −?\d+\.\d\d, p = /);
  });

  it('leaks nothing: scaling every row from fold 1’s first test day by 10 leaves fold 1’s first forecast unchanged', async () => {
    const first = table.dates.length - 90;
    const scaled: PriceTable = { ...table, values: table.values.map((r, i) => (i >= first ? r.map((v) => v * 10) : r)) };
    const [a, b] = await Promise.all([backtest(seriesOf(table, features, 'Close'), { ...spec, folds: 3 }), backtest(seriesOf(scaled, features, 'Close'), { ...spec, folds: 3 })]);
    const firstOf = (r: typeof a) => r.forecasts.find((f) => f.fold === 1 && f.horizon === 1)!;
    expect(firstOf(b).predicted).toBe(firstOf(a).predicted);
    expect(firstOf(b).date).toBe(table.dates[first]);
  });

  it('refuses blocks the data cannot hold, and a horizon not below the test size, in one line', () => {
    const series = seriesOf(table, features, 'Close');
    expect(() => testBlocks(series, { ...spec, folds: 20, testSize: 30 })).toThrow(/20 folds of 30 days need 607 rows but the data holds 400; use at most 13 folds/);
    expect(() => testBlocks(series, { ...spec, horizon: 30 })).toThrow(/: horizon 30 must be below testSize 30; lower horizon or raise testSize$/);
    // The settings at fault, by their option names, for an app to word in its own terms.
    expect(() => testBlocks(series, { ...spec, horizon: 30 })).toThrow(expect.objectContaining({ setting: 'horizon', settings: ['horizon', 'testSize'] }));
  });
});
