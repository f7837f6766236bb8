import { DataError } from '@rnnkit/datasets';
import { defaultModels } from './default-models.js';
import { compareForecasters, type BaselineResult, type VersusBest } from './compare-forecasters.js';
import { intervalScaleFor, type IntervalScale } from './conformal.js';
import { forecastFolds } from './forecast-folds.js';
import type { Forecast, HorizonScore } from './forecasts.js';
import { naiveScale, type Series } from './series.js';
import { resolveSplit, type RowSpan, type SplitSpec } from './split.js';
import type { ModelSettings, TrainedModel, TrainHooks, TrainingSettings } from './train-model.js';
import { checkLogsDefined, fitEncoding, originsWithin, targetsAt, windowsAt, type Encoding, type Windows, type WindowSpec } from './windows.js';

/** A single train/test run: what `rnnkit train`, `compare` and the web page do. */
export interface ForecastRunSpec extends WindowSpec {
  /** Where training ends and testing begins. */
  split: SplitSpec;
  /** The model to build. */
  model: ModelSettings;
  /** How to train it. */
  training: TrainingSettings;
  /**
   * Split-conformal intervals at this level (e.g. 0.9) around the test forecasts: the last 20% of the
   * training windows are held out of the fit and calibrate them, as in each fold of a backtest.
   */
  interval?: number;
}

/** Windows with their learned targets. */
export interface TargetWindows extends Windows {
  /** Learned targets `[n, horizon]`, row-major. */
  y: Float32Array;
}

/** The rows of a run's two parts. */
export interface RunRows {
  /** Training rows. */
  train: RowSpan;
  /** Test rows. */
  test: RowSpan;
}

/** The data of a run, cut and encoded, before any training. */
export interface PreparedRun {
  /** The encoding fitted on the training rows. */
  encoding: Encoding;
  /** Training rows and test rows. */
  rows: RunRows;
  /** Training windows and their learned targets `[n, horizon]`. */
  train: TargetWindows;
  /** Test windows (inside the test rows) and their learned targets where all horizons exist. */
  test: TargetWindows;
  /** In-sample one-step naive MAE of the training rows: the MASE scale. */
  maseScale: number;
}

/** Everything a finished run produced: the trained model and how training went, then its test scores. */
export interface ForecastRunResult extends TrainedModel {
  /** The test forecasts of every horizon, beside naive. */
  forecasts: Forecast[];
  /** Model and naive scores per horizon. */
  horizons: HorizonScore[];
  /** MSE of the model's outputs against the learned test targets (scaled units). */
  testScaledMse: number;
  /** The baselines (seasonal naive, drift, AR on log returns) fitted on the training rows, scored on the same test forecasts. */
  baselines: BaselineResult[];
  /** Per horizon, the model against the best of naive and the baselines. */
  versusBest: VersusBest[];
  /** With `interval`: how the half-widths scale, what they are per horizon, and the windows that calibrated them (held out of the fit). */
  interval?: RunInterval;
}

/** The intervals of a run with `interval`. */
export interface RunInterval {
  /** The coverage level asked for, e.g. 0.9. */
  level: number;
  /** `relative` (half-widths are ratios of the origin's value) unless a value is ≤ 0. */
  scale: IntervalScale;
  /** Per horizon, the conformal half-width (a ratio for `relative`). */
  halfWidths: number[];
  /** The last training windows, held out of the fit, whose residuals calibrated them. */
  calibrationWindows: number;
}

