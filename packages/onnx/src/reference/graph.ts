// The graph runner: decodes a model, checks every node against the ops it knows before running
// anything, orders the nodes topologically (refusing cycles), and evaluates them in float64.
import { decodeModel } from '../decode-model.js';
import { OnnxError, toOnnxError } from '../onnx-error.js';
import { int, type GraphProto, type ModelProto, type NodeProto } from '../proto.js';
import { elementwiseOps } from './elementwise.js';
import { tensorFromProto, valueType, type ExternalDataReader } from './from-proto.js';
import { matmulOps } from './matmul.js';
import { NodeContext, type OpDef } from './node-context.js';
import { recurrentOps } from './recurrent.js';
import { reduceOps } from './reduce.js';
import { shapeOps } from './shape-ops.js';
import { isFloat, showDims, tensor, type DType, type Tensor } from './tensor.js';

/** If: evaluated by the graph runner itself, which runs the branch the condition picks (torch.onnx.export writes one for squeeze on a dynamic dim). */
const IF_OP: OpDef = { attributes: ['then_branch', 'else_branch'], run: () => { throw new OnnxError('If is run by the graph runner'); } };

/** Every op of the reference evaluator, by op type. */
const REFERENCE_OPS: Readonly<Record<string, OpDef>> = { ...recurrentOps, ...elementwiseOps, ...shapeOps, ...matmulOps, ...reduceOps, If: IF_OP };

/** The op types the reference evaluator runs (default ai.onnx domain), sorted. */
export const REFERENCE_OP_TYPES: readonly string[] = Object.keys(REFERENCE_OPS).sort();

/** The default-domain opsets the reference evaluator reads. */
export const REFERENCE_OPSETS: {
  /** The oldest opset read. */
  readonly min: number;
  /** The newest opset read. */
  readonly max: number;
} = { min: 7, max: 22 };

/** Options of loadReference. */
export interface ReferenceOptions {
  /** Reads external-data files (relative to the model); without it such tensors are refused. */
  externalData?: ExternalDataReader;
}

/** A graph input or output: name, declared element type and dims (symbolic dims by name). */
export interface ValueSignature {
  /** The value's name. */
  name: string;
  /** The declared element type, null when not declared or not a tensor type the evaluator knows. */
  dtype: DType | null;
  /** The declared dims (a name for a symbolic dim, '?' for an unknown one), null when no shape is declared. */
  dims: (number | string)[] | null;
}

/** A tensor handed to the evaluator: dtype defaults to the input's declared type (else float32). */
export interface TensorInput {
  /** The element type. */
  dtype?: DType;
  /** The shape. */
  dims: readonly number[];
  /** The values, row-major. */
  data: ArrayLike<number>;
}

/** A node's name for messages: its name, or its position when unnamed. */
function nodeLabel(node: NodeProto, index: number): string {
  return `node ${node.name ? `"${node.name}"` : `#${index}`} (${node.opType ?? '?'})`;
}

/** An ONNX model ready to run in the reference evaluator. */
export class ReferenceModel {
  /** The default-domain opset of the model. */
  readonly opset: number;
  /** Graph inputs that must be fed (initializers excluded). */
  readonly inputs: ValueSignature[];
  /** Graph outputs. */
  readonly outputs: ValueSignature[];
  private readonly order: Step[];
  private readonly initializers = new Map<string, Tensor>();

  constructor(model: ModelProto, private readonly options: ReferenceOptions = {}) {
    const graph = model.graph!;
    const opsets = (model.opsetImport ?? []).filter((o) => !o.domain || o.domain === 'ai.onnx');
    if (opsets.length === 0) throw new OnnxError('the model imports no default-domain (ai.onnx) opset');
    this.opset = int(opsets[0]!.version);
    if (this.opset < REFERENCE_OPSETS.min || this.opset > REFERENCE_OPSETS.max) {
      throw new OnnxError(`the model uses opset ${this.opset}; the reference evaluator reads opsets ${REFERENCE_OPSETS.min} to ${REFERENCE_OPSETS.max}`);
    }
    for (const t of graph.initializer ?? []) this.initializers.set(t.name ?? '', tensorFromProto(t, options.externalData));
    this.inputs = (graph.input ?? []).filter((v) => !this.initializers.has(v.name ?? '')).map((v) => ({ name: v.name ?? '', ...valueType(v) }));
    this.outputs = (graph.output ?? []).map((v) => ({ name: v.name ?? '', ...valueType(v) }));
    this.order = this.compile(graph, new Set([...this.initializers.keys(), ...this.inputs.map((i) => i.name)]));
  }

