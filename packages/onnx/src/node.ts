// Node-only entry point (@rnnkit/onnx/node): onnxruntime-node lives here so that browser
// bundles of @rnnkit/onnx never pull in the native binding.
export { runOnnx, verifyOnnx, onnxruntimeVersion, useOnnxRuntime, type OnnxFeeds, type OnnxRuntime, type OnnxRuntimeSource, type VerifyReport } from './run-onnx.js';
export * from './index.js';
