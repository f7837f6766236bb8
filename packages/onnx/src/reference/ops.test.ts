import { describe, expect, it } from 'vitest';
import { buildModel, tensorProto, type Attr, type NodeSpec, type TypeName } from '../test-utils/onnx-model.js';
import { loadReference, runReference } from './graph.js';
import type { DType } from './tensor.js';

// The ops exporters put around recurrent ops, each on numbers worked out by hand, in the
// attribute and input forms of the opsets that changed them; then the refusals.

type In = [TypeName, number[], number[]]; // dtype, dims, data
const f32 = (dims: number[], data: number[]): In => ['float32', dims, data];
const i64 = (dims: number[], data: number[]): In => ['int64', dims, data];
const b = (dims: number[], data: number[]): In => ['bool', dims, data];
const f64 = (dims: number[], data: number[]): In => ['float64', dims, data];

/** Runs one node on graph inputs a, b, c, ... (an empty slot is an omitted input); returns outputs y0, y1, ... */
function run1(op: string, inputs: (In | null)[], attrs: Record<string, Attr> = {}, opset = 17, outputs = 1) {
  const names = inputs.map((x, i) => (x ? `in${i}` : ''));
  const bytes = buildModel({
    opset,
    nodes: [{ op, name: 'node', inputs: names, outputs: Array.from({ length: outputs }, (_, i) => `y${i}`), attrs }],
    inputs: inputs.flatMap((x, i) => (x ? [{ name: `in${i}`, type: x[0], dims: x[1] }] : [])),
    outputs: Array.from({ length: outputs }, (_, i) => ({ name: `y${i}` })),
  });
  const feeds = Object.fromEntries(inputs.flatMap((x, i) => (x ? [[`in${i}`, { dtype: x[0] as DType, dims: x[1], data: x[2] }]] : [])));
  const out = runReference(bytes, feeds);
  return Array.from({ length: outputs }, (_, i) => out[`y${i}`]!).map((t) => ({ dtype: t.dtype, dims: [...t.dims], data: Array.from(t.data, (v) => Math.round(v * 1e9) / 1e9) }));
}
const y = (op: string, inputs: (In | null)[], attrs: Record<string, Attr> = {}, opset = 17) => run1(op, inputs, attrs, opset)[0]!;

describe('elementwise ops with numpy broadcasting', () => {
  const A = f32([2, 3], [1, 2, 3, 4, 5, 6]), row = f32([3], [10, 20, 30]), col = f32([2, 1], [1, 2]);
  it('Add, Sub, Mul, Div broadcast rows and columns', () => {
    expect(y('Add', [A, row]).data).toEqual([11, 22, 33, 14, 25, 36]);
    expect(y('Sub', [A, col])).toEqual({ dtype: 'float32', dims: [2, 3], data: [0, 1, 2, 2, 3, 4] });
    expect(y('Mul', [col, row])).toEqual({ dtype: 'float32', dims: [2, 3], data: [10, 20, 30, 20, 40, 60] });
    expect(y('Div', [A, f32([], [4])]).data).toEqual([0.25, 0.5, 0.75, 1, 1.25, 1.5]);
  });
  it('integer Div truncates toward zero', () => {
    expect(y('Div', [i64([4], [7, -7, 6, -1]), i64([], [2])])).toEqual({ dtype: 'int64', dims: [4], data: [3, -3, 3, -0] });
  });
  it('Pow, Neg, Abs, Sqrt, Exp, Log, Relu, LeakyRelu, Tanh, Sigmoid', () => {
    const x = f32([4], [-2, -0.5, 0.5, 4]);
    const r = (v: number) => Math.round(v * 1e9) / 1e9;
    expect(y('Pow', [f32([3], [2, 3, 4]), f32([1], [2])]).data).toEqual([4, 9, 16]);
    expect(y('Neg', [x]).data).toEqual([2, 0.5, -0.5, -4]);
    expect(y('Abs', [x]).data).toEqual([2, 0.5, 0.5, 4]);
    expect(y('Sqrt', [f32([2], [4, 2.25])]).data).toEqual([2, 1.5]);
    expect(y('Exp', [x]).data).toEqual([-2, -0.5, 0.5, 4].map((v) => r(Math.exp(v))));
    expect(y('Log', [f64([2], [1, Math.E])]).data).toEqual([0, 1]);
    expect(y('Relu', [x]).data).toEqual([0, 0, 0.5, 4]);
    expect(y('LeakyRelu', [x]).data).toEqual([-0.02, -0.005, 0.5, 4]);
    expect(y('LeakyRelu', [x], { alpha: { f: 0.5 } }).data).toEqual([-1, -0.25, 0.5, 4]);
    expect(y('Tanh', [x]).data).toEqual([-2, -0.5, 0.5, 4].map((v) => r(Math.tanh(v))));
    expect(y('Sigmoid', [x]).data).toEqual([-2, -0.5, 0.5, 4].map((v) => r(1 / (1 + Math.exp(-v)))));
  });
  it('Equal, Less, Greater give bool; Not, And; Where broadcasts all three', () => {
    const p = i64([3], [1, 5, 3]), q = i64([3], [1, 2, 4]);
    expect(y('Equal', [p, q])).toEqual({ dtype: 'bool', dims: [3], data: [1, 0, 0] });
    expect(y('Less', [p, q]).data).toEqual([0, 0, 1]);
    expect(y('Greater', [p, q]).data).toEqual([0, 1, 0]);
    expect(y('Not', [b([2], [1, 0])]).data).toEqual([0, 1]);
    expect(y('And', [b([2, 1], [1, 0]), b([2], [1, 1])])).toEqual({ dtype: 'bool', dims: [2, 2], data: [1, 1, 0, 0] });
    expect(y('Where', [b([2, 1], [1, 0]), f32([2], [1, 2]), f32([], [9])])).toEqual({ dtype: 'float32', dims: [2, 2], data: [1, 2, 9, 9] });
  });
  it('Cast truncates to integers and tags the new type', () => {
    expect(y('Cast', [f32([3], [1.7, -1.7, 0])], { to: 7 })).toEqual({ dtype: 'int64', dims: [3], data: [1, -1, 0] });
    expect(y('Cast', [i64([2], [0, 3])], { to: 9 })).toEqual({ dtype: 'bool', dims: [2], data: [0, 1] });
    expect(y('Cast', [i64([1], [3])], { to: 11 }).dtype).toBe('float64');
  });
});

