import type { GateActivations } from './gemm.js';
import { HELPER_FUNCTIONS, HelperThread, isNode, PROGRAM_JOBS } from './helper-thread.js';
import { validatesRelaxed } from './node-relaxed-simd.js';
import { RELAXED_WASM_BASE64, SHARED_RELAXED_WASM_BASE64, SHARED_WASM_BASE64, WASM_BASE64 } from './wasm-bytes.js';

// The SIMD module of kernels.wat: about 4× the JavaScript loop on large products. Two builds of
// the same source: baseline SIMD, and one whose products and activations (the rational tanh's
// steps, σ's ½ + ½·t) use f32x4.relaxed_madd (Relaxed SIMD, a fused multiply-add where the CPU has
// one), chosen when the runtime validates it (Chromium ≥ 114, Node ≥ 22; Node 20 once its V8 flag
// is set, see node-relaxed-simd.ts). A fused multiply-add rounds once instead of twice, so the
// relaxed path's values differ from the baseline's in the last bits (well inside the parity tests'
// tolerances; its tanh stays within 3.6e-7 of Math.tanh); RNNKIT_SIMD=baseline keeps the baseline module in Node.

/** The module's exports, for kernels that keep a whole layer's arrays in its memory (byte offsets). */
export interface SimdExports {
  /** The module's memory, which its functions address in bytes. */
  memory: WebAssembly.Memory;
  /** C[M,N] (+)= A[M,K] · B[K,N] (acc 1: added to C). */
  gemm: (M: number, N: number, K: number, a: number, b: number, c: number, acc: number) => void;
  /** The activations of n floats at p in place, `coef` as GateActivations lays it out for G columns. */
  act: (p: number, n: number, coef: number, G: number) => void;
  /** One LSTM step backward: gate gradients dG [B, 4H] and dc for the step before (see lstm-kernel.ts), from c_{t-1} and c_t. */
  lstm_bwd: (a: number, c: number, cNext: number, dh: number, dOut: number, dcIn: number, dcOut: number, dG: number, B: number, H: number) => void;
  /** One GRU step backward: from n [B, H] and hp [B, 3H] (σ(r), σ(z), h W_hnᵀ + b_hn), dHP [B, 3H] (dr, dz, dn·r), dn [B, H] (the input side's own gradient) and dh's direct part (see gru-kernel.ts). */
  gru_bwd: (n: number, hp: number, hPrev: number, dh: number, dOut: number, dN: number, dHP: number, dhOut: number, B: number, H: number) => void;
  /** One Elman RNN step backward: dz = (dh + dOut)·(1 − h²). */
  rnn_bwd: (h: number, dh: number, dOut: number, dz: number, B: number, H: number) => void;
  /** gemm with strides (floats): A's (m, k) at a + m·sam + k·sak, B's and C's rows ldb and ldc apart. */
  gemm_s: (M: number, N: number, K: number, a: number, sam: number, sak: number, b: number, ldb: number, c: number, ldc: number, acc: number) => void;
  /** One LSTM step forward: the gates a [B, 4H] activated in place, then c and h. */
  lstm_step: (a: number, cPrev: number, c: number, h: number, B: number, H: number) => void;
  /** One GRU step forward: σ(r), σ(z) in hp [B, 3H] in place, then with xin [B, H] (x W_inᵀ + b_in) n [B, H] and h. */
  gru_step: (hp: number, xin: number, hPrev: number, n: number, h: number, B: number, H: number) => void;
  /** tanh of n floats at p, in place. */
  tanh_block: (p: number, n: number) => void;
  /** `rows` rows of n ≥ 4 floats from src (rows ss floats apart) to dst (ds floats apart). */
  copy_rows: (src: number, ss: number, dst: number, ds: number, rows: number, n: number) => void;
  /** The first free byte above the caller's arrays, where gemm_s packs large operands (see gemm-packed.mjs). */
  scratch: WebAssembly.Global;
  /** The end of that free space (gemm_s packs only what fits; 0: none). */
  scratch_end: WebAssembly.Global;
}

/** Which build of kernels.wat runs: 'relaxed' (f32x4.relaxed_madd products), 'baseline', or null (no SIMD: JavaScript). */
export type SimdFlavour = 'relaxed' | 'baseline' | null;

