import type { Series } from './series.js';
import type { RowSpan } from './split.js';
import type { TrainedModel, TrainHooks } from './train-model.js';
import type { WindowSpec } from './windows.js';

/** A forecaster fitted on one fold's training rows. */
export interface FittedForecaster {
  /** Forecasts `[origin][h − 1]` for h = 1..horizon, in the target's units, from the rows up to each origin. */
  predict(origins: number[]): number[][];
  /** Frees what the fit holds (tensors); baselines hold nothing. */
  dispose?(): void;
  /** For a forecaster that trains a model: the model and how its training went. */
  trained?: TrainedModel;
}

/** What the loop tells a forecaster about the fit at hand; the baselines ignore it. */
export interface FitContext {
  /** 1-based fold. */
  fold: number;
  /** Leave the last `holdOut` training windows out of the fit: they calibrate the intervals. */
  holdOut: number;
  /** Progress, stop, checkpoints and initial weights of a model that trains. */
  hooks: TrainHooks;
}

/**
 * Anything that forecasts the target — a baseline or a network — in the `models=[…]` pattern of
 * statsforecast: the backtest fits each on the same training rows of each fold and scores all of
 * them on the same test origins. `fit` must read no row at or after `train.end`.
 */
export interface Forecaster {
  /** Short name for tables and JSON, e.g. "drift". */
  name: string;
  /** What it forecasts, in one line. */
  description: string;
  /** Fits on the rows of `train` (and nothing after them) with the windows of `spec`. */
  fit(series: Series, train: RowSpan, spec: WindowSpec, context?: FitContext): FittedForecaster | Promise<FittedForecaster>;
}
