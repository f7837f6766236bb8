import { describe, it } from 'vitest';
import { passOnBaselineSimd } from '../../../test-utils/baseline-simd.js';

// The gemm, packed gemm and layer tests again on the baseline build (see test-utils/baseline-simd.ts); gemm.test.ts
// checks that they ran on it.
describe('baseline SIMD path', () => {
  it('passes the gemm and layer tests on the mul + add module', () => passOnBaselineSimd(new URL('..', import.meta.url), ['src/gemm.test.ts', 'src/gemm-packed.test.ts', 'src/helper-thread.test.ts', 'src/layers.test.ts']), 600_000);
});