/** Options of createKernels. */
export interface KernelsOptions {
  /**
   * Which build to run: 'auto' (the default) the relaxed one where the runtime validates it (in
   * Node 20 after setting V8's --experimental-wasm-relaxed-simd, see node-relaxed-simd.ts), else
   * the baseline one (or 'baseline' when the environment variable RNNKIT_SIMD is 'baseline');
   * 'off' no SIMD at all, every kernel in JavaScript.
   */
  simd?: 'auto' | 'relaxed' | 'baseline' | 'off';
  /**
   * Threads for the large products (M·N·K ≥ 2²² multiply-adds) and cell steps: 1, or 2 (a helper
   * thread on a shared memory, started on the first such product; bit-identical results). 'auto' (the default)
   * is 2 where the runtime allows a shared memory and a worker (Node's main thread on ≥ 2 cores, a
   * cross-origin isolated page), else 1; the environment variable RNNKIT_THREADS=1 or 2 overrides it.
   */
  threads?: 'auto' | 1 | 2;
}

/**
 * A layer whose forward arrays stay in the module's memory for its backward pass (no copies out
 * and back in); `evict` copies them out when another layout is about to overwrite them.
 */
export interface Resident {
  /** Copies the arrays out of the module's memory, which is about to be overwritten. */
  evict(): void;
}

/** Offsets of arrays laid out in the module's memory (bytes), a view of it, and the byte offset past the last. */
export interface Layout {
  /** Each array's byte offset. */
  at: number[];
  /** The module's memory as floats; valid until the next layout or product. */
  f32: Float32Array;
  /** The first byte past the last array. */
  end: number;
}

/**
 * C's values activated per column after a product: γ + β·tanh(α·v), or v where the mask is set;
 * `coef` holds α, β, γ and the mask (as 0 or all-ones bits), G + 4 floats each (column j mod G).
 */
export interface WasmActivation {
  /** Columns in the pattern (C's row length is a multiple of it). */
  G: number;
  /** α, β, γ and the mask, G + 4 floats each. */
  coef: Float32Array;
}

const decode = (b64: string) => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));

/** Instantiates one build of the module, or null when this runtime cannot validate it. */
export function instantiateSimd(flavour: 'relaxed' | 'baseline'): SimdExports | null {
  return instantiate(flavour, null)?.exports ?? null;
}

/** One build, on its own memory or (with `memory`) on a shared one; null where the runtime cannot validate it. */
function instantiate(flavour: 'relaxed' | 'baseline', memory: WebAssembly.Memory | null): { exports: SimdExports; module: WebAssembly.Module } | null {
  try {
    const base64 = memory ? (flavour === 'relaxed' ? SHARED_RELAXED_WASM_BASE64 : SHARED_WASM_BASE64) : flavour === 'relaxed' ? RELAXED_WASM_BASE64 : WASM_BASE64;
    const bytes = decode(base64);
    if (!(flavour === 'relaxed' ? validatesRelaxed(bytes) : WebAssembly.validate(bytes))) return null;
    const module = new WebAssembly.Module(bytes);
    const { exports } = new WebAssembly.Instance(module, memory ? { env: { memory } } : {});
    return { exports: exports as unknown as SimdExports, module };
  } catch {
    return null;
  }
}

/** The calls a recurrence over a block of windows makes (see Kernels.windows). */
export type WindowCalls = Pick<SimdExports, 'gemm' | 'gemm_s' | 'lstm_step' | 'gru_step' | 'lstm_bwd' | 'gru_bwd' | 'rnn_bwd' | 'tanh_block' | 'copy_rows'>;

/**
 * A recurrence's calls for windows b0..b0 + nb − 1 on `s`: every step's products, cell steps and row
 * copies of those windows, which read only those windows' rows (and arrays nobody writes). It must
 * be restartable: it reads nothing before writing it that it also writes (a failed helper's windows run again here).
 */
export type WindowWork = (s: WindowCalls, b0: number, nb: number) => void;

/** WindowCalls that queue each call (its function's index, then its arguments) for the helper instead of running it. */
function recorder(jobs: number[][]): WindowCalls {
  const calls = Object.fromEntries(HELPER_FUNCTIONS.map((name, fn) => [name, (...args: number[]) => void jobs.push([fn, ...args])])) as unknown as Omit<WindowCalls, 'gemm'>;
  return { ...calls, gemm: viaStrides(calls.gemm_s) };
}

