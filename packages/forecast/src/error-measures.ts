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

/**
 * RMSE, MAE, MAPE and MASE with scale `scale` of `predicted` against `actual`. Throws on a length
 * mismatch or empty input; NaN predictions (a diverged model) propagate as NaN.
 */
export function errorMeasures(actual: ArrayLike<number>, predicted: ArrayLike<number>, scale: number): ErrorMeasures {
  const n = actual.length;
  if (n !== predicted.length) throw new RangeError(`errorMeasures: ${n} actual values but ${predicted.length} predictions`);
  if (n === 0) throw new RangeError('errorMeasures: no values to compare');
  let squared = 0;
  let absolute = 0;
  let relative = 0;
  for (let i = 0; i < n; i++) {
    const a = actual[i] ?? NaN;
    const error = Math.abs(a - (predicted[i] ?? NaN));
    squared += error * error;
    absolute += error;
    // Guard 0/0 so a zero actual reads as Infinity, not NaN.
    relative += a === 0 ? Infinity : error / Math.abs(a);
  }
  const mae = absolute / n;
  return { rmse: Math.sqrt(squared / n), mae, mape: (100 * relative) / n, mase: mae / scale };
}

/** 1 − RMSE_model / RMSE_naive: above 0 the model is better, 0 level, below 0 worse. */
export function skillScore(model: ErrorMeasures, naive: ErrorMeasures): number {
  return 1 - model.rmse / naive.rmse;
}
