import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Rng, tf, useBackend } from '@rnnkit/tensor';
import { SequenceRegressor } from '../sequence-regressor.js';
import { kernels, setFusedKernels, useFused } from './fused-sequence.js';

beforeAll(() => useBackend());
afterEach(() => setFusedKernels(true));

/** Loss and gradients of every parameter, with the fused kernels on or off. */
function lossAndGrads(model: SequenceRegressor, x: tf.Tensor3D, y: tf.Tensor2D, fused: boolean) {
  setFusedKernels(fused);
  const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(model.forward(x), y))) as tf.Scalar, model.parameters());
  const out = { loss: value.dataSync()[0]!, grads: model.namedParameters().map(([n, p]) => [n, Array.from(grads[p.name]!.dataSync())] as const) };
  tf.dispose([value, grads]);
  return out;
}

describe('fused recurrent kernels', () => {
  it('run on the SIMD module this runtime chooses (RNNKIT_EXPECT_SIMD when set: see baseline-simd.test.ts)', () => {
    const want = process.env.RNNKIT_EXPECT_SIMD || (process.env.RNNKIT_SIMD === 'baseline' ? 'baseline' : 'relaxed');
    expect(kernels.simd).not.toBeNull();
    expect(kernels.flavour).toBe(want);
  });

  it('are used on the wasm and cpu backends unless turned off', () => {
    expect(useFused()).toBe(['wasm', 'cpu'].includes(tf.getBackend()));
    setFusedKernels(false);
    expect(useFused()).toBe(false);
  });

  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    for (const [layers, bias] of [[1, false], [2, true]] as const) {
      it(`${cell}, ${layers} layer(s): the same loss and gradients as the op-by-op path`, () => {
        const rng = new Rng(31);
        const model = new SequenceRegressor({ cell, inputSize: 4, hiddenSize: 7, numLayers: layers, bias, rng });
        const x = tf.tensor3d(Float32Array.from({ length: 5 * 9 * 4 }, () => rng.uniform(-1, 1)), [5, 9, 4]);
        const y = tf.tensor2d(Float32Array.from({ length: 9 }, () => rng.uniform(-1, 1)), [9, 1]);
        const fused = lossAndGrads(model, x, y, true);
        const reference = lossAndGrads(model, x, y, false);
        expect(fused.loss).toBeCloseTo(reference.loss, 6);
        fused.grads.forEach(([name, g], k) => {
          const [refName, r] = reference.grads[k]!;
          expect(name).toBe(refName);
          const scale = Math.max(...r.map(Math.abs));
          g.forEach((v, i) => expect(Math.abs(v - r[i]!)).toBeLessThan(1e-5 * Math.max(scale, 1e-3)));
        });
        model.dispose();
      });
    }
  }

  it('returns every step\'s state for many-to-many use, batch-first too', () => {
    const model = new SequenceRegressor({ cell: 'lstm', inputSize: 3, hiddenSize: 5, rng: new Rng(2) });
    const x = tf.randomUniform([6, 4, 3], -1, 1, 'float32', 7) as tf.Tensor3D;
    const fused = model.core.forward(x).output.arraySync();
    setFusedKernels(false);
    const reference = model.core.forward(x).output.arraySync();
    fused.flat(2).forEach((v, i) => expect(v).toBeCloseTo(reference.flat(2)[i]!, 6));
  });
});
