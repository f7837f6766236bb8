import { describe, expect, it } from 'vitest';
import { buildModelWithFunctions, subgraph, type FunctionSpec } from '../test-utils/control-flow-model.js';
import { buildModel, tensorProto } from '../test-utils/onnx-model.js';
import { erf } from './elementwise.js';
import { loadReference, type TensorInput } from './graph.js';

// Loop, Scan, If, the sequence ops, model-local functions and the opset-18–20 ops on graphs built
// by hand, each checked against the float64 formula written out here and against onnxruntime-node.

const f = Math.fround;
const seq = (n: number, scale: number, shift = 0) => Array.from({ length: n }, (_, i) => f(Math.sin(i * 1.7 + shift) * scale));

/** Runs a model in onnxruntime-node on float32 / int64 feeds. */
async function ort(bytes: Uint8Array, feeds: Record<string, TensorInput>): Promise<Record<string, number[]>> {
  const rt = await import('onnxruntime-node');
  const session = await rt.InferenceSession.create(bytes, { logSeverityLevel: 4 });
  const inputs = Object.fromEntries(Object.entries(feeds).map(([k, v]) => [k, v.dtype === 'int64' ? new rt.Tensor('int64', BigInt64Array.from(Array.from(v.data, (x) => BigInt(x))), v.dims) : new rt.Tensor('float32', Float32Array.from(v.data), v.dims)]));
  const out = await session.run(inputs);
  await session.release();
  return Object.fromEntries(Object.entries(out).map(([k, t]) => [k, Array.from(t.data as ArrayLike<number | bigint>, Number)]));
}

/** Largest |a - b|. */
const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  return Array.from(a).reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
};

