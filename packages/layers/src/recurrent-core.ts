import { tf, type Module } from '@rnnkit/tensor';

/** The recurrent cells rnnkit has. */
export type CellType = 'rnn' | 'lstm' | 'gru';

/** What a recurrent layer stack returns. */
export interface RecurrentOutput {
  /** Every time step's hidden state of the last layer, `[seq, batch, D·hidden]` (or batch-first); D = 2 when bidirectional, forward then reverse. */
  output: tf.Tensor3D;
  /** The final hidden state of every layer and direction, `[layers·D, batch, hidden]`, PyTorch's order (l0, l0 reverse, l1, …). */
  hN: tf.Tensor3D;
}

/** One layer's (and direction's) parameters in PyTorch's per-layer form (`weight_ih_l{k}`, …), whatever the module's names. */
export interface LayerParameters {
  /** Input-to-hidden weights W_ih, `[G·H, in]` (G gate blocks: 1 rnn, 4 lstm, 3 gru). */
  wIh: tf.Variable;
  /** Hidden-to-hidden weights W_hh, `[G·H, H]`. */
  wHh: tf.Variable;
  /** Input-side bias b_ih, `[G·H]`, or null when the layer has no biases. */
  bIh: tf.Variable | null;
  /** Hidden-side bias b_hh, `[G·H]`, or null when the layer has no biases. */
  bHh: tf.Variable | null;
}

/** A stack of recurrent layers over a sequence: RNN, LSTM or GRU. */
export interface RecurrentCore extends Module {
  /** Which recurrent cell the stack uses. */
  readonly cell: CellType;
  /** Features per time step of the input. */
  readonly inputSize: number;
  /** Hidden units H per layer. */
  readonly hiddenSize: number;
  /** Number of stacked layers. */
  readonly numLayers: number;
  /** Whether input and output are `[batch, seq, feature]` rather than time-major `[seq, batch, feature]`. */
  readonly batchFirst: boolean;
  /** Whether each layer also runs over the reversed sequence (PyTorch's `bidirectional`); layer k > 0 then reads 2H features. */
  readonly bidirectional: boolean;
  /** Whether the fused kernels compute this stack (forward only, tanh); other configurations run op by op. */
  readonly fusable: boolean;
  /** Each layer's parameters, layer 0 first, each layer's reverse direction after its forward one: what ONNX export and the fused kernels read. */
  layerParameters(): LayerParameters[];
  /** Runs the sequence x `[seq, batch, in]` (or batch-first) from h0 `[layers·D, batch, H]` (default zeros). */
  forward(x: tf.Tensor3D, h0?: tf.Tensor3D): RecurrentOutput;
}

/** The last entry along the first axis: `[n, a, b]` → `[a, b]` (the last time step, or the last layer of hN). */
export function lastStep(t: tf.Tensor3D): tf.Tensor2D {
  return tf.squeeze(tf.slice(t, [t.shape[0] - 1, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D;
}
