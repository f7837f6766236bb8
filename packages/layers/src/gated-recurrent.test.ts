import { beforeAll, describe, expect, it } from 'vitest';
import { Rng, tf, useBackend } from '@rnnkit/tensor';
import { GRUCell, LSTMCell } from './gated-cells.js';
import { GRU } from './gated-recurrent.js';
import { SequenceRegressor } from './sequence-regressor.js';
import { gatedForward64, type GatedWeights } from './test-utils/float64-gated.js';

beforeAll(() => useBackend());

const randomArray = (rng: Rng, ...shape: number[]): any =>
  shape.length === 1 ? Array.from({ length: shape[0]! }, () => rng.uniform(-1, 1)) : Array.from({ length: shape[0]! }, () => randomArray(rng, ...shape.slice(1)));

/** Central differences of the MSE loss for every parameter element, on the float64 reference. */
function finiteDifferences(cell: 'lstm' | 'gru', w: GatedWeights, x: number[][][], t: number[], layers: number): Record<string, number[]> {
  const loss = (weights: GatedWeights) => gatedForward64(cell, weights, x, layers).reduce((s, y, i) => s + (y - t[i]!) ** 2, 0) / t.length;
  const out: Record<string, number[]> = {};
  for (const name of Object.keys(w)) {
    const flat = (w[name] as (number | number[])[]).flat() as number[];
    out[name] = flat.map((_, i) => {
      const at = (d: number) => {
        const copy = structuredClone(w);
        const v = copy[name]!;
        if (Array.isArray(v[0])) (v as number[][])[Math.floor(i / (v[0] as number[]).length)]![i % (v[0] as number[]).length]! += d;
        else (v as number[])[i]! += d;
        return loss(copy);
      };
      return (at(1e-6) - at(-1e-6)) / 2e-6;
    });
  }
  return out;
}

for (const cell of ['lstm', 'gru'] as const) {
  describe(`${cell.toUpperCase()}`, () => {
    it('has PyTorch\'s parameter names and shapes', () => {
      const m = new SequenceRegressor({ cell, inputSize: 4, hiddenSize: 5, numLayers: 2 });
      const G = cell === 'lstm' ? 20 : 15;
      expect(m.namedParameters().map(([n, p]) => [n, p.shape])).toEqual([
        ['rnn.weight_ih_l0', [G, 4]], ['rnn.weight_hh_l0', [G, 5]], ['rnn.bias_ih_l0', [G]], ['rnn.bias_hh_l0', [G]],
        ['rnn.weight_ih_l1', [G, 5]], ['rnn.weight_hh_l1', [G, 5]], ['rnn.bias_ih_l1', [G]], ['rnn.bias_hh_l1', [G]],
        ['head.weight', [1, 5]], ['head.bias', [1]],
      ]);
      const bound = 1 / Math.sqrt(5);
      const w = m.namedParameters()[0]![1].dataSync();
      expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(bound);
      m.dispose();
    });

    it('matches the float64 reference of PyTorch\'s equations, one and two layers', () => {
      for (const layers of [1, 2]) {
        const rng = new Rng(5);
        const m = new SequenceRegressor({ cell, inputSize: 3, hiddenSize: 4, numLayers: layers, rng });
        const x = randomArray(rng, 6, 2, 3) as number[][][];
        const got = m.forward(tf.tensor3d(x)).dataSync();
        gatedForward64(cell, m.stateDict() as GatedWeights, x, layers).forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
        m.dispose();
      }
    });

    it('has gradients equal to central finite differences in float64 within 1e-3 relative', () => {
      for (const layers of [1, 2]) {
        const rng = new Rng(8 + layers);
        const m = new SequenceRegressor({ cell, inputSize: 3, hiddenSize: 4, numLayers: layers, rng });
        const x = randomArray(rng, 4, 5, 3) as number[][][];
        const t = randomArray(rng, 5) as number[];
        const { grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(m.forward(tf.tensor3d(x)), tf.tensor2d(t, [5, 1])))) as tf.Scalar, m.parameters());
        const fd = finiteDifferences(cell, m.stateDict() as GatedWeights, x, t, layers);
        for (const [name, p] of m.namedParameters()) {
          const want = fd[name]!, norm = Math.hypot(...want);
          expect(norm).toBeGreaterThan(1e-5);
          Array.from(grads[p.name]!.dataSync()).forEach((g, i) => expect(Math.abs(g - want[i]!)).toBeLessThanOrEqual(1e-3 * Math.max(Math.abs(want[i]!), norm * 1e-2)));
        }
        m.dispose();
      }
    });
  });
}

describe('gated cells', () => {
  it('LSTMCell and GRUCell step like the stacks, with nn.LSTMCell / nn.GRUCell names', () => {
    const rng = new Rng(3);
    const lstm = new LSTMCell(3, 4, { rng });
    expect(lstm.namedParameters().map(([n]) => n)).toEqual(['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh']);
    const x = tf.tensor2d(randomArray(rng, 2, 3));
    const zero = tf.zeros([2, 4]) as tf.Tensor2D;
    const { h } = lstm.forward(x, zero, zero);
    const reg = new SequenceRegressor({ cell: 'lstm', inputSize: 3, hiddenSize: 4 });
    const dict = reg.stateDict();
    for (const n of ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh']) dict[`rnn.${n}_l0`] = lstm.stateDict()[n]!;
    reg.loadStateDict(dict);
    const stacked = reg.core.forward(tf.expandDims(x, 0) as tf.Tensor3D).hN.dataSync();
    Array.from(h.dataSync()).forEach((v, i) => expect(stacked[i]).toBeCloseTo(v, 6));

    const gru = new GRUCell(3, 4, { rng });
    const core = new GRU(3, 4);
    core.loadStateDict(Object.fromEntries(Object.entries(gru.stateDict()).map(([k, v]) => [`${k}_l0`, v])));
    const gruStacked = core.forward(tf.expandDims(x, 0) as tf.Tensor3D).hN.dataSync();
    Array.from(gru.forward(x, zero).dataSync()).forEach((v, i) => expect(gruStacked[i]).toBeCloseTo(v, 6));
  });

  it('GRU with ONNX\'s linear_before_reset=0 matches its own reference and differs from PyTorch\'s', () => {
    const rng = new Rng(12);
    const m = new SequenceRegressor({ cell: 'gru', inputSize: 3, hiddenSize: 4, linearBeforeReset: false, rng });
    const x = randomArray(rng, 5, 2, 3) as number[][][];
    const got = m.forward(tf.tensor3d(x)).dataSync();
    const w = m.stateDict() as GatedWeights;
    gatedForward64('gru', w, x, 1, false).forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
    expect(Math.abs(gatedForward64('gru', w, x, 1, true)[0]! - got[0]!)).toBeGreaterThan(1e-4);
  });
});