describe('Loop', () => {
  // The scripted Elman RNN: h_t = tanh(x_t W + h_{t-1} R + b), W, R, b and x read from the outer scope.
  const T = 4, B = 2, I = 3, H = 5;
  const W = seq(I * H, 0.6), R = seq(H * H, 0.4, 1), bias = seq(H, 0.2, 2), x = seq(T * B * I, 1, 3), h0 = seq(B * H, 0.5, 4);
  const body = subgraph({
    nodes: [
      { op: 'Gather', inputs: ['x', 'i'], outputs: ['xt'], attrs: { axis: 0 } },
      { op: 'MatMul', inputs: ['xt', 'W'], outputs: ['a'] },
      { op: 'MatMul', inputs: ['h_in', 'R'], outputs: ['c'] },
      { op: 'Add', inputs: ['a', 'c'], outputs: ['s'] },
      { op: 'Add', inputs: ['s', 'b'], outputs: ['s2'] },
      { op: 'Tanh', inputs: ['s2'], outputs: ['h_out'] },
      { op: 'Identity', inputs: ['cond_in'], outputs: ['cond_out'] },
      { op: 'Identity', inputs: ['h_out'], outputs: ['y_out'] },
    ],
    inputs: [{ name: 'i', type: 'int64', dims: [] }, { name: 'cond_in', type: 'bool', dims: [] }, { name: 'h_in', type: 'float32', dims: [B, H] }],
    outputs: [{ name: 'cond_out', type: 'bool', dims: [] }, { name: 'h_out', type: 'float32', dims: [B, H] }, { name: 'y_out', type: 'float32', dims: [B, H] }],
  });
  const bytes = buildModel({
    opset: 16,
    nodes: [{ op: 'Loop', name: 'elman', inputs: ['M', 'cond', 'h0'], outputs: ['h_n', 'ys'], attrs: { body: { g: body } } }],
    inputs: [{ name: 'x', type: 'float32', dims: [T, B, I] }, { name: 'h0', type: 'float32', dims: [B, H] }],
    outputs: [{ name: 'h_n', type: 'float32' }, { name: 'ys', type: 'float32' }],
    initializers: [tensorProto('M', 'int64', [], [T]), { name: 'cond', dims: [], dataType: 9, int32Data: [1] }, tensorProto('W', 'float32', [I, H], W), tensorProto('R', 'float32', [H, H], R), tensorProto('b', 'float32', [H], bias)],
  });
  const feeds = { x: { dims: [T, B, I], data: x }, h0: { dims: [B, H], data: h0 } };

  it('runs a scripted Elman recurrence: the final state and every step match the float64 formula and onnxruntime-node', async () => {
    let h = h0.slice();
    const ys: number[] = [];
    for (let t = 0; t < T; t++) {
      const next = new Array<number>(B * H);
      for (let bi = 0; bi < B; bi++) {
        for (let j = 0; j < H; j++) {
          let s = bias[j]!;
          for (let k = 0; k < I; k++) s += x[(t * B + bi) * I + k]! * W[k * H + j]!;
          for (let k = 0; k < H; k++) s += h[bi * H + k]! * R[k * H + j]!;
          next[bi * H + j] = Math.tanh(s);
        }
      }
      h = next;
      ys.push(...h);
    }
    const got = loadReference(bytes).run(feeds);
    expect(got.h_n!.dims).toEqual([B, H]);
    expect(got.ys!.dims).toEqual([T, B, H]);
    expect(maxDiff(got.h_n!.data, h)).toBeLessThan(1e-12);
    expect(maxDiff(got.ys!.data, ys)).toBeLessThan(1e-12);
    const rt = await ort(bytes, feeds);
    expect(maxDiff(got.ys!.data, rt.ys!)).toBeLessThan(1e-5);
  });

  it('a while loop (no trip count) stops when the body\'s condition turns false; its scan output has one entry per iteration', async () => {
    const whileBody = subgraph({
      nodes: [
        { op: 'Mul', inputs: ['v_in', 'two'], outputs: ['v_out'] },
        { op: 'Less', inputs: ['v_out', 'limit'], outputs: ['cond_out'] },
        { op: 'Identity', inputs: ['i'], outputs: ['i_out'] },
      ],
      inputs: [{ name: 'i', type: 'int64', dims: [] }, { name: 'cond_in', type: 'bool', dims: [] }, { name: 'v_in', type: 'float32', dims: [] }],
      outputs: [{ name: 'cond_out', type: 'bool', dims: [] }, { name: 'v_out', type: 'float32', dims: [] }, { name: 'i_out', type: 'int64', dims: [] }],
    });
    const m = buildModel({
      opset: 13,
      nodes: [{ op: 'Loop', inputs: ['', 'go', 'v0'], outputs: ['v', 'steps'], attrs: { body: { g: whileBody } } }],
      inputs: [{ name: 'v0', type: 'float32', dims: [] }],
      outputs: [{ name: 'v', type: 'float32' }, { name: 'steps', type: 'int64' }],
      initializers: [{ name: 'go', dims: [], dataType: 9, int32Data: [1] }, tensorProto('two', 'float32', [], [2]), tensorProto('limit', 'float32', [], [100])],
    });
    const got = loadReference(m).run({ v0: { dims: [], data: [3] } });
    expect(Array.from(got.v!.data)).toEqual([192]); // 3·2^6: 96 < 100 goes on, 192 stops
    expect(Array.from(got.steps!.data)).toEqual([0, 1, 2, 3, 4, 5]);
    const rt = await ort(m, { v0: { dims: [], data: [3] } });
    expect(rt.v).toEqual([192]);
    expect(rt.steps).toEqual([0, 1, 2, 3, 4, 5]);
  });

  // Outer loop i = 0..2 runs an inner loop of i + 1 steps whose body holds an If reading `scale`
  // from the main graph and `i` from the outer body: acc = j > 0 ? acc + scale·(i + 1) : acc·2.
  const inner = subgraph({
    nodes: [
      { op: 'Greater', inputs: ['j', 'zero'], outputs: ['pos'] },
      {
        op: 'If', inputs: ['pos'], outputs: ['acc_out'], attrs: {
          then_branch: { g: subgraph({ nodes: [{ op: 'Cast', inputs: ['i1'], outputs: ['fi'], attrs: { to: 1 } }, { op: 'Mul', inputs: ['fi', 'scale'], outputs: ['inc'] }, { op: 'Add', inputs: ['acc_in', 'inc'], outputs: ['t_out'] }], inputs: [], outputs: [{ name: 't_out', type: 'float32' }] }) },
          else_branch: { g: subgraph({ nodes: [{ op: 'Mul', inputs: ['acc_in', 'twoF'], outputs: ['e_out'] }], inputs: [], outputs: [{ name: 'e_out', type: 'float32' }] }) },
        },
      },
      { op: 'Identity', inputs: ['c_in'], outputs: ['c_out'] },
    ],
    inputs: [{ name: 'j', type: 'int64', dims: [] }, { name: 'c_in', type: 'bool', dims: [] }, { name: 'acc_in', type: 'float32', dims: [1] }],
    outputs: [{ name: 'c_out', type: 'bool', dims: [] }, { name: 'acc_out', type: 'float32', dims: [1] }],
  });
  const outer = subgraph({
    nodes: [
      { op: 'Add', inputs: ['i', 'one'], outputs: ['i1'] },
      { op: 'Loop', name: 'inner', inputs: ['i1', '', 'acc'], outputs: ['acc2'], attrs: { body: { g: inner } } },
      { op: 'Identity', inputs: ['oc_in'], outputs: ['oc_out'] },
    ],
    inputs: [{ name: 'i', type: 'int64', dims: [] }, { name: 'oc_in', type: 'bool', dims: [] }, { name: 'acc', type: 'float32', dims: [1] }],
    outputs: [{ name: 'oc_out', type: 'bool', dims: [] }, { name: 'acc2', type: 'float32', dims: [1] }],
  });
  const nested = (M: number) => buildModel({
    opset: 16,
    nodes: [{ op: 'Loop', name: 'outer', inputs: ['M', '', 'a0'], outputs: ['a'], attrs: { body: { g: outer } } }],
    inputs: [{ name: 'a0', type: 'float32', dims: [1] }, { name: 'scale', type: 'float32', dims: [] }],
    outputs: [{ name: 'a', type: 'float32' }],
    initializers: [tensorProto('M', 'int64', [], [M]), tensorProto('zero', 'int64', [], [0]), tensorProto('one', 'int64', [], [1]), tensorProto('twoF', 'float32', [], [2])],
  });

  it('nests a Loop and an If in a Loop body, reading names of every enclosing scope', async () => {
    let acc = 0.75;
    for (let i = 0; i < 3; i++) for (let j = 0; j <= i; j++) acc = j > 0 ? acc + f(0.3) * (i + 1) : acc * 2;
    const feeds = { a0: { dims: [1], data: [0.75] }, scale: { dims: [], data: [0.3] } };
    const got = loadReference(nested(3)).run(feeds);
    expect(got.a!.data[0]).toBeCloseTo(acc, 12);
    const rt = await ort(nested(3), feeds);
    expect(Math.abs(rt.a![0]! - acc)).toBeLessThan(1e-5);
  });

  it('refuses, naming the node, a loop that would run past the step budget (trip count 10^12, condition always true)', () => {
    const forever = buildModel({
      opset: 16,
      nodes: [{ op: 'Loop', name: 'forever', inputs: ['M', '', 'a0'], outputs: ['a'], attrs: { body: { g: subgraph({ nodes: [{ op: 'Identity', inputs: ['c'], outputs: ['c2'] }, { op: 'Identity', inputs: ['v'], outputs: ['v2'] }], inputs: [{ name: 'k', type: 'int64', dims: [] }, { name: 'c', type: 'bool', dims: [] }, { name: 'v', type: 'float32', dims: [1] }], outputs: [{ name: 'c2', type: 'bool' }, { name: 'v2', type: 'float32' }] }) } } }],
      inputs: [{ name: 'a0', type: 'float32', dims: [1] }],
      outputs: [{ name: 'a', type: 'float32' }],
      initializers: [tensorProto('M', 'int64', [], [1e12])],
    });
    expect(() => loadReference(forever, { maxSteps: 1000 }).run({ a0: { dims: [1], data: [1] } })).toThrow(/^node "forever" \(Loop\): stopped after 1000 loop iterations in all, the step budget of one run \(maxSteps\)$/);
    // Nested loops share the budget: outer 3 × inner (1 + 2 + 3) = 3 + 6 iterations.
    const feeds = { a0: { dims: [1], data: [1] }, scale: { dims: [], data: [1] } };
    expect(() => loadReference(nested(3), { maxSteps: 8 }).run(feeds)).toThrow(/^node "outer" \(Loop\): node "inner" \(Loop\): stopped after 8 loop iterations/);
    expect(loadReference(nested(3), { maxSteps: 9 }).run(feeds).a!.dims).toEqual([1]);
  });
});

