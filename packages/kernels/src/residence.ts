import { lastStepOnly, type Alloc, type Dims, type LayerGrads, type LayerWeights } from './kernel.js';
import type { Kernels, Layout, Resident } from './kernels.js';
import { simdWeightGrads, type GradOperands } from './simd-weight-grads.js';

/** An array a SIMD layer keeps in the module's memory from its forward pass to its backward pass. */
export interface Kept {
  /** Its length in floats. */
  size: number;
  /** Its JavaScript copy, which a restore reads; or the name under which an eviction copies it out (see Alloc). */
  copy: Float32Array | string;
}

/** Where the backward pass's arrays are (byte offsets; see Residence.backward). */
export interface BackwardLayout {
  /** Step t's block of dL/d(out) [B, H], copied in (a last-step-only dL/d(out): the zero block dh before the last step). */
  dOutAt: (t: number) => number;
  /** dL/dh from the step after, [B, H], zeroed (and never written: a block of zeros). */
  dh: number;
  /** The arrays the caller asked for, in order. */
  more: number[];
  /** W_hh [G·H, H], copied in. */
  wHh: number;
  /** The module's memory as floats. */
  f32: Float32Array;
}

/**
 * A SIMD layer's arrays in the module's memory between its two passes: laid out from offset 0
 * (the kept ones first), copied out if another layout is about to overwrite them (the module's
 * Resident), put back at the same offsets for the backward pass, and released after it.
 */
export class Residence implements Resident {
  private at: number[] = [];
  private keptEnd = 0;
  private end = 0;
  private saved: Float32Array[] = [];

  constructor(private readonly k: Kernels, private readonly kept: Kept[], private readonly alloc: Alloc) {}

  /**
   * The forward pass's layout: the kept arrays, then `more`; this layer becomes the resident. The
   * backward pass's arrays go above the kept ones and the first `above` of `more` (the RNN keeps
   * its W_hhᵀ below them, where it was before this file: a few per cent faster at hidden 64 in A/B runs).
   */
  layout(more: number[], above = 0): Layout {
    const layout = this.k.arena([...this.kept.map((a) => a.size), ...more], 0, this);
    this.at = layout.at.slice(0, this.kept.length);
    this.keptEnd = layout.at[this.kept.length + above] ?? layout.end;
    return layout;
  }

  /** Copies the kept arrays that have no JavaScript copy out of the module. */
  evict(): void {
    const f32 = new Float32Array(this.k.simd!.memory.buffer);
    this.saved = this.kept.map((a, i) => {
      if (typeof a.copy !== 'string') return a.copy;
      const out = this.alloc(a.copy, a.size);
      out.set(f32.subarray(this.at[i]! / 4, this.at[i]! / 4 + a.size));
      return out;
    });
  }

  /**
   * The backward pass's start: the kept arrays back where the forward pass left them (unless they
   * still are), and above them dL/d(out) ([T·B, H], or the last step's [B, H] alone: see
   * LayerRun.backward), dh, `more` (float counts) and W_hh.
   */
  backward(d: Dims, dOut: ArrayLike<number>, wHh: Float32Array, more: number[]): BackwardLayout {
    if (!this.k.isResident(this)) {
      const { f32 } = this.k.arena(this.kept.map((a) => a.size), 0, this);
      this.kept.forEach((a, i) => f32.set(typeof a.copy === 'string' ? this.saved[i]! : a.copy, this.at[i]! / 4));
    }
    const BH = d.B * d.H, lastOnly = lastStepOnly(d, dOut);
    const { at, f32, end } = this.k.arena([dOut.length, BH, ...more, wHh.length], this.keptEnd);
    this.end = end;
    const [pDo, pDh] = at as [number, number];
    const pW = at[at.length - 1]!;
    f32.set(dOut, pDo / 4);
    f32.set(wHh, pW / 4);
    f32.fill(0, pDh / 4, pDh / 4 + BH);
    const dOutAt = lastOnly ? (t: number) => (t === d.T - 1 ? pDo : pDh) : (t: number) => pDo + t * BH * 4;
    return { dOutAt, dh: pDh, more: at.slice(2, -1), wHh: pW, f32 };
  }

  /** The backward pass's end: the weight gradients (simdWeightGrads, above every array), then the memory is free again. */
  weightGrads(d: Dims, G: number, w: LayerWeights, p: Omit<GradOperands, 'end'>, needInputGrad: boolean): LayerGrads {
    const grads = simdWeightGrads(this.k, d, G, w, { ...p, end: this.end }, needInputGrad, this.alloc);
    this.k.release(this);
    return grads;
  }
}
