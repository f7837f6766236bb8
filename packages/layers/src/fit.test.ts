import { beforeAll, describe, expect, it } from 'vitest';
import { Adam, Rng, SGD, tf, useBackend } from '@rnnkit/tensor';
import { DivergenceError } from './divergence-error.js';
import { fit, type TrainingData } from './fit.js';
import { setFusedKernels } from './fused/fused-sequence.js';
import { SequenceRegressor } from './sequence-regressor.js';
import { finiteDifferences, loss64, type Weights } from './test-utils/float64-rnn.js';

beforeAll(() => useBackend());

function windows(rng: Rng, n: number, seq = 4, features = 4): TrainingData & { x3: number[][][] } {
  const x3 = Array.from({ length: seq }, () => Array.from({ length: n }, () => Array.from({ length: features }, () => rng.next())));
  const y = Float32Array.from({ length: n }, (_, b) => 0.5 * x3[seq - 1]![b]![3]! + 0.1);
  return { x: Float32Array.from(x3.flat(2)), y, n, seqLength: seq, features, x3: x3.map((t) => t.map((r) => r.map(Math.fround))) };
}

describe('fit', () => {
  it('reports each epoch\'s loss before its update, and steps like SGD in float64', async () => {
    const rng = new Rng(4);
    const model = new SequenceRegressor({ inputSize: 4, hiddenSize: 3, rng });
    const data = windows(rng, 16);
    const w0 = model.stateDict() as Weights;
    const target = Array.from(data.y);
    const losses = await fit(model, data, { epochs: 2, optimizer: new SGD(model.parameters(), 0.5) });
    expect(losses[0]).toBeCloseTo(loss64(w0, data.x3, target), 6);
    // Epoch 2's loss is the float64 loss after one reference SGD step from w0.
    const g = finiteDifferences(w0, data.x3, target);
    const w1: Weights = {};
    for (const [name, v] of Object.entries(w0)) {
      const flat = (v as (number | number[])[]).flat() as number[];
      const next = flat.map((p, i) => p - 0.5 * g[name]![i]!);
      w1[name] = Array.isArray(v[0]) ? chunk(next, (v[0] as number[]).length) : next;
    }
    expect(losses[1]).toBeCloseTo(loss64(w1, data.x3, target), 5);
    expect(losses[1]).toBeLessThan(losses[0]!);
    model.dispose();
  });

  it('keeps the tensor count flat from epoch 1 to the last (1000 for rnn): each cell, full batch and mini-batch', async () => {
    for (const [cell, batchSize, epochs] of [['rnn', 'full', 1000], ['rnn', 5, 100], ['lstm', 'full', 100], ['gru', 5, 100]] as const) {
      const rng = new Rng(1);
      const model = new SequenceRegressor({ cell, inputSize: 4, hiddenSize: 8, rng });
      const optimizer = new Adam(model.parameters(), 0.01);
      const counts: number[] = [];
      await fit(model, windows(rng, 23), {
        epochs, optimizer, batchSize, rng,
        onEpoch: ({ epoch }) => void ((epoch === 1 || epoch === epochs) && counts.push(tf.memory().numTensors)),
      });
      expect(counts).toHaveLength(2);
      expect(counts[1]).toBe(counts[0]);
      optimizer.dispose();
      model.dispose();
    }
  });

  it('is reproducible with seeded mini-batches, and the order matters', async () => {
    const run = async (seed: number) => {
      const model = new SequenceRegressor({ inputSize: 4, hiddenSize: 4, rng: new Rng(3) });
      const losses = await fit(model, windows(new Rng(9), 30), { epochs: 5, optimizer: new SGD(model.parameters(), 0.1), batchSize: 7, rng: new Rng(seed) });
      const state = JSON.stringify(model.stateDict());
      model.dispose();
      return { losses, state };
    };
    const [a, b, c] = [await run(1), await run(1), await run(2)];
    expect(b).toEqual(a);
    expect(c.state).not.toEqual(a.state);
  });

  it('stops on a NaN or Inf loss with a message naming the epoch and a lower learning rate', async () => {
    const model = new SequenceRegressor({ inputSize: 4, hiddenSize: 4, rng: new Rng(3) });
    const data = windows(new Rng(2), 10);
    data.y[3] = NaN;
    const err = await fit(model, data, { epochs: 3, optimizer: new SGD(model.parameters(), 0.5) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DivergenceError);
    expect((err as Error).message).toBe('training diverged at epoch 1: the loss is NaN; try a lower learning rate (e.g. --lr 0.05)');
    model.dispose();
  });

  for (const fused of [true, false]) {
    it(`stops when a finite loss grows past 1e6 × the first epoch's (${fused ? 'fused' : 'op-by-op'} loop)`, async () => {
      setFusedKernels(fused);
      const model = new SequenceRegressor({ inputSize: 4, hiddenSize: 4, rng: new Rng(3) });
      const seen: number[] = [];
      const err = await fit(model, windows(new Rng(2), 10), { epochs: 50, optimizer: new SGD(model.parameters(), 50), onEpoch: ({ loss }) => void seen.push(loss) }).catch((e: unknown) => e);
      setFusedKernels(true);
      expect(err).toBeInstanceOf(DivergenceError);
      const { epoch, loss, first } = err as DivergenceError;
      // Every epoch before it stayed within the bound, this one did not, and it is still finite.
      expect(first).toBe(seen[0]);
      expect(Number.isFinite(loss) && loss > 1e6 * first!).toBe(true);
      expect(seen.every((l) => l <= 1e6 * first!)).toBe(true);
      expect((err as Error).message).toMatch(new RegExp(`^training diverged at epoch ${epoch}: the loss .* is over 1e\\+6 × the first epoch's .*; try a lower learning rate \\(e\\.g\\. --lr 5\\)$`));
      model.dispose();
    });
  }

  it('scales divergence by the run\'s first loss when resuming (firstLoss), not by the resumed epoch\'s', async () => {
    for (const fused of [true, false]) {
      setFusedKernels(fused);
      const model = new SequenceRegressor({ inputSize: 4, hiddenSize: 4, rng: new Rng(3) });
      const data = windows(new Rng(2), 10);
      const opts = { epochs: 6, startEpoch: 5, optimizer: new SGD(model.parameters(), 0.01) };
      // Without firstLoss, epoch 5 is its own scale; with a run that started 1e9 times lower, it has diverged.
      const [loss] = await fit(model, data, { ...opts, epochs: 5 });
      const err = await fit(model, data, { ...opts, firstLoss: loss! * 1e-9 }).catch((e: unknown) => e);
      setFusedKernels(true);
      expect(err).toBeInstanceOf(DivergenceError);
      expect([(err as DivergenceError).epoch, (err as DivergenceError).first]).toEqual([5, loss! * 1e-9]);
      model.dispose();
    }
  });

  it('stops early when the callback returns false', async () => {
    const model = new SequenceRegressor({ inputSize: 4, hiddenSize: 4 });
    const losses = await fit(model, windows(new Rng(2), 10), { epochs: 50, optimizer: new SGD(model.parameters(), 0.1), onEpoch: ({ epoch }) => epoch < 3 });
    expect(losses).toHaveLength(3);
    model.dispose();
  });
});

function chunk(values: number[], size: number): number[][] {
  return Array.from({ length: values.length / size }, (_, i) => values.slice(i * size, (i + 1) * size));
}
