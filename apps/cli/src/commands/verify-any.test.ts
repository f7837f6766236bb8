import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSignature, readTensorProto } from '@rnnkit/onnx';
import { buildModel, tensorProto } from '../../../../packages/onnx/src/test-utils/onnx-model.js';
import { cleanOrtMessage } from '../onnx-runtimes.js';
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

describe('issue 15 regressions: verify --model on what a user brings', () => {
  const heads = new URL('../../../../packages/onnx/src/fixtures/heads/', import.meta.url).pathname;
  // PyTorch exports whose heads the old import refused (its numbers vs PyTorch: packages/onnx regressions.test.ts).
  it.each([
    ['rnn-last-step-opset9.onnx', 'out[-1] as Slice at opset 9'],
    ['lstm-last-step-opset10.onnx', 'out[-1] as Slice at opset 10'],
    ['gru-h_n-2-layers-opset13.onnx', 'h_n[-1] as Gather at opset 13'],
    ['rnn-fixed-shape-opset13.onnx', 'a fixed-shape export with Expand'],
    ['lstm-bidirectional-squeeze-if-opset12.onnx', 'squeeze(0) on a dynamic dim as If'],
  ])('%s (%s): three runtimes agree, exit 0', async (file) => {
    const r = await rnnkit(['verify', '--model', join(heads, file), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(Object.values(report.runtimes).every((v) => v.version)).toBe(true);
    expect(report.comparisons).toHaveLength(3);
  }, 60_000);

  const rnnGraph = (extra: Parameters<typeof buildModel>[0]['nodes'], output: string) => buildModel({
    opset: 14,
    nodes: [{ op: 'RNN', name: 'rnn', inputs: ['x', 'w', 'r'], outputs: ['', 'h'], attrs: { hidden_size: 2 } }, ...extra],
    inputs: [{ name: 'x', type: 'float32', dims: ['seq', 'batch', 2] }], outputs: [{ name: output }],
    initializers: [tensorProto('w', 'float32', [1, 2, 2], [0.1, 0.2, 0.3, 0.4]), tensorProto('r', 'float32', [1, 2, 2], [0.5, 0.6, 0.7, 0.8])],
  });
  const refusedInOneLine = (r: { code: number; stdout: string; stderr: string }) => {
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at |\.(cc|h):\d+/);
  };

  it('a dangling cycle: one line naming the cycle, not onnxruntime\'s error as an internal one', async () => {
    const file = join(dir, 'dangling-cycle.onnx');
    writeFileSync(file, rnnGraph([{ op: 'Add', name: 'c1', inputs: ['h', 'q'], outputs: ['p'] }, { op: 'Relu', name: 'c2', inputs: ['p'], outputs: ['q'] }], 'h'));
    const r = await rnnkit(['verify', '--model', file]);
    refusedInOneLine(r);
    expect(r.stderr).toMatch(new RegExp(`^rnnkit verify: ${file}: no runtime can run it: reference: the graph has a cycle: node "c[12]" \\((Add|Relu)\\) → `));
  }, 60_000);

  it('a cycle in the head is reported as a cycle, not as a wrong head', async () => {
    const file = join(dir, 'cycle-after-rnn.onnx');
    writeFileSync(file, rnnGraph([{ op: 'Add', name: 'out', inputs: ['h', 'q'], outputs: ['y'] }, { op: 'Relu', name: 'back', inputs: ['y'], outputs: ['q'] }], 'y'));
    const r = await rnnkit(['verify', '--model', file]);
    refusedInOneLine(r);
    expect(r.stderr).toMatch(/: no runtime can run it: reference: the graph has a cycle: /);
    expect(r.stderr).not.toMatch(/expects a linear head|last hidden state/i);
  }, 60_000);

  it('missing external data: one line naming the file that is missing', async () => {
    const file = join(dir, 'external.onnx');
    const w = { ...tensorProto('w', 'float32', [1, 2, 2], []), floatData: [], dataLocation: 1, externalData: [{ key: 'location', value: 'weights-gone.bin' }] };
    writeFileSync(file, buildModel({
      opset: 14, nodes: [{ op: 'RNN', name: 'rnn', inputs: ['x', 'w', 'r'], outputs: ['', 'h'], attrs: { hidden_size: 2 } }],
      inputs: [{ name: 'x', type: 'float32', dims: [3, 1, 2] }], outputs: [{ name: 'h' }],
      initializers: [w, tensorProto('r', 'float32', [1, 2, 2], [0.5, 0.6, 0.7, 0.8])],
    }));
    const r = await rnnkit(['verify', '--model', file]);
    refusedInOneLine(r);
    expect(r.stderr).toContain(': no runtime can run it: reference: tensor "w" is stored in the external file "weights-gone.bin", which is missing; put it beside the model;');
    expect(r.stderr).not.toMatch(/0 floats/);
  }, 60_000);

  it('float64: the onnxruntimes\' refusals say it is the float64 kernel', async () => {
    const file = join(dir, 'float64.onnx');
    writeFileSync(file, buildModel({
      opset: 14, nodes: [{ op: 'RNN', name: 'rnn', inputs: ['x', 'w', 'r'], outputs: ['', 'h'], attrs: { hidden_size: 2 } }],
      inputs: [{ name: 'x', type: 'float64', dims: [3, 1, 2] }], outputs: [{ name: 'h' }],
      initializers: [tensorProto('w', 'float64', [1, 2, 2], [0.1, 0.2, 0.3, 0.4]), tensorProto('r', 'float64', [1, 2, 2], [0.5, 0.6, 0.7, 0.8])],
    }));
    const r = await rnnkit(['verify', '--model', file]);
    refusedInOneLine(r);
    expect(r.stderr).toMatch(/only reference could run it, nothing to compare with \(onnxruntime-node: .*no float64 kernel.*; onnxruntime-web: .*no float64 kernel.*\)/);
  }, 60_000);

  it('a W of the wrong shape: one line; onnxruntime-web\'s kernel prints nothing of its own', async () => {
    const file = join(dir, 'wrong-w.onnx');
    writeFileSync(file, buildModel({
      opset: 14, nodes: [{ op: 'RNN', name: 'rnn', inputs: ['x', 'w', 'r'], outputs: ['', 'h'], attrs: { hidden_size: 2 } }],
      inputs: [{ name: 'x', type: 'float32', dims: [3, 1, 2] }], outputs: [{ name: 'h' }],
      initializers: [tensorProto('w', 'float32', [1, 2, 1], [0.1, 0.2]), tensorProto('r', 'float32', [1, 2, 2], [0.5, 0.6, 0.7, 0.8])],
    }));
    const r = await rnnkit(['verify', '--model', file]);
    refusedInOneLine(r);
    expect(r.stderr).toMatch(/no runtime can run it: reference: node "rnn" \(RNN\): W is \[1, 2, 1\], expected \[1, 2, 2\]; onnxruntime-node: .*; onnxruntime-web: .*Input W must have shape/);
    expect(r.stderr).not.toMatch(/OrtRun|\[E:onnxruntime/);
  }, 60_000);

  it('a sequence_lens input gets seeded lengths from 1 to the sequence length, so no --input is needed', async () => {
    const r = await rnnkit(['verify', '--model', join(backend, 'test_lstm_with_peepholes', 'model.onnx'), '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.feeds.sequence_lens).toEqual({ type: 'int32', dims: [2] });
    expect(report.comparisons.every((c) => c.ok)).toBe(true);
  }, 60_000);

  it('onnxruntime\'s messages lose the model path and source positions', () => {
    expect(cleanOrtMessage('Load model from /tmp/x/m.onnx failed:This is an invalid model. Error: the graph is not acyclic.')).toBe('This is an invalid model. Error: the graph is not acyclic.');
    expect(cleanOrtMessage('External data path validation failed for initializer: W. Error: tensorprotoutils.cc:461 ValidateExternalDataPathFromDir External data path does not exist: "/m/w.bin"'))
      .toBe('External data path validation failed for initializer: W. Error: External data path does not exist: "/m/w.bin"');
  });
});
