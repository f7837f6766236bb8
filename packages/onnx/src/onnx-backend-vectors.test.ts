import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRU, LSTM, RNN, type CellType } from '@rnnkit/layers';
import { tf, useBackend } from '@rnnkit/tensor';
import { importOnnx } from './import-onnx.js';
import { intAttr } from './graph-index.js';
import { layerStateDict } from './layer-state-dict.js';
import { floatTensor, onnx } from './proto.js';
import { runOnnx } from './run-onnx.js';
import { readTensorProto, type PbTensor } from './tensor-proto.js';

beforeAll(() => useBackend());

// ONNX's own backend test cases for the RNN, LSTM and GRU ops, copied from the onnx repository
// (Apache-2.0; see test-data/onnx-backend/NOTICE.md).
const root = new URL('../test-data/onnx-backend/', import.meta.url);
const names = [
  'test_simple_rnn_defaults', 'test_simple_rnn_with_initial_bias', 'test_rnn_seq_length', 'test_simple_rnn_batchwise',
  'test_lstm_defaults', 'test_lstm_with_initial_bias', 'test_gru_defaults', 'test_gru_seq_length', 'test_gru_with_initial_bias',
];

const file = (name: string, f: string) => new URL(`${name}/${f}`, root);
const pb = (name: string, f: string) => readTensorProto(readFileSync(file(name, `test_data_set_0/${f}`)));
const inputsOf = (name: string): PbTensor[] => [0, 1, 2, 3, 4, 5, 6, 7].filter((i) => existsSync(file(name, `test_data_set_0/input_${i}.pb`))).map((i) => pb(name, `input_${i}.pb`));
const nodeOf = (name: string) => onnx.ModelProto.decode(readFileSync(file(name, 'model.onnx'))).graph!.node![0]!;

describe('ONNX RNN, LSTM and GRU backend test vectors', () => {
  it('are all here', () => expect(names.every((n) => existsSync(file(n, 'model.onnx')))).toBe(true));

  for (const name of names) {
    const cell: CellType = name.includes('lstm') ? 'lstm' : name.includes('gru') ? 'gru' : 'rnn';
    const batchwise = name.includes('batchwise'); // layout=1: X [batch, seq, input], Y_h [batch, 1, hidden]

    it(`${name}: the rnnkit forward reproduces Y_h`, () => {
      const [x, w, r, b] = inputsOf(name);
      const node = nodeOf(name);
      const hidden = intAttr(node, 'hidden_size', 0), input = w!.dims[2]!;
      const options = { batchFirst: batchwise, linearBeforeReset: intAttr(node, 'linear_before_reset', 0) === 1 };
      const core = cell === 'rnn' ? new RNN(input, hidden, { ...options, bias: b !== undefined }) : cell === 'lstm' ? new LSTM(input, hidden, options) : new GRU(input, hidden, options);
      const dict = layerStateDict(cell, 0, { hidden, input, W: w!.data, R: r!.data, B: b?.data ?? null });
      core.loadStateDict(Object.fromEntries(Object.entries(dict).map(([k, v]) => [k.replace(/^rnn\./, ''), v])));
      const got = core.forward(tf.tensor3d(Float32Array.from(x!.data), x!.dims as [number, number, number])).hN.dataSync();
      const expected = pb(name, batchwise ? 'output_1.pb' : 'output_0.pb');
      expect(got.length).toBe(expected.data.length);
      Array.from(expected.data).forEach((v, i) => expect(Math.abs(got[i]! - v)).toBeLessThan(1e-6));
      core.dispose();
    });

    // onnxruntime's CPU kernels reject layout=1, so the batchwise case is checked on rnnkit alone.
    it.skipIf(batchwise)(`${name}: onnxruntime-node reproduces Y_h from the case's own model.onnx`, async () => {
      const inputs = inputsOf(name);
      const ort = await import('onnxruntime-node');
      const session = await ort.InferenceSession.create(readFileSync(file(name, 'model.onnx')));
      const feeds = Object.fromEntries(session.inputNames.map((n, i) => [n, new ort.Tensor('float32', Float32Array.from(inputs[i]!.data), inputs[i]!.dims)]));
      const out = (await session.run(feeds))[session.outputNames[0]!]!.data as Float32Array;
      Array.from(pb(name, 'output_0.pb').data).forEach((v, i) => expect(Math.abs(out[i]! - v)).toBeLessThan(1e-6));
      await session.release();
    });
  }

  it('onnxruntime-node refuses layout=1, which is why rnnkit exports time-major models', async () => {
    await expect(runOnnx(readFileSync(file('test_simple_rnn_batchwise', 'model.onnx')), new Float32Array(6), [3, 1, 2])).rejects.toThrow(/layout == 1/);
  });

  it('test_lstm_with_peepholes: import refuses peephole weights with a clear error', () => {
    // The case's weights as initializers, X the only input, so that importOnnx reaches the LSTM node.
    const proto = onnx.ModelProto.decode(readFileSync(file('test_lstm_with_peepholes', 'model.onnx')));
    const [, w, r, b, , , , p] = inputsOf('test_lstm_with_peepholes');
    const node = proto.graph!.node![0]!;
    node.input = ['X', 'W', 'R', 'B', '', '', '', 'P'];
    proto.graph!.input = proto.graph!.input!.filter((i) => i.name === 'X');
    proto.graph!.initializer = [['W', w!], ['R', r!], ['B', b!], ['P', p!]].map(([n, t]) => floatTensor(n as string, (t as PbTensor).dims, (t as PbTensor).data));
    expect(() => importOnnx(onnx.ModelProto.encode(proto).finish())).toThrow(/LSTM node .*: peephole weights P are not supported/);
  });
});
