import type { SequenceRegressor } from '@rnnkit/layers';
import type { GraphBuilder } from './graph-builder.js';

/** The prefix of a layer's initializers: the state dict's names of the LSTM/GRU (and nn.RNN's), `rnn.weight_ih_l{k}`, …. */
export const unrolledName = (kind: 'weight_ih' | 'weight_hh' | 'bias_ih' | 'bias_hh', k: number) => `rnn.${kind}_l${k}`;

/**
 * The recurrent stack unrolled over a fixed number of steps with Gemm / Split / Add / Mul / Sub /
 * Sigmoid / Tanh, for runtimes without ONNX's RNN, LSTM or GRU op. One writer for every cell:
 * each layer's initializers are PyTorch's `rnn.weight_ih_l{k}` [G·H, in], `rnn.weight_hh_l{k}`
 * [G·H, H] (and `rnn.bias_ih_l{k}`, `rnn.bias_hh_l{k}` [G·H] when the stack has biases), gate
 * blocks in PyTorch's order, so importOnnx reads the file back by name. Per step, the input side
 * x_t W_ihᵀ + b_ih and the hidden side h W_hhᵀ + b_hh are one Gemm (transB) each, split into gates:
 *   RNN:            h_t = tanh(x + h);
 *   LSTM (i,f,g,o): c_t = σ(f) ⊙ c_{t-1} + σ(i) ⊙ tanh(g),  h_t = σ(o) ⊙ tanh(c_t);
 *   GRU (r,z,n):    n = tanh(x_n + σ(r) ⊙ h_n),  h_t = n + σ(z) ⊙ (h_{t-1} − n)  (PyTorch's, linear_before_reset=1).
 * The state starts at zero, so the first step's hidden side is b_hh alone (or nothing). Returns h_T's name.
 */
export function unrolled(g: GraphBuilder, model: SequenceRegressor, input: string, seqLength: number): string {
  const H = model.config.hiddenSize;
  const G = { rnn: 1, lstm: 4, gru: 3 }[model.cell];
  let steps = Array.from({ length: seqLength }, (_, t) => g.node('Gather', [input, g.int64(`step_${t}`, [t], [])], { axis: 0 })[0]!);
  const node = (op: string, inputs: string[], attrs = {}) => g.node(op, inputs, attrs)[0]!;
  // [batch, G·H] (or [G·H]) → G parts [batch, H] on the last axis.
  const gates = (v: string, axis: number) => (G === 1 ? [v] : g.node('Split', [v, g.int64(`split_${G}x${H}`, new Array<number>(G).fill(H))], { axis }, G));
  const add = (a: string, b: string | null) => (b ? node('Add', [a, b]) : a);
  model.core.layerParameters().forEach((layer, k) => {
    const inSize = layer.wIh.shape[1]!;
    const wIh = g.float(unrolledName('weight_ih', k), [G * H, inSize], layer.wIh.dataSync());
    const wHh = g.float(unrolledName('weight_hh', k), [G * H, H], layer.wHh.dataSync());
    const bIh = layer.bIh ? g.float(unrolledName('bias_ih', k), [G * H], layer.bIh.dataSync()) : null;
    const bHh = layer.bHh ? g.float(unrolledName('bias_hh', k), [G * H], layer.bHh.dataSync()) : null;
    const gemm = (v: string, w: string, b: string | null) => node('Gemm', b ? [v, w, b] : [v, w], { transB: 1 });
    // h = 0 on the first step: the hidden side is the bias (split once per layer), or absent.
    const firstHidden = bHh ? gates(bHh, 0) : null;
    let h: string | null = null;
    let c: string | null = null;
    steps = steps.map((x) => {
      const xs = gates(gemm(x, wIh, bIh), 1);
      const hs = h ? gates(gemm(h, wHh, bHh), 1) : firstHidden;
      const both = (j: number) => add(xs[j]!, hs?.[j] ?? null);
      if (model.cell === 'rnn') {
        h = node('Tanh', [both(0)]);
      } else if (model.cell === 'lstm') {
        const [i, f, gg, o] = [node('Sigmoid', [both(0)]), node('Sigmoid', [both(1)]), node('Tanh', [both(2)]), node('Sigmoid', [both(3)])];
        const ig = node('Mul', [i, gg]);
        c = c ? node('Add', [node('Mul', [f, c]), ig]) : ig;
        h = node('Mul', [o, node('Tanh', [c])]);
      } else {
        const [r, z] = [node('Sigmoid', [both(0)]), node('Sigmoid', [both(1)])];
        const n = node('Tanh', [hs ? node('Add', [xs[2]!, node('Mul', [r, hs[2]!])]) : xs[2]!]);
        // h_t = n + z ⊙ (h − n); with h = 0 that is n − z ⊙ n.
        h = h ? node('Add', [n, node('Mul', [z, node('Sub', [h, n])])]) : node('Sub', [n, node('Mul', [z, n])]);
      }
      return h;
    });
  });
  return steps[steps.length - 1]!;
}
