import type { SequenceRegressor } from '@rnnkit/layers';
import { dieboldMariano, type DieboldMariano } from './diebold-mariano.js';
import { errorMeasures, skillScore, type ErrorMeasures } from './error-measures.js';
import type { Series } from './series.js';
import { decodeOutputs, windowsAt, type Encoding, type WindowSpec } from './windows.js';

/** One forecast: made at `origin` for `horizon` trading days later, beside the naive forecast. */
export interface Forecast {
  /** Date of the window's last day. */
  origin: string;
  /** Date forecast: `horizon` trading days after the origin. */
  date: string;
  /** 1-based. */
  horizon: number;
  /** The target's value on `date`. */
  actual: number;
  /** The model's forecast, in the target's units. */
  predicted: number;
  /** The naive forecast: the target's value at the origin. */
  naive: number;
  /** Conformal interval, where one was asked for. */
  lower?: number;
  /** Upper end of the conformal interval. */
  upper?: number;
}

/** Model and naive scores of the forecasts of one horizon. */
export interface HorizonScore {
  /** 1-based. */
  horizon: number;
  /** Forecasts scored. */
  n: number;
  /** The model's errors. */
  model: ErrorMeasures;
  /** The naive forecast's errors. */
  naive: ErrorMeasures;
  /** 1 − RMSE_model / RMSE_naive. */
  skill: number;
  /** Diebold–Mariano test of model against naive, forecasts ordered by date. */
  dm: DieboldMariano;
  /** Share of actual values inside the interval, where intervals were made. */
  coverage?: number;
}

/** Runs `model` on windows ending at `origins` and decodes its outputs to price forecasts `[n][horizon]`. */
export function predictAt(model: SequenceRegressor, series: Series, encoding: Encoding, spec: WindowSpec, origins: number[]): number[][] {
  if (origins.length === 0) return [];
  const windows = windowsAt(series, encoding, origins, spec.seqLength);
  return decodeOutputs(series, encoding, spec, origins, model.predict(windows.x, windows.n));
}

/**
 * The forecasts of windows ending at `origins`, each horizon kept where its date is at most row
 * `lastRow` (the end of a test block), with `halfWidth[h − 1]` intervals when given.
 */
export function forecastsAt(series: Series, origins: number[], predicted: number[][], lastRow: number, halfWidth?: number[]): Forecast[] {
  const out: Forecast[] = [];
  origins.forEach((o, b) => {
    predicted[b]!.forEach((p, k) => {
      const row = o + k + 1;
      if (row > lastRow) return;
      const f: Forecast = { origin: series.dates[o]!, date: series.dates[row]!, horizon: k + 1, actual: series.rows[row]![series.targetCol]!, predicted: p, naive: series.rows[o]![series.targetCol]! };
      if (halfWidth) Object.assign(f, { lower: p - halfWidth[k]!, upper: p + halfWidth[k]! });
      out.push(f);
    });
  });
  return out;
}

/** Scores the forecasts of each horizon 1..H (ordered by date for the DM test), MASE with `scale`. */
export function scoreHorizons(forecasts: Forecast[], horizon: number, scale: number): HorizonScore[] {
  return Array.from({ length: horizon }, (_, k) => {
    const h = k + 1;
    const fs = forecasts.filter((f) => f.horizon === h).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const actual = fs.map((f) => f.actual);
    const model = errorMeasures(actual, fs.map((f) => f.predicted), scale);
    const naive = errorMeasures(actual, fs.map((f) => f.naive), scale);
    const score: HorizonScore = {
      horizon: h, n: fs.length, model, naive, skill: skillScore(model, naive),
      dm: dieboldMariano(fs.map((f) => f.actual - f.predicted), fs.map((f) => f.actual - f.naive), h),
    };
    if (fs.length > 0 && fs[0]!.lower !== undefined) score.coverage = fs.filter((f) => f.lower! <= f.actual && f.actual <= f.upper!).length / fs.length;
    return score;
  });
}
