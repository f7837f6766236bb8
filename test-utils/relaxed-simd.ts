// Shared by the packages' relaxed-simd.test.ts: the relaxed build of @rnnkit/kernels' module
// (f32x4.relaxed_madd) is what Chromium and Node ≥ 22 run; Node 20 validates it only with
// --experimental-wasm-relaxed-simd (not allowed in NODE_OPTIONS). So a package's kernel tests run
// again in a vitest whose workers have that flag, with RNNKIT_EXPECT_SIMD=relaxed for the tests
// that check that they really ran on the relaxed module.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';

/** Runs `files` (paths from packageDir) on the relaxed module and expects every one to pass. */
export function passOnRelaxedSimd(packageDir: URL, files: string[]): void {
  const vitest = fileURLToPath(import.meta.resolve('vitest/package.json')).replace(/package\.json$/, 'vitest.mjs');
  const run = spawnSync(process.execPath, [vitest, 'run', '--execArgv=--experimental-wasm-relaxed-simd', '--testTimeout=120000', ...files], {
    cwd: fileURLToPath(packageDir), encoding: 'utf8', env: { ...process.env, RNNKIT_EXPECT_SIMD: 'relaxed', RNNKIT_SIMD: '', NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(new RegExp(String.raw`Test Files\s+${files.length} passed`));
}
