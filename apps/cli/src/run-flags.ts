import type { ScalerKind } from '@rnnkit/datasets';
import { TARGET_TRANSFORMS, type TargetTransform } from '@rnnkit/forecast';
import type { CellType } from '@rnnkit/layers';
import type { BackendName } from '@rnnkit/tensor';
import { nameList, nonNegativeInt, oneOf, positiveInt, positiveNumber } from './flags.js';

// The flags that `train` and `backtest` (and so `sweep`'s grid keys) share: what data, which model,
// how to train it. Each command adds its own split, output and control flags.

/** node:util parseArgs options of the shared flags. */
export const RUN_OPTIONS = {
  data: { type: 'string' },
  missing: { type: 'string' },
  features: { type: 'string' },
  target: { type: 'string' },
  'seq-len': { type: 'string' },
  scaler: { type: 'string' },
  'target-transform': { type: 'string' },
  horizon: { type: 'string' },
  cell: { type: 'string' },
  hidden: { type: 'string' },
  layers: { type: 'string' },
  epochs: { type: 'string' },
  lr: { type: 'string' },
  optimizer: { type: 'string' },
  'batch-size': { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
} as const;

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

/** Parses the shared flags' values; each bad value is a one-line UsageError naming its flag. */
export function parseRunSettings(values: { [K in keyof typeof RUN_OPTIONS]?: string }): RunSettings {
  const batch = values['batch-size'] ?? 'full';
  return {
    data: values.data ?? null,
    missing: oneOf('--missing', values.missing ?? 'error', ['error', 'skip'] as const),
    features: nameList('--features', values.features ?? 'Open,High,Low,Close'),
    target: nameList('--target', values.target ?? 'Close')[0]!,
    seqLen: positiveInt('--seq-len', values['seq-len'] ?? '4'),
    scaler: oneOf('--scaler', values.scaler ?? 'minmax', ['minmax', 'standard', 'none'] as const),
    targetTransform: oneOf('--target-transform', values['target-transform'] ?? 'none', TARGET_TRANSFORMS),
    horizon: positiveInt('--horizon', values.horizon ?? '1'),
    cell: oneOf('--cell', values.cell ?? 'rnn', ['rnn', 'lstm', 'gru'] as const),
    hidden: positiveInt('--hidden', values.hidden ?? '10'),
    layers: positiveInt('--layers', values.layers ?? '1'),
    epochs: nonNegativeInt('--epochs', values.epochs ?? '100'),
    lr: positiveNumber('--lr', values.lr ?? '0.005'),
    optimizer: oneOf('--optimizer', values.optimizer ?? 'sgd', ['sgd', 'adam'] as const),
    batchSize: batch === 'full' ? 'full' : positiveInt('--batch-size', batch),
    seed: nonNegativeInt('--seed', values.seed ?? '0'),
    backend: oneOf('--backend', values.backend ?? 'wasm', ['wasm', 'cpu'] as const),
  };
}
