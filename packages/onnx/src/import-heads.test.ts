import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@rnnkit/tensor';
import { importOnnx } from './import-onnx.js';
import { buildModel, tensorProto } from './test-utils/onnx-model.js';

beforeAll(() => useBackend());

// Issue 15: torch.onnx.export heads that importOnnx (rnnkit train --init-from) must read, on the
// committed fixtures of scripts/torch_head_fixtures.py, against PyTorch's own outputs.
interface Json { dims: number[]; data: number[] }
const heads = new URL('./fixtures/heads/', import.meta.url);
const cases = (JSON.parse(readFileSync(new URL('heads.json', heads), 'utf8')) as { cases: { file: string; inputs: Record<string, Json>; outputs: Record<string, Json> }[] }).cases;

describe('importOnnx of PyTorch heads', () => {
  it.each([
    ['rnn-last-step-opset9.onnx', 'out[-1] written as Slice with attributes at opset 9'],
    ['gru-h_n-2-layers-opset13.onnx', 'h_n[-1] of a 2-layer GRU written as Concat + Gather at opset 13'],
    ['rnn-fixed-shape-opset13.onnx', 'a fixed-shape export: the zero initial state written with Expand'],
  ])('%s (%s): the imported model gives PyTorch\'s output', (file) => {
    const c = cases.find((k) => k.file === file)!;
    const { model } = importOnnx(new Uint8Array(readFileSync(new URL(c.file, heads))));
    const x = c.inputs.x!;
    const got = model.forward(tf.tensor3d(x.data, x.dims as [number, number, number])).dataSync();
    expect(got.length).toBe(c.outputs.y!.data.length);
    c.outputs.y!.data.forEach((v, i) => expect(Math.abs(got[i]! - v)).toBeLessThan(1e-5));
    model.dispose();
  });

  it('an LSTM head that reads Y_c (the cell state) is refused as such, not read as Y', () => {
    const H = 2;
    const bytes = buildModel({
      opset: 13,
      nodes: [
        { op: 'LSTM', name: 'lstm', inputs: ['x', 'w', 'r'], outputs: ['', '', 'c'], attrs: { hidden_size: H } },
        { op: 'Squeeze', inputs: ['c', 'axis0'], outputs: ['s'] },
        { op: 'Gemm', inputs: ['s', 'wo'], outputs: ['y'] },
      ],
      inputs: [{ name: 'x', type: 'float32', dims: ['seq', 'batch', 1] }], outputs: [{ name: 'y', type: 'float32' }],
      initializers: [tensorProto('w', 'float32', [1, 4 * H, 1], Array(4 * H).fill(0.1)), tensorProto('r', 'float32', [1, 4 * H, H], Array(4 * H * H).fill(0.1)),
        tensorProto('axis0', 'int64', [1], [0]), tensorProto('wo', 'float32', [H, 1], [1, 1])],
    });
    expect(() => importOnnx(bytes)).toThrow(/^the head reads Y_c, the LSTM's cell state; rnnkit's head reads the hidden state \(Y or Y_h\)$/);
  });
});
