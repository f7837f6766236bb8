// TensorFlow.js in Node, loaded with require: tfjs ships CommonJS bundles for Node, and an ESM
// `import` of them makes Node scan megabytes of source for export names (cjs-module-lexer), which
// cost the CLI about as much time as the training. Same exports as tfjs.ts, whose types both share.
import { createRequire } from 'node:module';
import type * as Tf from '@tensorflow/tfjs-core';

const require = createRequire(import.meta.url);

export const tf = require('@tensorflow/tfjs-core') as typeof Tf;
require('@tensorflow/tfjs-backend-cpu');
// Built by scripts/postbuild.mjs: tfjs-core's Node bundle has no gradients.
require('./tfjs-gradients.cjs');

/** Registers a backend that is not registered at start-up. */
export async function registerBackend(name: 'wasm' | 'webgl'): Promise<void> {
  require(name === 'wasm' ? '@tensorflow/tfjs-backend-wasm' : '@tensorflow/tfjs-backend-webgl');
}
