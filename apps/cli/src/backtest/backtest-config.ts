import { parseDateRange, type DateRange, type ScalerKind } from '@rnnkit/datasets';
import { TARGET_TRANSFORMS, type TargetTransform } from '@rnnkit/forecast';
import type { CellType } from '@rnnkit/layers';
import type { BackendName } from '@rnnkit/tensor';
import { nameList, nonNegativeInt, oneOf, positiveInt, positiveNumber, ratio } from '../flags.js';
import { parseFlags } from '../parse-flags.js';
import { UsageError } from '../usage-error.js';

/** Every setting of a backtest, resolved; written to backtest.json as `config`. */
export interface BacktestConfig {
  data: string | null; // null: the bundled Samsung 005930 CSV
  missing: 'error' | 'skip'; // rows with some values missing (null or empty)
  features: string[];
  target: string;
  seqLen: number;
  range: DateRange | null;
  scaler: ScalerKind;
  targetTransform: TargetTransform;
  horizon: number;
  folds: number;
  testSize: number;
  window: 'expanding' | 'sliding';
  trainSize: number | null;
  interval: number | null;
  cell: CellType;
  hidden: number;
  layers: number;
  epochs: number;
  lr: number;
  optimizer: 'sgd' | 'adam';
  batchSize: number | 'full';
  seed: number;
  backend: BackendName;
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
  --scaler <kind>            minmax | standard | none, fitted on each fold's training rows (default minmax)
  --target-transform <t>     none | diff | logret: learn the Close, its change or its log return (default none)
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
  --hidden <n>               hidden units (default 10)
  --layers <n>               stacked recurrent layers (default 1)
  --epochs <n>               epochs, 0 evaluates the initial weights (default 100)
  --lr <x>                   learning rate (default 0.005)
  --optimizer <name>         sgd | adam (default sgd)
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
Example: rnnkit backtest --target-transform diff --horizon 3 --interval 0.8 --optimizer adam --lr 0.01`;

const options = {
  data: { type: 'string' },
  missing: { type: 'string' },
  features: { type: 'string' },
  target: { type: 'string' },
  'seq-len': { type: 'string' },
  range: { type: 'string' },
  scaler: { type: 'string' },
  'target-transform': { type: 'string' },
  horizon: { type: 'string' },
  folds: { type: 'string' },
  'test-size': { type: 'string' },
  window: { type: 'string' },
  'train-size': { type: 'string' },
  interval: { type: 'string' },
  cell: { type: 'string' },
  hidden: { type: 'string' },
  layers: { type: 'string' },
  epochs: { type: 'string' },
  lr: { type: 'string' },
  optimizer: { type: 'string' },
  'batch-size': { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
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
  const horizon = positiveInt('--horizon', values.horizon ?? '1');
  const testSize = positiveInt('--test-size', values['test-size'] ?? '60');
  if (horizon >= testSize) throw new UsageError(`--horizon ${horizon} must be below --test-size ${testSize}`);
  const batch = values['batch-size'] ?? 'full';
  return {
    data: values.data ?? null,
    missing: oneOf('--missing', values.missing ?? 'error', ['error', 'skip'] as const),
    features: nameList('--features', values.features ?? 'Open,High,Low,Close'),
    target: nameList('--target', values.target ?? 'Close')[0]!,
    seqLen: positiveInt('--seq-len', values['seq-len'] ?? '4'),
    range,
    scaler: oneOf('--scaler', values.scaler ?? 'minmax', ['minmax', 'standard', 'none'] as const),
    targetTransform: oneOf('--target-transform', values['target-transform'] ?? 'none', TARGET_TRANSFORMS),
    horizon,
    folds: positiveInt('--folds', values.folds ?? '5'),
    testSize,
    window,
    trainSize,
    interval: values.interval === undefined ? null : ratio('--interval', values.interval),
    cell: oneOf('--cell', values.cell ?? 'rnn', ['rnn', 'lstm', 'gru'] as const),
    hidden: positiveInt('--hidden', values.hidden ?? '10'),
    layers: positiveInt('--layers', values.layers ?? '1'),
    epochs: nonNegativeInt('--epochs', values.epochs ?? '100'),
    lr: positiveNumber('--lr', values.lr ?? '0.005'),
    optimizer: oneOf('--optimizer', values.optimizer ?? 'sgd', ['sgd', 'adam'] as const),
    batchSize: batch === 'full' ? 'full' : positiveInt('--batch-size', batch),
    seed: nonNegativeInt('--seed', values.seed ?? '0'),
    backend: oneOf('--backend', values.backend ?? 'wasm', ['wasm', 'cpu'] as const),
    out: values.out ?? null,
    overwrite: values.overwrite ?? false,
    json: values.json ?? false,
    quiet: values.quiet ?? false,
  };
}
