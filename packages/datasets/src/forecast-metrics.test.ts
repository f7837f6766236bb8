import { describe, expect, it } from 'vitest';
import { forecastMetrics } from './forecast-metrics.js';

describe('forecastMetrics', () => {
  it('computes MSE, RMSE, MAE and MAPE (percent)', () => {
    // errors 10, -10, 0, 4 → squares 100, 100, 0, 16; relative 0.1, 0.05, 0, 0.05
    const m = forecastMetrics([100, 200, 50, 80], new Float32Array([110, 190, 50, 76]));
    expect(m.mse).toBeCloseTo(54, 12);
    expect(m.rmse).toBeCloseTo(Math.sqrt(54), 12);
    expect(m.mae).toBeCloseTo(6, 12);
    expect(m.mape).toBeCloseTo(5, 12);
  });

  it('is zero for a perfect forecast and uses |actual| for MAPE', () => {
    expect(forecastMetrics([1, 2], [1, 2])).toEqual({ mse: 0, rmse: 0, mae: 0, mape: 0 });
    expect(forecastMetrics([-50], [-40]).mape).toBeCloseTo(20, 12);
  });

  it('reports an infinite MAPE when an actual value is 0', () => {
    expect(forecastMetrics([0, 10], [0, 10]).mape).toBe(Infinity);
  });

  it('throws on mismatched or empty input', () => {
    expect(() => forecastMetrics([1, 2], [1])).toThrow('forecastMetrics: 2 actual values but 1 predictions');
    expect(() => forecastMetrics([], [])).toThrow('forecastMetrics: no values to compare');
  });
});
