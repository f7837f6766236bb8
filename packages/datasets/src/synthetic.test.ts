import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { randomWalk, sineMix } from './synthetic.js';
import { seededUniform as mulberry32 } from './synthetic-suite.js';

describe.each([
  ['sineMix', sineMix],
  ['randomWalk', randomWalk],
] as const)('%s', (name, make) => {
  const table = make({ length: 400, random: mulberry32(7) });

  it('gives valid positive OHLC rows', () => {
    expect(table.columns).toEqual(['Open', 'High', 'Low', 'Close']);
    expect(table.source).toBe(`<${name}>`);
    expect(table.values.length).toBe(400);
    for (const [open, high, low, close] of table.values) {
      expect(high).toBeGreaterThanOrEqual(Math.max(open!, close!));
      expect(low).toBeLessThanOrEqual(Math.min(open!, close!));
      expect(low).toBeGreaterThan(0);
    }
    expect(table.lines.slice(0, 3)).toEqual([2, 3, 4]);
  });

  it('uses consecutive weekdays', () => {
    expect(table.dates.slice(0, 4)).toEqual(['2020-01-01', '2020-01-02', '2020-01-03', '2020-01-06']);
    for (let i = 1; i < table.dates.length; i++) {
      const gap = (Date.parse(table.dates[i]!) - Date.parse(table.dates[i - 1]!)) / 86_400_000;
      const weekday = new Date(table.dates[i]!).getUTCDay();
      expect(weekday >= 1 && weekday <= 5).toBe(true);
      expect(gap === 1 || (gap === 3 && weekday === 1)).toBe(true);
    }
    expect(make({ length: 2, random: mulberry32(1), start: '2024-11-09' }).dates).toEqual(['2024-11-11', '2024-11-12']);
  });

  it('is reproducible from the seed', () => {
    expect(make({ length: 400, random: mulberry32(7) })).toEqual(table);
    expect(make({ length: 400, random: mulberry32(8) }).values).not.toEqual(table.values);
  });

  it('survives a CSV round trip', () => {
    const text = ['Date,Open,High,Low,Close', ...table.dates.map((d, i) => [d, ...table.values[i]!].join(','))].join('\n');
    expect(parseCsv(text, { source: `<${name}>`, columns: table.columns })).toEqual({ ...table, skipped: [] });
  });

  it('rejects a bad length or start', () => {
    expect(() => make({ length: 0, random: mulberry32(1) })).toThrow(/length 0/);
    expect(() => make({ length: 2, random: mulberry32(1), start: '2020-02-30' })).toThrow(/start "2020-02-30"/);
  });
});

describe('series shapes', () => {
  it('sineMix stays within 100 ± 16', () => {
    const closes = sineMix({ length: 1000, random: mulberry32(3) }).values.map((r) => r[3]!);
    expect(Math.min(...closes)).toBeGreaterThan(84);
    expect(Math.max(...closes)).toBeLessThan(116);
    expect(Math.max(...closes) - Math.min(...closes)).toBeGreaterThan(20); // the sines really move it
  });

  it('randomWalk moves at most 1% a day', () => {
    const closes = randomWalk({ length: 1000, random: mulberry32(3) }).values.map((r) => r[3]!);
    for (let i = 1; i < closes.length; i++) expect(Math.abs(closes[i]! / closes[i - 1]! - 1)).toBeLessThanOrEqual(0.01);
  });
});
