import { Linear, Module, Rng, tf } from '@rnnkit/tensor';
import { RNN } from './rnn.js';

/** The shape of a `SequenceRegressor`. */
export interface SequenceRegressorConfig {
  inputSize: number;
  hiddenSize: number;
  /** Stacked recurrent layers (default 1). */
  numLayers?: number;
  /** Biases on w_x and w_h (default false, as in the tutorial; PyTorch's nn.RNN has them). */
  bias?: boolean;
  /** The generator for the initial weights (default Rng(0)). */
  rng?: Rng;
}

/**
 * The tutorial's model: an RNN over a time-major window, then a linear head on the last
 * hidden state: y = W_yh h_T + b. Its state dict is `w_x.weight`, `w_h.weight`, `w_y.weight`, `w_y.bias`.
 */
export class SequenceRegressor extends Module {
  readonly rnn: RNN;
  readonly w_y: Linear;

  constructor(readonly config: SequenceRegressorConfig) {
    super();
    const rng = config.rng ?? new Rng(0);
    // The recurrent core's names sit at the top level, as in the tutorial's PyTorch module.
    this.rnn = this.addModule('', new RNN(config.inputSize, config.hiddenSize, { numLayers: config.numLayers ?? 1, bias: config.bias ?? false, rng }));
    this.w_y = this.addModule('w_y', new Linear(config.hiddenSize, 1, { rng }));
  }

  /** Predictions `[batch, 1]` for windows `[seq, batch, features]`. */
  forward(x: tf.Tensor3D): tf.Tensor2D {
    return tf.tidy(() => {
      const { hN } = this.rnn.forward(x);
      const last = tf.squeeze(tf.slice(hN, [hN.shape[0] - 1, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D;
      return this.w_y.forward(last);
    });
  }

  /** Predictions for a flat time-major Float32Array of `n` windows, as plain numbers. */
  predict(x: Float32Array, n: number): Float32Array {
    const seq = x.length / (n * this.config.inputSize);
    return tf.tidy(() => this.forward(tf.tensor3d(x, [seq, n, this.config.inputSize])).dataSync() as Float32Array);
  }
}
