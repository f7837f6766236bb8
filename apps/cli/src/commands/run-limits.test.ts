import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { subgraph } from '../../../../packages/onnx/src/test-utils/control-flow-model.js';
import { buildModel, tensorProto } from '../../../../packages/onnx/src/test-utils/onnx-model.js';
import { rnnkit, tempDir } from '../test-utils.js';

// `rnnkit run` and `rnnkit verify` on control flow, with real onnxruntime-node and onnxruntime-web:
// a Loop that never ends is stopped in every runtime (step budget, time limit, child process killed)
// and reported in one line; a Loop that ends is compared; a --state export runs without its state
// inputs (zeros); verify without --run takes an rnnkit export's seq length from its metadata.
const dir = tempDir('rnnkit-run-limits-');

/** A Loop with trip count 10^12 and a condition that stays true: no runtime ever finishes it. */
function foreverModel(): string {
  const body = subgraph({
    nodes: [{ op: 'Identity', inputs: ['c'], outputs: ['c2'] }, { op: 'Add', inputs: ['v', 'one'], outputs: ['v2'] }],
    inputs: [{ name: 'k', type: 'int64', dims: [] }, { name: 'c', type: 'bool', dims: [] }, { name: 'v', type: 'float32', dims: [1] }],
    outputs: [{ name: 'c2', type: 'bool', dims: [] }, { name: 'v2', type: 'float32', dims: [1] }],
  });
  const file = join(dir, 'forever.onnx');
  writeFileSync(file, buildModel({
    opset: 16,
    nodes: [{ op: 'Loop', name: 'forever', inputs: ['M', 'cond', 'a0'], outputs: ['a'], attrs: { body: { g: body } } }],
    inputs: [{ name: 'a0', type: 'float32', dims: [1] }],
    outputs: [{ name: 'a', type: 'float32', dims: [1] }],
    initializers: [tensorProto('M', 'int64', [], [1e12]), { name: 'cond', dims: [], dataType: 9, int32Data: [1] }, tensorProto('one', 'float32', [], [1])],
  }));
  return file;
}

/** A Loop of 5 steps: a ← tanh(a·w + 0.1), with the steps as a scan output. */
function loopModel(): string {
  const body = subgraph({
    nodes: [{ op: 'Mul', inputs: ['v', 'w'], outputs: ['m'] }, { op: 'Add', inputs: ['m', 'b'], outputs: ['s'] }, { op: 'Tanh', inputs: ['s'], outputs: ['v2'] }, { op: 'Identity', inputs: ['c'], outputs: ['c2'] }, { op: 'Identity', inputs: ['v2'], outputs: ['y'] }],
    inputs: [{ name: 'k', type: 'int64', dims: [] }, { name: 'c', type: 'bool', dims: [] }, { name: 'v', type: 'float32', dims: ['n'] }],
    outputs: [{ name: 'c2', type: 'bool', dims: [] }, { name: 'v2', type: 'float32', dims: ['n'] }, { name: 'y', type: 'float32', dims: ['n'] }],
  });
  const file = join(dir, 'loop.onnx');
  writeFileSync(file, buildModel({
    opset: 16,
    nodes: [{ op: 'Loop', name: 'steps', inputs: ['M', '', 'a0'], outputs: ['a', 'ys'], attrs: { body: { g: body } } }],
    inputs: [{ name: 'a0', type: 'float32', dims: ['n'] }, { name: 'w', type: 'float32', dims: ['n'] }],
    outputs: [{ name: 'a', type: 'float32' }, { name: 'ys', type: 'float32' }],
    initializers: [tensorProto('M', 'int64', [], [5]), tensorProto('b', 'float32', [], [0.1])],
  }));
  return file;
}

describe('run and verify on a Loop that never ends', () => {
  let forever = '';
  beforeAll(() => {
    forever = foreverModel();
    writeFileSync(join(dir, 'a0.json'), JSON.stringify({ a0: { dims: [1], data: [0] } }));
  });

  it('verify stops every runtime at its limit and exits 2 with one line', async () => {
    const r = await rnnkit(['verify', '--model', forever, '--timeout', '2', '--max-steps', '20000']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/no runtime can run it: reference: node "forever" \(Loop\): stopped after 20000 loop iterations in all, the step budget of one run \(maxSteps\); onnxruntime-node: did not finish within 2 s and was stopped; onnxruntime-web: did not finish within 2 s and was stopped; its loops run past every limit: if they are meant to, raise --max-steps N and --timeout S; otherwise the file loops without end\n$/);
  }, 60_000);

  it('run --runtime onnxruntime-node is stopped at --timeout, and its advice names no runtime that would refuse or hang', async () => {
    const r = await rnnkit(['run', '--model', forever, '--input', join(dir, 'a0.json'), '--runtime', 'onnxruntime-node', '--timeout', '2', '--max-steps', '1000']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^rnnkit run: .*forever\.onnx: onnxruntime-node cannot run it: did not finish within 2 s and was stopped; nor can reference: node "forever" \(Loop\): stopped after 1000 loop iterations/);
    expect(r.stderr).not.toMatch(/try --runtime/);
  }, 60_000);

  it('--timeout and --max-steps are checked', async () => {
    const r = await rnnkit(['run', '--model', forever, '--input', join(dir, 'a0.json'), '--max-steps', '0']);
    expect([r.code, r.stderr]).toEqual([2, expect.stringMatching(/--max-steps must be a positive integer, not "0"/)]);
  });
});

