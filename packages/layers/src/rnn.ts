import { Module, Rng, tf } from '@rnnkit/tensor';
import { runDirections } from './directions.js';
import { fusedStack, useFused } from './fused/fused-sequence.js';
import { RNNCell, type Nonlinearity } from './rnn-cell.js';
import type { LayerParameters, RecurrentCore } from './recurrent-core.js';

/** Options of an `RNN`. */
export interface RNNOptions {
  /** Stacked layers (default 1); layer k > 0 reads the hidden states of layer k − 1. */
  numLayers?: number;
  /** Biases on w_x and w_h (default false, as in the tutorial). */
  bias?: boolean;
  /** Input and output as `[batch, seq, feature]` instead of time-major `[seq, batch, feature]`. */
  batchFirst?: boolean;
  /** The activation, as nn.RNN's `nonlinearity`: 'tanh' (default) or 'relu'. */
  nonlinearity?: Nonlinearity;
  /** Each layer also runs over the reversed sequence, as nn.RNN's `bidirectional` (default false). */
  bidirectional?: boolean;
  /** The generator for the initial weights (default: a fresh Rng(0)). */
  rng?: Rng;
}

/** What an `RNN` returns. */
export interface RNNOutput {
  /** Every time step's hidden state of the last layer (many-to-many), `[seq, batch, D·hidden]` (or batch-first), forward then reverse. */
  output: tf.Tensor3D;
  /** The final hidden state of every layer and direction, `[layers·D, batch, hidden]`; unidirectional, `hN[layers-1]` is many-to-one's output. */
  hN: tf.Tensor3D;
}

/**
 * The tutorial's Elman RNN unrolled over a sequence, optionally stacked and bidirectional.
 * Layer 0's parameters are `w_x.weight`, `w_h.weight`; layer k's are `l{k}.w_x.weight`, `l{k}.w_h.weight`;
 * a bidirectional layer k's reverse direction (PyTorch's `weight_ih_l{k}_reverse`, …) is `l{k}_reverse.w_x.weight`, ….
 */
export class RNN extends Module implements RecurrentCore {
  /** Always 'rnn'. */
  readonly cell = 'rnn';
  /** One cell per layer and direction, layer 0 first, each layer's reverse cell after its forward one. */
  readonly cells: RNNCell[];
  /** Whether input and output are `[batch, seq, feature]` rather than time-major `[seq, batch, feature]`. */
  readonly batchFirst: boolean;
  /** Number of stacked layers. */
  readonly numLayers: number;
  /** Whether each layer also runs over the reversed sequence. */
  readonly bidirectional: boolean;
  /** The activation: 'tanh' or 'relu'. */
  readonly nonlinearity: Nonlinearity;

  /**
   * @param inputSize Features per time step of the input.
   * @param hiddenSize Hidden units H per layer and direction.
   */
  constructor(readonly inputSize: number, readonly hiddenSize: number, options: RNNOptions = {}) {
    super();
    const layers = (this.numLayers = options.numLayers ?? 1);
    if (!Number.isInteger(layers) || layers < 1) throw new RangeError(`numLayers must be a positive integer, got ${layers}`);
    const rng = options.rng ?? new Rng(0);
    this.batchFirst = options.batchFirst ?? false;
    this.bidirectional = options.bidirectional ?? false;
    this.nonlinearity = options.nonlinearity ?? 'tanh';
    const D = this.bidirectional ? 2 : 1;
    const cellOptions = { bias: options.bias ?? false, rng, nonlinearity: this.nonlinearity };
    // PyTorch's draw order: l0, l0_reverse, l1, …
    this.cells = Array.from({ length: layers * D }, (_, i) => {
      const k = Math.floor(i / D);
      const name = i % D ? `l${k}_reverse` : k === 0 ? '' : `l${k}`;
      return this.addModule(name, new RNNCell(k === 0 ? inputSize : D * hiddenSize, hiddenSize, cellOptions));
    });
  }

  /** True for the forward tanh stack, the one the fused kernels compute. */
  get fusable(): boolean {
    return !this.bidirectional && this.nonlinearity === 'tanh';
  }

  /** Each layer's (and direction's) w_x and w_h as PyTorch's W_ih, W_hh (and biases when the cells have them). */
  layerParameters(): LayerParameters[] {
    return this.cells.map(({ w_x, w_h }) => ({ wIh: w_x.weight, wHh: w_h.weight, bIh: w_x.bias, bHh: w_h.bias }));
  }

  /** Runs the sequence `x` from the initial state `h0` `[layers·D, batch, hidden]` (default zeros). */
  forward(x: tf.Tensor3D, h0?: tf.Tensor3D): RNNOutput {
    if (!h0 && this.fusable && useFused()) return fusedStack(this, x);
    return tf.tidy(() => {
      const timeMajor = this.batchFirst ? tf.transpose(x, [1, 0, 2]) : x;
      const [, batch] = timeMajor.shape;
      if (timeMajor.shape[2] !== this.inputSize) {
        throw new Error(`input has ${timeMajor.shape[2]} features, the RNN expects ${this.inputSize}`);
      }
      const D = this.bidirectional ? 2 : 1;
      let steps = tf.unstack(timeMajor) as tf.Tensor2D[];
      const finals: tf.Tensor2D[] = [];
      for (let k = 0; k < this.numLayers; k++) {
        const layer = runDirections(steps, D, (inputs, d) => {
          const i = k * D + d;
          const cell = this.cells[i]!;
          let h = h0 ? (tf.squeeze(tf.slice(h0, [i, 0, 0], [1, batch, this.hiddenSize]), [0]) as tf.Tensor2D) : tf.zeros<tf.Rank.R2>([batch, this.hiddenSize]);
          const states = inputs.map((xt) => (h = cell.forward(xt, h)));
          return { states, h };
        });
        steps = layer.states;
        finals.push(...layer.finals);
      }
      const output = tf.stack(steps) as tf.Tensor3D;
      return { output: this.batchFirst ? tf.transpose(output, [1, 0, 2]) : output, hN: tf.stack(finals) as tf.Tensor3D };
    });
  }
}
