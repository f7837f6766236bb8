// Shared by the packages' baseline-simd.test.ts: @rnnkit/kernels runs its relaxed build
// (f32x4.relaxed_madd) wherever the runtime has Relaxed SIMD, Node 20 included (it sets V8's flag:
// see node-relaxed-simd.ts), so the test run proper is on that build. The baseline build (mul + add)
// is what runtimes without Relaxed SIMD get: a package's kernel tests run again in a vitest with
// RNNKIT_SIMD=baseline, and RNNKIT_EXPECT_SIMD=baseline for the tests that check they really ran on it.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** Runs `files` (paths from packageDir) on the baseline module and expects every one to pass. */
export function passOnBaselineSimd(packageDir: URL, files: string[]): void {
  const vitest = fileURLToPath(import.meta.resolve('vitest/package.json')).replace(/package\.json$/, 'vitest.mjs');
  const run = spawnSync(process.execPath, [vitest, 'run', '--testTimeout=120000', ...files], {
    cwd: fileURLToPath(packageDir), encoding: 'utf8', env: { ...process.env, RNNKIT_EXPECT_SIMD: 'baseline', RNNKIT_SIMD: 'baseline', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(new RegExp(String.raw`Test Files\s+${files.length} passed`));
}
