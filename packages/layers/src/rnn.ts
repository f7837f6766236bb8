import { defaultBound, tf, uniform } from '@rnnkit/tensor';
import type { Nonlinearity } from './rnn-cell.js';
import type { LayerParameters } from './recurrent-core.js';
import { RecurrentStack, type LayerInit, type StackOptions } from './recurrent-stack.js';

/** Options of an `RNN`. */
export interface RNNOptions extends StackOptions {
  /** Biases b_ih and b_hh (default false, as in the tutorial; nn.RNN has them). */
  bias?: boolean;
  /** The activation, as nn.RNN's `nonlinearity`: 'tanh' (default) or 'relu'. */
  nonlinearity?: Nonlinearity;
}

/** What an `RNN` returns. */
export interface RNNOutput {
  /** Every time step's hidden state of the last layer (many-to-many), `[seq, batch, D·hidden]` (or batch-first), forward then reverse. */
  output: tf.Tensor3D;
  /** The final hidden state of every layer and direction, `[layers·D, batch, hidden]`; unidirectional, `hN[layers-1]` is many-to-one's output. */
  hN: tf.Tensor3D;
}

/**
 * The tutorial's draws: its w_x = nn.Linear(in, H) and w_h = nn.Linear(H, H), each weight then
 * bias U(±1/√fan_in), registered as nn.RNN's weight_ih, bias_ih, weight_hh, bias_hh.
 */
function tutorialInit(hiddenSize: number, bias: boolean): LayerInit {
  return (add, s, inSize, rng) => {
    const wIh = add(`weight_ih_${s}`, uniform([hiddenSize, inSize], defaultBound(inSize), rng));
    const bIh = bias ? add(`bias_ih_${s}`, uniform([hiddenSize], defaultBound(inSize), rng)) : null;
    const wHh = add(`weight_hh_${s}`, uniform([hiddenSize, hiddenSize], defaultBound(hiddenSize), rng));
    const bHh = bias ? add(`bias_hh_${s}`, uniform([hiddenSize], defaultBound(hiddenSize), rng)) : null;
    return { wIh, wHh, bIh, bHh };
  };
}

/**
 * The tutorial's Elman RNN, h_t = tanh(x_t W_ihᵀ + b_ih + h_{t-1} W_hhᵀ + b_hh) (or relu), unrolled
 * over a sequence, optionally stacked and bidirectional, with nn.RNN's parameter names
 * (`weight_ih_l{k}`, `weight_hh_l{k}`, `bias_*` when `bias`, `…_reverse`). A `SequenceRegressor`
 * shows them under the tutorial's names (`w_x.weight`, `l1.w_h.weight`, …, see `tutorialName`).
 */
export class RNN extends RecurrentStack {
  /** Always 'rnn'. */
  readonly cell = 'rnn';
  /** The activation: 'tanh' or 'relu'. */
  readonly nonlinearity: Nonlinearity;

  /**
   * @param inputSize Features per time step of the input.
   * @param hiddenSize Hidden units H per layer and direction.
   */
  constructor(inputSize: number, hiddenSize: number, options: RNNOptions = {}) {
    const nonlinearity = options.nonlinearity ?? 'tanh';
    if (nonlinearity !== 'tanh' && nonlinearity !== 'relu') throw new RangeError(`nonlinearity must be 'tanh' or 'relu', got ${String(nonlinearity)}`);
    super(inputSize, hiddenSize, options, tutorialInit(hiddenSize, options.bias ?? false));
    this.nonlinearity = nonlinearity;
  }

  /** True for the tanh stack, the one the fused kernels compute. */
  protected canFuse(): boolean {
    return this.nonlinearity === 'tanh';
  }

  protected stepInputs(input: tf.Tensor2D, seq: number): tf.Tensor2D[] {
    return tf.split(input, seq, 0) as tf.Tensor2D[];
  }

  protected runLayer(inputs: tf.Tensor2D[], { wIh, wHh, bIh, bHh }: LayerParameters, h0: tf.Tensor2D) {
    // Each side as the tutorial's nn.Linear computes it: x Wᵀ, then + b.
    const linear = (v: tf.Tensor2D, w: tf.Variable, b: tf.Variable | null) => {
      const y = tf.matMul(v, w, false, true) as tf.Tensor2D;
      return b ? (tf.add(y, b) as tf.Tensor2D) : y;
    };
    let h = h0;
    const states = inputs.map((xt) => {
      const pre = tf.add(linear(xt, wIh, bIh), linear(h, wHh, bHh));
      return (h = (this.nonlinearity === 'relu' ? tf.relu(pre) : tf.tanh(pre)) as tf.Tensor2D);
    });
    return { states, h };
  }
}
