import { describe, expect, it } from 'vitest';
import { buildModel, type Attr, type TypeName } from '../test-utils/onnx-model.js';
import { runReference } from './graph.js';

// Hand-computed float64 checks of RNN, GRU and LSTM: tiny cases written out as formulas, then
// every attribute combination against the spec's equations spelled out below as scalar loops.
// Both sides compute in float64, so the tolerance is 1e-12.

type Feed = { dims: number[]; data: number[]; type?: TypeName };
const SLOTS = ['X', 'W', 'R', 'B', 'sequence_lens', 'initial_h', 'initial_c', 'P'];

/** Runs one recurrent node; `feeds` by slot name (missing slots become omitted inputs). */
function runNode(op: string, attrs: Record<string, Attr>, feeds: Record<string, Feed | undefined>, outputs: string[] = ['Y', 'Y_h'], type: TypeName = 'float64') {
  const given = Object.entries(feeds).filter((e): e is [string, Feed] => e[1] !== undefined);
  const last = Math.max(...given.map(([k]) => SLOTS.indexOf(k)));
  const typeOf = (name: string, f: Feed) => f.type ?? (name === 'sequence_lens' ? 'int32' : type);
  const bytes = buildModel({
    nodes: [{ op, name: `my_${op}`, inputs: SLOTS.slice(0, last + 1).map((s) => (feeds[s] ? s : '')), outputs, attrs }],
    inputs: given.map(([name, f]) => ({ name, type: typeOf(name, f), dims: f.dims })),
    outputs: outputs.filter(Boolean).map((name) => ({ name, type })),
  });
  return runReference(bytes, Object.fromEntries(given.map(([k, f]) => [k, { dims: f.dims, data: f.data, dtype: typeOf(k, f) }])));
}
const values = (t: { data: Float64Array } | undefined) => Array.from(t!.data);
function close(got: number[], want: number[], tol = 1e-12): void {
  expect(got.length).toBe(want.length);
  got.forEach((g, i) => expect(Math.abs(g - want[i]!), `value ${i}: ${g} vs ${want[i]}`).toBeLessThanOrEqual(tol));
}
const sig = (x: number) => 1 / (1 + Math.exp(-x));
const one = (v: number) => ({ dims: [1, 1, 1], data: [v] });

