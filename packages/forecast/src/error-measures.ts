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

/** RMSE, MAE, MAPE and MASE of `predicted` against `actual`, with MASE scale `scale`. */
export function errorMeasures(actual: ArrayLike<number>, predicted: ArrayLike<number>, scale: number): ErrorMeasures {
  const n = actual.length;
  if (n !== predicted.length) throw new RangeError(`errorMeasures: ${n} actual values but ${predicted.length} forecasts`);
  if (n === 0) throw new RangeError('errorMeasures: no forecasts to score');
  let squared = 0;
  let absolute = 0;
  let relative = 0;
  for (let i = 0; i < n; i++) {
    const a = actual[i]!;
    const e = Math.abs(a - predicted[i]!);
    squared += e * e;
    absolute += e;
    relative += a === 0 ? Infinity : e / Math.abs(a);
  }
  const mae = absolute / n;
  return { rmse: Math.sqrt(squared / n), mae, mape: (100 * relative) / n, mase: mae / scale };
}

/** 1 − RMSE_model / RMSE_naive: above 0 the model is better, 0 level, below 0 worse. */
export function skillScore(model: ErrorMeasures, naive: ErrorMeasures): number {
  return 1 - model.rmse / naive.rmse;
}
