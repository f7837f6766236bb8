import type { GradBlocks } from './grad-blocks.js';
import { fresh, type Alloc, type Dims, type LayerGrads, type LayerWeights } from './kernel.js';
import type { Kernels } from './kernels.js';
import { rowWidth } from './step-rows.js';

/** Byte offsets, in the SIMD module's memory, of what the weight gradients are computed from. */
export interface GradOperands {
  /**
   * dL/d(pre-activations) on the recurrent side, [T·B, G·H]; the input side's too where the two
   * sides share one gradient (all columns of rnn and lstm, the GRU's r and z).
   */
  dHP: number;
  /**
   * The input side's own gradient for the columns from inputFrom on, [T·B, G·H − inputFrom] (the
   * GRU's dn); equal to dHP when the sides share every column.
   */
  dXP: number;
  /** The step rows [h_{t-1} | x_t | 1], [T·B, H + I + 1] (step-rows.ts). */
  rows: number;
  /** The blocks of dHPᵀ·rows into C [G·H, H + I + 1], some perhaps run already during the backward pass. */
  blocks: GradBlocks;
  /**
   * The column from which the input side has a gradient of its own (the GRU's n gate, 2H): those
   * columns' dW_ih and db_ih come from dXP over all steps, not from the rows' product with dHP.
   * Default G·H (none).
   */
  inputFrom?: number | undefined;
  /** The first free byte past every array the layer keeps there. */
  end: number;
}

/**
 * The weight gradients in the SIMD module, each product read in place through gemm_s's strides:
 * [dW_hh | dW_ih | db] as dHPᵀ·rows over steps 1..T−1 ([G·H, H + I + 1], PyTorch's layout, no
 * transposes; step 0's h_{-1} = 0 has no row there), step 0's input side as [x | 1]ᵀ·dHP ([I + 1, G·H],
 * B rows; for the columns from inputFrom [x | 1]ᵀ·dXP over all steps), and for cells with two
 * gradients step 0's column sums of dHP there (the shared columns' are the bias row's), which with
 * the rows' bias column give db_hh.
 */
export function simdWeightGrads(kernels: Kernels, d: Dims, G: number, w: LayerWeights, p: GradOperands, needInputGrad: boolean, alloc: Alloc = fresh): LayerGrads {
  const k = kernels.simd!;
  const { I, H, B } = d, GH = G * H, rows = d.T * B, I1 = I + 1, shared = p.dXP === p.dHP, W = rowWidth(d);
  const from = p.inputFrom ?? GH, own = GH - from, xRows = p.rows + H * 4;
  const { at, f32 } = kernels.arena([I1 * GH, GH, 1, GH * I, rows * I], p.end);
  const [pCx, pBh, pOne, pW, pDx] = at as [number, number, number, number, number];
  const pC = p.blocks.c;
  f32[pOne / 4] = 1;
  // dHPᵀ (sam 1, sak G·H) times the rows of steps 1..: the blocks the backward pass left (grad-blocks.ts)
  p.blocks.runFrom(k, 0);
  if (p.blocks.empty) f32.fill(0, pC / 4, pC / 4 + GH * W);
  if (from > 0) k.gemm_s(I1, from, B, xRows, 1, W, p.dHP, GH, pCx, GH, 0);
  if (own > 0) k.gemm_s(I1, own, rows, xRows, 1, W, p.dXP, own, pCx + from * 4, GH, 0);
  if (own > 0) k.gemm_s(1, own, B, pOne, 0, 0, p.dHP + from * 4, GH, pBh + from * 4, GH, 0); // step 0's column sums of dHP there
  const dx = alloc('dx', rows * I); // zero unless needed
  if (needInputGrad) {
    // dx = dHP's shared columns · their rows of W_ih, plus dXP · the rest
    f32.set(w.wIh, pW / 4);
    if (from > 0) k.gemm_s(rows, I, from, p.dHP, GH, 1, pW, I, pDx, I, 0);
    if (own > 0) k.gemm_s(rows, I, own, p.dXP, own, 1, pW + from * I * 4, I, pDx, I, from > 0 ? 1 : 0);
    dx.set(f32.subarray(pDx / 4, pDx / 4 + rows * I));
  }
  const dWHh = new Float32Array(GH * H), dWIh = new Float32Array(GH * I), dBIh = new Float32Array(GH);
  const dBHh = shared ? dBIh : new Float32Array(GH);
  const c = pC / 4, cx = pCx / 4, bh = pBh / 4;
  for (let j = 0; j < GH; j++) {
    const o = c + j * W;
    dWHh.set(f32.subarray(o, o + H), j * H);
    if (j < from) {
      // the rows' x and 1 columns hold this column's later steps
      for (let i = 0; i < I; i++) dWIh[j * I + i] = f32[cx + i * GH + j]! + f32[o + H + i]!;
      dBIh[j] = f32[cx + I * GH + j]! + f32[o + H + I]!;
    } else {
      for (let i = 0; i < I; i++) dWIh[j * I + i] = f32[cx + i * GH + j]!;
      dBIh[j] = f32[cx + I * GH + j]!;
    }
    if (!shared) dBHh[j] = f32[(j < from ? cx + I * GH : bh) + j]! + f32[o + H + I]!;
  }
  return { dx, dWIh, dWHh, dBIh, dBHh };
}
