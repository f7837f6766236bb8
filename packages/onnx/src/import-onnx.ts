import { SequenceRegressor, torchName, tutorialName } from '@rnnkit/layers';
import type { StateDict } from '@rnnkit/tensor';
import { attr, GraphIndex, intAttr } from './graph-index.js';
import { readMetadata, type RnnkitMetadata } from './metadata.js';
import { OnnxError, readingOnnx } from './onnx-error.js';
import { decodeModel } from './decode-model.js';
import { isMergeDirections, traceHeadInput } from './trace-head-input.js';
import { layerStateDict, modelStateDict, rows, type OnnxLayerWeights } from './layer-state-dict.js';
import { unrolledName } from './unrolled.js';
import type { NodeProto, ValueInfoProto } from './proto.js';
import { checkNodeOrder } from './reference/graph.js';
import { controlFlowImportRefusal } from './import-control-flow.js';

/** An ONNX file turned back into an rnnkit model. */
export interface ImportedModel {
  /** The recurrent stack and head with the file's weights: `[seq, batch, features]` in, `[batch, 1]` out, in scaled units (in-graph scaling is not part of it). */
  model: SequenceRegressor;
  /** rnnkit's metadata, or null for files other tools wrote. */
  metadata: RnnkitMetadata | null;
  /** How the graph input is laid out: torch's batch_first models read [batch, seq, features]. */
  layout: 'time-major' | 'batch-major';
  /** The input's dims as the file declares them (null where symbolic). */
  inputDims: (number | null)[];
}

const RECURRENT = { RNN: 'rnn', LSTM: 'lstm', GRU: 'gru' } as const;
const SUPPORTED = new Set([
  'RNN', 'LSTM', 'GRU', 'Gemm', 'MatMul', 'Add', 'Sub', 'Mul', 'Div', 'Tanh', 'Squeeze', 'Unsqueeze', 'Gather', 'Slice',
  'Transpose', 'Shape', 'Concat', 'ConstantOfShape', 'Constant', 'Identity', 'Cast', 'Reshape', 'Expand', 'If', 'Equal',
]);

/**
 * Reads an ONNX model written by rnnkit (op or unrolled style, with or without scaler) or by
 * torch.onnx.export for nn.RNN / nn.LSTM / nn.GRU + nn.Linear on the last step. It recognises the
 * recurrent core (RNN nodes with Tanh or Relu, forward or bidirectional, as PyTorch writes them) and
 * the linear head reading the last step of the output (`out[-1]`; for a forward stack also `h_n[-1]`);
 * any other structure is refused with an error naming what is unsupported.
 */
export function importOnnx(bytes: Uint8Array): ImportedModel {
  return readingOnnx(() => importModel(bytes));
}

