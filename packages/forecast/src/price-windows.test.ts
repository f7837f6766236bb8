// The raw windows a raw-price ONNX graph reads, checked against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { priceWindowsAt } from './price-windows.js';
import type { Series } from './series.js';

// Open is 0 on a halted day (2020-01-09, row 3); the target High is not a feature.
const series: Series = {
  source: 't.csv',
  dates: ['2020-01-06', '2020-01-07', '2020-01-08', '2020-01-09', '2020-01-10', '2020-01-13'],
  columns: ['Open', 'Close', 'High'],
  rows: [[10, 11, 12], [20, 21, 22], [30, 31, 32], [0, 41, 42], [50, 51, 52], [60, 61, 62]],
  featureCount: 2,
  targetCol: 2,
};

describe('priceWindowsAt', () => {
  it('level: seqLength raw rows of every column, batch-major, no rows before the window', () => {
    const w = priceWindowsAt(series, {}, [2, 5], 2);
    expect([w.n, w.rows, w.columns, w.covariates]).toEqual([2, 2, 3, 0]);
    expect(Array.from(w.prices)).toEqual([20, 21, 22, 30, 31, 32, 50, 51, 52, 60, 61, 62]);
    expect(w.origins).toEqual([2, 5]);
  });

  it('logret: one row before the window; a 0 stays inside the window, and a first row\'s 0 is the last positive value', () => {
    const mid = priceWindowsAt(series, { inputTransform: 'logret' }, [4], 3);
    expect(mid.rows).toBe(4);
    expect(Array.from(mid.prices)).toEqual([20, 21, 22, 30, 31, 32, 0, 41, 42, 50, 51, 52]);
    const first = priceWindowsAt(series, { inputTransform: 'logret' }, [5], 2);
    expect(Array.from(first.prices)).toEqual([30, 41, 42, 50, 51, 52, 60, 61, 62]);
    // diff takes no logs: the 0 is the value.
    expect(Array.from(priceWindowsAt(series, { inputTransform: 'diff' }, [5], 2).prices)).toEqual([0, 41, 42, 50, 51, 52, 60, 61, 62]);
  });

  it('calendar: the one-hot of the target day, the next row (after the last row: the next weekday)', () => {
    const w = priceWindowsAt(series, { calendar: ['dayofweek'] }, [3, 5], 2);
    expect(w.covariates).toBe(7);
    // Row 4 is Friday 2020-01-10; after Monday 2020-01-13 comes Tuesday.
    expect(Array.from(w.calendar)).toEqual([0, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });
});
