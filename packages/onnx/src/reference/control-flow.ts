// Control flow: If, Loop and Scan run their subgraphs (compiled and checked by the graph runner
// before anything runs). Bodies read outer-scope values; every loop iteration counts against the
// run's step budget (limits.ts MAX_LOOP_STEPS), so a loop without an exit is refused, not endless.
import { MAX_TENSOR_BYTES } from '../limits.js';
import { OnnxError } from '../onnx-error.js';
import { isSequence, unsupported, type Value, type ValueContext, type ValueOpDef } from './node-context.js';
import { normalizeAxis, scalar, showDims, strides, tensor, type DType, type Tensor } from './tensor.js';

/** A value that must be a tensor (a scan input or output, a condition). */
function asTensor(v: Value | undefined, what: string): Tensor {
  if (!v) throw new OnnxError(`${what} is missing`);
  if (isSequence(v)) throw new OnnxError(`${what} must be a tensor, got a sequence`);
  return v;
}

/** The truth of a one-value tensor (If's and Loop's conditions). */
function truth(v: Value | undefined, what: string): boolean {
  const t = asTensor(v, what);
  if (t.data.length !== 1) throw new OnnxError(`${what} must hold one value, got ${showDims(t.dims)}`);
  return t.data[0] !== 0;
}

/** If: the branch the condition picks; its outputs are the node's. */
function runIf(ctx: ValueContext): Value[] {
  const branch = truth(ctx.values[0], 'the condition') ? 'then_branch' : 'else_branch';
  const outputs = ctx.graphs.run(branch, []);
  if (outputs.length !== ctx.outputCount) throw new OnnxError(`${branch} has ${outputs.length} outputs, the node ${ctx.outputCount}`);
  return outputs;
}

/** Per-iteration outputs stacked along a new axis `axis` (0 for Loop); `reverse` puts the last first. */
function stack(items: Tensor[], axis: number, reverse: boolean, what: string): Tensor {
  const first = items[0]!;
  for (const t of items) {
    if (t.dims.length !== first.dims.length || t.dims.some((d, i) => d !== first.dims[i])) throw new OnnxError(`${what} is ${showDims(first.dims)} in one iteration and ${showDims(t.dims)} in another`);
    if (t.dtype !== first.dtype) throw new OnnxError(`${what} is ${first.dtype} in one iteration and ${t.dtype} in another`);
  }
  const a = normalizeAxis(axis, first.dims.length + 1, `${what} axis`);
  const dims = [...first.dims.slice(0, a), items.length, ...first.dims.slice(a)];
  const out = tensor(first.dtype, dims, undefined, what);
  const outer = first.dims.slice(0, a).reduce((p, d) => p * d, 1);
  const inner = first.data.length / Math.max(outer, 1);
  const ordered = reverse ? [...items].reverse() : items;
  ordered.forEach((t, s) => {
    for (let o = 0; o < outer; o++) out.data.set(t.data.subarray(o * inner, (o + 1) * inner), (o * items.length + s) * inner);
  });
  return out;
}

/** Slice `index` of `t` along `axis`, that axis removed. */
function sliceAt(t: Tensor, axis: number, index: number): Tensor {
  const outer = t.dims.slice(0, axis).reduce((p, d) => p * d, 1);
  const inner = strides(t.dims)[axis]!;
  const n = t.dims[axis]!;
  const out = tensor(t.dtype, [...t.dims.slice(0, axis), ...t.dims.slice(axis + 1)]);
  for (let o = 0; o < outer; o++) out.data.set(t.data.subarray((o * n + index) * inner, (o * n + index + 1) * inner), o * inner);
  return out;
}

/** Refuses per-iteration outputs that would grow past the evaluator's tensor limit, before they do. */
function checkGrowth(collected: Tensor[][], what: string): void {
  const bytes = collected.reduce((sum, items) => sum + (items.length ? items.length * items[0]!.data.length * 8 : 0), 0);
  if (bytes > MAX_TENSOR_BYTES) throw new OnnxError(`${what} would hold more than ${MAX_TENSOR_BYTES / 2 ** 20} MB as float64, the reference evaluator's tensor limit`);
}

/** The zero-iteration scan output: [0, ...dims] when the body declares every dim, else refused. */
function emptyScanOutput(declared: { dims: (number | string)[] | null; dtype: DType | null }, what: string): Tensor {
  const { dims, dtype } = declared;
  if (!dims || dims.some((d) => typeof d !== 'number')) throw unsupported(`${what} of a loop that runs no iteration, with no fixed shape and type declared in the body,`);
  if (!dtype) throw unsupported(`${what} of a loop that runs no iteration, with no type declared in the body,`);
  return tensor(dtype, [0, ...(dims as number[])]);
}

