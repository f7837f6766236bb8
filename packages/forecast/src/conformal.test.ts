import { describe, expect, it } from 'vitest';
import { Rng } from '@rnnkit/tensor';
import { backtest } from './backtest.js';
import { conformalHalfWidth, intervalScaleFor, scaledConformalHalfWidth, type IntervalScale } from './conformal.js';
import type { Series } from './series.js';

/** A price with i.i.d. log returns of sd 1.2% whose drift flips between +0.4% and −0.4% a day every `regime` days. */
function trending(n: number, regime: number, seed: number): Series {
  const rng = new Rng(seed);
  const rows: number[][] = [];
  const dates: string[] = [];
  let price = 100;
  const day = new Date(Date.UTC(2010, 0, 1));
  for (let i = 0; i < n; ) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    price *= Math.exp((Math.floor(i / regime) % 2 === 0 ? 0.004 : -0.004) + 0.012 * rng.normal());
    rows.push([price]);
    dates.push(day.toISOString().slice(0, 10));
    i++;
  }
  return { source: 'trend.csv', dates, columns: ['Close'], rows, featureCount: 1, targetCol: 0 };
}

/** Coverage of forecasts whose origin lies > 10% above (rose) or below (fell) the mean of their calibration origins. */
interface Regimes { rose: number[]; fell: number[] }
const share = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;

describe('split-conformal half-widths', () => {
  it('is the ⌈(n+1)·level⌉-th smallest |residual|, Infinity when n is too small', () => {
    expect(conformalHalfWidth([3, -1, 2, -5, 4, 0.5, -2.5, 1.5, -3.5], 0.8)).toBe(4); // ⌈10 × 0.8⌉ = 8th of 0.5 1 1.5 2 2.5 3 3.5 4 5
    expect(conformalHalfWidth([1, 2], 0.9)).toBe(Infinity);
    expect(scaledConformalHalfWidth([1, -2, 3, -4], [10, 10, 20, 40], 0.5, 'relative')).toBe(0.15); // ratios 0.1 0.2 0.15 0.1: the ⌈5 × 0.5⌉ = 3rd smallest
    expect(intervalScaleFor([5, 1, 0.1])).toBe('relative');
    expect(intervalScaleFor([5, 0, 3])).toBe('absolute');
  });

  it('relative half-widths cover ~90% whether the price rose or fell since calibration; price-unit ones do not (naive model, 40 blocks)', () => {
    const series = trending(6000, 150, 4);
    const y = series.rows.map((r) => r[0]!);
    const out: Record<IntervalScale, Regimes> = { relative: { rose: [], fell: [] }, absolute: { rose: [], fell: [] } };
    for (let start = 300; start + 60 <= y.length; start += 140) {
      const calibration = Array.from({ length: 200 }, (_, i) => start - 201 + i); // origins whose target lies before the block
      const level = share(calibration.map((o) => y[o]!));
      for (const scale of ['relative', 'absolute'] as const) {
        const q = scaledConformalHalfWidth(calibration.map((o) => y[o + 1]! - y[o]!), calibration.map((o) => y[o]!), 0.9, scale);
        for (let o = start - 1; o < start + 59; o++) {
          const w = scale === 'relative' ? q * y[o]! : q;
          const ratio = y[o]! / level;
          if (ratio > 1.1 || ratio < 0.9) (ratio > 1.1 ? out[scale].rose : out[scale].fell).push(Math.abs(y[o + 1]! - y[o]!) <= w ? 1 : 0);
        }
      }
    }
    expect(out.relative.rose.length).toBeGreaterThan(300);
    expect(out.relative.fell.length).toBeGreaterThan(300);
    for (const regime of [out.relative.rose, out.relative.fell]) {
      expect(share(regime)).toBeGreaterThan(0.86);
      expect(share(regime)).toBeLessThan(0.94);
    }
    // In price units the width of the cheaper calibration days is too narrow after a rise, too wide after a fall.
    expect(share(out.absolute.rose)).toBeLessThan(share(out.relative.rose) - 0.04);
    expect(share(out.absolute.fell)).toBeGreaterThan(share(out.relative.fell) + 0.03);
  });

  it('in a backtest: intervals are relative and cover near 90% in folds after a rise and after a fall', async () => {
    const series = trending(1500, 120, 9);
    const result = await backtest(series, {
      seqLength: 4, horizon: 1, scaler: 'minmax', targetTransform: 'diff', folds: 10, testSize: 60, window: 'expanding', interval: 0.9,
      model: { cell: 'rnn', hidden: 4, layers: 1, seed: 0 }, training: { epochs: 3, lr: 0.01, optimizer: 'adam', batchSize: 64 },
    });
    expect(result.intervalScale).toBe('relative');
    const regimes: Regimes = { rose: [], fell: [] };
    for (const f of result.forecasts) {
      const o = series.dates.indexOf(f.origin);
      const before = share(series.rows.slice(o - 120, o - 60).map((r) => r[0]!)); // about where the fold's calibration windows lie
      const ratio = f.naive / before;
      // The relative width is a ratio of the origin's value: (upper − predicted) / naive is the same within a fold.
      if (ratio > 1.1 || ratio < 0.9) (ratio > 1.1 ? regimes.rose : regimes.fell).push(f.lower! <= f.actual && f.actual <= f.upper! ? 1 : 0);
    }
    const widths = new Set(result.forecasts.filter((f) => f.fold === 1).map((f) => ((f.upper! - f.predicted) / f.naive).toPrecision(10)));
    expect(widths.size).toBe(1);
    expect(regimes.rose.length).toBeGreaterThan(100);
    expect(regimes.fell.length).toBeGreaterThan(100);
    for (const regime of [regimes.rose, regimes.fell]) {
      expect(share(regime)).toBeGreaterThan(0.82);
      expect(share(regime)).toBeLessThan(0.97);
    }
  }, 60_000);
});
