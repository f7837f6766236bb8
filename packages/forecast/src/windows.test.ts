// The windows a run trains and tests on (prepareRun over windows.ts, split.ts and series.ts), checked
// against values worked out by hand and, on the bundled prices, against min/max computed outside the package.
import { describe, expect, it } from 'vitest';
import { DataError, loadBundledCsv, parseCsv, type PriceTable } from '@rnnkit/datasets';
import { prepareRun } from './run-forecast.js';
import { seriesOf, type Series } from './series.js';
import type { SplitSpec } from './split.js';
import { decodeOutputs, fitEncoding, originsWithin, windowsAt, type WindowSpec } from './windows.js';

/** Expects float32 `actual` to match float64 `expected` element by element. */
function expectClose(actual: ArrayLike<number>, expected: number[], digits = 6): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((v, i) => expect(actual[i]).toBeCloseTo(v, digits));
}

/** The message of what `run` throws. */
function thrown(run: () => unknown): Error {
  try {
    run();
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a throw');
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
const base: WindowSpec & { split: SplitSpec } = { seqLength: 2, horizon: 1, scaler: 'minmax', targetTransform: 'none', split: { testRatio: 0.375 } };
const series = seriesOf(table, ['Open', 'Close'], 'Close');
/** The predicted day, its price and the naive forecast (the window's last Close) of each origin. */
const targetsOf = (s: Series, origins: number[]) => ({
  dates: origins.map((o) => s.dates[o + 1]),
  actual: origins.map((o) => s.rows[o + 1]![s.targetCol]),
  lastValue: origins.map((o) => s.rows[o]![s.targetCol]),
});

describe('prepareRun', () => {
  it('fits on training rows only and cuts time-major windows', () => {
    const run = prepareRun(series, base);
    expect(run.rows).toEqual({ train: { start: 0, end: 5 }, test: { start: 5, end: 8 } });
    expect(run.encoding.scaler.toJSON()).toEqual({ kind: 'minmax', columns: ['Open', 'Close'], min: [10, 11], max: [20, 16] });
    // Scaled training rows (Open, Close): (0,0) (.4,.4) (.2,.2) (.1,.6) (1,1).
    expect(run.train.n).toBe(3);
    expectClose(run.train.x, [0, 0, 0.4, 0.4, 0.2, 0.2, /* t=1 */ 0.4, 0.4, 0.2, 0.2, 0.1, 0.6]);
    expectClose(run.train.y, [0.2, 0.6, 1]);
    expect(targetsOf(series, run.train.origins)).toEqual({ dates: ['2020-01-08', '2020-01-09', '2020-01-10'], actual: [12, 14, 16], lastValue: [13, 12, 14] });
    // The test window is scaled with the training statistics, so it may leave [0, 1].
    expect(run.test.n).toBe(1);
    expectClose(run.test.x, [0.8, 1.2, 1.5, 2]);
    expectClose(run.test.y, [1]);
    expect(targetsOf(series, run.test.origins)).toEqual({ dates: ['2020-01-15'], actual: [16], lastValue: [21] });
    expectClose(decodeOutputs(series, run.encoding, base, run.train.origins, run.train.y).flat(), [12, 14, 16], 4);
    expectClose(decodeOutputs(series, run.encoding, base, [1, 2], [0, 2]).flat(), [11, 21], 12);
  });

  it('appends a target that is not a feature to the scaler but not to x', () => {
    const openOnly = seriesOf(table, ['Open'], 'Close');
    const run = prepareRun(openOnly, base);
    expect(run.encoding.scaler.columns).toEqual(['Open', 'Close']);
    expectClose(run.train.x, [0, 0.4, 0.2, 0.4, 0.2, 0.1]);
    expectClose(run.train.y, [0.2, 0.6, 1]);
    expect(openOnly.featureCount).toBe(1);
  });

  it('gives the same windows for the equivalent date ranges', () => {
    const byRatio = prepareRun(series, base);
    const byDate = prepareRun(series, { ...base, split: { train: { from: '2020-01-01', to: '2020-01-10' }, test: { from: '2020-01-11', to: '2020-12-31' } } });
    expect(byDate.train).toEqual(byRatio.train);
    expect(byDate.test).toEqual(byRatio.test);
  });

  it('standardizes with the training mean and population std', () => {
    const run = prepareRun(series, { ...base, scaler: 'standard' });
    const std = Math.sqrt(14.8 / 5); // closes 11, 13, 12, 14, 16 have mean 13.2
    expectClose(run.train.y, [(12 - 13.2) / std, (14 - 13.2) / std, (16 - 13.2) / std]);
    expectClose(run.test.y, [(16 - 13.2) / std]);
  });

  it('passes raw prices with scaler none', () => {
    const run = prepareRun(series, { ...base, scaler: 'none' });
    expectClose(run.train.y, [12, 14, 16]);
    expectClose(run.test.x, [18, 17, 25, 21]);
  });

  const failures: [string, () => unknown, string][] = [
    ['a zero sequence length', () => prepareRun(series, { ...base, seqLength: 0 }), 't.csv: seqLength 0 is not a whole number >= 1; pass e.g. seqLength 4'],
    ['no features', () => seriesOf(table, [], 'Close'), 't.csv: no feature columns were chosen; pass at least one feature, e.g. Close'],
    ['a missing column', () => seriesOf(table, ['Open'], 'Volume'), 't.csv: the table has no Volume column (it has Close, Open); read the CSV with Volume among its columns'],
    ['a short test part', () => prepareRun(series, { ...base, seqLength: 3 }), 't.csv: the test part (last 3 of 8 rows) has 3 rows but seqLength 3 with horizon 1 needs at least 4; widen the range or lower seqLength / horizon'],
    [
      'a short training range',
      () => prepareRun(series, { ...base, split: { train: { from: '2020-01-01', to: '2020-01-07' }, test: { from: '2020-01-08', to: '2020-01-31' } } }),
      't.csv: training range 2020-01-01:2020-01-07 has 2 rows but seqLength 2 with horizon 1 needs at least 3; widen the range or lower seqLength / horizon',
    ],
    [
      'a short test range',
      () => prepareRun(series, { ...base, split: { train: { from: '2020-01-01', to: '2020-01-10' }, test: { from: '2020-01-13', to: '2020-01-14' } } }),
      't.csv: test range 2020-01-13:2020-01-14 has 2 rows but seqLength 2 with horizon 1 needs at least 3; widen the range or lower seqLength / horizon',
    ],
    [
      'an empty test range',
      () => prepareRun(series, { ...base, split: { train: { from: '2020-01-01', to: '2020-01-10' }, test: { from: '2021-01-01', to: '2021-02-01' } } }),
      't.csv: test range 2021-01-01:2021-02-01 has no rows (the data covers 2020-01-06..2020-01-15); choose test dates inside the data',
    ],
  ];
  it.each(failures)('rejects %s in one line', (_, run, message) => {
    const error = thrown(run);
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toBe(message);
  });
});

describe('windowsAt', () => {
  // Row i is [i, 10 + i], so every window's content is easy to predict.
  const rows: PriceTable = { source: 'r.csv', dates: Array.from({ length: 6 }, (_, i) => `2020-01-0${i + 1}`), columns: ['A', 'B'], values: Array.from({ length: 6 }, (_, i) => [i, 10 + i]), lines: [2, 3, 4, 5, 6, 7] };
  const s = seriesOf(rows, ['A', 'B'], 'B');
  const spec: WindowSpec = { seqLength: 4, horizon: 1, scaler: 'none', targetTransform: 'none' };
  const cut = (seqLength: number) => {
    const origins = originsWithin(0, 6, { ...spec, seqLength });
    return windowsAt(s, fitEncoding(s, { ...spec, seqLength }, 0, 6, origins), origins, seqLength);
  };

  it('gives N - seqLength windows, laid out [seq, batch, features] as index (t * batch + b) * features + f', () => {
    const w = cut(4);
    expect(w.origins).toEqual([3, 4]);
    // Window b holds rows b..b+3; the target is row b+4 (the row after its last day, origin + 1).
    for (let b = 0; b < 2; b++) for (let t = 0; t < 4; t++) for (let f = 0; f < 2; f++) expect(w.rawX[(t * 2 + b) * 2 + f]).toBe(10 * f + b + t);
    expect(Array.from(cut(1).rawX)).toEqual([0, 10, 1, 11, 2, 12, 3, 13, 4, 14]);
  });

  it('gives no windows when there are not more rows than seqLength', () => {
    expect(cut(5).n).toBe(1);
    expect(cut(6).n).toBe(0);
    expect(cut(9).x.length).toBe(0);
  });

  it('rounds to float32', () => {
    const tenth: PriceTable = { source: 't.csv', dates: ['2020-01-01', '2020-01-02'], columns: ['A'], values: [[0.1], [0.2]], lines: [2, 3] };
    const one = seriesOf(tenth, ['A'], 'A');
    const encoding = fitEncoding(one, { ...spec, seqLength: 1 }, 0, 2, [0]);
    expect(windowsAt(one, encoding, [0], 1).rawX[0]).toBe(Math.fround(0.1));
  });
});

describe('prepareRun on the bundled Samsung prices', async () => {
  const samsung = parseCsv(await loadBundledCsv(), { source: 'samsung_005930.csv', columns: ['Open', 'High', 'Low', 'Close'] });
  const tutorial = seriesOf(samsung, ['Open', 'High', 'Low', 'Close'], 'Close');
  const spec: WindowSpec & { split: SplitSpec } = {
    seqLength: 4, horizon: 1, scaler: 'minmax', targetTransform: 'none',
    split: { train: { from: '2020-06-11', to: '2023-03-23' }, test: { from: '2023-04-01', to: '2023-07-01' } },
  };
  const run = prepareRun(tutorial, spec);
  // Per-column min and max of the 689 training rows, computed outside this package (awk and Python).
  const min = [51200, 52000, 49900, 49900];
  const max = [90300, 96800, 89500, 91000];
  const scale = (row: number[]): number[] => row.map((v, f) => (v - min[f]!) / (max[f]! - min[f]!));
  /** Window b of a time-major set, as rows of features. */
  const windowOf = (x: Float32Array, n: number, b: number): number[][] =>
    Array.from({ length: 4 }, (_, t) => Array.from(x.subarray((t * n + b) * 4, (t * n + b) * 4 + 4)));
  const train = targetsOf(tutorial, run.train.origins);
  const test = targetsOf(tutorial, run.test.origins);

  it('has the reference row and window counts', () => {
    expect(run.rows.train.end - run.rows.train.start).toBe(689);
    expect(run.train.n).toBe(685);
    expect(run.rows.test.end - run.rows.test.start).toBe(61);
    expect(run.test.n).toBe(57);
    expect(run.train.x.length).toBe(4 * 685 * 4);
    expect(run.test.x.length).toBe(4 * 57 * 4);
    expect(run.encoding.scaler.toJSON()).toEqual({ kind: 'minmax', columns: ['Open', 'High', 'Low', 'Close'], min, max });
  });

  const firstWindows = [
    { name: 'the first training window from the raw rows of 2020-06-11..16', windows: run.train, targets: train, n: 685, next: 52200, date: '2020-06-17', lastDate: '2023-03-23',
      raw: [[54500, 55100, 53200, 54300], [52100, 52800, 51500, 52300], [51400, 52000, 49900, 49900], [51200, 52100, 50600, 52100]] },
    { name: 'the first test window from 2023-04-03..06 with the training min/max', windows: run.test, targets: test, n: 57, next: 65000, date: '2023-04-07', lastDate: '2023-06-30',
      raw: [[64000, 64000, 63000, 63100], [63400, 63800, 62800, 63600], [63700, 64000, 63400, 63900], [63500, 63600, 62300, 62300]] },
  ];
  it.each(firstWindows)('scales $name', ({ windows, targets, n, next, date, lastDate, raw }) => {
    windowOf(windows.x, n, 0).forEach((row, t) => expectClose(row, scale(raw[t]!)));
    windowOf(windows.rawX, n, 0).forEach((row, t) => expect(row).toEqual(raw[t]));
    expect(windows.y[0]).toBeCloseTo((next - 49900) / (91000 - 49900), 6);
    expect(targets.dates[0]).toBe(date);
    expect(targets.actual[0]).toBe(next);
    expect(targets.lastValue[0]).toBe(raw[3]![3]); // the naive forecast: the window's last Close
    expect(targets.dates[n - 1]).toBe(lastDate);
  });

  it('turns scaled targets back into prices', () => {
    expectClose(decodeOutputs(tutorial, run.encoding, spec, run.test.origins, run.test.y).flat(), test.actual as number[], 1);
  });

  it('splits by ratio chronologically', () => {
    const close = seriesOf(samsung, ['Close'], 'Close');
    const byRatio = prepareRun(close, { seqLength: 10, horizon: 1, scaler: 'standard', targetTransform: 'none', split: { testRatio: 0.2 } });
    expect(byRatio.rows.test.end - byRatio.rows.test.start).toBe(740); // round(3699 * 0.2)
    expect(byRatio.rows.train.end - byRatio.rows.train.start).toBe(2959);
    expect(byRatio.test.n).toBe(730);
    expect(close.dates[byRatio.test.origins.at(-1)! + 1]).toBe('2024-11-08');
  });
});