describe('tiny cases written out by hand', () => {
  it('RNN, tanh, bias, 2 steps', () => {
    // W = 0.5, R = 0.3, Wb = 0.1, Rb = 0.2, x = 1 then 2, h0 = 0.
    const out = runNode('RNN', { hidden_size: 1 }, { X: { dims: [2, 1, 1], data: [1, 2] }, W: one(0.5), R: one(0.3), B: { dims: [1, 2], data: [0.1, 0.2] } });
    const h1 = Math.tanh(0.5 * 1 + 0.3 * 0 + 0.1 + 0.2);
    const h2 = Math.tanh(0.5 * 2 + 0.3 * h1 + 0.1 + 0.2);
    close(values(out.Y), [h1, h2]);
    close(values(out.Y_h), [h2]);
    expect(out.Y!.dims).toEqual([2, 1, 1, 1]); // [seq, num_directions, batch, hidden]
  });

  it('RNN, reverse, initial_h: the last step is computed first', () => {
    const out = runNode('RNN', { hidden_size: 1, direction: 'reverse' }, { X: { dims: [2, 1, 1], data: [1, 2] }, W: one(0.5), R: one(0.3), initial_h: one(0.7) });
    const hAt1 = Math.tanh(0.5 * 2 + 0.3 * 0.7);
    const hAt0 = Math.tanh(0.5 * 1 + 0.3 * hAt1);
    close(values(out.Y), [hAt0, hAt1]);
    close(values(out.Y_h), [hAt0]);
  });

  it('RNN, sequence_lens: zeros past a row\'s length, Y_h at its last valid step, reverse starts there', () => {
    // batch 2, seq 3, lengths [3, 1]; W = 1, R = 0.5; row 0 sees 1, 2, 3, row 1 sees 10, 20, 30.
    const feeds = { X: { dims: [3, 2, 1], data: [1, 10, 2, 20, 3, 30] }, W: one(1), R: one(0.5), sequence_lens: { dims: [2], data: [3, 1] } };
    const fwd = runNode('RNN', { hidden_size: 1 }, feeds);
    const a1 = Math.tanh(1), a2 = Math.tanh(2 + 0.5 * a1), a3 = Math.tanh(3 + 0.5 * a2), b1 = Math.tanh(10);
    close(values(fwd.Y), [a1, b1, a2, 0, a3, 0]);
    close(values(fwd.Y_h), [a3, b1]);
    const rev = runNode('RNN', { hidden_size: 1, direction: 'reverse' }, { ...feeds, sequence_lens: { dims: [2], data: [3, 2] } });
    const r3 = Math.tanh(3), r2 = Math.tanh(2 + 0.5 * r3), r1 = Math.tanh(1 + 0.5 * r2);
    const s2 = Math.tanh(20), s1 = Math.tanh(10 + 0.5 * s2); // row 1 starts at t = 1, its last valid step
    close(values(rev.Y), [r1, s1, r2, s2, r3, 0]);
    close(values(rev.Y_h), [r1, s1]);
  });

  it('RNN, a row of length 0 keeps its initial state in Y_h (onnxruntime gives 0; the spec leaves it open)', () => {
    const out = runNode('RNN', { hidden_size: 1 }, { X: { dims: [2, 2, 1], data: [1, 2, 3, 4] }, W: one(1), R: one(0.5), sequence_lens: { dims: [2], data: [0, 2] }, initial_h: { dims: [1, 2, 1], data: [0.7, 0.7] } });
    const b1 = Math.tanh(2 + 0.5 * 0.7), b2 = Math.tanh(4 + 0.5 * b1);
    close(values(out.Y), [0, b1, 0, b2]);
    close(values(out.Y_h), [0.7, b2]);
  });

  it('RNN, clip bounds the activation input', () => {
    const out = runNode('RNN', { hidden_size: 1, activations: ['Relu'], clip: { f: 0.5 } }, { X: { dims: [1, 3, 1], data: [2, -1, 0.3] }, W: one(1), R: one(0) });
    close(values(out.Y_h), [0.5, 0, 0.3]);
  });

  // Each activation as the RNN's f with W = 1, R = 0, no bias: Y_h = f(x).
  const xs = [-1.5, -0.3, 0.4, 2.0];
  const cases: [string, number[] | null, number[] | null, (x: number) => number][] = [
    ['Relu', null, null, (x) => Math.max(0, x)],
    ['Tanh', null, null, Math.tanh],
    ['Sigmoid', null, null, (x) => 1 / (1 + Math.exp(-x))],
    ['Affine', [2], [0.5], (x) => 2 * x + 0.5],
    ['Affine', null, null, (x) => 1 * x + 0], // ONNX Affine: alpha 1, beta 0
    ['LeakyRelu', [0.2], null, (x) => (x >= 0 ? x : 0.2 * x)],
    ['LeakyRelu', null, null, (x) => (x >= 0 ? x : 0.01 * x)],
    ['ThresholdedRelu', [0.35], null, (x) => (x >= 0.35 ? x : 0)],
    ['ThresholdedRelu', null, null, (x) => (x >= 1 ? x : 0)],
    ['ScaledTanh', [1.5], [0.7], (x) => 1.5 * Math.tanh(0.7 * x)],
    ['HardSigmoid', [0.3], [0.4], (x) => Math.min(Math.max(0.3 * x + 0.4, 0), 1)],
    ['HardSigmoid', null, null, (x) => Math.min(Math.max(0.2 * x + 0.5, 0), 1)],
    ['Elu', [0.5], null, (x) => (x >= 0 ? x : 0.5 * (Math.exp(x) - 1))],
    ['Elu', null, null, (x) => (x >= 0 ? x : Math.exp(x) - 1)],
    ['Softsign', null, null, (x) => x / (1 + Math.abs(x))],
    ['Softplus', null, null, (x) => Math.log(1 + Math.exp(x))],
  ];
  for (const [name, alpha, beta, f] of cases) {
    it(`activation ${name}${alpha ? ` alpha ${alpha}` : ''}${beta ? ` beta ${beta}` : ''}${!alpha && !beta ? ' (defaults)' : ''}`, () => {
      const attrs: Record<string, Attr> = { hidden_size: 1, activations: [name] };
      if (alpha) attrs.activation_alpha = { floats: alpha };
      if (beta) attrs.activation_beta = { floats: beta };
      const out = runNode('RNN', attrs, { X: { dims: [1, 4, 1], data: xs }, W: one(1), R: one(0) });
      // activation_alpha is a float attribute: its values pass through float32.
      close(values(out.Y_h), xs.map(f), 1e-7);
    });
  }

  it('ScaledTanh without alpha and beta is refused (ONNX gives no default)', () => {
    expect(() => runNode('RNN', { hidden_size: 1, activations: ['ScaledTanh'] }, { X: { dims: [1, 1, 1], data: [1] }, W: one(1), R: one(0) })).toThrow(/node "my_RNN" \(RNN\): activation ScaledTanh needs alpha and beta/);
  });

  it('GRU, one step, linear_before_reset 0 and 1', () => {
    // Gates z, r, h: W = [0.5, -0.4, 0.9], R = [0.2, 0.3, -0.6], Wb = [0.1, 0.2, 0.3], Rb = [-0.1, 0.05, 0.15].
    const feeds = { X: one(0.8), W: { dims: [1, 3, 1], data: [0.5, -0.4, 0.9] }, R: { dims: [1, 3, 1], data: [0.2, 0.3, -0.6] }, B: { dims: [1, 6], data: [0.1, 0.2, 0.3, -0.1, 0.05, 0.15] }, initial_h: one(0.6) };
    const z = sig(0.5 * 0.8 + 0.2 * 0.6 + 0.1 - 0.1);
    const r = sig(-0.4 * 0.8 + 0.3 * 0.6 + 0.2 + 0.05);
    const hBefore = Math.tanh(0.9 * 0.8 + -0.6 * (r * 0.6) + 0.15 + 0.3); // (r ⊙ h)·Rhᵀ + Rbh
    const hAfter = Math.tanh(0.9 * 0.8 + r * (-0.6 * 0.6 + 0.15) + 0.3); // r ⊙ (h·Rhᵀ + Rbh)
    close(values(runNode('GRU', { hidden_size: 1 }, feeds).Y_h), [(1 - z) * hBefore + z * 0.6]);
    close(values(runNode('GRU', { hidden_size: 1, linear_before_reset: 1 }, feeds).Y_h), [(1 - z) * hAfter + z * 0.6]);
  });

  it('LSTM, one step, peepholes, initial_c, input_forget; Y, Y_h and Y_c', () => {
    // Gates i, o, f, c: W = [0.3, -0.2, 0.5, 0.7], R = [0.1, 0.4, -0.3, 0.2]; P = [Pi 0.3, Po -0.2, Pf 0.4].
    const c0 = -0.6, h0 = 0.5, x = 0.9;
    const feeds = {
      X: one(x), W: { dims: [1, 4, 1], data: [0.3, -0.2, 0.5, 0.7] }, R: { dims: [1, 4, 1], data: [0.1, 0.4, -0.3, 0.2] },
      B: { dims: [1, 8], data: [0.05, 0.1, -0.05, 0.2, 0.01, 0.02, 0.03, -0.04] }, initial_h: one(h0), initial_c: one(c0), P: { dims: [1, 3], data: [0.3, -0.2, 0.4] },
    };
    const i = sig(0.3 * x + 0.1 * h0 + 0.3 * c0 + 0.05 + 0.01);
    const g = Math.tanh(0.7 * x + 0.2 * h0 + 0.2 - 0.04);
    for (const inputForget of [0, 1]) {
      const f = inputForget ? 1 - i : sig(0.5 * x - 0.3 * h0 + 0.4 * c0 - 0.05 + 0.03);
      const C = f * c0 + i * g;
      const o = sig(-0.2 * x + 0.4 * h0 - 0.2 * C + 0.1 + 0.02); // the output gate's peephole sees the new cell
      const H = o * Math.tanh(C);
      const out = runNode('LSTM', { hidden_size: 1, input_forget: inputForget }, feeds, ['Y', 'Y_h', 'Y_c']);
      close(values(out.Y), [H]);
      close(values(out.Y_h), [H]);
      close(values(out.Y_c), [C]);
    }
  });
});

