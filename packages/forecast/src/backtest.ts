import { DataError } from '@rnnkit/datasets';
import type { EpochInfo } from '@rnnkit/layers';
import { defaultBaselines } from './baselines.js';
import { ForecasterComparison, type BaselineResult, type VersusBest } from './compare-forecasters.js';
import { intervalScaleFor, scaledConformalHalfWidth, setIntervals, type IntervalScale } from './conformal.js';
import type { Forecaster } from './forecaster.js';
import { rangeExcursion } from './guidance.js';
import { lookback } from './input-transform.js';
import { errorMeasures, type ErrorMeasures } from './error-measures.js';
import { forecastsAt, predictAt, scoreHorizons, type Forecast, type HorizonScore } from './forecasts.js';
import { naiveScale, type Series } from './series.js';
import type { RowSpan } from './split.js';
import { trainModel, type InitWeights, type ModelSettings, type TrainingSettings } from './train-model.js';
import { verdictOf } from './verdict.js';
import { checkLogsDefined, fitEncoding, inputSize, originsWithin, targetsAt, windowsAt, type Encoding, type WindowSpec } from './windows.js';

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
  /** The baselines fitted and scored beside the model on every fold (default `defaultBaselines(seqLength)`). */
  baselines?: Forecaster[];
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

/** Hooks to follow a backtest. */
export interface BacktestHooks {
  /** Before fold `fold` (1-based) of `folds` trains. */
  onFold?: (fold: number, folds: number) => void | Promise<void>;
  /** After every epoch of a fold. */
  onEpoch?: (fold: number, info: EpochInfo) => void | Promise<void>;
  /** Polled after every epoch: true stops the backtest (it then throws BacktestStopped). */
  shouldStop?: () => boolean;
}

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
 * Rolling-origin evaluation. Fold k trains a fresh model on the rows before its block (all of them,
 * or the last `trainSize`), with the encoding fitted on those rows only and only windows whose every
 * target lies before the block. Its forecasts start at the day before the block and keep each
 * horizon whose date lies in the block, so D − h + 1 per fold and horizon.
 */
export async function backtest(series: Series, spec: BacktestSpec, hooks: BacktestHooks = {}): Promise<BacktestResult> {
  const started = performance.now();
  const blocks = testBlocks(series, spec);
  const rowsStart = spec.rows?.start ?? 0;
  checkLogsDefined(series, spec, rowsStart - lookback(spec.inputTransform ?? 'level'), spec.rows?.end ?? series.rows.length);
  const folds: FoldResult[] = [];
  const forecasts: FoldForecast[] = [];
  const comparison = new ForecasterComparison(spec.baselines ?? defaultBaselines(spec.seqLength));
  const intervalScale = spec.interval === undefined ? undefined : intervalScaleFor(series.rows.slice(rowsStart, blocks.at(-1)!.end).map((r) => r[series.targetCol]!));
  for (const [k, block] of blocks.entries()) {
    const fold = k + 1;
    await hooks.onFold?.(fold, blocks.length);
    const trainStart = spec.window === 'sliding' ? Math.max(rowsStart, block.start - (spec.trainSize ?? block.start)) : rowsStart;
    const origins = originsWithin(trainStart, block.start, spec);
    if (origins.length < 1) throw new DataError(series.source, undefined, `fold ${fold} has no training window`, 'raise trainSize or lower seqLength / horizon', ['trainSize', 'seqLength', 'horizon']);
    // Conformal calibration: the last 20% of the training windows are held out from training.
    const calibrationCount = spec.interval === undefined ? 0 : Math.max(1, Math.ceil(origins.length * 0.2));
    const fitOrigins = origins.slice(0, origins.length - calibrationCount);
    if (fitOrigins.length < 1) throw new DataError(series.source, undefined, `fold ${fold} has too few training windows to hold some out for interval`, 'use more training rows or drop interval', ['interval']);
    const encoding = spec.encoding ?? fitEncoding(series, spec, trainStart, block.start, fitOrigins);
    const windows = windowsAt(series, encoding, fitOrigins, spec.seqLength);
    let stopped = false;
    const trained = await trainModel(spec.model, spec.training, { windows, y: targetsAt(series, encoding, spec, fitOrigins), seqLength: spec.seqLength, features: inputSize(series, spec), outputs: spec.horizon }, {
      onEpoch: (info) => hooks.onEpoch?.(fold, info),
      shouldStop: () => (stopped = hooks.shouldStop?.() ?? false),
      ...(spec.init ? { init: spec.init } : {}),
    });
    try {
      if (stopped || trained.interrupted) throw new BacktestStopped(fold);
      let halfWidth: number[] | undefined;
      if (spec.interval !== undefined) {
        const calibration = origins.slice(fitOrigins.length);
        const predicted = predictAt(trained.model, series, encoding, spec, calibration);
        const originValues = calibration.map((o) => series.rows[o]![series.targetCol]!);
        halfWidth = Array.from({ length: spec.horizon }, (_, h) => scaledConformalHalfWidth(calibration.map((o, b) => series.rows[o + h + 1]![series.targetCol]! - predicted[b]![h]!), originValues, spec.interval!, intervalScale!));
      }
      const testOrigins = Array.from({ length: block.end - block.start }, (_, i) => block.start - 1 + i);
      const fs = forecastsAt(series, testOrigins, predictAt(trained.model, series, encoding, spec, testOrigins), block.end - 1);
      if (halfWidth) setIntervals(fs, halfWidth, intervalScale!);
      const scale = naiveScale(series, trainStart, block.start);
      const h1 = fs.filter((f) => f.horizon === 1);
      folds.push({
        fold,
        train: { from: series.dates[trainStart]!, to: series.dates[block.start - 1]!, windows: fitOrigins.length },
        test: { from: series.dates[block.start]!, to: series.dates[block.end - 1]!, days: block.end - block.start },
        model: errorMeasures(h1.map((f) => f.actual), h1.map((f) => f.predicted), scale),
        naive: errorMeasures(h1.map((f) => f.actual), h1.map((f) => f.naive), scale),
        maseScale: scale,
        rangeExcursion: rangeExcursion(series, { start: trainStart, end: block.start }, block),
        finalLoss: trained.trainLoss.at(-1) ?? NaN,
        ...(trained.earlyStopping ? { bestEpoch: trained.earlyStopping.bestEpoch } : {}),
      });
      forecasts.push(...fs.map((f) => ({ fold, ...f })));
      await comparison.fold(series, { start: trainStart, end: block.start }, spec, testOrigins, block.end - 1);
    } finally {
      trained.model.dispose();
    }
  }
  const meanScale = folds.reduce((s, f) => s + f.maseScale, 0) / folds.length;
  const horizons = scoreHorizons(forecasts, spec.horizon, meanScale);
  const baselines = comparison.results(spec.horizon, meanScale);
  const verdicts = horizons.map((h) => verdictOf(h.dm, h.horizon));
  return { folds, horizons, verdict: verdicts[0]!, verdicts, baselines, versusBest: comparison.versusBest(forecasts, horizons, baselines), forecasts, ...(intervalScale ? { intervalScale } : {}), ms: performance.now() - started };
}
