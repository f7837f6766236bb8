import type { SequenceRegressor } from '@rnnkit/layers';
import type { tf } from '@rnnkit/tensor';
import { reorderBlocks, TORCH_TO_ONNX } from './gate-order.js';
import type { GraphBuilder } from './graph-builder.js';

/**
 * The recurrent core as ONNX RNN, LSTM or GRU nodes, one per layer: W [1, G·H, I], R [1, G·H, H],
 * B [1, 2·G·H] = [Wb, Rb], gates in ONNX's order; forward, time-major, zero initial state.
 * Returns the name of the last layer's final state [batch, H].
 */
export function recurrentOp(g: GraphBuilder, model: SequenceRegressor, input: string): string {
  const H = model.config.hiddenSize;
  const cell = model.cell;
  const values = (v: tf.Variable | null) => (v ? v.dataSync() : null);
  let x = input;
  let last = '';
  model.core.layerParameters().forEach((layer, k) => {
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
    if (cell === 'rnn') attrs.activations = ['Tanh'];
    if (cell === 'gru') attrs.linear_before_reset = (model.core as { linearBeforeReset?: boolean }).linearBeforeReset === false ? 0 : 1;
    const op = cell === 'rnn' ? 'RNN' : cell === 'lstm' ? 'LSTM' : 'GRU';
    const outputs = g.node(op, B ? [x, W, R, B] : [x, W, R], attrs, cell === 'lstm' ? 3 : 2);
    x = g.node('Squeeze', [outputs[0]!, g.int64('axes_1', [1])])[0]!; // [seq, 1, batch, H] → [seq, batch, H]
    last = outputs[1]!;
  });
  return g.node('Squeeze', [last, g.int64('axes_0', [0])])[0]!; // [1, batch, H] → [batch, H]
}