function importModel(bytes: Uint8Array): ImportedModel {
  const proto = decodeModel(bytes);
  const graph = proto.graph!;
  // A cycle is named as the reference evaluator (rnnkit verify / run) names it, before any op is judged.
  checkNodeOrder(graph);
  const metadata = readMetadata(proto.metadataProps ?? []);
  if (metadata?.rawInput) throw new OnnxError(`a raw-price graph (inputs ${[metadata.rawInput.prices.name, metadata.rawInput.calendar?.name].filter(Boolean).join(', ')}): its input transform and decoding are not a model rnnkit imports; import the run's model.onnx`);
  // rnnkit's unrolled files are read by their initializer names, whatever ops their steps use.
  if (metadata?.style === 'unrolled') return fromUnrolled(new GraphIndex(graph), graph.input ?? [], metadata);
  const controlFlow = controlFlowImportRefusal(proto);
  if (controlFlow) throw new OnnxError(controlFlow);
  for (const node of graph.node ?? []) {
    if (node.domain) throw new OnnxError(`unsupported op ${node.domain}.${node.opType} (node ${node.name || '?'})`);
    if (!SUPPORTED.has(node.opType ?? '')) {
      throw new OnnxError(`unsupported op ${node.opType} (node ${node.name || '?'}); rnnkit imports ONNX RNN, LSTM or GRU nodes with a Gemm or MatMul head`);
    }
  }
  const index = new GraphIndex(graph);
  // A streaming export (rnnkit export --state): the state inputs start from zero, as the trainable model does; the state outputs are not the model's.
  const state = streamingState(index, graph.output ?? [], metadata);
  const inputs = index.inputs.filter((name) => !state.inputs.has(name));
  const outputs = (graph.output ?? []).filter((o) => !state.outputs.has(o.name ?? ''));
  if (inputs.length !== 1 || outputs.length !== 1) {
    throw new OnnxError(`the graph must have one input and one output${state.inputs.size ? ' besides its state' : ''}, it has ${inputs.length} and ${outputs.length}`);
  }
  const input = graph.input!.find((i) => i.name === inputs[0])!;
  const inputDims = (input.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimParam || d.dimValue == null ? null : Number(d.dimValue)));
  const rnns = (graph.node ?? []).filter((n) => n.opType! in RECURRENT);
  if (rnns.length === 0) {
    throw new OnnxError('no RNN, LSTM or GRU node found; rnnkit imports models whose recurrent core is one of these ONNX ops');
  }
  const op = rnns[0]!.opType as keyof typeof RECURRENT;
  if (rnns.some((n) => n.opType !== op)) throw new OnnxError('the recurrent layers mix RNN, LSTM and GRU nodes; rnnkit stacks one kind');
  const cell = RECURRENT[op];

  const layers = rnns.map((node, k) => readRecurrentNode(index, node, k, state.inputs));
  const { hidden: H, input: I, directions: D, nonlinearity } = layers[0]!;
  const layout = inputLayout(index, rnns[0]!.input![0]!, input.name!, metadata);
  layers.forEach((layer, k) => {
    if (k === 0) return;
    if (layer.directions !== D) throw new OnnxError(`RNN layer ${k} is ${layer.directions === 2 ? 'bidirectional' : 'forward'} and layer 0 is not; rnnkit stacks one direction setting`);
    if (layer.nonlinearity !== nonlinearity) throw new OnnxError(`RNN layer ${k} uses ${layer.nonlinearity} and layer 0 ${nonlinearity}; rnnkit stacks one activation`);
    if (layer.hidden !== H || layer.input !== D * H) throw new OnnxError(`RNN layer ${k} has hidden ${layer.hidden} and input ${layer.input}; stacked layers must all be ${H} wide (input ${D * H})`);
    if (!readsOutputOf(index, rnns[k]!.input![0]!, rnns[k - 1]!, D)) {
      throw new OnnxError(`RNN layer ${k} must read the output Y of layer ${k - 1} (${D === 2 ? 'Transpose and Reshape to [seq, batch, 2·hidden]' : 'squeezed'})`);
    }
  });
  // One model, one bias setting: layers without B get zero biases when another layer has them.
  const bias = layers.some((l) => l.B !== null);
  const dict: StateDict = Object.assign({}, ...layers.flatMap((layer, k) => directionWeights(layer).map((w, d) => layerStateDict(cell, k, w, bias, d === 1))));
  // Every layer's linear_before_reset counts: a stack that mixes them has no single GRU to be.
  const lbr = rnns.map((n) => intAttr(n, 'linear_before_reset', 0));
  if (cell === 'gru' && lbr.some((v) => v !== lbr[0])) throw new OnnxError(`the GRU layers differ in linear_before_reset (${lbr.join(', ')}); rnnkit stacks one GRU variant`);
  const linearBeforeReset = cell !== 'gru' || lbr[0] === 1;
  const head = readHead(index, outputs[0]!.name!, rnns[rnns.length - 1]!, D * H, metadata, D);
  dict['head.weight'] = head.weight;
  dict['head.bias'] = head.bias;

  const model = new SequenceRegressor({
    cell, inputSize: I, hiddenSize: H, numLayers: rnns.length, bias, linearBeforeReset, outputSize: head.bias.length,
    ...(D === 2 ? { bidirectional: true } : {}), ...(nonlinearity === 'relu' ? { nonlinearity } : {}),
  });
  model.loadStateDict(modelStateDict(cell, dict));
  return { model, metadata, layout, inputDims };
}