describe('Scan-9', () => {
  // Two states (a += x_t; b = b/2 + y_t) over x scanned along axis 0 and y along axis 1 in reverse;
  // scan outputs: a stacked along output axis 1, b stacked in reverse along axis 0.
  const T = 5;
  const x = seq(T * 2, 1), y = seq(2 * T, 1, 1);
  const body = subgraph({
    nodes: [
      { op: 'Add', inputs: ['a_in', 'xt'], outputs: ['a_out'] },
      { op: 'Mul', inputs: ['b_in', 'half'], outputs: ['bh'] },
      { op: 'Add', inputs: ['bh', 'yt'], outputs: ['b_out'] },
      { op: 'Identity', inputs: ['a_out'], outputs: ['sa'] },
      { op: 'Identity', inputs: ['b_out'], outputs: ['sb'] },
    ],
    inputs: [{ name: 'a_in', type: 'float32', dims: [2] }, { name: 'b_in', type: 'float32', dims: [2] }, { name: 'xt', type: 'float32', dims: [2] }, { name: 'yt', type: 'float32', dims: [2] }],
    outputs: [{ name: 'a_out', type: 'float32' }, { name: 'b_out', type: 'float32' }, { name: 'sa', type: 'float32' }, { name: 'sb', type: 'float32' }],
  });
  const bytes = buildModel({
    opset: 16,
    nodes: [{ op: 'Scan', name: 'scan', inputs: ['a0', 'b0', 'x', 'y'], outputs: ['a', 'b', 'as', 'bs'], attrs: { body: { g: body }, num_scan_inputs: 2, scan_input_axes: [0, 1], scan_input_directions: [0, 1], scan_output_axes: [1, 0], scan_output_directions: [0, 1] } }],
    inputs: [{ name: 'a0', type: 'float32', dims: [2] }, { name: 'b0', type: 'float32', dims: [2] }, { name: 'x', type: 'float32', dims: [T, 2] }, { name: 'y', type: 'float32', dims: [2, T] }],
    outputs: [{ name: 'a', type: 'float32' }, { name: 'b', type: 'float32' }, { name: 'as', type: 'float32' }, { name: 'bs', type: 'float32' }],
    initializers: [tensorProto('half', 'float32', [], [0.5])],
  });

  it('several states, input and output axes and directions: the float64 recurrence and onnxruntime-node', async () => {
    const a = [0.1, -0.2], b = [0.3, 0.4];
    const as: number[][] = [], bs: number[][] = [];
    for (let t = 0; t < T; t++) {
      const ty = T - 1 - t;
      for (let k = 0; k < 2; k++) {
        a[k] = a[k]! + x[t * 2 + k]!;
        b[k] = b[k]! * 0.5 + y[k * T + ty]!;
      }
      as.push([...a]);
      bs.push([...b]);
    }
    const feeds = { a0: { dims: [2], data: [0.1, -0.2] }, b0: { dims: [2], data: [0.3, 0.4] }, x: { dims: [T, 2], data: x }, y: { dims: [2, T], data: y } };
    const got = loadReference(bytes).run(feeds);
    expect(got.as!.dims).toEqual([2, T]);
    expect(got.bs!.dims).toEqual([T, 2]);
    const wantAs = [0, 1].flatMap((k) => as.map((s) => s[k]!)); // axis 1: [2, T]
    const wantBs = [...bs].reverse().flat(); // reversed along axis 0
    expect(maxDiff(got.as!.data, wantAs.map((v) => v))).toBeLessThan(1e-6);
    expect(maxDiff(got.bs!.data, wantBs)).toBeLessThan(1e-6);
    expect(maxDiff(got.a!.data, a)).toBeLessThan(1e-6);
    const rt = await ort(bytes, feeds);
    for (const k of ['a', 'b', 'as', 'bs']) expect(maxDiff(got[k]!.data, rt[k]!)).toBeLessThan(1e-5);
  });
});

