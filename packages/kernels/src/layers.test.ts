import { describe, expect, it } from 'vitest';
import { gruLayer } from './gru-kernel.js';
import { workspace, type Dims, type LayerGrads, type LayerWeights } from './kernel.js';
import { createKernels, type Kernels } from './kernels.js';
import { lstmLayer } from './lstm-kernel.js';
import { rnnLayer } from './rnn-kernel.js';

const LAYERS = { rnn: rnnLayer, lstm: lstmLayer, gru: gruLayer } as const;
type Cell = keyof typeof LAYERS;
const GATES: Record<Cell, number> = { rnn: 1, lstm: 4, gru: 3 };
const simd = createKernels();
const js = createKernels({ simd: 'off' });

/** A layer's weights in float64 (perturbed by the central differences below). */
type Weights64 = { [K in keyof LayerWeights]: ArrayLike<number> | null };

/** An independent float64 forward pass of one layer in PyTorch's equations (GRU: linear_before_reset); every step's h, [T, B, H]. */
function forward64(cell: Cell, d: Dims, x: ArrayLike<number>, w: Weights64): Float64Array {
  const { T, B, I, H } = d, GH = GATES[cell] * H;
  const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
  const out = new Float64Array(T * B * H);
  let h = new Float64Array(B * H);
  const c = new Float64Array(B * H);
  for (let t = 0; t < T; t++) {
    const next = new Float64Array(B * H);
    for (let b = 0; b < B; b++) {
      const gx = new Float64Array(GH), gh = new Float64Array(GH);
      for (let j = 0; j < GH; j++) {
        gx[j] = w.bIh?.[j] ?? 0;
        gh[j] = w.bHh?.[j] ?? 0;
        for (let i = 0; i < I; i++) gx[j]! += w.wIh![j * I + i]! * x[(t * B + b) * I + i]!;
        for (let k = 0; k < H; k++) gh[j]! += w.wHh![j * H + k]! * h[b * H + k]!;
      }
      for (let j = 0, s = b * H; j < H; j++, s++) {
        const a = (g: number) => gx[g * H + j]! + gh[g * H + j]!;
        if (cell === 'rnn') next[s] = Math.tanh(a(0));
        else if (cell === 'lstm') {
          c[s] = sigmoid(a(1)) * c[s]! + sigmoid(a(0)) * Math.tanh(a(2));
          next[s] = sigmoid(a(3)) * Math.tanh(c[s]!);
        } else {
          const r = sigmoid(a(0)), z = sigmoid(a(1)), n = Math.tanh(gx[2 * H + j]! + r * gh[2 * H + j]!);
          next[s] = (1 - z) * n + z * h[s]!;
        }
      }
    }
    h = next;
    out.set(h, t * B * H);
  }
  return out;
}

let seed = 7;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
const floats = (n: number, scale = 1) => Float32Array.from({ length: n }, () => scale * rand());

function problem(cell: Cell, d: Dims) {
  const GH = GATES[cell] * d.H, s = 1 / Math.sqrt(d.H);
  const w: LayerWeights = { wIh: floats(GH * d.I, s), wHh: floats(GH * d.H, s), bIh: floats(GH, s), bHh: floats(GH, s) };
  return { w, x: floats(d.T * d.B * d.I), dOut: floats(d.T * d.B * d.H) };
}

const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]!)));
const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => Array.from(a).reduce((s, v, i) => s + v * b[i]!, 0);

// H = 9: a row's last vector overlaps the one before; B = 7: the GRU's two rows at a time end on one.
const d: Dims = { T: 5, B: 7, I: 3, H: 9 };

