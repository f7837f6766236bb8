// Builds small ONNX models for tests: nodes with attributes, typed inputs, initializers.
import { onnx, type AttributeProto, type GraphProto, type TensorProto } from '../proto.js';

/** Element type codes used by the tests. */
export const TYPE = { float32: 1, int32: 6, int64: 7, bool: 9, float64: 11 } as const;
export type TypeName = keyof typeof TYPE;

/** An attribute value: ints are `i`, `{ f }` a float, `{ floats }` floats, strings `s`. */
export type Attr = number | number[] | string | string[] | { f: number } | { floats: number[] } | { t: TensorProto } | { g: GraphProto };

export interface NodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  attrs?: Record<string, Attr>;
  name?: string;
  domain?: string;
}

export interface ValueSpec {
  name: string;
  type?: TypeName;
  dims?: (number | string)[];
}

/** A typed tensor proto (float64 as double_data, float32 as float_data, ints as int64/int32 data). */
export function tensorProto(name: string, type: TypeName, dims: number[], data: number[]): TensorProto {
  const t: TensorProto = { name, dims, dataType: TYPE[type] };
  if (type === 'float32') t.floatData = data;
  else if (type === 'float64') t.doubleData = data;
  else if (type === 'int64') t.int64Data = data;
  else t.int32Data = data;
  return t;
}

function attribute(name: string, v: Attr): AttributeProto {
  const enc = (s: string) => new TextEncoder().encode(s);
  if (typeof v === 'number') return { name, type: 2, i: v };
  if (typeof v === 'string') return { name, type: 3, s: enc(v) };
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') && v.length > 0 ? { name, type: 8, strings: (v as string[]).map(enc) } : { name, type: 7, ints: v as number[] };
  if ('f' in v) return { name, type: 1, f: v.f };
  if ('floats' in v) return { name, type: 6, floats: v.floats };
  if ('g' in v) return { name, type: 5, g: v.g };
  return { name, type: 4, t: v.t };
}

/** A graph input/output; without `type` the value is declared untyped. */
const valueInfo = (v: ValueSpec) => ({
  name: v.name,
  ...(v.type ? { type: { tensorType: { elemType: TYPE[v.type], ...(v.dims ? { shape: { dim: v.dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) } } : {}) } } } : {}),
});

/** Encodes a one-graph model. */
export function buildModel(spec: { opset?: number; nodes: NodeSpec[]; inputs: ValueSpec[]; outputs: ValueSpec[]; initializers?: TensorProto[]; metadata?: Record<string, string> }): Uint8Array {
  const model = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: spec.opset ?? 17 }],
    graph: {
      name: 'test',
      node: spec.nodes.map((n, i) => ({ name: n.name ?? `n${i}`, opType: n.op, input: n.inputs, output: n.outputs, domain: n.domain ?? '', attribute: Object.entries(n.attrs ?? {}).map(([k, v]) => attribute(k, v)) })),
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
      initializer: spec.initializers ?? [],
    },
    metadataProps: Object.entries(spec.metadata ?? {}).map(([key, value]) => ({ key, value })),
  };
  return onnx.ModelProto.encode(onnx.ModelProto.fromObject(model)).finish();
}
