import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RNN } from '@rnnkit/layers';
import { tf, useBackend } from '@rnnkit/tensor';
import { runOnnx } from './run-onnx.js';
import { readTensorProto } from './tensor-proto.js';

beforeAll(() => useBackend());

// ONNX's own backend test cases for the RNN op: X, W, R (and B) → Y_h, from the onnx repository.
const root = new URL('../../../../shared/data/onnx-rnn-tests/', import.meta.url);
const names = ['test_simple_rnn_defaults', 'test_simple_rnn_with_initial_bias', 'test_rnn_seq_length', 'test_simple_rnn_batchwise'];

describe('ONNX RNN backend test vectors', () => {
  it('are all here', () => {
    expect(existsSync(root)).toBe(true);
  });

  for (const name of names) {
    const file = (f: string) => new URL(`${name}/${f}`, root);
    const pb = (f: string) => readTensorProto(readFileSync(file(`test_data_set_0/${f}`)));
    const hasBias = () => existsSync(file('test_data_set_0/input_3.pb'));
    // layout=1: X is [batch, seq, input] and Y_h [batch, 1, hidden].
    const batchwise = name.includes('batchwise');

    it(`${name}: the rnnkit forward reproduces Y_h`, () => {
      const [x, w, r] = ['input_0.pb', 'input_1.pb', 'input_2.pb'].map(pb);
      const hidden = w!.dims[1]!, input = w!.dims[2]!;
      const rnn = new RNN(input, hidden, { bias: hasBias(), batchFirst: batchwise });
      const rows = (d: ArrayLike<number>, n: number, m: number) => Array.from({ length: n }, (_, i) => Array.from({ length: m }, (_, j) => d[i * m + j]!));
      const dict: Record<string, number[][] | number[]> = { 'w_x.weight': rows(w!.data, hidden, input), 'w_h.weight': rows(r!.data, hidden, hidden) };
      if (hasBias()) {
        const b = Array.from(pb('input_3.pb').data);
        [dict['w_x.bias'], dict['w_h.bias']] = [b.slice(0, hidden), b.slice(hidden)];
      }
      rnn.loadStateDict(dict);
      const got = rnn.forward(tf.tensor3d(Float32Array.from(x!.data), x!.dims as [number, number, number])).hN.dataSync();
      const expected = pb(batchwise ? 'output_1.pb' : 'output_0.pb');
      expect(got.length).toBe(expected.data.length);
      Array.from(expected.data).forEach((v, i) => expect(Math.abs(got[i]! - v)).toBeLessThan(1e-6));
      rnn.dispose();
    });

    // onnxruntime's CPU RNN kernel rejects layout=1, so the batchwise case is checked on rnnkit alone.
    it.skipIf(batchwise)(`${name}: onnxruntime-node reproduces Y_h from the case's own model.onnx`, async () => {
      const inputs = ['input_0.pb', 'input_1.pb', 'input_2.pb', ...(hasBias() ? ['input_3.pb'] : [])].map(pb);
      const ort = await import('onnxruntime-node');
      const session = await ort.InferenceSession.create(readFileSync(file('model.onnx')));
      const feeds = Object.fromEntries(session.inputNames.map((n, i) => [n, new ort.Tensor('float32', Float32Array.from(inputs[i]!.data), inputs[i]!.dims)]));
      const out = (await session.run(feeds))[session.outputNames[0]!]!.data as Float32Array;
      const expected = pb('output_0.pb');
      Array.from(expected.data).forEach((v, i) => expect(Math.abs(out[i]! - v)).toBeLessThan(1e-6));
      await session.release();
    });
  }

  it('onnxruntime-node refuses layout=1, which is why rnnkit exports time-major models', async () => {
    await expect(runOnnx(readFileSync(new URL('test_simple_rnn_batchwise/model.onnx', root)), new Float32Array(6), [3, 1, 2])).rejects.toThrow(/layout == 1/);
  });
});
