import type { Kernels } from './kernels.js';

/**
 * headLoss (head.ts) in the SIMD module: ŷ = last · W_yᵀ + b_y [B, O], MSE over all B·O values;
 * returns the summed squared error, adds the weight gradients into dwy and dby and writes
 * dL/d(last) into dLast. The three products are the module's gemm (dW_y reads dŷ transposed in
 * place); only the B·O errors are formed in JavaScript.
 */
export function simdHead(kernels: Kernels, last: Float32Array, y: Float32Array, wy: Float32Array, by: Float32Array, B: number, O: number, H: number, dLast: Float32Array, dwy: Float64Array, dby: Float64Array): number {
  const k = kernels.simd!;
  const { at, f32 } = kernels.scratch([B * H, O * H, O * H, B * O, B * H, O * H]);
  const [pLast, pWy, pWyT, pDy, pDl, pDw] = at as [number, number, number, number, number, number];
  f32.set(last.subarray(0, B * H), pLast / 4);
  f32.set(wy, pWy / 4);
  for (let o = 0; o < O; o++) for (let j = 0; j < H; j++) f32[pWyT / 4 + j * O + o] = wy[o * H + j]!;
  k.gemm(B, O, H, pLast, pWyT, pDy, 0); // ŷ without the bias, overwritten by dL/dŷ below
  let loss = 0;
  const scale = 2 / (B * O);
  for (let i = 0, d = pDy / 4; i < B * O; i++) {
    const o = i % O;
    const err = f32[d + i]! + by[o]! - y[i]!;
    loss += err * err;
    const dy = scale * err;
    dby[o]! += dy;
    f32[d + i] = dy;
  }
  k.gemm(B, H, O, pDy, pWy, pDl, 0); // dL/d(last) = dŷ · W_y
  k.gemm_s(O, H, B, pDy, 1, O, pLast, H, pDw, H, 0); // dW_y = dŷᵀ · last
  for (let i = 0; i < O * H; i++) dwy[i]! += f32[pDw / 4 + i]!;
  dLast.set(f32.subarray(pDl / 4, pDl / 4 + B * H));
  return loss;
}
