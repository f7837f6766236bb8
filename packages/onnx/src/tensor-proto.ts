import { dimsOf, onnx, tensorValues } from './proto.js';
import { OnnxError } from './onnx-error.js';

/** A tensor read from an ONNX TensorProto `.pb` file. */
export interface PbTensor {
  /** The tensor's name in the file. */
  name: string;
  /** Its shape. */
  dims: number[];
  /** The values, row-major: a Float32Array for float tensors, numbers for int32 and int64. */
  data: Float32Array | number[];
}

/** Reads an ONNX TensorProto `.pb` file (as in ONNX's backend test data sets). */
export function readTensorProto(bytes: Uint8Array): PbTensor {
  let t;
  try {
    t = onnx.TensorProto.decode(bytes);
  } catch (err) {
    throw new OnnxError(`not an ONNX TensorProto (${(err as Error).message})`);
  }
  return { name: t.name, dims: dimsOf(t), data: tensorValues(t) };
}