describe('matrix products and reductions', () => {
  it('MatMul: 2-d, 1-d on either side, batch dims broadcast', () => {
    const A = f32([2, 3], [1, 2, 3, 4, 5, 6]);
    expect(y('MatMul', [A, f32([3, 2], [1, 0, 0, 1, 1, 1])])).toEqual({ dtype: 'float32', dims: [2, 2], data: [4, 5, 10, 11] });
    expect(y('MatMul', [A, f32([3], [1, 1, 1])])).toEqual({ dtype: 'float32', dims: [2], data: [6, 15] });
    expect(y('MatMul', [f32([2], [1, -1]), A])).toEqual({ dtype: 'float32', dims: [3], data: [-3, -3, -3] });
    const batched = y('MatMul', [f32([2, 1, 2], [1, 0, 0, 2]), f32([2, 3], [1, 2, 3, 4, 5, 6])]);
    expect(batched).toEqual({ dtype: 'float32', dims: [2, 1, 3], data: [1, 2, 3, 8, 10, 12] });
  });
  it('Gemm: alpha · Aᵀ · Bᵀ + beta · C with C broadcast', () => {
    const A = f32([2, 2], [1, 2, 3, 4]), B = f32([2, 2], [1, 0, 1, 1]);
    // Aᵀ = [[1, 3], [2, 4]], Bᵀ = [[1, 1], [0, 1]]: Aᵀ·Bᵀ = [[1, 4], [2, 6]]
    expect(y('Gemm', [A, B, f32([2], [10, 20])], { transA: 1, transB: 1, alpha: { f: 2 }, beta: { f: 0.5 } }).data).toEqual([7, 18, 9, 22]);
    expect(y('Gemm', [A, B], {}, 13).data).toEqual([3, 2, 7, 4]);
  });
  it('Softmax: one axis from opset 13, the 2-d coercion before', () => {
    const x = f64([2, 2], [0, Math.log(3), 0, 0]);
    expect(y('Softmax', [x], {}, 13).data).toEqual([0.25, 0.75, 0.5, 0.5]);
    // opset 11, axis 0 on [2, 2]: one softmax over all four values: 1, 3, 1, 1 → /6
    const whole = y('Softmax', [x], { axis: 0 }, 11).data;
    expect(whole).toEqual([1 / 6, 3 / 6, 1 / 6, 1 / 6].map((v) => Math.round(v * 1e9) / 1e9));
    expect(y('LogSoftmax', [x], {}, 13).data).toEqual([Math.log(0.25), Math.log(0.75), Math.log(0.5), Math.log(0.5)].map((v) => Math.round(v * 1e9) / 1e9));
  });
  it('ReduceMean, ReduceSum, ReduceMax: axes as attribute or input by opset, keepdims', () => {
    const x = f32([2, 3], [1, 2, 3, 4, 5, 9]);
    expect(y('ReduceMean', [x], { axes: [1] }, 13)).toEqual({ dtype: 'float32', dims: [2, 1], data: [2, 6] });
    expect(y('ReduceMean', [x, i64([1], [0])], {}, 18)).toEqual({ dtype: 'float32', dims: [1, 3], data: [2.5, 3.5, 6] });
    expect(y('ReduceSum', [x, i64([1], [-1])], { keepdims: 0 }, 13)).toEqual({ dtype: 'float32', dims: [2], data: [6, 18] });
    expect(y('ReduceSum', [x], { axes: [0] }, 11).data).toEqual([5, 7, 12]);
    expect(y('ReduceMax', [x], { keepdims: 0 }, 13)).toEqual({ dtype: 'float32', dims: [], data: [9] });
  });
});

