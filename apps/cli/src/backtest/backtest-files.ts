import { backtestRecord, forecastsCsv, jsonFile, type BacktestResult } from '@rnnkit/forecast';
import { renderBacktestSvg } from '../charts/backtest-svg.js';
import type { BacktestConfig } from './backtest-config.js';
import { plural } from '../plural.js';
import { rmsePair } from '../charts/format-number.js';

// forecasts.csv and the backtest.json shape are @rnnkit/forecast's, shared with the web page's downloads.
export { forecastsCsv } from '@rnnkit/forecast';

/** backtest.json's `init`: the --init file and whose scaler its folds used ('file': its own; 'fold': each fold's fitted one). */
export interface InitRecord {
  file: string;
  scaler: 'file' | 'fold';
}

/** The backtest.json object: the resolved config, per-fold and pooled scores, and the verdict. */
export function backtestJson(config: BacktestConfig, source: string, result: BacktestResult, init?: InitRecord): Record<string, unknown> {
  const { out: _o, overwrite: _w, json: _j, quiet: _q, ...settings } = config;
  const { config: recorded, ...rest } = backtestRecord({ ...settings, dataName: source }, result);
  return { config: recorded, ...(init ? { init } : {}), ...rest };
}

/** The contents of every file of a backtest folder, by file name. */
export function backtestFiles(config: BacktestConfig, source: string, result: BacktestResult, init?: InitRecord): Record<string, string> {
  const h1 = result.forecasts.filter((f) => f.horizon === 1);
  const pooled = result.horizons[0]!;
  return {
    'backtest.json': jsonFile(backtestJson(config, source, result, init)),
    'forecasts.csv': forecastsCsv(result, config.interval !== null),
    'chart.svg': renderBacktestSvg({
      title: `rnnkit backtest: ${config.cell.toUpperCase()} on ${source}`,
      subtitle: `${plural(config.folds, 'fold')} × ${config.testSize} days · ${config.targetTransform === 'none' ? '' : `${config.targetTransform} · `}pooled ${rmsePair(pooled.model.rmse, pooled.naive.rmse)} · ${result.verdict}`,
      dates: h1.map((f) => f.date),
      folds: h1.map((f) => f.fold),
      actual: h1.map((f) => f.actual),
      predicted: h1.map((f) => f.predicted),
      naive: h1.map((f) => f.naive),
      ...(config.interval === null ? {} : { lower: h1.map((f) => f.lower!), upper: h1.map((f) => f.upper!) }),
    }),
  };
}
