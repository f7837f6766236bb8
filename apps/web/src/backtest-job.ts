// The worker's backtest: the forecasting core's rolling-origin backtest on the days from the
// training start to the test end; its test blocks are the last folds × test size of those days.
import { parseCsv } from '@rnnkit/datasets';
import { backtest, rowsInRange, seriesColumns, seriesOf, type BacktestHooks, type BacktestResult } from '@rnnkit/forecast';
import { FEATURES } from './columns.js';
import type { WebBacktestConfig } from './protocol.js';
import { inputSpecOf, trainingSpecOf } from './run-spec.js';

export function runBacktest(csv: string, source: string, config: WebBacktestConfig, hooks: BacktestHooks): Promise<BacktestResult> {
  const series = seriesOf(parseCsv(csv, { source, columns: seriesColumns(FEATURES, config.target) }), FEATURES, config.target);
  return backtest(series, {
    // The spec rnnkit backtest builds (apps/cli/src/backtest/command.ts backtestSpec, run-flags.ts inputSpec/trainingSpec).
    seqLength: config.seqLen, horizon: config.horizon, scaler: config.scaler, targetTransform: config.targetTransform, ...inputSpecOf(config),
    folds: config.folds, testSize: config.testSize, window: 'expanding',
    ...(config.interval === null ? {} : { interval: config.interval }),
    rows: rowsInRange(series, { from: config.train.from, to: config.test.to }),
    model: { cell: config.cell, hidden: config.hidden, layers: config.layers, seed: config.seed },
    training: trainingSpecOf(config),
  }, hooks);
}
