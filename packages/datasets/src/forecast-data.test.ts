import { describe, expect, it } from 'vitest';
import { loadBundledCsv } from './bundled.js';
import type { PriceTable } from './csv.js';
import { parseCsv } from './csv.js';
import { DataError } from './data-error.js';
import { prepareForecastData } from './forecast-data.js';
import type { ForecastDataOptions } from './forecast-data.js';
import { catchError } from './test-utils/catch-error.js';

/** Expects float32 `actual` to match float64 `expected` element by element. */
function expectClose(actual: ArrayLike<number>, expected: number[], digits = 6): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, digits));
}

// Columns deliberately in a different order than the features ask for.
// Training rows (first 5): Open range 10..20, Close range 11..16.
const table: PriceTable = {
  source: 't.csv',
  dates: ['2020-01-06', '2020-01-07', '2020-01-08', '2020-01-09', '2020-01-10', '2020-01-13', '2020-01-14', '2020-01-15'],
  columns: ['Close', 'Open'],
  values: [[11, 10], [13, 14], [12, 12], [14, 11], [16, 20], [17, 18], [21, 25], [16, 15]],
  lines: [2, 3, 4, 5, 6, 7, 8, 9],
};
const base: ForecastDataOptions = { features: ['Open', 'Close'], target: 'Close', seqLength: 2, scaler: 'minmax', split: { testRatio: 0.375 } };

describe('prepareForecastData', () => {
  it('fits on training rows only and cuts time-major windows', () => {
    const data = prepareForecastData(table, base);
    expect(data.trainRows).toBe(5);
    expect(data.testRows).toBe(3);
    expect(data.scaler.toJSON()).toEqual({ kind: 'minmax', columns: ['Open', 'Close'], min: [10, 11], max: [20, 16] });
    // Scaled training rows (Open, Close): (0,0) (.4,.4) (.2,.2) (.1,.6) (1,1).
    expect(data.train.n).toBe(3);
    expectClose(data.train.x, [0, 0, 0.4, 0.4, 0.2, 0.2, /* t=1 */ 0.4, 0.4, 0.2, 0.2, 0.1, 0.6]);
    expectClose(data.train.y, [0.2, 0.6, 1]);
    expect(data.train.dates).toEqual(['2020-01-08', '2020-01-09', '2020-01-10']);
    expect(data.train.actual).toEqual([12, 14, 16]);
    expect(data.train.lastValue).toEqual([13, 12, 14]);
    // The test window is scaled with the training statistics, so it may leave [0, 1].
    expect(data.test.n).toBe(1);
    expectClose(data.test.x, [0.8, 1.2, 1.5, 2]);
    expectClose(data.test.y, [1]);
    expect(data.test.dates).toEqual(['2020-01-15']);
    expect(data.test.actual).toEqual([16]);
    expect(data.test.lastValue).toEqual([21]);
    expectClose(data.toPrice(data.train.y), [12, 14, 16], 4);
    expectClose(data.toPrice([0, 2]), [11, 21], 12);
  });

  it('appends a target that is not a feature to the scaler but not to x', () => {
    const data = prepareForecastData(table, { ...base, features: ['Open'] });
    expect(data.scaler.columns).toEqual(['Open', 'Close']);
    expectClose(data.train.x, [0, 0.4, 0.2, 0.4, 0.2, 0.1]);
    expectClose(data.train.y, [0.2, 0.6, 1]);
    expect(data.features).toEqual(['Open']);
  });

  it('gives the same windows for the equivalent date ranges', () => {
    const byRatio = prepareForecastData(table, base);
    const byDate = prepareForecastData(table, {
      ...base,
      split: { train: { from: '2020-01-01', to: '2020-01-10' }, test: { from: '2020-01-11', to: '2020-12-31' } },
    });
    expect(byDate.train).toEqual(byRatio.train);
    expect(byDate.test).toEqual(byRatio.test);
  });

  it('standardizes with the training mean and population std', () => {
    const data = prepareForecastData(table, { ...base, scaler: 'standard' });
    const std = Math.sqrt(14.8 / 5); // closes 11, 13, 12, 14, 16 have mean 13.2
    expectClose(data.train.y, [(12 - 13.2) / std, (14 - 13.2) / std, (16 - 13.2) / std]);
    expectClose(data.test.y, [(16 - 13.2) / std]);
  });

  it('passes raw prices with scaler none', () => {
    const data = prepareForecastData(table, { ...base, scaler: 'none' });
    expectClose(data.train.y, [12, 14, 16]);
    expectClose(data.test.x, [18, 17, 25, 21]);
  });

  const failures: [string, Partial<ForecastDataOptions>, string][] = [
    ['a zero sequence length', { seqLength: 0 }, 't.csv: seqLength 0 is not a whole number >= 1; pass e.g. seqLength 4'],
    ['no features', { features: [] }, 't.csv: no feature columns were chosen; pass at least one feature, e.g. Close'],
    ['a missing column', { target: 'Volume' }, 't.csv: the table has no Volume column (it has Close, Open); read the CSV with Volume among its columns'],
    [
      'a short test part',
      { seqLength: 3 },
      't.csv: the test part (last 3 of 8 rows) has 3 rows but seqLength 3 needs at least 4; use more rows or change testRatio or lower seqLength',
    ],
    [
      'a short training range',
      { split: { train: { from: '2020-01-01', to: '2020-01-07' }, test: { from: '2020-01-08', to: '2020-01-31' } } },
      't.csv: training range 2020-01-01:2020-01-07 has 2 rows but seqLength 2 needs at least 3; widen split.train or lower seqLength',
    ],
    [
      'a short test range',
      { split: { train: { from: '2020-01-01', to: '2020-01-10' }, test: { from: '2020-01-13', to: '2020-01-14' } } },
      't.csv: test range 2020-01-13:2020-01-14 has 2 rows but seqLength 2 needs at least 3; widen split.test or lower seqLength',
    ],
    [
      'an empty test range',
      { split: { train: { from: '2020-01-01', to: '2020-01-10' }, test: { from: '2021-01-01', to: '2021-02-01' } } },
      't.csv: test range 2021-01-01:2021-02-01 has no rows (the data covers 2020-01-06..2020-01-15); choose test dates inside the data',
    ],
    [
      'overlapping ranges',
      { split: { train: { from: '2020-01-01', to: '2020-01-13' }, test: { from: '2020-01-13', to: '2020-01-31' } } },
      't.csv: training range 2020-01-01:2020-01-13 overlaps test range 2020-01-13:2020-01-31; make the ranges disjoint so no test day is trained on',
    ],
  ];
  it.each(failures)('rejects %s', (_, change, message) => {
    const error = catchError(() => prepareForecastData(table, { ...base, ...change }));
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe(message);
  });
});

