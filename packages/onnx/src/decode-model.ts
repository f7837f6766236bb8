import { onnx, type ModelProto } from './proto.js';
import { MAX_MODEL_BYTES } from './limits.js';
import { OnnxError } from './onnx-error.js';

/** Decodes ModelProto bytes, turning protobuf failures and empty files into one-line OnnxErrors. */
export function decodeModel(bytes: Uint8Array): ModelProto {
  if (bytes.length === 0) throw new OnnxError('the file is empty, not an ONNX model');
  if (bytes.length > MAX_MODEL_BYTES) throw new OnnxError(`the file is ${(bytes.length / 2 ** 20).toFixed(0)} MB; rnnkit reads ONNX models up to ${MAX_MODEL_BYTES / 2 ** 20} MB`);
  let model;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (err) {
    throw new OnnxError(`not a valid ONNX model (${(err as Error).message.split('\n')[0]}); the file may be truncated or corrupt`);
  }
  if (!model.graph || (model.graph.node ?? []).length === 0) throw new OnnxError('not a valid ONNX model: it has no graph');
  return model;
}
