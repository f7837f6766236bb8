import { attr, intAttr, type GraphIndex } from './graph-index.js';
import { OnnxError } from './onnx-error.js';
import type { NodeProto } from './proto.js';

// What a value holds on the way from the last RNN node to the head:
// Y4 = Y [seq, D, batch, H]; Y4t = Y transposed to [seq, batch, D, H]; Y3 = [seq, batch, D·H];
// Y3bf = [batch, seq, D·H]; Yh = Y_h (one direction) or the last step kept as [1, batch, D·H];
// last = [batch, D·H], what the head must read.
// Yhs = the layers' Y_h concatenated, [layers, batch, H] (PyTorch's h_n), of which the head reads the last.
type State = 'Y4' | 'Y4t' | 'Y3' | 'Y3bf' | 'Yh' | 'Yhs' | 'last';

/** True for PyTorch's Reshape of [seq, batch, 2, H] to [seq, batch, 2·H]: shape [0, 0, -1], allowzero 0. */
export function isMergeDirections(index: GraphIndex, reshape: NodeProto): boolean {
  const shape = index.constants.get(reshape.input?.[1] ?? '');
  return shape !== undefined && Array.from(shape.values).map(Number).join() === '0,0,-1' && intAttr(reshape, 'allowzero', 0) === 0;
}

/**
 * Checks that `value` is the last hidden state of `rnn`, reached through the shape glue that
 * exporters write (Squeeze, Transpose, Gather of step -1, Slice, Reshape, Identity). With two
 * directions the head must read the last step of Y, [forward, reverse] (PyTorch's `out[-1]`).
 */
export function traceHeadInput(index: GraphIndex, value: string, rnn: NodeProto, directions = 1): void {
  const path: NodeProto[] = [];
  let current = value;
  let state: State;
  for (;;) {
    const p = index.producer.get(current);
    if (!p) throw new OnnxError(`the head reads "${current}", which no node produces`);
    if (p.node === rnn) {
      // Y_h of a bidirectional node holds both directions' final states, not what out[-1] holds.
      if (p.index !== 0 && directions === 2) throw new OnnxError('the head reads Y_h (h_n) of a bidirectional node; rnnkit\'s bidirectional head reads the last step of Y (PyTorch\'s out[-1])');
      if (p.index === 2) throw new OnnxError('the head reads Y_c, the LSTM\'s cell state; rnnkit\'s head reads the hidden state (Y or Y_h)');
      state = p.index === 1 ? 'Yh' : 'Y4';
      break;
    }
    const consumer = path[0];
    path.unshift(p.node);
    if (path.length > index.producer.size) throw new OnnxError('the graph has a cycle');
    // h_n[-1]: a Gather of the last entry of the layers' concatenated Y_h reads the last layer's.
    const inputs = p.node.input ?? [];
    // An If node's input is its condition; the value comes from the tensor its branches squeeze.
    current = p.node.opType === 'If' ? squeezeIf(index, p.node).source
      : (p.node.opType === 'Concat' && consumer?.opType === 'Gather' ? inputs[inputs.length - 1] : inputs[0]) ?? '';
  }
  for (const node of path) {
    const next = step(index, node, state, directions);
    if (!next) throw new OnnxError(`the head does not read the last hidden state: unsupported ${node.opType} (node ${node.name || '?'}) between the RNN and the head`);
    state = next;
  }
  if (state !== 'last') throw new OnnxError('the head does not read the last hidden state [batch, hidden]');
}

function step(index: GraphIndex, node: NodeProto, state: State, directions: number): State | null {
  const constant = (i: number) => (node.input?.[i] ? Array.from(index.constant(node.input[i], `${node.opType} input ${i}`).values).map(Number) : undefined);
  switch (node.opType) {
    case 'Identity':
      return state;
    case 'Squeeze': {
      const axes = (constant(1) ?? (attr(node, 'axes')?.ints ?? []).map(Number)).join();
      if (state === 'Y4' && axes === '1' && directions === 1) return 'Y3';
      if (state === 'Yh' && axes === '0') return 'last';
      return null;
    }
    case 'Transpose': {
      const perm = (attr(node, 'perm')?.ints ?? []).map(Number).join();
      if (state === 'Y4' && perm === '0,2,1,3') return 'Y4t';
      if (perm !== '1,0,2') return null;
      return state === 'Y3' ? 'Y3bf' : state === 'Y3bf' ? 'Y3' : null;
    }
    case 'Gather': {
      const idx = index.constant(node.input?.[1], 'the Gather index');
      if (idx.dims.length !== 0 || Number(idx.values[0]) !== -1) return null;
      const axis = intAttr(node, 'axis', 0);
      return (state === 'Y3' && axis === 0) || (state === 'Y3bf' && axis === 1) || ((state === 'Yh' || state === 'Yhs') && axis === 0) ? 'last' : null;
    }
    case 'Concat': {
      return state === 'Yh' && intAttr(node, 'axis', 0) === 0 ? 'Yhs' : null;
    }
    case 'Slice': {
      // Before opset 10 starts, ends and axes are attributes (PyTorch's out[-1] at opset 9).
      const ints = (name: string) => attr(node, name)?.ints?.map(Number);
      const [starts, ends, axes] = ints('starts') ? [ints('starts'), ints('ends'), ints('axes') ?? [0]] : [constant(1), constant(2), constant(3) ?? [0]];
      const lastStep = starts?.join() === '-1' && (ends?.[0] ?? 0) >= 2 ** 31 - 1;
      return state === 'Y3' && lastStep && axes.join() === '0' ? 'Yh' : null;
    }
    case 'Reshape': {
      if (state === 'Y4t') return isMergeDirections(index, node) ? 'Y3' : null;
      const shape = constant(1) ?? [];
      return state === 'Yh' && shape.length === 2 && shape[0] === -1 ? 'last' : null;
    }
    case 'If': {
      // squeezeIf proved: Squeeze(axis) when that dim is 1, else Identity. Only [1, batch, D·H]'s axis 0 is always 1.
      const { axis } = squeezeIf(index, node);
      if (state === 'Yh' && axis === 0) return 'last';
      throw new OnnxError(`the head reads If node ${node.name || '?'}, a squeeze of axis ${axis} that may keep the axis; write y[-1] instead of y[-1:].squeeze(0), or export with fixed shapes (no dynamic_axes)`);
    }
    default:
      return null;
  }
}

