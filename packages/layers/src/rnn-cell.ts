import { Linear, Module, Rng, tf } from '@rnnkit/tensor';

/** Options of an `RNNCell`. */
export interface RNNCellOptions {
  /** Biases on w_x and w_h (default false: the tutorial has a bias only on the output layer). */
  bias?: boolean;
  /** The generator for the initial weights (default: a fresh Rng(0)). */
  rng?: Rng;
  /** The activation, as nn.RNN's `nonlinearity`: 'tanh' (default, the tutorial's) or 'relu'. */
  nonlinearity?: Nonlinearity;
}

/** The Elman RNN's activation, as nn.RNN's `nonlinearity`. */
export type Nonlinearity = 'tanh' | 'relu';

/** One step of the Elman RNN of the tutorial: h_t = tanh(W_hx x_t + W_hh h_{t-1}) (or relu). */
export class RNNCell extends Module {
  /** Input-to-hidden map W_hx: a Linear with weight `[hidden, input]`. */
  readonly w_x: Linear;
  /** Hidden-to-hidden map W_hh: a Linear with weight `[hidden, hidden]`. */
  readonly w_h: Linear;
  /** The activation: 'tanh' or 'relu'. */
  readonly nonlinearity: Nonlinearity;

  /**
   * @param inputSize Features per input row.
   * @param hiddenSize Hidden units.
   */
  constructor(readonly inputSize: number, readonly hiddenSize: number, options: RNNCellOptions = {}) {
    super();
    const rng = options.rng ?? new Rng(0);
    const bias = options.bias ?? false;
    this.nonlinearity = options.nonlinearity ?? 'tanh';
    if (this.nonlinearity !== 'tanh' && this.nonlinearity !== 'relu') throw new RangeError(`nonlinearity must be 'tanh' or 'relu', got ${String(this.nonlinearity)}`);
    this.w_x = this.addModule('w_x', new Linear(inputSize, hiddenSize, { bias, rng }));
    this.w_h = this.addModule('w_h', new Linear(hiddenSize, hiddenSize, { bias, rng }));
  }

  /** The next hidden state `[batch, hidden]` from the input `[batch, input]` and the state `[batch, hidden]`. */
  forward(x: tf.Tensor2D, h: tf.Tensor2D): tf.Tensor2D {
    const pre = tf.add(this.w_x.forward(x), this.w_h.forward(h));
    return (this.nonlinearity === 'relu' ? tf.relu(pre) : tf.tanh(pre)) as tf.Tensor2D;
  }
}
