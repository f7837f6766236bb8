import { DataError } from '@rnnkit/datasets';
import type { EpochInfo } from '@rnnkit/layers';
import { scaledConformalHalfWidth, setIntervals, type IntervalScale } from './conformal.js';
import type { FitContext, FittedForecaster, Forecaster } from './forecaster.js';
import { forecastsAt, type Forecast } from './forecasts.js';
import type { Series } from './series.js';
import type { RowSpan } from './split.js';
import type { TrainedModel, TrainHooks } from './train-model.js';
import { originsWithin, type WindowSpec } from './windows.js';

/** One fold of an evaluation: the rows every model is fitted on and the origins it forecasts from. */
export interface ForecastFold {
  /** The training rows. */
  train: RowSpan;
  /** Row indices of the forecast origins (each the last day of an input window). */
  origins: number[];
  /** The last row a forecast may reach (the end of the test part): later horizons are dropped. */
  lastRow: number;
}

/** What one model forecast, fold by fold. */
export interface ModelForecasts {
  /** Its short name, e.g. "drift". */
  name: string;
  /** What it forecasts, in a sentence. */
  description: string;
  /** Per fold, oldest first, its forecasts beside naive (empty where `unavailable`). */
  folds: Forecast[][];
  /** Set when it cannot forecast this data (its fit threw a RangeError, e.g. log returns of prices ≤ 0). */
  unavailable?: string;
}

/** How the first model's fit of one fold went. */
export interface FoldFit {
  /** Training windows it was given (less those held out for the intervals). */
  windows: number;
  /** For a model that trains: its losses, time per epoch and early stopping (the model itself is disposed). */
  training?: Omit<TrainedModel, 'model'>;
  /** With intervals: the conformal half-width per horizon (a ratio of the origin's value when the scale is relative). */
  halfWidths?: number[];
}

/** Every model's forecasts and the first model's fits. */
export interface FoldedForecasts {
  /** In the order of the `models` given. */
  models: ModelForecasts[];
  /** Per fold, the first model's fit. */
  fits: FoldFit[];
  /** The fold during which a stop was asked for (or training was interrupted): the loop ended after it. */
  stopped?: number;
  /** With `keepFirst`: the first model's fit on the last fold, not disposed (the caller disposes it). */
  kept?: FittedForecaster;
}

/** Hooks to follow the folds. */
export interface FoldHooks {
  /** Before fold `fold` (1-based) of `folds` fits. */
  onFold?: (fold: number, folds: number) => void | Promise<void>;
  /** After every epoch of the first model's training in a fold. */
  onEpoch?: (fold: number, info: EpochInfo) => void | Promise<void>;
  /** Polled after every epoch: true ends the loop after the fold at hand. */
  shouldStop?: () => boolean;
}

/** Options of {@link forecastFolds}. */
export interface FoldOptions {
  /** Split-conformal intervals for the first model's forecasts: the last 20% of each fold's training windows, held out of its fit, calibrate them. */
  interval?: {
    /** Coverage level, e.g. 0.9. */
    level: number;
    /** Half-widths in price units or as ratios of the origin's value. */
    scale: IntervalScale;
  };
  /** Progress and stop. */
  hooks?: FoldHooks;
  /** The rest of the first model's training hooks (checkpoints, resume, initial weights), the same in every fold. */
  training?: Omit<TrainHooks, 'onEpoch' | 'shouldStop'>;
  /** Keep the first model's last fit undisposed in `kept` (a training run exports it). */
  keepFirst?: boolean;
}

/**
 * The one evaluation loop of rnnkit (statsforecast's `models=[…]`): in every fold, each model is
 * fitted on the fold's training rows and forecasts from its origins. The first model is the one
 * reported on — its errors end the run, it gets the progress hooks and the intervals; a later
 * model whose fit throws a RangeError cannot forecast this data and is left out of every fold.
 */
export async function forecastFolds(series: Series, spec: WindowSpec, folds: ForecastFold[], models: Forecaster[], options: FoldOptions = {}): Promise<FoldedForecasts> {
  if (models.length === 0) throw new RangeError('forecastFolds needs at least one model');
  const hooks = options.hooks ?? {};
  const out: ModelForecasts[] = models.map((m) => ({ name: m.name, description: m.description, folds: [] }));
  const fits: FoldFit[] = [];
  let kept: FittedForecaster | undefined;
  let stopped: number | undefined;
  try {
    for (const [k, { train, origins, lastRow }] of folds.entries()) {
      const fold = k + 1;
      await hooks.onFold?.(fold, folds.length);
      const all = originsWithin(train.start, train.end, spec);
      if (all.length < 1) throw new DataError(series.source, undefined, `fold ${fold} has no training window`, 'raise trainSize or lower seqLength / horizon', ['trainSize', 'seqLength', 'horizon']);
      const holdOut = options.interval ? Math.max(1, Math.ceil(all.length * 0.2)) : 0;
      if (all.length - holdOut < 1) throw new DataError(series.source, undefined, `fold ${fold} has too few training windows to hold some out for interval`, 'use more training rows or drop interval', ['interval']);
      let stopAsked = false;
      const context: FitContext = {
        fold, holdOut,
        hooks: { ...options.training, onEpoch: (info) => hooks.onEpoch?.(fold, info), shouldStop: () => (stopAsked = hooks.shouldStop?.() ?? false) },
      };
      for (const [i, model] of models.entries()) {
        const result = out[i]!;
        if (result.unavailable !== undefined) continue;
        let fitted: FittedForecaster;
        try {
          fitted = await model.fit(series, train, spec, i === 0 ? context : { fold, holdOut: 0, hooks: {} });
        } catch (err) {
          if (i === 0 || !(err instanceof RangeError)) throw err;
          Object.assign(result, { folds: [], unavailable: err.message });
          continue;
        }
        const keep = i === 0 && options.keepFirst === true && k === folds.length - 1;
        if (keep) kept = fitted;
        try {
          const forecasts = forecastsAt(series, origins, fitted.predict(origins), lastRow);
          if (i === 0) {
            const fit: FoldFit = { windows: all.length - holdOut };
            if (fitted.trained) {
              const { model: _model, ...training } = fitted.trained;
              fit.training = training;
              if (stopAsked || training.interrupted) stopped = fold;
            }
            fits.push(fit);
            if (options.interval) {
              fit.halfWidths = halfWidths(series, spec, fitted, all.slice(all.length - holdOut), options.interval);
              setIntervals(forecasts, fit.halfWidths, options.interval.scale);
            }
          }
          result.folds.push(forecasts);
        } finally {
          if (!keep) fitted.dispose?.();
        }
      }
      if (stopped !== undefined) break;
    }
  } catch (err) {
    kept?.dispose?.();
    throw err;
  }
  return { models: out, fits, ...(stopped === undefined ? {} : { stopped }), ...(kept ? { kept } : {}) };
}

/** Per horizon, the conformal half-width of the fitted model's residuals at the calibration origins (their targets lie in the training rows). */
function halfWidths(series: Series, spec: WindowSpec, fitted: FittedForecaster, calibration: number[], interval: NonNullable<FoldOptions['interval']>): number[] {
  const target = (row: number) => series.rows[row]![series.targetCol]!;
  const predicted = fitted.predict(calibration);
  const originValues = calibration.map(target);
  return Array.from({ length: spec.horizon }, (_, h) => scaledConformalHalfWidth(calibration.map((o, b) => target(o + h + 1) - predicted[b]![h]!), originValues, interval.level, interval.scale));
}
