import { DataError } from '@rnnkit/datasets';
import { compareForecasters, type BaselineResult, type VersusBest } from './compare-forecasters.js';
import { intervalScaleFor, type IntervalScale } from './conformal.js';
import { defaultModels } from './default-models.js';
import { forecastFolds, type FoldHooks } from './forecast-folds.js';
import type { Forecaster } from './forecaster.js';
import { rangeExcursion } from './guidance.js';
import { lookback } from './input-transform.js';
import { errorMeasures, type ErrorMeasures } from './error-measures.js';
import type { Forecast, HorizonScore } from './forecasts.js';
import { naiveScale, type Series } from './series.js';
import type { RowSpan } from './split.js';
import type { InitWeights, ModelSettings, TrainingSettings } from './train-model.js';
import { verdictOf } from './verdict.js';
import { checkLogsDefined, type Encoding, type WindowSpec } from './windows.js';

/** A rolling-origin backtest: K test blocks of D days at the end of the data, a fresh model per block. */
export interface BacktestSpec extends WindowSpec {
  /** Number of test blocks (folds). */
  folds: number;
  /** Trading days per test block. */
  testSize: number;
  /** `expanding`: train on every row before the block; `sliding`: on the last `trainSize` rows. */
  window: 'expanding' | 'sliding';
  /** Rows per training part with the sliding window. */
  trainSize?: number;
  /** Rows the backtest may use (default all): its blocks are the last ones of this span. */
  rows?: RowSpan;
  /** Split-conformal intervals at this level (e.g. 0.9): the last 20% of each fold's training windows calibrate them. */
  interval?: number;
  /** The model to build for every fold (same seed each time). */
  model: ModelSettings;
  /** How to train it. */
  training: TrainingSettings;
  /**
   * The forecasters fitted and scored on every fold: the one reported on first, naive among the rest
   * (default {@link defaultModels}: the network of `model` and `training`, naive and the baselines).
   */
  models?: Forecaster[];
  /** Start every fold from these weights instead of seeded ones: with 0 epochs, a given model is evaluated per fold. */
  init?: InitWeights;
  /** The encoding of every fold (a given model's own scaler and target scale) instead of one fitted on each fold's training rows. */
  encoding?: Encoding;
}

/** A fold's training part. */
export interface FoldTrain {
  /** First training day. */
  from: string;
  /** Last training day (the day before the block). */
  to: string;
  /** Windows trained on (without those held out for calibration). */
  windows: number;
}

/** A fold's test block. */
export interface FoldTest {
  /** First day of the block. */
  from: string;
  /** Last day of the block. */
  to: string;
  /** Trading days in the block. */
  days: number;
}

/** A forecast and the fold that made it. */
export interface FoldForecast extends Forecast {
  /** 1-based fold. */
  fold: number;
}

/** One fold's dates and scores (horizon 1). */
export interface FoldResult {
  /** 1-based, oldest first. */
  fold: number;
  /** The training part: first and last day and the windows trained on. */
  train: FoldTrain;
  /** The test block: first and last day and its trading days. */
  test: FoldTest;
  /** The model's horizon-1 errors in this block. */
  model: ErrorMeasures;
  /** The naive forecast's horizon-1 errors in this block. */
  naive: ErrorMeasures;
  /** This fold's MASE scale: mean |y[t] − y[t−1]| over its training rows. */
  maseScale: number;
  /** The final training loss (NaN with 0 epochs). */
  finalLoss: number;
  /** With early stopping: the epoch whose weights were kept (0: the initial ones). */
  bestEpoch?: number;
  /** How far the block's target leaves its range over the training rows, as a share of that range (0: inside). */
  rangeExcursion: number;
}

/** Everything a backtest found. */
export interface BacktestResult {
  /** Per fold, oldest first. */
  folds: FoldResult[];
  /** Pooled over all folds, per horizon; MASE uses the mean of the folds' scales. */
  horizons: HorizonScore[];
  /** The plain-words verdict at horizon 1. */
  verdict: string;
  /** The plain-words verdict against naive at every horizon 1..H. */
  verdicts: string[];
  /** The baselines' pooled scores per horizon (skill and DM against naive). */
  baselines: BaselineResult[];
  /** Per horizon, the model against the best of naive and the baselines; [0].verdict is said beside `verdict`. */
  versusBest: VersusBest[];
  /** Every forecast, fold by fold. */
  forecasts: FoldForecast[];
  /** With --interval: `relative` (half-widths as ratios of the origin's value) unless a value is ≤ 0. */
  intervalScale?: IntervalScale;
  /** Wall time in milliseconds. */
  ms: number;
}

/** Hooks to follow a backtest: before each fold, after each epoch, and a stop (it then throws BacktestStopped). */
export type BacktestHooks = FoldHooks;

/** Thrown when shouldStop ended a backtest early: nothing half-done is returned. */
export class BacktestStopped extends Error {
  /** @param fold The fold that was running. */
  constructor(readonly fold: number) {
    super(`backtest stopped during fold ${fold}`);
    this.name = 'BacktestStopped';
  }
}

