import type { PriceTable } from './csv.js';
import { isIsoDate } from './iso-date.js';

/** An inclusive span of days, both ends YYYY-MM-DD. */
export interface DateRange {
  /** First day, YYYY-MM-DD, included. */
  from: string;
  /** Last day, YYYY-MM-DD, included. */
  to: string;
}

/**
 * Parses `FROM:TO` (YYYY-MM-DD each, FROM <= TO) as given to a command-line flag.
 * Throws a one-line RangeError naming `flag` otherwise.
 */
export function parseDateRange(text: string, flag = 'range'): DateRange {
  const parts = text.trim().split(':');
  const [from, to] = parts;
  if (parts.length !== 2 || from === undefined || to === undefined || !isIsoDate(from) || !isIsoDate(to)) {
    throw new RangeError(`${flag} ${JSON.stringify(text)} is not FROM:TO with real dates as YYYY-MM-DD; write e.g. ${flag} 2020-01-01:2022-12-31`);
  }
  if (from > to) throw new RangeError(`${flag} ${text} starts after it ends; write the earlier date first`);
  return { from, to };
}

/** The rows of `table` dated within `range`, both ends included. */
export function sliceByDate(table: PriceTable, range: DateRange): PriceTable {
  // Dates are ascending and YYYY-MM-DD strings sort like the dates they name.
  const start = table.dates.findIndex((d) => d >= range.from);
  if (start < 0) return sliceRows(table, 0, 0);
  let end = start;
  while (end < table.dates.length && (table.dates[end] ?? '') <= range.to) end++;
  return sliceRows(table, start, end);
}

/**
 * Splits chronologically: the last `round(n * testRatio)` rows are the test part.
 * `testRatio` must lie strictly between 0 and 1.
 */
export function splitByRatio(table: PriceTable, testRatio: number): {
  /** The earlier rows. */
  train: PriceTable;
  /** The last `round(n * testRatio)` rows. */
  test: PriceTable;
} {
  if (!(testRatio > 0 && testRatio < 1)) {
    throw new RangeError(`test ratio ${testRatio} must lie strictly between 0 and 1; use e.g. 0.2`);
  }
  const n = table.dates.length;
  const cut = n - Math.round(n * testRatio);
  return { train: sliceRows(table, 0, cut), test: sliceRows(table, cut, n) };
}

/** Rows start..end-1 of a table (row arrays are shared, not copied). */
function sliceRows(table: PriceTable, start: number, end: number): PriceTable {
  return {
    source: table.source,
    columns: [...table.columns],
    dates: table.dates.slice(start, end),
    values: table.values.slice(start, end),
    lines: table.lines.slice(start, end),
  };
}
