import { describe, expect, it } from 'vitest';
import { Rng } from './random.js';

describe('Rng', () => {
  it('repeats the same stream for the same seed and differs for another', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const xa = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xa);
  });

  it('resumes a stream from its saved state', () => {
    const a = new Rng(7);
    a.next(); a.next();
    const resumed = Rng.fromState(a.state);
    expect([resumed.next(), resumed.next()]).toEqual([a.next(), a.next()]);
  });

  it('draws uniform values with the right mean and variance', () => {
    const r = new Rng(1);
    const n = 20000;
    const xs = Array.from({ length: n }, () => r.uniform(-2, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(-2);
    expect(Math.max(...xs)).toBeLessThan(2);
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance).toBeCloseTo(16 / 12, 1); // U(a,b): (b-a)²/12
  });

  it('draws standard normal values', () => {
    const r = new Rng(3);
    const n = 20000;
    const xs = Array.from({ length: n }, () => r.normal());
    const mean = xs.reduce((s, x) => s + x, 0) / n;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / n;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });

  it('makes permutations that hold every index once', () => {
    const p = new Rng(5).permutation(100);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect([...p]).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});
