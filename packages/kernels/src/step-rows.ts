import type { Dims, LayerWeights } from './kernel.js';
import type { GradBlocks } from './grad-blocks.js';
import type { GradOperands } from './simd-weight-grads.js';

// The rows each step's one product reads: Z_t = [h_{t-1} | x_t | 1], [B, H + I + 1], against the
// stacked weights [W_hhᵀ; W_ihᵀ; b] [H + I + 1, G·H]. Z_t times them is h_{t-1} W_hhᵀ + x_t W_ihᵀ + b,
// the gates' pre-activations, in one product (no separate input projection written and read back),
// and dGᵀ·Z over all steps is [dW_hh | dW_ih | db] (no transposes; the x columns of the weight
// gradients join the h columns' product instead of a product five rows tall of their own). The
// GRU's n gate keeps x W_inᵀ + b_in apart (r multiplies only h W_hnᵀ + b_hn): its columns of W_ihᵀ
// are zero here, and its input side is a product of its own (inputFrom).

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

/**
 * [W_hhᵀ; W_ihᵀ; b] [H + I + 1, G·H] into `out` at float offset o, b the sum of the given biases
 * (each as long as the columns it adds to); W_ihᵀ's columns from `inputFrom` on stay zero.
 */
export function stackedWeights(out: Float32Array, o: number, d: Dims, G: number, w: LayerWeights, biases: (Float32Array | null)[], inputFrom = G * d.H): void {
  const GH = G * d.H, { I, H } = d;
  transposeInto(w.wHh, GH, H, out, o, GH);
  transposeInto(w.wIh, inputFrom, I, out, o + H * GH, GH);
  for (let i = 0; i < I; i++) out.fill(0, o + (H + i) * GH + inputFrom, o + (H + i + 1) * GH);
  const bias = new Float64Array(GH);
  for (const b of biases) if (b) for (let j = 0; j < b.length; j++) bias[j]! += b[j]!;
  out.set(bias, o + (H + I) * GH);
}

/**
 * [W_ihᵀ; b_ih] [I + 1, G·H − from] for the columns from `from` on into `out` at float offset o:
 * the weights of the input side that stackedWeights left out (the GRU's x W_inᵀ + b_in).
 */
export function inputWeights(out: Float32Array, o: number, d: Dims, w: LayerWeights, G: number, from: number): void {
  const n = G * d.H - from;
  transposeInto(w.wIh.subarray(from * d.I), n, d.I, out, o, n);
  if (w.bIh) out.set(w.bIh.subarray(from), o + d.I * n);
  else out.fill(0, o + d.I * n, o + (d.I + 1) * n);
}

// the first `rows` rows of a [·, cols] matrix, transposed into out's rows `ld` floats apart, in
// blocks of 8 rows (a cache line of each column written at a time; V8 keeps the loop in registers)
function transposeInto(a: Float32Array, rows: number, cols: number, out: Float32Array, o: number, ld: number): void {
  for (let i0 = 0; i0 < rows; i0 += 8) {
    const i1 = Math.min(rows, i0 + 8);
    for (let j = 0; j < cols; j++) for (let i = i0, p = o + j * ld + i0; i < i1; i++, p++) out[p] = a[i * cols + j]!;
  }
}

/** The weight gradients' operands (simd-weight-grads.ts) of a layer whose step rows start at z. */
export function stepRowGrads(z: number, blocks: GradBlocks, dXP: number, dHP = dXP, inputFrom?: number): Omit<GradOperands, 'end'> {
  return { dXP, dHP, rows: z, inputFrom, blocks };
}
