import { describe, expect, it } from 'vitest';
import { addColumnSums, gemm, jsGemm, transpose } from './gemm.js';
import { createKernels, instantiateSimd, type SimdExports } from './kernels.js';
import { RELAXED_WASM_BASE64 } from './wasm-bytes.js';

function naive(M: number, N: number, K: number, a: Float32Array, b: Float32Array): Float64Array {
  const c = new Float64Array(M * N);
  for (let m = 0; m < M; m++) for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) c[m * N + n]! += a[m * K + k]! * b[k * N + n]!;
  return c;
}

/** One build of the module called directly (operands copied in, the result copied out). */
function moduleGemm(k: SimdExports) {
  return (M: number, N: number, K: number, a: Float32Array, b: Float32Array, c: Float32Array, accumulate: boolean) => {
    const bOff = (M * K + 4) * 4, cOff = bOff + (K * N + 4) * 4;
    if (k.memory.buffer.byteLength < cOff + (M * N + 4) * 4) k.memory.grow(Math.ceil((cOff + (M * N + 4) * 4) / 65536));
    const f32 = new Float32Array(k.memory.buffer);
    f32.set(a, 0);
    f32.set(b, bOff / 4);
    f32.set(c, cOff / 4);
    k.gemm(M, N, K, 0, bOff, cOff, accumulate ? 1 : 0);
    c.set(f32.subarray(cOff / 4, cOff / 4 + M * N));
  };
}

// Both builds of kernels.wat wherever this runtime validates them (the relaxed one needs Relaxed SIMD,
// which @rnnkit/kernels turns on in Node 20: see node-relaxed-simd.ts).
const builds = (['baseline', 'relaxed'] as const).flatMap((f) => {
  const k = instantiateSimd(f);
  return k ? [[`simd ${f}`, moduleGemm(k)] as const] : [];
});
const kernels = createKernels();
const engines = {
  gemm: (...args: Parameters<typeof jsGemm>) => gemm(kernels, ...args),
  javascript: jsGemm,
  simd: (...args: Parameters<typeof jsGemm>) => kernels.simdGemm(...(args as [number, number, number, Float32Array, Float32Array, Float32Array, boolean])),
  ...Object.fromEntries(builds),
};

describe('gemm', () => {
  it('has the SIMD kernel on Node 20', () => expect(kernels.simd).not.toBeNull());

  it('runs the relaxed build (Relaxed SIMD turned on in Node 20), the baseline one with RNNKIT_SIMD=baseline', () => {
    expect(kernels.flavour).toBe(process.env.RNNKIT_SIMD === 'baseline' ? 'baseline' : 'relaxed');
    expect(WebAssembly.validate(Uint8Array.from(atob(RELAXED_WASM_BASE64), (ch) => ch.charCodeAt(0)))).toBe(true);
    if (process.env.RNNKIT_EXPECT_SIMD) expect(kernels.flavour).toBe(process.env.RNNKIT_EXPECT_SIMD);
  });

  for (const [name, f] of Object.entries(engines)) {
    // Shapes that hit the 4×4 blocks, leftover columns (padding) and leftover rows.
    for (const [M, N, K] of [[8, 8, 3], [10, 10, 7], [685, 10, 4], [5, 3, 9], [1, 1, 1], [13, 40, 33], [685, 128, 32]] as const) {
      it(`${name}: [${M}×${K}]·[${K}×${N}] equals the naive triple loop, and accumulates`, () => {
        let seed = M * 31 + N * 7 + K;
        const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
        const a = Float32Array.from({ length: M * K }, rand), b = Float32Array.from({ length: K * N }, rand);
        const want = naive(M, N, K, a, b);
        const c = new Float32Array(M * N);
        f(M, N, K, a, b, c, false);
        const worst = (scale: number) => Math.max(...Array.from(want, (v, i) => Math.abs(c[i]! - scale * v) / (1 + Math.abs(scale * v))));
        expect(worst(1)).toBeLessThan(1e-5);
        f(M, N, K, a, b, c, true);
        expect(worst(2)).toBeLessThan(1e-5);
      });
    }
  }

  for (const flavour of ['baseline', 'relaxed'] as const) {
    it(`${flavour}: a few rows of C (rank-1 updates, k outer) equal the blocked kernel bit for bit, for A read as Aᵀ in place too`, () => {
      const k = instantiateSimd(flavour);
      if (!k) return expect(flavour).toBe('relaxed'); // only a runtime without Relaxed SIMD lacks a build
      if (k.memory.buffer.byteLength < 1 << 22) k.memory.grow(64);
      const f32 = new Float32Array(k.memory.buffer);
      let seed = 3;
      for (let i = 0; i < 1 << 19; i++) f32[i] = ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
      const A = 0, B = 1 << 18, C = 3 << 19, C2 = 7 << 18; // byte offsets: A, B random; C, C2 results
      // [M, N, K, sam, sak, ldb]: the weight gradients' [x | 1]ᵀ·dG shapes (A transposed, B's rows wider than N), a ones row, rows of 4 and 12 floats
      for (const [M, N, K, sam, sak, ldb] of [[5, 128, 300, 1, 133, 128], [5, 64, 70, 1, 9, 96], [1, 96, 50, 0, 0, 96], [8, 4, 33, 40, 1, 4], [3, 12, 1, 5, 1, 12]] as const) {
        k.gemm_s(M, N, K, A, sam, sak, B, ldb, C, N, 0); // rank-1 (no acc)
        f32.fill(0, C2 / 4, C2 / 4 + M * N);
        k.gemm_s(M, N, K, A, sam, sak, B, ldb, C2, N, 1); // the blocked kernel, into zeros: the same sums plus 0
        const got = f32.subarray(C / 4, C / 4 + M * N), blocked = f32.subarray(C2 / 4, C2 / 4 + M * N);
        expect(got.every((v, i) => v === blocked[i]), `${M}×${N}×${K}`).toBe(true);
        let worst = 0;
        for (let m = 0; m < M; m++) {
          for (let n = 0; n < N; n++) {
            let want = 0;
            for (let j = 0; j < K; j++) want += f32[A / 4 + m * sam + j * sak]! * f32[B / 4 + j * ldb + n]!;
            worst = Math.max(worst, Math.abs(got[m * N + n]! - want) / (1 + Math.abs(want)));
          }
        }
        expect(worst, `${M}×${N}×${K} against float64`).toBeLessThan(1e-5);
      }
    });
  }

  it('reads operands given as views into larger arrays', () => {
    const big = Float32Array.from({ length: 40 }, (_, i) => i);
    const c = new Float32Array(4);
    gemm(kernels, 2, 2, 2, big.subarray(10, 14), big.subarray(20, 24), c);
    expect(Array.from(c)).toEqual([10 * 20 + 11 * 22, 10 * 21 + 11 * 23, 12 * 20 + 13 * 22, 12 * 21 + 13 * 23]);
  });

  it('transposes and sums columns', () => {
    expect(Array.from(transpose(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
    const sums = new Float32Array(3);
    addColumnSums(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3, sums);
    expect(Array.from(sums)).toEqual([5, 7, 9]);
  });
});