/** gemm (row-major A, B, C) as the strided gemm_s, as the module's own gemm export calls it. */
const viaStrides = (gemmS: SimdExports['gemm_s']): SimdExports['gemm'] => (M, N, K, a, b, c, acc) => gemmS(M, N, K, a, K, 1, b, N, c, N, acc);

/** The scratch space [s, e) halved for two threads: this one packs below `mid`, the helper from it up. */
function halveScratch(raw: SimdExports): { mid: number; end: number } {
  const s = raw.scratch.value as number, end = raw.scratch_end.value as number;
  return { mid: end > s ? s + (((end - s) >> 1) & ~15) : end, end };
}

/**
 * This thread's next share of split work: smaller when the helper was done first (it waited for
 * this thread), larger when this thread has to wait for it (the helper starts later, woken).
 */
const nextShare = (share: number, helperDone: boolean, step: number, lo: number, hi: number): number => (helperDone ? Math.max(lo, share - step) : Math.min(hi, share + step));

type Env = Record<string, string | undefined> | undefined;
const processEnv = (): Env => (globalThis as { process?: { env?: Env } }).process?.env;

/** Threads the options ask for, where the runtime allows them (a shared memory, a worker). */
function threadCount(threads: NonNullable<KernelsOptions['threads']>): 1 | 2 {
  const env = processEnv()?.RNNKIT_THREADS;
  const asked = env === '1' || env === '2' ? Number(env) : threads;
  if (asked === 1 || typeof SharedArrayBuffer !== 'function') return 1;
  const g = globalThis as { crossOriginIsolated?: boolean; Worker?: unknown };
  return isNode() || (g.crossOriginIsolated && g.Worker) ? 2 : 1;
}

interface Loaded {
  exports: SimdExports | null;
  flavour: SimdFlavour;
  /** The module and its shared memory, when a helper thread may run it. */
  shared: { module: WebAssembly.Module; memory: WebAssembly.Memory } | null;
}

function load(simd: NonNullable<KernelsOptions['simd']>, threads: 1 | 2): Loaded {
  if (simd === 'off') return { exports: null, flavour: null, shared: null };
  const flavours: ('relaxed' | 'baseline')[] = simd === 'relaxed' || (simd === 'auto' && processEnv()?.RNNKIT_SIMD !== 'baseline') ? ['relaxed', 'baseline'] : ['baseline'];
  for (const flavour of flavours) {
    if (threads === 2) {
      const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536, shared: true });
      const built = instantiate(flavour, memory);
      if (built) return { exports: built.exports, flavour, shared: { module: built.module, memory } };
    }
    const built = instantiate(flavour, null);
    if (built) return { exports: built.exports, flavour, shared: null };
  }
  return { exports: null, flavour: null, shared: null }; // no SIMD in this runtime: the JavaScript loops serve
}

/**
 * Multiply-adds from which a product is shared with the helper thread: it pays for the wake-up
 * (about 20 µs) from 2²², about 0.3 ms on one core. C's rows are split, so M needs at least 32.
 */
export const SPLIT_FROM = 1 << 22;

/**
 * gemm and gemm_s that give the helper the lower rows of C of each large product (the cells' steps
 * share their windows with it a whole recurrence at a time: Kernels.windows).
 */
function splitting(raw: SimdExports, helper: HelperThread, count: { split: number; share: number }): SimdExports {
  const gemmS: SimdExports['gemm_s'] = (M, N, K, a, sam, sak, b, ldb, c, ldc, acc) => {
    if (M < 32 || M * N * K < SPLIT_FROM) return raw.gemm_s(M, N, K, a, sam, sak, b, ldb, c, ldc, acc);
    if (!helper.ready) {
      void helper.start(); // from the next large product on, once the worker runs
      return raw.gemm_s(M, N, K, a, sam, sak, b, ldb, c, ldc, acc);
    }
    // the main thread's rows (whole 4-row panels), in the share nextShare keeps
    const top = Math.round((M * count.share) / 4) * 4;
    const lower = [M - top, N, K, a + top * sam * 4, sam, sak, b, ldb, c + top * ldc * 4, ldc, acc] as const;
    const { mid, end } = halveScratch(raw);
    helper.post('gemm_s', lower, mid, end);
    count.split++;
    raw.scratch_end.value = mid;
    raw.gemm_s(top, N, K, a, sam, sak, b, ldb, c, ldc, acc);
    raw.scratch_end.value = end;
    count.share = nextShare(count.share, helper.done(), 0.005, 0.4, 0.7);
    if (!helper.wait()) raw.gemm_s(...lower); // the helper failed it: the same rows here
  };
  return { ...raw, gemm: viaStrides(gemmS), gemm_s: gemmS };
}

