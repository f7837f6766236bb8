import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs-core';
import { Adam } from './adam.js';
import { useBackend } from './backend.js';
import { clipGradNorm } from './clip.js';
import { mse } from './loss.js';
import { SGD } from './sgd.js';

beforeAll(() => useBackend());

const p0 = [0.5, -1.25, 2];
const gradsAt = (step: number) => [0.1 * step, -0.3, 0.02 * step * step];

function run(makeOpt: (p: tf.Variable) => { step(g: tf.NamedTensorMap): void }, steps: number): number[] {
  const p = tf.variable(tf.tensor1d(p0));
  const opt = makeOpt(p);
  for (let s = 1; s <= steps; s++) {
    const g = tf.tensor1d(gradsAt(s));
    opt.step({ [p.name]: g });
    g.dispose();
  }
  const out = Array.from(p.dataSync());
  p.dispose();
  return out;
}

describe('optimizers', () => {
  it('SGD does p ← p − lr·g', () => {
    const got = run((p) => new SGD([p], 0.1), 2);
    const want = p0.map((v, i) => v - 0.1 * gradsAt(1)[i]! - 0.1 * gradsAt(2)[i]!);
    got.forEach((v, i) => expect(v).toBeCloseTo(want[i]!, 6));
  });

  it('Adam matches torch.optim.Adam computed in float64', () => {
    const lr = 0.01, b1 = 0.9, b2 = 0.999, eps = 1e-8;
    const got = run((p) => new Adam([p], lr), 3);
    const p = [...p0], m = [0, 0, 0], v = [0, 0, 0];
    for (let t = 1; t <= 3; t++) {
      const g = gradsAt(t);
      for (let i = 0; i < 3; i++) {
        m[i] = b1 * m[i]! + (1 - b1) * g[i]!;
        v[i] = b2 * v[i]! + (1 - b2) * g[i]! ** 2;
        const denom = Math.sqrt(v[i]!) / Math.sqrt(1 - b2 ** t) + eps;
        p[i] = p[i]! - (lr / (1 - b1 ** t)) * (m[i]! / denom);
      }
    }
    got.forEach((val, i) => expect(val).toBeCloseTo(p[i]!, 6));
    expect(got[0]).not.toBeCloseTo(p0[0]!, 3);
  });

  it('clips the global gradient norm like clip_grad_norm_', () => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) };
    const { grads: clipped, norm } = clipGradNorm(grads, 1);
    expect(norm).toBeCloseTo(5, 6);
    expect(Array.from(clipped.a!.dataSync())[0]).toBeCloseTo(3 / (5 + 1e-6), 6);
    expect(Array.from(clipped.b!.dataSync())[1]).toBeCloseTo(4 / (5 + 1e-6), 6);
    const { grads: same } = clipGradNorm(grads, 10);
    expect(Array.from(same.b!.dataSync())).toEqual([0, 4]);
  });

  it('computes the mean squared error', () => {
    const v = mse(tf.tensor2d([[1], [2], [4]]), tf.tensor2d([[0], [2], [1]])).dataSync()[0];
    expect(v).toBeCloseTo((1 + 0 + 9) / 3, 6);
  });
});