// ---- the spec's equations as scalar loops, for any size and every attribute ----

type Fn = (x: number) => number;
interface Case {
  cell: 'RNN' | 'GRU' | 'LSTM';
  direction: 'forward' | 'reverse' | 'bidirectional';
  layout: 0 | 1;
  seq: number; batch: number; I: number; H: number;
  X: number[]; W: number[]; R: number[]; B?: number[]; P?: number[]; h0?: number[]; c0?: number[]; lens?: number[];
  clip?: number; lbr?: number; inputForget?: number;
  fns: Fn[][]; // per direction: f (, g (, h))
}

function specOutputs(c: Case) {
  const D = c.direction === 'bidirectional' ? 2 : 1, G = { RNN: 1, GRU: 3, LSTM: 4 }[c.cell], { H, I, seq, batch } = c;
  const Y = new Array<number>(seq * D * batch * H).fill(0), Yh = new Array<number>(D * batch * H).fill(0), Yc = [...Yh];
  const xAt = (t: number, b: number, k: number) => c.X[(c.layout === 0 ? t * batch + b : b * seq + t) * I + k]!;
  const yAt = (t: number, d: number, b: number, j: number) => (c.layout === 0 ? ((t * D + d) * batch + b) * H + j : ((b * seq + t) * D + d) * H + j);
  const sAt = (d: number, b: number, j: number) => (c.layout === 0 ? (d * batch + b) * H + j : (b * D + d) * H + j);
  const clip = (v: number) => (c.clip === undefined ? v : Math.min(Math.max(v, -c.clip), c.clip));
  for (let d = 0; d < D; d++) {
    const [f, g, hf] = c.fns[d]!;
    const w = (gate: number, j: number, k: number) => c.W[((d * G + gate) * H + j) * I + k]!;
    const r = (gate: number, j: number, k: number) => c.R[((d * G + gate) * H + j) * H + k]!;
    const wb = (gate: number, j: number) => (c.B ? c.B[d * 2 * G * H + gate * H + j]! : 0);
    const rb = (gate: number, j: number) => (c.B ? c.B[d * 2 * G * H + G * H + gate * H + j]! : 0);
    const p = (k: number, j: number) => (c.P ? c.P[d * 3 * H + k * H + j]! : 0);
    const Wx = (gate: number, j: number, t: number, b: number) => { let s = wb(gate, j); for (let k = 0; k < I; k++) s += w(gate, j, k) * xAt(t, b, k); return s; };
    const Rh = (gate: number, j: number, h: number[]) => { let s = rb(gate, j); for (let k = 0; k < H; k++) s += r(gate, j, k) * h[k]!; return s; };
    const reverse = c.direction === 'reverse' || d === 1;
    for (let b = 0; b < batch; b++) {
      const L = c.lens ? c.lens[b]! : seq;
      let h = Array.from({ length: H }, (_, j) => (c.h0 ? c.h0[sAt(d, b, j)]! : 0));
      let cs = Array.from({ length: H }, (_, j) => (c.c0 ? c.c0[sAt(d, b, j)]! : 0));
      for (let s = 0; s < L; s++) {
        const t = reverse ? L - 1 - s : s;
        const next: number[] = [], nextC: number[] = [];
        for (let j = 0; j < H; j++) {
          if (c.cell === 'RNN') next.push(f!(clip(Wx(0, j, t, b) + Rh(0, j, h))));
          if (c.cell === 'GRU') {
            const z = f!(clip(Wx(0, j, t, b) + Rh(0, j, h)));
            const rh = h.map((_, k) => f!(clip(Wx(1, k, t, b) + Rh(1, k, h))) * h[k]!);
            const rj = f!(clip(Wx(1, j, t, b) + Rh(1, j, h)));
            const ht = c.lbr ? g!(clip(Wx(2, j, t, b) + rj * Rh(2, j, h))) : g!(clip(Wx(2, j, t, b) + Rh(2, j, rh)));
            next.push((1 - z) * ht + z * h[j]!);
          }
          if (c.cell === 'LSTM') {
            const i = f!(clip(Wx(0, j, t, b) + Rh(0, j, h) + p(0, j) * cs[j]!));
            const fg = c.inputForget ? 1 - i : f!(clip(Wx(2, j, t, b) + Rh(2, j, h) + p(2, j) * cs[j]!));
            const cand = g!(clip(Wx(3, j, t, b) + Rh(3, j, h)));
            const C = fg * cs[j]! + i * cand;
            const o = f!(clip(Wx(1, j, t, b) + Rh(1, j, h) + p(1, j) * C));
            nextC.push(C);
            next.push(o * hf!(C));
          }
        }
        h = next;
        if (c.cell === 'LSTM') cs = nextC;
        h.forEach((v, j) => (Y[yAt(t, d, b, j)] = v));
      }
      h.forEach((v, j) => (Yh[sAt(d, b, j)] = v));
      cs.forEach((v, j) => (Yc[sAt(d, b, j)] = v));
    }
  }
  return { Y, Yh, Yc };
}

