import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { tf, useBackend } from '@rnnkit/tensor';
import { importOnnx } from './import-onnx.js';
import { inspectOnnx } from './inspect-onnx.js';
import { runOnnx } from './run-onnx.js';
import { onnx } from './proto.js';
import { pythonHas } from '../../../test-utils/python.js';
import { expectAllClose } from '../../../test-utils/all-close.js';

beforeAll(() => useBackend());

// Written by scripts/torch_onnx_export.py: torch.onnx.export (PyTorch 1.13) of nn.RNN(4, H) + nn.Linear(H, 1).
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const torch = JSON.parse(fixture('torch-rnn.json').toString()) as {
  cases: Record<string, { input: number[][][]; output: number[]; batchFirst: boolean; stateDict: Record<string, number[][] | number[]> }>;
};

describe('importOnnx of torch.onnx.export files', () => {
  for (const name of ['torch-rnn', 'torch-rnn-batch-first', 'torch-rnn-2-layers', 'torch-lstm', 'torch-gru']) {
    it(`${name}: the imported model gives PyTorch's output, and so does onnxruntime`, async () => {
      const bytes = fixture(`${name}.onnx`);
      const c = torch.cases[name]!;
      const { model, layout, metadata } = importOnnx(bytes);
      expect(metadata).toBeNull();
      expect(layout).toBe(c.batchFirst ? 'batch-major' : 'time-major');
      const x = tf.tensor3d(c.input);
      const got = model.forward(c.batchFirst ? tf.transpose(x, [1, 0, 2]) : x).dataSync();
      c.output.forEach((v, i) => expect(Math.abs(got[i]! - v)).toBeLessThan(1e-6));
      const ort = await runOnnx(bytes, Float32Array.from(c.input.flat(2)), [4, 5, 4]);
      c.output.forEach((v, i) => expect(Math.abs(ort[i]! - v)).toBeLessThan(1e-6));
      const dict = model.stateDict();
      const f32 = (v: unknown): unknown => (Array.isArray(v) ? v.map(f32) : Math.fround(v as number));
      if (model.cell === 'rnn') {
        // PyTorch's weight_ih_l0 / bias_ih_l0 land in w_x, weight_hh_l0 / bias_hh_l0 in w_h.
        expect(dict['w_x.weight']).toEqual(f32(c.stateDict['rnn.weight_ih_l0']));
        expect(dict['w_h.bias']).toEqual(f32(c.stateDict['rnn.bias_hh_l0']));
        expect(dict['w_y.bias']).toEqual(f32(c.stateDict['head.bias']));
      } else {
        // LSTM and GRU keep PyTorch's names: the state dict comes back exactly, gates reordered back.
        expect(dict).toEqual(Object.fromEntries(Object.entries(c.stateDict).map(([k, v]) => [k, f32(v)])));
      }
      model.dispose();
    });
  }

  it('inspects a torch file', () => {
    const info = inspectOnnx(fixture('torch-rnn.onnx'));
    expect(info.inputs).toEqual([{ name: 'input', dims: ['seq', 'batch', 4] }]);
    expect(info.nodes.filter((n) => n.op === 'RNN')).toHaveLength(1);
    expect(info.initializers.find((t) => t.name === 'head.weight')?.dims).toEqual([1, 8]);
    expect(info.producer).toMatch(/^pytorch/);
  });
});

describe('importOnnx refuses what it cannot read, in one line', () => {
  const good = fixture('torch-rnn.onnx');
  const cases: [string, Uint8Array, RegExp][] = [
    ['an empty file', new Uint8Array(), /empty/],
    ['a truncated file', good.subarray(0, good.length >> 1), /not a valid ONNX model|has no graph|raw data/],
    ['random bytes', Uint8Array.from({ length: 300 }, (_, i) => (i * 2654435761) >>> 24), /not a valid ONNX model|has no graph/],
    ['an unsupported op', (() => {
      const proto = onnx.ModelProto.decode(good);
      proto.graph!.node!.find((n) => n.opType === 'Gemm')!.opType = 'Softmax';
      return onnx.ModelProto.encode(proto).finish();
    })(), /unsupported op Softmax/],
    ['weights fed as graph inputs (ONNX backend test model)', readFileSync(new URL('../test-data/onnx-backend/test_lstm_defaults/model.onnx', import.meta.url)), /one input and one output, it has 3/],
  ];
  for (const [what, bytes, message] of cases) {
    it(what, () => {
      let error: unknown;
      try {
        importOnnx(bytes);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('OnnxError');
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('\n');
    });
  }

  it('a head that reads the first time step instead of the last', () => {
    const proto = onnx.ModelProto.decode(good);
    const gatherIndex = proto.graph!.node!.find((n) => n.opType === 'Gather' && n.input![0]!.includes('Squeeze'))!.input![1]!;
    const constant = proto.graph!.node!.find((n) => n.output![0] === gatherIndex)!;
    const t = constant.attribute![0]!.t!;
    t.rawData = new Uint8Array(new BigInt64Array([0n]).buffer);
    expect(() => importOnnx(onnx.ModelProto.encode(proto).finish())).toThrow(/does not read the last hidden state/);
  });
});

const hasTorch = pythonHas('torch', 'onnx');
it.runIf(hasTorch)('the torch fixtures are what torch.onnx.export writes here', () => {
  const dir = execFileSync('mktemp', ['-d']).toString().trim();
  execFileSync('/usr/bin/python3', [new URL('../../../scripts/torch_onnx_export.py', import.meta.url).pathname, '--out', dir], { stdio: 'ignore' });
  const fresh = JSON.parse(readFileSync(`${dir}/torch-rnn.json`, 'utf8'));
  // PyTorch's float32 kernels differ in the last bits between CPUs (AVX2 vs AVX-512): a stated tolerance.
  expectAllClose(fresh.cases['torch-rnn'].output, torch.cases['torch-rnn']!.output, { abs: 1e-6, rel: 1e-5 });
  expect(inspectOnnx(readFileSync(`${dir}/torch-rnn.onnx`)).nodes.map((n) => n.op)).toEqual(inspectOnnx(fixture('torch-rnn.onnx')).nodes.map((n) => n.op));
});
