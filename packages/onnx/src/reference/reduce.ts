// Reductions over axes: ReduceMean, ReduceSum, ReduceMax, ReduceMin, Softmax and LogSoftmax.
import { OnnxError } from '../onnx-error.js';
import type { NodeContext, OpDef } from './node-context.js';
import { broadcastIndex, ints, normalizeAxis, tensor, type Tensor } from './tensor.js';

type Reducer = { start: number; step: (acc: number, x: number) => number; finish: (acc: number, n: number) => number };

const REDUCERS: Record<string, Reducer> = {
  ReduceSum: { start: 0, step: (a, x) => a + x, finish: (a) => a },
  ReduceMean: { start: 0, step: (a, x) => a + x, finish: (a, n) => a / n },
  ReduceMax: { start: -Infinity, step: (a, x) => (x > a || Number.isNaN(x) ? x : a), finish: (a) => a },
  ReduceMin: { start: Infinity, step: (a, x) => (x < a || Number.isNaN(x) ? x : a), finish: (a) => a },
};

/** The opset from which `axes` is an input instead of an attribute. */
const AXES_INPUT_SINCE: Record<string, number> = { ReduceSum: 13, ReduceMean: 18, ReduceMax: 18, ReduceMin: 18 };

function reduce(op: string, ctx: NodeContext): Tensor[] {
  const x = ctx.input(0, 'data');
  const axesInput = ctx.opset >= AXES_INPUT_SINCE[op]!;
  const given = axesInput ? (ctx.optional(1) ? ints(ctx.optional(1)!) : undefined) : ctx.ints('axes');
  const keepdims = ctx.int('keepdims', 1) !== 0;
  if ((given ?? []).length === 0 && ctx.int('noop_with_empty_axes', 0) !== 0) return [x];
  const axes = new Set((given && given.length ? given : x.dims.map((_, i) => i)).map((a) => normalizeAxis(a, x.dims.length)));
  const reducer = REDUCERS[op]!;
  // The result with keepdims: reduced axes become 1; every input value maps onto it by broadcasting.
  const kept = x.dims.map((d, i) => (axes.has(i) ? 1 : d));
  const out = tensor(x.dtype, kept);
  out.data.fill(reducer.start);
  const target = broadcastIndex(kept, x.dims);
  for (let k = 0; k < x.data.length; k++) {
    const o = target ? target[k]! : k;
    out.data[o] = reducer.step(out.data[o]!, x.data[k]!);
  }
  const n = x.dims.reduce((a, d, i) => (axes.has(i) ? a * d : a), 1);
  if (n === 0 && op !== 'ReduceSum') throw new OnnxError(`${op} over an empty axis`);
  for (let o = 0; o < out.data.length; o++) out.data[o] = reducer.finish(out.data[o]!, n);
  return [{ dtype: x.dtype, dims: keepdims ? kept : x.dims.filter((_, i) => !axes.has(i)), data: out.data }];
}

/**
 * Softmax / LogSoftmax over `axis`: from opset 13 the one axis (default -1); before 13 the input
 * is seen as 2-d, [dims before axis] × [dims from axis on] (default axis 1).
 */
function softmax(ctx: NodeContext, log: boolean): Tensor[] {
  const x = ctx.floatInput(0, 'input');
  const rank = x.dims.length;
  const axis = normalizeAxis(ctx.int('axis', ctx.opset >= 13 ? -1 : 1), rank);
  const outer = x.dims.slice(0, axis).reduce((a, d) => a * d, 1);
  const n = ctx.opset >= 13 ? x.dims[axis]! : x.dims.slice(axis).reduce((a, d) => a * d, 1);
  const inner = ctx.opset >= 13 ? x.dims.slice(axis + 1).reduce((a, d) => a * d, 1) : 1;
  const y = tensor(x.dtype, x.dims);
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const at = (j: number) => (o * n + j) * inner + i;
      let max = -Infinity;
      for (let j = 0; j < n; j++) max = Math.max(max, x.data[at(j)]!);
      let sum = 0;
      for (let j = 0; j < n; j++) sum += Math.exp(x.data[at(j)]! - max);
      // softmax(x)_j = exp(x_j - max) / Σ exp(x - max); log-softmax = x_j - max - log Σ exp(x - max)
      for (let j = 0; j < n; j++) y.data[at(j)] = log ? x.data[at(j)]! - max - Math.log(sum) : Math.exp(x.data[at(j)]! - max) / sum;
    }
  }
  return [y];
}

const REDUCE_ATTRIBUTES = ['axes', 'keepdims', 'noop_with_empty_axes'];

/** Reductions and softmax. */
export const reduceOps: Record<string, OpDef> = {
  ...Object.fromEntries(Object.keys(REDUCERS).map((op) => [op, { attributes: REDUCE_ATTRIBUTES, run: (ctx: NodeContext) => reduce(op, ctx) }])),
  Softmax: { attributes: ['axis'], run: (ctx) => softmax(ctx, false) },
  LogSoftmax: { attributes: ['axis'], run: (ctx) => softmax(ctx, true) },
};
