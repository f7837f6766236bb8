import { defineConfig } from 'vite';

// A static site: relative asset paths (works from any folder of any static server), workers as
// ES modules, and the wasm binaries of tfjs and onnxruntime-web emitted as files, never fetched from a CDN.
export default defineConfig({
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
  worker: { format: 'es' },
  optimizeDeps: { exclude: ['onnxruntime-web'] },
});
