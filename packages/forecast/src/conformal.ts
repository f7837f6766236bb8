import type { Forecast } from './forecasts.js';

/**
 * Split-conformal half-width: the ⌈(n+1)·level⌉-th smallest absolute calibration residual.
 * Infinity when that rank exceeds n (too few calibration windows for the level).
 */
export function conformalHalfWidth(residuals: ArrayLike<number>, level: number): number {
  const sorted = Array.from(residuals, Math.abs).sort((a, b) => a - b);
  const rank = Math.ceil((sorted.length + 1) * level);
  return rank <= sorted.length ? sorted[rank - 1]! : Infinity;
}

/**
 * How an interval's half-width scales: `relative` calibrates the residuals as ratios of the origin's
 * value, |y − ŷ| / |y_origin|, and makes the interval ŷ ± q · |y_origin| — so a half-width calibrated
 * on cheaper days widens in proportion when the price has risen (price changes scale with the price),
 * and coverage does not depend on the level; `absolute` (price units) is kept for targets that
 * reach 0 or below, where a ratio means nothing.
 */
export type IntervalScale = 'relative' | 'absolute';

/** `relative` when every origin value is above 0, else `absolute`. */
export function intervalScaleFor(originValues: ArrayLike<number>): IntervalScale {
  for (let i = 0; i < originValues.length; i++) if (!(originValues[i]! > 0)) return 'absolute';
  return 'relative';
}

/** The conformal half-width (a ratio for `relative`) of residuals `actual − predicted` made at origins of value `origin`. */
export function scaledConformalHalfWidth(residuals: ArrayLike<number>, origin: ArrayLike<number>, level: number, scale: IntervalScale): number {
  return conformalHalfWidth(scale === 'relative' ? Array.from(residuals, (r, i) => r / Math.abs(origin[i]!)) : residuals, level);
}

/** Sets each forecast's interval: predicted ± halfWidth[h − 1], times |naive| (the origin's value) when relative. */
export function setIntervals(forecasts: Forecast[], halfWidth: number[], scale: IntervalScale): void {
  for (const f of forecasts) {
    const w = halfWidth[f.horizon - 1]! * (scale === 'relative' ? Math.abs(f.naive) : 1);
    f.lower = f.predicted - w;
    f.upper = f.predicted + w;
  }
}
