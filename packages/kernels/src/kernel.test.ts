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

  it('sigmoid stays within 1.4e-7 of 1 / (1 + e^-v)', () => {
    let worst = 0;
    for (let v = -40; v <= 40; v += 1e-3) worst = Math.max(worst, Math.abs(sigmoid(v) - 1 / (1 + Math.exp(-v))));
    expect(worst).toBeLessThan(1.4e-7);
    expect(sigmoid(0)).toBe(0.5);
  });
});
