// Model-local functions (ModelProto.functions, as torch's dynamo exporter and onnxscript write
// them): a node whose (domain, op type) names a function runs the function's body, with the
// body's attribute references (ref_attr_name) bound to the calling node's attributes.
import { OnnxError } from '../onnx-error.js';
import { int, type AttributeProto, type ModelProto, type NodeProto } from '../proto.js';
import type { onnx as Onnx } from 'onnx-proto';

/** A FunctionProto. */
export type FunctionProto = Onnx.IFunctionProto;

/** The key of a function: domain and name. */
export const functionKey = (domain: string | null | undefined, name: string | null | undefined): string => `${domain || 'ai.onnx'}::${name ?? ''}`;

/** The model's functions by key; a repeated (domain, name) is refused. */
export function modelFunctions(model: ModelProto): Map<string, FunctionProto> {
  const map = new Map<string, FunctionProto>();
  for (const f of model.functions ?? []) {
    const key = functionKey(f.domain, f.name);
    if (map.has(key)) throw new OnnxError(`the model defines function "${f.name}" of domain "${f.domain ?? ''}" twice`);
    map.set(key, f);
  }
  return map;
}

/** The default-domain opset a function's body uses: its own import, else the model's. */
export function functionOpset(f: FunctionProto, modelOpset: number): number {
  const own = (f.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
  return own ? int(own.version) : modelOpset;
}

/**
 * The function's body nodes for one call: every attribute that refers to one of the function's
 * attributes (ref_attr_name) takes the calling node's value, or is dropped (the op's default)
 * when the call does not set it; subgraph attributes are bound too.
 */
export function bindAttributes(f: FunctionProto, call: NodeProto): NodeProto[] {
  const given = new Map((call.attribute ?? []).map((a) => [a.name ?? '', a] as const));
  const declared = new Set(f.attribute ?? []);
  const unknown = (call.attribute ?? []).find((a) => !declared.has(a.name ?? ''));
  if (unknown) throw new OnnxError(`function "${f.name}" has no attribute ${unknown.name}`);
  const bindNode = (node: NodeProto): NodeProto => ({
    ...node,
    attribute: (node.attribute ?? []).flatMap((a): AttributeProto[] => {
      if (a.refAttrName) {
        const value = given.get(a.refAttrName);
        return value ? [{ ...value, name: a.name }] : [];
      }
      if (a.g) return [{ ...a, g: { ...a.g, node: (a.g.node ?? []).map(bindNode) } }];
      return [a];
    }),
  });
  return (f.node ?? []).map(bindNode);
}