const IF_ADVICE = 'rnnkit reads only PyTorch\'s squeeze(dim) of a dynamic dim (then Squeeze, else Identity, on that dim == 1); write y[-1] instead of y[-1:].squeeze(0), or export with fixed shapes (no dynamic_axes)';

/**
 * torch.onnx.export's `squeeze(dim)` on a dynamic dim: `If(Equal(Gather(Shape(v), dim), 1))` whose
 * then branch is `Squeeze(v, [dim])` and else branch `Identity(v)`. Returns v and dim, or refuses
 * any other If in one line.
 */
function squeezeIf(index: GraphIndex, node: NodeProto): { source: string; axis: number } {
  const refuse = (why: string): never => { throw new OnnxError(`the head reads If node ${node.name || '?'}: ${why}; ${IF_ADVICE}`); };
  const branch = (name: string) => {
    const g = attr(node, name)?.g;
    const nodes = g?.node ?? [];
    if (!g || nodes.length !== 1 || (g.output ?? []).length !== 1 || nodes[0]!.output?.[0] !== g.output![0]!.name) refuse(`its ${name} is not a single node`);
    return { node: nodes[0]!, constants: new Map([...(g!.initializer ?? []).map((t) => [t.name ?? '', t] as const)]) };
  };
  const then = branch('then_branch'), otherwise = branch('else_branch');
  if ((node.output ?? []).length !== 1) refuse('it has more than one output');
  if (then.node.opType !== 'Squeeze') refuse(`its then_branch is ${then.node.opType}, not Squeeze`);
  if (otherwise.node.opType !== 'Identity') refuse(`its else_branch is ${otherwise.node.opType}, not Identity`);
  const source = then.node.input?.[0] ?? '';
  if (!source || otherwise.node.input?.[0] !== source) refuse('its branches do not read the same tensor');
  const axesInput = then.node.input?.[1];
  let axes: number[];
  if (axesInput) {
    const c = index.constants.get(axesInput);
    if (!c) refuse('its Squeeze axes are not a constant');
    axes = Array.from(c!.values).map(Number);
  } else {
    axes = (attr(then.node, 'axes')?.ints ?? []).map(Number);
  }
  if (axes.length !== 1) refuse(`its Squeeze has axes [${axes.join(', ')}], not one axis`);
  const axis = axes[0]!;
  // The condition must be "dim `axis` of the source is 1", so that the Squeeze runs exactly when it removes a size-1 axis.
  const cond = index.producer.get(node.input?.[0] ?? '')?.node;
  const isOne = (name: string | undefined) => {
    const c = name ? index.constants.get(name) : undefined;
    return c !== undefined && c.values.length === 1 && Number(c.values[0]) === 1;
  };
  const isDim = (name: string | undefined) => {
    const gather = name ? index.producer.get(name)?.node : undefined;
    if (gather?.opType !== 'Gather' || intAttr(gather, 'axis', 0) !== 0) return false;
    const shape = index.producer.get(gather.input?.[0] ?? '')?.node;
    const at = index.constants.get(gather.input?.[1] ?? '');
    return shape?.opType === 'Shape' && shape.input?.[0] === source && attr(shape, 'start') === undefined && attr(shape, 'end') === undefined &&
      at !== undefined && at.values.length === 1 && Number(at.values[0]) === axis;
  };
  const [a, b] = cond?.input ?? [];
  if (cond?.opType !== 'Equal' || !((isDim(a) && isOne(b)) || (isDim(b) && isOne(a)))) refuse(`its condition is not "dim ${axis} of ${source} == 1"`);
  return { source, axis };
}
