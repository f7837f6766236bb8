import { gemm, transpose } from './gemm.js';
import type { Kernels } from './kernels.js';

/** Shapes of one recurrent layer over a whole sequence. */
export interface Dims {
  /** Steps. */
  T: number;
  /** Sequences (windows) per batch. */
  B: number;
  /** Input features. */
  I: number;
  /** Hidden size. */
  H: number;
}

/** One layer's parameters as flat float32 arrays, PyTorch's layout: w_ih [G·H, I], w_hh [G·H, H]. */
export interface LayerWeights {
  /** W_ih, [G·H, I]. */
  wIh: Float32Array;
  /** W_hh, [G·H, H]. */
  wHh: Float32Array;
  /** b_ih, [G·H], or null (no biases). */
  bIh: Float32Array | null;
  /** b_hh, [G·H], or null. */
  bHh: Float32Array | null;
}

/** Gradients of one layer: input, weights and biases. */
export interface LayerGrads {
  /** dL/dx, [T, B, I] (zero unless asked for). */
  dx: Float32Array;
  /** dL/dW_ih, [G·H, I]. */
  dWIh: Float32Array;
  /** dL/dW_hh, [G·H, H]. */
  dWHh: Float32Array;
  /** dL/db_ih, [G·H]. */
  dBIh: Float32Array;
  /** dL/db_hh, [G·H]. */
  dBHh: Float32Array;
}

/** A forward pass that remembers what its backward pass (BPTT) needs. */
export interface LayerRun {
  /** Every step's hidden state, [T, B, H]. */
  out: Float32Array;
  /**
   * Gradients from dL/d(out): [T, B, H], or [B, H] for the last step's alone when every earlier
   * step's is zero (a head that reads only the last state); dx stays zero unless `needInputGrad`
   * (data needs none).
   */
  backward(dOut: ArrayLike<number>, needInputGrad: boolean): LayerGrads;
}

/**
 * Hands out arrays by name, zero-filled unless `overwritten` (the caller writes every element
 * before reading any); a workspace reuses them from one training step to the next.
 */
export type Alloc = (name: string, size: number, overwritten?: boolean) => Float32Array;

/** New arrays on every call: for forward passes whose results outlive the next one. */
export const fresh: Alloc = (_name, size) => new Float32Array(size);

/** True when dL/d(out) is the last step's [B, H] alone (see LayerRun.backward), false for [T, B, H]; any other length is an error. */
export function lastStepOnly(d: Dims, dOut: ArrayLike<number>): boolean {
  const BH = d.B * d.H;
  if (dOut.length === d.T * BH) return false;
  if (dOut.length !== BH) throw new Error(`dL/d(out) has ${dOut.length} values; expected ${d.T * BH} (T·B·H) or ${BH} (B·H, the last step's)`);
  return true;
}

/** dL/d(out) as [T, B, H]: a last-step-only [B, H] with zeros before it. */
export function allSteps(d: Dims, dOut: ArrayLike<number>): ArrayLike<number> {
  if (!lastStepOnly(d, dOut)) return dOut;
  const full = new Float32Array(d.T * d.B * d.H);
  full.set(dOut, (d.T - 1) * d.B * d.H);
  return full;
}

/** Reuses each named array (zeroed) across calls: large arrays are costly to allocate and collect. */
export function workspace(): Alloc {
  const cache = new Map<string, Float32Array>();
  return (name, size, overwritten = false) => {
    const a = cache.get(name);
    if (a && a.length === size) return overwritten ? a : a.fill(0);
    const b = new Float32Array(size);
    cache.set(name, b);
    return b;
  };
}

/** x [T·B, I] · w_ihᵀ + biases: the input projections of all steps in one product. */
export function inputProjection(k: Kernels, d: Dims, G: number, x: Float32Array, w: LayerWeights, biases: (Float32Array | null)[], alloc: Alloc = fresh): Float32Array {
  const GH = G * d.H;
  const xp = alloc('xp', d.T * d.B * GH);
  gemm(k, d.T * d.B, GH, d.I, x, transpose(w.wIh, GH, d.I), xp);
  const present = biases.filter((b): b is Float32Array => b !== null);
  if (!present.length) return xp;
  const bias = new Float64Array(GH); // the biases summed once, then one pass over the rows
  for (const b of present) for (let j = 0; j < GH; j++) bias[j]! += b[j]!;
  for (let o = 0; o < xp.length; o += GH) for (let j = 0; j < GH; j++) xp[o + j]! += bias[j]!;
  return xp;
}

