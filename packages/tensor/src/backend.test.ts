import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// A failed backend poisons tfjs for the whole process, so each case runs in a fresh Node on the built package.
function inFreshNode(code: string): string {
  return execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: new URL('..', import.meta.url).pathname, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
}

describe('useBackend when the wasm binary is not where tfjs looks (a bundled page without setWasmPaths)', () => {
  it('says in one line that the .wasm file was not found, and what to do, in the library\'s terms', () => {
    const message = inFreshNode(`
      import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
      import { useBackend } from './dist/index.js';
      setWasmPaths('/nonexistent/wasm-dir/');
      await useBackend('wasm').then(() => console.log('initialised'), (e) => console.log(e.message));`);
    expect(message).toBe("backend wasm could not be initialised: its .wasm file (tfjs-backend-wasm-simd.wasm or a sibling) could not be fetched: not found where tfjs looked (beside the bundled script, or under the setWasmPaths prefix); point setWasmPaths at the folder that holds them (by default @tensorflow/tfjs-backend-wasm/dist: reinstall it if they are missing), or call useBackend('cpu')");
    expect(message).not.toContain('--backend');
  });

  it('initialises once setWasmPaths points at the package\'s own .wasm files', () => {
    const name = inFreshNode(`
      import { createRequire } from 'node:module';
      import { dirname } from 'node:path';
      import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
      import { tf, useBackend } from './dist/index.js';
      setWasmPaths(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + '/');
      console.log(await useBackend('wasm'), tf.add(1, 2).dataSync()[0]);`);
    expect(name).toBe('wasm 3');
  });
});