function readRecurrentNode(index: GraphIndex, node: NodeProto, k: number, stateInputs: ReadonlySet<string>) {
  const op = node.opType as keyof typeof RECURRENT;
  const gates = { RNN: 1, LSTM: 4, GRU: 3 }[op];
  const name = `${op} node ${node.name || k}`;
  const direction = attr(node, 'direction')?.s ? new TextDecoder().decode(attr(node, 'direction')!.s!) : 'forward';
  if (direction !== 'forward' && direction !== 'bidirectional') throw new OnnxError(`${name}: direction "${direction}" is not supported (forward or bidirectional, as PyTorch writes them)`);
  const D = direction === 'bidirectional' ? 2 : 1;
  const acts = (attr(node, 'activations')?.strings ?? []).map((s) => new TextDecoder().decode(s).toLowerCase());
  // One list per direction; nn.RNN's nonlinearity='relu' is the RNN op's Relu.
  const standard = { RNN: ['tanh'], LSTM: ['sigmoid', 'tanh', 'tanh'], GRU: ['sigmoid', 'tanh'] }[op];
  const relu = op === 'RNN' && acts.length > 0 && acts.every((a) => a === 'relu');
  if (acts.length && !relu && acts.join() !== Array(D).fill(standard).flat().join()) {
    throw new OnnxError(`${name}: only the standard activations (${standard.join(', ')}${op === 'RNN' ? ', or Relu' : ''}) are supported, found ${acts.join(', ')}`);
  }
  if (acts.length && acts.length !== D * standard.length) throw new OnnxError(`${name}: ${acts.length} activations for ${D} direction${D === 2 ? 's' : ''}, expected ${D * standard.length}`);
  if (intAttr(node, 'input_forget', 0) !== 0) throw new OnnxError(`${name}: input_forget=1 (coupled gates) is not supported`);
  if (attr(node, 'clip')) throw new OnnxError(`${name}: the clip attribute is not supported`);
  if (intAttr(node, 'layout', 0) !== 0) throw new OnnxError(`${name}: layout=1 (batch-major) is not supported; export time-major models`);
  const [, w, r, b, seqLens, h0, c0, peepholes] = node.input ?? [];
  const W = index.constant(w, `${name}: W`);
  const R = index.constant(r, `${name}: R`);
  const hidden = intAttr(node, 'hidden_size', W.dims[1]! / gates);
  const G = gates * hidden;
  if (W.dims.length !== 3 || W.dims[0] !== D || W.dims[1] !== G || R.dims.join() !== `${D},${G},${hidden}`) {
    throw new OnnxError(`${name}: W must be [${D}, ${G}, I] and R [${D}, ${G}, ${hidden}] (${D === 2 ? 'two directions' : 'one direction'})`);
  }
  const B = b ? index.constant(b, `${name}: B`) : null;
  if (B && B.dims.join() !== `${D},${2 * G}`) throw new OnnxError(`${name}: B must be [${D}, ${2 * G}]`);
  if (peepholes && !isZero(index, peepholes, new Set())) throw new OnnxError(`${name}: peephole weights P are not supported (PyTorch's LSTM has none)`);
  if (seqLens) throw new OnnxError(`${name}: sequence_lens is not supported; every window has the same length`);
  if (h0 && !isZero(index, h0, stateInputs)) throw new OnnxError(`${name}: a non-zero initial_h is not supported`);
  if (c0 && !isZero(index, c0, stateInputs)) throw new OnnxError(`${name}: a non-zero initial_c is not supported`);
  return { hidden, input: W.dims[2]!, W: W.values, R: R.values, B: B ? B.values : null, directions: D, nonlinearity: relu ? 'relu' : 'tanh' };
}

/** The state inputs and outputs that rnnkit.state metadata declares, checked against the graph; empty for other files. */
function streamingState(index: GraphIndex, outputs: { name?: string | null }[], metadata: RnnkitMetadata | null): { inputs: Set<string>; outputs: Set<string> } {
  const declared = metadata?.state;
  if (!declared) return { inputs: new Set(), outputs: new Set() };
  for (const name of declared.inputs) if (!index.inputs.includes(name)) throw new OnnxError(`the metadata rnnkit.state names the state input "${name}", which the graph does not have`);
  for (const name of declared.outputs) if (!outputs.some((o) => o.name === name)) throw new OnnxError(`the metadata rnnkit.state names the state output "${name}", which the graph does not have`);
  // The state inputs may feed only the recurrent nodes' initial_h / initial_c (directly or through a layer's Slice).
  for (const node of index.graph.node ?? []) {
    (node.input ?? []).forEach((name, i) => {
      if (!declared.inputs.includes(name)) return;
      const asState = (node.opType! in RECURRENT && (i === 5 || i === 6)) || (node.opType === 'Slice' && i === 0);
      if (!asState) throw new OnnxError(`the state input "${name}" feeds ${node.opType} (node ${node.name || '?'}), not a recurrent node's initial state`);
    });
  }
  return { inputs: new Set(declared.inputs), outputs: new Set(declared.outputs) };
}

/** A node's weights split by direction (ONNX stacks them on the first axis), forward first. */
function directionWeights(layer: ReturnType<typeof readRecurrentNode>): OnnxLayerWeights[] {
  const part = (v: ArrayLike<number>, d: number) => Array.prototype.slice.call(v, (d * v.length) / layer.directions, ((d + 1) * v.length) / layer.directions) as number[];
  return Array.from({ length: layer.directions }, (_, d) => ({ hidden: layer.hidden, input: layer.input, W: part(layer.W, d), R: part(layer.R, d), B: layer.B ? part(layer.B, d) : null }));
}

