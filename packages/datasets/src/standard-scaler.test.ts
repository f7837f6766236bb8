import { describe, expect, it } from 'vitest';
import { StandardScaler } from './standard-scaler.js';

// Column a has mean 5 and population std 2 (the sample std would be 2.138...).
const a = [2, 4, 4, 4, 5, 5, 7, 9];
const rows = a.map((v) => [v, 0.1, v * 1000 + 0.5]);

describe('StandardScaler', () => {
  const scaler = new StandardScaler(['a', 'const', 'big']).fit(rows);

  it('uses the population std (ddof = 0) and std 1 for a constant column', () => {
    const state = scaler.toJSON();
    expect(state.kind).toBe('standard');
    expect(state.mean![0]).toBeCloseTo(5, 14);
    expect(state.std![0]).toBeCloseTo(2, 14);
    expect(state.mean![1]).toBeCloseTo(0.1, 15);
    expect(state.std![1]).toBe(1); // summing 0.1 eight times leaves rounding noise, still constant
    expect(state.mean![2]).toBeCloseTo(5000.5, 9);
    expect(state.std![2]).toBeCloseTo(2000, 9);
  });

  it('maps x to (x - mean) / std', () => {
    const out = scaler.transform(rows);
    const expected = [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2];
    out.forEach((row, i) => {
      expect(row[0]).toBeCloseTo(expected[i]!, 14);
      expect(row[1]).toBeCloseTo(0, 14);
      expect(row[2]).toBeCloseTo(expected[i]!, 12);
    });
  });

  it('inverts its transform', () => {
    scaler.inverseTransform(scaler.transform(rows)).forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(rows[i]![j]!, 10)));
    expect(scaler.inverseColumn([1], 0)[0]).toBeCloseTo(7, 14);
  });

  it('exposes the affine map scaled = raw * scale + offset', () => {
    const { scale, offset } = scaler.affine(0);
    expect(scale).toBeCloseTo(0.5, 14);
    expect(offset).toBeCloseTo(-2.5, 14);
    expect(9 * scale + offset).toBeCloseTo(scaler.transformColumn([9], 0)[0]!, 14);
  });

  it('rejects a zero std when restored', () => {
    expect(() => StandardScaler.fromStats(['a'], [1], [0])).toThrow(/std must be > 0/);
  });
});
