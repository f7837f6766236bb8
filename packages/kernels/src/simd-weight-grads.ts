import { transpose } from './gemm.js';
import { fresh, type Alloc, type Dims, type LayerGrads, type LayerWeights } from './kernel.js';
import { SPLIT_FROM, type Kernels } from './kernels.js';

/** Byte offsets, in the SIMD module's memory, of what the weight gradients are computed from. */
export interface GradOperands {
  /** [x | 1], [T·B, I + 1]: the augmented input of the forward pass. */
  xa: number;
  /** h_{t-1} of every step, [T·B, H]; its first B rows, h_0, are zero. */
  hPrev: number;
  /** dL/d(pre-activations) on the input side, [T·B, G·H]. */
  dXP: number;
  /** The same on the recurrent side; equal to dXP when both sides share one gradient (rnn, lstm). */
  dHP: number;
  /** The first free byte past every array the layer keeps there. */
  end: number;
}

// Rows of the gradient per product: a block of dXP (G·H floats a row) then stays in cache while
// every row block of xaᵀ and h_prevᵀ passes over it (LSTM h32: 128 rows of 512 bytes, 64 KB).
const BLOCK_BYTES = 1 << 16;

/**
 * weightGrads (kernel.ts) in the SIMD module: dW_ihᵀ and the bias gradient as xaᵀ·dXP (its row of
 * ones gives dXP's column sums), dW_hhᵀ as h_prevᵀ·dHP, all read in place through gemm_s's strides
 * (no transposes of the tall operands); only the small [I + 1 | H, G·H] results are transposed in JS.
 */
export function simdWeightGrads(kernels: Kernels, d: Dims, G: number, w: LayerWeights, p: GradOperands, needInputGrad: boolean, alloc: Alloc = fresh): LayerGrads {
  const k = kernels.simd!;
  const { I, H } = d, GH = G * d.H, rows = d.T * d.B, I1 = I + 1, shared = p.dXP === p.dHP;
  const { at, f32 } = kernels.arena([I1 * GH, H * GH, GH, 1, GH * I, rows * I], p.end);
  const [pCi, pCh, pBh, pOne, pW, pDx] = at as [number, number, number, number, number, number];
  f32[pOne / 4] = 1;
  // wide layers (H·G·H ≥ 2¹⁴) take blocks of at least SPLIT_FROM multiply-adds: products a helper thread splits
  const rowsPer = Math.max(4, Math.floor(BLOCK_BYTES / (GH * 4)), H * GH >= 1 << 14 ? Math.ceil(SPLIT_FROM / (H * GH) / 4) * 4 : 0);
  f32.fill(0, pCh / 4, pCh / 4 + H * GH);
  for (let r = 0; r < rows; r += rowsPer) {
    const n = Math.min(rowsPer, rows - r), acc = r > 0 ? 1 : 0, g = r * GH * 4;
    k.gemm_s(I1, GH, n, p.xa + r * I1 * 4, 1, I1, p.dXP + g, GH, pCi, GH, acc);
    const h0 = Math.max(r, d.B); // h_prev's first B rows are h_0 = 0: a quarter of the product at T = 4 skipped
    if (h0 < r + n) k.gemm_s(H, GH, r + n - h0, p.hPrev + h0 * H * 4, 1, H, p.dHP + h0 * GH * 4, GH, pCh, GH, 1);
    if (!shared) k.gemm_s(1, GH, n, pOne, 0, 0, p.dHP + g, GH, pBh, GH, acc); // dHP's column sums
  }
  const dx = alloc('dx', rows * I); // zero unless needed
  if (needInputGrad) {
    f32.set(w.wIh, pW / 4);
    k.gemm(rows, I, GH, p.dXP, pW, pDx, 0);
    dx.set(f32.subarray(pDx / 4, pDx / 4 + rows * I));
  }
  const dWIh = transpose(f32.subarray(pCi / 4, pCi / 4 + I * GH), I, GH);
  const dBIh = f32.slice(pCi / 4 + I * GH, pCi / 4 + I1 * GH);
  const dWHh = transpose(f32.subarray(pCh / 4, pCh / 4 + H * GH), H, GH);
  const dBHh = shared ? dBIh : f32.slice(pBh / 4, pBh / 4 + GH);
  return { dx, dWIh, dWHh, dBIh, dBHh };
}