/**
 * True when `x` is the previous node's Y as [seq, batch, D·H]: Squeeze(axis 1) for one direction,
 * PyTorch's Transpose(0, 2, 1, 3) + Reshape([0, 0, -1]) for two.
 */
function readsOutputOf(index: GraphIndex, x: string, previous: NodeProto, D: number): boolean {
  const from = index.producer.get(x)?.node;
  if (D === 1) return from?.opType === 'Squeeze' && index.producer.get(from.input![0]!)?.node === previous;
  if (from?.opType !== 'Reshape' || !isMergeDirections(index, from)) return false;
  const t = index.producer.get(from.input![0]!)?.node;
  return t?.opType === 'Transpose' && (attr(t, 'perm')?.ints ?? []).map(Number).join() === '0,2,1,3' && index.producer.get(t.input![0]!)?.node === previous;
}

/**
 * True when a value is all zeros: a zero constant, or ConstantOfShape(0), possibly sliced or expanded
 * (PyTorch's fixed-shape exports); or a streaming export's state input (or a layer's Slice of it),
 * which the trainable model starts at zero.
 */
function isZero(index: GraphIndex, name: string, stateInputs: ReadonlySet<string>): boolean {
  if (stateInputs.has(name)) return true;
  const c = index.constants.get(name);
  if (c) return Array.from(c.values).every((v) => v === 0);
  const p = index.producer.get(name)?.node;
  if (p?.opType === 'Slice' || p?.opType === 'Identity' || p?.opType === 'Expand') return isZero(index, p.input![0]!, stateInputs);
  if (p?.opType !== 'ConstantOfShape') return false;
  const value = attr(p, 'value')?.t;
  return !value || zeroTensor(value);
}

function zeroTensor(t: NonNullable<NodeProto['attribute']>[number]['t']): boolean {
  const f = t?.floatData ?? [];
  const raw = t?.rawData ?? new Uint8Array();
  return f.every((v) => v === 0) && raw.every((v) => v === 0);
}

/** The layout the first RNN sees the graph input in; rejects anything but transposes and rnnkit's scaling. */
function inputLayout(index: GraphIndex, x: string, graphInput: string, metadata: RnnkitMetadata | null): ImportedModel['layout'] {
  if (x === graphInput) return 'time-major';
  const p = index.producer.get(x)?.node;
  if (p?.opType === 'Transpose' && p.input![0] === graphInput && (attr(p, 'perm')?.ints ?? []).map(Number).join() === '1,0,2') return 'batch-major';
  if (metadata?.withScaler && p?.opType === 'Add') {
    const mul = index.producer.get(p.input![0]!)?.node;
    if (mul?.opType === 'Mul' && mul.input![0] === graphInput) return 'time-major';
  }
  throw new OnnxError(`the first RNN reads ${p?.opType ?? x}, not the graph input; only a Transpose (batch_first) may stand between them`);
}

/** The head's weight `[outputs][H]` (H = D·hidden) and bias `[outputs]`: Gemm, or MatMul + Add, on the last step of the output. */
function readHead(index: GraphIndex, output: string, lastRnn: NodeProto, H: number, metadata: RnnkitMetadata | null, directions: number) {
  let y = output;
  if (metadata?.withScaler) {
    const div = index.producer.get(y)?.node;
    const sub = div?.opType === 'Div' ? index.producer.get(div.input![0]!)?.node : undefined;
    if (sub?.opType !== 'Sub') throw new OnnxError('a with-scaler model must end in Sub and Div (the inverse scaling)');
    y = sub.input![0]!;
  }
  const node = index.producer.get(y)?.node;
  let weight: number[][], from: string, biasOf: (outputs: number) => number[];
  if (node?.opType === 'Gemm') {
    if (intAttr(node, 'transA', 0) !== 0) throw new OnnxError('the head Gemm must not transpose its input (transA=0)');
    for (const a of ['alpha', 'beta']) if ((attr(node, a)?.f ?? 1) !== 1) throw new OnnxError(`the head Gemm must have ${a}=1`);
    const B = index.constant(node.input![1], 'the head Gemm\'s B');
    weight = intAttr(node, 'transB', 0) ? headRows(B.values, B.dims, H) : headRows(transpose2(B.values, B.dims), [...B.dims].reverse(), H);
    const C = node.input![2] ? index.constant(node.input![2], 'the head Gemm\'s C') : null;
    biasOf = (outputs) => biasValues(C?.values, outputs);
    from = node.input![0]!;
  } else if (node?.opType === 'Add') {
    const mm = index.producer.get(node.input![0]!)?.node;
    if (mm?.opType !== 'MatMul') throw new OnnxError('the output must come from a Gemm, or a MatMul followed by Add');
    const B = index.constant(mm.input![1], 'the head MatMul\'s weight');
    weight = headRows(transpose2(B.values, B.dims), [...B.dims].reverse(), H);
    const C = index.constant(node.input![1], 'the head bias');
    biasOf = (outputs) => biasValues(C.values, outputs);
    from = mm.input![0]!;
  } else {
    throw new OnnxError(`the output comes from ${node?.opType ?? 'nothing'}; rnnkit expects a linear head (Gemm, or MatMul + Add)`);
  }
  traceHeadInput(index, from, lastRnn, directions);
  return { weight, bias: biasOf(weight.length) };
}

