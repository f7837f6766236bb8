import type { Series } from './series.js';
import { log } from './portable-math.js';

/**
 * What the model sees of each feature column at day t of a window ending at origin o:
 * - `level`: the value itself (the tutorial's), scaled by the scaler fitted on the training rows;
 * - `logret`: the log change against the day before, ln(x[t] / x[t−1]);
 * - `diff`: the change against the day before, x[t] − x[t−1];
 * - `relative`: the value against the window's last target value, ln(x[t] / target[o]);
 * - `level+logret`: both the level and the log change, so 2 × the feature columns;
 * - `logret+ma200` (the forecast recipe's): the log change and the log gap to the column's mean over the
 *   last 200 days, ln(x[t] / mean(x[t−199..t])), so 2 × the feature columns: a level that stays in range
 *   when prices drift (a mean-reverting price is far from its mean; a random walk's gap is noise);
 * - `logret+ma`: the same with the mean of the last 50 days (a noisier estimate of the level a price
 *   reverts to: on the suite's OU price it kept 0.75 of the best skill where 200 days keep 0.83).
 * All but `level` are scaled by a scaler fitted on the training windows' transformed values. The log
 * transforms read a feature value of 0 (a trading halt's Open, High, Low) as the column's last positive
 * value, so a halted day is no change; a negative value is refused (checkLogsDefined).
 * Levels hide the day-to-day changes (a few thousandths of the scaled range); changes carry them.
 */
export type InputTransform = 'level' | 'logret' | 'diff' | 'relative' | 'level+logret' | 'logret+ma' | 'logret+ma200';

/** The transforms, for flag parsing and help texts. */
export const INPUT_TRANSFORMS: readonly InputTransform[] = ['level', 'logret', 'diff', 'relative', 'level+logret', 'logret+ma', 'logret+ma200'];

/** Days of the moving average of `logret+ma`. */
export const MA_DAYS = 50;

/** Days of the moving average of a `logret+ma…` transform, or 0 for the others. */
export function movingAverageDays(transform: InputTransform): number {
  return transform === 'logret+ma' ? MA_DAYS : transform === 'logret+ma200' ? 200 : 0;
}

/** Rows the transform reads before a window's first day (0, 1 for a change, the moving average's days − 1). */
export function lookback(transform: InputTransform): number {
  const ma = movingAverageDays(transform);
  if (ma > 0) return ma - 1;
  return transform === 'logret' || transform === 'diff' || transform === 'level+logret' ? 1 : 0;
}

/** True when the transform reads the day before a window's first day. */
export function readsDayBefore(transform: InputTransform): boolean {
  return lookback(transform) > 0;
}

/** Transformed columns per feature column. */
export function columnsPerFeature(transform: InputTransform): number {
  return transform === 'level+logret' || movingAverageDays(transform) > 0 ? 2 : 1;
}

/** True when the transform takes logs, so every feature value must be > 0. */
export function takesLogs(transform: InputTransform): boolean {
  return transform !== 'level' && transform !== 'diff';
}

/** Names of the transformed columns, e.g. ["Close", "logret(Close)"]. */
export function transformedNames(series: Series, transform: InputTransform): string[] {
  const names = series.columns.slice(0, series.featureCount);
  if (transform === 'level') return names;
  if (transform === 'level+logret') return [...names, ...names.map((n) => `logret(${n})`)];
  const ma = movingAverageDays(transform);
  if (ma > 0) return [...names.map((n) => `logret(${n})`), ...names.map((n) => `ma${ma}gap(${n})`)];
  return names.map((n) => `${transform}(${n})`);
}

/** The value of column `f` at row `t`, or the last positive one before it when it is 0 (NaN if there is none). */
export function positiveValue(series: Series, f: number, t: number): number {
  for (let k = t; k >= 0; k--) {
    const v = series.rows[k]![f]!;
    if (v > 0) return v;
    if (v < 0) return NaN;
  }
  return NaN;
}

/** The transformed (unscaled) inputs of the window of `seqLength` days ending at row `origin`. */
export function transformedWindow(series: Series, transform: InputTransform, origin: number, seqLength: number): number[][] {
  const F = series.featureCount;
  const out: number[][] = [];
  const anchor = positiveValue(series, series.targetCol, origin);
  const logs = takesLogs(transform);
  const ma = movingAverageDays(transform);
  for (let t = origin - seqLength + 1; t <= origin; t++) {
    // Log transforms read a 0 as the column's last positive value (a halted day: no change).
    const row = logs ? Array.from({ length: F }, (_, f) => positiveValue(series, f, t)) : series.rows[t]!;
    const prev = logs ? Array.from({ length: F }, (_, f) => positiveValue(series, f, t - 1)) : series.rows[t - 1];
    const values: number[] = [];
    for (let f = 0; f < F; f++) {
      if (transform === 'level' || transform === 'level+logret') values.push(row[f]!);
      else if (transform === 'logret' || ma > 0) values.push(log(row[f]! / prev![f]!));
      else if (transform === 'diff') values.push(row[f]! - prev![f]!);
      else values.push(log(row[f]! / anchor));
    }
    if (transform === 'level+logret') for (let f = 0; f < F; f++) values.push(log(row[f]! / prev![f]!));
    if (ma > 0) {
      for (let f = 0; f < F; f++) {
        let sum = 0;
        for (let k = t - ma + 1; k <= t; k++) sum += positiveValue(series, f, k);
        values.push(log(row[f]! / (sum / ma)));
      }
    }
    out.push(values);
  }
  return out;
}