describe('run and verify on a Loop that ends', () => {
  it('the three runtimes agree on every step; run --runtime reference prints them', async () => {
    const file = loopModel();
    const input = join(dir, 'loop.json');
    writeFileSync(input, JSON.stringify({ a0: { dims: [2], data: [0.5, -0.25] }, w: { dims: [2], data: [1.5, 0.75] } }));
    const v = await rnnkit(['verify', '--model', file, '--input', input, '--json']);
    expect([v.code, v.stderr]).toEqual([0, '']);
    const report = JSON.parse(v.stdout) as { comparisons: { maxAbs: number; ok: boolean }[] };
    expect(report.comparisons).toHaveLength(6);
    for (const c of report.comparisons) expect(c.maxAbs).toBeLessThan(1e-6);
    const r = await rnnkit(['run', '--model', file, '--input', input, '--json']);
    const out = (JSON.parse(r.stdout) as { outputs: Record<string, { dims: number[]; data: number[] }> }).outputs;
    // The recurrence in float64 on the float32 inputs.
    let a = [0.5, -0.25];
    const ys: number[] = [];
    for (let t = 0; t < 5; t++) {
      a = a.map((v, i) => Math.tanh(v * Math.fround([1.5, 0.75][i]!) + Math.fround(0.1)));
      ys.push(...a);
    }
    expect(out.ys!.dims).toEqual([5, 2]);
    out.ys!.data.forEach((v, i) => expect(Math.abs(v - ys[i]!)).toBeLessThan(1e-12));
  }, 60_000);
});

describe('rnnkit exports: state inputs default to zeros; verify takes the seq length from the metadata', () => {
  const run = join(dir, 'gru');
  const file = join(dir, 'stream.onnx');
  beforeAll(async () => {
    const t = await rnnkit(['train', '--quiet', '--cell', 'gru', '--hidden', '5', '--epochs', '2', '--seq-len', '4', '--out', run]);
    expect(t.code).toBe(0);
    const e = await rnnkit(['export', '--run', run, '--out', file, '--state']);
    expect(e.code).toBe(0);
  }, 120_000);

  it('run without initial_h gives the output of initial_h = zeros, in the reference evaluator and onnxruntime-node', async () => {
    const x = { dims: [4, 1, 4], data: [0.1, 0.2, 0.15, 0.18, 0.3, 0.35, 0.25, 0.3, 0.5, 0.55, 0.45, 0.52, 0.6, 0.62, 0.58, 0.6] };
    writeFileSync(join(dir, 'x.json'), JSON.stringify({ input: x }));
    writeFileSync(join(dir, 'x0.json'), JSON.stringify({ input: x, initial_h: { dims: [1, 1, 5], data: [0, 0, 0, 0, 0] } }));
    for (const runtime of ['reference', 'onnxruntime-node']) {
      const without = await rnnkit(['run', '--model', file, '--input', join(dir, 'x.json'), '--runtime', runtime, '--json']);
      const withZeros = await rnnkit(['run', '--model', file, '--input', join(dir, 'x0.json'), '--runtime', runtime, '--json']);
      expect([without.code, without.stderr]).toEqual([0, '']);
      const a = JSON.parse(without.stdout) as { outputs: Record<string, { data: number[] }> };
      const b = JSON.parse(withZeros.stdout) as { outputs: Record<string, { data: number[] }> };
      expect(Object.keys(a.outputs)).toEqual(['output', 'Y_h']);
      expect(a.outputs).toEqual(b.outputs);
      expect(a.outputs.Y_h!.data.some((v) => v !== 0)).toBe(true);
    }
  }, 60_000);

  it('verify without --run feeds seq = the metadata\'s seqLength (4), not 3', async () => {
    const v = await rnnkit(['verify', '--model', file, '--runtimes', 'reference,onnxruntime-node', '--json']);
    expect(v.code).toBe(0);
    const report = JSON.parse(v.stdout) as { feeds: Record<string, { dims: number[] }> };
    expect(report.feeds.input!.dims).toEqual([4, 3, 4]);
    const human = await rnnkit(['verify', '--model', file, '--runtimes', 'reference,onnxruntime-node', '--dims', 'seq=6']);
    expect(human.stdout).toMatch(/input float32 \[6, 3, 4\]/);
  }, 60_000);
});
