import { GEMM_RELAXED_WASM_BASE64, GEMM_WASM_BASE64 } from './gemm-wasm-bytes.js';

// The SIMD kernel of gemm.wat: about 4× the JavaScript loop on large products. Operands are
// copied into its memory and the result copied back (plain memcpy, no padding). Two builds of
// the same source: baseline SIMD, and one whose products are f32x4.relaxed_madd (Relaxed SIMD,
// a fused multiply-add where the CPU has one), chosen at start-up when the runtime validates it
// (Chromium ≥ 114, Node ≥ 22; Node 20 with --experimental-wasm-relaxed-simd). A fused
// multiply-add rounds once instead of twice, so the relaxed path's sums differ from the baseline's
// in the last bits (well inside the parity tests' tolerances); RNNKIT_SIMD=baseline keeps the
// baseline module in Node.

type Gemm = (M: number, N: number, K: number, a: number, b: number, c: number, acc: number) => void;
type Act = (p: number, n: number, coef: number, G: number) => void;
type Fn = (...args: number[]) => void;

/** The module's exports, for kernels that keep a whole layer's arrays in its memory (byte offsets). */
export interface SimdKernels {
  memory: WebAssembly.Memory;
  gemm: Gemm;
  act: Act;
  lstm_bwd: Fn;
  gru_bwd: Fn;
  rnn_bwd: Fn;
  /** gemm with strides (floats): A's (m, k) at a + m·sam + k·sak, B's and C's rows ldb and ldc apart. */
  gemm_s: (M: number, N: number, K: number, a: number, sam: number, sak: number, b: number, ldb: number, c: number, ldc: number, acc: number) => void;
  lstm_step: Fn;
  gru_step: Fn;
  tanh_block: Fn;
}

/** Which build of gemm.wat runs: 'relaxed' (f32x4.relaxed_madd products), 'baseline', or null (no SIMD: JavaScript). */
export type SimdFlavour = 'relaxed' | 'baseline' | null;

const decode = (b64: string) => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));

/** Instantiates one build of the module, or null when this runtime cannot validate it. */
export function instantiateSimd(flavour: 'relaxed' | 'baseline'): SimdKernels | null {
  try {
    const bytes = decode(flavour === 'relaxed' ? GEMM_RELAXED_WASM_BASE64 : GEMM_WASM_BASE64);
    if (!WebAssembly.validate(bytes)) return null;
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    return exports as unknown as SimdKernels;
  } catch {
    return null;
  }
}

function load(): { kernel: SimdKernels | null; flavour: SimdFlavour } {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (env?.RNNKIT_SIMD !== 'baseline') {
    const relaxed = instantiateSimd('relaxed');
    if (relaxed) return { kernel: relaxed, flavour: 'relaxed' };
  }
  const baseline = instantiateSimd('baseline'); // null: no SIMD in this runtime, the JavaScript loop serves
  return { kernel: baseline, flavour: baseline ? 'baseline' : null };
}

const { kernel, flavour } = load();

/** The build of the SIMD module this runtime runs (see the top of this file). */
export const simdFlavour: SimdFlavour = flavour;

/** True when the SIMD kernel loaded. */
export const wasmGemmAvailable = kernel !== null;

/** The SIMD module, or null when this runtime has no WebAssembly SIMD. */
export const simd: SimdKernels | null = kernel;

/**
 * A layer whose forward arrays stay in the module's memory for its backward pass (no copies out
 * and back in); `evict` copies them out when another layout is about to overwrite them.
 */
export interface Resident {
  evict(): void;
}

let resident: Resident | null = null;
let residentEnd = 0;

/**
 * Lays out arrays of the given float counts in the module's memory (16-byte aligned, four floats
 * of slack each for vectors that run past a block's end), growing it as needed; returns each one's
 * byte offset, a view of the memory (valid until the next layout or gemm) and the byte offset past
 * the last. From 0 (the default) the layout replaces what was there, evicting the resident layer
 * first, and `owner` (if any) becomes the resident; `from` > 0 adds arrays above ones that stay.
 */
export function arena(sizes: number[], from = 0, owner: Resident | null = null): { at: number[]; f32: Float32Array; end: number } {
  if (from === 0) {
    if (resident !== owner) resident?.evict();
    resident = owner;
  }
  const at: number[] = [];
  let end = from;
  for (const n of sizes) {
    at.push(end);
    end += (Math.ceil(n / 4) + 1) * 16;
  }
  if (from === 0) residentEnd = owner ? end : 0;
  grow(kernel!.memory, end);
  return { at, f32: new Float32Array(kernel!.memory.buffer), end };
}

/** Scratch arrays above the resident layer's, which stay in place (see arena). */
export function scratch(sizes: number[]): { at: number[]; f32: Float32Array; end: number } {
  return arena(sizes, residentEnd);
}

/** True while `owner`'s arrays are still where its forward pass left them. */
export function isResident(owner: Resident): boolean {
  return resident === owner;
}

/** Ends `owner`'s residence (its backward pass is done): the next layout need not copy it out. */
export function release(owner: Resident): void {
  if (resident === owner) {
    resident = null;
    residentEnd = 0;
  }
}

/** Evicts the resident layer before a product that uses the memory from offset 0. */
function clobber(): void {
  resident?.evict();
  resident = null;
  residentEnd = 0;
}

/**
 * Per-column activations of a [rows, G] gate block: γ + β·tanh(α·v), or v where the mask is set;
 * `coef` holds α, β, γ and the mask (as 0 or all-ones bits), G + 4 floats each (column j mod G).
 */
export interface WasmActivation {
  G: number;
  coef: Float32Array;
}

function grow(memory: WebAssembly.Memory, bytes: number): void {
  if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
}

/**
 * C[M,N] (+)= A[M,K] · B[K,N] with the SIMD kernel (float32 sums); with `act`, C's values are
 * then activated in place before they are copied back.
 */
export function wasmGemm(M: number, N: number, K: number, a: Float32Array, b: Float32Array, c: Float32Array, accumulate: boolean, act: WasmActivation | null = null): void {
  const { memory, gemm } = kernel!;
  clobber();
  const bOff = M * K * 4, cOff = bOff + K * N * 4, coefOff = cOff + (M * N + 4) * 4;
  grow(memory, coefOff + (act ? act.coef.length * 4 : 0));
  const f32 = new Float32Array(memory.buffer);
  f32.set(a.length === M * K ? a : a.subarray(0, M * K), 0);
  f32.set(b.length === K * N ? b : b.subarray(0, K * N), bOff / 4);
  if (accumulate) f32.set(c.length === M * N ? c : c.subarray(0, M * N), cOff / 4);
  gemm(M, N, K, 0, bOff, cOff, accumulate ? 1 : 0);
  if (act) {
    f32.set(act.coef, coefOff / 4);
    kernel!.act(cOff, M * N, coefOff, act.G);
  }
  c.set(f32.subarray(cOff / 4, cOff / 4 + M * N));
}

/** The activations of `wasmGemm` alone, on c[0..n) in place. */
export function wasmActivate(c: Float32Array, n: number, act: WasmActivation): void {
  const { memory } = kernel!;
  clobber();
  const coefOff = (n + 4) * 4;
  grow(memory, coefOff + act.coef.length * 4);
  const f32 = new Float32Array(memory.buffer);
  f32.set(c.length === n ? c : c.subarray(0, n), 0);
  f32.set(act.coef, coefOff / 4);
  kernel!.act(0, n, coefOff, act.G);
  c.set(f32.subarray(0, n));
}
