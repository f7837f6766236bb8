// Messages between the page and the training worker.
import type { DateRange } from '@rnnkit/datasets';
import type { BacktestResult, DieboldMariano, ErrorMeasures } from '@rnnkit/forecast';
import type { CellType } from '@rnnkit/layers';
import type { DataPath } from './run-record.js';
import type { RecipeControls } from './recipe-fields.js';

/** Every setting of a browser training run: the recipe's (scaler, transforms, calendar, size, training, early stopping) and the rest; the defaults are rnnkit train's (the tutorial recipe). */
export interface WebTrainConfig extends RecipeControls {
  cell: CellType;
  layers: number;
  /** The column to forecast (the inputs are Open, High, Low, Close, as the CLI's default --features). */
  target: string;
  /** Forecast 1..horizon days ahead. */
  horizon: number;
  seqLen: number;
  batchSize: number | 'full';
  seed: number;
  /** Split-conformal intervals at this level (rnnkit train --interval), null for none; a backtest's is its own. */
  interval: number | null;
  train: DateRange;
  test: DateRange;
}

/** A rolling-origin backtest: the training form's data and model settings, the backtest's own recipe settings (rnnkit backtest's) in their place, and the folds. */
export interface WebBacktestConfig extends WebTrainConfig {
  folds: number;
  testSize: number;
  /** The backtest's conformal interval level, e.g. 0.9; null for none. */
  interval: number | null;
}

/** backtest.json and forecasts.csv, as rnnkit backtest writes them. */
export interface BacktestFiles {
  'backtest.json': string;
  'forecasts.csv': string;
}

export type ToWorker =
  | { type: 'train'; csv: string; source: string; data: DataPath; config: WebTrainConfig }
  | { type: 'backtest'; csv: string; source: string; data: DataPath; config: WebBacktestConfig }
  | { type: 'stop' };

/** What a finished (or stopped) run sends back. */
export interface TrainOutcome {
  trainLoss: number[];
  stopped: boolean;
  /** The forecast column. */
  target: string;
  /** The test days of the one-day-ahead forecasts, and those forecasts beside the actual value and naive. */
  dates: string[];
  actual: number[];
  predicted: number[];
  naive: number[];
  model: ErrorMeasures;
  baseline: ErrorMeasures;
  /** 1 − RMSE_model / RMSE_naive. */
  skill: number;
  /** The Diebold–Mariano test of the model against naive on the test split (horizon 1). */
  dm: DieboldMariano;
  /** The last day of each test window (the heatmap's columns). */
  hiddenDates: string[];
  /** Last layer's final hidden state per test window, row-major [n, hidden]. */
  hidden: Float32Array;
  hiddenSize: number;
  /** For verification: scaled test windows [seq, n, features], and tfjs's scaled outputs. */
  testX: Float32Array;
  dims: [number, number, number];
  tfjsOutput: Float32Array;
  onnx: Uint8Array;
  weightsJson: string;
  /** predictions.csv and metrics.json, as rnnkit train writes them. */
  files: { 'predictions.csv': string; 'metrics.json': string };
  /** The forecast of the days after the file's last day `from` (whose value is `last`), one per horizon; with the run's interval, its ends. */
  next: { from: string; last: number; predicted: number[]; interval?: { level: number; calibrationWindows: number; lower: number[]; upper: number[] } };
  msPerEpoch: number;
}

export type FromWorker =
  | { type: 'backend'; name: string }
  | { type: 'progress'; epoch: number; epochs: number; loss: number }
  | { type: 'done'; outcome: TrainOutcome }
  | { type: 'backtest-progress'; fold: number; folds: number; epoch: number; epochs: number; loss: number }
  | { type: 'backtest-done'; result: BacktestResult; files: BacktestFiles }
  | { type: 'backtest-stopped'; fold: number }
  | { type: 'error'; message: string };
