import type { ScalerKind } from '@rnnkit/datasets';
import { TARGET_TRANSFORMS, type TargetTransform } from '@rnnkit/forecast';
import type { CellType } from '@rnnkit/layers';
import type { BackendName } from '@rnnkit/tensor';
import type { FlagTable, FlagValues } from './flag-table.js';
import { nameList, nonNegativeInt, oneOf, positiveInt, positiveNumber } from './flags.js';

// The flags that `train` and `backtest` (and so `sweep`'s grid keys) share: what data, which model,
// how to train it. Each command adds its own split, output and control flags, and may word a shared
// flag's help for itself ({ ...RUN_FLAGS.seed, help: '…' }) while its default stays here.

/** The shared flags: each one's default (the tutorial's) and help line. */
export const RUN_FLAGS = {
  data: { value: '<csv>', section: 'Data', help: 'OHLC CSV file (default: bundled Samsung Electronics 005930 prices); rows of\nonly null or empty values (days without trading) are skipped and listed' },
  missing: { value: '<error|skip>', default: 'error', section: 'Data', help: 'a row with some values missing: stop with its line (default) or skip it' },
  features: { value: '<list>', default: 'Open,High,Low,Close', section: 'Data', help: 'input columns (default {default})' },
  target: { value: '<col>', default: 'Close', section: 'Data', help: 'column to forecast (default {default})' },
  'seq-len': { value: '<n>', default: '4', section: 'Data', help: 'days per input window (default {default})' },
  scaler: { value: '<kind>', default: 'minmax', section: 'Data', help: 'minmax | standard | none, fitted on training rows (default {default})' },
  'target-transform': { value: '<t>', default: 'none', section: 'Data', help: 'none | diff | logret: learn the Close, its change or its log return (default {default})' },
  horizon: { value: '<h>', default: '1', section: 'Data', help: 'forecast 1..h trading days ahead, one output each (default {default})' },
  cell: { value: '<rnn|lstm|gru>', default: 'rnn', section: 'Model and training', help: 'the recurrent cell (default {default})' },
  hidden: { value: '<n>', default: '10', section: 'Model and training', help: 'hidden units (default {default})' },
  layers: { value: '<n>', default: '1', section: 'Model and training', help: 'stacked recurrent layers (default {default})' },
  epochs: { value: '<n>', default: '100', section: 'Model and training', help: 'epochs, 0 evaluates the initial or --init weights (default {default})' },
  lr: { value: '<x>', default: '0.005', section: 'Model and training', help: 'learning rate (default {default})' },
  optimizer: { value: '<name>', default: 'sgd', section: 'Model and training', help: 'sgd | adam (default {default})' },
  'batch-size': { value: '<full|n>', default: 'full', section: 'Model and training', help: 'full batch or shuffled mini-batches of n (default {default})' },
  seed: { value: '<n>', default: '0', section: 'Model and training', help: 'seed for initial weights and shuffling (default {default})' },
  backend: { value: '<name>', default: 'wasm', section: 'Model and training', help: 'wasm | cpu (default {default})' },
} as const satisfies FlagTable;

/** The shared settings, resolved with their defaults (the tutorial's). */
export interface RunSettings {
  data: string | null; // null: the bundled Samsung 005930 CSV
  missing: 'error' | 'skip'; // rows with some values missing (null or empty)
  features: string[];
  target: string;
  seqLen: number;
  scaler: ScalerKind;
  targetTransform: TargetTransform;
  horizon: number;
  cell: CellType;
  hidden: number;
  layers: number;
  epochs: number;
  lr: number;
  optimizer: 'sgd' | 'adam';
  batchSize: number | 'full';
  seed: number;
  backend: BackendName;
}

/** Parses the shared flags' values (defaults filled in by parseTable); each bad value is a one-line UsageError naming its flag. */
export function parseRunSettings(values: FlagValues<typeof RUN_FLAGS>): RunSettings {
  const batch = values['batch-size'];
  return {
    data: values.data ?? null,
    missing: oneOf('--missing', values.missing, ['error', 'skip'] as const),
    features: nameList('--features', values.features),
    target: nameList('--target', values.target)[0]!,
    seqLen: positiveInt('--seq-len', values['seq-len']),
    scaler: oneOf('--scaler', values.scaler, ['minmax', 'standard', 'none'] as const),
    targetTransform: oneOf('--target-transform', values['target-transform'], TARGET_TRANSFORMS),
    horizon: positiveInt('--horizon', values.horizon),
    cell: oneOf('--cell', values.cell, ['rnn', 'lstm', 'gru'] as const),
    hidden: positiveInt('--hidden', values.hidden),
    layers: positiveInt('--layers', values.layers),
    epochs: nonNegativeInt('--epochs', values.epochs),
    lr: positiveNumber('--lr', values.lr),
    optimizer: oneOf('--optimizer', values.optimizer, ['sgd', 'adam'] as const),
    batchSize: batch === 'full' ? 'full' : positiveInt('--batch-size', batch),
    seed: nonNegativeInt('--seed', values.seed),
    backend: oneOf('--backend', values.backend, ['wasm', 'cpu'] as const),
  };
}
