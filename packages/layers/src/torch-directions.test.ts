import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SGD, tf, useBackend, type StateDict } from '@rnnkit/tensor';
import { pythonHas } from '../../../test-utils/python.js';
import { fit } from './fit.js';
import { SequenceRegressor } from './sequence-regressor.js';
import { torchToRnnkit } from '../../../test-utils/torch-names.js';
import type { CellType } from './recurrent-core.js';

beforeAll(() => useBackend());

interface TorchCase {
  cell: CellType;
  numLayers: number;
  bidirectional: boolean;
  nonlinearity: 'tanh' | 'relu';
  hidden: number;
  input: number[][][];
  target: number[];
  stateDict: Record<string, unknown>;
  output: number[];
  loss: number;
  grads: Record<string, unknown>;
  afterStep: Record<string, unknown>;
}

// Written by scripts/torch_directions.py (PyTorch 1.13): relu and bidirectional stacks + nn.Linear on out[-1].
const FIXTURE = new URL('./fixtures/torch-directions.json', import.meta.url);
const torch = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { cases: Record<string, TorchCase> };
const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
const maxError = (got: ArrayLike<number>, want: number[]) => Math.max(...want.map((w, i) => Math.abs(got[i]! - w)));

function build(c: TorchCase): SequenceRegressor {
  const model = new SequenceRegressor({ cell: c.cell, inputSize: 4, hiddenSize: c.hidden, numLayers: c.numLayers, bias: true, nonlinearity: c.nonlinearity, bidirectional: c.bidirectional });
  model.loadStateDict(torchToRnnkit(c.cell, c.stateDict) as StateDict);
  return model;
}

describe('relu and bidirectional stacks against PyTorch', () => {
  for (const [name, c] of Object.entries(torch.cases)) {
    it(`${name}: output, loss, every gradient and one SGD step (fit) as PyTorch's`, async () => {
      const model = build(c);
      // Same names and shapes as PyTorch's state dict, nothing more.
      expect(Object.keys(model.stateDict()).sort()).toEqual(Object.keys(torchToRnnkit(c.cell, c.stateDict)).sort());
      const x = tf.tensor3d(c.input);
      expect(maxError(model.forward(x).dataSync(), c.output)).toBeLessThan(1e-6);

      const y = tf.tensor2d(c.target, [c.target.length, 1]);
      const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(tf.sub(model.forward(x), y))) as tf.Scalar, model.parameters());
      expect(Math.abs(value.dataSync()[0]! - c.loss)).toBeLessThan(1e-6 * Math.max(1, c.loss));
      const want = torchToRnnkit(c.cell, c.grads);
      for (const [param, p] of model.namedParameters()) expect(maxError(grads[p.name]!.dataSync(), flat(want[param])), param).toBeLessThan(1e-5);

      // fit's own path (the fused trainer must not take these stacks) makes PyTorch's SGD step.
      const n = c.target.length;
      const data = { x: Float32Array.from(flat(c.input)), y: Float32Array.from(c.target), n, seqLength: c.input.length, features: 4 };
      await fit(model, data, { epochs: 1, optimizer: new SGD(model.parameters(), 0.1) });
      const after = torchToRnnkit(c.cell, c.afterStep);
      const dict = model.stateDict();
      for (const param of Object.keys(after)) expect(maxError(flat(dict[param]), flat(after[param])), param).toBeLessThan(1e-6);
      model.dispose();
    });
  }

  it('reads the last step of [forward, reverse] for a bidirectional stack: 2H head inputs, hN per direction', () => {
    const c = torch.cases['gru-bidirectional-2']!;
    const model = build(c);
    const { output, hN } = model.core.forward(tf.tensor3d(c.input));
    expect(output.shape).toEqual([6, 3, 10]);
    expect(hN.shape).toEqual([4, 3, 5]);
    expect(model.head.weight.shape).toEqual([1, 10]);
    model.dispose();
  });

  const hasTorch = pythonHas('torch', 'onnx');
  it.runIf(hasTorch)('the fixture is what PyTorch computes here (python3-torch installed)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rnnkit-torch-'));
    const script = new URL('../../../scripts/torch_directions.py', import.meta.url).pathname;
    execFileSync('/usr/bin/python3', [script, '--layers-out', dir, '--onnx-out', join(dir, 'onnx')], { stdio: 'ignore' });
    const fresh = JSON.parse(readFileSync(join(dir, 'torch-directions.json'), 'utf8')) as typeof torch;
    for (const [name, c] of Object.entries(torch.cases)) {
      const f = fresh.cases[name]!;
      expect(maxError(flat(f.output), flat(c.output)), name).toBeLessThan(1e-6);
      expect(maxError(flat(Object.values(f.grads)), flat(Object.values(c.grads))), name).toBeLessThan(1e-6);
    }
  });
});
