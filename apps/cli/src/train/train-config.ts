import { parseDateRange, TUTORIAL_SPLIT, type DateRange } from '@rnnkit/datasets';
import type { TrainingData } from '@rnnkit/onnx';
import { nonNegativeInt, ratio } from '../flags.js';
import { parseRunSettings, RUN_OPTIONS, type RunSettings } from '../run-flags.js';
import { parseFlags } from '../parse-flags.js';
import { UsageError } from '../usage-error.js';

/** Every setting of a training run, resolved; written to metrics.json as `config`. */
export interface TrainConfig extends RunSettings {
  trainRange: DateRange | null;
  testRange: DateRange | null;
  testRatio: number | null;
  init: string | null;
  /** Set from an ONNX --init file: what its model has beyond --cell, --hidden and --layers. */
  modelOptions?: ModelOptions;
  out: string | null; // null: runs/<timestamp>
  overwrite: boolean;
  checkpointEvery: number; // 0: only when interrupted
  resume: string | null;
  json: boolean;
  quiet: boolean;
  /** Filled in once the data is read: which file, its hash and the training rows' range (metrics.json, ONNX metadata). */
  trainingData?: TrainingData;
}

/** A model's shape beyond --cell, --hidden and --layers (PyTorch's nn.RNN options). */
export interface ModelOptions {
  /** Each layer also runs over the reversed sequence. */
  bidirectional?: boolean;
  /** RNN only: 'tanh' or 'relu'. */
  nonlinearity?: 'tanh' | 'relu';
  /** RNN only: biases on w_x and w_h. */
  bias?: boolean;
}

/** The settings that describe a run, without this invocation's output choices (json, quiet, resume, overwrite) or the data record. */
export function recordedSettings(config: TrainConfig): Omit<TrainConfig, 'json' | 'quiet' | 'resume' | 'overwrite' | 'trainingData'> {
  const { json: _json, quiet: _quiet, resume: _resume, overwrite: _overwrite, trainingData: _data, ...settings } = config;
  return settings;
}

export const TRAIN_HELP = `Usage: rnnkit train [options]

Trains the tutorial's scratch RNN (h_t = tanh(W_hx x_t + W_hh h_t-1), y = W_yh h_T + b), or an
LSTM or GRU, to predict the next day's close from the previous days, reports it beside the naive
forecast "next close = last close", and writes a run folder. The defaults reproduce the tutorial.

Data
  --data <csv>             OHLC CSV file (default: bundled Samsung Electronics 005930 prices); rows of
                           only null or empty values (days without trading) are skipped and listed
  --missing <error|skip>   a row with some values missing: stop with its line (default) or skip it
  --features <list>        input columns (default Open,High,Low,Close)
  --target <col>           column to predict for the next day (default Close)
  --seq-len <n>            days per input window (default 4)
  --train-range FROM:TO    training dates, inclusive (bundled data: default 2020-06-11:2023-03-23)
  --test-range FROM:TO     test dates, inclusive (bundled data: default 2023-04-01:2023-07-01)
  --test-ratio <r>         instead of ranges: the last r of the whole file is the test set
                           (default 0.2 for a --data file without ranges)
  --scaler <kind>          minmax | standard | none, fitted on training rows (default minmax)
  --target-transform <t>   none | diff | logret: learn the next Close, its change or its log return
                           from the window's last day (default none, the tutorial's); reports are in
                           price units, and with diff or logret an output of 0 is the naive forecast
  --horizon <h>            forecast 1..h trading days ahead, one output each (default 1)
  --recipe <name>          tutorial (default) | forecast: the defaults of --scaler, --target-transform,
                           --input-transform, --hidden, --epochs, --lr, --optimizer, --validation and
                           --patience (forecast: standard, logret, logret+ma, 8, at most 200, 0.01, adam,
                           0.2, 20; see rnnkit backtest --help)
  --input-transform <t>    level (default) | logret | diff | relative | level+logret | logret+ma: what the
                           model sees of the feature columns; predict computes it from the CSV (no
                           model.with-scaler.onnx is written for a transform other than level)
  --calendar <list>        dayofweek[,month]: one-hot covariates of the forecast's target day (default none)

Model and training
  --cell <rnn|lstm|gru>    the recurrent cell (default rnn, the tutorial's)
  --hidden <n>             hidden units (default 10)
  --layers <n>             stacked recurrent layers (default 1)
  --epochs <n>             epochs, 0 evaluates the initial or --init weights (default 100)
  --lr <x>                 learning rate (default 0.005)
  --optimizer <name>       sgd | adam (default sgd)
  --batch-size <full|n>    full batch or shuffled mini-batches of n (default full)
  --seed <n>               seed for initial weights and shuffling (default 0)
  --validation <share>     early stopping: hold out the last share of the training windows and keep the
                           epoch with the lowest MSE on them (default 0: off)
  --patience <n|off>       with --validation: stop after n epochs without a lower held-out MSE
  --init <weights.json>    start from these weights (PyTorch state_dict names, [out, in] shapes:
                           rnn w_x/w_h/w_y.*; lstm/gru rnn.weight_ih_l0 ... and head.*)
  --init <model.onnx>      or from an ONNX model (rnnkit's, --state ones too, or torch.onnx.export
                           of nn.RNN/LSTM/GRU, relu or bidirectional too, + nn.Linear on out[-1]):
                           its cell, hidden size, layers, direction and activation replace --cell,
                           --hidden and --layers
  --backend <name>         wasm | cpu (default wasm)

Output
  --out <dir>              run folder (default runs/<timestamp>); an existing non-empty one is refused
  --overwrite              replace the run files in an existing --out folder
  --checkpoint-every <n>   write checkpoint.json every n epochs (default 10; 0: only on interrupt)
  --resume <dir>           continue an interrupted run from its checkpoint (its settings are kept)
  --json                   print one JSON summary on stdout and nothing else
  --quiet                  no progress bar or charts, only the result
  -h, --help               show this help

Ctrl-C (SIGINT) or SIGTERM stops at the end of the current epoch, writes checkpoint.json and exits 130.
Exit codes: 0 ok, 2 bad input or usage, 1 internal error, 130 interrupted.
Example: rnnkit train --epochs 200 --optimizer adam --lr 0.01 --out runs/adam`;

