// Elementwise ops: one function per value, numpy broadcasting for two or three inputs.
import { OnnxError } from '../onnx-error.js';
import { activation } from './activations.js';
import { dtypeOf } from './from-proto.js';
import { unsupported, type NodeContext, type OpDef } from './node-context.js';
import { broadcastIndex, broadcastShapes, isFloat, tensor, zip, type DType, type Tensor } from './tensor.js';

/** f applied to every value of input 0; float-only ops refuse integer tensors. */
function unary(f: (x: number) => number, floatOnly = true, attributes: string[] = []): OpDef {
  return {
    attributes,
    run: (ctx) => {
      const x = floatOnly ? ctx.floatInput(0, 'X') : ctx.input(0, 'X');
      return [{ dtype: x.dtype, dims: [...x.dims], data: x.data.map(f) }];
    },
  };
}

/** An activation op whose alpha/beta attributes default as in the ONNX operator. */
function activationOp(name: string, attributes: string[]): OpDef {
  return {
    attributes,
    run: (ctx) => {
      const x = ctx.floatInput(0, 'X');
      const f = activation(name, ctx.float('alpha'), ctx.float('beta'));
      return [{ dtype: x.dtype, dims: [...x.dims], data: x.data.map(f) }];
    },
  };
}

/** Integer division truncates toward zero (as C++ and onnxruntime do). */
const divide = (dtype: DType) => (isFloat(dtype) ? (a: number, b: number) => a / b : (a: number, b: number) => {
  if (b === 0) throw new OnnxError('integer division by zero');
  return Math.trunc(a / b);
});

/** A two-input op on tensors of one type; `out` gives the result type (bool for comparisons). */
function binary(f: (dtype: DType) => (a: number, b: number) => number, out?: DType, inputTypes?: 'bool'): OpDef {
  return {
    attributes: [],
    run: (ctx) => {
      const a = ctx.input(0, 'A'), b = ctx.input(1, 'B');
      const dtype = ctx.sameType(a, b);
      if (inputTypes === 'bool' && dtype !== 'bool') throw new OnnxError(`inputs must be bool, got ${dtype}`);
      return [zip(a, b, out ?? dtype, f(dtype))];
    },
  };
}

/**
 * The nearest half-precision value (ties to even), as every runtime stores a float16: the one
 * float type whose rounding (rel. 5e-4) would show in a comparison.
 */
function roundToHalf(v: number): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const a = Math.abs(v);
  if (a >= 65520) return Math.sign(v) * Infinity;
  // Spacing of half values near a: 2^(e - 10) for normal numbers, 2^-24 below 2^-14.
  const e = Math.max(Math.floor(Math.log2(a)), -14);
  const ulp = 2 ** (e - 10);
  const q = a / ulp, f = Math.floor(q), r = q - f;
  const rounded = r > 0.5 || (r === 0.5 && f % 2 === 1) ? f + 1 : f;
  return Math.sign(v) * rounded * ulp;
}

/** erf in float64: its Taylor series below 3, the continued fraction of erfc above (both to ~1e-15). */
export function erf(x: number): number {
  const a = Math.abs(x);
  if (a < 3) {
    let term = a, sum = a;
    for (let n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
      term *= (-a * a) / n;
      sum += term / (2 * n + 1);
    }
    return Math.sign(x) * ((2 / Math.sqrt(Math.PI)) * sum);
  }
  // erfc(a) = exp(-a²)/√π · 1/(a + 1/2/(a + 1/(a + 3/2/(a + ...)))), evaluated bottom-up.
  let f = a;
  for (let n = 60; n >= 1; n--) f = a + n / 2 / f;
  return Math.sign(x) * (1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / f);
}

/** Gelu (opset 20): x·Φ(x), or its tanh approximation when approximate = "tanh". */
function gelu(ctx: NodeContext): Tensor[] {
  const x = ctx.floatInput(0, 'X');
  const mode = ctx.string('approximate', 'none');
  if (mode !== 'none' && mode !== 'tanh') throw new OnnxError(`Gelu's approximate must be "none" or "tanh", got "${mode}"`);
  const f = mode === 'tanh' ? (v: number) => 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3))) : (v: number) => 0.5 * v * (1 + erf(v / Math.SQRT2));
  return [{ dtype: x.dtype, dims: [...x.dims], data: x.data.map(f) }];
}

/** Cast: converts the values; integers truncate toward zero, bool is x != 0, float16 rounds to half precision. */
function cast(ctx: NodeContext, toType?: DType): Tensor[] {
  const x = ctx.input(0, 'input');
  const to = toType ?? dtypeOf(ctx.int('to', 0), `Cast's "to"`);
  const convert = to === 'bool' ? (v: number) => (v !== 0 ? 1 : 0) : to === 'float16' ? roundToHalf : isFloat(to) ? (v: number) => v : (v: number) => {
    if (!Number.isFinite(v)) throw new OnnxError(`cannot cast ${v} to ${to}`);
    return Math.trunc(v);
  };
  return [{ dtype: to, dims: [...x.dims], data: x.data.map(convert) }];
}