describe('sequence ops', () => {
  it('SplitToSequence, SequenceInsert/Erase/At/Length, SequenceConstruct and ConcatFromSequence (new_axis) move values exactly', async () => {
    const bytes = buildModel({
      opset: 17,
      nodes: [
        { op: 'SplitToSequence', inputs: ['x', 'two'], outputs: ['parts'], attrs: { axis: 1 } }, // [3,2] [3,2] [3,1]
        { op: 'SplitToSequence', inputs: ['x'], outputs: ['cols'], attrs: { axis: 1, keepdims: 0 } }, // five [3]
        { op: 'SequenceErase', inputs: ['cols', 'minus1'], outputs: ['four'] },
        { op: 'SequenceLength', inputs: ['four'], outputs: ['n'] },
        { op: 'SequenceAt', inputs: ['parts', 'minus1'], outputs: ['last'] },
        { op: 'ConcatFromSequence', inputs: ['four'], outputs: ['stacked'], attrs: { axis: -1, new_axis: 1 } }, // [3, 4]
        { op: 'SequenceEmpty', inputs: [], outputs: ['empty'] },
        { op: 'SequenceInsert', inputs: ['empty', 'last'], outputs: ['one'] },
        { op: 'SequenceInsert', inputs: ['one', 'last', 'zero'], outputs: ['two_seq'] },
        { op: 'ConcatFromSequence', inputs: ['two_seq'], outputs: ['joined'], attrs: { axis: 0 } }, // [6, 1]
        { op: 'SequenceConstruct', inputs: ['x', 'x'], outputs: ['xs'] },
        { op: 'ConcatFromSequence', inputs: ['xs'], outputs: ['xx'], attrs: { axis: 1 } }, // [3, 10]
      ],
      inputs: [{ name: 'x', type: 'float32', dims: [3, 5] }],
      outputs: [{ name: 'n', type: 'int64' }, { name: 'last', type: 'float32' }, { name: 'stacked', type: 'float32' }, { name: 'joined', type: 'float32' }, { name: 'xx', type: 'float32' }],
      initializers: [tensorProto('two', 'int64', [], [2]), tensorProto('minus1', 'int64', [], [-1]), tensorProto('zero', 'int64', [], [0])],
    });
    const x = Array.from({ length: 15 }, (_, i) => i);
    const got = loadReference(bytes).run({ x: { dims: [3, 5], data: x } });
    expect(Array.from(got.n!.data)).toEqual([4]);
    expect(got.last!.dims).toEqual([3, 1]);
    expect(Array.from(got.last!.data)).toEqual([4, 9, 14]);
    expect(got.stacked!.dims).toEqual([3, 4]);
    expect(Array.from(got.stacked!.data)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13]);
    expect(got.joined!.dims).toEqual([6, 1]);
    expect(Array.from(got.joined!.data)).toEqual([4, 9, 14, 4, 9, 14]);
    expect(Array.from(got.xx!.data)).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 10, 11, 12, 13, 14]);
    const rt = await ort(bytes, { x: { dims: [3, 5], data: x } });
    for (const k of ['n', 'last', 'stacked', 'joined', 'xx']) expect(rt[k]).toEqual(Array.from(got[k]!.data));
  });

  it('a sequence output is refused by run() in one line, and returned by runValues()', () => {
    const bytes = buildModel({ opset: 17, nodes: [{ op: 'SplitToSequence', inputs: ['x'], outputs: ['s'] }], inputs: [{ name: 'x', type: 'float32', dims: [2] }], outputs: [{ name: 's' }] });
    const m = loadReference(bytes);
    expect(() => m.run({ x: { dims: [2], data: [1, 2] } })).toThrow(/graph output "s" is a sequence of 2 tensors; rnnkit compares and writes tensor outputs only/);
    const v = m.runValues({ x: { dims: [2], data: [1, 2] } }).s!;
    expect('items' in v && v.items.map((t) => Array.from(t.data))).toEqual([[1], [2]]);
  });
});

