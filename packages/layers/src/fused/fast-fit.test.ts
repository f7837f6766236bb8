import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Rng, SGD, useBackend } from '@rnnkit/tensor';
import { fit } from '../fit.js';
import { SequenceRegressor } from '../sequence-regressor.js';
import { setFusedKernels } from './fused-sequence.js';

beforeAll(() => useBackend());
afterEach(() => setFusedKernels(true));

async function train(cell: 'rnn' | 'lstm' | 'gru', layers: number, batchSize: number | 'full', fused: boolean, outputs = 1) {
  setFusedKernels(fused);
  const rng = new Rng(17);
  const model = new SequenceRegressor({ cell, inputSize: 4, hiddenSize: 6, numLayers: layers, bias: layers > 1, outputSize: outputs, rng });
  const n = 40;
  const x = Float32Array.from({ length: 4 * n * 4 }, () => rng.next());
  // Output o of window i: a different affine map of the last step's 4th feature per output.
  const y = Float32Array.from({ length: n * outputs }, (_, k) => 0.3 + (0.4 - 0.1 * (k % outputs)) * x[(3 * n + Math.floor(k / outputs)) * 4 + 3]!);
  const losses = await fit(model, { x, y, n, seqLength: 4, features: 4, outputs }, { epochs: 30, optimizer: new SGD(model.parameters(), 0.1), batchSize, rng: new Rng(5) });
  const weights = model.namedParameters().map(([name, p]) => [name, Array.from(p.dataSync())] as const);
  model.dispose();
  return { losses, weights };
}

describe('whole epochs in the fused kernels (fit on wasm/cpu with SGD)', () => {
  for (const [cell, layers, batch, outputs] of [['rnn', 1, 'full', 1], ['rnn', 2, 8, 1], ['lstm', 1, 'full', 1], ['gru', 2, 8, 1], ['rnn', 1, 'full', 3], ['gru', 1, 8, 3]] as const) {
    it(`${cell}, ${layers} layer(s), batch ${batch}, ${outputs} output(s): the same losses and weights as the op-by-op loop`, async () => {
      const fast = await train(cell, layers, batch, true, outputs);
      const reference = await train(cell, layers, batch, false, outputs);
      expect(fast.losses).toHaveLength(30);
      fast.losses.forEach((l, i) => expect(Math.abs(l - reference.losses[i]!) / reference.losses[i]!).toBeLessThan(1e-4));
      expect(fast.losses[29]).toBeLessThan(fast.losses[0]!);
      fast.weights.forEach(([name, w], k) => {
        expect(name).toBe(reference.weights[k]![0]);
        w.forEach((v, i) => expect(Math.abs(v - reference.weights[k]![1][i]!)).toBeLessThan(1e-4));
      });
    });
  }
});
