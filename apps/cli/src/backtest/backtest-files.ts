import { backtestRecord, forecastsCsv, jsonFile, type BacktestResult } from '@rnnkit/forecast';
import { renderBacktestSvg } from '../charts/backtest-svg.js';
import type { BacktestConfig } from './backtest-config.js';
import { plural } from '../plural.js';

// forecasts.csv and the backtest.json shape are @rnnkit/forecast's, shared with the web page's downloads.
export { forecastsCsv } from '@rnnkit/forecast';

/** The backtest.json object: the resolved config, per-fold and pooled scores, and the verdict. */
export function backtestJson(config: BacktestConfig, source: string, result: BacktestResult): Record<string, unknown> {
  const { out: _o, overwrite: _w, json: _j, quiet: _q, ...settings } = config;
  return backtestRecord({ ...settings, dataName: source }, result);
}

/** The contents of every file of a backtest folder, by file name. */
export function backtestFiles(config: BacktestConfig, source: string, result: BacktestResult): Record<string, string> {
  const h1 = result.forecasts.filter((f) => f.horizon === 1);
  const pooled = result.horizons[0]!;
  return {
    'backtest.json': jsonFile(backtestJson(config, source, result)),
    'forecasts.csv': forecastsCsv(result, config.interval !== null),
    'chart.svg': renderBacktestSvg({
      title: `rnnkit backtest: ${config.cell.toUpperCase()} on ${source}`,
      subtitle: `${plural(config.folds, 'fold')} × ${config.testSize} days · ${config.targetTransform === 'none' ? '' : `${config.targetTransform} · `}pooled RMSE ${pooled.model.rmse.toFixed(2)} (naive ${pooled.naive.rmse.toFixed(2)}) · ${result.verdict}`,
      dates: h1.map((f) => f.date),
      folds: h1.map((f) => f.fold),
      actual: h1.map((f) => f.actual),
      predicted: h1.map((f) => f.predicted),
      naive: h1.map((f) => f.naive),
      ...(config.interval === null ? {} : { lower: h1.map((f) => f.lower!), upper: h1.map((f) => f.upper!) }),
    }),
  };
}
