import { describe, expect, it } from 'vitest';
import { errorMeasures, skillScore } from './error-measures.js';

describe('errorMeasures', () => {
  it('computes RMSE, MAE, MAPE (percent) and MASE', () => {
    // errors 10, -10, 0, 4 → squares 100, 100, 0, 16 (MSE 54); relative 0.1, 0.05, 0, 0.05
    const m = errorMeasures([100, 200, 50, 80], new Float32Array([110, 190, 50, 76]), 3);
    expect(m.rmse ** 2).toBeCloseTo(54, 12);
    expect(m.rmse).toBeCloseTo(Math.sqrt(54), 12);
    expect(m.mae).toBeCloseTo(6, 12);
    expect(m.mape).toBeCloseTo(5, 12);
    expect(m.mase).toBeCloseTo(2, 12);
  });

  it('is zero for a perfect forecast and uses |actual| for MAPE', () => {
    expect(errorMeasures([1, 2], [1, 2], 1)).toEqual({ rmse: 0, mae: 0, mape: 0, mase: 0 });
    expect(errorMeasures([-50], [-40], 1).mape).toBeCloseTo(20, 12);
  });

  it('reports an infinite MAPE when an actual value is 0', () => {
    expect(errorMeasures([0, 10], [0, 10], 1).mape).toBe(Infinity);
  });

  it('throws on mismatched or empty input', () => {
    expect(() => errorMeasures([1, 2], [1], 1)).toThrow('errorMeasures: 2 actual values but 1 predictions');
    expect(() => errorMeasures([], [], 1)).toThrow('errorMeasures: no values to compare');
  });

  it('skill is 1 − RMSE_model / RMSE_naive', () => {
    const model = errorMeasures([10, 20], [11, 19], 1);
    const naive = errorMeasures([10, 20], [12, 18], 1);
    expect(skillScore(model, naive)).toBeCloseTo(0.5, 12);
  });
});
