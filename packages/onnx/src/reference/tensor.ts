// The reference evaluator's tensor: a dtype tag, a shape and float64 values, row-major.
// Every value is held as a float64, whatever the dtype says: float32 models are evaluated in
// float64, and int64 shapes and indices are exact up to 2^53. Plus numpy broadcasting.
import { MAX_TENSOR_BYTES } from '../limits.js';
import { OnnxError } from '../onnx-error.js';

/** The element types the reference evaluator knows. */
export type DType = 'float16' | 'float32' | 'float64' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'bool';

/** A tensor of the reference evaluator: float64 values whatever the dtype, row-major. */
export interface Tensor {
  /** The ONNX element type the values stand for. */
  readonly dtype: DType;
  /** The shape; [] for a scalar. */
  readonly dims: readonly number[];
  /** The values, row-major, as float64 (bool as 0/1). */
  readonly data: Float64Array;
}

/** True for float16, float32 and float64. */
export function isFloat(dtype: DType): boolean {
  return dtype.startsWith('float');
}

/** `[2, 3]` as text. */
export function showDims(dims: readonly number[]): string {
  return `[${dims.join(', ')}]`;
}

/**
 * The number of values of a shape, checked before anything is allocated: every dim a
 * non-negative safe integer, and the float64 buffer within MAX_TENSOR_BYTES.
 */
export function sizeOf(dims: readonly number[], what = 'a tensor'): number {
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0)) throw new OnnxError(`${what} has invalid dims ${showDims(dims)}`);
  const size = dims.reduce((a, d) => a * d, 1);
  if (size * 8 > MAX_TENSOR_BYTES) {
    const gb = (size * 8) / 2 ** 30;
    throw new OnnxError(`${what} would be ${showDims(dims)} (${gb >= 0.1 ? `${gb.toFixed(1)} GB` : `${((size * 8) / 2 ** 20).toFixed(0)} MB`} as float64); the reference evaluator holds tensors up to ${MAX_TENSOR_BYTES / 2 ** 20} MB`);
  }
  return size;
}

/** A new tensor; `data` is copied, zeros without it. The size is checked first. */
export function tensor(dtype: DType, dims: readonly number[], data?: ArrayLike<number>, what?: string): Tensor {
  const size = sizeOf(dims, what);
  if (data && data.length !== size) throw new OnnxError(`${what ?? 'a tensor'}: ${data.length} values do not fill ${showDims(dims)}`);
  return { dtype, dims: [...dims], data: data ? Float64Array.from(data) : new Float64Array(size) };
}

/** A 0-d tensor. */
export function scalar(dtype: DType, value: number): Tensor {
  return { dtype, dims: [], data: Float64Array.of(value) };
}

/** The same values with another shape (no copy). */
export function withDims(t: Tensor, dims: readonly number[]): Tensor {
  return { dtype: t.dtype, dims: [...dims], data: t.data };
}

/** Row-major strides: strides([2, 3, 4]) = [12, 4, 1]. */
export function strides(dims: readonly number[]): number[] {
  const s = new Array<number>(dims.length);
  let acc = 1;
  for (let i = dims.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= dims[i]!;
  }
  return s;
}

/** A possibly negative axis in [-rank, rank) as an index in [0, rank). */
export function normalizeAxis(axis: number, rank: number, what = 'axis'): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= Math.max(rank, 1)) throw new OnnxError(`${what} ${axis} is out of range for rank ${rank}`);
  return axis < 0 ? axis + rank : axis;
}

/**
 * Numpy broadcasting of several shapes: align on the right; each dim pair must be equal or
 * one of them 1. broadcastShapes([3, 1], [4]) = [3, 4].
 */
export function broadcastShapes(...shapes: (readonly number[])[]): number[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const o = rank - s.length + i, d = s[i]!;
      if (d === out[o] || d === 1) continue;
      if (out[o] !== 1) throw new OnnxError(`shapes ${shapes.map(showDims).join(' and ')} do not broadcast`);
      out[o] = d;
    }
  }
  return out;
}

/**
 * For each flat index of `outDims`, the flat index of the broadcast source of shape `inDims`
 * (its size-1 dims repeat): the one piece of broadcasting every elementwise op uses.
 */
export function broadcastIndex(inDims: readonly number[], outDims: readonly number[]): Int32Array | null {
  if (inDims.length === outDims.length && inDims.every((d, i) => d === outDims[i])) return null; // identity
  const size = sizeOf(outDims);
  const rank = outDims.length;
  const inStrides = strides(inDims);
  // Stride of each output axis in the source: 0 where the source repeats.
  const step = outDims.map((_, o) => {
    const i = o - (rank - inDims.length);
    return i < 0 || inDims[i] === 1 ? 0 : inStrides[i]!;
  });
  const index = new Int32Array(size);
  const counter = new Array<number>(rank).fill(0);
  let src = 0;
  for (let k = 0; k < size; k++) {
    index[k] = src;
    for (let a = rank - 1; a >= 0; a--) {
      counter[a]!++;
      src += step[a]!;
      if (counter[a]! < outDims[a]!) break;
      src -= step[a]! * counter[a]!;
      counter[a] = 0;
    }
  }
  return index;
}

/** Elementwise `f(a, b)` with numpy broadcasting; the result has dtype `dtype`. */
export function zip(a: Tensor, b: Tensor, dtype: DType, f: (x: number, y: number) => number): Tensor {
  const dims = broadcastShapes(a.dims, b.dims);
  const out = tensor(dtype, dims);
  const ia = broadcastIndex(a.dims, dims), ib = broadcastIndex(b.dims, dims);
  for (let k = 0; k < out.data.length; k++) out.data[k] = f(a.data[ia ? ia[k]! : k]!, b.data[ib ? ib[k]! : k]!);
  return out;
}

/** `t` broadcast to `dims` (a copy). */
export function broadcastTo(t: Tensor, dims: readonly number[]): Tensor {
  const target = broadcastShapes(t.dims, dims);
  if (target.length !== dims.length || target.some((d, i) => d !== dims[i])) throw new OnnxError(`${showDims(t.dims)} does not broadcast to ${showDims(dims)}`);
  const out = tensor(t.dtype, dims);
  const index = broadcastIndex(t.dims, dims);
  for (let k = 0; k < out.data.length; k++) out.data[k] = t.data[index ? index[k]! : k]!;
  return out;
}

/** The values as plain JS numbers (for shapes, axes, indices). */
export function ints(t: Tensor): number[] {
  return Array.from(t.data);
}
