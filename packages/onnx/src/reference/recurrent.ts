// ONNX's RNN, LSTM and GRU ops, written out as the spec's equations, one batch row and one time
// step at a time: every attribute (direction, activations with alpha/beta, clip, layout,
// linear_before_reset, input_forget), sequence_lens, initial states, peepholes, optional outputs.
import { OnnxError } from '../onnx-error.js';
import { recurrentActivations, type Activation } from './activations.js';
import { unsupported, type NodeContext, type OpDef } from './node-context.js';
import { showDims, tensor, type Tensor } from './tensor.js';

type Cell = 'RNN' | 'GRU' | 'LSTM';

/** Gates per cell: the rows of W and R come in blocks of hidden_size, one per gate. */
const GATES: Record<Cell, number> = { RNN: 1, GRU: 3, LSTM: 4 };
/** The spec's default activations of one direction: f; f, g; f, g, h. */
const DEFAULT_ACTIVATIONS: Record<Cell, string[]> = { RNN: ['Tanh'], GRU: ['Sigmoid', 'Tanh'], LSTM: ['Sigmoid', 'Tanh', 'Tanh'] };

/** One direction's parameters: W [G·H, I], R [G·H, H], biases Wb, Rb [G·H], peepholes P [3·H]. */
interface Weights {
  W: Float64Array;
  R: Float64Array;
  Wb: Float64Array;
  Rb: Float64Array;
  P: Float64Array;
  H: number;
  I: number;
}

// ---- small vector helpers: the equations below read like the spec ----

/** W_g·x + Wb_g: gate g's input part (rows g·H .. g·H+H-1 of W). */
function xw(w: Weights, g: number, x: Float64Array): Float64Array {
  return gateRows(w.W, w.Wb, g, w.H, w.I, x);
}

/** R_g·h + Rb_g: gate g's recurrent part. */
function hr(w: Weights, g: number, h: Float64Array): Float64Array {
  return gateRows(w.R, w.Rb, g, w.H, w.H, h);
}

/** Rows g·H .. g·H+H-1 of matrix `m` (`width` wide) times v, plus the same entries of `bias`. */
function gateRows(m: Float64Array, bias: Float64Array, g: number, H: number, width: number, v: Float64Array): Float64Array {
  const out = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    const row = (g * H + j) * width;
    let s = bias[g * H + j]!;
    for (let k = 0; k < width; k++) s += m[row + k]! * v[k]!;
    out[j] = s;
  }
  return out;
}

const add = (...vs: Float64Array[]) => vs[0]!.map((_, j) => vs.reduce((s, v) => s + v[j]!, 0));
const mul = (a: Float64Array, b: Float64Array) => a.map((v, j) => v * b[j]!);
/** f(clip(a)): the clip bounds the input of every activation. */
const act = (f: Activation, a: Float64Array, clip: number) => a.map((v) => f(Math.min(Math.max(v, -clip), clip)));

// ---- one time step of each cell, for one batch row ----

/** RNN: Ht = f(Xt·Wiᵀ + Ht-1·Riᵀ + Wbi + Rbi). */
function rnnStep(w: Weights, [f]: Activation[], clip: number, x: Float64Array, h: Float64Array): Float64Array {
  return act(f!, add(xw(w, 0, x), hr(w, 0, h)), clip);
}

/** GRU, gates z, r, h in that order. */
function gruStep(w: Weights, [f, g]: Activation[], clip: number, linearBeforeReset: boolean, x: Float64Array, h: Float64Array): Float64Array {
  const z = act(f!, add(xw(w, 0, x), hr(w, 0, h)), clip); // zt = f(Xt·Wzᵀ + Ht-1·Rzᵀ + Wbz + Rbz)
  const r = act(f!, add(xw(w, 1, x), hr(w, 1, h)), clip); // rt = f(Xt·Wrᵀ + Ht-1·Rrᵀ + Wbr + Rbr)
  const hTilde = linearBeforeReset
    ? act(g!, add(xw(w, 2, x), mul(r, hr(w, 2, h))), clip) // ht = g(Xt·Whᵀ + rt ⊙ (Ht-1·Rhᵀ + Rbh) + Wbh)
    : act(g!, add(xw(w, 2, x), hr(w, 2, mul(r, h))), clip); // ht = g(Xt·Whᵀ + (rt ⊙ Ht-1)·Rhᵀ + Rbh + Wbh)
  return hTilde.map((v, j) => (1 - z[j]!) * v + z[j]! * h[j]!); // Ht = (1 - zt) ⊙ ht + zt ⊙ Ht-1
}

