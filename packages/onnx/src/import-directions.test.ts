import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SGD, tf, useBackend } from '@rnnkit/tensor';
import { fit, SequenceRegressor } from '@rnnkit/layers';
import { importOnnx } from './import-onnx.js';
import { runOnnx } from './run-onnx.js';
import { torchToRnnkit } from '../../../test-utils/torch-names.js';

beforeAll(() => useBackend());

// Written by scripts/torch_directions.py: torch.onnx.export (PyTorch 1.13, opset 14) of relu and
// bidirectional nn.RNN / nn.LSTM / nn.GRU stacks + nn.Linear(D·H, 1) on out[-1], and PyTorch's outputs.
const fixture = (name: string) => readFileSync(new URL(`./fixtures/torch-directions/${name}`, import.meta.url));
const torch = JSON.parse(fixture('torch-directions.json').toString()) as {
  cases: Record<string, { input: number[][][]; output: number[]; stateDict: Record<string, unknown> }>;
};
const flat = (v: unknown): number[] => (Array.isArray(v) ? v.flatMap(flat) : [v as number]);
const maxError = (got: ArrayLike<number>, want: number[]) => Math.max(...want.map((w, i) => Math.abs(got[i]! - w)));

describe('importOnnx of torch.onnx.export files of relu and bidirectional stacks', () => {
  for (const [name, c] of Object.entries(torch.cases)) {
    it(`${name}: a trainable model with PyTorch's state dict and output, as onnxruntime's`, async () => {
      const bytes = fixture(`${name}.onnx`);
      const { model } = importOnnx(bytes);
      expect(model.config.bidirectional ?? false).toBe(name.includes('bidirectional'));
      expect(model.config.nonlinearity ?? 'tanh').toBe(name.includes('relu') ? 'relu' : 'tanh');
      // PyTorch's parameters, name for name, in float32.
      const want = torchToRnnkit(model.cell, c.stateDict);
      const dict = model.stateDict();
      expect(Object.keys(dict).sort()).toEqual(Object.keys(want).sort());
      for (const [param, v] of Object.entries(want)) expect(flat(dict[param])).toEqual(flat(v).map(Math.fround));

      const x = tf.tensor3d(c.input);
      expect(maxError(model.forward(x).dataSync(), c.output)).toBeLessThan(1e-6);
      const ort = await runOnnx(bytes, Float32Array.from(flat(c.input)), [6, 3, 4]);
      expect(maxError(ort, c.output)).toBeLessThan(1e-6);

      // Trainable: an SGD step through fit lowers the loss. (The last layer's reverse weight_hh gets no
      // gradient from out[-1], in PyTorch too: that direction has taken one step from zero there.)
      const target = Float32Array.from(c.output.map((v) => v + 0.5));
      const data = { x: Float32Array.from(flat(c.input)), y: target, n: 3, seqLength: 6, features: 4 };
      const losses = await fit(model, data, { epochs: 2, optimizer: new SGD(model.parameters(), 0.05) });
      expect(losses[1]!).toBeLessThan(losses[0]!);
      expect(model).toBeInstanceOf(SequenceRegressor);
      model.dispose();
    });
  }
});
