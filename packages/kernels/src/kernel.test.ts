import { describe, expect, it } from 'vitest';
import { sigmoid, tanh, workspace } from './kernel.js';
import { instantiateSimd } from './kernels.js';

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

describe("the module's tanh (wat/tanh.mjs, Estrin's scheme in float32)", () => {
  for (const flavour of ['baseline', 'relaxed'] as const) {
    const k = instantiateSimd(flavour);
    it.runIf(k)(`${flavour}: tanh_block stays within 3.6e-7 of Math.tanh from -20 to 20, and is odd`, () => {
      const n = 40001, v = Float32Array.from({ length: n }, (_, i) => -20 + i * 1e-3);
      if (k!.memory.buffer.byteLength < 4 * n + 64) k!.memory.grow(Math.ceil((4 * n + 64) / 65536));
      const f32 = new Float32Array(k!.memory.buffer);
      f32.set(v);
      k!.tanh_block(0, n);
      let worst = 0;
      for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(f32[i]! - Math.tanh(v[i]!)));
      expect(worst).toBeLessThan(3.6e-7);
      expect(worst).toBeGreaterThan(0); // a float32 approximation, not Math.tanh
      const y = f32.slice(0, n);
      f32.set(v.map((x) => -x));
      k!.tanh_block(0, n);
      expect(y.findIndex((t, i) => t + f32[i]! !== 0)).toBe(-1);
    });
  }
});

describe('workspace', () => {
  it('hands each name its array again, zeroed unless the caller overwrites it whole', () => {
    const alloc = workspace();
    const a = alloc('a', 4);
    a.set([1, 2, 3, 4]);
    const again = alloc('a', 4, true);
    expect(again).toBe(a);
    expect(Array.from(again)).toEqual([1, 2, 3, 4]);
    expect(Array.from(alloc('a', 4))).toEqual([0, 0, 0, 0]);
    expect(alloc('a', 5)).not.toBe(a); // another size: a new array
  });
});
