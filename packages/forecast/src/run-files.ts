// The text of the files a run writes (forecasts.csv, predictions.csv, backtest.json): one writer for
// the CLI and the web page, so a download from the page has the bytes of `rnnkit backtest`'s file.
import type { BacktestResult, FoldForecast } from './backtest.js';
import type { Forecast } from './forecasts.js';
import type { ForecastRunResult, PreparedRun } from './run-forecast.js';
import type { ErrorMeasures } from './error-measures.js';
import type { TargetTransform } from './target-transform.js';
import { verdictOf } from './verdict.js';

/** Error measures as metrics.json states them: `mse` (= rmse², the first issue's contract) beside rmse, mae, mape, mase. */
export function withMse(m: ErrorMeasures): ErrorMeasures & {
  /** Mean squared error, rmse². */
  mse: number;
} {
  return { mse: m.rmse * m.rmse, ...m };
}

/** forecasts.csv: every forecast with its fold, origin and horizon, beside naive (and the interval). */
export function forecastsCsv(result: Pick<BacktestResult, 'forecasts'>, interval: boolean): string {
  const head = `fold,origin,date,horizon,actual,predicted,naive${interval ? ',lower,upper' : ''}`;
  const rows = result.forecasts.map((f: FoldForecast) => [f.fold, f.origin, f.date, f.horizon, f.actual, f.predicted, f.naive, ...(interval ? [f.lower, f.upper] : [])].join(','));
  return `${[head, ...rows].join('\n')}\n`;
}

/**
 * predictions.csv of a training run: with horizon 1 one row per test day (`date,actual,predicted,naive`),
 * else one per forecast with its origin and horizon; with `interval`, the interval's ends (`lower,upper`)
 * last; the model's forecasts and interval ends rounded to 4 decimals.
 */
export function predictionsCsv(forecasts: readonly Forecast[], horizon: number, interval = false): string {
  const ends = (f: Forecast) => (interval ? `,${round4(f.lower!)},${round4(f.upper!)}` : '');
  const head = interval ? ',lower,upper' : '';
  const rows = horizon === 1
    ? [`date,actual,predicted,naive${head}`, ...forecasts.filter((f) => f.horizon === 1).map((f) => `${f.date},${f.actual},${round4(f.predicted)},${f.naive}${ends(f)}`)]
    : [`origin,date,horizon,actual,predicted,naive${head}`, ...forecasts.map((f) => `${f.origin},${f.date},${f.horizon},${f.actual},${round4(f.predicted)},${f.naive}${ends(f)}`)];
  return `${rows.join('\n')}\n`;
}

/** The backtest.json object: the run's settings as given, per-fold scores (without the training loss), pooled scores and the verdict. */
export function backtestRecord(
  config: Record<string, unknown>,
  result: Pick<BacktestResult, 'folds' | 'horizons' | 'verdict' | 'verdicts' | 'baselines' | 'versusBest' | 'intervalScale'>,
): Record<string, unknown> {
  return {
    config,
    folds: result.folds.map(({ finalLoss: _l, ...fold }) => fold),
    horizons: result.horizons.map((h, k) => ({ ...h, verdict: result.verdicts[k] })),
    verdict: result.verdict,
    baselines: baselinesRecord(result.baselines),
    versusBest: result.versusBest,
    baselineVerdict: result.versusBest[0]!.verdict,
    ...(result.intervalScale ? { intervalScale: result.intervalScale } : {}),
  };
}

/** `baselines` of backtest.json and metrics.json: per baseline and horizon, its errors, its skill and its DM test against naive. */
export function baselinesRecord(baselines: BacktestResult['baselines']): Record<string, unknown>[] {
  return baselines.map((b) => ({
    name: b.name,
    description: b.description,
    ...(b.unavailable === undefined ? {} : { unavailable: b.unavailable }),
    horizons: b.horizons.map((h) => ({ horizon: h.horizon, n: h.n, errors: h.model, skill: h.skill, dm: h.dm })),
  }));
}

/**
 * The metrics.json object of a training run: its settings as given, the loss per epoch, the test
 * scores at horizon 1 and per horizon, the window counts, the rows the CSV reader left out, and the
 * fitted scales a prediction needs beyond scaler.json (diff/logret: `targetScale`; an input transform: `inputScaler`).
 */
export function metricsRecord(
  config: Record<string, unknown>,
  result: Pick<ForecastRunResult, 'trainLoss' | 'horizons' | 'testScaledMse' | 'msPerEpoch' | 'baselines' | 'versusBest' | 'interval'>,
  prepared: Pick<PreparedRun, 'train' | 'test' | 'encoding'>,
  skippedRows: unknown,
  targetTransform: TargetTransform,
): Record<string, unknown> {
  const h1 = result.horizons[0]!;
  return {
    config,
    trainLoss: result.trainLoss,
    test: withMse(h1.model),
    baseline: withMse(h1.naive),
    skill: h1.skill,
    // Each horizon with its Diebold–Mariano test against naive and the verdict in words, as backtest.json has them.
    horizons: result.horizons.map((h) => ({ ...h, model: withMse(h.model), naive: withMse(h.naive), verdict: verdictOf(h.dm, h.horizon) })),
    testScaledMse: result.testScaledMse,
    baselines: baselinesRecord(result.baselines),
    versusBest: result.versusBest,
    msPerEpoch: result.msPerEpoch,
    windows: { train: prepared.train.n, test: prepared.test.n, ...(result.interval ? { calibration: result.interval.calibrationWindows } : {}) },
    skippedRows,
    ...(targetTransform === 'none' ? {} : { targetScale: prepared.encoding.targetScale }),
    ...(prepared.encoding.inputScaler ? { inputScaler: prepared.encoding.inputScaler.toJSON() } : {}),
    ...(result.interval ? { intervalScale: result.interval.scale, halfWidths: result.interval.halfWidths } : {}),
  };
}

/** A JSON file as the CLI writes one: two-space indents and a final newline. */
export const jsonFile = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

const round4 = (v: number) => Math.round(v * 1e4) / 1e4;
