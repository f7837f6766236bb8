import { describe, expect, it } from 'vitest';
import { outsideTrainingRange } from './training-range.js';

const range = { columns: ['Open', 'Close'], min: [42_000, 42_500], max: [91_000, 90_000] };
const table = (closes: number[]) => ({
  source: 'x.csv', columns: ['Open', 'Close'], lines: closes.map((_, i) => i + 2),
  dates: closes.map((_, i) => `2024-01-0${i + 1}`), values: closes.map((c) => [60_000, c]),
});

describe('outsideTrainingRange', () => {
  it('accepts values within a factor of 10 of the training range', () => {
    expect(outsideTrainingRange(table([5_000, 899_000, 57_000]), 3, range, 'bundled.csv', 'Close')).toBeNull();
  });

  it('names the column, value, date and the training range of another series', () => {
    expect(outsideTrainingRange(table([60_000, 151.3, 150.25]), 2, range, 'samsung.csv', 'Close')).toBe(
      'Close 150.25 on 2024-01-03 is 1/283 of the smallest Close the model was trained on (42,500..90,000 in samsung.csv)',
    );
    expect(outsideTrainingRange(table([60_000, 950_000]), 2, range, 's.csv', 'Close')).toBe(
      'Close 950,000 on 2024-01-02 is 10.6× the largest Close the model was trained on (42,500..90,000 in s.csv)',
    );
  });

  it('reports the target before the other columns', () => {
    const both = { ...table([150]), values: [[151, 150]] };
    expect(outsideTrainingRange(both, 1, range, 's.csv', 'Close')).toMatch(/^Close 150 on /);
    expect(outsideTrainingRange(both, 1, range, 's.csv', 'Open')).toMatch(/^Open 151 on /);
  });

  it('reads only the window: older rows do not matter', () => {
    expect(outsideTrainingRange(table([1, 60_000, 61_000]), 2, range, 's.csv', 'Close')).toBeNull();
  });
});
