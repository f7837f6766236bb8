// The graph runner: decodes a model, checks every node against the ops it knows before running
// anything, orders the nodes topologically (refusing cycles), and evaluates them in float64.
import { decodeModel } from '../decode-model.js';
import { OnnxError, readingOnnx, toOnnxError } from '../onnx-error.js';
import { MAX_LOOP_STEPS } from '../limits.js';
import { int, type GraphProto, type ModelProto, type NodeProto, type TensorProto, type ValueInfoProto } from '../proto.js';
import { controlFlowOps } from './control-flow.js';
import { elementwiseOps } from './elementwise.js';
import { tensorFromProto, valueType, type ExternalDataReader } from './from-proto.js';
import { bindAttributes, functionKey, functionOpset, modelFunctions, type FunctionProto } from './functions.js';
import { matmulOps } from './matmul.js';
import { isSequence, NodeContext, ValueContext, type OpDef, type SubgraphRunner, type Value, type ValueOpDef } from './node-context.js';
import { normalizationOps } from './normalization.js';
import { recurrentOps } from './recurrent.js';
import { reduceOps } from './reduce.js';
import { sequenceOps } from './sequence.js';
import { shapeOps } from './shape-ops.js';
import { isFloat, showDims, tensor, type DType, type Tensor } from './tensor.js';

/** Every op of the reference evaluator, by op type: tensor ops, and ops that see sequences or run subgraphs. */
const REFERENCE_OPS: Readonly<Record<string, OpDef | ValueOpDef>> = { ...recurrentOps, ...elementwiseOps, ...shapeOps, ...matmulOps, ...reduceOps, ...normalizationOps, ...controlFlowOps, ...sequenceOps };

/** The op types the reference evaluator runs (default ai.onnx domain), sorted. */
export const REFERENCE_OP_TYPES: readonly string[] = Object.keys(REFERENCE_OPS).sort();

/** The op types that run subgraphs. */
export const CONTROL_FLOW_OP_TYPES: readonly string[] = Object.keys(controlFlowOps).sort();

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
  /** The step budget of one run: loop iterations in all (default MAX_LOOP_STEPS, limits.ts). */
  maxSteps?: number;
  /** A time limit for one run in milliseconds, checked before each node (none by default). */
  timeLimitMs?: number;
}

