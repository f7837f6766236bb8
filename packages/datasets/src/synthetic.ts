import type { PriceTable } from './csv.js';
import { isIsoDate } from './iso-date.js';

/** Options of the synthetic series. */
export interface SyntheticOptions {
  /** Number of rows (days). */
  length: number;
  /** Uniform [0, 1) source; pass a seeded generator for reproducible data. */
  random: () => number;
  /** First day, YYYY-MM-DD (moved to the next Monday if it is a weekend); default 2020-01-01. */
  start?: string;
}

const COLUMNS = ['Open', 'High', 'Low', 'Close'];

/**
 * A smooth, learnable series around 100: two sines with random phases plus
 * a little noise. Columns Open, High, Low, Close on consecutive weekdays.
 */
export function sineMix({ length, random, start = '2020-01-01' }: SyntheticOptions): PriceTable {
  const slow = random() * 2 * Math.PI;
  const fast = random() * 2 * Math.PI;
  const closes: number[] = [];
  for (let t = 0; t < checkLength(length); t++) {
    closes.push(100 + 10 * Math.sin((2 * Math.PI * t) / 50 + slow) + 4 * Math.sin((2 * Math.PI * t) / 9 + fast) + (random() - 0.5));
  }
  // Open near the previous close, as a market opens near where it closed.
  return table('sineMix', start, closes, (t) => (closes[t - 1] ?? closes[0] ?? 100) + (random() - 0.5) * 0.5, random);
}

/**
 * A geometric random walk from 100 (±1% a day at most), so prices stay
 * positive. Columns Open, High, Low, Close on consecutive weekdays.
 */
export function randomWalk({ length, random, start = '2020-01-01' }: SyntheticOptions): PriceTable {
  const closes: number[] = [];
  let price = 100;
  for (let t = 0; t < checkLength(length); t++) {
    price *= 1 + 0.02 * (random() - 0.5);
    closes.push(price);
  }
  return table('randomWalk', start, closes, (t) => (closes[t - 1] ?? 100) * (1 + 0.004 * (random() - 0.5)), random);
}

function checkLength(length: number): number {
  if (!Number.isInteger(length) || length < 1) throw new RangeError(`length ${length} must be a whole number >= 1`);
  return length;
}

/** Wraps closes into OHLC rows: High/Low stretch up to 1% beyond the open-close body. */
function table(name: string, start: string, closes: number[], openAt: (t: number) => number, random: () => number): PriceTable {
  const values = closes.map((close, t) => {
    const open = openAt(t);
    const high = Math.max(open, close) * (1 + 0.01 * random());
    const low = Math.min(open, close) * (1 - 0.01 * random());
    return [open, high, low, close];
  });
  // lines[] as if written to a CSV with one header line.
  return { source: `<${name}>`, dates: weekdays(start, closes.length), columns: [...COLUMNS], values, lines: closes.map((_, i) => i + 2) };
}

/** `count` consecutive weekdays (Mon-Fri) from `start`, as YYYY-MM-DD. */
export function weekdays(start: string, count: number): string[] {
  if (!isIsoDate(start)) throw new RangeError(`start ${JSON.stringify(start)} must be a date written YYYY-MM-DD`);
  const day = new Date(`${start}T00:00:00Z`);
  const dates: string[] = [];
  while (dates.length < count) {
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) dates.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return dates;
}
