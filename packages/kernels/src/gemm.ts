// Dense matrix products for the fused recurrent kernels. Large ones go to the WebAssembly SIMD
// module (kernels.wat) of the given Kernels instance; small ones stay in JavaScript, where 4×4
// register blocking reaches about 2 GMAC/s in V8 without copies. (tfjs-wasm's matMul is fast only
// on tensors it has already packed; fresh tensors per step cost more than they save.) Row-major,
// float32 storage as in PyTorch; one array type keeps call sites monomorphic.
import { tanh } from './kernel.js';
import type { Kernels, WasmActivation } from './kernels.js';

const SIMD_FROM = 1 << 14; // multiply-adds from which the SIMD kernel beats its copies

/** Which activation each of a gate block's columns gets. */
export type Activation = 'sigmoid' | 'tanh' | 'identity';

/**
 * The activations of a [rows, G] gate block, column by column (`pattern` lists runs of columns),
 * for `gemm` and `activate`: σ(v) = ½ + ½·tanh(v/2) with the rational tanh, in SIMD when it loaded.
 */
export class GateActivations implements WasmActivation {
  readonly G: number;
  readonly coef: Float32Array;
  constructor(pattern: [Activation, number][]) {
    const cols = pattern.flatMap(([kind, count]) => Array.from({ length: count }, () => kind));
    const G = (this.G = cols.length), L = G + 4;
    this.coef = new Float32Array(4 * L);
    const mask = new Uint32Array(this.coef.buffer, 3 * L * 4, L);
    for (let j = 0; j < L; j++) {
      const kind = cols[j % G]!;
      const s = kind === 'sigmoid' ? 0.5 : 1;
      this.coef[j] = s; // α
      this.coef[L + j] = s; // β
      this.coef[2 * L + j] = kind === 'sigmoid' ? 0.5 : 0; // γ
      mask[j] = kind === 'identity' ? 0xffffffff : 0;
    }
  }
}

/** c[0..n) activated in place, column j mod G as `act` says (in k's module when it has one). */
export function activate(k: Kernels, c: Float32Array, n: number, act: GateActivations): void {
  if (k.simd && act.G >= 4) return k.simdActivate(c, n, act);
  const { G, coef } = act, L = G + 4;
  const mask = new Uint32Array(coef.buffer, 3 * L * 4, L);
  for (let i = 0, j = 0; i < n; i++, j = j + 1 === G ? 0 : j + 1) {
    if (mask[j]) continue;
    c[i] = coef[2 * L + j]! + coef[L + j]! * tanh(coef[j]! * c[i]!);
  }
}

/** C[M,N] (+)= A[M,K] · B[K,N], then the activations `act` (N = act.G) applied to C if given; in k's module when it has one and the product is large. */
export function gemm(k: Kernels, M: number, N: number, K: number, a: Float32Array, b: Float32Array, c: Float32Array, accumulate = false, act: GateActivations | null = null): void {
  if (k.simd && M * N * K >= SIMD_FROM && (!act || act.G >= 4)) return k.simdGemm(M, N, K, a, b, c, accumulate, act);
  jsGemm(M, N, K, a, b, c, accumulate);
  if (act) activate(k, c, M * N, act);
}

/** C[M,N] (+)= A[M,K] · B[K,N] in JavaScript, float64 sums. */
export function jsGemm(M: number, N: number, K: number, a: Float32Array, b: Float32Array, c: Float32Array, accumulate = false): void {
  const M4 = M - (M % 4), N4 = N - (N % 4);
  for (let m = 0; m < M4; m += 4) {
    const a0 = m * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
    for (let n = 0; n < N4; n += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0, c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0, c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let k = 0, bo = n; k < K; k++, bo += N) {
        const b0 = b[bo]!, b1 = b[bo + 1]!, b2 = b[bo + 2]!, b3 = b[bo + 3]!;
        const x0 = a[a0 + k]!, x1 = a[a1 + k]!, x2 = a[a2 + k]!, x3 = a[a3 + k]!;
        c00 += x0 * b0; c01 += x0 * b1; c02 += x0 * b2; c03 += x0 * b3;
        c10 += x1 * b0; c11 += x1 * b1; c12 += x1 * b2; c13 += x1 * b3;
        c20 += x2 * b0; c21 += x2 * b1; c22 += x2 * b2; c23 += x2 * b3;
        c30 += x3 * b0; c31 += x3 * b1; c32 += x3 * b2; c33 += x3 * b3;
      }
      store(c, m * N + n, N, accumulate, c00, c01, c02, c03, c10, c11, c12, c13, c20, c21, c22, c23, c30, c31, c32, c33);
    }
    for (let n = N4; n < N; n++) column4(m, n, N, K, a, b, c, accumulate);
  }
  for (let m = M4; m < M; m++) row(m, N, K, a, b, c, accumulate);
}

