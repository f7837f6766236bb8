import { forecastMetrics } from '@rnnkit/datasets';

/** Error measures of a set of forecasts, in the target's units (MAPE in percent). */
export interface ErrorMeasures {
  /** Root mean squared error. */
  rmse: number;
  /** Mean absolute error. */
  mae: number;
  /** 100 · mean |error| / |actual|; Infinity where an actual value is 0. */
  mape: number;
  /** Mean absolute scaled error: MAE / the in-sample one-step naive MAE of the training rows. */
  mase: number;
}

/** RMSE, MAE and MAPE (as @rnnkit/datasets' forecastMetrics) and MASE with scale `scale`. */
export function errorMeasures(actual: ArrayLike<number>, predicted: ArrayLike<number>, scale: number): ErrorMeasures {
  const { rmse, mae, mape } = forecastMetrics(actual, predicted);
  return { rmse, mae, mape, mase: mae / scale };
}

/** 1 − RMSE_model / RMSE_naive: above 0 the model is better, 0 level, below 0 worse. */
export function skillScore(model: ErrorMeasures, naive: ErrorMeasures): number {
  return 1 - model.rmse / naive.rmse;
}
