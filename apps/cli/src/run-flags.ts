import type { ScalerKind } from '@rnnkit/datasets';
import { CALENDAR_FEATURES, INPUT_TRANSFORMS, RECIPE_NAMES, RECIPES, TARGET_TRANSFORMS, type CalendarFeature, type InputTransform, type RecipeName, type TargetTransform } from '@rnnkit/forecast';
import type { CellType } from '@rnnkit/layers';
import type { BackendName } from '@rnnkit/tensor';
import { nameList, nonNegativeInt, oneOf, positiveInt, positiveNumber } from './flags.js';
import { UsageError } from './usage-error.js';

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
  'input-transform': { type: 'string' },
  calendar: { type: 'string' },
  recipe: { type: 'string' },
  validation: { type: 'string' },
  patience: { type: 'string' },
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
  /** The recipe the unset settings below come from. */
  recipe: RecipeName;
  inputTransform: InputTransform;
  calendar: CalendarFeature[];
  /** Share of the training windows held out for early stopping (0: none). */
  validation: number;
  /** Epochs without a lower held-out MSE before stopping (null: every epoch). */
  patience: number | null;
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

/** Parses the shared flags' values; each bad value is a one-line UsageError naming its flag. Unset ones come from `--recipe` (default `defaultRecipe`). */
export function parseRunSettings(values: { [K in keyof typeof RUN_OPTIONS]?: string }, defaultRecipe: RecipeName = 'tutorial'): RunSettings {
  const batch = values['batch-size'] ?? 'full';
  const recipe = oneOf('--recipe', values.recipe ?? defaultRecipe, RECIPE_NAMES);
  const r = RECIPES[recipe];
  const validation = values.validation === undefined ? r.validation : shareOrZero('--validation', values.validation);
  const patienceText = values.patience ?? (r.patience === null ? 'off' : String(r.patience));
  const patience = patienceText === 'off' ? null : positiveInt('--patience', patienceText);
  if (values.patience !== undefined && patience !== null && validation === 0) throw new UsageError('--patience needs held-out windows; add --validation 0.2');
  return {
    data: values.data ?? null,
    missing: oneOf('--missing', values.missing ?? 'error', ['error', 'skip'] as const),
    features: nameList('--features', values.features ?? 'Open,High,Low,Close'),
    target: nameList('--target', values.target ?? 'Close')[0]!,
    seqLen: positiveInt('--seq-len', values['seq-len'] ?? '4'),
    scaler: oneOf('--scaler', values.scaler ?? r.scaler, ['minmax', 'standard', 'none'] as const),
    targetTransform: oneOf('--target-transform', values['target-transform'] ?? r.targetTransform, TARGET_TRANSFORMS),
    recipe,
    inputTransform: oneOf('--input-transform', values['input-transform'] ?? r.inputTransform, INPUT_TRANSFORMS),
    calendar: values.calendar === undefined ? [...r.calendar] : calendarList(values.calendar),
    validation,
    patience: validation === 0 ? null : patience,
    horizon: positiveInt('--horizon', values.horizon ?? '1'),
    cell: oneOf('--cell', values.cell ?? 'rnn', ['rnn', 'lstm', 'gru'] as const),
    hidden: positiveInt('--hidden', values.hidden ?? String(r.hidden)),
    layers: positiveInt('--layers', values.layers ?? '1'),
    epochs: nonNegativeInt('--epochs', values.epochs ?? String(r.epochs)),
    lr: positiveNumber('--lr', values.lr ?? String(r.lr)),
    optimizer: oneOf('--optimizer', values.optimizer ?? r.optimizer, ['sgd', 'adam'] as const),
    batchSize: batch === 'full' ? 'full' : positiveInt('--batch-size', batch),
    seed: nonNegativeInt('--seed', values.seed ?? '0'),
    backend: oneOf('--backend', values.backend ?? 'wasm', ['wasm', 'cpu'] as const),
  };
}

function shareOrZero(flag: string, text: string): number {
  const n = Number(text);
  if (text.trim() === '' || !(n >= 0 && n < 1)) throw new UsageError(`${flag} must be 0 (off) or a share below 1, e.g. 0.2, got "${text}"`);
  return n;
}

function calendarList(text: string): CalendarFeature[] {
  if (text === 'none') return [];
  const names = text.split(',').map((s) => s.trim());
  for (const n of names) oneOf('--calendar', n, CALENDAR_FEATURES);
  if (new Set(names).size !== names.length) throw new UsageError(`--calendar names a covariate twice, got "${text}"`);
  return names as CalendarFeature[];
}

/** The library's spec fields of the shared settings' input side. */
export function inputSpec(settings: RunSettings): { inputTransform: InputTransform; calendar: CalendarFeature[] } {
  return { inputTransform: settings.inputTransform, calendar: settings.calendar };
}

/** The library's training settings of the shared settings. */
export function trainingSpec(settings: RunSettings): { epochs: number; lr: number; optimizer: 'sgd' | 'adam'; batchSize: number | 'full'; validation?: number; patience?: number } {
  return {
    epochs: settings.epochs, lr: settings.lr, optimizer: settings.optimizer, batchSize: settings.batchSize,
    ...(settings.validation > 0 ? { validation: settings.validation } : {}), ...(settings.patience !== null ? { patience: settings.patience } : {}),
  };
}
