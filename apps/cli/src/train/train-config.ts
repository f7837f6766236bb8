import { parseDateRange, TUTORIAL_SPLIT, type DateRange } from '@rnnkit/datasets';
import type { TrainingData } from '@rnnkit/onnx';
import { nonNegativeInt, ratio } from '../flags.js';
import { flagHelp, HELP_FLAG, parseTable, type FlagTable, type FlagValues } from '../flag-table.js';
import { parseRunSettings, RUN_FLAGS, type RunSettings } from '../run-flags.js';
import { UsageError } from '../usage-error.js';

/** Every setting of a training run, resolved; written to metrics.json as `config`. */
export interface TrainConfig extends RunSettings {
  trainRange: DateRange | null;
  testRange: DateRange | null;
  testRatio: number | null;
  /** Split-conformal intervals at this level around the test forecasts (null: none). */
  interval: number | null;
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

/** A --data file without ranges tests on its last fifth. */
const DATA_TEST_RATIO = '0.2';

/** `rnnkit train`'s flags: parsing, defaults and --help come from this table. */
export const TRAIN_FLAGS = {
  ...RUN_FLAGS,
  target: { ...RUN_FLAGS.target, help: 'column to predict for the next day (default {default})' },
  'target-transform': {
    ...RUN_FLAGS['target-transform'],
    help: "none | diff | logret: learn the next Close, its change or its log return\nfrom the window's last day (default none, the tutorial's; forecast: logret);\nreports are in price units, and with diff or logret an output of 0 is the naive forecast",
  },
  cell: { ...RUN_FLAGS.cell, help: "the recurrent cell (default {default}, the tutorial's)" },
  recipe: { ...RUN_FLAGS.recipe, help: "tutorial (default) | forecast: the defaults of the flags marked tutorial/forecast;\nforecast is rnnkit backtest's default (README \"Forecasts with power\")" },
  'input-transform': { ...RUN_FLAGS['input-transform'], help: `${RUN_FLAGS['input-transform'].help}; rnnkit predict computes it\nfrom the CSV (model.with-scaler.onnx computes it in the graph from raw prices)` },
  'train-range': { value: 'FROM:TO', section: 'Data', help: `training dates, inclusive (bundled data: default ${TUTORIAL_SPLIT.train.from}:${TUTORIAL_SPLIT.train.to})` },
  'test-range': { value: 'FROM:TO', section: 'Data', help: `test dates, inclusive (bundled data: default ${TUTORIAL_SPLIT.test.from}:${TUTORIAL_SPLIT.test.to})` },
  'test-ratio': { value: '<r>', section: 'Data', help: `instead of ranges: the last r of the whole file is the test set\n(default ${DATA_TEST_RATIO} for a --data file without ranges)` },
  interval: { value: '<level>', section: 'Data', help: "split-conformal prediction intervals, e.g. 0.9, as rnnkit backtest's: the last\n20% of the training windows are held out of the fit to calibrate them\n(predictions.csv gains lower,upper; metrics.json the coverage)" },
  init: {
    value: '<weights.json|model.onnx>',
    section: 'Model and training',
    help: [
      'start from these weights (PyTorch state_dict names, [out, in] shapes:',
      'rnn w_x/w_h/w_y.*; lstm/gru rnn.weight_ih_l0 ... and head.*),',
      "or from an ONNX model (rnnkit's, --state ones too, or torch.onnx.export",
      'of nn.RNN/LSTM/GRU, relu or bidirectional too, + nn.Linear on out[-1]):',
      'its cell, hidden size, layers, direction and activation replace --cell,',
      '--hidden and --layers',
    ].join('\n'),
  },
  out: { value: '<dir>', section: 'Output', help: 'run folder (default runs/<timestamp>); an existing non-empty one is refused' },
  overwrite: { section: 'Output', help: 'replace the run files in an existing --out folder' },
  'checkpoint-every': { value: '<n>', default: '10', section: 'Output', help: 'write checkpoint.json every n epochs (default {default}; 0: only on interrupt)' },
  resume: { value: '<dir>', section: 'Output', help: "continue an interrupted run from its checkpoint (its settings are kept)" },
  json: { section: 'Output', help: 'print one JSON summary on stdout and nothing else' },
  quiet: { section: 'Output', help: 'no progress bar or charts, only the result' },
  help: { ...HELP_FLAG.help, section: 'Output' },
} as const satisfies FlagTable;

export const TRAIN_HELP = `Usage: rnnkit train [options]

Trains the tutorial's scratch RNN (h_t = tanh(W_hx x_t + W_hh h_t-1), y = W_yh h_T + b), or an
LSTM or GRU, to predict the next day's close from the previous days, reports it beside the naive
forecast "next close = last close", and writes a run folder. The defaults reproduce the tutorial.

${flagHelp(TRAIN_FLAGS, 25)}

Ctrl-C (SIGINT) or SIGTERM stops at the end of the current epoch, writes checkpoint.json and exits 130.
Exit codes: 0 ok, 2 bad input or usage, 1 internal error, 130 interrupted.
Example: rnnkit train --epochs 200 --optimizer adam --lr 0.01 --out runs/adam`;

/** Parses `rnnkit train` arguments; null means help was asked for. */
export function parseTrainArgs(args: string[]): TrainConfig | null {
  const { values, given } = parseTable(args, TRAIN_FLAGS);
  return values.help ? null : trainConfig(values, given);
}

/** The train settings from parsed flag values (`given`: the flags on the command line). */
export function trainConfig(values: FlagValues<typeof TRAIN_FLAGS>, given: ReadonlySet<string>): TrainConfig {
  if (values.resume !== undefined) {
    const extra = [...given].filter((k) => !['resume', 'json', 'quiet', 'backend'].includes(k));
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
  if (values.data !== undefined && ranges === 0 && testRatio === null) testRatio = Number(DATA_TEST_RATIO);
  return {
    ...parseRunSettings(values),
    trainRange: testRatio === null ? (range('--train-range', values['train-range']) ?? TUTORIAL_SPLIT.train) : null,
    testRange: testRatio === null ? (range('--test-range', values['test-range']) ?? TUTORIAL_SPLIT.test) : null,
    testRatio,
    interval: values.interval === undefined ? null : ratio('--interval', values.interval),
    init: values.init ?? null,
    out: values.out ?? null,
    overwrite: values.overwrite,
    checkpointEvery: nonNegativeInt('--checkpoint-every', values['checkpoint-every']),
    resume: values.resume ?? null,
    json: values.json,
    quiet: values.quiet,
  };
}
