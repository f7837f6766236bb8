import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { Rng } from '@rnnkit/tensor';
import { pythonHas } from '../../../test-utils/python.js';
import { autoregressionForecaster, driftForecaster, leastSquares, naiveForecaster, seasonalNaiveForecaster } from './baselines.js';
import { backtest } from './backtest.js';
import { forecastsAt, predictAt, scoreHorizons, type Forecast } from './forecasts.js';
import type { Series } from './series.js';
import { trainModel } from './train-model.js';
import { fitEncoding, inputSize, originsWithin, targetsAt, windowsAt } from './windows.js';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

/** A price whose log returns are AR(1) with coefficient phi, with weekday dates. */
function arSeries(n: number, phi: number, seed: number): Series {
  const rng = new Rng(seed);
  const rows: number[][] = [];
  const dates: string[] = [];
  let price = 100;
  let r = 0;
  const day = new Date(Date.UTC(2015, 0, 1));
  for (let i = 0; i < n; ) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    r = phi * r + 0.01 * rng.normal();
    price *= Math.exp(r);
    rows.push([price]);
    dates.push(day.toISOString().slice(0, 10));
    i++;
  }
  return { source: 'ar.csv', dates, columns: ['Close'], rows, featureCount: 1, targetCol: 0 };
}

describe.runIf(pythonHas('numpy'))('baselines against closed forms and numpy.linalg.lstsq (float64)', () => {
  const series = arSeries(400, 0.6, 3);
  const train = { start: 20, end: 300 };
  const spec = { seqLength: 4, horizon: 7, scaler: 'minmax' as const, targetTransform: 'none' as const };
  const origins = Array.from({ length: 60 }, (_, i) => 299 + i);
  const want = JSON.parse(execFileSync('/usr/bin/python3', [new URL('../scripts/baselines_reference.py', import.meta.url).pathname], {
    input: JSON.stringify({ y: series.rows.map((r) => r[0]), start: train.start, end: train.end, origins, horizon: spec.horizon, order: 3, period: 5 }),
  }).toString()) as { seasonal: number[][]; drift: number[][]; ar: number[][]; beta: number[] };
  const close = (got: number[][], ref: number[][], tol: number) => got.forEach((row, b) => row.forEach((v, h) => expect(rel(v, ref[b]![h]!)).toBeLessThan(tol)));

  it('seasonal naive (period 5) and drift agree to 1e-14 relative at every horizon 1..7', async () => {
    close((await seasonalNaiveForecaster(5).fit(series, train, spec)).predict(origins), want.seasonal, 1e-14);
    close((await driftForecaster.fit(series, train, spec)).predict(origins), want.drift, 1e-14);
  });

  it('AR(3) on log returns: the iterated forecasts agree to 1e-10 relative, and the fit finds φ₁ ≈ 0.6', async () => {
    const fitted = await autoregressionForecaster(3).fit(series, train, spec);
    close(fitted.predict(origins), want.ar, 1e-10);
    expect(want.beta[1]!).toBeGreaterThan(0.45);
    expect(want.beta[1]!).toBeLessThan(0.75);
  });

  it('the least-squares solver matches lstsq coefficients on an ill-scaled design', () => {
    const X = Array.from({ length: 50 }, (_, i) => [1, i * 1e-3, Math.sin(i) * 1e2]);
    const y = X.map((x, i) => 2 + 3 * x[1]! - 0.01 * x[2]! + Math.cos(i * 7) * 1e-3);
    const beta = leastSquares(X, y);
    const ref = JSON.parse(execFileSync('/usr/bin/python3', ['-c', 'import json,sys,numpy as np; q=json.load(sys.stdin); print(json.dumps(np.linalg.lstsq(np.array(q["X"]),np.array(q["y"]),rcond=None)[0].tolist()))'], { input: JSON.stringify({ X, y }) }).toString()) as number[];
    beta.forEach((b, i) => expect(rel(b, ref[i]!)).toBeLessThan(1e-8));
  });
});

