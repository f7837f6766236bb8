import type { SequenceRegressor } from '@rnnkit/layers';
import type { tf } from '@rnnkit/tensor';
import { reorderBlocks, TORCH_TO_ONNX } from './gate-order.js';
import type { GraphBuilder } from './graph-builder.js';
import { bidirectionalOp } from './recurrent-op-bidirectional.js';
import { layerState, stackStates, STATE_NAMES } from './state-io.js';

/**
 * The recurrent core as ONNX RNN, LSTM or GRU nodes, one per layer: W [1, G·H, I], R [1, G·H, H],
 * B [1, 2·G·H] = [Wb, Rb], gates in ONNX's order; forward, time-major. The initial state is zero,
 * or with `state` read from the graph inputs `initial_h` (`initial_c`), whose final values become
 * the outputs `Y_h` (`Y_c`) (see state-io.ts). Returns the name of the last layer's final state [batch, H].
 */
export function recurrentOp(g: GraphBuilder, model: SequenceRegressor, input: string, state = false): string {
  if (model.core.bidirectional) return bidirectionalOp(g, model, input, state);
  const H = model.config.hiddenSize;
  const cell = model.cell;
  const values = (v: tf.Variable | null) => (v ? v.dataSync() : null);
  let x = input;
  let last = '';
  const layers = model.core.layerParameters();
  const finals: { h: string[]; c: string[] } = { h: [], c: [] };
  layers.forEach((layer, k) => {
    const p = k === 0 ? 'rnn' : `rnn_l${k}`;
    const inSize = k === 0 ? model.config.inputSize : H;
    const [wIh, wHh, bIh, bHh] = [values(layer.wIh)!, values(layer.wHh)!, values(layer.bIh), values(layer.bHh)];
    // PyTorch's gate blocks in ONNX's order (the RNN's single block stays as it is).
    const order = cell === 'rnn' ? [0] : TORCH_TO_ONNX[cell];
    const gates = order.length;
    const w = reorderBlocks(wIh, H, inSize, order);
    const r = reorderBlocks(wHh, H, H, order);
    const b = bIh && bHh ? [...reorderBlocks(bIh, H, 1, order), ...reorderBlocks(bHh, H, 1, order)] : null;
    const W = g.float(`${p}.W`, [1, gates * H, inSize], w);
    const R = g.float(`${p}.R`, [1, gates * H, H], r);
    const B = b ? g.float(`${p}.B`, [1, 2 * gates * H], b) : '';
    const attrs: Record<string, number | string[]> = { hidden_size: H };
    if (cell === 'rnn') attrs.activations = [model.config.nonlinearity === 'relu' ? 'Relu' : 'Tanh'];
    if (cell === 'gru') attrs.linear_before_reset = (model.core as { linearBeforeReset?: boolean }).linearBeforeReset === false ? 0 : 1;
    const op = cell === 'rnn' ? 'RNN' : cell === 'lstm' ? 'LSTM' : 'GRU';
    // Optional inputs are positional: X, W, R, B, sequence_lens, initial_h, initial_c ('' skips one).
    const inputs = [x, W, R, B];
    if (state) {
      inputs.push('', layerState(g, STATE_NAMES.h.input, k, layers.length));
      if (cell === 'lstm') inputs.push(layerState(g, STATE_NAMES.c.input, k, layers.length));
    }
    const outputs = g.node(op, state ? inputs : B ? [x, W, R, B] : [x, W, R], attrs, cell === 'lstm' ? 3 : 2);
    finals.h.push(outputs[1]!);
    if (cell === 'lstm') finals.c.push(outputs[2]!);
    x = g.node('Squeeze', [outputs[0]!, g.int64('axes_1', [1])])[0]!; // [seq, 1, batch, H] → [seq, batch, H]
    last = outputs[1]!;
  });
  if (state) {
    stackStates(g, finals.h, STATE_NAMES.h.output);
    if (cell === 'lstm') stackStates(g, finals.c, STATE_NAMES.c.output);
  }
  return g.node('Squeeze', [last, g.int64('axes_0', [0])])[0]!; // [1, batch, H] → [batch, H]
}
