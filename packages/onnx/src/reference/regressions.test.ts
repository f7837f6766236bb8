import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel, tensorProto, type NodeSpec } from '../test-utils/onnx-model.js';
import { loadReference, runReference, type CompiledModel } from './graph.js';

// Issue 15's bugs, one test each, on the reference evaluator: each number checked against
// PyTorch's own output (committed fixtures written by scripts/torch_head_fixtures.py) or against
// onnxruntime-node on a graph built here.

interface Json { dims: number[]; data: number[] }
interface Case { file: string; opset: number; head: string; dynamic: boolean; inputs: Record<string, Json>; outputs: Record<string, Json> }
const heads = new URL('../fixtures/heads/', import.meta.url);
const corpus = (JSON.parse(readFileSync(new URL('heads.json', heads), 'utf8')) as { cases: Case[] }).cases;
const byFile = (file: string) => corpus.find((c) => c.file === file)!;

/** |got - want| ≤ 1e-5 + 1e-4·|want| everywhere. */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, what: string) {
  expect(got.length, what).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(Math.abs(got[i]! - want[i]!), `${what} [${i}]`).toBeLessThanOrEqual(1e-5 + 1e-4 * Math.abs(want[i]!));
}

/** The file's `y` in the reference evaluator vs PyTorch's. */
function vsTorch(file: string) {
  const c = byFile(file);
  const got = runReference(new Uint8Array(readFileSync(new URL(file, heads))), c.inputs).y!;
  expect(got.dims).toEqual(c.outputs.y!.dims);
  expectClose(got.data, c.outputs.y!.data, file);
  return loadReference(new Uint8Array(readFileSync(new URL(file, heads))));
}
const opsOf = (model: ReturnType<typeof loadReference>) => new Set((model as CompiledModel)['order'].map((s) => s.node.opType));

/** Deterministic weights in [-0.6, 0.6). */
function weights(n: number, seed: number): number[] {
  let s = seed;
  return Array.from({ length: n }, () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 1.2);
}

async function inOrt(bytes: Uint8Array, feeds: Record<string, Json>): Promise<Record<string, Json>> {
  const ort = await import('onnxruntime-node');
  const session = await ort.InferenceSession.create(bytes, { logSeverityLevel: 4 });
  try {
    const out = await session.run(Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, new ort.Tensor('float32', Float32Array.from(v.data), v.dims)])));
    return Object.fromEntries(session.outputNames.map((n) => [n, { dims: [...out[n]!.dims], data: Array.from(out[n]!.data as Float32Array) }]));
  } finally {
    await session.release();
  }
}

describe('issue 15 regressions: PyTorch heads the old import refused', () => {
  it('out[-1] written as Slice at opset 9 (RNN) matches PyTorch', () => {
    expect(opsOf(vsTorch('rnn-last-step-opset9.onnx')).has('Slice')).toBe(true);
  });

  it('out[-1] written as Slice at opset 10 (LSTM) matches PyTorch', () => {
    expect(opsOf(vsTorch('lstm-last-step-opset10.onnx')).has('Slice')).toBe(true);
  });

  it('h_n[-1] written as Gather at opset 13 (2-layer GRU) matches PyTorch', () => {
    expect(opsOf(vsTorch('gru-h_n-2-layers-opset13.onnx')).has('Gather')).toBe(true);
  });

  it('a fixed-shape export (no dynamic_axes), zero initial state written with Expand, matches PyTorch', () => {
    expect(byFile('rnn-fixed-shape-opset13.onnx').dynamic).toBe(false);
    expect(opsOf(vsTorch('rnn-fixed-shape-opset13.onnx')).has('Expand')).toBe(true);
  });

  it('out[-1:].squeeze(0) on a dynamic dim, written as If, matches PyTorch', () => {
    expect(opsOf(vsTorch('lstm-bidirectional-squeeze-if-opset12.onnx')).has('If')).toBe(true);
  });
});

