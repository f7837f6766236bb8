import type { ScalerKind } from '@rnnkit/datasets';
import { CALENDAR_FEATURES, INPUT_TRANSFORMS, RECIPE_NAMES, RECIPES, TARGET_TRANSFORMS, type CalendarFeature, type InputTransform, type RecipeName, type TargetTransform } from '@rnnkit/forecast';
import type { CellType } from '@rnnkit/layers';
import type { BackendName } from '@rnnkit/tensor';
import type { FlagTable, FlagValues } from './flag-table.js';
import { nameList, nonNegativeInt, oneOf, positiveInt, positiveNumber } from './flags.js';
import { UsageError } from './usage-error.js';

// The flags that `train` and `backtest` (and so `sweep`'s grid keys) share: what data, which model,
// how to train it. Each command adds its own split, output and control flags, and may word a shared
// flag's help for itself ({ ...RUN_FLAGS.seed, help: '…' }) while its default stays here. The flags
// a recipe sets have no default in the table: an unset one takes the --recipe's value (train's default
// recipe is tutorial, backtest's and sweep's forecast; @rnnkit/forecast's RECIPES).

/** The shared flags: each one's default (the tutorial's) and help line. */
export const RUN_FLAGS = {
  data: { value: '<csv>', section: 'Data', help: 'OHLC CSV file (default: bundled Samsung Electronics 005930 prices); rows of\nonly null or empty values (days without trading) are skipped and listed' },
  missing: { value: '<error|skip>', default: 'error', section: 'Data', help: 'a row with some values missing: stop with its line (default) or skip it' },
  features: { value: '<list>', default: 'Open,High,Low,Close', section: 'Data', help: 'input columns (default {default})' },
  target: { value: '<col>', default: 'Close', section: 'Data', help: 'column to forecast (default {default})' },
  'seq-len': { value: '<n>', default: '4', section: 'Data', help: 'days per input window (default {default})' },
  scaler: { value: '<kind>', section: 'Data', help: 'minmax | standard | none, fitted on training rows (tutorial: minmax; forecast: standard)' },
  'target-transform': { value: '<t>', section: 'Data', help: 'none | diff | logret: learn the Close, its change or its log return (tutorial: none;\nforecast: logret)' },
  'input-transform': { value: '<t>', section: 'Data', help: "level | logret | diff | relative | level+logret | logret+ma | logret+ma200: the\nfeature columns as levels, changes against the day before, ln(value / the window's\nlast Close), levels and log returns, or log returns and the log gap to their 50-day\nor 200-day mean (tutorial: level; forecast: logret+ma200)" },
  calendar: { value: '<list>', section: 'Data', help: "dayofweek[,month]: one-hot covariates of the forecast's target day, from the\nCSV's dates (default none)" },
  horizon: { value: '<h>', default: '1', section: 'Data', help: 'forecast 1..h trading days ahead, one output each (default {default})' },
  cell: { value: '<rnn|lstm|gru>', default: 'rnn', section: 'Model and training', help: 'the recurrent cell (default {default})' },
  recipe: { value: '<name>', section: 'Model and training', help: 'tutorial | forecast: the defaults of the flags marked tutorial/forecast (tutorial:\nthe tutorial\'s settings; forecast: chosen on the synthetic suite, README "Forecasts with power")' },
  hidden: { value: '<n>', section: 'Model and training', help: 'hidden units (tutorial: 10; forecast: 8)' },
  layers: { value: '<n>', default: '1', section: 'Model and training', help: 'stacked recurrent layers (default {default})' },
  epochs: { value: '<n>', section: 'Model and training', help: 'epochs, 0 evaluates the initial or --init weights (tutorial: 100; forecast: at\nmost 200)' },
  lr: { value: '<x>', section: 'Model and training', help: 'learning rate (tutorial: 0.005; forecast: 0.003)' },
  optimizer: { value: '<name>', section: 'Model and training', help: 'sgd | adam (tutorial: sgd; forecast: adam)' },
  validation: { value: '<share>', section: 'Model and training', help: 'early stopping: hold out the last share of the training windows (never a test\nblock) and keep the epoch with the lowest MSE on them (tutorial: 0, off;\nforecast: 0.2)' },
  patience: { value: '<n|off>', section: 'Model and training', help: 'with --validation: stop after n epochs without a lower held-out MSE (forecast: 50)' },
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

/** Parses the shared flags' values (defaults filled in by parseTable); each bad value is a one-line UsageError naming its flag. */
export function parseRunSettings(values: FlagValues<typeof RUN_FLAGS>, defaultRecipe: RecipeName = 'tutorial'): RunSettings {
  const batch = values['batch-size'];
  const recipe = oneOf('--recipe', values.recipe ?? defaultRecipe, RECIPE_NAMES);
  const r = RECIPES[recipe];
  const validation = values.validation === undefined ? r.validation : shareOrZero('--validation', values.validation);
  const patienceText = values.patience ?? (r.patience === null ? 'off' : String(r.patience));
  const patience = patienceText === 'off' ? null : positiveInt('--patience', patienceText);
  if (values.patience !== undefined && patience !== null && validation === 0) throw new UsageError('--patience needs held-out windows; add --validation 0.2');
  return {
    data: values.data ?? null,
    missing: oneOf('--missing', values.missing, ['error', 'skip'] as const),
    features: nameList('--features', values.features),
    target: nameList('--target', values.target)[0]!,
    seqLen: positiveInt('--seq-len', values['seq-len']),
    scaler: oneOf('--scaler', values.scaler ?? r.scaler, ['minmax', 'standard', 'none'] as const),
    targetTransform: oneOf('--target-transform', values['target-transform'] ?? r.targetTransform, TARGET_TRANSFORMS),
    recipe,
    inputTransform: oneOf('--input-transform', values['input-transform'] ?? r.inputTransform, INPUT_TRANSFORMS),
    calendar: values.calendar === undefined ? [...r.calendar] : calendarList(values.calendar),
    validation,
    patience: validation === 0 ? null : patience,
    horizon: positiveInt('--horizon', values.horizon),
    cell: oneOf('--cell', values.cell, ['rnn', 'lstm', 'gru'] as const),
    hidden: positiveInt('--hidden', values.hidden ?? String(r.hidden)),
    layers: positiveInt('--layers', values.layers),
    epochs: nonNegativeInt('--epochs', values.epochs ?? String(r.epochs)),
    lr: positiveNumber('--lr', values.lr ?? String(r.lr)),
    optimizer: oneOf('--optimizer', values.optimizer ?? r.optimizer, ['sgd', 'adam'] as const),
    batchSize: batch === 'full' ? 'full' : positiveInt('--batch-size', batch),
    seed: nonNegativeInt('--seed', values.seed),
    backend: oneOf('--backend', values.backend, ['wasm', 'cpu'] as const),
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
