import { describe, it } from 'vitest';
import { passOnRelaxedSimd } from '../../../../test-utils/relaxed-simd.js';

// The fused and PyTorch-parity tests again on the relaxed build of @rnnkit/kernels' module (see
// test-utils/relaxed-simd.ts); fused-sequence.test.ts checks that they ran on it.
const FILES = ['src/fused/fused-sequence.test.ts', 'src/fused/fast-fit.test.ts', 'src/gated-recurrent.test.ts', 'src/torch-directions.test.ts', 'src/rnn.test.ts'];

describe('relaxed SIMD path', () => {
  it('passes the kernel and PyTorch-parity tests on the relaxed_madd module', () => passOnRelaxedSimd(new URL('../..', import.meta.url), FILES), 600_000);
});
