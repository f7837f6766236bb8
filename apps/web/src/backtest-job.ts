// The worker's backtest: the forecasting core's rolling-origin backtest on the days from the
// training start to the test end; its test blocks are the last folds × test size of those days.
import { parseCsv } from '@rnnkit/datasets';
import { backtest, rowsInRange, seriesOf, type BacktestHooks, type BacktestResult } from '@rnnkit/forecast';
import { columnsOf, FEATURES } from './columns.js';
import type { WebBacktestConfig } from './protocol.js';

export function runBacktest(csv: string, source: string, config: WebBacktestConfig, hooks: BacktestHooks): Promise<BacktestResult> {
  const series = seriesOf(parseCsv(csv, { source, columns: columnsOf(config.target) }), FEATURES, config.target);
  return backtest(series, {
    seqLength: config.seqLen, horizon: config.horizon, scaler: 'minmax', targetTransform: config.targetTransform,
    folds: config.folds, testSize: config.testSize, window: 'expanding',
    rows: rowsInRange(series, { from: config.train.from, to: config.test.to }),
    ...(config.interval === null ? {} : { interval: config.interval }),
    model: { cell: config.cell, hidden: config.hidden, layers: config.layers, seed: config.seed },
    training: { epochs: config.epochs, lr: config.lr, optimizer: config.optimizer, batchSize: config.batchSize },
  }, hooks);
}
