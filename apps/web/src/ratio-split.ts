// An uploaded file's own train and test dates, as the CLI splits a --data file (--test-ratio 0.2).
import type { DateRange, PriceTable } from '@rnnkit/datasets';
import { resolveSplit, type RowSpan } from '@rnnkit/forecast';

/** The first rows as training days and the last `round(n · testRatio)` as test days. */
export function ratioSplitDates(table: PriceTable, testRatio: number): { train: DateRange; test: DateRange } {
  const { train, test } = resolveSplit(table, { testRatio });
  const span = ({ start, end }: RowSpan) => ({ from: table.dates[start]!, to: table.dates[end - 1]! });
  if (train.end <= train.start || test.end <= test.start) {
    throw new Error(`${table.source}: too few rows (${table.dates.length}) to split into training days and the last ${testRatio * 100}% as test days; use a longer file`);
  }
  return { train: span(train), test: span(test) };
}
