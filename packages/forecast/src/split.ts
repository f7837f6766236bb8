import { DataError, type DateRange } from '@rnnkit/datasets';
import type { Series } from './series.js';

/** Rows start..end-1 of a series. */
export interface RowSpan {
  /** First row. */
  start: number;
  /** One past the last row. */
  end: number;
}

/** How a single run splits its series into a training and a test part. */
export type SplitSpec =
  | {
      /** Training days, both ends included. */
      train: DateRange;
      /** Test days, both ends included; must not overlap `train`. */
      test: DateRange;
    }
  | {
      /** The last `round(n · testRatio)` rows are the test part. */
      testRatio: number;
    };

/** What a split reads of a series (a parsed `PriceTable` has it too): its name for messages and its ascending dates. */
export type Dated = Pick<Series, 'source' | 'dates'>;

/** The rows of `series` dated within `range`, both ends included. */
export function rowsInRange(series: Dated, range: DateRange): RowSpan {
  // Dates are ascending and YYYY-MM-DD strings sort like the dates they name.
  let start = series.dates.findIndex((d) => d >= range.from);
  if (start < 0) start = series.dates.length;
  let end = start;
  while (end < series.dates.length && series.dates[end]! <= range.to) end++;
  return { start, end };
}

/** A split resolved to rows, with the parts' names for messages. */
export interface ResolvedSplit {
  /** Training rows. */
  train: RowSpan;
  /** Test rows. */
  test: RowSpan;
  /** E.g. "training range 2020-06-11:2023-03-23". */
  trainName: string;
  /** E.g. "the test part (last 740 of 3699 rows)". */
  testName: string;
}

/** Resolves a split to row spans, or says in one line why it cannot. */
export function resolveSplit(series: Dated, split: SplitSpec): ResolvedSplit {
  const n = series.dates.length;
  if ('testRatio' in split) {
    if (!(split.testRatio > 0 && split.testRatio < 1)) throw new RangeError(`test ratio ${split.testRatio} must lie strictly between 0 and 1; use e.g. 0.2`);
    const cut = n - Math.round(n * split.testRatio);
    return { train: { start: 0, end: cut }, test: { start: cut, end: n }, trainName: `the training part (first ${cut} of ${n} rows)`, testName: `the test part (last ${n - cut} of ${n} rows)` };
  }
  const { train, test } = split;
  if (train.to >= test.from && test.to >= train.from) {
    throw new DataError(series.source, undefined, `training range ${train.from}:${train.to} overlaps test range ${test.from}:${test.to}`, 'make the ranges disjoint so no test day is trained on');
  }
  return { train: rowsInRange(series, train), test: rowsInRange(series, test), trainName: `training range ${train.from}:${train.to}`, testName: `test range ${test.from}:${test.to}` };
}