/**
 * Loop: inputs M (trip count, optional), cond (optional), loop-carried values; the body maps
 * (iteration, cond, carried...) to (cond, carried..., scan outputs...). Outputs: the final carried
 * values, then each scan output stacked along a new axis 0.
 */
function runLoop(ctx: ValueContext): Value[] {
  const M = ctx.values[0] ? asTensor(ctx.values[0], 'the trip count M') : undefined;
  if (M && M.data.length !== 1) throw new OnnxError(`the trip count M must hold one value, got ${showDims(M.dims)}`);
  const tripCount = M ? M.data[0]! : Infinity;
  let cond = ctx.values[1] ? truth(ctx.values[1], 'the condition') : true;
  let carried = ctx.values.slice(2);
  const body = ctx.graphs.signature('body');
  const nCarried = carried.length;
  if (body.inputs.length !== nCarried + 2) throw new OnnxError(`the body takes ${body.inputs.length} inputs, the node gives ${nCarried} loop-carried values (+ iteration and condition)`);
  const nScan = body.outputs.length - 1 - nCarried;
  if (nScan < 0) throw new OnnxError(`the body has ${body.outputs.length} outputs, fewer than 1 + ${nCarried} loop-carried values`);
  if (ctx.outputCount > nCarried + nScan) throw new OnnxError(`the node has ${ctx.outputCount} outputs, the body gives ${nCarried} loop-carried values and ${nScan} scan outputs`);
  const scans: Tensor[][] = Array.from({ length: nScan }, () => []);
  for (let i = 0; i < tripCount && cond; i++) {
    ctx.graphs.step();
    const out = ctx.graphs.run('body', [scalar('int64', i), scalar('bool', cond ? 1 : 0), ...carried]);
    cond = truth(out[0], 'the body\'s condition output');
    carried = out.slice(1, 1 + nCarried);
    out.slice(1 + nCarried).forEach((v, k) => scans[k]!.push(asTensor(v, `scan output ${k}`)));
    if (nScan) checkGrowth(scans, 'the scan outputs');
  }
  const stacked = scans.map((items, k) => {
    const what = `scan output ${k} ("${body.outputs[1 + nCarried + k]!.name}")`;
    return items.length ? stack(items, 0, false, what) : emptyScanOutput(body.outputs[1 + nCarried + k]!, what);
  });
  return [...carried.map((v, k) => {
    if (!v) throw new OnnxError(`loop-carried value ${k} is missing`);
    return v;
  }), ...stacked];
}

/** Scan-9+: states and scan inputs (sliced along scan_input_axes, optionally reversed), no batch dim. */
function runScan9(ctx: ValueContext): Value[] {
  const nScanIn = ctx.int('num_scan_inputs');
  if (nScanIn === undefined || nScanIn < 1) throw new OnnxError('num_scan_inputs must be at least 1');
  const nStates = ctx.values.length - nScanIn;
  if (nStates < 0) throw new OnnxError(`num_scan_inputs is ${nScanIn}, but the node has ${ctx.values.length} inputs`);
  const states = ctx.values.slice(0, nStates);
  const xs = ctx.values.slice(nStates).map((v, j) => asTensor(v, `scan input ${j}`));
  const inDirs = ctx.ints('scan_input_directions') ?? xs.map(() => 0);
  const inAxes = (ctx.ints('scan_input_axes') ?? xs.map(() => 0)).map((a, j) => normalizeAxis(a, xs[j]!.dims.length, `scan input ${j}'s axis`));
  const body = ctx.graphs.signature('body');
  const nScanOut = body.outputs.length - nStates;
  if (body.inputs.length !== nStates + nScanIn || nScanOut < 0) throw new OnnxError(`the body takes ${body.inputs.length} inputs and gives ${body.outputs.length} outputs, which does not fit ${nStates} states and ${nScanIn} scan inputs`);
  const outDirs = ctx.ints('scan_output_directions') ?? new Array<number>(nScanOut).fill(0);
  const outAxes = ctx.ints('scan_output_axes') ?? new Array<number>(nScanOut).fill(0);
  if (inDirs.length !== nScanIn || inAxes.length !== nScanIn || outDirs.length !== nScanOut || outAxes.length !== nScanOut) throw new OnnxError('scan_input/output directions and axes must have one entry per scan input/output');
  const length = xs[0]!.dims[inAxes[0]!]!;
  xs.forEach((x, j) => {
    if (x.dims[inAxes[j]!] !== length) throw new OnnxError(`scan inputs have different lengths (${length} and ${x.dims[inAxes[j]!]})`);
  });
  let current = states;
  const scans: Tensor[][] = Array.from({ length: nScanOut }, () => []);
  for (let t = 0; t < length; t++) {
    ctx.graphs.step();
    const slices = xs.map((x, j) => sliceAt(x, inAxes[j]!, inDirs[j] ? length - 1 - t : t));
    const out = ctx.graphs.run('body', [...current, ...slices]);
    current = out.slice(0, nStates);
    out.slice(nStates).forEach((v, k) => scans[k]!.push(asTensor(v, `scan output ${k}`)));
    checkGrowth(scans, 'the scan outputs');
  }
  const stacked = scans.map((items, k) => {
    const what = `scan output ${k} ("${body.outputs[nStates + k]!.name}")`;
    if (!items.length) return emptyScanOutput(body.outputs[nStates + k]!, what);
    return stack(items, outAxes[k]!, outDirs[k] !== 0, what);
  });
  return [...current.map((v, k) => {
    if (!v) throw new OnnxError(`state ${k} is missing`);
    return v;
  }), ...stacked];
}

