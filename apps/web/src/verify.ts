// Runs the exported ONNX bytes in onnxruntime-web (wasm, bundled, single-threaded) and compares
// its outputs with the tfjs forward pass on the same test windows.
import { compareValues } from '@rnnkit/onnx';
import * as ort from 'onnxruntime-web/wasm';
import './ort-env.js';

/** The largest absolute difference between onnxruntime-web and the reference outputs. */
export async function verifyInOnnxruntimeWeb(onnx: Uint8Array, x: Float32Array, dims: number[], reference: Float32Array): Promise<{ maxAbs: number; n: number }> {
  const session = await ort.InferenceSession.create(onnx, { executionProviders: ['wasm'] });
  try {
    const out = await session.run({ [session.inputNames[0]!]: new ort.Tensor('float32', x, dims) });
    const y = out[session.outputNames[0]!]!.data as Float32Array;
    const d = compareValues(y, reference, 1e-12);
    return { maxAbs: d.undefinedCount > 0 ? NaN : d.maxAbs, n: y.length };
  } finally {
    await session.release();
  }
}
