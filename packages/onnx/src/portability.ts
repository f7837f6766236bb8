// What in an ONNX file will not run, or will run differently, elsewhere: one warning per finding.
import { MAX_LOOP_STEPS } from './limits.js';
import { int, tensorValues, type GraphProto, type ModelProto, type NodeProto } from './proto.js';
import { REFERENCE_OPSETS } from './reference/graph.js';

/** The newest default-domain opset Debian's python3-onnx 1.12 checker reads. */
const ONNX_1_12_MAX_OPSET = 17;
const RECURRENT = new Set(['RNN', 'LSTM', 'GRU']);

function intAttribute(node: NodeProto, name: string, fallback: number): number {
  const a = (node.attribute ?? []).find((x) => x.name === name);
  return a ? int(a.i) : fallback;
}

/**
 * Portability warnings for a decoded model: layout=1 recurrent nodes (onnxruntime's CPU and wasm
 * kernels refuse them), GRU with linear_before_reset=0 (PyTorch's nn.GRU is 1), sequence_lens inputs,
 * LSTM nodes (onnxruntime-web's WebGL backend has no LSTM), and opsets newer than a reader takes.
 */
export function portabilityWarnings(model: ModelProto): string[] {
  const warnings: string[] = [];
  const nodes = model.graph?.node ?? [];
  const label = (n: NodeProto, i: number) => `node ${n.name ? `"${n.name}"` : `#${i}`} (${n.opType})`;
  nodes.forEach((n, i) => {
    if (!RECURRENT.has(n.opType ?? '') || (n.domain && n.domain !== 'ai.onnx')) return;
    if (intAttribute(n, 'layout', 0) === 1) warnings.push(`${label(n, i)}: layout=1 (batch-major): onnxruntime's CPU and wasm kernels refuse it; rnnkit run's reference evaluator runs it, or re-export time-major`);
    if (n.opType === 'GRU' && intAttribute(n, 'linear_before_reset', 0) === 0) warnings.push(`${label(n, i)}: linear_before_reset=0, but PyTorch's nn.GRU (and cuDNN) compute linear_before_reset=1: weights taken from or compared with PyTorch give other numbers`);
    if (n.input?.[4]) warnings.push(`${label(n, i)}: takes sequence_lens ("${n.input[4]}"): Y is 0 past each row's length and Y_h is taken at its last valid step; for a row of length 0 onnxruntime gives Y_h = 0, rnnkit's reference evaluator the initial state (the spec leaves it open)`);
  });
  warnings.push(...loopWarnings(model.graph ?? {}, ''));
  if (nodes.some((n) => n.opType === 'LSTM')) warnings.push("LSTM: onnxruntime-web's WebGL backend has no LSTM kernel; use its wasm (or WebGPU) backend");
  const opset = (model.opsetImport ?? []).find((o) => !o.domain || o.domain === 'ai.onnx');
  const version = opset ? int(opset.version) : 0;
  if (version > REFERENCE_OPSETS.max) warnings.push(`opset ${version}: newer than rnnkit's reference evaluator reads (${REFERENCE_OPSETS.min} to ${REFERENCE_OPSETS.max})`);
  if (version > ONNX_1_12_MAX_OPSET) warnings.push(`opset ${version}: newer than onnx 1.12 (Debian's python3-onnx) checks (up to ${ONNX_1_12_MAX_OPSET}); export with opset ${ONNX_1_12_MAX_OPSET} for it`);
  return warnings;
}

/** The trip count of a Loop when it is a constant of the graph (an initializer), else null. */
function constantTripCount(graph: GraphProto, name: string | undefined): number | null {
  const t = name ? (graph.initializer ?? []).find((i) => i.name === name) : undefined;
  if (!t) return null;
  try {
    const v = tensorValues(t);
    return v.length === 1 ? Number(v[0]) : null;
  } catch {
    return null;
  }
}

/**
 * Loops (at any depth) that may run long: no trip count (they end when their condition turns false),
 * or a constant trip count above the reference evaluator's step budget.
 */
function loopWarnings(graph: GraphProto, prefix: string): string[] {
  return (graph.node ?? []).flatMap((n, i) => {
    const path = `${prefix}${n.name ? `"${n.name}"` : `#${i}`}`;
    const inner = (n.attribute ?? []).flatMap((a) => (a.g ? loopWarnings(a.g, `${path}/`) : []));
    if (n.opType !== 'Loop' || (n.domain && n.domain !== 'ai.onnx')) return inner;
    const M = n.input?.[0] || undefined;
    const count = constantTripCount(graph, M);
    const limit = `the reference evaluator stops after ${MAX_LOOP_STEPS} loop iterations in all (maxSteps), and rnnkit run and verify stop every runtime at their time limit`;
    if (!M) return [`node ${path} (Loop): no trip count, it runs while its condition holds: ${limit}`, ...inner];
    if (count !== null && count > MAX_LOOP_STEPS) return [`node ${path} (Loop): trip count ${count}: ${limit}`, ...inner];
    return inner;
  });
}