/** A graph input or output: name, declared element type and dims (symbolic dims by name). */
export interface ValueSignature {
  /** The value's name. */
  name: string;
  /** The declared element type, null when not declared or not a tensor type the evaluator knows. */
  dtype: DType | null;
  /** The declared dims (a name for a symbolic dim, '?' for an unknown one), null when no shape is declared. */
  dims: (number | string)[] | null;
  /** True when the value is declared as a sequence of tensors (dtype is then the element type). */
  sequence?: boolean;
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

/** The part of a graph the runner needs (a model's graph, a subgraph or a function body). */
interface GraphLike {
  node: NodeProto[];
  initializer: TensorProto[];
  input: string[];
  output: ValueSignature[];
}

const graphLike = (g: GraphProto): GraphLike => ({
  node: g.node ?? [],
  initializer: g.initializer ?? [],
  input: (g.input ?? []).map((v) => v.name ?? ''),
  output: (g.output ?? []).map((v) => ({ name: v.name ?? '', ...valueType(v) })),
});

/** A graph ready to run: its nodes in order, initializers, input and output names. */
interface Compiled {
  order: Step[];
  initializers: Map<string, Tensor>;
  inputs: string[];
  outputs: ValueSignature[];
}

/** A node ready to run: its op (or the function it calls), its opset, its compiled subgraphs. */
interface Step {
  node: NodeProto;
  index: number;
  opset: number;
  op?: OpDef | ValueOpDef;
  /** The body of the model-local function the node calls. */
  call?: Compiled;
  graphs: Record<string, Compiled>;
}

/** Values by name, looked up through the enclosing scopes (a body sees its outer graph's values). */
class Scope {
  private readonly values = new Map<string, Value>();
  constructor(private readonly parent?: Scope) {}
  get(name: string): Value | undefined {
    return this.values.get(name) ?? this.parent?.get(name);
  }
  set(name: string, v: Value): void {
    this.values.set(name, v);
  }
}

/** One run's state: the loop iterations spent of the step budget. */
interface RunState {
  steps: number;
  maxSteps: number;
  /** Date.now() past which the run stops (Infinity: no limit). */
  deadline: number;
}

/** An ONNX model ready to run in the reference evaluator (what loadReference returns). */
export interface ReferenceModel {
  /** The default-domain opset of the model. */
  readonly opset: number;
  /** Graph inputs that must be fed (initializers excluded). */
  readonly inputs: ValueSignature[];
  /** Graph outputs. */
  readonly outputs: ValueSignature[];
  /** Evaluates the graph on `feeds` (one per input) and returns every graph output, tensors only. */
  run(feeds: Record<string, TensorInput>): Record<string, Tensor>;
  /** Evaluates the graph: tensor feeds, or sequences of tensors for sequence inputs; outputs may be sequences. */
  runValues(feeds: Record<string, TensorInput | TensorInput[]>): Record<string, Value>;
}

/** The evaluator's compiled model: the main graph and the model's functions, checked and ordered once (not exported by the package). */
export class CompiledModel implements ReferenceModel {
  /** The default-domain opset of the model. */
  readonly opset: number;
  /** Graph inputs that must be fed (initializers excluded). */
  readonly inputs: ValueSignature[];
  /** Graph outputs. */
  readonly outputs: ValueSignature[];
  private readonly main: Compiled;
  /** The main graph's steps in order (tests read the op types). */
  private get order(): Step[] {
    return this.main.order;
  }
  private readonly functions: Map<string, FunctionProto>;

  constructor(model: ModelProto, private readonly options: ReferenceOptions = {}) {
    const graph = model.graph!;
    const opsets = (model.opsetImport ?? []).filter((o) => !o.domain || o.domain === 'ai.onnx');
    if (opsets.length === 0) throw new OnnxError('the model imports no default-domain (ai.onnx) opset');
    this.opset = int(opsets[0]!.version);
    if (this.opset < REFERENCE_OPSETS.min || this.opset > REFERENCE_OPSETS.max) {
      throw new OnnxError(`the model uses opset ${this.opset}; the reference evaluator reads opsets ${REFERENCE_OPSETS.min} to ${REFERENCE_OPSETS.max}`);
    }
    this.functions = modelFunctions(model);
    for (const f of this.functions.values()) {
      if ((!f.domain || f.domain === 'ai.onnx') && Object.hasOwn(REFERENCE_OPS, f.name ?? '')) throw new OnnxError(`function "${f.name}" is defined in the default domain, where ${f.name} is a standard op: which one a node means is ambiguous, so the reference evaluator refuses the file (give the function its own domain)`);
    }
    const initializers = new Set((graph.initializer ?? []).map((t) => t.name ?? ''));
    this.inputs = (graph.input ?? []).filter((v) => !initializers.has(v.name ?? '')).map(signatureOf);
    this.outputs = (graph.output ?? []).map(signatureOf);
    const like = graphLike(graph);
    like.input = this.inputs.map((i) => i.name);
    this.main = this.compile(like, new Set(), this.opset, []);
  }

