import { Linear, Module, Rng, tf } from '@rnnkit/tensor';
import { GRU, LSTM } from './gated-recurrent.js';
import { lastStep, type CellType, type RecurrentCore } from './recurrent-core.js';
import { RNN } from './rnn.js';

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
  /** GRU only: PyTorch's candidate gate (default true) or ONNX's linear_before_reset=0. */
  linearBeforeReset?: boolean;
  /** The generator for the initial weights (default Rng(0)). */
  rng?: Rng;
}

/**
 * A recurrent stack over a time-major window, then a linear head on the last layer's final state.
 * Its state dict is PyTorch's: for 'rnn' the tutorial's module (`w_x.weight`, `w_h.weight`,
 * `w_y.weight`, `w_y.bias`); for 'lstm' / 'gru' a module with `rnn = nn.LSTM(I, H)` (or nn.GRU) and
 * `head = nn.Linear(H, 1)` (`rnn.weight_ih_l0`, …, `head.weight`, `head.bias`).
 */
export class SequenceRegressor extends Module {
  /** The recurrent cell: `config.cell`, or 'rnn' by default. */
  readonly cell: CellType;
  /** The recurrent stack: an RNN, LSTM or GRU. */
  readonly core: RecurrentCore;
  /** The output layer, weight `[outputSize, hidden]`, on the last layer's final hidden state (`w_y` for 'rnn', `head` otherwise). */
  readonly head: Linear;

  /** @param config The shape the model was built with. */
  constructor(readonly config: SequenceRegressorConfig) {
    super();
    const rng = config.rng ?? new Rng(0);
    const { inputSize: I, hiddenSize: H } = config;
    const numLayers = config.numLayers ?? 1;
    const outputs = config.outputSize ?? 1;
    this.cell = config.cell ?? 'rnn';
    if (this.cell === 'rnn') {
      // The tutorial's names sit at the top level: w_x, w_h, w_y.
      this.core = this.addModule('', new RNN(I, H, { numLayers, bias: config.bias ?? false, rng }));
      this.head = this.addModule('w_y', new Linear(H, outputs, { rng }));
    } else {
      const core = this.cell === 'lstm' ? new LSTM(I, H, { numLayers, rng }) : new GRU(I, H, { numLayers, rng, linearBeforeReset: config.linearBeforeReset ?? true });
      this.core = this.addModule('rnn', core);
      this.head = this.addModule('head', new Linear(H, outputs, { rng }));
    }
  }

  /** Predictions `[batch, outputSize]` for windows `[seq, batch, features]`. */
  forward(x: tf.Tensor3D): tf.Tensor2D {
    return tf.tidy(() => {
      const { hN } = this.core.forward(x);
      return this.head.forward(lastStep(hN));
    });
  }

  /** Predictions for a flat time-major Float32Array of `n` windows, as plain numbers `[n, outputSize]` row-major. */
  predict(x: Float32Array, n: number): Float32Array {
    const seq = x.length / (n * this.config.inputSize);
    return tf.tidy(() => this.forward(tf.tensor3d(x, [seq, n, this.config.inputSize])).dataSync() as Float32Array);
  }
}
