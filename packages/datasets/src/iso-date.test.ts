import { describe, expect, it } from 'vitest';
import { isIsoDate } from './iso-date.js';

describe('isIsoDate', () => {
  it.each(['2020-01-01', '2020-02-29', '2000-02-29', '2023-12-31', '2024-04-30'])('accepts %s', (d) => {
    expect(isIsoDate(d)).toBe(true);
  });

  it.each(['2021-02-29', '1900-02-29', '2020-04-31', '2020-13-01', '2020-00-10', '2020-01-00', '2020-1-1', '20-01-01', '2020/01/01', '2020-01-01 ', ''])(
    'rejects %j',
    (d) => {
      expect(isIsoDate(d)).toBe(false);
    },
  );
});
