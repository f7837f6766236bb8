import { describe, it } from 'vitest';
import { passOnBaselineSimd } from '../../../../test-utils/baseline-simd.js';

// The fused and PyTorch-parity tests again on the baseline build of @rnnkit/kernels' module (see
// test-utils/baseline-simd.ts); fused-sequence.test.ts checks that they ran on it.
const FILES = ['src/fused/fused-sequence.test.ts', 'src/fused/fast-fit.test.ts', 'src/gated-recurrent.test.ts', 'src/torch-directions.test.ts', 'src/rnn.test.ts'];

describe('baseline SIMD path', () => {
  it('passes the kernel and PyTorch-parity tests on the mul + add module', () => passOnBaselineSimd(new URL('../..', import.meta.url), FILES), 600_000);
});