/**
 * The weight and input gradients shared by every cell, from the pre-activation gradients:
 * dXP (input side) and dHP (recurrent side) for all steps, [T·B, G·H] each.
 */
export function weightGrads(k: Kernels, d: Dims, G: number, x: Float32Array, hPrev: Float32Array, w: LayerWeights, dXP: Float32Array, dHP: Float32Array, needInputGrad = true): LayerGrads {
  const GH = G * d.H, rows = d.T * d.B, { I, H } = d;
  // dW = dXPᵀ·X is computed as (Xᵀ·dXP)ᵀ: transposing the narrow X and the small result is cheaper
  // than transposing the wide dXP. A row of ones under Xᵀ adds the bias gradient (dXP's column
  // sums) to the same product, and when both sides share one gradient (rnn, lstm) H_prevᵀ joins
  // too: one pass over dXP for all of them.
  const shared = dXP === dHP;
  const M = shared ? I + H + 1 : I + 1;
  const left = transpose(x, rows, I, new Float32Array(M * rows));
  if (shared) transpose(hPrev, rows, H, left.subarray(I * rows));
  left.fill(1, (M - 1) * rows);
  const res = new Float32Array(M * GH);
  gemm(k, M, GH, rows, left, dXP, res);
  const dWIh = transpose(res, I, GH);
  const dBIh = res.slice((M - 1) * GH);
  let dWHh: Float32Array, dBHh: Float32Array;
  if (shared) {
    dWHh = transpose(res.subarray(I * GH), H, GH);
    dBHh = dBIh; // the same sums when both biases see the same gradient
  } else {
    const leftH = transpose(hPrev, rows, H, new Float32Array((H + 1) * rows));
    leftH.fill(1, H * rows);
    const resH = new Float32Array((H + 1) * GH);
    gemm(k, H + 1, GH, rows, leftH, dHP, resH);
    dWHh = transpose(resH, H, GH);
    dBHh = resH.slice(H * GH);
  }
  const dx = new Float32Array(rows * d.I);
  if (needInputGrad) gemm(k, rows, d.I, GH, dXP, w.wIh, dx);
  return { dx, dWIh, dWHh, dBIh, dBHh };
}

// tanh as a rational function (the float32 approximation Eigen uses): within 2.6e-7 of Math.tanh
// everywhere, about two float32 ulps, and five times faster in V8.
const A1 = 4.89352455891786e-3, A3 = 6.37261928875436e-4, A5 = 1.48572235717979e-5, A7 = 5.12229709037114e-8;
const A9 = -8.60467152213735e-11, A11 = 2.00018790482477e-13, A13 = -2.76076847742355e-16;
const B0 = 4.89352518554385e-3, B2 = 2.268434632439e-3, B4 = 1.18534705686654e-4, B6 = 1.19825839466702e-6;
const CLAMP = 7.90531110763549805;

/** tanh(v) as the rational function above (the module's wat/tanh.mjs has the same coefficients). */
export function tanh(v: number): number {
  const x = v > CLAMP ? CLAMP : v < -CLAMP ? -CLAMP : v;
  const x2 = x * x;
  const p = x * (A1 + x2 * (A3 + x2 * (A5 + x2 * (A7 + x2 * (A9 + x2 * (A11 + x2 * A13))))));
  return p / (B0 + x2 * (B2 + x2 * (B4 + x2 * B6)));
}

/** σ(v) = (1 + tanh(v/2)) / 2 with the rational tanh: within 1.3e-7 of 1 / (1 + e^-v), without an exp. */
export const sigmoid = (v: number): number => 0.5 + 0.5 * tanh(0.5 * v);
