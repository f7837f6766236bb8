// Ops that move, pick or create values without arithmetic: the shape plumbing exporters put
// around recurrent ops (Shape → Gather → Unsqueeze → Concat → Expand, Slice, Squeeze, ...).
// Shapes and indices are int64 tensors.
import { OnnxError } from '../onnx-error.js';
import { unsupported, type NodeContext, type OpDef } from './node-context.js';
import { broadcastShapes, broadcastTo, ints, normalizeAxis, scalar, showDims, sizeOf, strides, tensor, withDims, type Tensor } from './tensor.js';

/** An int64 1-d tensor. */
const int64 = (values: number[]): Tensor => tensor('int64', [values.length], values);

/** A tensor of indices (int32/int64) as numbers. */
function indexValues(t: Tensor, what: string): number[] {
  if (t.dtype !== 'int64' && t.dtype !== 'int32') throw new OnnxError(`${what} must be int64 (or int32), got ${t.dtype}`);
  return ints(t);
}

/** Steps a row-major multi-index over `dims` on by one, the last axis fastest (an odometer). */
function advance(counter: number[], dims: readonly number[]): void {
  for (let a = dims.length - 1; a >= 0; a--) {
    if (++counter[a]! < dims[a]!) break;
    counter[a] = 0;
  }
}