  /**
   * Checks every node of a graph, its subgraphs and the functions it calls, and orders them;
   * `outer` are the names the graph may read from enclosing graphs, `calls` the functions being compiled.
   */
  private compile(graph: GraphLike, outer: Set<string>, opset: number, calls: string[]): Compiled {
    const initializers = new Map(graph.initializer.map((t) => [t.name ?? '', tensorFromProto(t, this.options.externalData)] as const));
    const local = new Set([...initializers.keys(), ...graph.input]);
    const nodes = graph.node.map((node, index): Step => ({ node, index, opset, graphs: {}, ...this.checkNode(node, index, opset, calls) }));
    const order = topologicalOrder(nodes, new Set([...outer, ...local]), local);
    // Subgraphs see every value computed before their node; compiled here, they are checked before anything runs.
    const known = new Set([...outer, ...local]);
    for (const step of order) {
      const graphs = step.op && 'graphs' in step.op ? (step.op.graphs ?? []) : [];
      for (const name of graphs) {
        const g = (step.node.attribute ?? []).find((a) => a.name === name)?.g;
        if (!g) {
          if (step.node.opType === 'Scan' || step.node.opType === 'Loop' || step.node.opType === 'If') throw new OnnxError(`${nodeLabel(step.node, step.index)}: has no ${name}`);
          continue;
        }
        try {
          step.graphs[name] = this.compile(graphLike(g), known, opset, calls);
        } catch (err) {
          throw new OnnxError(`${nodeLabel(step.node, step.index)}: ${name}: ${toOnnxError(err).message}`);
        }
      }
      for (const o of step.node.output ?? []) if (o) known.add(o);
    }
    return { order, initializers, inputs: graph.input, outputs: graph.output };
  }

