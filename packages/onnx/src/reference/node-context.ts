// What an op sees of its node: the input tensors, the opset, and typed attribute getters.
// Every op declares the attributes it understands; the graph runner refuses any other, so an
// attribute the evaluator would silently ignore can never change a number.
import { OnnxError } from '../onnx-error.js';
import { int, type AttributeProto, type NodeProto } from '../proto.js';
import { tensorFromProto, type ExternalDataReader } from './from-proto.js';
import { isFloat, showDims, type DType, type Tensor } from './tensor.js';

/** One ONNX op of the reference evaluator. */
export interface OpDef {
  /** The first default-domain opset that has the op. */
  since?: number;
  /** The attributes the implementation reads; any other attribute on the node is refused. */
  attributes: readonly string[];
  /** Computes the outputs (undefined for an output the node does not ask for). */
  run(ctx: NodeContext): (Tensor | undefined)[];
}

/** A node's inputs, attributes and opset, as handed to an op. */
export class NodeContext {
  constructor(
    /** The node. */
    readonly node: NodeProto,
    /** The input tensors in order; undefined for an omitted optional input (empty name). */
    readonly inputs: (Tensor | undefined)[],
    /** The default-domain opset of the model. */
    readonly opset: number,
    private readonly external?: ExternalDataReader,
  ) {}

  /** How many outputs the node lists (empty names included). */
  get outputCount(): number {
    return (this.node.output ?? []).length;
  }

  /** Whether output `i` is asked for (listed with a non-empty name). */
  wants(i: number): boolean {
    return Boolean(this.node.output?.[i]);
  }

  /** Input `i`, which must be present. */
  input(i: number, what = `input ${i}`): Tensor {
    const t = this.inputs[i];
    if (!t) throw new OnnxError(`${what} (input ${i}) is missing`);
    return t;
  }

  /** Input `i` if present. */
  optional(i: number): Tensor | undefined {
    return this.inputs[i];
  }

  /** Input `i`, which must hold floats. */
  floatInput(i: number, what = `input ${i}`): Tensor {
    const t = this.input(i, what);
    if (!isFloat(t.dtype)) throw new OnnxError(`${what} must be a float tensor, got ${t.dtype}`);
    return t;
  }

  /** An attribute by name. */
  attr(name: string): AttributeProto | undefined {
    return (this.node.attribute ?? []).find((a) => a.name === name);
  }

  /** An int attribute, or `fallback`. */
  int(name: string, fallback: number): number;
  int(name: string, fallback?: number): number | undefined;
  int(name: string, fallback?: number): number | undefined {
    const a = this.attr(name);
    return a ? int(a.i) : fallback;
  }

  /** An int-list attribute, or undefined. */
  ints(name: string): number[] | undefined {
    const a = this.attr(name);
    return a ? (a.ints ?? []).map(int) : undefined;
  }

  /** A float attribute, or `fallback`. */
  float(name: string, fallback: number): number;
  float(name: string, fallback?: number): number | undefined;
  float(name: string, fallback?: number): number | undefined {
    const a = this.attr(name);
    return a ? (a.f ?? 0) : fallback;
  }

  /** A float-list attribute, or undefined. */
  floats(name: string): number[] | undefined {
    const a = this.attr(name);
    return a ? [...(a.floats ?? [])] : undefined;
  }

  /** A string attribute, or `fallback`. */
  string(name: string, fallback: string): string;
  string(name: string, fallback?: string): string | undefined;
  string(name: string, fallback?: string): string | undefined {
    const a = this.attr(name);
    return a ? new TextDecoder().decode(a.s ?? new Uint8Array()) : fallback;
  }

  /** A string-list attribute, or undefined. */
  strings(name: string): string[] | undefined {
    const a = this.attr(name);
    return a ? (a.strings ?? []).map((s) => new TextDecoder().decode(s)) : undefined;
  }

  /** A tensor attribute, or undefined. */
  tensor(name: string): Tensor | undefined {
    const t = this.attr(name)?.t;
    return t ? tensorFromProto(t, this.external) : undefined;
  }

  /** Throws unless all these tensors share one dtype. */
  sameType(...ts: (Tensor | undefined)[]): DType {
    const present = ts.filter((t): t is Tensor => t !== undefined);
    const dtype = present[0]!.dtype;
    const other = present.find((t) => t.dtype !== dtype);
    if (other) throw new OnnxError(`inputs have different types (${dtype} ${showDims(present[0]!.dims)} and ${other.dtype} ${showDims(other.dims)})`);
    return dtype;
  }
}

/** An error for an attribute value the evaluator does not implement. */
export function unsupported(what: string): OnnxError {
  return new OnnxError(`${what} is not supported by the reference evaluator`);
}
