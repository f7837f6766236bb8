import { GEMM_WASM_BASE64 } from './gemm-wasm-bytes.js';

// The SIMD kernel of gemm.wat: about 4× the JavaScript loop on large products. Operands are
// copied into its memory (N padded to a multiple of 4) and the result copied back.

type Gemm = (M: number, N: number, K: number, a: number, b: number, c: number, acc: number) => void;

function load(): { memory: WebAssembly.Memory; gemm: Gemm } | null {
  try {
    const bytes = Uint8Array.from(atob(GEMM_WASM_BASE64), (ch) => ch.charCodeAt(0));
    if (!WebAssembly.validate(bytes)) return null; // no SIMD in this runtime: the JavaScript loop serves
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    return { memory: exports.memory as WebAssembly.Memory, gemm: exports.gemm as Gemm };
  } catch {
    return null;
  }
}

const kernel = load();

/** True when the SIMD kernel loaded. */
export const wasmGemmAvailable = kernel !== null;

/** C[M,N] (+)= A[M,K] · B[K,N] with the SIMD kernel (float32 sums). */
export function wasmGemm(M: number, N: number, K: number, a: Float32Array, b: Float32Array, c: Float32Array, accumulate: boolean): void {
  const { memory, gemm } = kernel!;
  const N4 = (N + 3) & ~3;
  const aOff = 0, bOff = M * K * 4, cOff = bOff + K * N4 * 4, bytes = cOff + M * N4 * 4;
  if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
  const f32 = new Float32Array(memory.buffer);
  f32.set(a.length === M * K ? a : a.subarray(0, M * K), aOff / 4);
  if (N4 === N) {
    f32.set(b.length === K * N ? b : b.subarray(0, K * N), bOff / 4);
    if (accumulate) f32.set(c.length === M * N ? c : c.subarray(0, M * N), cOff / 4);
    gemm(M, N4, K, aOff, bOff, cOff, accumulate ? 1 : 0);
    c.set(f32.subarray(cOff / 4, cOff / 4 + M * N));
    return;
  }
  // Padded columns: plain loops, cheaper than a subarray per row.
  copyRows(b, 0, N, f32, bOff / 4, N4, K);
  if (accumulate) copyRows(c, 0, N, f32, cOff / 4, N4, M);
  gemm(M, N4, K, aOff, bOff, cOff, accumulate ? 1 : 0);
  copyRows(f32, cOff / 4, N4, c, 0, N, M, N);
}

/** Copies `rows` rows between row strides, zero-filling the destination's extra columns. */
function copyRows(src: Float32Array, from: number, srcStride: number, dst: Float32Array, to: number, dstStride: number, rows: number, cols = srcStride): void {
  for (let r = 0; r < rows; r++) {
    const s = from + r * srcStride, d = to + r * dstStride;
    let j = 0;
    for (; j < cols; j++) dst[d + j] = src[s + j]!;
    for (; j < dstStride; j++) dst[d + j] = 0;
  }
}
