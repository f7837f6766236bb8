// ONNX TensorProto and value types → reference tensors: every numeric data type, from raw_data
// or the typed fields, and external data through a caller-supplied reader (no file system here).
import { OnnxError } from '../onnx-error.js';
import { int, type TensorProto, type ValueInfoProto } from '../proto.js';
import { showDims, sizeOf, type DType, type Tensor } from './tensor.js';

/** ONNX TensorProto.DataType codes of the types the evaluator knows. */
const DTYPES: Record<number, DType> = {
  1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64',
  9: 'bool', 10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64',
};
const NAMES: Record<number, string> = { 8: 'string', 14: 'complex64', 15: 'complex128', 16: 'bfloat16', 17: 'float8e4m3fn', 18: 'float8e4m3fnuz', 19: 'float8e5m2', 20: 'float8e5m2fnuz', 21: 'uint4', 22: 'int4', 23: 'float4e2m1' };

/** Bytes per value in raw_data. */
const WIDTH: Record<DType, number> = { float16: 2, float32: 4, float64: 8, int8: 1, int16: 2, int32: 4, int64: 8, uint8: 1, uint16: 2, uint32: 4, uint64: 8, bool: 1 };

/**
 * Reads the bytes of an external-data file named by a tensor's `location`, relative to the model;
 * returns null when the file does not exist.
 */
export type ExternalDataReader = (location: string) => Uint8Array | null;

/** The evaluator's dtype for an ONNX data type code, or an error naming the type. */
export function dtypeOf(code: number, what: string): DType {
  const dtype = DTYPES[code];
  if (!dtype) throw new OnnxError(`${what} has data type ${NAMES[code] ?? code}, which the reference evaluator does not support`);
  return dtype;
}

/** The ONNX data type code of a dtype (for Cast's `to`). */
export function dtypeCode(dtype: DType): number {
  return Number(Object.entries(DTYPES).find(([, d]) => d === dtype)![0]);
}

/** The declared element type and dims of a graph input or output (symbolic dims as names, unknown as '?'). */
export function valueType(v: ValueInfoProto): { dtype: DType | null; dims: (number | string)[] | null } {
  const t = v.type?.tensorType;
  if (!t) return { dtype: null, dims: null };
  const dtype = t.elemType ? (DTYPES[t.elemType] ?? null) : null;
  const dims = t.shape ? (t.shape.dim ?? []).map((d) => (d.dimParam ? d.dimParam : d.dimValue !== null && d.dimValue !== undefined ? int(d.dimValue) : '?')) : null;
  return { dtype, dims };
}

/** A TensorProto (initializer, Constant value) as a reference tensor. */
export function tensorFromProto(t: TensorProto, external?: ExternalDataReader): Tensor {
  const what = `tensor "${t.name ?? ''}"`;
  const dtype = dtypeOf(t.dataType ?? 0, what);
  const dims = (t.dims ?? []).map(int);
  const size = sizeOf(dims, what);
  if (t.segment) throw new OnnxError(`${what} is segmented, which the reference evaluator does not support`);
  let raw = t.rawData && t.rawData.length ? t.rawData : null;
  if (t.dataLocation === 1) raw = externalBytes(t, what, external);
  const data = new Float64Array(size);
  if (raw) {
    if (raw.length !== size * WIDTH[dtype]) throw new OnnxError(`${what}: ${raw.length} bytes of data, ${showDims(dims)} of ${dtype} needs ${size * WIDTH[dtype]}`);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let i = 0; i < size; i++) data[i] = readRaw(view, dtype, i);
    return { dtype, dims, data };
  }
  // The typed fields: float_data, double_data, int64_data, uint64_data, or int32_data for the rest.
  const field: ArrayLike<number | { toNumber(): number }> =
    dtype === 'float32' ? (t.floatData ?? []) : dtype === 'float64' ? (t.doubleData ?? []) : dtype === 'int64' ? (t.int64Data ?? []) : dtype === 'uint64' || dtype === 'uint32' ? (t.uint64Data ?? []) : (t.int32Data ?? []);
  if (field.length !== size) throw new OnnxError(`${what}: ${field.length} values, ${showDims(dims)} needs ${size}`);
  for (let i = 0; i < size; i++) {
    const v = int(field[i] as number);
    data[i] = dtype === 'float16' ? halfToNumber(v) : dtype === 'bool' ? (v ? 1 : 0) : v;
  }
  return { dtype, dims, data };
}

function externalBytes(t: TensorProto, what: string, external: ExternalDataReader | undefined): Uint8Array {
  const entry = (key: string) => (t.externalData ?? []).find((e) => e.key === key)?.value ?? undefined;
  const location = entry('location');
  if (!location) throw new OnnxError(`${what} is stored as external data without a location`);
  if (!external) throw new OnnxError(`${what} is stored in the external file "${location}", which cannot be read here; pass the model's folder (externalData) to read it`);
  const bytes = external(location);
  if (!bytes) throw new OnnxError(`${what} is stored in the external file "${location}", which is missing; put it beside the model`);
  const offset = Number(entry('offset') ?? 0), length = entry('length') !== undefined ? Number(entry('length')) : bytes.length - offset;
  if (!(offset >= 0 && length >= 0 && offset + length <= bytes.length)) throw new OnnxError(`${what}: external file "${location}" holds ${bytes.length} bytes, fewer than offset ${offset} + length ${length}`);
  return bytes.subarray(offset, offset + length);
}

function readRaw(view: DataView, dtype: DType, i: number): number {
  switch (dtype) {
    case 'float32': return view.getFloat32(i * 4, true);
    case 'float64': return view.getFloat64(i * 8, true);
    case 'float16': return halfToNumber(view.getUint16(i * 2, true));
    case 'int8': return view.getInt8(i);
    case 'uint8': return view.getUint8(i);
    case 'bool': return view.getUint8(i) ? 1 : 0;
    case 'int16': return view.getInt16(i * 2, true);
    case 'uint16': return view.getUint16(i * 2, true);
    case 'int32': return view.getInt32(i * 4, true);
    case 'uint32': return view.getUint32(i * 4, true);
    case 'int64': return Number(view.getBigInt64(i * 8, true));
    case 'uint64': return Number(view.getBigUint64(i * 8, true));
  }
}

/** IEEE 754 half-precision bits → number. */
function halfToNumber(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1, exp = (bits >> 10) & 0x1f, frac = bits & 0x3ff;
  if (exp === 0) return sign * frac * 2 ** -24;
  if (exp === 31) return frac ? NaN : sign * Infinity;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}
