import { Linear, Module, Rng, tf } from '@rnnkit/tensor';
import { GRU, LSTM } from './gated-recurrent.js';
import { lastStep, type CellType, type RecurrentCore } from './recurrent-core.js';
import { RNN } from './rnn.js';
import type { Nonlinearity } from './rnn-cell.js';
import { tutorialName } from './tutorial-names.js';

/** The shape of a `SequenceRegressor`. */
export interface SequenceRegressorConfig {
  /** The recurrent cell (default 'rnn', the tutorial's). */
  cell?: CellType;
  /** Features per time step. */
  inputSize: number;
  /** Hidden units per recurrent layer. */
  hiddenSize: number;
  /** Stacked recurrent layers (default 1). */
  numLayers?: number;
  /** Values the head predicts per window, e.g. one per forecast horizon (default 1). */
  outputSize?: number;
  /** RNN only: biases on w_x and w_h (default false, as in the tutorial; PyTorch's nn.RNN has them). */
  bias?: boolean;
  /** RNN only: the activation, nn.RNN's `nonlinearity` (default 'tanh'). */
  nonlinearity?: Nonlinearity;
  /** Each layer also runs over the reversed sequence (PyTorch's `bidirectional`, default false); the head then reads 2·hidden features. */
  bidirectional?: boolean;
  /** GRU only: PyTorch's candidate gate (default true) or ONNX's linear_before_reset=0. */
  linearBeforeReset?: boolean;
  /** The generator for the initial weights (default Rng(0)). */
  rng?: Rng;
}

/**
 * A recurrent stack over a time-major window, then a linear head on the last layer's final state.
 * Inside, every cell is one `rnn` stack with PyTorch's names and a `head`. Its state dict is PyTorch's:
 * for 'rnn' the tutorial's module (`w_x.weight`, `w_h.weight`, `w_y.weight`, `w_y.bias`, mapped by
 * `tutorialName` at load and save); for 'lstm' / 'gru' a module with `rnn = nn.LSTM(I, H)` (or nn.GRU) and
 * `head = nn.Linear(H, 1)` (`rnn.weight_ih_l0`, …, `head.weight`, `head.bias`).
 *
 * The head reads the last time step of the last layer's output, PyTorch's `head(out[-1])`. For a
 * forward stack that is the final state h_n[-1]; for a bidirectional one it is `[h_fwd(T), h_rev(T)]`,
 * 2H features: the forward direction's final state and the reverse direction's state after its
 * first step (the last day only), as a torch.onnx.export of `head(out[-1])` computes it.
 */
export class SequenceRegressor extends Module {
  /** The recurrent cell: `config.cell`, or 'rnn' by default. */
  readonly cell: CellType;
  /** The recurrent stack: an RNN, LSTM or GRU. */
  readonly core: RecurrentCore;
  /** The output layer, weight `[outputSize, D·hidden]`, on the last step of the last layer's output (`w_y.*` in an rnn's state dict, `head.*` otherwise). */
  readonly head: Linear;

  /** @param config The shape the model was built with. */
  constructor(readonly config: SequenceRegressorConfig) {
    super();
    const rng = config.rng ?? new Rng(0);
    const { inputSize: I, hiddenSize: H } = config;
    const numLayers = config.numLayers ?? 1;
    const outputs = config.outputSize ?? 1;
    this.cell = config.cell ?? 'rnn';
    const bidirectional = config.bidirectional ?? false;
    if (config.nonlinearity && config.nonlinearity !== 'tanh' && this.cell !== 'rnn') throw new RangeError(`nonlinearity applies to the rnn cell only, not ${this.cell}`);
    const features = (bidirectional ? 2 : 1) * H;
    const core = this.cell === 'rnn'
      ? new RNN(I, H, { numLayers, bias: config.bias ?? false, nonlinearity: config.nonlinearity ?? 'tanh', bidirectional, rng })
      : this.cell === 'lstm' ? new LSTM(I, H, { numLayers, bidirectional, rng }) : new GRU(I, H, { numLayers, bidirectional, rng, linearBeforeReset: config.linearBeforeReset ?? true });
    this.core = this.addModule('rnn', core);
    this.head = this.addModule('head', new Linear(features, outputs, { rng }));
  }

  /** Every parameter by its state-dict name: PyTorch's, except the rnn cell's, which keeps the tutorial's (`w_x.weight`, …, `w_y.bias`). */
  override namedParameters(): [string, tf.Variable][] {
    const named = super.namedParameters();
    return this.cell === 'rnn' ? named.map(([name, p]) => [tutorialName(name), p]) : named;
  }

  /** Predictions `[batch, outputSize]` for windows `[seq, batch, features]`. */
  forward(x: tf.Tensor3D): tf.Tensor2D {
    return tf.tidy(() => {
      const { output, hN } = this.core.forward(x);
      // Forward only, out[-1] is h_n[-1] (the fused path's hN is the cheaper read).
      return this.head.forward(lastStep(this.core.bidirectional ? output : hN));
    });
  }

  /** Predictions for a flat time-major Float32Array of `n` windows, as plain numbers `[n, outputSize]` row-major. */
  predict(x: Float32Array, n: number): Float32Array {
    const seq = x.length / (n * this.config.inputSize);
    return tf.tidy(() => this.forward(tf.tensor3d(x, [seq, n, this.config.inputSize])).dataSync() as Float32Array);
  }
}