  /** Checks every node of a graph (and of its If branches) and orders them; `available` are the names already known. */
  private compile(graph: GraphProto, available: Set<string>): Step[] {
    const nodes = (graph.node ?? []).map((node, index) => ({ node, index, op: this.checkNode(node, index), branches: undefined as Branches | undefined }));
    const order = topologicalOrder(nodes, available);
    // Branches see every value computed before their If node; ordered here, they are checked before anything runs.
    const known = new Set(available);
    for (const step of order) {
      if (step.node.opType === 'If') step.branches = { then: this.branch(step, 'then_branch', known), else: this.branch(step, 'else_branch', known) };
      for (const o of step.node.output ?? []) if (o) known.add(o);
    }
    return order;
  }

  /** One branch of an If node, compiled against the values known before the node. */
  private branch(step: Step, name: string, known: Set<string>): Branch {
    const graph = (step.node.attribute ?? []).find((a) => a.name === name)?.g;
    if (!graph) throw new OnnxError(`${nodeLabel(step.node, step.index)}: has no ${name}`);
    const initializers = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', tensorFromProto(t, this.options.externalData)] as const));
    const outputs = (graph.output ?? []).map((o) => o.name ?? '');
    if (outputs.length !== (step.node.output ?? []).length) throw new OnnxError(`${nodeLabel(step.node, step.index)}: ${name} has ${outputs.length} outputs, the node ${(step.node.output ?? []).length}`);
    return { order: this.compile(graph, new Set([...known, ...initializers.keys()])), initializers, outputs };
  }

  /** The op of a node, or an error naming the node when the op, its opset or an attribute is unknown. */
  private checkNode(node: NodeProto, index: number): OpDef {
    const label = nodeLabel(node, index);
    if (node.domain && node.domain !== 'ai.onnx') throw new OnnxError(`${label}: domain "${node.domain}" is not supported by the reference evaluator (only the default ai.onnx ops are)`);
    const op = Object.hasOwn(REFERENCE_OPS, node.opType ?? '') ? REFERENCE_OPS[node.opType!] : undefined;
    if (!op) throw new OnnxError(`${label}: op ${node.opType} is not supported by the reference evaluator`);
    if (op.since !== undefined && this.opset < op.since) throw new OnnxError(`${label}: ${node.opType} does not exist in opset ${this.opset} (it appeared in opset ${op.since})`);
    const unknown = (node.attribute ?? []).find((a) => !op.attributes.includes(a.name ?? ''));
    if (unknown) throw new OnnxError(`${label}: attribute ${unknown.name} is not supported by the reference evaluator`);
    return op;
  }

  /** Evaluates the graph on `feeds` (one per input) and returns every graph output. */
  run(feeds: Record<string, TensorInput>): Record<string, Tensor> {
    const values = new Map<string, Tensor>(this.initializers);
    const unknown = Object.keys(feeds).find((name) => !this.inputs.some((i) => i.name === name));
    if (unknown !== undefined) throw new OnnxError(`the model has no input "${unknown}"; its inputs are ${this.inputs.map((i) => i.name).join(', ')}`);
    const symbols = new Map<string, number>();
    for (const input of this.inputs) values.set(input.name, checkFeed(input, feeds[input.name], symbols));
    this.evaluate(this.order, values);
    return Object.fromEntries(
      this.outputs.map((o) => {
        const t = values.get(o.name);
        if (!t) throw new OnnxError(`graph output "${o.name}" is not computed by any node`);
        if (o.dtype && o.dtype !== t.dtype) throw new OnnxError(`graph output "${o.name}" is ${t.dtype}, the model declares ${o.dtype}`);
        return [o.name, t];
      }),
    );
  }

  /** Runs ordered steps, adding their outputs to `values`. */
  private evaluate(order: Step[], values: Map<string, Tensor>): void {
    for (const { node, index, op, branches } of order) {
      const inputs = (node.input ?? []).map((name) => (name ? values.get(name) : undefined));
      let outputs: (Tensor | undefined)[];
      try {
        outputs = branches ? this.runIf(inputs[0], branches, values) : op.run(new NodeContext(node, inputs, this.opset, this.options.externalData));
      } catch (err) {
        const message = err instanceof OnnxError ? err.message : `internal error (${(err as Error).message})`;
        throw new OnnxError(`${nodeLabel(node, index)}: ${message}`);
      }
      (node.output ?? []).forEach((name, i) => {
        if (!name) return;
        const t = outputs[i];
        if (!t) throw new OnnxError(`${nodeLabel(node, index)}: output ${i} ("${name}") is not produced`);
        values.set(name, t);
      });
    }
  }