describe('the layer kernels', () => {
  for (const cell of ['rnn', 'lstm', 'gru'] as const) {
    for (const [name, k] of [['simd', simd], ['javascript', js]] as [string, Kernels][]) {
      it(`${cell} (${name}): every step's h within 2e-6 of a float64 forward pass`, () => {
        const { w, x } = problem(cell, d);
        const run = LAYERS[cell](k, d, x, w);
        expect(maxDiff(run.out, forward64(cell, d, x, w))).toBeLessThan(2e-6);
      });

      it(`${cell} (${name}): the gradients of Σ out·R match central differences of the float64 forward pass`, () => {
        const { w, x, dOut } = problem(cell, d);
        const g = LAYERS[cell](k, d, x, w).backward(dOut, true);
        const loss = (w2: Weights64, x2: ArrayLike<number>) => dot(forward64(cell, d, x2, w2), dOut);
        const eps = 1e-4;
        const checks: [keyof LayerGrads, (v: Float32Array, e: number) => [Weights64, ArrayLike<number>]][] = [
          ['dWIh', (v, e) => [{ ...w, wIh: Array.from(w.wIh, (p, i) => p + e * v[i]!) }, x]],
          ['dWHh', (v, e) => [{ ...w, wHh: Array.from(w.wHh, (p, i) => p + e * v[i]!) }, x]],
          ['dBIh', (v, e) => [{ ...w, bIh: Array.from(w.bIh!, (p, i) => p + e * v[i]!) }, x]],
          ['dBHh', (v, e) => [{ ...w, bHh: Array.from(w.bHh!, (p, i) => p + e * v[i]!) }, x]],
          ['dx', (v, e) => [w, Array.from(x, (p, i) => p + e * v[i]!)]],
        ];
        for (const [grad, shift] of checks) {
          const v = floats(g[grad].length); // a random direction
          const fd = (loss(...shift(v, eps)) - loss(...shift(v, -eps))) / (2 * eps);
          expect(Math.abs(dot(g[grad], v) - fd), grad).toBeLessThan(1e-4 * Math.max(1, Math.abs(fd)));
        }
      });
    }

    it(`${cell}: the last step's dL/d(out) alone gives the gradients of the whole one with zeros before it, to the bit`, () => {
      const { w, x, dOut } = problem(cell, d);
      const BH = d.B * d.H, last = dOut.subarray((d.T - 1) * BH);
      const padded = new Float32Array(dOut.length);
      padded.set(last, (d.T - 1) * BH);
      for (const k of [simd, js]) {
        const whole = LAYERS[cell](k, d, x, w, workspace()).backward(padded, true);
        const short = LAYERS[cell](k, d, x, w, workspace()).backward(last, true);
        for (const key of ['dx', 'dWIh', 'dWHh', 'dBIh', 'dBHh'] as const) expect(Array.from(short[key]), key).toEqual(Array.from(whole[key]));
      }
      expect(() => LAYERS[cell](simd, d, x, w).backward(dOut.subarray(1), true)).toThrow(/expected 315 \(T·B·H\) or 63 \(B·H, the last step's\)/);
      expect(() => LAYERS[cell](js, d, x, w).backward(dOut.subarray(1), true)).toThrow(/expected 315 \(T·B·H\) or 63/);
    });

    it(`${cell}: a layer whose arrays another layer's forward pass evicted gets the same gradients, to the bit`, () => {
      const { w, x, dOut } = problem(cell, d);
      const other = problem(cell, d);
      const alone = LAYERS[cell](simd, d, x, w, workspace()).backward(dOut, true);
      const evicted = LAYERS[cell](simd, d, x, w, workspace());
      LAYERS[cell](simd, d, other.x, other.w, workspace()); // lays out its own arrays from offset 0
      const after = evicted.backward(dOut, true);
      for (const key of ['dx', 'dWIh', 'dWHh', 'dBIh', 'dBHh'] as const) expect(Array.from(after[key]), key).toEqual(Array.from(alone[key]));
    });

    it(`${cell}: two instances own their memories (a forward pass on one leaves the other's layer resident)`, () => {
      const { w, x, dOut } = problem(cell, d);
      const other = createKernels();
      const alone = LAYERS[cell](simd, d, x, w).backward(dOut, true);
      const run = LAYERS[cell](simd, d, x, w);
      LAYERS[cell](other, d, x, w);
      expect(Array.from(run.backward(dOut, true).dWHh)).toEqual(Array.from(alone.dWHh));
      expect(other.simd!.memory).not.toBe(simd.simd!.memory);
    });
  }

  it("'off' runs without the module", () => {
    expect(js.simd).toBeNull();
    expect(js.flavour).toBeNull();
  });
});
