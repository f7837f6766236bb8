import type { SequenceRegressor } from '@rnnkit/layers';
import { reorderBlocks, TORCH_TO_ONNX } from './gate-order.js';
import type { GraphBuilder } from './graph-builder.js';

/**
 * The recurrent core as ONNX RNN, LSTM or GRU nodes, one per layer: W [1, G·H, I], R [1, G·H, H],
 * B [1, 2·G·H] = [Wb, Rb], gates in ONNX's order; forward, time-major, zero initial state.
 * Returns the name of the last layer's final state [batch, H].
 */
export function recurrentOp(g: GraphBuilder, model: SequenceRegressor, input: string): string {
  const H = model.config.hiddenSize;
  const params = new Map(model.namedParameters().map(([name, p]) => [name, p.dataSync()]));
  const cell = model.cell;
  let x = input;
  let last = '';
  for (let k = 0; k < model.core.numLayers; k++) {
    const p = k === 0 ? 'rnn' : `rnn_l${k}`;
    const inSize = k === 0 ? model.config.inputSize : H;
    let w: ArrayLike<number>, r: ArrayLike<number>, b: number[] | null;
    let gates = 1;
    if (cell === 'rnn') {
      const pre = k === 0 ? '' : `l${k}.`;
      [w, r] = [params.get(`${pre}w_x.weight`)!, params.get(`${pre}w_h.weight`)!];
      const [bx, bh] = [params.get(`${pre}w_x.bias`), params.get(`${pre}w_h.bias`)];
      b = bx && bh ? [...bx, ...bh] : null;
    } else {
      const order = TORCH_TO_ONNX[cell];
      gates = order.length;
      w = reorderBlocks(params.get(`rnn.weight_ih_l${k}`)!, H, inSize, order);
      r = reorderBlocks(params.get(`rnn.weight_hh_l${k}`)!, H, H, order);
      b = [...reorderBlocks(params.get(`rnn.bias_ih_l${k}`)!, H, 1, order), ...reorderBlocks(params.get(`rnn.bias_hh_l${k}`)!, H, 1, order)];
    }
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
  }
  return g.node('Squeeze', [last, g.int64('axes_0', [0])])[0]!; // [1, batch, H] → [batch, H]
}
