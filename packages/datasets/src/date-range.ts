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
