import type { SequenceRegressor } from '@rnnkit/layers';
import type { GraphBuilder } from './graph-builder.js';

/**
 * An LSTM or GRU stack unrolled over a fixed number of steps with MatMul / Add / Mul / Sub /
 * Sigmoid / Tanh, for runtimes without the LSTM or GRU op. PyTorch's equations and gate order:
 *   LSTM (i, f, g, o): c_t = f ⊙ c_{t-1} + i ⊙ g,  h_t = o ⊙ tanh(c_t);
 *   GRU (r, z, n):     n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h_t = n + z ⊙ (h_{t-1} − n).
 * Each gate gets its own [in, H] block of W_ihᵀ / W_hhᵀ, so no Split is needed. The state starts at
 * zero, so the first step's recurrent terms are the hidden-side biases alone. Returns h_T's name.
 */
export function gatedUnrolled(g: GraphBuilder, model: SequenceRegressor, input: string, seqLength: number): string {
  const H = model.config.hiddenSize;
  const gates = model.cell === 'lstm' ? ['i', 'f', 'g', 'o'] : ['r', 'z', 'n'];
  let steps = Array.from({ length: seqLength }, (_, t) => g.node('Gather', [input, g.int64(`step_${t}`, [t], [])], { axis: 0 })[0]!);
  model.core.layerParameters().forEach((layer, k) => {
    const inSize = layer.wIh.shape[1]!;
    const [wIh, wHh] = [layer.wIh.dataSync(), layer.wHh.dataSync()];
    const [bIh, bHh] = [layer.bIh?.dataSync() ?? null, layer.bHh?.dataSync() ?? null];
    // Gate j's transposed block [n, H] of a [G·H, n] weight, and its bias slice.
    const block = (w: ArrayLike<number>, n: number, j: number, name: string) =>
      g.float(name, [n, H], Array.from({ length: n * H }, (_, i) => w[(j * H + (i % H)) * n + Math.floor(i / H)]!));
    const bias = (b: ArrayLike<number> | null, j: number, name: string) => (b ? g.float(name, [H], Array.from({ length: H }, (_, i) => b[j * H + i]!)) : null);
    const gate = gates.map((name, j) => ({
      wx: block(wIh, inSize, j, `l${k}.${name}.w_ih`), wh: block(wHh, H, j, `l${k}.${name}.w_hh`),
      bx: bias(bIh, j, `l${k}.${name}.b_ih`), bh: bias(bHh, j, `l${k}.${name}.b_hh`),
    }));
    const add = (a: string, b: string | null) => (b ? g.node('Add', [a, b])[0]! : a);
    const inputSide = (j: number, x: string) => add(g.node('MatMul', [x, gate[j]!.wx])[0]!, gate[j]!.bx);
    // The hidden-side term W_h h + b_h; null when h is zero and there is no bias.
    const hiddenSide = (j: number, h: string | null) => (h ? add(g.node('MatMul', [h, gate[j]!.wh])[0]!, gate[j]!.bh) : gate[j]!.bh);
    const both = (j: number, x: string, h: string | null) => add(inputSide(j, x), hiddenSide(j, h));
    const act = (op: 'Sigmoid' | 'Tanh', v: string) => g.node(op, [v])[0]!;
    const mul = (a: string, b: string) => g.node('Mul', [a, b])[0]!;
    let h: string | null = null;
    let c: string | null = null;
    steps = steps.map((x) => {
      if (model.cell === 'lstm') {
        const [i, f, gg, o] = [act('Sigmoid', both(0, x, h)), act('Sigmoid', both(1, x, h)), act('Tanh', both(2, x, h)), act('Sigmoid', both(3, x, h))];
        c = c ? g.node('Add', [mul(f, c), mul(i, gg)])[0]! : mul(i, gg);
        h = mul(o, act('Tanh', c));
      } else {
        const [r, z] = [act('Sigmoid', both(0, x, h)), act('Sigmoid', both(1, x, h))];
        const hn = hiddenSide(2, h);
        const n = act('Tanh', hn ? g.node('Add', [inputSide(2, x), mul(r, hn)])[0]! : inputSide(2, x));
        // h_t = n + z ⊙ (h − n); with h = 0 that is n − z ⊙ n.
        h = h ? g.node('Add', [n, mul(z, g.node('Sub', [h, n])[0]!)])[0]! : g.node('Sub', [n, mul(z, n)])[0]!;
      }
      return h!;
    });
  });
  return steps[steps.length - 1]!;
}