describe('baselines in a backtest', () => {
  it('on AR(1) log returns (φ = 0.6) the AR baseline beats naive and is the best baseline; every report row is recomputed from its forecasts', async () => {
    const series = arSeries(700, 0.6, 8);
    const result = await backtest(series, {
      seqLength: 4, horizon: 2, scaler: 'minmax', targetTransform: 'none', folds: 3, testSize: 60, window: 'expanding',
      model: { cell: 'rnn', hidden: 4, layers: 1, seed: 0 }, training: { epochs: 0, lr: 0.01, optimizer: 'adam', batchSize: 32 },
    });
    expect(result.baselines.map((b) => b.name)).toEqual(['seasonal naive', 'drift', 'AR(4) log returns']);
    const ar = result.baselines[2]!;
    expect(ar.horizons[0]!.n).toBe(180);
    expect(ar.horizons[0]!.skill).toBeGreaterThan(0.05); // best achievable ≈ 1 − √(1 − 0.36) = 0.2; 180 forecasts scatter it by ±0.05
    expect(ar.horizons[0]!.dm.statistic).toBeLessThan(0);
    expect(ar.horizons[0]!.dm.pValue).toBeLessThan(0.05);
    expect(result.versusBest[0]!.best).toBe('AR(4) log returns');
    // An untrained network cannot beat it, and the sentence says so.
    expect(result.versusBest[0]!.verdict).toMatch(/^the best baseline, AR\(4\) log returns, is better than the model at horizon 1 \(DM \d/);
    expect(result.verdicts).toHaveLength(2);
    expect(result.verdicts[1]).toMatch(/at horizon 2 \(/);
    // The AR skill recomputed by hand from independently refitted folds.
    const naive: Forecast[] = [];
    const again: Forecast[] = [];
    for (const f of result.folds) {
      const start = series.dates.indexOf(f.test.from);
      const origins = Array.from({ length: 60 }, (_, i) => start - 1 + i);
      const spec = { seqLength: 4, horizon: 2, scaler: 'minmax' as const, targetTransform: 'none' as const };
      naive.push(...forecastsAt(series, origins, (await naiveForecaster.fit(series, { start: 0, end: start }, spec)).predict(origins), start + 59));
      again.push(...forecastsAt(series, origins, (await autoregressionForecaster(4).fit(series, { start: 0, end: start }, spec)).predict(origins), start + 59));
    }
    expect(scoreHorizons(naive, 2, 1)[0]!.skill).toBe(0);
    expect(scoreHorizons(again, 2, 1)[0]!.model.rmse).toBe(ar.horizons[0]!.model.rmse);
  });
});

describe('the network as a Forecaster', () => {
  it("is what the backtest trains: each fold's forecasts are those of a model trained by hand on that fold's windows", async () => {
    const series = arSeries(300, 0.6, 2);
    const spec = { seqLength: 4, horizon: 2, scaler: 'minmax' as const, targetTransform: 'diff' as const, inputTransform: 'logret+ma' as const };
    const model = { cell: 'gru' as const, hidden: 4, layers: 1, seed: 3 };
    const training = { epochs: 5, lr: 0.01, optimizer: 'adam' as const, batchSize: 32 as const };
    const result = await backtest(series, { ...spec, folds: 2, testSize: 30, window: 'expanding', model, training });
    for (const [k, start] of [240, 270].entries()) {
      const origins = originsWithin(0, start, spec);
      const encoding = fitEncoding(series, spec, 0, start, origins);
      const trained = await trainModel(model, training, { windows: windowsAt(series, encoding, origins, 4), y: targetsAt(series, encoding, spec, origins), seqLength: 4, features: inputSize(series, spec), outputs: 2 });
      const test = Array.from({ length: 30 }, (_, i) => start - 1 + i);
      const byHand = forecastsAt(series, test, predictAt(trained.model, series, encoding, spec, test), start + 29);
      trained.model.dispose();
      expect(result.forecasts.filter((f) => f.fold === k + 1).map((f) => f.predicted)).toEqual(byHand.map((f) => f.predicted));
      expect(result.folds[k]!.finalLoss).toBe(trained.trainLoss.at(-1));
    }
    // Drift, beside it in the same loop, by hand too.
    const slope = (start: number) => (series.rows[start - 1]![0]! - series.rows[0]![0]!) / (start - 1);
    const drift = [240, 270].flatMap((start) => forecastsAt(series, Array.from({ length: 30 }, (_, i) => start - 1 + i), Array.from({ length: 30 }, (_, i) => [1, 2].map((h) => series.rows[start - 1 + i]![0]! + h * slope(start))), start + 29));
    expect(result.baselines[1]!.horizons.map((h) => h.model)).toEqual(scoreHorizons(drift, 2, result.folds.reduce((s, f) => s + f.maseScale, 0) / 2).map((h) => h.model));
  });
});
