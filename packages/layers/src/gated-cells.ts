import { defaultBound, Module, Rng, tf, uniform } from '@rnnkit/tensor';
import { gruStep, lstmStep } from './gates.js';

/** The parameters of one gated cell, named as PyTorch's nn.LSTMCell / nn.GRUCell. */
abstract class GatedCell extends Module {
  readonly weight_ih: tf.Variable;
  readonly weight_hh: tf.Variable;
  readonly bias_ih: tf.Variable;
  readonly bias_hh: tf.Variable;

  constructor(readonly inputSize: number, readonly hiddenSize: number, gates: number, rng: Rng) {
    super();
    const bound = defaultBound(hiddenSize);
    this.weight_ih = this.addParameter('weight_ih', uniform([gates * hiddenSize, inputSize], bound, rng));
    this.weight_hh = this.addParameter('weight_hh', uniform([gates * hiddenSize, hiddenSize], bound, rng));
    this.bias_ih = this.addParameter('bias_ih', uniform([gates * hiddenSize], bound, rng));
    this.bias_hh = this.addParameter('bias_hh', uniform([gates * hiddenSize], bound, rng));
  }

  protected project(x: tf.Tensor2D): tf.Tensor2D {
    return tf.add(tf.matMul(x, this.weight_ih, false, true), this.bias_ih) as tf.Tensor2D;
  }
}

/** One LSTM step, as nn.LSTMCell: (h', c') from x [batch, in], h and c [batch, hidden]. */
export class LSTMCell extends GatedCell {
  constructor(inputSize: number, hiddenSize: number, options: { rng?: Rng } = {}) {
    super(inputSize, hiddenSize, 4, options.rng ?? new Rng(0));
  }

  forward(x: tf.Tensor2D, h: tf.Tensor2D, c: tf.Tensor2D): { h: tf.Tensor2D; c: tf.Tensor2D } {
    return lstmStep(this.project(x), h, c, this.weight_hh as tf.Tensor2D, this.bias_hh as tf.Tensor1D);
  }
}

/** One GRU step, as nn.GRUCell: h' from x [batch, in] and h [batch, hidden]. */
export class GRUCell extends GatedCell {
  constructor(inputSize: number, hiddenSize: number, options: { rng?: Rng } = {}) {
    super(inputSize, hiddenSize, 3, options.rng ?? new Rng(0));
  }

  forward(x: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
    return gruStep(this.project(x), h, this.weight_hh as tf.Tensor2D, this.bias_hh as tf.Tensor1D);
  }
}
