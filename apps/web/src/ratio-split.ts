// An uploaded file's own train and test dates, as the CLI splits a --data file (--test-ratio 0.2).
import { splitByRatio, type DateRange, type PriceTable } from '@rnnkit/datasets';

/** The first rows as training days and the last `round(n · testRatio)` as test days. */
export function ratioSplitDates(table: PriceTable, testRatio: number): { train: DateRange; test: DateRange } {
  const { train, test } = splitByRatio(table, testRatio);
  const span = (dates: string[]) => ({ from: dates[0]!, to: dates.at(-1)! });
  if (!train.dates.length || !test.dates.length) {
    throw new Error(`${table.source}: too few rows (${table.dates.length}) to split into training days and the last ${testRatio * 100}% as test days; use a longer file`);
  }
  return { train: span(train.dates), test: span(test.dates) };
}
