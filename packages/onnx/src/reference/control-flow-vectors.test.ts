import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { onnx } from '../proto.js';
import { tensorFromProto } from './from-proto.js';
import { loadReference } from './graph.js';
import { isSequence, type Value } from './node-context.js';
import type { Tensor } from './tensor.js';

// ONNX's own backend test cases for Loop, Scan, If, SequenceInsert, CastLike, LayerNormalization and
// Pad (test-data/onnx-backend-control-flow, see its NOTICE.md; written by
// scripts/onnx_control_flow_cases.py from onnx 1.12's case files), computed by ONNX's numpy reference.
const root = new URL('../../test-data/onnx-backend-control-flow/', import.meta.url);
const names = readdirSync(root).filter((n) => n.startsWith('test_')).sort();
const file = (name: string, f: string) => new URL(`${name}/${f}`, root);
const pb = (name: string, f: string): Tensor => tensorFromProto(onnx.TensorProto.decode(readFileSync(file(name, `test_data_set_0/${f}`))));

/** The case's inputs or outputs: a tensor, or for a sequence (sequences.json) its tensors in order. */
function values(name: string, kind: 'input' | 'output', count: number): (Tensor | Tensor[])[] {
  const seqs = existsSync(file(name, 'sequences.json')) ? (JSON.parse(readFileSync(file(name, 'sequences.json'), 'utf8')) as Record<string, Record<string, number>>)[`${kind}s`]! : {};
  return Array.from({ length: count }, (_, j) => (String(j) in seqs ? Array.from({ length: seqs[String(j)]! }, (_, k) => pb(name, `${kind}_${j}_${k}.pb`)) : pb(name, `${kind}_${j}.pb`)));
}

/** Largest |got - expected| over the values; dims and dtype must match exactly. */
function maxError(got: Value, expected: Tensor | Tensor[]): number {
  const pairs: [Tensor, Tensor][] = Array.isArray(expected) ? (expect(isSequence(got)).toBe(true), expect((got as { items: readonly Tensor[] }).items.length).toBe(expected.length), expected.map((e, k) => [(got as { items: readonly Tensor[] }).items[k]!, e])) : [[got as Tensor, expected]];
  let err = 0;
  for (const [g, e] of pairs) {
    expect(g.dims).toEqual(e.dims);
    expect(g.dtype).toBe(e.dtype);
    e.data.forEach((v, k) => (err = Math.max(err, Math.abs(g.data[k]! - v))));
  }
  return err;
}

describe('reference evaluator on ONNX backend cases for control flow, sequences and opset-15–17 ops', () => {
  it('has the Loop, Scan, If, sequence, CastLike, LayerNormalization and Pad cases', () => {
    for (const n of ['test_loop11', 'test_loop13_seq', 'test_scan_sum', 'test_scan9_sum', 'test_if', 'test_if_seq', 'test_sequence_insert_at_back', 'test_castlike_FLOAT_to_FLOAT16', 'test_layer_normalization_4d_axis1', 'test_reflect_pad']) expect(names).toContain(n);
    expect(names.length).toBe(36);
  });

  for (const name of names) {
    it(`${name}: every output within 1e-6 (float16: its half-precision value)`, () => {
      const model = loadReference(new Uint8Array(readFileSync(file(name, 'model.onnx'))));
      const inputs = values(name, 'input', model.inputs.length);
      const feeds = Object.fromEntries(model.inputs.map((input, i) => [input.name, inputs[i]!]));
      const outputs = model.runValues(feeds);
      const expected = values(name, 'output', model.outputs.length);
      const err = Math.max(...model.outputs.map((o, i) => maxError(outputs[o.name]!, expected[i]!)));
      expect(err).toBeLessThan(1e-6);
    });
  }
});
