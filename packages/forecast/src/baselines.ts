import type { Forecaster } from './forecaster.js';
import type { Series } from './series.js';
import { exp, log } from './portable-math.js';

const target = (series: Series, row: number) => series.rows[row]![series.targetCol]!;
const perHorizon = (origins: number[], horizon: number, f: (o: number, h: number) => number) => origins.map((o) => Array.from({ length: horizon }, (_, k) => f(o, k + 1)));

/** The naive forecast: every horizon is the origin's value. */
export const naiveForecaster: Forecaster = {
  name: 'naive',
  description: 'next close = last close',
  fit: (series, _train, spec) => ({ predict: (origins) => perHorizon(origins, spec.horizon, (o) => target(series, o)) }),
};

/** Seasonal naive: the value one season earlier, y[o + h − period·⌈h / period⌉] (period 5: a trading week before the forecast day). */
export function seasonalNaiveForecaster(period = 5): Forecaster {
  return {
    name: 'seasonal naive',
    description: `the close ${period} trading days before the forecast day`,
    fit: (series, _train, spec) => ({ predict: (origins) => perHorizon(origins, spec.horizon, (o, h) => target(series, o + h - period * Math.ceil(h / period))) }),
  };
}

/**
 * Drift (a random walk with drift): y[o] + h · slope, the slope being the mean daily change over
 * the fold's training rows, (y[end − 1] − y[start]) / (end − 1 − start).
 */
export const driftForecaster: Forecaster = {
  name: 'drift',
  description: "last close + h × the training rows' mean daily change",
  fit: (series, train, spec) => {
    const slope = (target(series, train.end - 1) - target(series, train.start)) / (train.end - 1 - train.start);
    return { predict: (origins) => perHorizon(origins, spec.horizon, (o, h) => target(series, o) + h * slope) };
  },
};

/** Solves the least-squares problem min ‖Xβ − y‖ through the normal equations (Gaussian elimination, partial pivoting). */
export function leastSquares(X: number[][], y: number[]): number[] {
  const k = X[0]!.length;
  const A = Array.from({ length: k }, (_, i) => Array.from({ length: k + 1 }, (_, j) => {
    let s = 0;
    for (let r = 0; r < X.length; r++) s += X[r]![i]! * (j < k ? X[r]![j]! : y[r]!);
    return s;
  }));
  for (let c = 0; c < k; c++) {
    let pivot = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[pivot]![c]!)) pivot = r;
    [A[c], A[pivot]] = [A[pivot]!, A[c]!];
    if (A[c]![c] === 0) throw new RangeError('least squares: the regressors are collinear');
    for (let r = c + 1; r < k; r++) {
      const f = A[r]![c]! / A[c]![c]!;
      for (let j = c; j <= k; j++) A[r]![j]! -= f * A[c]![j]!;
    }
  }
  const beta = new Array<number>(k).fill(0);
  for (let i = k - 1; i >= 0; i--) {
    let s = A[i]![k]!;
    for (let j = i + 1; j < k; j++) s -= A[i]![j]! * beta[j]!;
    beta[i] = s / A[i]![i]!;
  }
  return beta;
}

/**
 * A linear autoregression of order p on log returns r_t = log(y_t / y_{t−1}), fitted by least squares
 * on the fold's training rows: r_t = c + φ_1 r_{t−1} + … + φ_p r_{t−p}, for every t with all its lags
 * inside the training rows. Forecasts iterate it, r̂ feeding the later lags, and return to prices:
 * ŷ_{o+h} = y_o · exp(r̂_{o+1} + … + r̂_{o+h}) (the conditional median). Needs positive prices; throws a RangeError when the training rows have one ≤ 0.
 */
export function autoregressionForecaster(order: number): Forecaster {
  const p = order;
  if (!Number.isInteger(p) || p < 1) throw new RangeError(`AR order must be a whole number ≥ 1, got ${p}`);
  return {
    name: `AR(${p}) log returns`,
    description: `linear autoregression of order ${p} on log returns, least squares on the training rows`,
    fit: (series, train, spec) => {
      for (let t = train.start; t < train.end; t++) if (!(target(series, t) > 0)) throw new RangeError(`row ${t + 1} (${series.dates[t]}) has ${series.columns[series.targetCol]} ${target(series, t)}: log returns need prices above 0`);
      const r = (t: number) => log(target(series, t) / target(series, t - 1));
      const X: number[][] = [];
      const y: number[] = [];
      for (let t = train.start + 1 + p; t < train.end; t++) {
        X.push([1, ...Array.from({ length: p }, (_, i) => r(t - 1 - i))]);
        y.push(r(t));
      }
      if (y.length <= p + 1) throw new RangeError(`AR(${p}) needs more than ${p + 2} training returns, the fold has ${y.length}`);
      const beta = leastSquares(X, y);
      return {
        predict: (origins) => origins.map((o) => {
          const lags = Array.from({ length: p }, (_, i) => r(o - i)); // lags[0] = r_o
          let cumulative = 0;
          return Array.from({ length: spec.horizon }, () => {
            let next = beta[0]!;
            for (let i = 0; i < p; i++) next += beta[i + 1]! * lags[i]!;
            lags.unshift(next);
            lags.pop();
            cumulative += next;
            return target(series, o) * exp(cumulative);
          });
        }),
      };
    },
  };
}

/**
 * The baselines every report shows beside naive: seasonal naive (5 trading days), drift, and AR(p)
 * on log returns with p = `order`, the input window length (the days the network sees).
 */
export function defaultBaselines(order: number): Forecaster[] {
  return [seasonalNaiveForecaster(5), driftForecaster, autoregressionForecaster(order)];
}