// Free bytes kept above every layout for gemm_s's packed operands: A [⌈M/4⌉·4, K] and B [K, ⌈N/8⌉·8]
// of an LSTM at hidden 256 over 685 windows fit (3.8 MB; half of A and all of B per thread with a
// helper); a product whose panels do not fit runs unpacked (the same sums).
const PACK_RESERVE = 8 << 20; // halved between the two threads when a helper runs

function grow(memory: WebAssembly.Memory, bytes: number): void {
  if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
}

/** Grows the memory past `end` plus the packing reserve and marks the space above `end` free for gemm_s. */
function reserveAbove(simd: SimdExports, end: number): void {
  grow(simd.memory, end + PACK_RESERVE);
  simd.scratch.value = end;
  simd.scratch_end.value = simd.memory.buffer.byteLength;
}

/**
 * One instance of the SIMD module and what lives in its memory: the layer whose arrays are
 * resident there between its forward and backward passes, and where they end. Every kernel takes
 * the instance it runs on; layers that share one can leave their arrays in place for each other.
 */
export class Kernels {
  /** The module's exports, or null when this runtime has no WebAssembly SIMD (or it is off). */
  readonly simd: SimdExports | null;
  /** The build that runs. */
  readonly flavour: SimdFlavour;
  private resident: Resident | null = null;
  private residentEnd = 0;
  private readonly helper: HelperThread | null;
  private readonly raw: SimdExports | null;
  private readonly count = { split: 0, share: 0.5, windows: 0, windowShare: 0.5 };
  private readonly patterns = new Map<string, GateActivations>();

  /** Threads the large products may use: 2 when a helper thread can run on the module's shared memory. */
  readonly threads: 1 | 2;

  constructor(options: KernelsOptions = {}) {
    const { exports, flavour, shared } = load(options.simd ?? 'auto', threadCount(options.threads ?? 'auto'));
    this.flavour = flavour;
    this.threads = shared ? 2 : 1;
    this.helper = exports && shared ? new HelperThread(shared.module, shared.memory, options.threads === 2) : null;
    this.raw = exports;
    this.simd = exports && this.helper ? splitting(exports, this.helper, this.count) : exports;
  }

  /** Recurrences whose windows two threads shared so far (see windows). */
  get splitWindows(): number {
    return this.count.windows;
  }

  /**
   * Runs `work` over the windows [0, B). When the helper runs and the recurrence's products have
   * at least 2²² multiply-adds in all (`size`), the helper takes the lower windows as one queued program and
   * this thread the upper ones, both for every step: one hand-over for the whole recurrence instead
   * of one per product and cell step, and the same sums as one thread (each window's rows see the
   * same calls in the same order). Otherwise `work` runs here on all windows, its large products
   * still split one by one.
   */
  windows(B: number, size: number, work: WindowWork): void {
    const raw = this.raw!, helper = this.helper;
    if (!helper || B < 64 || size < SPLIT_FROM) return work(this.module, 0, B);
    if (!helper.ready) {
      void helper.start();
      return work(this.module, 0, B);
    }
    const count = this.count, top = Math.round((B * count.windowShare) / 4) * 4;
    const jobs: number[][] = [];
    work(recorder(jobs), top, B - top);
    if (jobs.length > PROGRAM_JOBS) return work(this.module, 0, B); // a recurrence too long for one program
    const { mid, end } = halveScratch(raw);
    helper.postProgram(jobs, mid, end);
    count.windows++;
    raw.scratch_end.value = mid;
    work(raw, 0, top);
    raw.scratch_end.value = end;
    count.windowShare = nextShare(count.windowShare, helper.done(), 0.01, 0.3, 0.7);
    if (!helper.wait()) work(raw, top, B - top); // the helper failed it: its windows here
  }

  /** Products split over two threads so far. */
  get splitProducts(): number {
    return this.count.split;
  }

  /**
   * Starts the helper thread now rather than on the first large product (which then runs on one
   * thread); resolves to true once it runs, false where this instance has no helper.
   */
  startThreads(): Promise<boolean> {
    return this.helper?.start() ?? Promise.resolve(false);
  }

