// onnxruntime-web's settings for this page: its wasm binary is bundled, single-threaded (no
// cross-origin isolation needed), errors only.
import * as ort from 'onnxruntime-web/wasm';
import ortWasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';

ort.env.wasm.wasmPaths = { wasm: ortWasmUrl };
ort.env.wasm.numThreads = 1;
ort.env.logLevel = 'error';
