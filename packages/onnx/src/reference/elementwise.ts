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

/** Cast: converts the values; integers truncate toward zero, bool is x != 0. */
function cast(ctx: NodeContext): Tensor[] {
  const x = ctx.input(0, 'input');
  const to = dtypeOf(ctx.int('to', 0), `Cast's "to"`);
  const convert = to === 'bool' ? (v: number) => (v !== 0 ? 1 : 0) : isFloat(to) ? (v: number) => v : (v: number) => {
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
