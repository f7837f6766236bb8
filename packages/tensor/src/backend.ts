import { registerBackend, tf } from '#tfjs';

/** The tfjs backends rnnkit supports. */
export type BackendName = 'wasm' | 'cpu' | 'webgl';

const isNode = typeof process !== 'undefined' && process.versions?.node !== undefined;

/** The backend `useBackend()` picks: wasm in Node (≈3× the cpu backend), webgl in a browser. */
export function defaultBackend(): BackendName {
  return isNode ? 'wasm' : 'webgl';
}

/**
 * Selects and initialises a tfjs backend in one call and returns its name.
 * Without a name: wasm in Node; in a browser webgl, falling back to wasm, then cpu.
 */
export async function useBackend(name?: BackendName): Promise<BackendName> {
  // Production mode: skips debug checks and tfjs's console advice to install tfjs-node.
  tf.enableProdMode();
  const wanted: BackendName[] = name ? [name] : isNode ? ['wasm'] : ['webgl', 'wasm', 'cpu'];
  for (const candidate of wanted) {
    if (tf.getBackend() === candidate) return candidate;
    // cpu is always registered; the others may load on first use (tfjs.ts, tfjs.node.ts).
    const registered = candidate === 'cpu' || (await registerBackend(candidate).then(() => true, () => false));
    if (registered && (await tf.setBackend(candidate).catch(() => false))) {
      await tf.ready();
      return candidate;
    }
  }
  throw new Error(`backend ${wanted.join(', ')} could not be initialised; try --backend cpu`);
}