describe('shape ops', () => {
  const x = f32([2, 3, 4], Array.from({ length: 24 }, (_, i) => i));
  it('Shape (start/end from opset 15), Size, Identity, Constant', () => {
    expect(y('Shape', [x])).toEqual({ dtype: 'int64', dims: [3], data: [2, 3, 4] });
    expect(y('Shape', [x], { start: 1, end: -1 }, 15).data).toEqual([3]);
    expect(y('Size', [x])).toEqual({ dtype: 'int64', dims: [], data: [24] });
    expect(y('Identity', [f32([1], [5])]).data).toEqual([5]);
    expect(y('Constant', [], { value_ints: [4, 5] }, 13)).toEqual({ dtype: 'int64', dims: [2], data: [4, 5] });
    expect(y('Constant', [], { value: { t: tensorProto('c', 'float64', [2], [0.5, 1.5]) } })).toEqual({ dtype: 'float64', dims: [2], data: [0.5, 1.5] });
  });
  it('Gather with a negative index and an index tensor', () => {
    expect(y('Gather', [x, i64([], [-1])], { axis: 1 }).dims).toEqual([2, 4]);
    expect(y('Gather', [x, i64([], [-1])], { axis: 1 }).data.slice(0, 4)).toEqual([8, 9, 10, 11]);
    expect(y('Gather', [i64([3], [7, 8, 9]), i64([2, 2], [0, 2, 1, 1])])).toEqual({ dtype: 'int64', dims: [2, 2], data: [7, 9, 8, 8] });
  });
  it('Slice: attributes at opset 9, inputs with axes and a negative step at 13', () => {
    const v = i64([6], [0, 1, 2, 3, 4, 5]);
    expect(y('Slice', [v], { starts: [1], ends: [-1], axes: [0] }, 9).data).toEqual([1, 2, 3, 4]);
    expect(y('Slice', [v, i64([1], [-1]), i64([1], [-9223372036854775807]), i64([1], [0]), i64([1], [-2])], {}, 13).data).toEqual([5, 3, 1]);
    expect(y('Slice', [x, i64([1], [1]), i64([1], [100]), i64([1], [2])], {}, 13).dims).toEqual([2, 3, 3]);
  });
  it('Squeeze and Unsqueeze: attribute axes before 13, input axes from 13', () => {
    const t = f32([1, 3, 1], [1, 2, 3]);
    expect(y('Squeeze', [t], { axes: [0] }, 11).dims).toEqual([3, 1]);
    expect(y('Squeeze', [t], {}, 11).dims).toEqual([3]);
    expect(y('Squeeze', [t, i64([1], [-1])], {}, 13).dims).toEqual([1, 3]);
    expect(y('Unsqueeze', [f32([3], [1, 2, 3])], { axes: [0, 2] }, 11).dims).toEqual([1, 3, 1]);
    expect(y('Unsqueeze', [f32([3], [1, 2, 3]), i64([1], [-1])], {}, 13).dims).toEqual([3, 1]);
  });
  it('Concat, Split by attribute (11), input (13) and num_outputs (18)', () => {
    expect(y('Concat', [f32([2, 1], [1, 2]), f32([2, 2], [3, 4, 5, 6])], { axis: -1 })).toEqual({ dtype: 'float32', dims: [2, 3], data: [1, 3, 4, 2, 5, 6] });
    const v = f32([5], [1, 2, 3, 4, 5]);
    expect(run1('Split', [v], { split: [2, 3] }, 11, 2).map((t) => t.data)).toEqual([[1, 2], [3, 4, 5]]);
    expect(run1('Split', [v, i64([2], [4, 1])], {}, 13, 2).map((t) => t.data)).toEqual([[1, 2, 3, 4], [5]]);
    expect(run1('Split', [v], { num_outputs: 2 }, 18, 2).map((t) => t.data)).toEqual([[1, 2, 3], [4, 5]]);
  });
  it('Reshape (0 copies, -1 infers), Flatten, Transpose, Expand', () => {
    expect(y('Reshape', [x, i64([2], [0, -1])]).dims).toEqual([2, 12]);
    expect(y('Flatten', [x], { axis: 2 }).dims).toEqual([6, 4]);
    const t = y('Transpose', [f32([2, 3], [1, 2, 3, 4, 5, 6])]);
    expect(t).toEqual({ dtype: 'float32', dims: [3, 2], data: [1, 4, 2, 5, 3, 6] });
    expect(y('Transpose', [x], { perm: [1, 0, 2] }).data.slice(0, 8)).toEqual([0, 1, 2, 3, 12, 13, 14, 15]);
    expect(y('Expand', [f32([2, 1], [1, 2]), i64([3], [2, 1, 3])])).toEqual({ dtype: 'float32', dims: [2, 2, 3], data: [1, 1, 1, 2, 2, 2, 1, 1, 1, 2, 2, 2] });
  });
  it('ConstantOfShape, Range', () => {
    expect(y('ConstantOfShape', [i64([2], [2, 1])], { value: { t: tensorProto('v', 'int64', [1], [7]) } })).toEqual({ dtype: 'int64', dims: [2, 1], data: [7, 7] });
    expect(y('ConstantOfShape', [i64([1], [2])])).toEqual({ dtype: 'float32', dims: [2], data: [0, 0] });
    expect(y('Range', [i64([], [10]), i64([], [3]), i64([], [-3])])).toEqual({ dtype: 'int64', dims: [3], data: [10, 7, 4] });
  });
});

