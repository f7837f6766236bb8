import { Module, Rng, tf } from '@rnnkit/tensor';
import { fusedStack, useFused } from './fused/fused-sequence.js';
import { RNNCell } from './rnn-cell.js';
import type { LayerParameters, RecurrentCore } from './recurrent-core.js';

/** Options of an `RNN`. */
export interface RNNOptions {
  /** Stacked layers (default 1); layer k > 0 reads the hidden states of layer k − 1. */
  numLayers?: number;
  /** Biases on w_x and w_h (default false, as in the tutorial). */
  bias?: boolean;
  /** Input and output as `[batch, seq, feature]` instead of time-major `[seq, batch, feature]`. */
  batchFirst?: boolean;
  /** The generator for the initial weights (default: a fresh Rng(0)). */
  rng?: Rng;
}

/** What an `RNN` returns. */
export interface RNNOutput {
  /** Every time step's hidden state of the last layer (many-to-many), `[seq, batch, hidden]` (or batch-first). */
  output: tf.Tensor3D;
  /** The final hidden state of every layer, `[layers, batch, hidden]`; `hN[layers-1]` is many-to-one's output. */
  hN: tf.Tensor3D;
}

/**
 * The tutorial's Elman RNN unrolled over a sequence, optionally stacked.
 * Layer 0's parameters are `w_x.weight`, `w_h.weight`; layer k's are `l{k}.w_x.weight`, `l{k}.w_h.weight`.
 */
export class RNN extends Module implements RecurrentCore {
  /** Always 'rnn'. */
  readonly cell = 'rnn';
  /** One cell per layer, layer 0 first. */
  readonly cells: RNNCell[];
  /** Whether input and output are `[batch, seq, feature]` rather than time-major `[seq, batch, feature]`. */
  readonly batchFirst: boolean;
  /** Number of stacked layers. */
  readonly numLayers: number;

  /**
   * @param inputSize Features per time step of the input.
   * @param hiddenSize Hidden units H per layer.
   */
  constructor(readonly inputSize: number, readonly hiddenSize: number, options: RNNOptions = {}) {
    super();
    const layers = (this.numLayers = options.numLayers ?? 1);
    if (!Number.isInteger(layers) || layers < 1) throw new RangeError(`numLayers must be a positive integer, got ${layers}`);
    const rng = options.rng ?? new Rng(0);
    this.batchFirst = options.batchFirst ?? false;
    this.cells = Array.from({ length: layers }, (_, k) =>
      this.addModule(k === 0 ? '' : `l${k}`, new RNNCell(k === 0 ? inputSize : hiddenSize, hiddenSize, { bias: options.bias ?? false, rng })),
    );
  }

  /** Each layer's w_x and w_h as PyTorch's W_ih, W_hh (and biases when the cells have them). */
  layerParameters(): LayerParameters[] {
    return this.cells.map(({ w_x, w_h }) => ({ wIh: w_x.weight, wHh: w_h.weight, bIh: w_x.bias, bHh: w_h.bias }));
  }

  /** Runs the sequence `x` from the initial state `h0` `[layers, batch, hidden]` (default zeros). */
  forward(x: tf.Tensor3D, h0?: tf.Tensor3D): RNNOutput {
    if (!h0 && useFused()) return fusedStack(this, x);
    return tf.tidy(() => {
      const timeMajor = this.batchFirst ? tf.transpose(x, [1, 0, 2]) : x;
      const [, batch] = timeMajor.shape;
      if (timeMajor.shape[2] !== this.inputSize) {
        throw new Error(`input has ${timeMajor.shape[2]} features, the RNN expects ${this.inputSize}`);
      }
      let steps = tf.unstack(timeMajor) as tf.Tensor2D[];
      const finals: tf.Tensor2D[] = [];
      this.cells.forEach((cell, k) => {
        let h = h0 ? (tf.squeeze(tf.slice(h0, [k, 0, 0], [1, batch, this.hiddenSize]), [0]) as tf.Tensor2D) : tf.zeros<tf.Rank.R2>([batch, this.hiddenSize]);
        steps = steps.map((xt) => (h = cell.forward(xt, h)));
        finals.push(h);
      });
      const output = tf.stack(steps) as tf.Tensor3D;
      return { output: this.batchFirst ? tf.transpose(output, [1, 0, 2]) : output, hN: tf.stack(finals) as tf.Tensor3D };
    });
  }
}
