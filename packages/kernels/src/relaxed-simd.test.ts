import { describe, it } from 'vitest';
import { passOnRelaxedSimd } from '../../../test-utils/relaxed-simd.js';

// The gemm, packed gemm and layer tests again on the relaxed build (see test-utils/relaxed-simd.ts); gemm.test.ts
// checks that they ran on it.
describe('relaxed SIMD path', () => {
  it('passes the gemm and layer tests on the relaxed_madd module', () => passOnRelaxedSimd(new URL('..', import.meta.url), ['src/gemm.test.ts', 'src/gemm-packed.test.ts', 'src/helper-thread.test.ts', 'src/layers.test.ts']), 600_000);
});