describe('issue 15 regressions: graphs built here, checked against onnxruntime-node', () => {
  const T = 4, B = 2, I = 3, H = 4;
  const X = { dims: [T, B, I], data: weights(T * B * I, 7).map((v) => v * 2) };

  it('a 2-layer GRU whose layers differ in linear_before_reset: each layer uses its own', async () => {
    const model = (lbr: [number, number]) => buildModel({
      opset: 13,
      nodes: [
        { op: 'GRU', name: 'gru0', inputs: ['x', 'w0', 'r0', 'b0'], outputs: ['y0'], attrs: { hidden_size: H, linear_before_reset: lbr[0] } },
        { op: 'Squeeze', inputs: ['y0', 'axis1'], outputs: ['x1'] },
        { op: 'GRU', name: 'gru1', inputs: ['x1', 'w1', 'r1', 'b1'], outputs: ['', 'h1'], attrs: { hidden_size: H, linear_before_reset: lbr[1] } },
        { op: 'Squeeze', inputs: ['h1', 'axis0'], outputs: ['h'] },
        { op: 'MatMul', inputs: ['h', 'wo'], outputs: ['y'] },
      ],
      inputs: [{ name: 'x', type: 'float32', dims: ['seq', 'batch', I] }],
      outputs: [{ name: 'y', type: 'float32' }],
      initializers: [
        tensorProto('w0', 'float32', [1, 3 * H, I], weights(3 * H * I, 1)), tensorProto('r0', 'float32', [1, 3 * H, H], weights(3 * H * H, 2)), tensorProto('b0', 'float32', [1, 6 * H], weights(6 * H, 3)),
        tensorProto('w1', 'float32', [1, 3 * H, H], weights(3 * H * H, 4)), tensorProto('r1', 'float32', [1, 3 * H, H], weights(3 * H * H, 5)), tensorProto('b1', 'float32', [1, 6 * H], weights(6 * H, 6)),
        tensorProto('axis1', 'int64', [1], [1]), tensorProto('axis0', 'int64', [1], [0]), tensorProto('wo', 'float32', [H, 1], weights(H, 8)),
      ],
    });
    const mixed = runReference(model([1, 0]), { x: X }).y!;
    expectClose(mixed.data, (await inOrt(model([1, 0]), { x: X })).y!.data, 'lbr 1 then 0 vs onnxruntime-node');
    expectClose(runReference(model([0, 1]), { x: X }).y!.data, (await inOrt(model([0, 1]), { x: X })).y!.data, 'lbr 0 then 1 vs onnxruntime-node');
    // Taking one node's value for both layers gives other numbers: the test would see it.
    const same = runReference(model([0, 0]), { x: X }).y!;
    expect(Math.max(...Array.from(mixed.data, (v, i) => Math.abs(v - same.data[i]!)))).toBeGreaterThan(1e-3);
  });

  it('an LSTM head that reads Y_c gets the cell state, not Y_h', async () => {
    const model = (state: 'Y_h' | 'Y_c') => buildModel({
      opset: 13,
      nodes: [
        { op: 'LSTM', name: 'lstm', inputs: ['x', 'w', 'r', 'b'], outputs: ['', 'Y_h', 'Y_c'], attrs: { hidden_size: H } },
        { op: 'Squeeze', inputs: [state, 'axis0'], outputs: ['s'] },
        { op: 'Gemm', inputs: ['s', 'wo', 'bo'], outputs: ['y'] },
      ] satisfies NodeSpec[],
      inputs: [{ name: 'x', type: 'float32', dims: ['seq', 'batch', I] }],
      outputs: [{ name: 'y', type: 'float32' }],
      initializers: [
        tensorProto('w', 'float32', [1, 4 * H, I], weights(4 * H * I, 11)), tensorProto('r', 'float32', [1, 4 * H, H], weights(4 * H * H, 12)), tensorProto('b', 'float32', [1, 8 * H], weights(8 * H, 13)),
        tensorProto('axis0', 'int64', [1], [0]), tensorProto('wo', 'float32', [H, 1], weights(H, 14)), tensorProto('bo', 'float32', [1], [0.2]),
      ],
    });
    const yc = runReference(model('Y_c'), { x: X }).y!;
    expectClose(yc.data, (await inOrt(model('Y_c'), { x: X })).y!.data, 'Y_c head vs onnxruntime-node');
    const yh = runReference(model('Y_h'), { x: X }).y!;
    expect(Math.max(...Array.from(yc.data, (v, i) => Math.abs(v - yh.data[i]!)))).toBeGreaterThan(1e-3);
  });

  it('If: the branch the condition picks, reading values from outside it (both branches)', async () => {
    // As torch.onnx.export writes squeeze(0) on a dynamic dim: squeeze only when that dim is 1.
    const branch = (name: string, node: NodeSpec) => ({
      name, node: [{ name: node.name ?? '', opType: node.op, input: node.inputs, output: node.outputs, domain: '', attribute: [] }],
      output: [{ name: node.outputs[0] }], initializer: [],
    });
    const bytes = buildModel({
      opset: 13,
      nodes: [
        { op: 'Shape', inputs: ['x'], outputs: ['shape'] },
        { op: 'Gather', inputs: ['shape', 'zero'], outputs: ['d0'], attrs: { axis: 0 } },
        { op: 'Equal', inputs: ['d0', 'one'], outputs: ['cond'] },
        { op: 'If', name: 'if', inputs: ['cond'], outputs: ['y'], attrs: { then_branch: { g: branch('then', { op: 'Squeeze', inputs: ['x', 'axes'], outputs: ['sq'] }) }, else_branch: { g: branch('else', { op: 'Identity', inputs: ['x'], outputs: ['id'] }) } } },
      ],
      inputs: [{ name: 'x', type: 'float32', dims: ['a', 2] }],
      outputs: [{ name: 'y', type: 'float32' }],
      initializers: [tensorProto('zero', 'int64', [], [0]), tensorProto('one', 'int64', [], [1]), tensorProto('axes', 'int64', [1], [0])],
    });
    for (const x of [{ dims: [1, 2], data: [3, 4] }, { dims: [2, 2], data: [1, 2, 3, 4] }]) {
      const got = runReference(bytes, { x }).y!, want = (await inOrt(bytes, { x })).y!;
      expect(got.dims).toEqual(want.dims);
      expect(Array.from(got.data)).toEqual(want.data);
    }
    expect(runReference(bytes, { x: { dims: [1, 2], data: [3, 4] } }).y!.dims).toEqual([2]);
  });

  it('a dangling cycle (reaching no output) is refused, naming its nodes', () => {
    const bytes = buildModel({
      nodes: [
        { op: 'Relu', name: 'head', inputs: ['x'], outputs: ['y'] },
        { op: 'Add', name: 'loop-a', inputs: ['y', 'q'], outputs: ['p'] },
        { op: 'Relu', name: 'loop-b', inputs: ['p'], outputs: ['q'] },
      ],
      inputs: [{ name: 'x', type: 'float32', dims: [2] }], outputs: [{ name: 'y' }],
    });
    expect(() => loadReference(bytes)).toThrow(/^the graph has a cycle: node "loop-(a|b)" \((Add|Relu)\) → node "loop-(a|b)" \((Add|Relu)\) → node "loop-\1" \(\2\)$/);
  });
});
