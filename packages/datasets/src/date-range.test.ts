import { describe, expect, it } from 'vitest';
import { parseDateRange } from './date-range.js';
import { catchError } from './test-utils/catch-error.js';

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