/** Where(condition, X, Y): X where the condition holds, else Y, all three broadcast. */
function where(ctx: NodeContext): Tensor[] {
  const c = ctx.input(0, 'condition'), x = ctx.input(1, 'X'), y = ctx.input(2, 'Y');
  if (c.dtype !== 'bool') throw new OnnxError(`condition must be bool, got ${c.dtype}`);
  const dims = broadcastShapes(c.dims, x.dims, y.dims);
  const out = tensor(ctx.sameType(x, y), dims);
  const [ic, ix, iy] = [c, x, y].map((t) => broadcastIndex(t.dims, dims));
  for (let k = 0; k < out.data.length; k++) {
    out.data[k] = c.data[ic ? ic[k]! : k] ? x.data[ix ? ix[k]! : k]! : y.data[iy ? iy[k]! : k]!;
  }
  return [out];
}

/** Clip: bounds from attributes min/max before opset 11, from optional inputs after. */
function clipOp(ctx: NodeContext): Tensor[] {
  const x = ctx.input(0, 'input');
  const bound = (i: number, name: string, fallback: number) => {
    if (ctx.opset < 11) return ctx.float(name, fallback);
    const t = ctx.optional(i);
    if (t && t.data.length !== 1) throw new OnnxError(`${name} must be a scalar`);
    return t ? t.data[0]! : fallback;
  };
  const lo = bound(1, 'min', -Infinity), hi = bound(2, 'max', Infinity);
  return [{ dtype: x.dtype, dims: [...x.dims], data: x.data.map((v) => Math.min(Math.max(v, lo), hi)) }];
}

/** Pow: the result has the base's type; integer results are truncated. */
function pow(ctx: NodeContext): Tensor[] {
  const a = ctx.input(0, 'X'), b = ctx.input(1, 'Y');
  if (ctx.opset < 12) ctx.sameType(a, b);
  const f = isFloat(a.dtype) ? Math.pow : (x: number, y: number) => Math.trunc(Math.pow(x, y));
  return [zip(a, b, a.dtype, f)];
}

/** Elementwise ops by name. */
export const elementwiseOps: Record<string, OpDef> = {
  Add: binary(() => (a, b) => a + b),
  Sub: binary(() => (a, b) => a - b),
  Mul: binary(() => (a, b) => a * b),
  Div: binary(divide),
  Pow: { attributes: [], run: pow },
  Equal: binary(() => (a, b) => (a === b ? 1 : 0), 'bool'),
  Less: binary(() => (a, b) => (a < b ? 1 : 0), 'bool'),
  LessOrEqual: { since: 12, ...binary(() => (a, b) => (a <= b ? 1 : 0), 'bool') },
  Greater: binary(() => (a, b) => (a > b ? 1 : 0), 'bool'),
  GreaterOrEqual: { since: 12, ...binary(() => (a, b) => (a >= b ? 1 : 0), 'bool') },
  And: binary(() => (a, b) => (a && b ? 1 : 0), 'bool', 'bool'),
  Or: binary(() => (a, b) => (a || b ? 1 : 0), 'bool', 'bool'),
  Xor: binary(() => (a, b) => (Boolean(a) !== Boolean(b) ? 1 : 0), 'bool', 'bool'),
  Not: {
    attributes: [],
    run: (ctx) => {
      const x = ctx.input(0, 'X');
      if (x.dtype !== 'bool') throw new OnnxError(`Not needs a bool tensor, got ${x.dtype}`);
      return [{ dtype: 'bool', dims: [...x.dims], data: x.data.map((v) => (v ? 0 : 1)) }];
    },
  },
  Where: { since: 9, attributes: [], run: where },
  Cast: {
    attributes: ['to', 'saturate'],
    run: (ctx) => {
      if (ctx.int('saturate', 1) !== 1) throw unsupported('saturate=0 (float8 only)');
      return cast(ctx);
    },
  },
  CastLike: {
    since: 15,
    attributes: ['saturate'],
    run: (ctx) => {
      if (ctx.int('saturate', 1) !== 1) throw unsupported('saturate=0 (float8 only)');
      return cast(ctx, ctx.input(1, 'target_type').dtype);
    },
  },
  Erf: { since: 9, ...unary(erf) },
  Gelu: { since: 20, attributes: ['approximate'], run: gelu },
  Clip: { attributes: ['min', 'max'], run: clipOp },
  Neg: unary((x) => -x, false),
  Abs: unary(Math.abs, false),
  Relu: unary((x) => Math.max(0, x), false),
  Sqrt: unary(Math.sqrt),
  Exp: unary(Math.exp),
  Log: unary(Math.log),
  Reciprocal: unary((x) => 1 / x),
  Floor: unary(Math.floor),
  Ceil: unary(Math.ceil),
  Tanh: unary(Math.tanh),
  Sigmoid: activationOp('Sigmoid', []),
  Softsign: activationOp('Softsign', []),
  Softplus: activationOp('Softplus', []),
  LeakyRelu: activationOp('LeakyRelu', ['alpha']),
  Elu: activationOp('Elu', ['alpha']),
  HardSigmoid: activationOp('HardSigmoid', ['alpha', 'beta']),
  ThresholdedRelu: { since: 10, ...unary((x) => x, true, ['alpha']), run: (ctx) => {
    const x = ctx.floatInput(0, 'X'), alpha = ctx.float('alpha', 1);
    return [{ dtype: x.dtype, dims: [...x.dims], data: x.data.map((v) => (v > alpha ? v : 0)) }]; // y = x for x > alpha
  } },
};
