import { tf } from '#tfjs';
import { Module } from './module.js';
import { defaultBound, uniform } from './init.js';
import { Rng } from './random.js';

/** Options of a `Linear` layer. */
export interface LinearOptions {
  /** Adds a bias (default true), as nn.Linear. */
  bias?: boolean;
  /** The generator for the initial values (default: a fresh Rng(0)). */
  rng?: Rng;
}

/** y = x Wᵀ + b with W `[out, in]`, initialised as PyTorch's nn.Linear: U(±1/√in). */
export class Linear extends Module {
  /** The weight W, `[out, in]`. */
  readonly weight: tf.Variable;
  /** The bias b, `[out]`, or null when created with `bias: false`. */
  readonly bias: tf.Variable | null;

  /**
   * @param inFeatures Size of each input row (`in`).
   * @param outFeatures Size of each output row (`out`).
   */
  constructor(readonly inFeatures: number, readonly outFeatures: number, options: LinearOptions = {}) {
    super();
    const rng = options.rng ?? new Rng(0);
    const bound = defaultBound(inFeatures);
    this.weight = this.addParameter('weight', uniform([outFeatures, inFeatures], bound, rng));
    this.bias = options.bias === false ? null : this.addParameter('bias', uniform([outFeatures], bound, rng));
  }

  /** Applies the layer to `[batch, in]`, giving `[batch, out]`. */
  forward(x: tf.Tensor2D): tf.Tensor2D {
    const y = tf.matMul(x, this.weight, false, true) as tf.Tensor2D;
    return this.bias ? (tf.add(y, this.bias) as tf.Tensor2D) : y;
  }
}
