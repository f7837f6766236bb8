// A test helper: Yahoo-style daily price CSVs of another stock than the bundled one.

/** Options of {@link priceCsv}. */
export interface PriceCsvOptions {
  /** First calendar day, YYYY-MM-DD. */
  start?: string;
  /** Trading days (weekdays) to write, null days included. */
  days?: number;
  /** Price around which the series wanders (an AAPL-like 150 by default). */
  level?: number;
  /** Days written as Yahoo writes a day without trading: a row of nulls. */
  nullDays?: string[];
}

/** Date,Open,High,Low,Close,Adj Close,Volume of a seeded random walk on weekdays, ascending; `closes` and `dates` of the rows with values. */
export function priceCsv({ start = '2019-01-02', days = 400, level = 150, nullDays = [] }: PriceCsvOptions = {}): { text: string; closes: number[]; dates: string[] } {
  let seed = 7;
  const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const lines = ['Date,Open,High,Low,Close,Adj Close,Volume'];
  const closes: number[] = [];
  const dates: string[] = [];
  let price = level;
  for (let t = Date.parse(`${start}T00:00:00Z`); lines.length - 1 < days; t += 86_400_000) {
    const day = new Date(t);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    const date = day.toISOString().slice(0, 10);
    if (nullDays.includes(date)) {
      lines.push(`${date},null,null,null,null,null,null`);
      continue;
    }
    const open = price * (1 + (random() - 0.5) * 0.02);
    const close = Number((open * (1 + (random() - 0.5) * 0.03)).toFixed(2));
    const high = Math.max(open, close) * (1 + random() * 0.01), low = Math.min(open, close) * (1 - random() * 0.01);
    lines.push([date, open.toFixed(2), high.toFixed(2), low.toFixed(2), close, close, Math.round(1e6 * random())].join(','));
    closes.push(close);
    dates.push(date);
    price = close;
  }
  return { text: `${lines.join('\n')}\n`, closes, dates };
}
