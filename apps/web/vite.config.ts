import { defineConfig } from 'vite';

// A static site: relative asset paths (works from any folder of any static server), workers as
// ES modules, and the wasm binaries of tfjs and onnxruntime-web emitted as files, never fetched from a CDN.
export default defineConfig({
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  // @rnnkit/layers' instance of @rnnkit/kernels picks its WebAssembly SIMD build when it is made (as
  // the module loads): the relaxed one (fused multiply-add) where the runtime validates it, as
  // Chromium does, unless process.env.RNNKIT_SIMD is 'baseline'. The baseline build is what rnnkit
  // runs in Node 20: with it the page's numbers, and the files it offers, are the CLI's bit for bit
  // (the relaxed build differs in the last bits). @rnnkit/kernels reads globalThis.process?.env,
  // which Vite would otherwise replace with {}.
  define: { 'globalThis.process.env': JSON.stringify({ RNNKIT_SIMD: 'baseline' }) },
});
