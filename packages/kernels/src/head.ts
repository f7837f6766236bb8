import type { Kernels } from './kernels.js';
import { simdHead } from './simd-head.js';

/**
 * A linear head on the last step with an MSE loss: ŷ = last · W_yᵀ + b_y, O outputs per window,
 * MSE over all B·O values. Returns the summed squared error, adds the gradients into dwy and dby
 * and dL/d(last) into dLast; in k's module when it has one.
 */
export function headLoss(k: Kernels, last: Float32Array, y: Float32Array, wy: Float32Array, by: Float32Array, B: number, O: number, H: number, dLast: Float32Array, dwy: Float64Array, dby: Float64Array): number {
  return k.simd ? simdHead(k, last, y, wy, by, B, O, H, dLast, dwy, dby) : jsHead(last, y, wy, by, B, O, H, dLast, dwy, dby);
}

/** The same in JavaScript: a function of its own, small and monomorphic, so that the JIT compiles it well. */
function jsHead(last: Float32Array, y: Float32Array, wy: Float32Array, by: Float32Array, B: number, O: number, H: number, dLast: Float32Array, dwy: Float64Array, dby: Float64Array): number {
  let loss = 0;
  for (let b = 0; b < B; b++) {
    const row = b * H;
    for (let o = 0; o < O; o++) {
      const w = o * H;
      let yb = by[o]!;
      for (let j = 0; j < H; j++) yb += last[row + j]! * wy[w + j]!;
      const err = yb - y[b * O + o]!;
      loss += err * err;
      const dy = (2 * err) / (B * O);
      dby[o]! += dy;
      for (let j = 0; j < H; j++) {
        dwy[w + j]! += dy * last[row + j]!;
        dLast[row + j]! += dy * wy[w + j]!;
      }
    }
  }
  return loss;
}
