import { parseDateRange, type DateRange } from '@rnnkit/datasets';
import { oneOf, positiveInt, ratio } from '../flags.js';
import { parseRunSettings, RUN_OPTIONS, type RunSettings } from '../run-flags.js';
import { parseFlags } from '../parse-flags.js';
import { UsageError } from '../usage-error.js';

/** Every setting of a backtest, resolved; written to backtest.json as `config`. */
export interface BacktestConfig extends RunSettings {
  range: DateRange | null;
  folds: number;
  testSize: number;
  window: 'expanding' | 'sliding';
  trainSize: number | null;
  interval: number | null;
  out: string | null;
  overwrite: boolean;
  json: boolean;
  quiet: boolean;
}

export const BACKTEST_HELP = `Usage: rnnkit backtest [options]

Rolling-origin backtest: the last --folds blocks of --test-size trading days are the test blocks,
oldest first. Each fold trains a fresh model on the rows before its block (the scaler fitted on them
only), forecasts every day of the block from the day before, and is scored beside the naive forecast
"next close = last close". A Diebold–Mariano test on the pooled forecasts says whether the model beats
naive. Writes backtest.json, forecasts.csv and chart.svg.

Data
  --data <csv>               OHLC CSV file (default: bundled Samsung Electronics 005930 prices); rows of
                             only null or empty values (days without trading) are skipped and listed
  --missing <error|skip>     a row with some values missing: stop with its line (default) or skip it
  --features <list>          input columns (default Open,High,Low,Close)
  --target <col>             column to forecast (default Close)
  --seq-len <n>              days per input window (default 4)
  --range FROM:TO            use only these dates, inclusive (default: the whole file)
  --recipe <name>            forecast | tutorial: the defaults of the settings below (default forecast:
                             standard scaler, logret+ma inputs, logret target, 8 hidden, adam lr 0.01, at
                             most 200 epochs with early stopping; tutorial: the old defaults, minmax, level,
                             none, 10 hidden, sgd lr 0.005, 100 epochs, no early stopping)
  --scaler <kind>            minmax | standard | none, fitted on each fold's training rows (forecast: standard)
  --target-transform <t>     none | diff | logret: learn the Close, its change or its log return (forecast: logret)
  --input-transform <t>      level | logret | diff | relative | level+logret | logret+ma: the feature columns
                             as levels, changes against the day before, ln(value / the window's last Close),
                             levels and log returns, or log returns and the log gap to their 50-day mean
                             (forecast: logret+ma; tutorial: level)
  --calendar <list>          dayofweek[,month]: one-hot covariates of the forecast's target day, from the CSV's
                             dates (default none)
  --horizon <h>              forecast 1..h trading days ahead, one output each (default 1)

Folds
  --folds <k>                test blocks (default 5)
  --test-size <d>            trading days per block (default 60)
  --window <kind>            expanding (all earlier rows) | sliding (the last --train-size rows) (default expanding)
  --train-size <w>           rows per training part with --window sliding
  --interval <level>         split-conformal prediction intervals, e.g. 0.9: each fold holds out the last 20%
                             of its training windows to calibrate them

Model and training (each fold)
  --cell <rnn|lstm|gru>      the recurrent cell (default rnn)
  --hidden <n>               hidden units (forecast: 8; tutorial: 10)
  --layers <n>               stacked recurrent layers (default 1)
  --epochs <n>               epochs, 0 evaluates the initial weights (forecast: at most 200; tutorial: 100)
  --lr <x>                   learning rate (forecast: 0.01; tutorial: 0.005)
  --optimizer <name>         sgd | adam (forecast: adam; tutorial: sgd)
  --validation <share>       early stopping: the last share of each fold's training windows (never the test
                             block) is held out, and the epoch with the lowest MSE on it is kept (forecast:
                             0.2; tutorial and 0: off)
  --patience <n|off>         stop after n epochs without a lower held-out MSE (forecast: 20)
  --batch-size <full|n>      full batch or shuffled mini-batches of n (default full)
  --seed <n>                 seed of the initial weights and shuffling, the same in every fold (default 0)
  --backend <name>           wasm | cpu (default wasm)

Output
  --out <dir>                output folder (default runs/backtest-<timestamp>)
  --overwrite                replace an existing non-empty --out folder
  --json                     print the backtest.json object on stdout and nothing else
  --quiet                    no progress bar, only the tables and the verdict
  -h, --help                 show this help

Exit codes: 0 ok, 2 bad input or usage, 1 internal error, 130 interrupted.
Example: rnnkit backtest --data prices.csv --calendar dayofweek --horizon 3 --interval 0.8`;

const options = {
  ...RUN_OPTIONS,
  range: { type: 'string' },
  folds: { type: 'string' },
  'test-size': { type: 'string' },
  window: { type: 'string' },
  'train-size': { type: 'string' },
  interval: { type: 'string' },
  out: { type: 'string' },
  overwrite: { type: 'boolean' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses `rnnkit backtest` arguments; null means help was asked for. */
export function parseBacktestArgs(args: string[]): BacktestConfig | null {
  const { values } = parseFlags(args, options);
  if (values.help) return null;
  let range: DateRange | null = null;
  if (values.range !== undefined) {
    try {
      range = parseDateRange(values.range, '--range');
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  }
  const window = oneOf('--window', values.window ?? 'expanding', ['expanding', 'sliding'] as const);
  const trainSize = values['train-size'] === undefined ? null : positiveInt('--train-size', values['train-size']);
  if (window === 'sliding' && trainSize === null) throw new UsageError('--window sliding needs --train-size, e.g. --train-size 500');
  if (window === 'expanding' && trainSize !== null) throw new UsageError('--train-size applies to --window sliding; add --window sliding or drop --train-size');
  const settings = parseRunSettings(values, 'forecast');
  const testSize = positiveInt('--test-size', values['test-size'] ?? '60');
  if (settings.horizon >= testSize) throw new UsageError(`--horizon ${settings.horizon} must be below --test-size ${testSize}`);
  return {
    ...settings,
    range,
    folds: positiveInt('--folds', values.folds ?? '5'),
    testSize,
    window,
    trainSize,
    interval: values.interval === undefined ? null : ratio('--interval', values.interval),
    out: values.out ?? null,
    overwrite: values.overwrite ?? false,
    json: values.json ?? false,
    quiet: values.quiet ?? false,
  };
}
