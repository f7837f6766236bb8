import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Rng, SGD, useBackend } from '@rnnkit/tensor';
import { fit } from '../fit.js';
import { SequenceRegressor } from '../sequence-regressor.js';
import { setFusedKernels } from './fused-sequence.js';

beforeAll(() => useBackend());
afterEach(() => setFusedKernels(true));

async function train(cell: 'rnn' | 'lstm' | 'gru', layers: number, batchSize: number | 'full', fused: boolean) {
  setFusedKernels(fused);
  const rng = new Rng(17);
  const model = new SequenceRegressor({ cell, inputSize: 4, hiddenSize: 6, numLayers: layers, bias: layers > 1, rng });
  const n = 40;
  const x = Float32Array.from({ length: 4 * n * 4 }, () => rng.next());
  const y = Float32Array.from({ length: n }, (_, i) => 0.3 + 0.4 * x[(3 * n + i) * 4 + 3]!);
  const losses = await fit(model, { x, y, n, seqLength: 4, features: 4 }, { epochs: 30, optimizer: new SGD(model.parameters(), 0.1), batchSize, rng: new Rng(5) });
  const weights = model.namedParameters().map(([name, p]) => [name, Array.from(p.dataSync())] as const);
  model.dispose();
  return { losses, weights };
}

describe('whole epochs in the fused kernels (fit on wasm/cpu with SGD)', () => {
  for (const [cell, layers, batch] of [['rnn', 1, 'full'], ['rnn', 2, 8], ['lstm', 1, 'full'], ['gru', 2, 8]] as const) {
    it(`${cell}, ${layers} layer(s), batch ${batch}: the same losses and weights as the op-by-op loop`, async () => {
      const fast = await train(cell, layers, batch, true);
      const reference = await train(cell, layers, batch, false);
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
