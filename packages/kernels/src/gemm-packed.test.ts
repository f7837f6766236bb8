import { describe, expect, it } from 'vitest';
import { instantiateSimd, type SimdExports } from './kernels.js';

// gemm_s packs large operands into panels (wat/gemm-packed.mjs) when the scratch globals leave room,
// and runs the strided kernel otherwise. Both run the same sums in the same order, so the packed
// results must equal the unpacked ones bit for bit, on shapes with edge tiles (M mod 4, N mod 8),
// strided operands (Aᵀ read in place) and accumulation; and both must equal a float64 triple loop.

function rand(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
}

/** gemm_s of A (element (m, k) at m·sam + k·sak) and B [K, N] into C [M, N], packed or not. */
function run(k: SimdExports, packed: boolean, M: number, N: number, K: number, aT: boolean, accumulate: boolean, seed: number) {
  const r = rand(seed);
  const a = Float32Array.from({ length: M * K }, r), b = Float32Array.from({ length: K * N }, r), c0 = Float32Array.from({ length: M * N }, r);
  const aOff = 64, bOff = aOff + (M * K + 4) * 4, cOff = bOff + (K * N + 4) * 4, end = cOff + (M * N + 4) * 4;
  if (k.memory.buffer.byteLength < end + (8 << 20)) k.memory.grow(Math.ceil((end + (8 << 20) - k.memory.buffer.byteLength) / 65536));
  const f32 = new Float32Array(k.memory.buffer);
  f32.set(a, aOff / 4);
  f32.set(b, bOff / 4);
  f32.set(c0, cOff / 4);
  k.scratch.value = packed ? end : 0;
  k.scratch_end.value = packed ? k.memory.buffer.byteLength : 0;
  // aT: A stored as Aᵀ [K, M] (sam = 1, sak = M), as the weight gradients read h_prev
  k.gemm_s(M, N, K, aOff, aT ? 1 : K, aT ? M : 1, bOff, N, cOff, N, accumulate ? 1 : 0);
  const c = f32.slice(cOff / 4, cOff / 4 + M * N);
  const want = new Float64Array(M * N);
  for (let m = 0; m < M; m++)
    for (let n = 0; n < N; n++) {
      let s = accumulate ? c0[m * N + n]! : 0;
      for (let q = 0; q < K; q++) s += (aT ? a[q * M + m]! : a[m * K + q]!) * b[q * N + n]!;
      want[m * N + n] = s;
    }
  return { c, want };
}

const builds = (['baseline', 'relaxed'] as const).flatMap((f) => {
  const k = instantiateSimd(f);
  return k ? [[f, k] as const] : [];
});

describe('gemm_s through packed panels', () => {
  for (const [flavour, k] of builds) {
    for (const [M, N, K] of [[16, 16, 16], [685, 512, 128], [685, 128, 512], [17, 19, 33], [128, 40, 685], [30, 23, 16]] as const) {
      for (const aT of [false, true]) {
        it(`${flavour}: [${M}×${K}]${aT ? ' (Aᵀ in place)' : ''}·[${K}×${N}] equals the unpacked kernel bit for bit, and the float64 sums`, () => {
          for (const accumulate of [false, true]) {
            const packed = run(k, true, M, N, K, aT, accumulate, M + N + K);
            const plain = run(k, false, M, N, K, aT, accumulate, M + N + K);
            expect(Buffer.from(packed.c.buffer).equals(Buffer.from(plain.c.buffer))).toBe(true);
            let worst = 0;
            packed.want.forEach((v, i) => (worst = Math.max(worst, Math.abs(packed.c[i]! - v) / (1 + Math.abs(v)))));
            expect(worst).toBeLessThan(1e-5 * Math.sqrt(K));
          }
        });
      }
    }
  }

  it('falls back to the unpacked kernel when the panels do not fit the scratch space, and leaves the memory past scratch_end alone', () => {
    const k = builds[0]![1];
    const M = 64, N = 64, K = 64, bytes = (M * K + K * N) * 4;
    const f32 = new Float32Array(k.memory.buffer);
    f32.fill(1, 0, 3 * M * K);
    const guard = 3 * M * K * 4 + bytes - 4; // inside where the panels would go
    f32[guard / 4] = 42;
    k.scratch.value = 3 * M * K * 4;
    k.scratch_end.value = guard; // room for less than both panels
    k.gemm_s(M, N, K, 0, K, 1, M * K * 4, N, 2 * M * K * 4, N, 0);
    expect(f32[guard / 4]).toBe(42);
    expect(f32[2 * M * K]).toBe(K);
  });
});
