import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';
import { MAX_TENSOR_BYTES } from './limits.js';
import { OnnxError } from './onnx-error.js';

/** The generated ONNX protobuf classes (onnx-proto, protobufjs). */
export const onnx = onnxProto.onnx;
export type ModelProto = Onnx.IModelProto;
export type GraphProto = Onnx.IGraphProto;
export type NodeProto = Onnx.INodeProto;
export type TensorProto = Onnx.ITensorProto;
export type ValueInfoProto = Onnx.IValueInfoProto;
export type AttributeProto = Onnx.IAttributeProto;

export const FLOAT = 1;
export const INT64 = 7;
export const INT32 = 6;

/** An int64 field as a JS number (protobufjs hands out Long objects). */
export function int(value: number | { toNumber(): number } | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

/** A float initializer. */
export function floatTensor(name: string, dims: number[], data: ArrayLike<number>): TensorProto {
  if (dims.reduce((a, b) => a * b, 1) !== data.length) throw new Error(`tensor ${name}: ${data.length} values do not fill [${dims}]`);
  return { name, dims, dataType: FLOAT, rawData: new Uint8Array(Float32Array.from(data).buffer) };
}

/** An int64 initializer (axes, indices). */
export function int64Tensor(name: string, dims: number[], data: number[]): TensorProto {
  return { name, dims, dataType: INT64, int64Data: data };
}

/** The values of a float, int32 or int64 tensor, from raw_data or the typed fields. */
export function tensorValues(t: TensorProto): Float32Array | number[] {
  const dims = (t.dims ?? []).map(int);
  if (dims.some((d) => !Number.isSafeInteger(d) || d < 0)) throw new OnnxError(`tensor ${t.name}: invalid dims [${dims}]`);
  const count = dims.reduce((a, d) => a * d, 1);
  // Checked before anything is allocated: a file may claim any size.
  if (count * 4 > MAX_TENSOR_BYTES) throw new OnnxError(`tensor ${t.name} claims [${dims}] (${(count * 4 / 2 ** 30).toFixed(1)} GB); rnnkit reads tensors up to ${MAX_TENSOR_BYTES / 2 ** 20} MB`);
  if (t.dataType === FLOAT) {
    const raw = t.rawData;
    if (raw && raw.length) {
      if (raw.length !== count * 4) throw new OnnxError(`tensor ${t.name}: raw data holds ${raw.length} bytes, [${dimsOf(t)}] needs ${count * 4}`);
      return new Float32Array(Uint8Array.from(raw).buffer);
    }
    if ((t.floatData ?? []).length !== count) throw new OnnxError(`tensor ${t.name}: ${t.floatData?.length ?? 0} floats, [${dimsOf(t)}] needs ${count}`);
    return Float32Array.from(t.floatData ?? []);
  }
  if (t.dataType === INT64) {
    const raw = t.rawData;
    if (raw && raw.length) {
      const view = new DataView(Uint8Array.from(raw).buffer);
      return Array.from({ length: raw.length / 8 }, (_, i) => Number(view.getBigInt64(i * 8, true)));
    }
    return (t.int64Data ?? []).map(int);
  }
  if (t.dataType === INT32) {
    const raw = t.rawData;
    if (raw && raw.length) return Array.from(new Int32Array(Uint8Array.from(raw).buffer));
    return t.int32Data ?? [];
  }
  throw new OnnxError(`tensor ${t.name}: data type ${t.dataType} is not supported (float, int32 and int64 are)`);
}

export function dimsOf(t: TensorProto): number[] {
  return (t.dims ?? []).map(int);
}