/** A head weight `[outputs, H]` as rows, checked against the hidden size. */
function headRows(values: ArrayLike<number>, dims: number[], H: number): number[][] {
  if (dims.length !== 2 || dims[1] !== H) throw new OnnxError(`the head weight must be [outputs, ${H}] (or [${H}, outputs] without transB), found [${dims}]`);
  return rows(values, dims[0]!, H);
}

/** [a, b] → [b, a], row-major. */
function transpose2(values: ArrayLike<number>, dims: number[]): number[] {
  if (dims.length !== 2) throw new OnnxError(`the head weight must be a matrix, found [${dims}]`);
  const [a, b] = dims as [number, number];
  return Array.from({ length: a * b }, (_, i) => Number(values[(i % a) * b + Math.floor(i / a)]));
}

/** The head bias as one value per output: absent is 0, one value broadcasts. */
function biasValues(values: ArrayLike<number | bigint> | undefined, outputs: number): number[] {
  if (!values) return new Array(outputs).fill(0);
  if (values.length !== 1 && values.length !== outputs) throw new OnnxError(`the head bias has ${values.length} values for ${outputs} outputs`);
  return Array.from({ length: outputs }, (_, o) => Number(values[values.length === 1 ? 0 : o]));
}

/**
 * An rnnkit unrolled file (`metadata.style` 'unrolled'): the cell from the metadata, each layer's
 * PyTorch-named initializers (`rnn.weight_ih_l{k}`, …, see unrolled.ts), the head's `w_y.*` (rnn) or
 * `head.*`. Files of rnnkit before 0.2 named an rnn's `w_x.weight`, `l1.w_h.weight`, …: read too.
 */
function fromUnrolled(index: GraphIndex, graphInputs: ValueInfoProto[], metadata: RnnkitMetadata): ImportedModel {
  const cell = metadata.cell ?? 'rnn';
  const legacy = cell === 'rnn' && index.constants.has('w_x.weight');
  const name = (kind: 'weight_ih' | 'weight_hh' | 'bias_ih' | 'bias_hh', k: number) => (legacy ? tutorialName(unrolledName(kind, k)) : unrolledName(kind, k));
  const what = (n: string) => `the unrolled ${cell.toUpperCase()}'s ${n}`;
  const wIh = index.constant(name('weight_ih', 0), what(name('weight_ih', 0)));
  const wHh = index.constant(name('weight_hh', 0), what(name('weight_hh', 0)));
  const H = wHh.dims[1]!;
  const I = wIh.dims[1]!;
  let layers = 1;
  while (index.constants.has(name('weight_ih', layers))) layers++;
  const headName = cell === 'rnn' ? 'w_y' : 'head';
  const headWeight = index.constant(`${headName}.weight`, what(`${headName}.weight`));
  const model = new SequenceRegressor({
    cell, inputSize: I, hiddenSize: H, numLayers: layers, bias: index.constants.has(name('bias_ih', 0)), outputSize: headWeight.dims[0]!,
  });
  try {
    const dict: StateDict = {};
    for (const [param] of model.namedParameters()) {
      // The rnn's state dict has the tutorial's names; its file PyTorch's (legacy files: the tutorial's), its head w_y.* in both.
      const initializer = cell === 'rnn' && !legacy && !param.startsWith('w_y.') ? torchName(param) : param;
      const c = index.constant(initializer, what(initializer));
      dict[param] = c.dims.length === 2 ? rows(c.values, c.dims[0]!, c.dims[1]!) : Array.from(c.values);
    }
    model.loadStateDict(dict);
  } catch (err) {
    model.dispose();
    throw err;
  }
  const input = graphInputs.find((i) => i.name === 'input') ?? graphInputs[0];
  const inputDims = (input?.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimParam || d.dimValue == null ? null : Number(d.dimValue)));
  return { model, metadata, layout: 'time-major', inputDims };
}
