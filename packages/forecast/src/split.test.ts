import { describe, expect, it } from 'vitest';
import { DataError, type PriceTable } from '@rnnkit/datasets';
import { resolveSplit, rowsInRange } from './split.js';

const table: PriceTable = {
  source: 't.csv',
  dates: ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08'],
  columns: ['Close'],
  values: [[1], [2], [3], [4], [5]],
  lines: [2, 3, 4, 5, 6],
};
const datesOf = ({ start, end }: { start: number; end: number }) => table.dates.slice(start, end);

describe('rowsInRange', () => {
  it('keeps both ends', () => {
    expect(rowsInRange(table, { from: '2020-01-03', to: '2020-01-07' })).toEqual({ start: 1, end: 4 });
  });

  it('works with bounds that fall on missing days', () => {
    expect(datesOf(rowsInRange(table, { from: '2020-01-04', to: '2020-01-05' }))).toEqual([]);
    expect(datesOf(rowsInRange(table, { from: '2020-01-04', to: '2020-01-06' }))).toEqual(['2020-01-06']);
    expect(datesOf(rowsInRange(table, { from: '2019-01-01', to: '2020-01-02' }))).toEqual(['2020-01-02']);
    expect(datesOf(rowsInRange(table, { from: '2020-01-09', to: '2021-01-01' }))).toEqual([]);
    expect(datesOf(rowsInRange(table, { from: '2000-01-01', to: '2030-01-01' }))).toEqual(table.dates);
  });
});

describe('resolveSplit', () => {
  it('puts the last round(n * ratio) rows in test', () => {
    const split = resolveSplit(table, { testRatio: 0.3 }); // round(1.5) = 2
    expect(datesOf(split.train)).toEqual(['2020-01-02', '2020-01-03', '2020-01-06']);
    expect(datesOf(split.test)).toEqual(['2020-01-07', '2020-01-08']);
    expect([split.trainName, split.testName]).toEqual(['the training part (first 3 of 5 rows)', 'the test part (last 2 of 5 rows)']);
    expect(datesOf(resolveSplit(table, { testRatio: 0.25 }).test)).toEqual(['2020-01-08']); // round(1.25) = 1
  });

  it.each([0, 1, -0.1, 1.5, Number.NaN])('rejects the ratio %d', (testRatio) => {
    expect(() => resolveSplit(table, { testRatio })).toThrow(RangeError);
  });

  it('resolves date ranges and refuses overlapping ones in one line', () => {
    const split = resolveSplit(table, { train: { from: '2020-01-01', to: '2020-01-06' }, test: { from: '2020-01-07', to: '2020-12-31' } });
    expect([split.train, split.test]).toEqual([{ start: 0, end: 3 }, { start: 3, end: 5 }]);
    expect(split.trainName).toBe('training range 2020-01-01:2020-01-06');
    const overlap = () => resolveSplit(table, { train: { from: '2020-01-01', to: '2020-01-07' }, test: { from: '2020-01-07', to: '2020-01-31' } });
    expect(overlap).toThrow(DataError);
    expect(overlap).toThrow('t.csv: training range 2020-01-01:2020-01-07 overlaps test range 2020-01-07:2020-01-31; make the ranges disjoint so no test day is trained on');
  });
});
