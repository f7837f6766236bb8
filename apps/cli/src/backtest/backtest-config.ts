import { parseDateRange, type DateRange } from '@rnnkit/datasets';
import { oneOf, positiveInt, ratio } from '../flags.js';
import { flagHelp, HELP_FLAG, parseTable, type FlagTable } from '../flag-table.js';
import { parseRunSettings, RUN_FLAGS, type RunSettings } from '../run-flags.js';
import { UsageError } from '../usage-error.js';

/** Every setting of a backtest, resolved; written to backtest.json as `config`. */
export interface BacktestConfig extends RunSettings {
  range: DateRange | null;
  folds: number;
  testSize: number;
  window: 'expanding' | 'sliding';
  trainSize: number | null;
  interval: number | null;
  /** A weights.json or model.onnx every fold starts from (null: seeded weights). */
  init: string | null;
  out: string | null;
  overwrite: boolean;
  json: boolean;
  quiet: boolean;
}

/** `rnnkit backtest`'s flags: parsing, defaults and --help come from this table. */
export const BACKTEST_FLAGS = {
  ...RUN_FLAGS,
  epochs: { ...RUN_FLAGS.epochs, help: 'epochs, 0 evaluates the initial weights (tutorial: 100; forecast: at most 600)' },
  seed: { ...RUN_FLAGS.seed, help: 'seed of the initial weights and shuffling, the same in every fold (default {default})' },
  recipe: { ...RUN_FLAGS.recipe, help: "forecast (default) | tutorial: the defaults of the flags marked forecast/tutorial\n(forecast: chosen on the synthetic suite, README \"Forecasts with power\"; tutorial:\nthe tutorial's settings, this command's defaults before the recipe)" },
  scaler: { ...RUN_FLAGS.scaler, help: "minmax | standard | none, fitted on each fold's training rows (tutorial: minmax;\nforecast: standard)" },
  init: {
    value: '<weights.json|model.onnx>',
    section: 'Model and training',
    help: [
      'start every fold from these weights (as rnnkit train --init); with --epochs 0 the',
      'given model is evaluated per fold. An ONNX file brings its cell, hidden size and',
      "layers, and one written by rnnkit its own scaler too (used in every fold); weights.json",
      "and torch.onnx.export files are scaled with each fold's fitted scaler",
    ].join('\n'),
  },
  range: { value: 'FROM:TO', section: 'Data', help: 'use only these dates, inclusive (default: the whole file)' },
  folds: { value: '<k>', default: '5', section: 'Folds', help: 'test blocks (default {default})' },
  'test-size': { value: '<d>', default: '60', section: 'Folds', help: 'trading days per block (default {default})' },
  window: { value: '<kind>', default: 'expanding', section: 'Folds', help: 'expanding (all earlier rows) | sliding (the last --train-size rows) (default {default})' },
  'train-size': { value: '<w>', section: 'Folds', help: 'rows per training part with --window sliding' },
  interval: { value: '<level>', section: 'Folds', help: 'split-conformal prediction intervals, e.g. 0.9: each fold holds out the last 20%\nof its training windows to calibrate them' },
  out: { value: '<dir>', section: 'Output', help: 'output folder (default runs/backtest-<timestamp>)' },
  overwrite: { section: 'Output', help: 'replace an existing non-empty --out folder' },
  json: { section: 'Output', help: 'print the backtest.json object on stdout and nothing else' },
  quiet: { section: 'Output', help: 'no progress bar, only the tables and the verdict' },
  help: { ...HELP_FLAG.help, section: 'Output' },
} as const satisfies FlagTable;

export const BACKTEST_HELP = `Usage: rnnkit backtest [options]

Rolling-origin backtest: the last --folds blocks of --test-size trading days are the test blocks,
oldest first. Each fold trains a fresh model on the rows before its block (the scaler fitted on them
only), forecasts every day of the block from the day before, and is scored beside the naive forecast
"next close = last close". A Diebold–Mariano test on the pooled forecasts says whether the model beats
naive. Writes backtest.json, forecasts.csv and chart.svg.

${flagHelp(BACKTEST_FLAGS, 27, ['Data', 'Folds']).replace('\nModel and training\n', '\nModel and training (each fold)\n')}

Exit codes: 0 ok, 2 bad input or usage, 1 internal error, 130 interrupted.
Example: rnnkit backtest --data prices.csv --calendar dayofweek --horizon 3 --interval 0.8`;

/** The flags given on a `rnnkit backtest` command line (the others hold their defaults). */
export function givenBacktestFlags(args: string[]): Set<string> {
  return parseTable(args, BACKTEST_FLAGS).given;
}

/** Parses `rnnkit backtest` arguments; null means help was asked for. */
export function parseBacktestArgs(args: string[]): BacktestConfig | null {
  const { values } = parseTable(args, BACKTEST_FLAGS);
  if (values.help) return null;
  let range: DateRange | null = null;
  if (values.range !== undefined) {
    try {
      range = parseDateRange(values.range, '--range');
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  const window = oneOf('--window', values.window, ['expanding', 'sliding'] as const);
  const trainSize = values['train-size'] === undefined ? null : positiveInt('--train-size', values['train-size']);
  if (window === 'sliding' && trainSize === null) throw new UsageError('--window sliding needs --train-size, e.g. --train-size 500');
  if (window === 'expanding' && trainSize !== null) throw new UsageError('--train-size applies to --window sliding; add --window sliding or drop --train-size');
  const settings = parseRunSettings(values, 'forecast');
  const testSize = positiveInt('--test-size', values['test-size']);
  if (settings.horizon >= testSize) throw new UsageError(`--horizon ${settings.horizon} must be below --test-size ${testSize}`);
  return {
    ...settings,
    range,
    folds: positiveInt('--folds', values.folds),
    testSize,
    window,
    trainSize,
    interval: values.interval === undefined ? null : ratio('--interval', values.interval),
    init: values.init ?? null,
    out: values.out ?? null,
    overwrite: values.overwrite,
    json: values.json,
    quiet: values.quiet,
  };
}
