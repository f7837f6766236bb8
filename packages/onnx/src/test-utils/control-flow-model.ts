// Builds models with subgraphs and model-local functions for tests, on top of buildModel.
import { onnx, type GraphProto } from '../proto.js';
import { buildModel, type NodeSpec, type ValueSpec } from './onnx-model.js';
import type { TensorProto } from '../proto.js';

/** A subgraph (a Loop/Scan body, an If branch) from the same spec as buildModel's. */
export function subgraph(spec: { nodes: NodeSpec[]; inputs: ValueSpec[]; outputs: ValueSpec[]; initializers?: TensorProto[] }): GraphProto {
  return onnx.ModelProto.decode(buildModel(spec)).graph!;
}

/** A model-local function: domain, name, inputs, outputs, attribute names and body nodes. */
export interface FunctionSpec {
  domain: string;
  name: string;
  inputs: string[];
  outputs: string[];
  attributes?: string[];
  nodes: NodeSpec[];
  /** Attributes of body nodes that refer to the function's: node index → attribute name → function attribute. */
  refs?: Record<number, Record<string, string>>;
}

/** buildModel plus model-local functions (and an opset import for each of their domains). */
export function buildModelWithFunctions(spec: Parameters<typeof buildModel>[0] & { functions: FunctionSpec[] }): Uint8Array {
  const model = onnx.ModelProto.decode(buildModel(spec));
  const domains = new Set(spec.functions.map((f) => f.domain).filter(Boolean));
  for (const d of domains) model.opsetImport.push(onnx.OperatorSetIdProto.create({ domain: d, version: 1 }));
  model.functions = spec.functions.map((f) => {
    const body = onnx.ModelProto.decode(buildModel({ opset: spec.opset, nodes: f.nodes, inputs: [], outputs: [] })).graph!.node ?? [];
    for (const [i, refs] of Object.entries(f.refs ?? {})) {
      for (const [attr, ref] of Object.entries(refs)) (body[Number(i)]!.attribute ??= []).push(onnx.AttributeProto.create({ name: attr, refAttrName: ref, type: 1 }));
    }
    return onnx.FunctionProto.create({ domain: f.domain, name: f.name, input: f.inputs, output: f.outputs, attribute: f.attributes ?? [], node: body, opsetImport: [{ domain: '', version: spec.opset ?? 17 }, ...[...domains].map((d) => ({ domain: d, version: 1 }))] });
  });
  return onnx.ModelProto.encode(model).finish();
}
