import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { onnx } from '../proto.js';
import { tensorFromProto } from './from-proto.js';
import { loadReference } from './graph.js';

// ONNX's own backend test cases for RNN, LSTM and GRU (test-data/onnx-backend, see its NOTICE.md):
// model.onnx plus test_data_set_0/input_i.pb and output_i.pb, computed by ONNX's numpy reference.
const root = new URL('../../test-data/onnx-backend/', import.meta.url);
const names = [
  'test_simple_rnn_defaults', 'test_simple_rnn_with_initial_bias', 'test_rnn_seq_length', 'test_simple_rnn_batchwise',
  'test_lstm_defaults', 'test_lstm_with_initial_bias', 'test_lstm_with_peepholes',
  'test_gru_defaults', 'test_gru_seq_length', 'test_gru_with_initial_bias',
];
const file = (name: string, f: string) => new URL(`${name}/${f}`, root);
const pb = (name: string, f: string) => tensorFromProto(onnx.TensorProto.decode(readFileSync(file(name, `test_data_set_0/${f}`))));

describe('reference evaluator on ONNX backend test vectors', () => {
  it('has all 10 recurrent cases', () => {
    expect(names.every((n) => existsSync(file(n, 'model.onnx')))).toBe(true);
  });

  for (const name of names) {
    it(`${name}: every output within 1e-6`, () => {
      const model = loadReference(new Uint8Array(readFileSync(file(name, 'model.onnx'))));
      const feeds = Object.fromEntries(model.inputs.map((input, i) => [input.name, pb(name, `input_${i}.pb`)]));
      const outputs = model.run(feeds);
      const expectedFiles = readdirSync(file(name, 'test_data_set_0/')).filter((f) => f.startsWith('output_')).sort();
      expect(expectedFiles.length).toBe(model.outputs.length);
      let maxErr = 0;
      model.outputs.forEach((o, i) => {
        const expected = pb(name, `output_${i}.pb`);
        const got = outputs[o.name]!;
        expect(got.dims).toEqual(expected.dims);
        expected.data.forEach((v, k) => (maxErr = Math.max(maxErr, Math.abs(got.data[k]! - v))));
      });
      console.log(`${name}: max abs error ${maxErr.toExponential(2)}`);
      expect(maxErr).toBeLessThan(1e-6);
    });
  }
});