/** The test blocks of a spec, or a one-line DataError when the data cannot hold them. */
export function testBlocks(series: Series, spec: BacktestSpec): RowSpan[] {
  const rows = spec.rows ?? { start: 0, end: series.dates.length };
  const fail = (problem: string, fix: string, settings: string[]) => new DataError(series.source, undefined, problem, fix, settings);
  if (!Number.isInteger(spec.testSize) || spec.testSize < 1) throw fail(`testSize ${spec.testSize} must be a whole number ≥ 1`, 'pass e.g. testSize 60', ['testSize']);
  if (spec.horizon >= spec.testSize) throw fail(`horizon ${spec.horizon} must be below testSize ${spec.testSize}`, 'lower horizon or raise testSize', ['horizon', 'testSize']);
  if (spec.interval !== undefined && !(spec.interval > 0 && spec.interval < 1)) throw fail(`interval ${spec.interval} must lie strictly between 0 and 1`, 'pass e.g. interval 0.9', ['interval']);
  const first = rows.end - spec.folds * spec.testSize;
  const minTrain = spec.seqLength + spec.horizon + 1;
  if (first - rows.start < minTrain) {
    const fit = Math.max(0, Math.floor((rows.end - rows.start - minTrain) / spec.testSize));
    throw fail(`${spec.folds} folds of ${spec.testSize} days need ${spec.folds * spec.testSize + minTrain} rows but the data holds ${rows.end - rows.start}`, `use at most ${fit} folds, a smaller testSize or more data`, ['folds', 'testSize']);
  }
  return Array.from({ length: spec.folds }, (_, k) => ({ start: first + k * spec.testSize, end: first + (k + 1) * spec.testSize }));
}

/**
 * Rolling-origin evaluation. In fold k every model of `spec.models` is fitted on the rows before
 * its block (all of them, or the last `trainSize`) — the network on an encoding fitted on those rows
 * only and on the windows whose every target lies before the block. The forecasts start at the day
 * before the block and keep each horizon whose date lies in the block, so D − h + 1 per fold and horizon.
 */
export async function backtest(series: Series, spec: BacktestSpec, hooks: BacktestHooks = {}): Promise<BacktestResult> {
  const started = performance.now();
  const blocks = testBlocks(series, spec);
  const rowsStart = spec.rows?.start ?? 0;
  checkLogsDefined(series, spec, rowsStart - lookback(spec.inputTransform ?? 'level'), spec.rows?.end ?? series.rows.length);
  const intervalScale = spec.interval === undefined ? undefined : intervalScaleFor(series.rows.slice(rowsStart, blocks.at(-1)!.end).map((r) => r[series.targetCol]!));
  const folds = blocks.map((block) => ({
    train: { start: spec.window === 'sliding' ? Math.max(rowsStart, block.start - (spec.trainSize ?? block.start)) : rowsStart, end: block.start },
    origins: Array.from({ length: block.end - block.start }, (_, i) => block.start - 1 + i),
    lastRow: block.end - 1,
  }));
  const run = await forecastFolds(series, spec, folds, spec.models ?? defaultModels(spec, spec.encoding ? { encoding: spec.encoding } : {}), {
    hooks, ...(spec.init ? { training: { init: spec.init } } : {}), ...(intervalScale ? { interval: { level: spec.interval!, scale: intervalScale } } : {}),
  });
  if (run.stopped !== undefined) throw new BacktestStopped(run.stopped);
  const forecasts: FoldForecast[] = run.models[0]!.folds.flatMap((fs, k) => fs.map((f) => ({ fold: k + 1, ...f })));
  const results = blocks.map((block, k): FoldResult => {
    const { train } = folds[k]!;
    const fit = run.fits[k]!;
    const scale = naiveScale(series, train.start, block.start);
    const h1 = run.models[0]!.folds[k]!.filter((f) => f.horizon === 1);
    return {
      fold: k + 1,
      train: { from: series.dates[train.start]!, to: series.dates[block.start - 1]!, windows: fit.windows },
      test: { from: series.dates[block.start]!, to: series.dates[block.end - 1]!, days: block.end - block.start },
      model: errorMeasures(h1.map((f) => f.actual), h1.map((f) => f.predicted), scale),
      naive: errorMeasures(h1.map((f) => f.actual), h1.map((f) => f.naive), scale),
      maseScale: scale,
      rangeExcursion: rangeExcursion(series, train, block),
      finalLoss: fit.training?.trainLoss.at(-1) ?? NaN,
      ...(fit.training?.earlyStopping ? { bestEpoch: fit.training.earlyStopping.bestEpoch } : {}),
    };
  });
  const meanScale = results.reduce((s, f) => s + f.maseScale, 0) / results.length;
  const { horizons, baselines, versusBest } = compareForecasters(run.models, spec.horizon, meanScale);
  const verdicts = horizons.map((h) => verdictOf(h.dm, h.horizon));
  return { folds: results, horizons, verdict: verdicts[0]!, verdicts, baselines, versusBest, forecasts, ...(intervalScale ? { intervalScale } : {}), ms: performance.now() - started };
}
