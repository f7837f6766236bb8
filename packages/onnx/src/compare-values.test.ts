import { expect, it } from 'vitest';
import { compareValues } from './compare-values.js';

it('gives the largest absolute and relative differences, the floor keeping a zero reference finite', () => {
  // differences 0.5, 0.25, 1e-3 against 2, -0.5, 0: relative 0.25, 0.5, 1e-3 / 1e-6 = 1000
  const d = compareValues([2.5, -0.25, 1e-3], [2, -0.5, 0], 1e-6);
  expect(d.n).toBe(3);
  expect(d.maxAbs).toBe(0.5);
  expect(d.maxRel).toBeCloseTo(1000, 9);
  expect(d.maxReference).toBe(2);
  expect(d.beyond).toBe(0);
  expect(compareValues([2.5, -0.25, 1e-3], [2, -0.5, 0], 1e-2).maxRel).toBe(0.5);
});

it('counts values beyond atol + rtol·|reference|, and NaNs instead of maxing them', () => {
  const d = compareValues([1.1, 2, NaN, NaN, Infinity], [1, 2.5, 3, NaN, Infinity], 1e-12, { atol: 0.05, rtol: 0.1 });
  // 0.1 ≤ 0.05 + 0.1·1; 0.5 > 0.05 + 0.25; NaN vs 3 mismatches; NaN vs NaN and ∞ − ∞ have no difference.
  expect(d.beyond).toBe(1);
  expect(d.nanMismatches).toBe(1);
  expect(d.undefinedCount).toBe(3);
  expect(d.maxAbs).toBe(0.5);
});
