import { describe, expect, it } from 'vitest';
import { skippedRowLines } from './skipped-rows.js';

describe('skippedRowLines', () => {
  it('names the dates, one line per reason, and counts the ones beyond ten', () => {
    expect(skippedRowLines([])).toEqual([]);
    expect(skippedRowLines([
      { date: '2020-01-02', line: 2, reason: 'no trading' },
      { date: '2020-01-03', line: 3, reason: 'no trading' },
      { date: '2020-01-07', line: 6, reason: 'missing' },
    ])).toEqual([
      'skipped 2 rows with no trading (all null): 2020-01-02, 2020-01-03',
      'skipped 1 row with missing values (--missing skip): 2020-01-07',
    ]);
    const many = Array.from({ length: 13 }, (_, i) => ({ date: `2020-02-${String(i + 1).padStart(2, '0')}`, line: i + 2, reason: 'no trading' as const }));
    expect(skippedRowLines(many)[0]).toBe('skipped 13 rows with no trading (all null): 2020-02-01, 2020-02-02, 2020-02-03, 2020-02-04, 2020-02-05, 2020-02-06, 2020-02-07, 2020-02-08, 2020-02-09, 2020-02-10 and 3 more');
  });
});