describe('refusals: one line naming the node and the op', () => {
  const X = { name: 'x', type: 'float32' as const, dims: [2] };
  const one = (node: Partial<NodeSpec>, opset = 17, inputs = [X], initializers = [] as ReturnType<typeof tensorProto>[]) =>
    buildModel({ opset, nodes: [{ op: 'Relu', inputs: ['x'], outputs: ['y'], name: 'mine', ...node }], inputs, outputs: [{ name: 'y' }], initializers });
  const refuse = (bytes: Uint8Array, message: RegExp, feeds: Record<string, { dims: number[]; data: number[] }> = { x: { dims: [2], data: [1, 2] } }) => {
    let error: Error | undefined;
    try {
      runReference(bytes, feeds);
    } catch (err) {
      error = err as Error;
    }
    expect(error?.name).toBe('OnnxError');
    expect(error!.message).toMatch(message);
    expect(error!.message).not.toContain('\n');
  };

  it('an unknown op, attribute, attribute value, domain, or an op newer than the opset', () => {
    refuse(one({ op: 'Swish' }), /^node "mine" \(Swish\): op Swish is not supported by the reference evaluator$/);
    refuse(one({ op: 'Transpose', attrs: { perm: [0], colour: 1 } }), /^node "mine" \(Transpose\): attribute colour is not supported/);
    refuse(one({ op: 'Relu', domain: 'com.microsoft' }), /node "mine" \(Relu\): domain "com.microsoft" is not supported/);
    refuse(one({ op: 'Range', inputs: ['x', 'x', 'x'] }, 10), /node "mine" \(Range\): Range does not exist in opset 10/);
    refuse(one({ op: 'Unnamed', name: '' }), /^node #0 \(Unnamed\)/);
    const rnn = (attrs: Record<string, Attr>) => buildModel({
      nodes: [{ op: 'RNN', name: 'rnn', inputs: ['x', 'w', 'r'], outputs: ['y'], attrs: { hidden_size: 1, ...attrs } }],
      inputs: [{ name: 'x', type: 'float32', dims: [1, 1, 1] }], outputs: [{ name: 'y' }],
      initializers: [tensorProto('w', 'float32', [1, 1, 1], [1]), tensorProto('r', 'float32', [1, 1, 1], [1])],
    });
    const feed = { x: { dims: [1, 1, 1], data: [1] } };
    refuse(rnn({ direction: 'sideways' }), /^node "rnn" \(RNN\): direction "sideways" is not supported by the reference evaluator$/, feed);
    refuse(rnn({ activations: ['Swish'] }), /^node "rnn" \(RNN\): activation "Swish" is not supported/, feed);
    refuse(rnn({ layout: 2 }), /node "rnn" \(RNN\): layout 2 is not supported/, feed);
    refuse(rnn({ activations: ['Tanh', 'Tanh'] }), /node "rnn" \(RNN\): activations lists 2 functions; this node needs 1 per direction × 1/, feed);
  });

  it('opsets outside 7..22', () => {
    refuse(one({}, 6), /opset 6; the reference evaluator reads opsets 7 to 22/);
    refuse(one({}, 23), /opset 23/);
  });

  it('a cycle, naming its nodes; a value nobody provides', () => {
    const cycle = buildModel({
      nodes: [
        { op: 'Add', name: 'a', inputs: ['x', 'q'], outputs: ['p'] },
        { op: 'Relu', name: 'b', inputs: ['p'], outputs: ['q'] },
        { op: 'Relu', name: 'c', inputs: ['q'], outputs: ['y'] },
      ],
      inputs: [X], outputs: [{ name: 'y' }],
    });
    refuse(cycle, /the graph has a cycle: node "(a|b)" \((Add|Relu)\) → node "(a|b)" \((Add|Relu)\) → node "\1" \(\2\)$/);
    refuse(one({ inputs: ['nowhere'] }), /node "mine" \(Relu\) reads "nowhere", which no node, input or initializer provides/);
  });

  it('sizes beyond the limit are refused before allocation', () => {
    const big = buildModel({ nodes: [{ op: 'Relu', name: 'mine', inputs: ['x'], outputs: ['y'] }], inputs: [{ name: 'x', type: 'float32', dims: [2147483648, 4, 4] }], outputs: [{ name: 'y' }] });
    refuse(big, /^input "x" would be \[2147483648, 4, 4\] \(256\.0 GB as float64\); the reference evaluator holds tensors up to 256 MB$/, { x: { dims: [2147483648, 4, 4], data: [] } });
    const expand = one({ op: 'ConstantOfShape', inputs: ['s'] }, 17, [], [tensorProto('s', 'int64', [3], [2147483648, 4, 4])]);
    refuse(expand, /^node "mine" \(ConstantOfShape\): ConstantOfShape output would be \[2147483648, 4, 4\]/, {});
  });

  it('external data: missing file, or no reader', () => {
    const w = { ...tensorProto('w', 'float32', [2], []), floatData: [], dataLocation: 1, externalData: [{ key: 'location', value: 'weights.bin' }] };
    const bytes = one({ op: 'Add', inputs: ['x', 'w'] }, 17, [X], [w]);
    expect(() => loadReference(bytes, { externalData: () => null })).toThrow(/^tensor "w" is stored in the external file "weights.bin", which is missing; put it beside the model$/);
    expect(() => loadReference(bytes)).toThrow(/tensor "w" is stored in the external file "weights.bin", which cannot be read here/);
    const data = new Uint8Array(new Float32Array([10, 20]).buffer);
    expect(Array.from(loadReference(bytes, { externalData: (loc) => (loc === 'weights.bin' ? data : null) }).run({ x: { dims: [2], data: [1, 2] } }).y!.data)).toEqual([11, 22]);
  });

  it('feeds of the wrong type, shape or name', () => {
    const bytes = one({});
    refuse(bytes, /input "x" has dims \[3\], the model declares \[2\]/, { x: { dims: [3], data: [1, 2, 3] } });
    expect(() => runReference(bytes, { x: { dims: [2], data: [1, 2], dtype: 'float64' } })).toThrow(/input "x" is float64, the model declares float32/);
    expect(() => runReference(bytes, { z: { dims: [2], data: [1, 2] } })).toThrow(/the model has no input "z"; its inputs are x/);
  });
});
