import { transpose } from './gemm.js';
import type { Dims, LayerWeights } from './kernel.js';

// The rows each step's one product reads, for the cells whose input and recurrent sides share
// their gradient (rnn, lstm): Z_t = [h_{t-1} | x_t | 1], [B, H + I + 1], against the stacked
// weights [W_hhᵀ; W_ihᵀ; b] [H + I + 1, G·H]. Z_t times them is h_{t-1} W_hhᵀ + x_t W_ihᵀ + b, the
// gates' pre-activations, in one product (no separate input projection written and read back),
// and dGᵀ·Z over all steps is [dW_hh | dW_ih | db] (no transposes; the x columns of the weight
// gradients join the h columns' product instead of a product five rows tall of their own).

/** Floats in a step row: H + I + 1. */
export const rowWidth = (d: Dims): number => d.H + d.I + 1;

/**
 * Every step's x and 1 columns, and step 0's h columns (h_{-1} = 0), from x [T·B, I], into the T
 * blocks of rows at float offset z of f32; each step's product writes the next block's h columns.
 */
export function fillStepRows(f32: Float32Array, z: number, d: Dims, x: Float32Array): void {
  const { I, H } = d, W = rowWidth(d), rows = d.T * d.B;
  f32.fill(0, z, z + d.B * W);
  for (let r = 0, o = 0, p = z + H; r < rows; r++, o += I, p += W) {
    for (let i = 0; i < I; i++) f32[p + i] = x[o + i]!;
    f32[p + I] = 1;
  }
}

/** [W_hhᵀ; W_ihᵀ; b] [H + I + 1, G·H], b the sum of the given biases. */
export function stackedWeights(d: Dims, G: number, w: LayerWeights, biases: (Float32Array | null)[]): Float32Array {
  const GH = G * d.H, { I, H } = d;
  const out = new Float32Array(rowWidth(d) * GH);
  transpose(w.wHh, GH, H, out);
  transpose(w.wIh, GH, I, out.subarray(H * GH));
  const bias = new Float64Array(GH);
  for (const b of biases) if (b) for (let j = 0; j < GH; j++) bias[j]! += b[j]!;
  out.set(bias, (H + I) * GH);
  return out;
}

/** The weight gradients' operands (simd-weight-grads.ts) of a layer whose step rows start at z and whose one gradient is dP. */
export function stepRowGrads(d: Dims, z: number, dP: number) {
  const W = rowWidth(d);
  return { dXP: dP, dHP: dP, hRows: z + d.B * W * 4, width: W, xRows: z + d.H * 4, xStride: W, xSteps: 1 };
}
