import type { SequenceRegressor } from '@rnnkit/layers';
import type { GraphBuilder } from './graph-builder.js';

/**
 * The recurrent core as ONNX `RNN` nodes, one per layer (W [1,H,I], R [1,H,H], B [1,2H] = [Wb, Rb]),
 * Tanh, forward, time-major. Returns the name of the last layer's final state [batch, H].
 */
export function recurrentOp(g: GraphBuilder, model: SequenceRegressor, input: string): string {
  const H = model.config.hiddenSize;
  let x = input;
  let last = '';
  model.rnn.cells.forEach((cell, k) => {
    const p = k === 0 ? 'rnn' : `rnn_l${k}`;
    const W = g.float(`${p}.W`, [1, H, cell.inputSize], cell.w_x.weight.dataSync());
    const R = g.float(`${p}.R`, [1, H, H], cell.w_h.weight.dataSync());
    const bx = cell.w_x.bias, bh = cell.w_h.bias;
    const B = bx && bh ? g.float(`${p}.B`, [1, 2 * H], [...bx.dataSync(), ...bh.dataSync()]) : '';
    const [Y, Yh] = g.node('RNN', B ? [x, W, R, B] : [x, W, R], { hidden_size: H, activations: ['Tanh'] }, 2);
    x = g.node('Squeeze', [Y!, g.int64('axes_1', [1])])[0]!; // [seq, 1, batch, H] → [seq, batch, H]
    last = Yh!;
  });
  return g.node('Squeeze', [last, g.int64('axes_0', [0])])[0]!; // [1, batch, H] → [batch, H]
}