let seed = 7;
const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
const randoms = (n: number, scale = 1) => Array.from({ length: n }, () => rand() * scale);

describe('every attribute combination against the spec equations', () => {
  const cells = ['RNN', 'GRU', 'LSTM'] as const;
  const directions = ['forward', 'reverse', 'bidirectional'] as const;
  for (const cell of cells) {
    for (const direction of directions) {
      for (const layout of [0, 1] as const) {
        for (const full of [false, true]) {
          const title = `${cell} ${direction} layout=${layout} ${full ? 'B, sequence_lens, initial states, P, clip, custom activations, lbr/input_forget' : 'defaults'}`;
          it(title, () => {
            const D = direction === 'bidirectional' ? 2 : 1, G = { RNN: 1, GRU: 3, LSTM: 4 }[cell];
            const seq = 4, batch = 3, I = 2, H = 3;
            const stateDims = layout === 0 ? [D, batch, H] : [batch, D, H];
            // custom activations with alpha/beta: consumed in order by the functions that take them
            const names = { RNN: ['LeakyRelu'], GRU: ['HardSigmoid', 'Softsign'], LSTM: ['HardSigmoid', 'Elu', 'ScaledTanh'] }[cell];
            const alphas = [0.25, 0.75, 1.25, 0.5, 0.125, 1.5], betas = [0.5, 0.625, 0.25, 0.375];
            const c: Case = {
              cell, direction, layout, seq, batch, I, H,
              X: randoms(seq * batch * I, 2), W: randoms(D * G * H * I), R: randoms(D * G * H * H),
              fns: Array.from({ length: D }, () => ({ RNN: [Math.tanh], GRU: [sig, Math.tanh], LSTM: [sig, Math.tanh, Math.tanh] })[cell]),
            };
            const attrs: Record<string, Attr> = { hidden_size: H, direction, layout };
            if (full) {
              Object.assign(c, { B: randoms(D * 2 * G * H), lens: [4, 2, 3], h0: randoms(D * batch * H), clip: 1.5 });
              if (cell === 'LSTM') Object.assign(c, { c0: randoms(D * batch * H), P: randoms(D * 3 * H), inputForget: direction === 'reverse' ? 1 : 0 });
              if (cell === 'GRU') c.lbr = direction === 'forward' ? 0 : 1;
              let ai = 0, bi = 0;
              const make: Record<string, () => Fn> = {
                LeakyRelu: () => { const a = alphas[ai++]!; return (x) => (x >= 0 ? x : a * x); },
                HardSigmoid: () => { const a = alphas[ai++]!, b = betas[bi++]!; return (x) => Math.min(Math.max(a * x + b, 0), 1); },
                Softsign: () => (x) => x / (1 + Math.abs(x)),
                Elu: () => { const a = alphas[ai++]!; return (x) => (x >= 0 ? x : a * (Math.exp(x) - 1)); },
                ScaledTanh: () => { const a = alphas[ai++]!, b = betas[bi++]!; return (x) => a * Math.tanh(b * x); },
              };
              c.fns = Array.from({ length: D }, () => names.map((n) => make[n]!()));
              Object.assign(attrs, { clip: { f: 1.5 }, activations: Array.from({ length: D }, () => names).flat(), activation_alpha: { floats: alphas }, activation_beta: { floats: betas } });
              if (cell === 'GRU') attrs.linear_before_reset = c.lbr!;
              if (cell === 'LSTM') attrs.input_forget = c.inputForget!;
            }
            const feeds: Record<string, Feed | undefined> = {
              X: { dims: layout === 0 ? [seq, batch, I] : [batch, seq, I], data: c.X }, W: { dims: [D, G * H, I], data: c.W }, R: { dims: [D, G * H, H], data: c.R },
              B: c.B && { dims: [D, 2 * G * H], data: c.B }, sequence_lens: c.lens && { dims: [batch], data: c.lens },
              initial_h: c.h0 && { dims: stateDims, data: c.h0 }, initial_c: c.c0 && { dims: stateDims, data: c.c0 }, P: c.P && { dims: [D, 3 * H], data: c.P },
            };
            const want = specOutputs(c);
            const outs = cell === 'LSTM' ? ['Y', 'Y_h', 'Y_c'] : ['Y', 'Y_h'];
            const got = runNode(cell, attrs, feeds, outs);
            expect(got.Y!.dims).toEqual(layout === 0 ? [seq, D, batch, H] : [batch, seq, D, H]);
            expect(got.Y_h!.dims).toEqual(stateDims);
            close(values(got.Y), want.Y);
            close(values(got.Y_h), want.Yh);
            if (cell === 'LSTM') close(values(got.Y_c), want.Yc);
            if (full) expect(want.Y.filter((v) => v === 0).length).toBeGreaterThan(0); // the short rows left zeros
          });
        }
      }
    }
  }
});