  /** If: the branch the one-element condition picks, run on a copy of the outer values. */
  private runIf(cond: Tensor | undefined, branches: Branches, outer: Map<string, Tensor>): Tensor[] {
    if (!cond || cond.data.length !== 1) throw new OnnxError(`the condition must hold one value, got ${cond ? showDims(cond.dims) : 'none'}`);
    const branch = cond.data[0] ? branches.then : branches.else;
    const values = new Map([...outer, ...branch.initializers]);
    this.evaluate(branch.order, values);
    return branch.outputs.map((name) => {
      const t = values.get(name);
      if (!t) throw new OnnxError(`branch output "${name}" is not computed`);
      return t;
    });
  }
}

/** A node ready to run: its op, and for If its two compiled branches. */
interface Step {
  node: NodeProto;
  index: number;
  op: OpDef;
  branches?: Branches | undefined;
}
interface Branch {
  order: Step[];
  initializers: Map<string, Tensor>;
  outputs: string[];
}
interface Branches {
  then: Branch;
  else: Branch;
}

/** The names a node reads: its inputs and, for If, what its branches read from outside them. */
function reads(node: NodeProto): string[] {
  const own = (node.input ?? []).filter(Boolean);
  if (node.opType !== 'If') return own;
  const outer = (node.attribute ?? []).flatMap((a) => (a.g ? [a.g] : [])).flatMap((g) => {
    const inside = new Set([...(g.initializer ?? []).map((t) => t.name ?? ''), ...(g.input ?? []).map((v) => v.name ?? ''), ...(g.node ?? []).flatMap((n) => n.output ?? [])]);
    return (g.node ?? []).flatMap(reads).filter((name) => !inside.has(name));
  });
  return [...own, ...outer];
}

/** A fed tensor checked against the input's declaration: type, rank, fixed and symbolic dims. */
function checkFeed(input: ValueSignature, feed: TensorInput | undefined, symbols: Map<string, number>): Tensor {
  const what = `input "${input.name}"`;
  if (!feed) throw new OnnxError(`${what} is not given`);
  const dtype = feed.dtype ?? input.dtype ?? 'float32';
  if (input.dtype && dtype !== input.dtype) throw new OnnxError(`${what} is ${dtype}, the model declares ${input.dtype}`);
  const t = tensor(dtype, feed.dims, feed.data, what);
  // As every runtime does with a float32 input: the values are float32 from here on.
  if (dtype === 'float32') t.data.forEach((v, i) => (t.data[i] = Math.fround(v)));
  if (!isFloat(dtype) && t.data.some((v) => !Number.isInteger(v))) throw new OnnxError(`${what} is ${dtype} but holds a non-integer value`);
  if (input.dims) {
    const declared = input.dims;
    if (declared.length !== t.dims.length) throw new OnnxError(`${what} has dims ${showDims(t.dims)}, the model declares [${declared.join(', ')}]`);
    declared.forEach((d, i) => {
      const got = t.dims[i]!;
      if (typeof d === 'number' && d !== got) throw new OnnxError(`${what} has dims ${showDims(t.dims)}, the model declares [${declared.join(', ')}]`);
      if (typeof d === 'string' && d !== '?') {
        if (symbols.has(d) && symbols.get(d) !== got) throw new OnnxError(`${what}: dim "${d}" is ${got} here but ${symbols.get(d)} in another input`);
        symbols.set(d, got);
      }
    });
  }
  return t;
}

/**
 * Refuses a graph whose nodes cannot be put in order, in the reference evaluator's words: a cycle,
 * named node by node, or a value that no node, input or initializer provides.
 */
export function checkNodeOrder(graph: GraphProto): void {
  const available = new Set([...(graph.initializer ?? []).map((t) => t.name ?? ''), ...(graph.input ?? []).map((v) => v.name ?? '')]);
  topologicalOrder((graph.node ?? []).map((node, index) => ({ node, index })), available);
}