/** Cuts the series per `spec`, fits the encoding on the training rows and makes the windows; one-line errors for parts too short. */
export function prepareRun(series: Series, spec: WindowSpec & { split: SplitSpec }): PreparedRun {
  if (!Number.isInteger(spec.seqLength) || spec.seqLength < 1) throw new DataError(series.source, undefined, `seqLength ${spec.seqLength} is not a whole number >= 1`, 'pass e.g. seqLength 4', ['seqLength']);
  const { train, test, trainName, testName } = resolveSplit(series, spec.split);
  const span = `${series.dates[0] ?? '?'}..${series.dates.at(-1) ?? '?'}`;
  if (test.end <= test.start) throw new DataError(series.source, undefined, `${testName} has no rows (the data covers ${span})`, 'choose test dates inside the data');
  const need = spec.seqLength + spec.horizon;
  for (const [rows, name] of [[train, trainName], [test, testName]] as const) {
    if (rows.end - rows.start < need) {
      throw new DataError(series.source, undefined, `${name} has ${rows.end - rows.start} rows but seqLength ${spec.seqLength} with horizon ${spec.horizon} needs at least ${need}`, 'widen the range or lower seqLength / horizon', ['seqLength', 'horizon']);
    }
  }
  checkLogsDefined(series, spec, 0, Math.max(train.end, test.end));
  const trainOrigins = originsWithin(train.start, train.end, spec);
  const encoding = fitEncoding(series, spec, train.start, train.end, trainOrigins);
  // Test windows lie inside the test rows (the tutorial's); a horizon past the last row is dropped later.
  const testOrigins = originsWithin(test.start, test.end, { seqLength: spec.seqLength, horizon: 1, inputTransform: spec.inputTransform });
  const full = originsWithin(test.start, test.end, spec);
  return {
    encoding, rows: { train, test },
    train: { ...windowsAt(series, encoding, trainOrigins, spec.seqLength), y: targetsAt(series, encoding, spec, trainOrigins) },
    test: { ...windowsAt(series, encoding, testOrigins, spec.seqLength), y: targetsAt(series, encoding, spec, full) },
    maseScale: naiveScale(series, train.start, train.end),
  };
}

/**
 * Trains a model on the prepared training rows and scores it on the test part beside naive and the
 * baselines: the backtest's loop with one fold (the training rows, the test windows' origins).
 */
export async function runForecast(series: Series, spec: ForecastRunSpec, prepared: PreparedRun = prepareRun(series, spec), hooks: TrainHooks = {}): Promise<ForecastRunResult> {
  const { onEpoch, shouldStop, ...training } = hooks;
  const { test, rows } = prepared;
  if (spec.interval !== undefined && !(spec.interval > 0 && spec.interval < 1)) {
    throw new DataError(series.source, undefined, `interval ${spec.interval} must lie strictly between 0 and 1`, 'pass e.g. interval 0.9', ['interval']);
  }
  // Relative half-widths when every target value of the run's rows is above 0, as the backtest's.
  const scale = spec.interval === undefined ? undefined : intervalScaleFor([rows.train, rows.test].flatMap((r) => series.rows.slice(r.start, r.end).map((row) => row[series.targetCol]!)));
  const fold = { train: rows.train, origins: test.origins, lastRow: rows.test.end - 1 };
  const run = await forecastFolds(series, spec, [fold], defaultModels(spec, { encoding: prepared.encoding }), {
    hooks: { ...(onEpoch ? { onEpoch: (_fold, info) => onEpoch(info) } : {}), ...(shouldStop ? { shouldStop } : {}) }, training, keepFirst: true,
    ...(scale ? { interval: { level: spec.interval!, scale } } : {}),
  });
  const trained = run.kept!.trained!;
  try {
    const outputs = trained.model.predict(test.x, test.n);
    // test.y covers the windows whose every horizon exists: a prefix of test.origins.
    let sq = 0;
    for (let i = 0; i < test.y.length; i++) sq += (outputs[i]! - test.y[i]!) ** 2;
    const { horizons, baselines, versusBest } = compareForecasters(run.models, spec.horizon, prepared.maseScale);
    const fit = run.fits[0]!;
    const interval = scale ? { interval: { level: spec.interval!, scale, halfWidths: fit.halfWidths!, calibrationWindows: prepared.train.n - fit.windows } } : {};
    return { ...trained, forecasts: run.models[0]!.folds[0]!, horizons, testScaledMse: sq / test.y.length, baselines, versusBest, ...interval };
  } catch (err) {
    trained.model.dispose();
    throw err;
  }
}
