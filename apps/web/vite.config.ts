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
  // Chromium and Node 20 (with the V8 flag @rnnkit/kernels sets) do, so the page's numbers, and the
  // files it offers, are the CLI's bit for bit. @rnnkit/kernels reads globalThis.process?.env
  // (RNNKIT_SIMD, RNNKIT_THREADS), which Vite would otherwise replace with {}: the page has none.
  define: { 'globalThis.process.env': JSON.stringify({}) },
});
