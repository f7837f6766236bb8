import { createHash } from 'node:crypto';
import { DataError, parseCsv } from '@rnnkit/datasets';
import { backtest, rowsInRange, seriesColumns, seriesOf, testBlocks, VERDICT_ALPHA, type BacktestSpec, type ErrorMeasures, type Series } from '@rnnkit/forecast';
import { useBackend } from '@rnnkit/tensor';
import { UsageError } from '../usage-error.js';
import { parseBacktestArgs, type BacktestConfig } from '../backtest/backtest-config.js';
import { backtestSpec } from '../backtest/command.js';
import { inFlagTerms } from '../setting-flags.js';

/** One trial's settings: `rnnkit backtest` long flag names without the dashes → a value. */
export type TrialParams = Record<string, string | number>;

/** A trial as it travels to a trial process or through Redis: its settings and the CSV itself, so no shared disk is needed. */
export interface TrialJob {
  id: string;
  params: TrialParams;
  /** The CSV text and the name it goes by in messages (null for the bundled one, whose text is sent too). */
  csv: { name: string; text: string };
}

/** One line of trials.jsonl: the pooled horizon-1 figures, or the deterministic error that ended the trial. */
export interface TrialLine {
  id: string;
  params: TrialParams;
  model?: ErrorMeasures;
  naive?: ErrorMeasures;
  skill?: number;
  dm?: { statistic: number; pValue: number };
  /** The baselines at horizon 1 on the same folds: RMSE, skill and DM against naive (unavailable: why not). */
  baselines?: TrialBaseline[];
  /** The model against the best of naive and the baselines at horizon 1. */
  versusBest?: { best: string; skill: number; dm: { statistic: number; pValue: number } };
  /** The pooled horizon-1 forecasts, by date: what the sweep's SPA test compares across trials. */
  forecasts?: TrialForecasts;
  /** Set instead of the figures when the data or the training refused the trial (e.g. divergence). */
  error?: string;
  ms: number;
}

/** One baseline of a trial at horizon 1. */
export interface TrialBaseline {
  name: string;
  rmse?: number;
  skill?: number;
  dm?: { statistic: number; pValue: number };
  unavailable?: string;
}

/** A trial's pooled horizon-1 forecasts as columns, in date order (the folds' blocks do not overlap). */
export interface TrialForecasts {
  date: string[];
  actual: number[];
  predicted: number[];
  naive: number[];
}

/** Settings that are the sweep's business, not a trial's. */
const SWEEP_LEVEL = ['out', 'overwrite', 'json', 'quiet', 'help'];

/** The `rnnkit backtest` argv of a trial's settings. */
export function trialArgv(params: TrialParams): string[] {
  return Object.entries(params).flatMap(([k, v]) => [`--${k}`, String(v)]);
}

/** Parses a trial's settings exactly as `rnnkit backtest` parses its flags; `where` prefixes the one-line error. */
export function trialConfig(params: TrialParams, where: string): BacktestConfig {
  const sweepLevel = Object.keys(params).find((k) => SWEEP_LEVEL.includes(k));
  if (sweepLevel) throw new DataError(where, undefined, `"${sweepLevel}" is a setting of the sweep, not of a trial`, 'remove it from the grid');
  // A trial travels with its CSV alone (to any worker): a model file would not be there.
  if ('init' in params) throw new DataError(where, undefined, '"init" is not a grid key: a trial carries only its CSV', 'run rnnkit backtest --init for a given model');
  try {
    return parseBacktestArgs(trialArgv(params))!;
  } catch (err) {
    if (err instanceof UsageError) throw new DataError(where, undefined, err.message, 'fix the grid: its keys and values are those of rnnkit backtest (see rnnkit backtest --help)');
    throw err;
  }
}

/** sha256 of a text, hex. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with object keys sorted, so equal settings give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** A trial's id: the first 12 hex digits of sha256 over its settings and its CSV's content. */
export function trialId(params: TrialParams, csvText: string): string {
  return sha256(canonicalJson({ params, csv: sha256(csvText) })).slice(0, 12);
}

/** The series and the backtest spec of a trial; throws the one-line DataError a backtest would. */
export function prepareTrial(job: TrialJob, config: BacktestConfig): { series: Series; spec: BacktestSpec } {
  const table = parseCsv(job.csv.text, { source: job.csv.name, columns: seriesColumns(config.features, config.target), missing: config.missing, skipHint: 'add "missing": "skip" to the grid to leave such rows out' });
  const series = seriesOf(table, config.features, config.target);
  const rows = config.range ? rowsInRange(series, config.range) : undefined;
  if (rows && rows.end <= rows.start) throw new DataError(job.csv.name, undefined, `--range ${config.range!.from}:${config.range!.to} holds no rows`, 'choose dates inside the data');
  const spec = backtestSpec(config, rows);
  testBlocks(series, spec); // the folds must fit the data: refused here, before anything trains
  return { series, spec };
}

/** Does this line's model beat naive at p < 0.05? */
export const beatsNaive = (line: TrialLine) => line.dm !== undefined && line.dm.pValue < VERDICT_ALPHA && line.dm.statistic < 0;

/**
 * Runs one trial's backtest. Deterministic: the same job gives the same figures in any process or
 * machine of the same build, which is why a trial run twice (a retried job) is harmless.
 * Divergence and data errors are outcomes of the settings, so they become the line's `error`.
 */
export async function runTrial(job: TrialJob): Promise<TrialLine> {
  const started = performance.now();
  const config = trialConfig(job.params, `trial ${job.id}`);
  await useBackend(config.backend); // once per process in effect: a no-op when it is already the backend
  try {
    const { series, spec } = prepareTrial(job, config);
    const result = await backtest(series, spec);
    const h1 = result.horizons[0]!;
    const fs = result.forecasts.filter((f) => f.horizon === 1).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    const forecasts = { date: fs.map((f) => f.date), actual: fs.map((f) => f.actual), predicted: fs.map((f) => f.predicted), naive: fs.map((f) => f.naive) };
    const baselines = result.baselines.map((b): TrialBaseline => (b.unavailable !== undefined
      ? { name: b.name, unavailable: b.unavailable }
      : { name: b.name, rmse: b.horizons[0]!.model.rmse, skill: b.horizons[0]!.skill, dm: { statistic: b.horizons[0]!.dm.statistic, pValue: b.horizons[0]!.dm.pValue } }));
    const vb = result.versusBest[0]!;
    const versusBest = { best: vb.best, skill: vb.skill, dm: { statistic: vb.dm.statistic, pValue: vb.dm.pValue } };
    return { id: job.id, params: job.params, model: h1.model, naive: h1.naive, skill: h1.skill, dm: { statistic: h1.dm.statistic, pValue: h1.dm.pValue }, baselines, versusBest, forecasts, ms: Math.round(performance.now() - started) };
  } catch (err) {
    if (err instanceof DataError || (err instanceof Error && err.name === 'DivergenceError')) {
      return { id: job.id, params: job.params, error: inFlagTerms(err.message, err instanceof DataError ? err.settings : []), ms: Math.round(performance.now() - started) };
    }
    throw err;
  }
}
