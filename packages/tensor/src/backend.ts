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
  const reasons = new Map<BackendName, string>();
  for (const candidate of wanted) {
    if (tf.getBackend() === candidate) return candidate;
    // cpu is always registered; the others may load on first use (tfjs.ts, tfjs.node.ts).
    const registered = candidate === 'cpu' || (await registerBackend(candidate).then(() => true, (err) => (reasons.set(candidate, messageOf(err)), false)));
    if (registered && candidate !== 'cpu') recordFailure(candidate, (why) => reasons.set(candidate, why));
    if (registered && (await tf.setBackend(candidate).catch(() => false))) {
      await tf.ready();
      return candidate;
    }
  }
  const why = (b: BackendName) => reasons.get(b) ?? 'its initialisation failed';
  const causes = wanted.length === 1 ? why(wanted[0]!) : wanted.map((b) => `${b}: ${why(b)}`).join(', ');
  throw new Error(`backend ${wanted.join(', ')} could not be initialised: ${causes}; ${fixFor(wanted)}`);
}

/**
 * tfjs swallows why a backend failed (its warning is silent in production mode): wrap the backend's
 * factory, once, so that its error is kept. A wasm backend in a bundled page fails because the
 * bundler did not copy its .wasm files, which tfjs then cannot fetch.
 */
function recordFailure(name: BackendName, record: (why: string) => void): void {
  const entry = tf.engine().registryFactory[name];
  if (!entry || (entry.factory as { rnnkitWrapped?: boolean }).rnnkitWrapped || tf.engine().registry[name]) return;
  const original = entry.factory;
  const wrapped = Object.assign(async () => {
    try {
      return await original();
    } catch (err) {
      record(messageOf(err));
      throw err;
    }
  }, { rnnkitWrapped: true });
  entry.factory = wrapped;
}

/** An error (or tfjs's `{ message }` rejection) as one short line. */
function messageOf(err: unknown): string {
  const text = String((err as { message?: unknown })?.message ?? err).replace(/\s+/g, ' ').trim();
  // tfjs-backend-wasm's own rejection when the fetch of its binary failed (a 404 in a bundled page, ENOENT in Node).
  if (text.includes('serve the `.wasm` file')) return 'its .wasm file (tfjs-backend-wasm-simd.wasm or a sibling) could not be fetched: not found where tfjs looked (beside the bundled script, or under the setWasmPaths prefix)';
  return text.slice(0, 300);
}

/** What to do, in the library's terms (the CLI says it with its own flags). */
function fixFor(wanted: BackendName[]): string {
  if (!wanted.includes('wasm')) return "call useBackend('cpu')";
  return isNode
    ? "point setWasmPaths at the folder that holds them (by default @tensorflow/tfjs-backend-wasm/dist: reinstall it if they are missing), or call useBackend('cpu')"
    : "serve the .wasm files of @tensorflow/tfjs-backend-wasm/dist (a bundler does not copy them) and call setWasmPaths(theirUrl) from '@tensorflow/tfjs-backend-wasm' before useBackend('wasm') (see @rnnkit/layers' README), or call useBackend('cpu')";
}