describe('model-local functions', () => {
  // local.Cell(x, h) = LeakyRelu_alpha(x + local.Relu(h)), where local.Relu (a custom-domain function
  // whose name is that of a standard op) is h·3, and alpha is the call's attribute.
  const functions: FunctionSpec[] = [
    { domain: 'local', name: 'Relu', inputs: ['v'], outputs: ['w'], nodes: [{ op: 'Constant', inputs: [], outputs: ['three'], attrs: { value_float: { f: 3 } } }, { op: 'Mul', inputs: ['v', 'three'], outputs: ['w'] }] },
    { domain: 'local', name: 'Cell', inputs: ['x', 'h'], outputs: ['y'], attributes: ['alpha'], nodes: [{ op: 'Relu', domain: 'local', inputs: ['h'], outputs: ['h3'] }, { op: 'Add', inputs: ['x', 'h3'], outputs: ['s'] }, { op: 'LeakyRelu', inputs: ['s'], outputs: ['y'] }], refs: { 2: { alpha: 'alpha' } } },
  ];
  const model = (alpha?: number, fs = functions) => buildModelWithFunctions({
    opset: 17,
    nodes: [
      { op: 'Cell', domain: 'local', name: 'cell1', inputs: ['x', 'h'], outputs: ['y1'], attrs: alpha === undefined ? {} : { alpha: { f: alpha } } },
      { op: 'Relu', inputs: ['y1'], outputs: ['y'] }, // the standard Relu
    ],
    inputs: [{ name: 'x', type: 'float32', dims: [4] }, { name: 'h', type: 'float32', dims: [4] }],
    outputs: [{ name: 'y', type: 'float32' }],
    functions: fs,
  });
  const x = [0.5, -2, 1, -0.1], h = [0.1, 0.2, -0.4, -0.3];
  const want = (alpha: number) => x.map((v, i) => {
    const s = f(v) + f(h[i]!) * 3;
    return Math.max(0, s >= 0 ? s : alpha * s);
  });
  const feeds = { x: { dims: [4], data: x }, h: { dims: [4], data: h } };

  it('binds attribute references, calls nested functions, and keeps a custom-domain Relu apart from the standard one', async () => {
    const got = loadReference(model(-0.5)).run(feeds);
    expect(maxDiff(got.y!.data, want(f(-0.5)))).toBeLessThan(1e-12);
    // Without the attribute the referring attribute is dropped: LeakyRelu's default alpha 0.01.
    expect(maxDiff(loadReference(model()).run(feeds).y!.data, want(f(0.01)))).toBeLessThan(1e-12);
    const rt = await ort(model(-0.5), feeds);
    expect(maxDiff(got.y!.data, rt.y!)).toBeLessThan(1e-6);
  });

  it('refuses a recursive function and a default-domain function that shadows a standard op, in one line', () => {
    const recursive: FunctionSpec[] = [{ domain: 'local', name: 'Cell', inputs: ['x', 'h'], outputs: ['y'], nodes: [{ op: 'Cell', domain: 'local', inputs: ['x', 'h'], outputs: ['y'] }] }];
    expect(() => loadReference(model(undefined, recursive))).toThrow(/^node "cell1" \(Cell\): node "n0" \(Cell\): function "Cell" calls itself \(Cell → Cell\); the reference evaluator refuses recursive functions$/);
    const shadow: FunctionSpec[] = [{ ...functions[1]!, domain: '', nodes: functions[1]!.nodes.map((n) => ({ ...n, domain: n.domain === 'local' ? '' : n.domain })) }, { ...functions[0]!, domain: '' }];
    expect(() => loadReference(model(undefined, shadow))).toThrow(/^function "Relu" is defined in the default domain, where Relu is a standard op/);
  });
});

