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
    current = (p.node.opType === 'Concat' && consumer?.opType === 'Gather' ? inputs[inputs.length - 1] : inputs[0]) ?? '';
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
    default:
      return null;
  }
}
