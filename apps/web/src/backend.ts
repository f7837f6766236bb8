// The worker's tfjs backend: wasm first, then cpu (both run whole SGD epochs in rnnkit's fused
// kernels, plain JS/WebAssembly on flat arrays), webgl only where neither can start.
import { useFused } from '@rnnkit/layers';
import { useBackend, type BackendName } from '@rnnkit/tensor';

const PREFERENCE: BackendName[] = ['wasm', 'cpu', 'webgl'];

/** Starts the first backend that initialises and says which path runs, e.g. "wasm (fused kernels)". */
export async function startBackend(): Promise<string> {
  for (const name of PREFERENCE) {
    const ok = await useBackend(name).then(() => true, () => false);
    if (ok) return useFused() ? `${name} (fused kernels)` : name;
  }
  throw new Error(`no tfjs backend could be started (tried ${PREFERENCE.join(', ')})`);
}
