// TensorFlow.js for bundlers and browsers: tfjs-core with its gradients and the cpu and wasm
// backends registered; webgl loads when `useBackend` asks for it. Node loads tfjs.node.ts
// instead (see the "#tfjs" entry of package.json's "imports").
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

export { tf };

/** Registers a backend that is not registered at start-up. */
export async function registerBackend(name: 'wasm' | 'webgl'): Promise<void> {
  if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
}
