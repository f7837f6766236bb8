import { describe, expect, it } from 'vitest';
import { BUNDLED_DATASET, bundledCsvUrl, loadBundledCsv } from './bundled.js';
import { parseCsv } from './csv.js';

describe('bundled dataset', () => {
  it('points at data/samsung_005930.csv', () => {
    const url = bundledCsvUrl();
    expect(url.protocol).toBe('file:');
    expect(url.pathname.endsWith(`/datasets/data/${BUNDLED_DATASET.file}`)).toBe(true);
    expect(BUNDLED_DATASET.name).toBe('samsung_005930');
  });

  it('loads 3699 clean daily rows from 2009-11-09 to 2024-11-08', async () => {
    const text = await loadBundledCsv();
    expect(text.startsWith('Date,Open,High,Low,Close,Volume')).toBe(true);
    const table = parseCsv(text, { source: BUNDLED_DATASET.file, columns: ['Open', 'High', 'Low', 'Close', 'Volume'] });
    expect(table.dates.length).toBe(3699);
    expect(table.dates[0]).toBe('2009-11-09');
    expect(table.dates[3698]).toBe('2024-11-08');
    expect(table.values[0]).toEqual([14539, 14640, 14440, 14480, 269437]);
    expect(table.values[3698]).toEqual([58000, 58300, 57000, 57000, 13451844]);
  });

  it('has exactly the known quirks: three suspended days at 0 and 1-won rounding of High', async () => {
    const table = parseCsv(await loadBundledCsv(), { columns: ['Open', 'High', 'Low', 'Close'] });
    // Trading was suspended for the 2018 50:1 split; the source reports Open/High/Low as 0.
    const zero = table.dates.filter((_, i) => table.values[i]!.slice(0, 3).every((v) => v === 0));
    expect(zero).toEqual(['2018-04-30', '2018-05-02', '2018-05-03']);
    let roundedHighs = 0;
    table.values.forEach(([open, high, low, close], i) => {
      if (zero.includes(table.dates[i]!)) return;
      expect(low).toBeGreaterThan(0);
      expect(low).toBeLessThanOrEqual(Math.min(open!, close!));
      // Rounding in the adjusted source prices left some Highs one won under the Close.
      expect(high).toBeGreaterThanOrEqual(Math.max(open!, close!) - 1);
      if (high! < Math.max(open!, close!)) roundedHighs++;
    });
    expect(roundedHighs).toBe(12);
  });
});
