import { describe, expect, it } from 'vitest';
import { addColumnSums, gemm, transpose } from './gemm.js';

function naive(M: number, N: number, K: number, a: Float32Array, b: Float32Array): Float64Array {
  const c = new Float64Array(M * N);
  for (let m = 0; m < M; m++) for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) c[m * N + n]! += a[m * K + k]! * b[k * N + n]!;
  return c;
}

describe('gemm', () => {
  // Shapes that hit the 4×4 blocks, the leftover columns and the leftover rows.
  for (const [M, N, K] of [[8, 8, 3], [10, 10, 7], [685, 10, 4], [5, 3, 9], [1, 1, 1], [13, 40, 33]] as const) {
    it(`[${M}×${K}]·[${K}×${N}] equals the naive triple loop, and accumulates`, () => {
      let seed = M * 31 + N * 7 + K;
      const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
      const a = Float32Array.from({ length: M * K }, rand), b = Float32Array.from({ length: K * N }, rand);
      const want = naive(M, N, K, a, b);
      const c = new Float32Array(M * N);
      gemm(M, N, K, a, b, c);
      want.forEach((v, i) => expect(Math.abs(c[i]! - v)).toBeLessThan(1e-6 * (1 + Math.abs(v))));
      gemm(M, N, K, a, b, c, true);
      want.forEach((v, i) => expect(Math.abs(c[i]! - 2 * v)).toBeLessThan(2e-6 * (1 + Math.abs(v))));
    });
  }

  it('transposes and sums columns', () => {
    expect(Array.from(transpose(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
    const sums = new Float32Array(3);
    addColumnSums(Float32Array.from([1, 2, 3, 4, 5, 6]), 2, 3, sums);
    expect(Array.from(sums)).toEqual([5, 7, 9]);
  });
});
