import { tf } from '#tfjs';
import type { Rng } from './random.js';

/** A tensor of `shape` drawn from U(-bound, bound) with a seeded generator. */
export function uniform(shape: number[], bound: number, rng: Rng): tf.Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = rng.uniform(-bound, bound);
  return tf.tensor(data, shape, 'float32');
}

/**
 * PyTorch's default bound for nn.Linear (and nn.RNN/LSTM/GRU) parameters:
 * kaiming_uniform(a=√5) on the weight and the bias rule both reduce to 1/√fan_in.
 */
export function defaultBound(fanIn: number): number {
  return 1 / Math.sqrt(fanIn);
}
