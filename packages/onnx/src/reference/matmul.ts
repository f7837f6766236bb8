// Matrix products: MatMul (numpy matmul, batch dims broadcast) and Gemm.
import { OnnxError } from '../onnx-error.js';
import type { NodeContext, OpDef } from './node-context.js';
import { broadcastIndex, broadcastShapes, broadcastTo, showDims, sizeOf, tensor, type Tensor } from './tensor.js';

/** out[m, n] = Σ_k a[m, k] · b[k, n] for one [M, K] × [K, N] block at the given offsets. */
function matmulBlock(a: Float64Array, aOff: number, b: Float64Array, bOff: number, out: Float64Array, oOff: number, M: number, K: number, N: number): void {
  for (let m = 0; m < M; m++) {
    for (let n = 0; n < N; n++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += a[aOff + m * K + k]! * b[bOff + k * N + n]!;
      out[oOff + m * N + n] = s;
    }
  }
}

/** numpy.matmul: a 1-d A is a row, a 1-d B a column (the added dim is dropped again). */
function matmul(ctx: NodeContext): Tensor[] {
  const A = ctx.input(0, 'A'), B = ctx.input(1, 'B');
  const dtype = ctx.sameType(A, B);
  if (A.dims.length === 0 || B.dims.length === 0) throw new OnnxError('MatMul inputs must have rank ≥ 1');
  const aDims = A.dims.length === 1 ? [1, A.dims[0]!] : [...A.dims];
  const bDims = B.dims.length === 1 ? [B.dims[0]!, 1] : [...B.dims];
  const [M, K] = aDims.slice(-2) as [number, number];
  const [K2, N] = bDims.slice(-2) as [number, number];
  if (K !== K2) throw new OnnxError(`MatMul of ${showDims(A.dims)} and ${showDims(B.dims)}: inner dims ${K} and ${K2} differ`);
  const batch = broadcastShapes(aDims.slice(0, -2), bDims.slice(0, -2));
  const outDims = [...batch, M, N];
  const out = tensor(dtype, outDims, undefined, 'MatMul output');
  const ia = broadcastIndex(aDims.slice(0, -2), batch), ib = broadcastIndex(bDims.slice(0, -2), batch);
  const count = sizeOf(batch);
  for (let i = 0; i < count; i++) matmulBlock(A.data, (ia ? ia[i]! : i) * M * K, B.data, (ib ? ib[i]! : i) * K * N, out.data, i * M * N, M, K, N);
  const dims = [...batch, ...(A.dims.length === 1 ? [] : [M]), ...(B.dims.length === 1 ? [] : [N])];
  return [{ dtype, dims, data: out.data }];
}

/** A 2-d matrix, transposed when asked. */
function matrix(t: Tensor, transpose: boolean, name: string): Tensor {
  if (t.dims.length !== 2) throw new OnnxError(`Gemm's ${name} must be 2-d, got ${showDims(t.dims)}`);
  if (!transpose) return t;
  const [r, c] = t.dims as [number, number];
  const out = tensor(t.dtype, [c, r]);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out.data[j * r + i] = t.data[i * c + j]!;
  return out;
}

/** Gemm: Y = alpha · A' · B' + beta · C, with A' = transA ? Aᵀ : A, C broadcast to [M, N]. */
function gemm(ctx: NodeContext): Tensor[] {
  const A = matrix(ctx.input(0, 'A'), ctx.int('transA', 0) !== 0, 'A');
  const B = matrix(ctx.input(1, 'B'), ctx.int('transB', 0) !== 0, 'B');
  const C = ctx.opset < 11 ? ctx.input(2, 'C') : ctx.optional(2);
  const dtype = ctx.sameType(A, B, C);
  const alpha = ctx.float('alpha', 1), beta = ctx.float('beta', 1);
  const [M, K] = A.dims as [number, number], [K2, N] = B.dims as [number, number];
  if (K !== K2) throw new OnnxError(`Gemm of ${showDims(A.dims)} and ${showDims(B.dims)} (after transA/transB): inner dims ${K} and ${K2} differ`);
  const Y = tensor(dtype, [M, N], undefined, 'Gemm output');
  matmulBlock(A.data, 0, B.data, 0, Y.data, 0, M, K, N);
  const bias = C ? broadcastTo(C, [M, N]).data : new Float64Array(M * N);
  for (let i = 0; i < Y.data.length; i++) Y.data[i] = alpha * Y.data[i]! + beta * bias[i]!;
  return [Y];
}

/** MatMul and Gemm. */
export const matmulOps: Record<string, OpDef> = {
  MatMul: { attributes: [], run: matmul },
  Gemm: { attributes: ['alpha', 'beta', 'transA', 'transB'], run: gemm },
};
