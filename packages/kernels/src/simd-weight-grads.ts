import { fresh, type Alloc, type Dims, type LayerGrads, type LayerWeights } from './kernel.js';
import type { Kernels } from './kernels.js';

/** Byte offsets, in the SIMD module's memory, of what the weight gradients are computed from. */
export interface GradOperands {
  /** dL/d(pre-activations) on the input side, [T·B, G·H]. */
  dXP: number;
  /** The same on the recurrent side; equal to dXP when both sides share one gradient (rnn, lstm). */
  dHP: number;
  /**
   * The rows the recurrent side's products read from step 1 on ([(T − 1)·B, width]): h_{t-1}
   * alone (width H), or the step rows [h_{t-1} | x_t | 1] (width H + I + 1, see step-rows.ts), whose
   * x and 1 columns then give those steps' input-side gradients in the same product.
   */
  hRows: number;
  /** H or H + I + 1. */
  width: number;
  /** [x_t | 1] rows, `xStride` floats apart, from step 0, for the input-side steps hRows leaves out. */
  xRows: number;
  xStride: number;
  /** Those steps: 1 with the step rows (step 0, whose h_{-1} = 0 has no row), else T. */
  xSteps: number;
  /** The first free byte past every array the layer keeps there. */
  end: number;
}

// Packed A (G·H rows by a block of K) of at most 2¹⁸ floats: 1 MB, which stays in cache and
// leaves a helper thread room for its half of the panels.
const PANEL_FLOATS = 1 << 18;

/**
 * The weight gradients in the SIMD module, each product read in place through gemm_s's strides:
 * [dW_hh | (dW_ih | db)] as dHPᵀ·hRows over steps 1..T−1 ([G·H, width], PyTorch's layout, no
 * transposes), the input side's remaining steps as [xRows]ᵀ·dXP ([I + 1, G·H], short), and for
 * cells with two gradients db_hh as dHP's column sums.
 */
export function simdWeightGrads(kernels: Kernels, d: Dims, G: number, w: LayerWeights, p: GradOperands, needInputGrad: boolean, alloc: Alloc = fresh): LayerGrads {
  const k = kernels.simd!;
  const { I, H, B } = d, GH = G * H, rows = d.T * B, I1 = I + 1, shared = p.dXP === p.dHP, W = p.width;
  const { at, f32 } = kernels.arena([GH * W, I1 * GH, GH, 1, GH * I, rows * I], p.end);
  const [pC, pCx, pBh, pOne, pW, pDx] = at as [number, number, number, number, number, number];
  f32[pOne / 4] = 1;
  // dHPᵀ (sam 1, sak G·H) times the rows of steps 1.., in blocks of K whose panels fit PANEL_FLOATS
  // (the last block takes the remainder: no product a few rows long)
  const hRowCount = rows - B, per = Math.max(16, Math.floor(PANEL_FLOATS / GH / 4) * 4);
  for (let r = 0; r < hRowCount; ) {
    const n = hRowCount - r < 2 * per ? hRowCount - r : per;
    k.gemm_s(GH, W, n, p.dHP + (B + r) * GH * 4, 1, GH, p.hRows + r * W * 4, W, pC, W, r > 0 ? 1 : 0);
    r += n;
  }
  if (hRowCount === 0) f32.fill(0, pC / 4, pC / 4 + GH * W);
  k.gemm_s(I1, GH, p.xSteps * B, p.xRows, 1, p.xStride, p.dXP, GH, pCx, GH, 0);
  if (!shared) k.gemm_s(1, GH, rows, pOne, 0, 0, p.dHP, GH, pBh, GH, 0); // dHP's column sums
  const dx = alloc('dx', rows * I); // zero unless needed
  if (needInputGrad) {
    f32.set(w.wIh, pW / 4);
    k.gemm(rows, I, GH, p.dXP, pW, pDx, 0);
    dx.set(f32.subarray(pDx / 4, pDx / 4 + rows * I));
  }
  const dWHh = new Float32Array(GH * H), dWIh = new Float32Array(GH * I), dBIh = new Float32Array(GH);
  const c = pC / 4, cx = pCx / 4, inRows = W > H; // the x and 1 columns in C too
  for (let j = 0; j < GH; j++) {
    const o = c + j * W;
    dWHh.set(f32.subarray(o, o + H), j * H);
    for (let i = 0; i < I; i++) dWIh[j * I + i] = f32[cx + i * GH + j]! + (inRows ? f32[o + H + i]! : 0);
    dBIh[j] = f32[cx + I * GH + j]! + (inRows ? f32[o + H + I]! : 0);
  }
  const dBHh = shared ? dBIh : f32.slice(pBh / 4, pBh / 4 + GH);
  return { dx, dWIh, dWHh, dBIh, dBHh };
}