/** Scan-8: the batch form; input 0 is sequence_lens (optional), then states [batch, ...] and scan inputs [batch, seq, ...]. */
function runScan8(ctx: ValueContext): Value[] {
  const nScanIn = ctx.int('num_scan_inputs');
  if (nScanIn === undefined || nScanIn < 1) throw new OnnxError('num_scan_inputs must be at least 1');
  const rest = ctx.values.slice(1);
  const nStates = rest.length - nScanIn;
  if (nStates < 0) throw new OnnxError(`num_scan_inputs is ${nScanIn}, but the node has ${ctx.values.length - 1} inputs after sequence_lens`);
  const states = rest.slice(0, nStates).map((v, k) => asTensor(v, `state ${k}`));
  const xs = rest.slice(nStates).map((v, j) => asTensor(v, `scan input ${j}`));
  const dirs = ctx.ints('directions') ?? xs.map(() => 0);
  if (dirs.length !== nScanIn) throw new OnnxError('directions must have one entry per scan input');
  const batch = xs[0]!.dims[0]!, length = xs[0]!.dims[1]!;
  for (const t of [...states, ...xs]) if (t.dims[0] !== batch) throw new OnnxError(`states and scan inputs must share the batch dim ${batch}, got ${showDims(t.dims)}`);
  for (const x of xs) if (x.dims[1] !== length) throw new OnnxError(`scan inputs have different lengths (${length} and ${x.dims[1]})`);
  const lens = ctx.values[0] ? asTensor(ctx.values[0], 'sequence_lens') : undefined;
  if (lens && Array.from(lens.data).some((l) => l !== length)) throw unsupported('Scan-8 with sequence_lens shorter than the scan inputs');
  const perBatch: Value[][] = [];
  for (let b = 0; b < batch; b++) {
    let current: Value[] = states.map((s) => sliceAt(s, 0, b));
    const seqs = xs.map((x) => sliceAt(x, 0, b));
    const scans: Tensor[][] = [];
    for (let t = 0; t < length; t++) {
      ctx.graphs.step();
      const out = ctx.graphs.run('body', [...current, ...seqs.map((x, j) => sliceAt(x, 0, dirs[j] ? length - 1 - t : t))]);
      current = out.slice(0, nStates);
      out.slice(nStates).forEach((v, k) => (scans[k] ??= []).push(asTensor(v, `scan output ${k}`)));
    }
    perBatch.push([...current, ...scans.map((items, k) => stack(items, 0, false, `scan output ${k}`))]);
  }
  const nOut = perBatch[0]?.length ?? 0;
  return Array.from({ length: nOut }, (_, k) => stack(perBatch.map((o) => asTensor(o[k], `output ${k}`)), 0, false, `output ${k}`));
}

/** The control-flow ops, by op type. */
export const controlFlowOps: Record<string, ValueOpDef> = {
  If: { attributes: ['then_branch', 'else_branch'], graphs: ['then_branch', 'else_branch'], runValues: runIf },
  Loop: { since: 1, attributes: ['body'], graphs: ['body'], runValues: runLoop },
  Scan: {
    since: 8,
    attributes: ['body', 'num_scan_inputs', 'directions', 'scan_input_directions', 'scan_output_directions', 'scan_input_axes', 'scan_output_axes'],
    graphs: ['body'],
    runValues: (ctx) => {
      if (ctx.opset < 9) {
        if (['scan_input_directions', 'scan_output_directions', 'scan_input_axes', 'scan_output_axes'].some((a) => ctx.attr(a))) throw new OnnxError('Scan-8 takes directions, not scan_input_/scan_output_ attributes');
        return runScan8(ctx);
      }
      if (ctx.attr('directions')) throw new OnnxError('Scan-9 and later take scan_input_directions, not directions');
      return runScan9(ctx);
    },
  },
};
