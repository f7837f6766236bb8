import { columnIndex, DataError, sameColumn, type PriceTable } from '@rnnkit/datasets';

/** A price table reduced to the columns a forecaster reads: the features, then the target if it is not one. */
export interface Series {
  /** File name for messages. */
  source: string;
  /** YYYY-MM-DD of each row, ascending. */
  dates: string[];
  /** Column names of `rows`: the features, then the target if it is not among them. */
  columns: string[];
  /** Raw values, `rows[i][j]` of `columns[j]`. */
  rows: number[][];
  /** How many leading columns are model inputs. */
  featureCount: number;
  /** Index of the target in `columns`. */
  targetCol: number;
}

/** The columns a series reads: the features, then the target if it is not one of them (a CSV read with these has all it needs). */
export function seriesColumns(features: string[], target: string): string[] {
  return features.some((f) => sameColumn(f, target)) ? [...features] : [...features, target];
}

/** Picks `features` and `target` out of `table` (names as the table spells them). */
export function seriesOf(table: PriceTable, features: string[], target: string): Series {
  if (features.length === 0) throw new DataError(table.source, undefined, 'no feature columns were chosen', 'pass at least one feature, e.g. Close');
  const columns = seriesColumns(features, target);
  const indices = columns.map((name) => {
    const j = columnIndex(table.columns, name);
    if (j < 0) throw new DataError(table.source, undefined, `the table has no ${name} column (it has ${table.columns.join(', ')})`, `read the CSV with ${name} among its columns`);
    return j;
  });
  return {
    source: table.source,
    dates: table.dates,
    columns,
    rows: table.values.map((row) => indices.map((j) => row[j]!)),
    featureCount: features.length,
    targetCol: columnIndex(columns, target),
  };
}

/** The target column of rows start..end-1. */
export function targetValues(series: Series, start = 0, end = series.rows.length): number[] {
  return series.rows.slice(start, end).map((r) => r[series.targetCol]!);
}

/** In-sample one-step naive MAE over rows start..end-1, mean |y[t] − y[t−1]|: the MASE scale. */
export function naiveScale(series: Series, start: number, end: number): number {
  const y = targetValues(series, start, end);
  let sum = 0;
  for (let t = 1; t < y.length; t++) sum += Math.abs(y[t]! - y[t - 1]!);
  return y.length > 1 ? sum / (y.length - 1) : NaN;
}
