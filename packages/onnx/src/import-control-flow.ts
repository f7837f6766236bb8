// Why a file whose recurrence is control flow or a model-local function does not import into a
// trainable model: one line naming the node and what to export instead. (rnnkit imports ONNX's
// RNN, LSTM and GRU ops; a recurrence written as a Python loop, exported with torch.jit.script,
// is a Loop whose body is the cell's arithmetic, which `rnnkit run` and `verify` run but import
// does not map to a layer.)
import type { ModelProto } from './proto.js';

/** The refusal for a model with a Loop, a Scan or a function call in its graph, or null when it has none. */
export function controlFlowImportRefusal(model: ModelProto): string | null {
  const nodes = model.graph?.node ?? [];
  const label = (name: string | null | undefined, i: number, op: string) => `node ${name ? `"${name}"` : `#${i}`} (${op})`;
  const functions = new Set((model.functions ?? []).map((f) => `${f.domain ?? ''}::${f.name ?? ''}`));
  for (const [i, n] of nodes.entries()) {
    const op = n.opType ?? '?';
    if (op === 'Loop' || op === 'Scan') {
      return `${label(n.name, i, op)}: the recurrence is a ${op} over the cell's arithmetic (what torch.jit.script exports for a Python loop), which rnnkit does not import into a trainable layer`;
    }
    if (functions.has(`${n.domain ?? ''}::${op}`)) {
      return `${label(n.name, i, op)}: calls the model-local function ${n.domain ? `${n.domain}.` : ''}${op}, which rnnkit does not import into a trainable layer`;
    }
  }
  return null;
}
