// LayerNormalization (opset 17): normalizes over the axes from `axis` to the last, in float64.
import { OnnxError } from '../onnx-error.js';
import type { NodeContext, OpDef } from './node-context.js';
import { broadcastIndex, normalizeAxis, tensor, type Tensor } from './tensor.js';

/** Y = (X - mean) / sqrt(var + epsilon) * Scale + B over axes [axis, rank); Mean and InvStdDev keep those axes as 1. */
function layerNormalization(ctx: NodeContext): (Tensor | undefined)[] {
  const x = ctx.floatInput(0, 'X'), scale = ctx.input(1, 'Scale'), bias = ctx.optional(2);
  const rank = x.dims.length;
  const axis = normalizeAxis(ctx.int('axis', -1), rank);
  const epsilon = ctx.float('epsilon', 1e-5);
  const normDims = x.dims.slice(axis);
  const n = normDims.reduce((a, d) => a * d, 1);
  const outer = x.data.length / Math.max(n, 1);
  if (n === 0) throw new OnnxError('LayerNormalization over an empty axis');
  const sIndex = broadcastIndex(scale.dims, normDims), bIndex = bias ? broadcastIndex(bias.dims, normDims) : null;
  const y = tensor(x.dtype, x.dims);
  const statDims = x.dims.map((d, i) => (i < axis ? d : 1));
  const mean = tensor(x.dtype, statDims), inv = tensor(x.dtype, statDims);
  for (let o = 0; o < outer; o++) {
    let sum = 0;
    for (let k = 0; k < n; k++) sum += x.data[o * n + k]!;
    const m = sum / n;
    let sq = 0;
    for (let k = 0; k < n; k++) sq += (x.data[o * n + k]! - m) ** 2;
    const r = 1 / Math.sqrt(sq / n + epsilon);
    mean.data[o] = m;
    inv.data[o] = r;
    for (let k = 0; k < n; k++) {
      const s = scale.data[sIndex ? sIndex[k]! : k]!, b = bias ? bias.data[bIndex ? bIndex[k]! : k]! : 0;
      y.data[o * n + k] = (x.data[o * n + k]! - m) * r * s + b;
    }
  }
  return [y, ctx.wants(1) ? mean : undefined, ctx.wants(2) ? inv : undefined];
}

/** The normalization ops, by op type. */
export const normalizationOps: Record<string, OpDef> = {
  LayerNormalization: { since: 17, attributes: ['axis', 'epsilon', 'stash_type'], run: layerNormalization },
};
