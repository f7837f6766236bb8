import type { SequenceRegressor } from '@rnnkit/layers';
import { reorderBlocks, TORCH_TO_ONNX } from './gate-order.js';
import type { GraphBuilder } from './graph-builder.js';
import { OnnxError } from './onnx-error.js';

/**
 * A bidirectional core as ONNX RNN, LSTM or GRU nodes with direction="bidirectional", one per layer,
 * laid out as torch.onnx.export writes nn.RNN(…, bidirectional=True): W [2, G·H, I], R [2, G·H, H],
 * B [2, 2·G·H], forward first; between layers Y [seq, 2, batch, H] goes through Transpose(0, 2, 1, 3)
 * and Reshape([0, 0, -1]) to [seq, batch, 2H]. Returns the last step of the last layer's output,
 * [batch, 2H] (PyTorch's out[-1]), which the head reads. No streaming `state`: the reverse
 * direction reads the window from its end, so it cannot take a day at a time.
 */
export function bidirectionalOp(g: GraphBuilder, model: SequenceRegressor, input: string, state = false): string {
  if (state) throw new OnnxError('a bidirectional model cannot be exported with state: its reverse direction needs the whole window');
  const H = model.config.hiddenSize;
  const cell = model.cell;
  const order = cell === 'rnn' ? [0] : TORCH_TO_ONNX[cell];
  const gates = order.length;
  const params = model.core.layerParameters();
  const relu = model.config.nonlinearity === 'relu';
  let x = input;
  for (let k = 0; k < params.length / 2; k++) {
    const p = k === 0 ? 'rnn' : `rnn_l${k}`;
    const inSize = k === 0 ? model.config.inputSize : 2 * H;
    const directions = [params[2 * k]!, params[2 * k + 1]!];
    const w = directions.flatMap((d) => reorderBlocks(d.wIh.dataSync(), H, inSize, order));
    const r = directions.flatMap((d) => reorderBlocks(d.wHh.dataSync(), H, H, order));
    const withBias = directions.every((d) => d.bIh && d.bHh);
    const b = withBias ? directions.flatMap((d) => [...reorderBlocks(d.bIh!.dataSync(), H, 1, order), ...reorderBlocks(d.bHh!.dataSync(), H, 1, order)]) : null;
    const inputs = [x, g.float(`${p}.W`, [2, gates * H, inSize], w), g.float(`${p}.R`, [2, gates * H, H], r)];
    if (b) inputs.push(g.float(`${p}.B`, [2, 2 * gates * H], b));
    const attrs: Parameters<GraphBuilder['node']>[2] = { hidden_size: H, direction: { string: 'bidirectional' } };
    if (cell === 'rnn') attrs.activations = relu ? ['Relu', 'Relu'] : ['Tanh', 'Tanh'];
    if (cell === 'gru') attrs.linear_before_reset = (model.core as { linearBeforeReset?: boolean }).linearBeforeReset === false ? 0 : 1;
    const op = cell === 'rnn' ? 'RNN' : cell === 'lstm' ? 'LSTM' : 'GRU';
    const y = g.node(op, inputs, attrs, cell === 'lstm' ? 3 : 2)[0]!;
    const t = g.node('Transpose', [y], { perm: [0, 2, 1, 3] })[0]!;
    x = g.node('Reshape', [t, g.int64('merge_directions', [0, 0, -1])])[0]!; // [seq, batch, 2, H] → [seq, batch, 2H]
  }
  return g.node('Gather', [x, g.int64('last_step', [-1], [])], { axis: 0 })[0]!; // out[-1]
}
