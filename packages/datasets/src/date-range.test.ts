import { describe, expect, it } from 'vitest';
import type { PriceTable } from './csv.js';
import { parseDateRange, sliceByDate, splitByRatio } from './date-range.js';
import { catchError } from './test-utils/catch-error.js';

const table: PriceTable = {
  source: 't.csv',
  dates: ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08'],
  columns: ['Close'],
  values: [[1], [2], [3], [4], [5]],
  lines: [2, 3, 4, 5, 6],
};

describe('parseDateRange', () => {
  it('parses FROM:TO', () => {
    expect(parseDateRange('2020-06-11:2023-03-23')).toEqual({ from: '2020-06-11', to: '2023-03-23' });
    expect(parseDateRange(' 2020-01-01:2020-01-01 ')).toEqual({ from: '2020-01-01', to: '2020-01-01' });
  });

  it.each(['2020-01-01', '2020-01-01:', '2020-01-01:2020-02-30', '2020-1-1:2020-02-01', 'a:b', '2020-01-01:2020-02-01:2020-03-01'])(
    'rejects %j with a one-line RangeError naming the flag',
    (text) => {
      const error = catchError(() => parseDateRange(text, '--train-range'));
      expect(error).toBeInstanceOf(RangeError);
      expect(error.message).toBe(
        `--train-range ${JSON.stringify(text)} is not FROM:TO with real dates as YYYY-MM-DD; write e.g. --train-range 2020-01-01:2022-12-31`,
      );
    },
  );

  it('rejects a range that ends before it starts', () => {
    expect(catchError(() => parseDateRange('2021-01-01:2020-01-01')).message).toBe(
      'range 2021-01-01:2020-01-01 starts after it ends; write the earlier date first',
    );
  });
});

describe('sliceByDate', () => {
  it('keeps both ends', () => {
    const slice = sliceByDate(table, { from: '2020-01-03', to: '2020-01-07' });
    expect(slice.dates).toEqual(['2020-01-03', '2020-01-06', '2020-01-07']);
    expect(slice.values).toEqual([[2], [3], [4]]);
    expect(slice.lines).toEqual([3, 4, 5]);
    expect(slice.source).toBe('t.csv');
    expect(slice.columns).toEqual(['Close']);
  });

  it('works with bounds that fall on missing days', () => {
    expect(sliceByDate(table, { from: '2020-01-04', to: '2020-01-05' }).dates).toEqual([]);
    expect(sliceByDate(table, { from: '2020-01-04', to: '2020-01-06' }).dates).toEqual(['2020-01-06']);
    expect(sliceByDate(table, { from: '2019-01-01', to: '2020-01-02' }).dates).toEqual(['2020-01-02']);
    expect(sliceByDate(table, { from: '2020-01-09', to: '2021-01-01' }).dates).toEqual([]);
    expect(sliceByDate(table, { from: '2000-01-01', to: '2030-01-01' }).dates).toEqual(table.dates);
  });
});

describe('splitByRatio', () => {
  it('puts the last round(n * ratio) rows in test', () => {
    const { train, test } = splitByRatio(table, 0.3); // round(1.5) = 2
    expect(train.dates).toEqual(['2020-01-02', '2020-01-03', '2020-01-06']);
    expect(test.dates).toEqual(['2020-01-07', '2020-01-08']);
    expect(test.values).toEqual([[4], [5]]);
    expect(test.lines).toEqual([5, 6]);
    expect(splitByRatio(table, 0.25).test.dates).toEqual(['2020-01-08']); // round(1.25) = 1
  });

  it.each([0, 1, -0.1, 1.5, Number.NaN])('rejects the ratio %d', (ratio) => {
    expect(catchError(() => splitByRatio(table, ratio))).toBeInstanceOf(RangeError);
  });
});
