// A minimal reader of ONNX TensorProto `.pb` files (float tensors only), enough to run
// ONNX's backend test vectors. The full reader belongs to @rnnkit/onnx.
export interface FloatTensor { name: string; dims: number[]; data: Float32Array }

export function readTensorProto(input: Uint8Array): FloatTensor {
  const bytes = new Uint8Array(input); // a copy: a Node Buffer may share a larger pool
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  const varint = (): number => {
    let result = 0, shift = 0, b: number;
    do { b = bytes[pos++]!; result += (b & 0x7f) * 2 ** shift; shift += 7; } while (b & 0x80);
    return result;
  };
  const out: FloatTensor = { name: '', dims: [], data: new Float32Array() };
  const floats: number[] = [];
  let dataType = 1;
  while (pos < bytes.length) {
    const key = varint(), field = Math.floor(key / 8), wire = key & 7;
    if (wire === 0) {
      const v = varint();
      if (field === 1) out.dims.push(v);
      if (field === 2) dataType = v;
    } else if (wire === 2) {
      const len = varint(), end = pos + len;
      if (field === 1) while (pos < end) out.dims.push(varint());
      else if (field === 4) for (; pos < end; pos += 4) floats.push(view.getFloat32(pos, true));
      else if (field === 8) out.name = new TextDecoder().decode(bytes.subarray(pos, end));
      else if (field === 9) out.data = new Float32Array(bytes.slice(pos, end).buffer);
      pos = end;
    } else if (wire === 5) {
      if (field === 4) floats.push(view.getFloat32(pos, true));
      pos += 4;
    } else if (wire === 1) pos += 8;
    else throw new Error(`unsupported protobuf wire type ${wire}`);
  }
  if (dataType !== 1) throw new Error(`only float tensors are supported, got data_type ${dataType}`);
  if (floats.length) out.data = Float32Array.from(floats);
  return out;
}
