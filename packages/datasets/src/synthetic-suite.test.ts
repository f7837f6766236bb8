import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.js';
import { bestSkill, syntheticSeries, toYahooCsv, type SyntheticKind } from './synthetic-suite.js';

const N = 20_000;

// The best achievable skill in closed form, for small daily noise (log return ≈ relative change):
// naive's error is the whole change, the conditional mean's only the noise.
const formulas: [SyntheticKind, number][] = [
  ['ar', 1 - Math.sqrt(1 - 0.6 ** 2)], // var(r) = σ²/(1 − φ²)
  ['weekday', 1 - 1 / Math.sqrt(1 + [0.9, -0.45, 0, -0.9, 0.45].reduce((s, m) => s + m * m, 0) / 5)], // E r² = σ² + mean m²
  ['ou', 1 - 1 / Math.sqrt(1 + (1 - 0.7) ** 2 / (1 - 0.7 ** 2))], // E Δ² = σ² + (1 − a)² σ²/(1 − a²)
  ['randomwalk', 0],
];

describe('syntheticSeries', () => {
  it.each(formulas)('%s: the best skill over %d rows matches its formula', (kind, expected) => {
    const series = syntheticSeries({ kind, length: N, seed: 1 });
    expect(Math.abs(bestSkill(series, 1, N) - expected)).toBeLessThan(0.01);
  });

  it.each(formulas)('%s: the conditional mean leaves residuals with mean 0, uncorrelated with the last change', (kind) => {
    const { table, conditionalMean } = syntheticSeries({ kind, length: N, seed: 2 });
    const close = table.values.map((r) => r[3]!);
    const res: number[] = [];
    const lastChange: number[] = [];
    for (let t = 2; t < N; t++) {
      res.push((close[t]! - conditionalMean[t]!) / close[t - 1]!);
      lastChange.push((close[t - 1]! - close[t - 2]!) / close[t - 2]!);
    }
    const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const [mr, ml] = [mean(res), mean(lastChange)];
    const sd = (v: number[], m: number) => Math.sqrt(mean(v.map((x) => (x - m) ** 2)));
    const corr = mean(res.map((r, i) => (r - mr) * (lastChange[i]! - ml))) / (sd(res, mr) * sd(lastChange, ml));
    expect(Math.abs(mr) / sd(res, mr)).toBeLessThan(4 / Math.sqrt(res.length));
    expect(Math.abs(corr)).toBeLessThan(4 / Math.sqrt(res.length));
  });

  it('writes a Yahoo CSV that parses back, trading days only, High ≥ Open,Close ≥ Low > 0', () => {
    const { table } = syntheticSeries({ kind: 'weekday', length: 300, seed: 3 });
    const back = parseCsv(toYahooCsv(table), { source: 'w.csv', columns: ['Open', 'High', 'Low', 'Close'] });
    expect(back.dates).toEqual(table.dates);
    expect(back.values[10]![3]).toBeCloseTo(table.values[10]![3]!, 5);
    for (const [o, h, l, c] of table.values) {
      expect(h).toBeGreaterThanOrEqual(Math.max(o!, c!));
      expect(l).toBeLessThanOrEqual(Math.min(o!, c!));
      expect(l).toBeGreaterThan(0);
    }
    expect(table.dates.every((d) => ![0, 6].includes(new Date(d).getUTCDay()))).toBe(true);
  });

  it('is reproducible from the seed', () => {
    expect(syntheticSeries({ kind: 'ar', length: 50, seed: 4 })).toEqual(syntheticSeries({ kind: 'ar', length: 50, seed: 4 }));
    expect(syntheticSeries({ kind: 'ar', length: 50, seed: 5 }).table.values).not.toEqual(syntheticSeries({ kind: 'ar', length: 50, seed: 4 }).table.values);
  });
});