describe('optional outputs and element types', () => {
  const X = { dims: [2, 1, 2], data: [0.5, -1, 2, 0.25] }, W = { dims: [1, 8, 2], data: randoms(16) }, R = { dims: [1, 8, 2], data: randoms(16) };
  const all = runNode('LSTM', { hidden_size: 2 }, { X, W, R }, ['Y', 'Y_h', 'Y_c']);

  it.each([[['', 'Y_h']], [['Y']], [['Y', '']], [['', '', 'Y_c']], [['', 'Y_h', 'Y_c']]])('LSTM with outputs %j', (outputs) => {
    const got = runNode('LSTM', { hidden_size: 2 }, { X, W, R }, outputs);
    expect(Object.keys(got).sort()).toEqual(outputs.filter(Boolean).sort());
    for (const name of outputs.filter(Boolean)) close(values(got[name]), values(all[name]));
  });

  it('float32 inputs give float32 outputs, computed in float64 from the float32 values', () => {
    const got = runNode('LSTM', { hidden_size: 2 }, { X, W, R }, ['Y', 'Y_h', 'Y_c'], 'float32');
    expect(got.Y_h!.dtype).toBe('float32');
    expect(all.Y_h!.dtype).toBe('float64');
    // W and R rounded to float32 move the result by ~1e-8, not more.
    close(values(got.Y_h), values(all.Y_h), 1e-6);
    expect(values(got.Y_h).some((v, i) => v !== values(all.Y_h)[i])).toBe(true);
  });
});
