// Node 20's V8 (11.3) has Relaxed SIMD complete but behind --experimental-wasm-relaxed-simd; V8
// 11.4 shipped it on (Chromium 114, Node 22). The flag cannot go in NODE_OPTIONS, but V8 reads it
// whenever a module is validated, so setting it at run time, before the first relaxed module is
// compiled, gives Node 20 the fused multiply-add that the browsers and later Nodes already run.
// Only Node 20: older V8s had earlier drafts of the proposal's opcodes.
import { RELAXED_WASM_BASE64 } from './wasm-bytes.js';

interface NodeProcess {
  versions?: { node?: string };
  getBuiltinModule?: (id: string) => { setFlagsFromString?: (flags: string) => void } | undefined;
}

let tried = false;

/** True once the runtime validates `bytes`, after turning Relaxed SIMD on where only Node 20's flag is missing. */
export function validatesRelaxed(bytes: Uint8Array<ArrayBuffer>): boolean {
  if (WebAssembly.validate(bytes)) return true;
  const proc = (globalThis as { process?: NodeProcess }).process;
  if (tried || !proc?.versions?.node?.startsWith('20.')) return false;
  tried = true;
  try {
    proc.getBuiltinModule?.('node:v8')?.setFlagsFromString?.('--experimental-wasm-relaxed-simd');
  } catch {
    return false; // a V8 whose flags are frozen: the baseline module serves
  }
  return WebAssembly.validate(bytes);
}

/**
 * Whether this runtime runs the relaxed build of the kernels (f32x4.relaxed_madd): true in
 * Chromium ≥ 114 and Node ≥ 20 (Node 20 once V8's flag is set, which this does).
 */
export function hasRelaxedSimd(): boolean {
  return validatesRelaxed(Uint8Array.from(atob(RELAXED_WASM_BASE64), (ch) => ch.charCodeAt(0)));
}
