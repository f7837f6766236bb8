import { describe, expect, it } from 'vitest';
import { sigmoid, tanh } from './kernel.js';

describe('kernel activations', () => {
  it('tanh stays within 2.6e-7 of Math.tanh from -20 to 20, odd and saturating', () => {
    let worst = 0;
    for (let v = -20; v <= 20; v += 1e-3) worst = Math.max(worst, Math.abs(tanh(v) - Math.tanh(v)));
    expect(worst).toBeLessThan(2.7e-7);
    expect(tanh(0)).toBe(0);
    expect(tanh(-0.3)).toBe(-tanh(0.3));
    expect(tanh(1e6)).toBeCloseTo(1, 6);
  });

  it('sigmoid is 1 / (1 + e^-v)', () => {
    for (const v of [-30, -2, 0, 0.5, 7]) expect(sigmoid(v)).toBeCloseTo(1 / (1 + Math.exp(-v)), 15);
  });
});
