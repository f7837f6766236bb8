import type { Dims } from './kernel.js';
import type { WindowCalls } from './kernels.js';
import { rowWidth } from './step-rows.js';

// Packed A (G·H rows by a block of K) of at most 2¹⁸ floats: 1 MB, which stays in cache and
// leaves a helper thread room for its half of the panels.
const PANEL_FLOATS = 1 << 18;

/** Rows [row, row + n) of the steps' gradients and step rows: one block of the weight gradients' K. */
interface Block {
  row: number;
  n: number;
}

/**
 * [dW_hh | dW_ih | db] = dHPᵀ·rows over steps 1..T−1 (simd-weight-grads.ts), summed block by block in
 * one fixed order: from the last step down, each block whole steps (as many as the panel budget
 * holds) or, where one step's rows overflow it, a part of one; the first block stored into C, the
 * others added. A backward pass on one thread runs each block as soon as its steps' gradients are
 * written, while they are still in cache (a third faster than reading them back cold at the end);
 * the blocks left then run at the end. The same blocks in the same order either way: the same sums.
 */
export class GradBlocks {
  private readonly blocks: Block[] = [];
  private next = 0;

  /** dHP [T·B, G·H], the step rows [T·B, W] and C [G·H, W]: byte offsets in the module's memory. */
  constructor(private readonly d: Dims, private readonly GH: number, private readonly dHP: number, private readonly rows: number, readonly c: number) {
    const { B } = d, per = Math.max(16, Math.floor(PANEL_FLOATS / GH / 4) * 4);
    for (let t = d.T - 1; t >= 1; ) {
      if (B > per) {
        const parts = Math.round(B / per); // parts of per rows or so, in order
        for (let i = 0; i < parts; i++) this.blocks.push({ row: t * B + Math.floor((i * B) / parts), n: Math.floor(((i + 1) * B) / parts) - Math.floor((i * B) / parts) });
        t--;
      } else {
        const steps = Math.min(t, Math.floor(per / B));
        this.blocks.push({ row: (t - steps + 1) * B, n: steps * B });
        t -= steps;
      }
    }
  }

  /** True when there is no block at all (T = 1: no step has an h row), and C must be zeroed. */
  get empty(): boolean {
    return this.blocks.length === 0;
  }

  /**
   * A backward step's end: step t's gradients are written for windows [b0, b0 + nb). When those are
   * all the windows (one thread), the blocks of steps ≥ t run now, while they are in cache.
   */
  stepDone(s: Pick<WindowCalls, 'gemm_s'>, t: number, nb: number): void {
    if (nb === this.d.B) this.runFrom(s, t * this.d.B);
  }

  /** Runs, on s, the blocks not run yet whose rows lie at or above `row` (all of them from 0). */
  runFrom(s: Pick<WindowCalls, 'gemm_s'>, row: number): void {
    const W = rowWidth(this.d), GH = this.GH;
    for (let b = this.blocks[this.next]; b && b.row >= row; b = this.blocks[++this.next]) {
      s.gemm_s(GH, W, b.n, this.dHP + b.row * GH * 4, 1, GH, this.rows + b.row * W * 4, W, this.c, W, this.next > 0 ? 1 : 0);
    }
  }
}
