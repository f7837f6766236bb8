import { OnnxError } from './onnx-error.js';
import { dimsOf, int, tensorValues, type AttributeProto, type GraphProto, type NodeProto } from './proto.js';

/** A constant of the graph: an initializer or a Constant node's value. */
export interface Constant {
  dims: number[];
  values: Float32Array | number[];
}

/** Lookups over a graph: who produces a value, which values are constant, node attributes. */
export class GraphIndex {
  readonly producer = new Map<string, { node: NodeProto; index: number }>();
  readonly constants = new Map<string, Constant>();
  readonly inputs: string[];

  constructor(readonly graph: GraphProto) {
    for (const t of graph.initializer ?? []) this.constants.set(t.name ?? '', { dims: dimsOf(t), values: tensorValues(t) });
    const initNames = new Set(this.constants.keys());
    this.inputs = (graph.input ?? []).map((i) => i.name ?? '').filter((n) => !initNames.has(n));
    for (const node of graph.node ?? []) {
      (node.output ?? []).forEach((o, index) => o && this.producer.set(o, { node, index }));
      if (node.opType === 'Constant') {
        const value = attr(node, 'value')?.t;
        if (!value) throw new OnnxError(`Constant node ${node.name ?? ''} has no tensor value (only 'value' is supported)`);
        this.constants.set(node.output![0]!, { dims: dimsOf(value), values: tensorValues(value) });
      }
    }
  }

  /** The constant behind a value name, or an error naming what was expected. */
  constant(name: string | undefined | null, what: string): Constant {
    const c = name ? this.constants.get(name) : undefined;
    if (!c) throw new OnnxError(`${what} must be a constant (an initializer), but "${name}" is computed`);
    return c;
  }
}

/** A node's attribute by name. */
export function attr(node: NodeProto, name: string): AttributeProto | undefined {
  return (node.attribute ?? []).find((a) => a.name === name);
}

/** An integer attribute, or `fallback` when absent. */
export function intAttr(node: NodeProto, name: string, fallback: number): number {
  const a = attr(node, name);
  return a ? int(a.i) : fallback;
}

/** An integer-list attribute, or undefined. */
export function intsAttr(node: NodeProto, name: string): number[] | undefined {
  const a = attr(node, name);
  return a ? (a.ints ?? []).map(int) : undefined;
}