/** LSTM, gates i, o, f, c in W, R, B; peepholes i, o, f in P. */
function lstmStep(w: Weights, [f, g, hAct]: Activation[], clip: number, inputForget: boolean, x: Float64Array, h: Float64Array, c: Float64Array) {
  const H = w.H, Pi = w.P.subarray(0, H), Po = w.P.subarray(H, 2 * H), Pf = w.P.subarray(2 * H, 3 * H);
  const i = act(f!, add(xw(w, 0, x), hr(w, 0, h), mul(Pi, c)), clip); // it = f(Xt·Wiᵀ + Ht-1·Riᵀ + Pi ⊙ Ct-1 + Wbi + Rbi)
  const ft = inputForget
    ? i.map((v) => 1 - v) // input_forget couples the gates: ft = 1 - it
    : act(f!, add(xw(w, 2, x), hr(w, 2, h), mul(Pf, c)), clip); // ft = f(Xt·Wfᵀ + Ht-1·Rfᵀ + Pf ⊙ Ct-1 + Wbf + Rbf)
  const ct = act(g!, add(xw(w, 3, x), hr(w, 3, h)), clip); // ct = g(Xt·Wcᵀ + Ht-1·Rcᵀ + Wbc + Rbc)
  const C = c.map((v, j) => ft[j]! * v + i[j]! * ct[j]!); // Ct = ft ⊙ Ct-1 + it ⊙ ct
  const o = act(f!, add(xw(w, 1, x), hr(w, 1, h), mul(Po, C)), clip); // ot = f(Xt·Woᵀ + Ht-1·Roᵀ + Po ⊙ Ct + Wbo + Rbo)
  return { h: o.map((v, j) => v * hAct!(C[j]!)), c: C }; // Ht = ot ⊙ h(Ct)
}

// ---- the op: shapes, attributes, directions, batch rows, sequence lengths ----

function expectDims(t: Tensor | undefined, dims: number[], name: string): void {
  if (t && (t.dims.length !== dims.length || t.dims.some((d, i) => d !== dims[i]))) throw new OnnxError(`${name} is ${showDims(t.dims)}, expected ${showDims(dims)}`);
}

