import type { PriceTable } from './csv.js';
import { DataError } from './data-error.js';
import { sliceByDate, splitByRatio } from './date-range.js';
import type { DateRange } from './date-range.js';
import { createScaler } from './scaler.js';
import type { Scaler, ScalerKind } from './scaler.js';
import { makeSequenceData, toTimeMajor } from './sequence.js';
import { columnIndex, sameColumn } from './column-name.js';

/** What {@link prepareForecastData} should build. */
export interface ForecastDataOptions {
  /** Input columns of each window, e.g. Open, High, Low, Close. */
  features: string[];
  /** Column to predict for the day after each window. */
  target: string;
  /** Days per window. */
  seqLength: number;
  /** How to scale the columns; the scaler is fitted on the training rows only. */
  scaler: ScalerKind;
  /** Explicit date ranges, or the last `testRatio` of the rows as test. */
  split:
    | {
        /** Days of the training part, both ends included. */
        train: DateRange;
        /** Days of the test part, both ends included; must not overlap `train`. */
        test: DateRange;
      }
    | {
        /** Fraction of the rows, strictly between 0 and 1, taken from the end as the test part. */
        testRatio: number;
      };
}

/** Windows of one split, ready for training or evaluation. */
export interface WindowSet {
  /** Number of windows. */
  n: number;
  /** Scaled inputs, time-major [seqLength, n, features.length]. */
  x: Float32Array;
  /** The same windows unscaled (raw prices), for models that scale inside, e.g. ONNX with scaler. */
  rawX: Float32Array;
  /** Scaled target of the day after each window, [n]. */
  y: Float32Array;
  /** Date of the predicted day, [n]. */
  dates: string[];
  /** Raw target price of the predicted day, [n]. */
  actual: number[];
  /** Raw target price on the window's last day: the naive forecast, [n]. */
  lastValue: number[];
}

/** Train and test windows plus the scaler fitted on the training rows. */
export interface ForecastData {
  /** Input columns of each window, in order (a copy of the option). */
  features: string[];
  /** Column predicted for the day after each window. */
  target: string;
  /** Days per window. */
  seqLength: number;
  /** Fitted on training rows over features ∪ {target} (target last if not a feature). */
  scaler: Scaler;
  /** Windows cut from the training rows. */
  train: WindowSet;
  /** Windows cut from the test rows. */
  test: WindowSet;
  /** Rows in the training part (windows = rows - seqLength). */
  trainRows: number;
  /** Rows in the test part. */
  testRows: number;
  /** Inverse-scales predictions of the target back to prices. */
  toPrice(scaledTarget: ArrayLike<number>): number[];
}

/**
 * Splits `table` chronologically, fits the scaler on the training rows only
 * (so no test statistics leak into training) and cuts each part into windows.
 * Throws a DataError naming `table.source` when a part is too short.
 */
export function prepareForecastData(table: PriceTable, options: ForecastDataOptions): ForecastData {
  const { features, target, seqLength } = options;
  const fail = (problem: string, fix: string, settings: string[] = []): DataError => new DataError(table.source, undefined, problem, fix, settings);
  if (!Number.isInteger(seqLength) || seqLength < 1) throw fail(`seqLength ${seqLength} is not a whole number >= 1`, 'pass e.g. seqLength 4', ['seqLength']);
  if (features.length === 0) throw fail('no feature columns were chosen', 'pass at least one feature, e.g. Close');

  const columns = features.some((f) => sameColumn(f, target)) ? [...features] : [...features, target];
  const indices = columns.map((name) => {
    const j = columnIndex(table.columns, name);
    if (j < 0) throw fail(`the table has no ${name} column (it has ${table.columns.join(', ')})`, `read the CSV with ${name} among its columns`);
    return j;
  });
  const targetCol = columnIndex(columns, target);

  const parts = split(table, options.split);
  const train = parts.train.rows;
  const test = parts.test.rows;
  if (test.dates.length === 0) {
    const span = `${table.dates[0] ?? '?'}..${table.dates[table.dates.length - 1] ?? '?'}`;
    throw fail(`${parts.test.name} has no rows (the data covers ${span})`, 'choose test dates inside the data');
  }
  for (const { rows, name, widen } of [parts.train, parts.test]) {
    if (rows.dates.length < seqLength + 1) {
      throw fail(`${name} has ${rows.dates.length} rows but seqLength ${seqLength} needs at least ${seqLength + 1}`, `${widen.text} or lower seqLength`, ['seqLength', widen.setting]);
    }
  }

  const pick = (part: PriceTable): number[][] => part.values.map((row) => indices.map((j) => row[j] ?? NaN));
  const scaler = createScaler(options.scaler, columns).fit(pick(train));
  const windows = (part: PriceTable): WindowSet => {
    const raw = pick(part);
    const seq = makeSequenceData(scaler.transform(raw), seqLength, targetCol);
    const rawSeq = makeSequenceData(raw, seqLength, targetCol);
    const n = seq.y.length;
    const featuresOnly = (x: number[][][]) => toTimeMajor(x.map((w) => w.map((row) => row.slice(0, features.length))));
    const after = (offset: number): number[] => raw.slice(offset, offset + n).map((row) => row[targetCol] ?? NaN);
    return {
      n,
      // The target may be appended after the features; windows carry features only.
      x: featuresOnly(seq.x),
      rawX: featuresOnly(rawSeq.x),
      y: Float32Array.from(seq.y),
      dates: part.dates.slice(seqLength),
      actual: after(seqLength),
      lastValue: after(seqLength - 1),
    };
  };

  return {
    features: [...features],
    target,
    seqLength,
    scaler,
    train: windows(train),
    test: windows(test),
    trainRows: train.dates.length,
    testRows: test.dates.length,
    toPrice: (scaled) => scaler.inverseColumn(Array.from(scaled), targetCol),
  };
}

/** One side of the split, with its name and advice for error messages. */
interface Part {
  rows: PriceTable;
  name: string;
  /** How to get more rows, and the setting it changes. */
  widen: { text: string; setting: string };
}

function split(table: PriceTable, how: ForecastDataOptions['split']): { train: Part; test: Part } {
  const total = table.dates.length;
  if ('testRatio' in how) {
    const { train, test } = splitByRatio(table, how.testRatio);
    const widen = { text: 'use more rows or change testRatio', setting: 'testRatio' };
    return {
      train: { rows: train, name: `the training part (first ${train.dates.length} of ${total} rows)`, widen },
      test: { rows: test, name: `the test part (last ${test.dates.length} of ${total} rows)`, widen },
    };
  }
  const { train, test } = how;
  if (train.to >= test.from && test.to >= train.from) {
    throw new DataError(table.source, undefined, `training range ${train.from}:${train.to} overlaps test range ${test.from}:${test.to}`, 'make the ranges disjoint so no test day is trained on');
  }
  return {
    train: { rows: sliceByDate(table, train), name: `training range ${train.from}:${train.to}`, widen: { text: 'widen split.train', setting: 'split.train' } },
    test: { rows: sliceByDate(table, test), name: `test range ${test.from}:${test.to}`, widen: { text: 'widen split.test', setting: 'split.test' } },
  };
}