describe('opset 18–20 ops', () => {
  it('Pad-18 pads only the axes it names; Pad-19 wraps', async () => {
    const pad = (opset: number, mode: string, axes: number[] | null, pads: number[]) => buildModel({
      opset,
      nodes: [{ op: 'Pad', inputs: ['x', 'pads', 'cv', ...(axes ? ['axes'] : [])], outputs: ['y'], attrs: { mode } }],
      inputs: [{ name: 'x', type: 'float32', dims: [2, 3] }],
      outputs: [{ name: 'y', type: 'float32' }],
      initializers: [tensorProto('pads', 'int64', [pads.length], pads), tensorProto('cv', 'float32', [], [9]), ...(axes ? [tensorProto('axes', 'int64', [axes.length], axes)] : [])],
    });
    const feeds = { x: { dims: [2, 3], data: [1, 2, 3, 4, 5, 6] } };
    const cases: [Uint8Array, number[], number[]][] = [
      [pad(18, 'constant', [-1], [1, 2]), [2, 6], [9, 1, 2, 3, 9, 9, 9, 4, 5, 6, 9, 9]],
      [pad(18, 'edge', [0], [0, 1]), [3, 3], [1, 2, 3, 4, 5, 6, 4, 5, 6]],
      [pad(19, 'wrap', [1], [2, 1]), [2, 6], [2, 3, 1, 2, 3, 1, 5, 6, 4, 5, 6, 4]],
      [pad(18, 'reflect', null, [1, 0, 1, 0]), [4, 3], [4, 5, 6, 1, 2, 3, 4, 5, 6, 1, 2, 3]],
    ];
    for (const [bytes, dims, want] of cases) {
      const got = loadReference(bytes).run(feeds).y!;
      expect(got.dims).toEqual(dims);
      expect(Array.from(got.data)).toEqual(want);
      expect((await ort(bytes, feeds)).y).toEqual(want);
    }
  });

  it('Gelu-20 (exact and tanh) and Erf match the float64 formulas (erf from Python\'s math.erf)', async () => {
    const xs = [-3.7, -1.2, -0.3, 0, 0.5, 1, 2, 2.9, 3.1, 5];
    const pyErf = [-0.9999998328489421, -0.9103139782296353, -0.3286267594591274, 0, 0.5204998778130465, 0.8427007929497149, 0.9953222650189527, 0.9999589021219005, 0.9999883513426328, 0.9999999999984626];
    xs.forEach((v, i) => expect(Math.abs(erf(v) - pyErf[i]!)).toBeLessThan(1e-13));
    const gelu = (approximate: string, type: 'float32' | 'float64' = 'float64') => buildModel({ opset: 20, nodes: [{ op: 'Gelu', inputs: ['x'], outputs: ['y'], attrs: { approximate } }], inputs: [{ name: 'x', type, dims: [xs.length] }], outputs: [{ name: 'y', type }] });
    const feeds = { x: { dtype: 'float64' as const, dims: [xs.length], data: xs } };
    const exact = loadReference(gelu('none')).run(feeds).y!;
    expect(maxDiff(exact.data, xs.map((v) => 0.5 * v * (1 + erf(v / Math.SQRT2))))).toBeLessThan(1e-15);
    const tanh = loadReference(gelu('tanh')).run(feeds).y!;
    expect(maxDiff(tanh.data, xs.map((v) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)))))).toBeLessThan(1e-15);
    // onnxruntime has Gelu (and Erf) for float32 only.
    for (const mode of ['none', 'tanh']) {
      const bytes = gelu(mode, 'float32');
      const f32 = { x: { dims: [xs.length], data: xs.map(f) } };
      expect(maxDiff(loadReference(bytes).run(f32).y!.data, (await ort(bytes, f32)).y!)).toBeLessThan(1e-6);
    }
  });
});