/** Four rows × one column: the columns left over when N is not a multiple of 4. */
function column4(m: number, n: number, N: number, K: number, a: Float32Array, b: Float32Array, c: Float32Array, accumulate: boolean): void {
  const a0 = m * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
  let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  for (let k = 0, bo = n; k < K; k++, bo += N) {
    const bv = b[bo]!;
    s0 += a[a0 + k]! * bv; s1 += a[a1 + k]! * bv; s2 += a[a2 + k]! * bv; s3 += a[a3 + k]! * bv;
  }
  const o = m * N + n;
  if (accumulate) {
    c[o]! += s0; c[o + N]! += s1; c[o + 2 * N]! += s2; c[o + 3 * N]! += s3;
  } else {
    c[o] = s0; c[o + N] = s1; c[o + 2 * N] = s2; c[o + 3 * N] = s3;
  }
}

/** One row × all columns (axpy form, contiguous in b): the rows left over when M is not a multiple of 4. */
function row(m: number, N: number, K: number, a: Float32Array, b: Float32Array, c: Float32Array, accumulate: boolean): void {
  const o = m * N;
  if (!accumulate) c.fill(0, o, o + N);
  for (let k = 0, ao = m * K; k < K; k++) {
    const av = a[ao + k]!;
    if (av === 0) continue;
    for (let n = 0, bo = k * N; n < N; n++) c[o + n]! += av * b[bo + n]!;
  }
}

// prettier-ignore
function store(c: Float32Array, o: number, N: number, acc: boolean,
  c00: number, c01: number, c02: number, c03: number, c10: number, c11: number, c12: number, c13: number,
  c20: number, c21: number, c22: number, c23: number, c30: number, c31: number, c32: number, c33: number): void {
  if (acc) {
    c[o]! += c00; c[o + 1]! += c01; c[o + 2]! += c02; c[o + 3]! += c03; o += N;
    c[o]! += c10; c[o + 1]! += c11; c[o + 2]! += c12; c[o + 3]! += c13; o += N;
    c[o]! += c20; c[o + 1]! += c21; c[o + 2]! += c22; c[o + 3]! += c23; o += N;
    c[o]! += c30; c[o + 1]! += c31; c[o + 2]! += c32; c[o + 3]! += c33;
  } else {
    c[o] = c00; c[o + 1] = c01; c[o + 2] = c02; c[o + 3] = c03; o += N;
    c[o] = c10; c[o + 1] = c11; c[o + 2] = c12; c[o + 3] = c13; o += N;
    c[o] = c20; c[o + 1] = c21; c[o + 2] = c22; c[o + 3] = c23; o += N;
    c[o] = c30; c[o + 1] = c31; c[o + 2] = c32; c[o + 3] = c33;
  }
}

/** The transpose of a row-major [rows, cols] matrix. */
export function transpose(a: Float32Array, rows: number, cols: number, out: Float32Array = new Float32Array(rows * cols)): Float32Array {
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j]!;
  return out;
}

/** Column sums of a row-major [rows, cols] matrix, added into `out`. */
export function addColumnSums(a: Float32Array, rows: number, cols: number, out: Float32Array): void {
  for (let i = 0; i < rows; i++) for (let j = 0, o = i * cols; j < cols; j++) out[j]! += a[o + j]!;
}
