import { beforeAll, describe, expect, it } from 'vitest';
import { Rng, tf, useBackend } from '@rnnkit/tensor';
import { RNN } from './rnn.js';
import { SequenceRegressor } from './sequence-regressor.js';
import { finiteDifferences, forward64, loss64, type Weights } from './test-utils/float64-rnn.js';

beforeAll(() => useBackend());

const randomArray = (rng: Rng, ...shape: number[]): any =>
  shape.length === 1 ? Array.from({ length: shape[0]! }, () => rng.uniform(-1, 1)) : Array.from({ length: shape[0]! }, () => randomArray(rng, ...shape.slice(1)));

describe('RNN forward', () => {
  it('matches the float64 reference, one and two layers', () => {
    for (const layers of [1, 2]) {
      const rng = new Rng(11);
      const model = new SequenceRegressor({ inputSize: 4, hiddenSize: 6, numLayers: layers, rng });
      const x = randomArray(rng, 5, 3, 4) as number[][][];
      const got = model.forward(tf.tensor3d(x)).dataSync();
      const want = forward64(model.stateDict() as Weights, x, layers);
      want.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
      model.dispose();
    }
  });

  it('gives the same states batch-first and time-major, and starts from h0', () => {
    const rng = new Rng(2);
    const tm = new RNN(3, 4, { rng: new Rng(5) });
    const bf = new RNN(3, 4, { rng: new Rng(5), batchFirst: true });
    const x = tf.tensor3d(randomArray(rng, 6, 2, 3));
    const a = tm.forward(x), b = bf.forward(tf.transpose(x, [1, 0, 2]));
    expect(b.output.shape).toEqual([2, 6, 4]);
    expect(tf.transpose(b.output, [1, 0, 2]).arraySync()).toEqual(a.output.arraySync());
    // Starting from the state after 3 steps equals running all 6.
    const firstHalf = tm.forward(tf.slice(x, [0, 0, 0], [3, -1, -1]));
    const secondHalf = tm.forward(tf.slice(x, [3, 0, 0], [3, -1, -1]), firstHalf.hN);
    const diff = tf.max(tf.abs(tf.sub(secondHalf.hN, a.hN))).dataSync()[0]!;
    expect(diff).toBeLessThan(1e-6);
  });
});

describe('RNN gradients', () => {
  it('equal central finite differences in float64 within 1e-3 relative', () => {
    for (const layers of [1, 2]) {
      const rng = new Rng(21 + layers);
      const model = new SequenceRegressor({ inputSize: 4, hiddenSize: 5, numLayers: layers, rng });
      const x = randomArray(rng, 4, 6, 4) as number[][][];
      const target = randomArray(rng, 6) as number[];
      const named = model.namedParameters();
      const { value, grads } = tf.variableGrads(
        () => tf.mean(tf.square(tf.sub(model.forward(tf.tensor3d(x)), tf.tensor2d(target, [6, 1])))) as tf.Scalar,
        model.parameters(),
      );
      const weights = model.stateDict() as Weights;
      expect(value.dataSync()[0]).toBeCloseTo(loss64(weights, x, target, layers), 6);
      const fd = finiteDifferences(weights, x, target, layers);
      for (const [name, p] of named) {
        const got = Array.from(grads[p.name]!.dataSync());
        const want = fd[name]!;
        const norm = Math.hypot(...want);
        expect(norm).toBeGreaterThan(1e-4);
        got.forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(1e-3 * Math.max(Math.abs(want[i]!), norm * 1e-2)));
      }
      model.dispose();
    }
  });
});
