/** Error measures of a forecast, in the units of the prices (mape in percent). */
export interface ForecastMetrics {
  /** Mean squared error, in price units squared. */
  mse: number;
  /** Root of `mse`, in price units. */
  rmse: number;
  /** Mean absolute error, in price units. */
  mae: number;
  /** 100 * mean(|actual - predicted| / |actual|); Infinity if some actual value is 0. */
  mape: number;
}

/**
 * MSE, RMSE, MAE and MAPE of `predicted` against `actual`. Throws on a length
 * mismatch or empty input; NaN predictions (a diverged model) propagate as NaN.
 */
export function forecastMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>): ForecastMetrics {
  const n = actual.length;
  if (n !== predicted.length) throw new RangeError(`forecastMetrics: ${n} actual values but ${predicted.length} predictions`);
  if (n === 0) throw new RangeError('forecastMetrics: no values to compare');
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
  const mse = squared / n;
  return { mse, rmse: Math.sqrt(mse), mae: absolute / n, mape: (100 * relative) / n };
}
