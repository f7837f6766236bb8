import { GEMM_WASM_BASE64 } from './gemm-wasm-bytes.js';

// The SIMD kernel of gemm.wat: about 4× the JavaScript loop on large products. Operands are
// copied into its memory and the result copied back (plain memcpy, no padding).

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
  const bOff = M * K * 4, cOff = bOff + K * N * 4, bytes = cOff + M * N * 4;
  if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
  const f32 = new Float32Array(memory.buffer);
  f32.set(a.length === M * K ? a : a.subarray(0, M * K), 0);
  f32.set(b.length === K * N ? b : b.subarray(0, K * N), bOff / 4);
  if (accumulate) f32.set(c.length === M * N ? c : c.subarray(0, M * N), cOff / 4);
  gemm(M, N, K, 0, bOff, cOff, accumulate ? 1 : 0);
  c.set(f32.subarray(cOff / 4, cOff / 4 + M * N));
}
