import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { useBackend } from './backend.js';
import { Linear } from './linear.js';
import { Rng } from './random.js';

beforeAll(() => useBackend());

describe('Linear', () => {
  it('draws initial values from U(±1/√in), reproducibly from the seed', () => {
    const a = new Linear(16, 8, { rng: new Rng(9) });
    const w = a.weight.dataSync();
    const bound = 1 / Math.sqrt(16);
    expect(Math.max(...w)).toBeLessThanOrEqual(bound);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(-bound);
    expect(Math.max(...w)).toBeGreaterThan(0.8 * bound); // the whole range is used
    expect(new Linear(16, 8, { rng: new Rng(9) }).weight.dataSync()).toEqual(w);
  });

  it('computes x Wᵀ + b like a float64 reference', () => {
    const l = new Linear(3, 2);
    l.loadStateDict({ weight: [[1, 2, 3], [-1, 0.5, 0.25]], bias: [0.1, -0.2] });
    const x = [[1, -1, 2], [0.5, 0.25, -4]];
    const got = l.forward(tf.tensor2d(x)).arraySync();
    const w = [[1, 2, 3], [-1, 0.5, 0.25]], b = [0.1, -0.2];
    const want = x.map((row) => w.map((wr, o) => wr.reduce((s, wv, i) => s + wv * row[i]!, b[o]!)));
    got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(want[i]![j]!, 6)));
  });

  it('has no bias when asked', () => {
    const l = new Linear(3, 2, { bias: false });
    expect(l.namedParameters().map(([n]) => n)).toEqual(['weight']);
  });
});
