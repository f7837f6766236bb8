export { exportOnnx, type ExportOptions } from './export-onnx.js';
export { importOnnx, type ImportedModel } from './import-onnx.js';
export { inspectOnnx, formatInspection, type Inspection } from './inspect-onnx.js';
export { readTensorProto, type PbTensor } from './tensor-proto.js';
export { readMetadata, type RnnkitMetadata } from './metadata.js';
export { scalerAffines, type ScalerAffines } from './scaler-affines.js';
export { OnnxError } from './onnx-error.js';
export { MAX_MODEL_BYTES, MAX_TENSOR_BYTES } from './limits.js';
export { RNNKIT_VERSION } from './version.js';
