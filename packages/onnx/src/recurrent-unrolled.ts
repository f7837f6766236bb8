import type { RNN, SequenceRegressor } from '@rnnkit/layers';
import type { GraphBuilder } from './graph-builder.js';

/**
 * The recurrent core unrolled over a fixed number of steps: h_t = tanh(x_t W_xᵀ + h_{t-1} W_hᵀ) with
 * MatMul / Add / Tanh, for runtimes without the RNN op. Initializers keep the state dict's names and
 * [out, in] shapes (one Transpose each), so the file reads back by name. Returns h_T's name.
 */
export function recurrentUnrolled(g: GraphBuilder, model: SequenceRegressor, input: string, seqLength: number): string {
  const H = model.config.hiddenSize;
  let steps = Array.from({ length: seqLength }, (_, t) => g.node('Gather', [input, g.int64(`step_${t}`, [t], [])], { axis: 0 })[0]!);
  (model.core as RNN).cells.forEach((cell, k) => {
    const p = k === 0 ? '' : `l${k}.`;
    const linear = (name: string, inSize: number, weight: Float32Array | Int32Array | Uint8Array, bias: Float32Array | Int32Array | Uint8Array | null) => {
      const wT = g.node('Transpose', [g.float(`${p}${name}.weight`, [H, inSize], weight)], { perm: [1, 0] })[0]!;
      const b = bias ? g.float(`${p}${name}.bias`, [H], bias) : null;
      return (v: string) => {
        const y = g.node('MatMul', [v, wT])[0]!;
        return b ? g.node('Add', [y, b])[0]! : y;
      };
    };
    const wx = linear('w_x', cell.inputSize, cell.w_x.weight.dataSync(), cell.w_x.bias?.dataSync() ?? null);
    const wh = linear('w_h', H, cell.w_h.weight.dataSync(), cell.w_h.bias?.dataSync() ?? null);
    const whBias = cell.w_h.bias ? `${p}w_h.bias` : null;
    let h: string | null = null;
    steps = steps.map((xt) => {
      // h_0 is zero, so the first step's recurrent term is only w_h's bias.
      const recurrent = h ? wh(h) : whBias;
      h = g.node('Tanh', [recurrent ? g.node('Add', [wx(xt), recurrent])[0]! : wx(xt)])[0]!;
      return h;
    });
  });
  return steps[steps.length - 1]!;
}
