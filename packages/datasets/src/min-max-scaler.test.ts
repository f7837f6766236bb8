import { describe, expect, it } from 'vitest';
import { MinMaxScaler } from './min-max-scaler.js';
import { catchError } from './test-utils/catch-error.js';

const rows = [
  [10.5, -2, 7],
  [20.25, 3, 7],
  [13.1, 0.5, 7],
];

describe('MinMaxScaler', () => {
  const scaler = new MinMaxScaler(['a', 'b', 'c']).fit(rows);

  it('maps each column to (x - min) / (max - min), constant columns to x - min', () => {
    const expected = [
      [0, 0, 0],
      [1, 1, 0],
      [(13.1 - 10.5) / 9.75, 2.5 / 5, 0],
    ];
    scaler.transform(rows).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 14)));
  });

  it('extrapolates outside the fitted range', () => {
    const [row] = scaler.transform([[25, -7, 9]]);
    expect(row![0]).toBeCloseTo((25 - 10.5) / 9.75, 14);
    expect(row![1]).toBeCloseTo(-1, 14);
    expect(row![2]).toBeCloseTo(2, 14);
  });

  it('inverts its transform', () => {
    const back = scaler.inverseTransform(scaler.transform(rows));
    back.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(rows[i]![j]!, 12)));
    // sklearn's (x - offset) / scale can be an ulp off, hence toBeCloseTo.
    const column = scaler.inverseColumn([0, 1, 0.5], 0);
    [10.5, 20.25, 10.5 + 0.5 * 9.75].forEach((v, i) => expect(column[i]).toBeCloseTo(v, 12));
  });

  it('scales single columns like whole rows', () => {
    const column = rows.map((r) => r[1]!);
    expect(scaler.transformColumn(column, 1)).toEqual(scaler.transform(rows).map((r) => r[1]));
  });

  it('exposes the affine map scaled = raw * scale + offset', () => {
    expect(scaler.affine(0)).toEqual({ scale: 1 / 9.75, offset: -10.5 / 9.75 });
    expect(scaler.affine(2)).toEqual({ scale: 1, offset: -7 });
    const { scale, offset } = scaler.affine(1);
    expect(0.5 * scale + offset).toBe(scaler.transformColumn([0.5], 1)[0]);
  });

  it('saves min and max', () => {
    expect(scaler.toJSON()).toEqual({ kind: 'minmax', columns: ['a', 'b', 'c'], min: [10.5, -2, 7], max: [20.25, 3, 7] });
  });

  it('refuses to work before fit, on wrong widths and on non-finite data', () => {
    const fresh = new MinMaxScaler(['a']);
    expect(catchError(() => fresh.transform([[1]])).message).toBe('minmax scaler: transform called before fit; call fit(trainingRows) first');
    expect(() => fresh.toJSON()).toThrow(/before fit/);
    expect(() => fresh.fit([])).toThrow(/zero rows/);
    expect(() => fresh.fit([[1], [Number.NaN]])).toThrow(/row 1, column a is NaN/);
    expect(() => scaler.transform([[1, 2]])).toThrow(/row 0 has 2 values but the scaler has 3 columns/);
    expect(() => scaler.transformColumn([1], 3)).toThrow(/column index 3/);
  });

  it('fits long columns without overflowing the stack', () => {
    const long = Array.from({ length: 300_000 }, (_, i) => [i]);
    expect(new MinMaxScaler(['i']).fit(long).toJSON().max).toEqual([299_999]);
  });
});
