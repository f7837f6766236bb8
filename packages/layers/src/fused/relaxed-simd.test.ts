import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The relaxed build of gemm.wat (f32x4.relaxed_madd) is what Chromium and Node ≥ 22 run; Node 20
// validates it only with --experimental-wasm-relaxed-simd (not allowed in NODE_OPTIONS). So the
// kernel and PyTorch-parity tests run again here in a vitest whose workers have that flag, and
// gemm.test.ts checks (RNNKIT_EXPECT_SIMD) that they really ran on the relaxed module.
const FILES = ['src/fused/gemm.test.ts', 'src/fused/fused-sequence.test.ts', 'src/fused/fast-fit.test.ts', 'src/gated-recurrent.test.ts', 'src/torch-directions.test.ts', 'src/rnn.test.ts'];

describe('relaxed SIMD path', () => {
  it('passes the kernel and PyTorch-parity tests on the relaxed_madd module', () => {
    const cwd = fileURLToPath(new URL('../..', import.meta.url));
    const vitest = fileURLToPath(import.meta.resolve('vitest/package.json')).replace(/package\.json$/, 'vitest.mjs');
    const run = spawnSync(process.execPath, [vitest, 'run', '--execArgv=--experimental-wasm-relaxed-simd', '--testTimeout=120000', ...FILES], {
      cwd, encoding: 'utf8', env: { ...process.env, RNNKIT_EXPECT_SIMD: 'relaxed', RNNKIT_SIMD: '', NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Test Files\s+6 passed/);
  }, 600_000);
});