/** Kahn's algorithm over value names; a node that never becomes ready is a cycle or a dangling input. */
function topologicalOrder<N extends { node: NodeProto; index: number }>(nodes: N[], available: Set<string>): N[] {
  const producer = new Map<string, N>();
  for (const n of nodes) {
    for (const o of n.node.output ?? []) {
      if (!o) continue;
      if (producer.has(o) || available.has(o)) throw new OnnxError(`${nodeLabel(n.node, n.index)}: value "${o}" is produced twice`);
      producer.set(o, n);
    }
  }
  const ready = new Set(available);
  const order: N[] = [];
  let pending = nodes;
  while (pending.length > 0) {
    const next = pending.filter((n) => !reads(n.node).every((i) => ready.has(i)));
    const runnable = pending.filter((n) => !next.includes(n));
    if (runnable.length === 0) break;
    for (const n of runnable) {
      order.push(n);
      for (const o of n.node.output ?? []) if (o) ready.add(o);
    }
    pending = next;
  }
  if (pending.length === 0) return order;
  for (const n of pending) {
    const dangling = reads(n.node).find((i) => !ready.has(i) && !producer.has(i));
    if (dangling) throw new OnnxError(`${nodeLabel(n.node, n.index)} reads "${dangling}", which no node, input or initializer provides`);
  }
  // Every pending node waits on another pending node: walking back from any of them meets a cycle.
  const waitingOn = (n: N) => producer.get(reads(n.node).find((i) => !ready.has(i))!)!;
  const path: N[] = [];
  let n = pending[0]!;
  while (!path.includes(n)) {
    path.push(n);
    n = waitingOn(n);
  }
  const cycle = path.slice(path.indexOf(n)).reverse();
  throw new OnnxError(`the graph has a cycle: ${[...cycle, cycle[0]!].map((c) => nodeLabel(c.node, c.index)).join(' → ')}`);
}

/** A model's signature, read without checking its ops: default-domain opset, inputs (initializers excluded), outputs. */
export interface ModelSignature {
  /** The default-domain (ai.onnx) opset, 0 when none is imported. */
  opset: number;
  /** Graph inputs that must be fed. */
  inputs: ValueSignature[];
  /** Graph outputs. */
  outputs: ValueSignature[];
  /** Graph inputs a recurrent node reads as sequence_lens, by name. */
  sequenceLens: Record<string, SequenceLensOf>;
}

/** What a sequence_lens input measures. */
export interface SequenceLensOf {
  /** The recurrent node's X. */
  x: string;
  /** X's time axis: 0, or 1 for layout=1. */
  timeAxis: number;
}

/** Reads a model's inputs and outputs with their declared types and dims (any runtime's view of the file). */
export function readSignature(model: Uint8Array | ModelProto): ModelSignature {
  try {
    const m = model instanceof Uint8Array ? decodeModel(model) : model;
    const graph = m.graph!;
    const inits = new Set((graph.initializer ?? []).map((t) => t.name ?? ''));
    const opset = (m.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
    const inputs = (graph.input ?? []).filter((v) => !inits.has(v.name ?? '')).map((v) => ({ name: v.name ?? '', ...valueType(v) }));
    const sequenceLens: ModelSignature['sequenceLens'] = {};
    for (const node of graph.node ?? []) {
      const lens = node.input?.[4], x = node.input?.[0];
      if (!['RNN', 'LSTM', 'GRU'].includes(node.opType ?? '') || !lens || !x || !inputs.some((i) => i.name === lens)) continue;
      const layout = (node.attribute ?? []).find((a) => a.name === 'layout');
      sequenceLens[lens] = { x, timeAxis: layout && int(layout.i) === 1 ? 1 : 0 };
    }
    return { opset: opset ? int(opset.version) : 0, inputs, outputs: (graph.output ?? []).map((v) => ({ name: v.name ?? '', ...valueType(v) })), sequenceLens };
  } catch (err) {
    throw toOnnxError(err);
  }
}

/** Decodes ONNX bytes (or takes a decoded ModelProto) and prepares it for the reference evaluator. */
export function loadReference(model: Uint8Array | ModelProto, options: ReferenceOptions = {}): ReferenceModel {
  try {
    return new ReferenceModel(model instanceof Uint8Array ? decodeModel(model) : model, options);
  } catch (err) {
    throw toOnnxError(err);
  }
}

/** Runs a model once in the reference evaluator: loadReference(model, options).run(feeds). */
export function runReference(model: Uint8Array | ModelProto, feeds: Record<string, TensorInput>, options: ReferenceOptions = {}): Record<string, Tensor> {
  const loaded = loadReference(model, options);
  try {
    return loaded.run(feeds);
  } catch (err) {
    throw toOnnxError(err);
  }
}
