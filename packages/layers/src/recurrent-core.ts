import type { Module, tf } from '@rnnkit/tensor';

/** The recurrent cells rnnkit has. */
export type CellType = 'rnn' | 'lstm' | 'gru';

/** What a recurrent layer stack returns. */
export interface RecurrentOutput {
  /** Every time step's hidden state of the last layer, `[seq, batch, hidden]` (or batch-first). */
  output: tf.Tensor3D;
  /** The final hidden state of every layer, `[layers, batch, hidden]`. */
  hN: tf.Tensor3D;
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
  /** Runs the sequence x `[seq, batch, in]` (or batch-first) from h0 `[layers, batch, H]` (default zeros). */
  forward(x: tf.Tensor3D, h0?: tf.Tensor3D): RecurrentOutput;
}
