import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSignature, readTensorProto } from '@rnnkit/onnx';
import { rnnkit, tempDir } from '../test-utils.js';

// `rnnkit run` on ONNX's own backend cases: the outputs must match the case's output_*.pb
// (computed by ONNX's numpy reference) in every runtime that accepts the file.
const backend = new URL('../../../../packages/onnx/test-data/onnx-backend/', import.meta.url).pathname;
const dir = tempDir('rnnkit-run-');

/** Writes IN.json from a backend case's input_*.pb (sequence_lens as int32). */
function inputJson(name: string): string {
  const sig = readSignature(new Uint8Array(readFileSync(join(backend, name, 'model.onnx'))));
  const json = Object.fromEntries(sig.inputs.map((input, i) => {
    const t = readTensorProto(readFileSync(join(backend, name, `test_data_set_0/input_${i}.pb`)));
    return [input.name, { dims: t.dims, data: Array.from(t.data), ...(input.dtype === 'int32' ? { type: 'int32' } : {}) }];
  }));
  const path = join(dir, `${name}.json`);
  writeFileSync(path, JSON.stringify(json));
  return path;
}
const expected = (name: string, i: number) => readTensorProto(readFileSync(join(backend, name, `test_data_set_0/output_${i}.pb`)));
const maxAbs = (a: number[], b: ArrayLike<number>) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('rnnkit run', () => {
  const peepholes = 'test_lstm_with_peepholes';
  for (const [runtime, tol] of [['reference', 1e-6], ['onnxruntime-node', 1e-5], ['onnxruntime-web', 1e-5]] as const) {
    it(`${peepholes} (sequence_lens, initial states, P) in ${runtime} --json`, async () => {
      const r = await rnnkit(['run', '--model', join(backend, peepholes, 'model.onnx'), '--input', inputJson(peepholes), '--runtime', runtime, '--json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as { outputs: Record<string, { dims: number[]; data: number[] }> };
      expect(Object.keys(out)).toEqual(['outputs']);
      const want = expected(peepholes, 0);
      expect(out.outputs.Y_h!.dims).toEqual(want.dims);
      expect(maxAbs(out.outputs.Y_h!.data, want.data)).toBeLessThan(tol);
    }, 60_000);
  }

  it('layout=1: the reference evaluator runs it, onnxruntime-node refuses it in one line (exit 2)', async () => {
    const name = 'test_simple_rnn_batchwise', model = join(backend, name, 'model.onnx'), input = inputJson(name);
    const ok = await rnnkit(['run', '--model', model, '--input', input]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/in rnnkit reference \(float64\)\noutput +type +dims +first values +min +max\nY +float32 +\[3, 1, 1, 4\]/);
    const json = JSON.parse((await rnnkit(['run', '--model', model, '--input', input, '--json'])).stdout) as { outputs: Record<string, { data: number[] }> };
    expect(maxAbs(json.outputs.Y_h!.data, expected(name, 1).data)).toBeLessThan(1e-6);
    const refused = await rnnkit(['run', '--model', model, '--input', input, '--runtime', 'onnxruntime-node']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^rnnkit run: .*model\.onnx: onnxruntime-node cannot run it: .*layout == 1.*; reference runs it: pass --runtime reference\n$/);
  }, 60_000);

  it('bad input files and flags: one line, exit 2', async () => {
    const model = join(backend, 'test_gru_defaults', 'model.onnx');
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ X: { dims: [1, 3, 2], data: [1, 2] } }));
    for (const [args, message] of [
      [['--input', bad], /bad\.json: input "X": dims \[1, 3, 2\] need 6 values, data holds 2; give each input as/],
      [['--input', join(dir, 'missing.json')], /missing\.json: cannot read the input file \(no such file\)/],
      [['--input', bad, '--runtime', 'tfjs'], /--runtime must be one of reference, onnxruntime-node, onnxruntime-web, not "tfjs"/],
    ] as const) {
      const r = await rnnkit(['run', '--model', model, ...args]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, 60_000);
});
