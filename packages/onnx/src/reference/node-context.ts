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

/** A sequence value (SequenceEmpty, SequenceInsert, a loop's list): tensors of one element type. */
export interface TensorSequence {
  /** Tells a sequence from a tensor. */
  readonly kind: 'sequence';
  /** The element type of its tensors. */
  readonly dtype: DType;
  /** The tensors, in order. */
  readonly items: readonly Tensor[];
}

/** A value of the graph: a tensor or a sequence of tensors. */
export type Value = Tensor | TensorSequence;

/** True when a value is a sequence. */
export function isSequence(v: Value | undefined): v is TensorSequence {
  return v !== undefined && (v as TensorSequence).kind === 'sequence';
}

/** What a control-flow op can do with its node's graph attributes (body, then_branch, ...). */
export interface SubgraphRunner {
  /** Runs graph attribute `name`, its inputs bound by position, and returns its outputs. */
  run(name: string, inputs: (Value | undefined)[]): Value[];
  /** The graph's declared inputs and outputs (dims as declared, null when not). */
  signature(name: string): { inputs: string[]; outputs: { name: string; dtype: DType | null; dims: (number | string)[] | null }[] };
  /** Counts one loop iteration against the run's step budget; throws once it is spent. */
  step(): void;
}

/** An op that takes or makes sequences or runs subgraphs: sees every value, tensors and sequences. */
export interface ValueOpDef {
  /** The first default-domain opset that has the op. */
  since?: number;
  /** The attributes the implementation reads (graph attributes included). */
  attributes: readonly string[];
  /** The attributes that hold subgraphs, compiled and checked before anything runs. */
  graphs?: readonly string[];
  /** Computes the outputs. */
  runValues(ctx: ValueContext): (Value | undefined)[];
}

/** A NodeContext that also sees sequence inputs and can run the node's subgraphs. */
export class ValueContext extends NodeContext {
  constructor(
    node: NodeProto,
    /** The input values in order (tensors or sequences); undefined for an omitted input. */
    readonly values: (Value | undefined)[],
    opset: number,
    /** Runs the node's subgraphs. */
    readonly graphs: SubgraphRunner,
    external?: ExternalDataReader,
  ) {
    super(node, values.map((v) => (isSequence(v) ? undefined : v)), opset, external);
  }

  /** Input `i`, which must be a sequence. */
  sequence(i: number, what = `input ${i}`): TensorSequence {
    const v = this.values[i];
    if (!isSequence(v)) throw new OnnxError(`${what} (input ${i}) must be a sequence, got ${v ? `a tensor ${showDims(v.dims)}` : 'nothing'}`);
    return v;
  }

  /** Input `i`, which must be a tensor (not a sequence). */
  override input(i: number, what = `input ${i}`): Tensor {
    if (isSequence(this.values[i])) throw new OnnxError(`${what} (input ${i}) must be a tensor, got a sequence`);
    return super.input(i, what);
  }
}
