import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSignature, readTensorProto } from '@rnnkit/onnx';
import { buildModel } from '../../../../packages/onnx/src/test-utils/onnx-model.js';
import { rnnkit, tempDir } from '../test-utils.js';

// `rnnkit verify --model F.onnx` without --run: the file in the reference evaluator,
// onnxruntime-node and onnxruntime-web on the same inputs, every output compared pairwise.
const onnxFixtures = new URL('../../../../packages/onnx/src/fixtures/', import.meta.url).pathname;
const backend = new URL('../../../../packages/onnx/test-data/onnx-backend/', import.meta.url).pathname;
const dir = tempDir('rnnkit-verify-any-');

interface Report {
  runtimes: Record<string, { version?: string; refused?: string }>;
  comparisons: { output: string; a: string; b: string; maxAbs: number; maxRel: number; ok: boolean }[];
  feeds: Record<string, { type: string; dims: number[] }>;
  ok: boolean;
}

describe('rnnkit verify without --run', () => {
  it('a torch.onnx.export LSTM: three runtimes agree within 1e-5 on seeded inputs of the --dims given', async () => {
    const r = await rnnkit(['verify', '--model', join(onnxFixtures, 'torch-lstm.onnx'), '--dims', 'seq=6,batch=3', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(Object.keys(report.runtimes)).toEqual(['reference', 'onnxruntime-node', 'onnxruntime-web']);
    expect(report.feeds.input!.dims).toEqual([6, 3, 4]);
    expect(report.comparisons.map((c) => `${c.a}/${c.b}`)).toEqual(['reference/onnxruntime-node', 'reference/onnxruntime-web', 'onnxruntime-node/onnxruntime-web']);
    for (const c of report.comparisons) {
      expect(c.ok).toBe(true);
      expect(c.maxAbs).toBeLessThan(1e-5);
    }
    // float64 against float32 arithmetic: close, but not bit-identical.
    expect(report.comparisons[0]!.maxAbs).toBeGreaterThan(0);
  }, 60_000);

  it('exit 1 beyond --atol/--rtol, with the table', async () => {
    const r = await rnnkit(['verify', '--model', join(onnxFixtures, 'torch-gru.onnx'), '--atol', '0', '--rtol', '0']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/output +reference vs onnxruntime-node +[\d.e+-]+ +[\d.e+-]+ +FAILED/);
    expect(r.stdout).toMatch(/\nFAILED: some values differ by more than atol 0 \+ rtol 0·\|value\|\n$/);
  }, 60_000);

  it('--input with int32 sequence_lens; a chosen pair of runtimes', async () => {
    const name = 'test_lstm_with_peepholes';
    const sig = readSignature(new Uint8Array(readFileSync(join(backend, name, 'model.onnx'))));
    const json = Object.fromEntries(sig.inputs.map((input, i) => {
      const t = readTensorProto(readFileSync(join(backend, name, `test_data_set_0/input_${i}.pb`)));
      return [input.name, { dims: t.dims, data: Array.from(t.data) }]; // type: the declared one (int32 for sequence_lens)
    }));
    const input = join(dir, 'peepholes.json');
    writeFileSync(input, JSON.stringify(json));
    const r = await rnnkit(['verify', '--model', join(backend, name, 'model.onnx'), '--input', input, '--runtimes', 'reference,onnxruntime-node', '--json']);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.feeds.sequence_lens!.type).toBe('int32');
    expect(report.comparisons).toHaveLength(1);
    expect(report.comparisons[0]!.maxAbs).toBeLessThan(1e-6);
  }, 60_000);

  it('layout=1: both onnxruntimes refuse, each reason in the one line, exit 2', async () => {
    const r = await rnnkit(['verify', '--model', join(backend, 'test_simple_rnn_batchwise', 'model.onnx')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/model\.onnx: only reference could run it, nothing to compare with \(onnxruntime-node: .*layout == 1.*; onnxruntime-web: .*layout == 1.*\)/);
  }, 60_000);

  it('an input declared [2147483648, 4, 4] is refused in one line before allocating', async () => {
    const file = join(dir, 'huge.onnx');
    writeFileSync(file, buildModel({ nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'] }], inputs: [{ name: 'x', type: 'float32', dims: [2147483648, 4, 4] }], outputs: [{ name: 'y' }] }));
    const r = await rnnkit(['verify', '--model', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`rnnkit verify: ${file}: input "x" declares [2147483648, 4, 4] (256.0 GB as float64); rnnkit verify generates inputs up to 256 MB; give smaller --dims or the inputs with --input in.json\n`);
  }, 60_000);
});