  /** The gate activations named `key`, made by `make` once per instance (they are only read). */
  activations(key: string, make: () => GateActivations): GateActivations {
    let act = this.patterns.get(key);
    if (!act) this.patterns.set(key, (act = make()));
    return act;
  }

  private get module(): SimdExports {
    if (!this.simd) throw new Error('this Kernels instance has no WebAssembly SIMD module');
    return this.simd;
  }

  /**
   * Lays out arrays of the given float counts in the module's memory (16-byte aligned, four floats
   * of slack each for vectors that run past a block's end), growing it as needed. From 0 (the
   * default) the layout replaces what was there, evicting the resident layer first, and `owner`
   * (if any) becomes the resident; `from` > 0 adds arrays above ones that stay.
   */
  arena(sizes: number[], from = 0, owner: Resident | null = null): Layout {
    const { memory } = this.module;
    if (from === 0) {
      if (this.resident !== owner) this.resident?.evict();
      this.resident = owner;
    }
    const at: number[] = [];
    let end = from;
    for (const n of sizes) {
      at.push(end);
      end += (Math.ceil(n / 4) + 1) * 16;
    }
    if (from === 0) this.residentEnd = owner ? end : 0;
    // arrays of an earlier layout above `from` stay in use (scratch layouts): never pack below them
    reserveAbove(this.module, from === 0 ? end : Math.max(end, this.module.scratch.value as number));
    return { at, f32: new Float32Array(memory.buffer), end };
  }

  /** Scratch arrays above the resident layer's, which stay in place (see arena). */
  scratch(sizes: number[]): Layout {
    return this.arena(sizes, this.residentEnd);
  }

  /** True while `owner`'s arrays are still where its forward pass left them. */
  isResident(owner: Resident): boolean {
    return this.resident === owner;
  }

  /** Ends `owner`'s residence (its backward pass is done): the next layout need not copy it out. */
  release(owner: Resident): void {
    if (this.resident === owner) {
      this.resident = null;
      this.residentEnd = 0;
    }
  }

  /** Evicts the resident layer before a product that uses the memory from offset 0. */
  private clobber(): void {
    this.resident?.evict();
    this.resident = null;
    this.residentEnd = 0;
  }

  /**
   * C[M,N] (+)= A[M,K] · B[K,N] in the module (float32 sums), operands copied in and the result
   * copied back (plain memcpy, no padding); with `act`, C's values are activated in place first.
   */
  simdGemm(M: number, N: number, K: number, a: Float32Array, b: Float32Array, c: Float32Array, accumulate: boolean, act: WasmActivation | null = null): void {
    const { memory, gemm } = this.module;
    this.clobber();
    const bOff = M * K * 4, cOff = bOff + K * N * 4, coefOff = cOff + (M * N + 4) * 4;
    reserveAbove(this.module, coefOff + (act ? act.coef.length * 4 : 0));
    const f32 = new Float32Array(memory.buffer);
    f32.set(a.length === M * K ? a : a.subarray(0, M * K), 0);
    f32.set(b.length === K * N ? b : b.subarray(0, K * N), bOff / 4);
    if (accumulate) f32.set(c.length === M * N ? c : c.subarray(0, M * N), cOff / 4);
    gemm(M, N, K, 0, bOff, cOff, accumulate ? 1 : 0);
    if (act) {
      f32.set(act.coef, coefOff / 4);
      this.module.act(cOff, M * N, coefOff, act.G);
    }
    c.set(f32.subarray(cOff / 4, cOff / 4 + M * N));
  }

  /** The activations of `simdGemm` alone, on c[0..n) in place. */
  simdActivate(c: Float32Array, n: number, act: WasmActivation): void {
    const { memory } = this.module;
    this.clobber();
    const coefOff = (n + 4) * 4;
    reserveAbove(this.module, coefOff + act.coef.length * 4);
    const f32 = new Float32Array(memory.buffer);
    f32.set(c.length === n ? c : c.subarray(0, n), 0);
    f32.set(act.coef, coefOff / 4);
    this.module.act(0, n, coefOff, act.G);
    c.set(f32.subarray(0, n));
  }
}

/** A new instance of the kernels, with its own module and memory (see Kernels). */
export function createKernels(options: KernelsOptions = {}): Kernels {
  return new Kernels(options);
}