function recurrent(cell: Cell, ctx: NodeContext): (Tensor | undefined)[] {
  const X = ctx.floatInput(0, 'X'), W = ctx.input(1, 'W'), R = ctx.input(2, 'R');
  const B = ctx.optional(3), seqLens = ctx.optional(4), h0 = ctx.optional(5);
  const c0 = cell === 'LSTM' ? ctx.optional(6) : undefined, P = cell === 'LSTM' ? ctx.optional(7) : undefined;
  const dtype = ctx.sameType(X, W, R, B, h0, c0, P);

  const direction = ctx.string('direction', 'forward');
  if (!['forward', 'reverse', 'bidirectional'].includes(direction)) throw unsupported(`direction "${direction}"`);
  const D = direction === 'bidirectional' ? 2 : 1;
  const layout = ctx.int('layout', 0);
  if (layout !== 0 && layout !== 1) throw unsupported(`layout ${layout}`);
  if (X.dims.length !== 3) throw new OnnxError(`X must be 3-d, got ${showDims(X.dims)}`);
  // layout 0: X [seq, batch, input]; layout 1: X [batch, seq, input].
  const [seq, batch, I] = (layout === 0 ? X.dims : [X.dims[1], X.dims[0], X.dims[2]]) as [number, number, number];
  const G = GATES[cell];
  if (R.dims.length !== 3) throw new OnnxError(`R must be 3-d, got ${showDims(R.dims)}`);
  const H = ctx.int('hidden_size', R.dims[2]!);
  expectDims(W, [D, G * H, I], 'W');
  expectDims(R, [D, G * H, H], 'R');
  expectDims(B, [D, 2 * G * H], 'B');
  expectDims(P, [D, 3 * H], 'P');
  const stateDims = layout === 0 ? [D, batch, H] : [batch, D, H];
  expectDims(h0, stateDims, 'initial_h');
  expectDims(c0, stateDims, 'initial_c');

  const clip = ctx.float('clip', Infinity);
  if (!(clip > 0)) throw unsupported(`clip ${clip}`);
  const linearBeforeReset = ctx.int('linear_before_reset', 0);
  const inputForget = ctx.int('input_forget', 0);
  if (linearBeforeReset !== 0 && linearBeforeReset !== 1) throw unsupported(`linear_before_reset ${linearBeforeReset}`);
  if (inputForget !== 0 && inputForget !== 1) throw unsupported(`input_forget ${inputForget}`);
  const activations = recurrentActivations(ctx.strings('activations'), ctx.floats('activation_alpha') ?? [], ctx.floats('activation_beta') ?? [], DEFAULT_ACTIVATIONS[cell], D);

  // sequence_lens [batch]: steps past a row's length are not computed (0 in Y).
  const lengths = seqLens ? Array.from(seqLens.data) : new Array<number>(batch).fill(seq);
  if (seqLens) {
    if (!seqLens.dtype.startsWith('int')) throw new OnnxError(`sequence_lens must be int32, got ${seqLens.dtype}`);
    expectDims(seqLens, [batch], 'sequence_lens');
    const bad = lengths.find((n) => n < 0 || n > seq);
    if (bad !== undefined) throw new OnnxError(`sequence_lens holds ${bad}, outside [0, ${seq}] (seq_length of X)`);
  }

  const Y = tensor(dtype, layout === 0 ? [seq, D, batch, H] : [batch, seq, D, H], undefined, 'Y');
  const Yh = tensor(dtype, stateDims, undefined, 'Y_h');
  const Yc = tensor(dtype, stateDims, undefined, 'Y_c');
  const xAt = (t: number, b: number) => X.data.subarray(...span(layout === 0 ? t * batch + b : b * seq + t, I));
  const yOffset = (t: number, d: number, b: number) => (layout === 0 ? (t * D + d) * batch + b : (b * seq + t) * D + d) * H;
  const state = (d: number, b: number) => span(layout === 0 ? d * batch + b : b * D + d, H);

  for (let d = 0; d < D; d++) {
    const w: Weights = {
      W: W.data.subarray(...span(d, G * H * I)),
      R: R.data.subarray(...span(d, G * H * H)),
      Wb: B ? B.data.subarray(d * 2 * G * H, d * 2 * G * H + G * H) : new Float64Array(G * H),
      Rb: B ? B.data.subarray(d * 2 * G * H + G * H, (d + 1) * 2 * G * H) : new Float64Array(G * H),
      P: P ? P.data.subarray(...span(d, 3 * H)) : new Float64Array(3 * H),
      H,
      I,
    };
    const reverse = direction === 'reverse' || d === 1;
    for (let b = 0; b < batch; b++) {
      const L = lengths[b]!;
      let h: Float64Array = h0 ? h0.data.slice(...state(d, b)) : new Float64Array(H);
      let c: Float64Array = c0 ? c0.data.slice(...state(d, b)) : new Float64Array(H);
      for (let s = 0; s < L; s++) {
        const t = reverse ? L - 1 - s : s; // reverse starts at the row's last valid step
        const x = xAt(t, b);
        if (cell === 'RNN') h = rnnStep(w, activations[d]!, clip, x, h);
        else if (cell === 'GRU') h = gruStep(w, activations[d]!, clip, linearBeforeReset === 1, x, h);
        else ({ h, c } = lstmStep(w, activations[d]!, clip, inputForget === 1, x, h, c));
        Y.data.set(h, yOffset(t, d, b));
      }
      Yh.data.set(h, state(d, b)[0]); // the state after the row's last valid step
      Yc.data.set(c, state(d, b)[0]);
    }
  }
  return [ctx.wants(0) ? Y : undefined, ctx.wants(1) ? Yh : undefined, cell === 'LSTM' && ctx.wants(2) ? Yc : undefined];
}

/** [start, end) of block `i` of length `n`. */
function span(i: number, n: number): [number, number] {
  return [i * n, (i + 1) * n];
}

const COMMON = ['activation_alpha', 'activation_beta', 'activations', 'clip', 'direction', 'hidden_size', 'layout'];

/** RNN, GRU and LSTM. */
export const recurrentOps: Record<string, OpDef> = {
  RNN: { attributes: COMMON, run: (ctx) => recurrent('RNN', ctx) },
  GRU: { attributes: [...COMMON, 'linear_before_reset'], run: (ctx) => recurrent('GRU', ctx) },
  LSTM: { attributes: [...COMMON, 'input_forget'], run: (ctx) => recurrent('LSTM', ctx) },
};
