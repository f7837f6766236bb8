import type { Series } from './series.js';
import type { RowSpan } from './split.js';

// Checks that say in one line when a setup cannot work, or when a figure means little.

/**
 * How far the target's values in `test` lie outside their range over `train`, as a share of that
 * range (0: all inside). A level target (`targetTransform: 'none'`) with a fitted scaler cannot
 * forecast far outside the range it was fitted on; a change or log-return target can.
 */
export function rangeExcursion(series: Series, train: RowSpan, test: RowSpan): number {
  let [min, max] = [Infinity, -Infinity];
  for (let i = train.start; i < train.end; i++) [min, max] = [Math.min(min, series.rows[i]![series.targetCol]!), Math.max(max, series.rows[i]![series.targetCol]!)];
  const width = max - min || Math.abs(max) || 1;
  let out = 0;
  for (let i = test.start; i < test.end; i++) {
    const v = series.rows[i]![series.targetCol]!;
    out = Math.max(out, (v - max) / width, (min - v) / width);
  }
  return out;
}

/** The guidance line for a level target whose test values leave the fitted range (`excursions` per test part), or null. */
export function rangeGuidance(target: string, excursions: number[], part: string): string | null {
  const outside = excursions.filter((e) => e > 0);
  if (outside.length === 0) return null;
  const where = excursions.length === 1 ? `the ${part}` : `${outside.length} of ${excursions.length} ${part}s`;
  return `the ${target} of ${where} lies outside the range the scaler was fitted on (up to ${(Math.max(...outside) * 100).toFixed(0)}% of that range beyond it), which a level target cannot forecast: use --target-transform logret (or --recipe forecast)`;
}

/**
 * True when percentage errors mean little: some actual value is ≤ 0 (the series crosses zero) or
 * lies within 5% of the mean absolute value of zero, where |error| / |actual| blows up.
 */
export function mapeUnreliable(actual: ArrayLike<number>): boolean {
  let [sum, min, signs] = [0, Infinity, new Set<number>()];
  for (let i = 0; i < actual.length; i++) {
    sum += Math.abs(actual[i]!);
    min = Math.min(min, Math.abs(actual[i]!));
    signs.add(Math.sign(actual[i]!));
  }
  return actual.length > 0 && (signs.size > 1 || signs.has(0) || min < 0.05 * (sum / actual.length));
}

/** The note printed in place of MAPE figures that mean little. */
export const MAPE_NOTE = 'MAPE left out (n/a): the series crosses or nears zero, where |error| / |actual| blows up; read RMSE, MAE and MASE';
