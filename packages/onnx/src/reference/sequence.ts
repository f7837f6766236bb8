// The sequence ops that loops use to collect per-step outputs: SequenceEmpty, SequenceConstruct,
// SequenceInsert, SequenceAt, SequenceErase, SequenceLength, ConcatFromSequence, SplitToSequence.
// A sequence is immutable: every op returns a new one.
import { OnnxError } from '../onnx-error.js';
import { dtypeOf } from './from-proto.js';
import type { TensorSequence, ValueContext, ValueOpDef } from './node-context.js';
import { concatTensors, take } from './shape-ops.js';
import { ints, normalizeAxis, scalar, showDims, withDims, type DType, type Tensor } from './tensor.js';

const sequence = (dtype: DType, items: readonly Tensor[]): TensorSequence => ({ kind: 'sequence', dtype, items });
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** A position input (a one-value int tensor) checked against [-n, n - 1] (or [-n, n] for an insert). */
function position(ctx: ValueContext, i: number, n: number, insert: boolean): number | undefined {
  const t = ctx.optional(i);
  if (!t) return undefined;
  if ((t.dtype !== 'int64' && t.dtype !== 'int32') || t.data.length !== 1) throw new OnnxError(`position must be one int64 or int32 value, got ${t.dtype} ${showDims(t.dims)}`);
  const p = t.data[0]!;
  const max = insert ? n : n - 1;
  if (p < -n || p > max) throw new OnnxError(`position ${p} is out of range for a sequence of ${n} tensors`);
  return p < 0 ? p + n : p;
}

function insert(ctx: ValueContext): TensorSequence[] {
  const seq = ctx.sequence(0, 'input_sequence');
  const t = ctx.input(1, 'tensor');
  if (t.dtype !== seq.dtype) throw new OnnxError(`cannot insert a ${t.dtype} tensor into a sequence of ${seq.dtype}`);
  const at = position(ctx, 2, seq.items.length, true) ?? seq.items.length;
  return [sequence(seq.dtype, [...seq.items.slice(0, at), t, ...seq.items.slice(at)])];
}

function erase(ctx: ValueContext): TensorSequence[] {
  const seq = ctx.sequence(0, 'input_sequence');
  if (seq.items.length === 0) throw new OnnxError('cannot erase from an empty sequence');
  const at = position(ctx, 1, seq.items.length, false) ?? seq.items.length - 1;
  return [sequence(seq.dtype, seq.items.filter((_, i) => i !== at))];
}

function at(ctx: ValueContext): Tensor[] {
  const seq = ctx.sequence(0, 'input_sequence');
  const p = position(ctx, 1, seq.items.length, false);
  if (p === undefined) throw new OnnxError('position (input 1) is missing');
  return [seq.items[p]!];
}

function construct(ctx: ValueContext): TensorSequence[] {
  const items = ctx.values.map((_, i) => ctx.input(i, `input ${i}`));
  if (items.length === 0) throw new OnnxError('SequenceConstruct needs at least one tensor');
  ctx.sameType(...items);
  return [sequence(items[0]!.dtype, items)];
}

/** ConcatFromSequence: the tensors joined along axis, or stacked along a new axis when new_axis = 1. */
function concatFromSequence(ctx: ValueContext): Tensor[] {
  const seq = ctx.sequence(0, 'input_sequence');
  const axis = ctx.int('axis');
  if (axis === undefined) throw new OnnxError('ConcatFromSequence needs an axis');
  if (seq.items.length === 0) throw new OnnxError('cannot concatenate an empty sequence (its shape is unknown)');
  if (ctx.int('new_axis', 0) === 0) return [concatTensors(seq.items, axis, 'ConcatFromSequence output')];
  const rank = seq.items[0]!.dims.length;
  const a = normalizeAxis(axis, rank + 1);
  return [concatTensors(seq.items.map((t) => withDims(t, [...t.dims.slice(0, a), 1, ...t.dims.slice(a)])), a, 'ConcatFromSequence output')];
}

/** SplitToSequence: pieces of `split` (one size, or a list of sizes), or size-1 pieces (squeezed unless keepdims). */
function splitToSequence(ctx: ValueContext): TensorSequence[] {
  const x = ctx.input(0, 'input');
  const axis = normalizeAxis(ctx.int('axis', 0), x.dims.length);
  const dim = x.dims[axis]!;
  const given = ctx.optional(1);
  let sizes: number[];
  let squeeze = false;
  if (!given) {
    sizes = range(dim).map(() => 1);
    squeeze = ctx.int('keepdims', 1) === 0;
  } else if (given.dims.length === 0) {
    const part = given.data[0]!;
    if (!(part > 0)) throw new OnnxError(`split must be positive, got ${part}`);
    sizes = range(Math.ceil(dim / part)).map((i) => Math.min(part, dim - i * part));
  } else {
    sizes = ints(given);
    if (sizes.some((s) => s < 0) || sizes.reduce((a, s) => a + s, 0) !== dim) throw new OnnxError(`split sizes [${sizes}] do not cut axis ${axis} of size ${dim}`);
  }
  let start = 0;
  const items = sizes.map((s) => {
    const lists = x.dims.map((d) => range(d));
    lists[axis] = range(s).map((i) => start + i);
    start += s;
    const piece = take(x, lists);
    return squeeze ? withDims(piece, piece.dims.filter((_, i) => i !== axis)) : piece;
  });
  return [sequence(x.dtype, items)];
}

/** The sequence ops, by op type. */
export const sequenceOps: Record<string, ValueOpDef> = {
  SequenceEmpty: { since: 11, attributes: ['dtype'], runValues: (ctx) => [sequence(dtypeOf(ctx.int('dtype', 1), "SequenceEmpty's dtype"), [])] },
  SequenceConstruct: { since: 11, attributes: [], runValues: construct },
  SequenceInsert: { since: 11, attributes: [], runValues: insert },
  SequenceErase: { since: 11, attributes: [], runValues: erase },
  SequenceAt: { since: 11, attributes: [], runValues: at },
  SequenceLength: { since: 11, attributes: [], runValues: (ctx) => [scalar('int64', ctx.sequence(0, 'input_sequence').items.length)] },
  ConcatFromSequence: { since: 11, attributes: ['axis', 'new_axis'], runValues: concatFromSequence },
  SplitToSequence: { since: 11, attributes: ['axis', 'keepdims'], runValues: splitToSequence },
};