  /** The op of a node or the function it calls, or an error naming the node when the op, its opset or an attribute is unknown. */
  private checkNode(node: NodeProto, index: number, opset: number, calls: string[]): { op?: OpDef | ValueOpDef; call?: Compiled } {
    const label = nodeLabel(node, index);
    const key = functionKey(node.domain, node.opType);
    const f = this.functions.get(key);
    if (f) {
      if (calls.includes(key)) throw new OnnxError(`${label}: function "${f.name}" calls itself (${[...calls, key].map((k) => k.split('::')[1]).join(' → ')}); the reference evaluator refuses recursive functions`);
      try {
        const body: GraphLike = { node: bindAttributes(f, node), initializer: [], input: f.input ?? [], output: (f.output ?? []).map((name) => ({ name, dtype: null, dims: null })) };
        if ((node.input ?? []).length > body.input.length) throw new OnnxError(`function "${f.name}" takes ${body.input.length} inputs, the node gives ${(node.input ?? []).length}`);
        if ((node.output ?? []).length > body.output.length) throw new OnnxError(`function "${f.name}" has ${body.output.length} outputs, the node asks for ${(node.output ?? []).length}`);
        return { call: this.compile(body, new Set(), functionOpset(f, this.opset), [...calls, key]) };
      } catch (err) {
        throw new OnnxError(`${label}: ${toOnnxError(err).message}`);
      }
    }
    if (node.domain && node.domain !== 'ai.onnx') {
      const names = [...this.functions.values()].map((g) => `${g.domain ?? ''}.${g.name}`);
      throw new OnnxError(`${label}: domain "${node.domain}" is not supported by the reference evaluator (it runs the default ai.onnx ops${names.length ? ` and the model's functions ${names.join(', ')}` : ' and model-local functions'})`);
    }
    const op = Object.hasOwn(REFERENCE_OPS, node.opType ?? '') ? REFERENCE_OPS[node.opType!] : undefined;
    if (!op) throw new OnnxError(`${label}: op ${node.opType} is not supported by the reference evaluator`);
    if (op.since !== undefined && opset < op.since) throw new OnnxError(`${label}: ${node.opType} does not exist in opset ${opset} (it appeared in opset ${op.since})`);
    const unknown = (node.attribute ?? []).find((a) => !op.attributes.includes(a.name ?? ''));
    if (unknown) throw new OnnxError(`${label}: attribute ${unknown.name} is not supported by the reference evaluator`);
    return { op };
  }

  /** Evaluates the graph on `feeds` (one per input) and returns every graph output, tensors only. */
  run(feeds: Record<string, TensorInput>): Record<string, Tensor> {
    const out = this.runValues(feeds);
    return Object.fromEntries(
      Object.entries(out).map(([name, v]) => {
        if (isSequence(v)) throw new OnnxError(`graph output "${name}" is a sequence of ${v.items.length} tensors; rnnkit compares and writes tensor outputs only`);
        return [name, v];
      }),
    );
  }

  /** Evaluates the graph: tensor feeds, or sequences of tensors for sequence inputs; outputs may be sequences. */
  runValues(feeds: Record<string, TensorInput | TensorInput[]>): Record<string, Value> {
    const scope = new Scope();
    for (const [name, t] of this.main.initializers) scope.set(name, t);
    const unknown = Object.keys(feeds).find((name) => !this.inputs.some((i) => i.name === name));
    if (unknown !== undefined) throw new OnnxError(`the model has no input "${unknown}"; its inputs are ${this.inputs.map((i) => i.name).join(', ')}`);
    const symbols = new Map<string, number>();
    for (const input of this.inputs) {
      const feed = feeds[input.name];
      if (input.sequence) {
        if (!Array.isArray(feed)) throw new OnnxError(`input "${input.name}" is a sequence of tensors, which rnnkit cannot feed from the command line`);
        const element = { ...input, dims: null };
        scope.set(input.name, { kind: 'sequence', dtype: input.dtype ?? 'float32', items: feed.map((t) => checkFeed(element, t, symbols)) });
      } else {
        if (Array.isArray(feed)) throw new OnnxError(`input "${input.name}" is a tensor, not a sequence`);
        scope.set(input.name, checkFeed(input, feed, symbols));
      }
    }
    const limit = this.options.timeLimitMs;
    const state: RunState = { steps: 0, maxSteps: this.options.maxSteps ?? MAX_LOOP_STEPS, deadline: limit === undefined ? Infinity : Date.now() + limit };
    this.evaluate(this.main, scope, state);
    return Object.fromEntries(
      this.outputs.map((o) => {
        const t = scope.get(o.name);
        if (!t) throw new OnnxError(`graph output "${o.name}" is not computed by any node`);
        if (!o.sequence && o.dtype !== null && isSequence(t)) throw new OnnxError(`graph output "${o.name}" is a sequence, the model declares a tensor`);
        if (o.dtype && o.dtype !== t.dtype) throw new OnnxError(`graph output "${o.name}" is ${t.dtype}, the model declares ${o.dtype}`);
        return [o.name, t];
      }),
    );
  }

  /** Runs a compiled graph's steps in `scope`, adding their outputs. */
  private evaluate(graph: Compiled, scope: Scope, state: RunState): void {
    for (const step of graph.order) {
      const { node, index } = step;
      const inputs = (node.input ?? []).map((name) => (name ? scope.get(name) : undefined));
      let outputs: (Value | undefined)[];
      try {
        if (Date.now() > state.deadline) throw new OnnxError(`stopped after ${formatSeconds(this.options.timeLimitMs!)}, the time limit of one run (timeLimitMs)`);
        outputs = this.runStep(step, inputs, scope, state);
      } catch (err) {
        const message = err instanceof OnnxError ? err.message : `internal error (${(err as Error).message})`;
        throw new OnnxError(`${nodeLabel(node, index)}: ${message}`);
      }
      (node.output ?? []).forEach((name, i) => {
        if (!name) return;
        const t = outputs[i];
        if (!t) throw new OnnxError(`${nodeLabel(node, index)}: output ${i} ("${name}") is not produced`);
        scope.set(name, t);
      });
    }
  }

  private runStep(step: Step, inputs: (Value | undefined)[], scope: Scope, state: RunState): (Value | undefined)[] {
    if (step.call) return this.runGraph(step.call, inputs, undefined, state);
    const op = step.op!;
    if ('runValues' in op) {
      const runner: SubgraphRunner = {
        run: (name, args) => this.runGraph(step.graphs[name]!, args, scope, state),
        signature: (name) => ({ inputs: step.graphs[name]!.inputs, outputs: step.graphs[name]!.outputs }),
        step: () => {
          if (++state.steps > state.maxSteps) throw new OnnxError(`stopped after ${state.maxSteps} loop iterations in all, the step budget of one run (maxSteps)`);
        },
      };
      return op.runValues(new ValueContext(step.node, inputs, step.opset, runner, this.options.externalData));
    }
    const seq = inputs.findIndex((v) => isSequence(v));
    if (seq >= 0) throw new OnnxError(`input ${seq} is a sequence; ${step.node.opType} takes tensors`);
    return op.run(new NodeContext(step.node, inputs as (Tensor | undefined)[], step.opset, this.options.externalData));
  }

  /** Runs a subgraph or function body with its inputs bound by position; `parent` is the scope it may read (none for a function). */
  private runGraph(graph: Compiled, inputs: (Value | undefined)[], parent: Scope | undefined, state: RunState): Value[] {
    const scope = new Scope(parent);
    for (const [name, t] of graph.initializers) scope.set(name, t);
    if (inputs.length > graph.inputs.length) throw new OnnxError(`the graph takes ${graph.inputs.length} inputs, got ${inputs.length}`);
    graph.inputs.forEach((name, i) => {
      const v = inputs[i];
      if (v) scope.set(name, v);
    });
    this.evaluate(graph, scope, state);
    return graph.outputs.map(({ name }) => {
      const t = scope.get(name);
      if (!t) throw new OnnxError(`graph output "${name}" is not computed`);
      return t;
    });
  }
}

/** 20000 → "20 s". */
const formatSeconds = (ms: number) => `${Number((ms / 1000).toPrecision(3))} s`;

/** A graph input's or output's signature: a tensor, or a sequence of tensors. */
function signatureOf(v: ValueInfoProto): ValueSignature {
  const element = v.type?.sequenceType?.elemType;
  if (element) return { name: v.name ?? '', ...valueType({ type: element }), dims: null, sequence: true };
  return { name: v.name ?? '', ...valueType(v) };
}

/** The names a node reads: its inputs and what its subgraphs read from outside them. */
function reads(node: NodeProto): string[] {
  const own = (node.input ?? []).filter(Boolean);
  const graphs = (node.attribute ?? []).flatMap((a) => (a.g ? [a.g] : []));
  if (graphs.length === 0) return own;
  const outer = graphs.flatMap((g) => {
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
function topologicalOrder<N extends { node: NodeProto; index: number }>(nodes: N[], available: Set<string>, local: Set<string> = available): N[] {
  const producer = new Map<string, N>();
  for (const n of nodes) {
    for (const o of n.node.output ?? []) {
      if (!o) continue;
      if (producer.has(o) || local.has(o)) throw new OnnxError(`${nodeLabel(n.node, n.index)}: value "${o}" is produced twice`);
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
export function readSignature(model: Uint8Array): ModelSignature {
  try {
    const m = decodeModel(model);
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

/** Decodes ONNX bytes and prepares the model for the reference evaluator. */
export function loadReference(model: Uint8Array, options: ReferenceOptions = {}): ReferenceModel {
  return loadDecoded(model, options);
}

/** loadReference of bytes or of a model already decoded (inspectOnnx decodes once); not exported by the package. */
export function loadDecoded(model: Uint8Array | ModelProto, options: ReferenceOptions = {}): ReferenceModel {
  return readingOnnx(() => new CompiledModel(model instanceof Uint8Array ? decodeModel(model) : model, options));
}

/** Runs a model once in the reference evaluator: loadReference(model, options).run(feeds). */
export function runReference(model: Uint8Array, feeds: Record<string, TensorInput>, options: ReferenceOptions = {}): Record<string, Tensor> {
  const loaded = loadReference(model, options);
  return readingOnnx(() => loaded.run(feeds));
}