/** out[i0, i1, ...] = t[lists[0][i0], lists[1][i1], ...]: picks rows along every axis. */
export function take(t: Tensor, lists: number[][]): Tensor {
  const dims = lists.map((l) => l.length);
  const out = tensor(t.dtype, dims);
  const st = strides(t.dims);
  const counter = new Array<number>(dims.length).fill(0);
  for (let k = 0; k < out.data.length; k++) {
    let src = 0;
    for (let a = 0; a < dims.length; a++) src += lists[a]![counter[a]!]! * st[a]!;
    out.data[k] = t.data[src]!;
    advance(counter, dims);
  }
  return out;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

/** Constant: value (a tensor) or, from opset 12, value_float(s) / value_int(s). */
function constant(ctx: NodeContext): Tensor[] {
  const t = ctx.tensor('value');
  if (t) return [t];
  if (ctx.attr('value_float')) return [scalar('float32', ctx.float('value_float', 0))];
  if (ctx.attr('value_floats')) return [tensor('float32', [ctx.floats('value_floats')!.length], ctx.floats('value_floats'))];
  if (ctx.attr('value_int')) return [scalar('int64', ctx.int('value_int', 0))];
  if (ctx.attr('value_ints')) return [int64(ctx.ints('value_ints')!)];
  const other = (ctx.node.attribute ?? [])[0]?.name;
  throw other ? unsupported(`Constant's ${other}`) : new OnnxError('Constant has no value');
}

/** Shape: the dims as int64, from opset 15 the slice [start, end). */
function shape(ctx: NodeContext): Tensor[] {
  const dims = [...ctx.input(0, 'data').dims];
  const clampAxis = (a: number) => Math.min(Math.max(a < 0 ? a + dims.length : a, 0), dims.length);
  return [int64(dims.slice(clampAxis(ctx.int('start', 0)), clampAxis(ctx.int('end', dims.length))))];
}

/** Gather: picks entries of `data` along `axis` at `indices` (negative counts from the end). */
function gather(ctx: NodeContext): Tensor[] {
  const data = ctx.input(0, 'data'), indices = ctx.input(1, 'indices');
  const axis = normalizeAxis(ctx.int('axis', 0), data.dims.length);
  const n = data.dims[axis]!;
  const idx = indexValues(indices, 'indices').map((i) => {
    if (i < -n || i >= n) throw new OnnxError(`Gather index ${i} is out of range for axis ${axis} of size ${n}`);
    return i < 0 ? i + n : i;
  });
  const outer = data.dims.slice(0, axis).reduce((a, d) => a * d, 1);
  const inner = data.dims.slice(axis + 1).reduce((a, d) => a * d, 1);
  const dims = [...data.dims.slice(0, axis), ...indices.dims, ...data.dims.slice(axis + 1)];
  const out = tensor(data.dtype, dims, undefined, 'Gather output');
  let k = 0;
  for (let o = 0; o < outer; o++) for (const i of idx) for (let j = 0; j < inner; j++) out.data[k++] = data.data[(o * n + i) * inner + j]!;
  return [out];
}

/** Slice: starts/ends/axes attributes before opset 10; starts, ends, axes, steps inputs from 10. */
function slice(ctx: NodeContext): Tensor[] {
  const data = ctx.input(0, 'data');
  const rank = data.dims.length;
  const fromInputs = ctx.opset >= 10;
  const starts = fromInputs ? indexValues(ctx.input(1, 'starts'), 'starts') : ctx.ints('starts');
  const ends = fromInputs ? indexValues(ctx.input(2, 'ends'), 'ends') : ctx.ints('ends');
  if (!starts || !ends) throw new OnnxError('Slice needs starts and ends');
  const axesT = fromInputs ? ctx.optional(3) : undefined, stepsT = fromInputs ? ctx.optional(4) : undefined;
  const axes = fromInputs ? (axesT ? indexValues(axesT, 'axes') : range(starts.length)) : (ctx.ints('axes') ?? range(starts.length));
  const steps = stepsT ? indexValues(stepsT, 'steps') : starts.map(() => 1);
  if (ends.length !== starts.length || axes.length !== starts.length || steps.length !== starts.length) throw new OnnxError('Slice: starts, ends, axes and steps differ in length');
  const lists = data.dims.map((d) => range(d));
  starts.forEach((s, i) => {
    const axis = normalizeAxis(axes[i]!, rank, 'Slice axis'), dim = data.dims[axis]!, step = steps[i]!;
    if (step === 0) throw new OnnxError('Slice step 0');
    // Negative starts/ends count from the end; then both are clamped into the axis.
    let start = s < 0 ? s + dim : s, end = ends[i]! < 0 ? ends[i]! + dim : ends[i]!;
    start = step > 0 ? Math.min(Math.max(start, 0), dim) : Math.min(Math.max(start, 0), dim - 1);
    end = step > 0 ? Math.min(Math.max(end, 0), dim) : Math.min(Math.max(end, -1), dim - 1);
    const picked: number[] = [];
    for (let j = start; step > 0 ? j < end : j > end; j += step) picked.push(j);
    lists[axis] = picked;
  });
  return [take(data, lists)];
}

/** The axes of Squeeze/Unsqueeze: an attribute before opset 13, an input from 13. */
function axesOf(ctx: NodeContext): number[] | undefined {
  if (ctx.opset < 13) return ctx.ints('axes');
  const t = ctx.optional(1);
  return t ? indexValues(t, 'axes') : undefined;
}

function squeeze(ctx: NodeContext): Tensor[] {
  const x = ctx.input(0, 'data');
  const given = axesOf(ctx);
  const axes = new Set(given ? given.map((a) => normalizeAxis(a, x.dims.length)) : x.dims.flatMap((d, i) => (d === 1 ? [i] : [])));
  for (const a of axes) if (x.dims[a] !== 1) throw new OnnxError(`cannot squeeze axis ${a} of ${showDims(x.dims)}: its size is not 1`);
  return [withDims(x, x.dims.filter((_, i) => !axes.has(i)))];
}

function unsqueeze(ctx: NodeContext): Tensor[] {
  const x = ctx.input(0, 'data');
  const given = axesOf(ctx);
  if (!given) throw new OnnxError('Unsqueeze needs axes');
  const rank = x.dims.length + given.length;
  const axes = new Set(given.map((a) => normalizeAxis(a, rank)));
  if (axes.size !== given.length) throw new OnnxError(`Unsqueeze axes [${given}] repeat an axis`);
  const rest = [...x.dims];
  return [withDims(x, range(rank).map((i) => (axes.has(i) ? 1 : rest.shift()!)))];
}

function concat(ctx: NodeContext): Tensor[] {
  const xs = ctx.inputs.filter((t): t is Tensor => t !== undefined);
  if (xs.length === 0) throw new OnnxError('Concat has no inputs');
  ctx.sameType(...xs);
  const axisAttr = ctx.int('axis');
  if (axisAttr === undefined) throw new OnnxError('Concat needs an axis');
  return [concatTensors(xs, axisAttr, 'Concat output')];
}

/** Tensors of one type joined along `axis` (every other dim equal); Concat and ConcatFromSequence. */
export function concatTensors(xs: readonly Tensor[], axisAttr: number, what: string): Tensor {
  const dtype = xs[0]!.dtype;
  const rank = xs[0]!.dims.length;
  const axis = normalizeAxis(axisAttr, rank);
  for (const x of xs) {
    if (x.dims.length !== rank || x.dims.some((d, i) => i !== axis && d !== xs[0]!.dims[i])) throw new OnnxError(`cannot concatenate ${xs.map((t) => showDims(t.dims)).join(', ')} along axis ${axis}`);
  }
  const dims = [...xs[0]!.dims];
  dims[axis] = xs.reduce((a, x) => a + x.dims[axis]!, 0);
  const out = tensor(dtype, dims, undefined, what);
  const outer = dims.slice(0, axis).reduce((a, d) => a * d, 1);
  let k = 0;
  for (let o = 0; o < outer; o++) {
    for (const x of xs) {
      const block = x.data.length / Math.max(outer, 1);
      if (outer > 0) out.data.set(x.data.subarray(o * block, (o + 1) * block), k);
      k += block;
    }
  }
  return out;
}

/**
 * Pad: pads (begin values for every padded axis, then end values) from the attribute before opset 11,
 * else from input 1; from opset 18 input 3 names the padded axes. Negative pads crop first, then
 * constant / edge / reflect / wrap (opset 19) fill the rest, as ONNX's reference does.
 */
function pad(ctx: NodeContext): Tensor[] {
  const x = ctx.input(0, 'data');
  const rank = x.dims.length;
  const mode = ctx.string('mode', 'constant');
  if (!['constant', 'edge', 'reflect', ...(ctx.opset >= 19 ? ['wrap'] : [])].includes(mode)) throw unsupported(`Pad mode "${mode}" in opset ${ctx.opset}`);
  const given = ctx.opset < 11 ? ctx.ints('pads') : ctx.optional(1) ? indexValues(ctx.optional(1)!, 'pads') : undefined;
  if (!given) throw new OnnxError('Pad needs pads');
  const axesInput = ctx.opset >= 18 ? ctx.optional(3) : undefined;
  const axes = axesInput ? indexValues(axesInput, 'axes').map((a) => normalizeAxis(a, rank)) : range(rank);
  if (new Set(axes).size !== axes.length) throw new OnnxError(`Pad's axes [${axes}] repeat an axis`);
  if (given.length !== 2 * axes.length) throw new OnnxError(`pads has ${given.length} values, ${2 * axes.length} are needed (begin and end for ${axes.length} axes)`);
  const begin = new Array<number>(rank).fill(0), end = new Array<number>(rank).fill(0);
  axes.forEach((a, i) => {
    begin[a] = given[i]!;
    end[a] = given[i + axes.length]!;
  });
  const valueInput = ctx.opset >= 11 ? ctx.optional(2) : undefined;
  if (valueInput && valueInput.data.length !== 1) throw new OnnxError(`constant_value must hold one value, got ${showDims(valueInput.dims)}`);
  const value = ctx.opset < 11 ? ctx.float('value', 0) : valueInput ? valueInput.data[0]! : 0;
  // Crop the negative pads first.
  const lists = x.dims.map((d, a) => {
    const lo = Math.max(0, -begin[a]!), hi = d - Math.max(0, -end[a]!);
    if (hi < lo) throw new OnnxError(`pads [${given}] crop axis ${a} of size ${d} below zero`);
    return range(hi - lo).map((i) => lo + i);
  });
  const cropped = take(x, lists);
  const front = begin.map((b) => Math.max(0, b));
  const dims = cropped.dims.map((d, a) => d + front[a]! + Math.max(0, end[a]!));
  const out = tensor(x.dtype, dims, undefined, 'Pad output');
  if (mode !== 'constant' && cropped.data.length === 0 && out.data.length > 0) throw new OnnxError(`Pad mode "${mode}" cannot pad an empty axis`);
  const src = strides(cropped.dims), counter = new Array<number>(rank).fill(0);
  for (let k = 0; k < out.data.length; k++) {
    let offset = 0, outside = false;
    for (let a = 0; a < rank; a++) {
      const d = cropped.dims[a]!;
      let i = counter[a]! - front[a]!;
      if (i < 0 || i >= d) {
        if (mode === 'constant') outside = true;
        else if (mode === 'edge') i = Math.min(Math.max(i, 0), d - 1);
        else if (mode === 'wrap') i = ((i % d) + d) % d;
        else if (d === 1) i = 0;
        else {
          const period = 2 * (d - 1);
          i = ((i % period) + period) % period;
          if (i >= d) i = period - i;
        }
      }
      offset += i * src[a]!;
    }
    out.data[k] = outside ? value : cropped.data[offset]!;
    advance(counter, dims);
  }
  return [out];
}

/** Split: sizes from the `split` attribute (< 13) or input (≥ 13), else equal parts (num_outputs from 18). */
function split(ctx: NodeContext): Tensor[] {
  const x = ctx.input(0, 'input');
  const axis = normalizeAxis(ctx.int('axis', 0), x.dims.length);
  const dim = x.dims[axis]!;
  let sizes = ctx.opset < 13 ? ctx.ints('split') : ctx.optional(1) ? indexValues(ctx.optional(1)!, 'split') : undefined;
  const n = ctx.int('num_outputs', ctx.outputCount);
  if (!sizes) {
    const part = ctx.attr('num_outputs') ? Math.ceil(dim / n) : dim / n;
    if (!Number.isInteger(part)) throw new OnnxError(`cannot split ${dim} into ${n} equal parts`);
    sizes = range(n).map((i) => Math.max(0, Math.min(part, dim - i * part)));
  }
  if (sizes.reduce((a, s) => a + s, 0) !== dim || sizes.length !== ctx.outputCount) throw new OnnxError(`split sizes [${sizes}] do not cut axis ${axis} of size ${dim} into ${ctx.outputCount} outputs`);
  let start = 0;
  return sizes.map((s) => {
    const lists = x.dims.map((d) => range(d));
    lists[axis] = range(s).map((i) => start + i);
    start += s;
    return take(x, lists);
  });
}

/** Reshape: 0 copies the input's dim (unless allowzero), -1 is inferred. */
function reshape(ctx: NodeContext): Tensor[] {
  const x = ctx.input(0, 'data');
  const requested = indexValues(ctx.input(1, 'shape'), 'shape');
  const allowZero = ctx.int('allowzero', 0) !== 0;
  const dims = requested.map((d, i) => (d === 0 && !allowZero ? x.dims[i] ?? NaN : d));
  const known = dims.reduce((a, d) => (d === -1 ? a : a * d), 1);
  const unknown = dims.filter((d) => d === -1).length;
  if (unknown > 1 || dims.some((d) => Number.isNaN(d) || d < -1)) throw new OnnxError(`invalid shape [${requested}] for ${showDims(x.dims)}`);
  if (unknown) dims[dims.indexOf(-1)] = known === 0 ? 0 : x.data.length / known;
  if (sizeOf(dims) !== x.data.length) throw new OnnxError(`cannot reshape ${showDims(x.dims)} (${x.data.length} values) to [${requested}]`);
  return [withDims(x, dims)];
}

function flatten(ctx: NodeContext): Tensor[] {
  const x = ctx.input(0, 'input');
  const axis = ctx.int('axis', 1);
  const a = axis < 0 ? axis + x.dims.length : axis;
  if (a < 0 || a > x.dims.length) throw new OnnxError(`Flatten axis ${axis} is out of range for rank ${x.dims.length}`);
  const prod = (ds: readonly number[]) => ds.reduce((p, d) => p * d, 1);
  return [withDims(x, [prod(x.dims.slice(0, a)), prod(x.dims.slice(a))])];
}

/** Transpose: out dim i is input dim perm[i] (default: reversed). */
function transpose(ctx: NodeContext): Tensor[] {
  const x = ctx.input(0, 'data');
  const rank = x.dims.length;
  const perm = ctx.ints('perm') ?? range(rank).reverse();
  if (perm.length !== rank || new Set(perm).size !== rank || perm.some((p) => p < 0 || p >= rank)) throw new OnnxError(`perm [${perm}] is not a permutation of ${rank} axes`);
  const dims = perm.map((p) => x.dims[p]!);
  const st = strides(x.dims);
  const out = tensor(x.dtype, dims);
  const counter = new Array<number>(rank).fill(0);
  for (let k = 0; k < out.data.length; k++) {
    let src = 0;
    for (let a = 0; a < rank; a++) src += counter[a]! * st[perm[a]!]!;
    out.data[k] = x.data[src]!;
    advance(counter, dims);
  }
  return [out];
}

function expand(ctx: NodeContext): Tensor[] {
  const x = ctx.input(0, 'input');
  const target = indexValues(ctx.input(1, 'shape'), 'shape');
  sizeOf(target.map((d) => Math.max(d, 0)), 'Expand shape');
  return [broadcastTo(x, broadcastShapes(x.dims, target))];
}

function constantOfShape(ctx: NodeContext): Tensor[] {
  const dims = indexValues(ctx.input(0, 'input'), 'shape');
  const value = ctx.tensor('value') ?? scalar('float32', 0);
  if (value.data.length !== 1) throw new OnnxError('ConstantOfShape value must hold one element');
  const out = tensor(value.dtype, dims, undefined, 'ConstantOfShape output');
  out.data.fill(value.data[0]!);
  return [out];
}

/** Range: start, start + delta, ... up to (excluding) limit. */
function rangeOp(ctx: NodeContext): Tensor[] {
  const [start, limit, delta] = [0, 1, 2].map((i) => ctx.input(i, ['start', 'limit', 'delta'][i]));
  const dtype = ctx.sameType(start, limit, delta);
  if ([start, limit, delta].some((t) => t!.data.length !== 1)) throw new OnnxError('Range inputs must be scalars');
  const [s, l, d] = [start!.data[0]!, limit!.data[0]!, delta!.data[0]!];
  if (d === 0) throw new OnnxError('Range delta 0');
  const n = Math.max(Math.ceil((l - s) / d), 0);
  return [tensor(dtype, [n], Array.from({ length: sizeOf([n], 'Range output') }, (_, i) => s + i * d))];
}

/** Shape ops by name. */
export const shapeOps: Record<string, OpDef> = {
  Constant: { attributes: ['value', 'value_float', 'value_floats', 'value_int', 'value_ints', 'sparse_value', 'value_string', 'value_strings'], run: constant },
  Identity: { attributes: [], run: (ctx) => [ctx.input(0, 'input')] },
  Shape: { attributes: ['start', 'end'], run: shape },
  Size: { attributes: [], run: (ctx) => [scalar('int64', ctx.input(0, 'data').data.length)] },
  Gather: { attributes: ['axis'], run: gather },
  Slice: { attributes: ['starts', 'ends', 'axes'], run: slice },
  Squeeze: { attributes: ['axes'], run: squeeze },
  Unsqueeze: { attributes: ['axes'], run: unsqueeze },
  Concat: { attributes: ['axis'], run: concat },
  Pad: { attributes: ['mode', 'pads', 'value'], run: pad },
  Split: { attributes: ['axis', 'split', 'num_outputs'], run: split },
  Reshape: { attributes: ['allowzero'], run: reshape },
  Flatten: { attributes: ['axis'], run: flatten },
  Transpose: { attributes: ['perm'], run: transpose },
  Expand: { since: 8, attributes: [], run: expand },
  ConstantOfShape: { since: 9, attributes: ['value'], run: constantOfShape },
  Range: { since: 11, attributes: [], run: rangeOp },
};