describe('prepareForecastData on the bundled Samsung prices', async () => {
  const samsung = parseCsv(await loadBundledCsv(), { source: 'samsung_005930.csv', columns: ['Open', 'High', 'Low', 'Close'] });
  const data = prepareForecastData(samsung, {
    features: ['Open', 'High', 'Low', 'Close'],
    target: 'Close',
    seqLength: 4,
    scaler: 'minmax',
    split: { train: { from: '2020-06-11', to: '2023-03-23' }, test: { from: '2023-04-01', to: '2023-07-01' } },
  });
  // Per-column min and max of the 689 training rows, computed outside this package (awk and Python).
  const min = [51200, 52000, 49900, 49900];
  const max = [90300, 96800, 89500, 91000];
  const scale = (row: number[]): number[] => row.map((v, f) => (v - min[f]!) / (max[f]! - min[f]!));
  /** Window b of a time-major set, as rows of features. */
  const windowOf = (x: Float32Array, n: number, b: number): number[][] =>
    Array.from({ length: 4 }, (_, t) => Array.from(x.subarray((t * n + b) * 4, (t * n + b) * 4 + 4)));

  it('has the reference row and window counts', () => {
    expect(data.trainRows).toBe(689);
    expect(data.train.n).toBe(685);
    expect(data.testRows).toBe(61);
    expect(data.test.n).toBe(57);
    expect(data.train.x.length).toBe(4 * 685 * 4);
    expect(data.test.x.length).toBe(4 * 57 * 4);
    expect(data.scaler.toJSON()).toEqual({ kind: 'minmax', columns: ['Open', 'High', 'Low', 'Close'], min, max });
  });

  it('scales the first training window from the raw rows of 2020-06-11..16', () => {
    const raw = [[54500, 55100, 53200, 54300], [52100, 52800, 51500, 52300], [51400, 52000, 49900, 49900], [51200, 52100, 50600, 52100]];
    windowOf(data.train.x, 685, 0).forEach((row, t) => expectClose(row, scale(raw[t]!)));
    expect(data.train.y[0]).toBeCloseTo((52200 - 49900) / (91000 - 49900), 6);
    expect(data.train.dates[0]).toBe('2020-06-17');
    expect(data.train.actual[0]).toBe(52200);
    expect(data.train.lastValue[0]).toBe(52100);
    expect(data.train.dates[684]).toBe('2023-03-23');
  });

  it('scales the first test window from 2023-04-03..06 with the training min/max', () => {
    const raw = [[64000, 64000, 63000, 63100], [63400, 63800, 62800, 63600], [63700, 64000, 63400, 63900], [63500, 63600, 62300, 62300]];
    windowOf(data.test.x, 57, 0).forEach((row, t) => expectClose(row, scale(raw[t]!)));
    windowOf(data.test.rawX, 57, 0).forEach((row, t) => expect(row).toEqual(raw[t]));
    expect(data.test.y[0]).toBeCloseTo((65000 - 49900) / (91000 - 49900), 6);
    expect(data.test.dates[0]).toBe('2023-04-07');
    expect(data.test.actual[0]).toBe(65000);
    expect(data.test.lastValue[0]).toBe(62300);
    expect(data.test.dates[56]).toBe('2023-06-30');
  });

  it('turns scaled targets back into prices', () => {
    expectClose(data.toPrice(data.test.y), data.test.actual, 1);
  });

  it('splits by ratio chronologically', () => {
    const byRatio = prepareForecastData(samsung, { features: ['Close'], target: 'Close', seqLength: 10, scaler: 'standard', split: { testRatio: 0.2 } });
    expect(byRatio.testRows).toBe(740); // round(3699 * 0.2)
    expect(byRatio.trainRows).toBe(2959);
    expect(byRatio.test.n).toBe(730);
    expect(byRatio.test.dates[byRatio.test.n - 1]).toBe('2024-11-08');
  });
});