const options = {
  ...RUN_OPTIONS,
  'train-range': { type: 'string' },
  'test-range': { type: 'string' },
  'test-ratio': { type: 'string' },
  init: { type: 'string' },
  out: { type: 'string' },
  overwrite: { type: 'boolean' },
  'checkpoint-every': { type: 'string' },
  resume: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Parses `rnnkit train` arguments; null means help was asked for. */
export function parseTrainArgs(args: string[]): TrainConfig | null {
  const { values } = parseFlags(args, options);
  if (values.help) return null;
  if (values.resume !== undefined) {
    const extra = Object.keys(values).filter((k) => !['resume', 'json', 'quiet', 'backend'].includes(k));
    if (extra.length) throw new UsageError(`--resume continues with the run's own settings; drop --${extra[0]}`);
  }
  const range = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    try {
      return parseDateRange(text, flag);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
  };
  let testRatio = values['test-ratio'] === undefined ? null : ratio('--test-ratio', values['test-ratio']);
  if (testRatio !== null && (values['train-range'] || values['test-range'])) {
    throw new UsageError('--test-ratio splits the whole file; drop --train-range/--test-range or drop --test-ratio');
  }
  // The tutorial's dates belong to the bundled data: another file gets both ranges or a ratio (0.2 by default).
  const ranges = [values['train-range'], values['test-range']].filter((r) => r !== undefined).length;
  if (values.data !== undefined && ranges === 1) throw new UsageError('with --data, give both --train-range and --test-range, or neither to test on the last 20% (--test-ratio 0.2)');
  if (values.data !== undefined && ranges === 0 && testRatio === null) testRatio = 0.2;
  return {
    ...parseRunSettings(values),
    trainRange: testRatio === null ? (range('--train-range', values['train-range']) ?? TUTORIAL_SPLIT.train) : null,
    testRange: testRatio === null ? (range('--test-range', values['test-range']) ?? TUTORIAL_SPLIT.test) : null,
    testRatio,
    init: values.init ?? null,
    out: values.out ?? null,
    overwrite: values.overwrite ?? false,
    checkpointEvery: nonNegativeInt('--checkpoint-every', values['checkpoint-every'] ?? '10'),
    resume: values.resume ?? null,
    json: values.json ?? false,
    quiet: values.quiet ?? false,
  };
}
