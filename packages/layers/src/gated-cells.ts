import { defaultBound, Module, Rng, tf, uniform } from '@rnnkit/tensor';
import { gruStep, lstmStep } from './gates.js';

/** The parameters of one gated cell, named as PyTorch's nn.LSTMCell / nn.GRUCell. */
export abstract class GatedCell extends Module {
  /** Input-to-hidden weights W_ih, `[G·H, in]`: G = 4 gate blocks i, f, g, o (LSTM) or 3 blocks r, z, n (GRU). */
  readonly weight_ih: tf.Variable;
  /** Hidden-to-hidden weights W_hh, `[G·H, H]`, gate blocks as `weight_ih`. */
  readonly weight_hh: tf.Variable;
  /** Input-to-hidden bias b_ih, `[G·H]`. */
  readonly bias_ih: tf.Variable;
  /** Hidden-to-hidden bias b_hh, `[G·H]`. */
  readonly bias_hh: tf.Variable;

  /**
   * @param inputSize Features per input row (`in`).
   * @param hiddenSize Hidden units H.
   */
  protected constructor(readonly inputSize: number, readonly hiddenSize: number, gates: number, rng: Rng) {
    super();
    const bound = defaultBound(hiddenSize);
    this.weight_ih = this.addParameter('weight_ih', uniform([gates * hiddenSize, inputSize], bound, rng));
    this.weight_hh = this.addParameter('weight_hh', uniform([gates * hiddenSize, hiddenSize], bound, rng));
    this.bias_ih = this.addParameter('bias_ih', uniform([gates * hiddenSize], bound, rng));
    this.bias_hh = this.addParameter('bias_hh', uniform([gates * hiddenSize], bound, rng));
  }

  /** The input projection x W_ihᵀ + b_ih, `[batch, G·H]`, of x `[batch, in]`. */
  protected project(x: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.matMul(x, this.weight_ih, false, true), this.bias_ih) as tf.Tensor2D;
  }
}

/** One LSTM step, as nn.LSTMCell: (h', c') from x [batch, in], h and c [batch, hidden]. */
export class LSTMCell extends GatedCell {
  constructor(inputSize: number, hiddenSize: number, options: { rng?: Rng } = {}) {
    super(inputSize, hiddenSize, 4, options.rng ?? new Rng(0));
  }

  /** One step from x `[batch, in]` and the previous h and c `[batch, hidden]`. */
  forward(x: tf.Tensor2D, h: tf.Tensor2D, c: tf.Tensor2D): {
    /** New hidden state `[batch, hidden]`. */
    h: tf.Tensor2D;
    /** New cell state `[batch, hidden]`. */
    c: tf.Tensor2D;
  } {
    return lstmStep(this.project(x), h, c, this.weight_hh as tf.Tensor2D, this.bias_hh as tf.Tensor1D);
  }
}

/** One GRU step, as nn.GRUCell: h' from x [batch, in] and h [batch, hidden]. */
export class GRUCell extends GatedCell {
  constructor(inputSize: number, hiddenSize: number, options: { rng?: Rng } = {}) {
    super(inputSize, hiddenSize, 3, options.rng ?? new Rng(0));
  }

  /** One step: the new hidden state `[batch, hidden]` from x `[batch, in]` and h `[batch, hidden]`. */
  forward(x: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
    return gruStep(this.project(x), h, this.weight_hh as tf.Tensor2D, this.bias_hh as tf.Tensor1D);
  }
}
