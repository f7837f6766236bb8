/** A Yahoo-style CSV of a seeded random walk, weekdays only: small test data no other file depends on. */
export function walkCsv(rows: number, seed: number): string {
  let s = seed >>> 0;
  const rand = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const lines = ['Date,Open,High,Low,Close,Adj Close,Volume'];
  let close = 180;
  const day = new Date(Date.UTC(2019, 0, 1));
  for (let i = 0; i < rows; ) {
    day.setUTCDate(day.getUTCDate() + 1);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    const open = close * (1 + 0.01 * (rand() - 0.5));
    close = open * (1 + 0.03 * (rand() - 0.5));
    const high = Math.max(open, close) * (1 + 0.01 * rand());
    const low = Math.min(open, close) * (1 - 0.01 * rand());
    lines.push([day.toISOString().slice(0, 10), open.toFixed(4), high.toFixed(4), low.toFixed(4), close.toFixed(4), close.toFixed(4), 1000 + i].join(','));
    i++;
  }
  return `${lines.join('\n')}\n`;
}
