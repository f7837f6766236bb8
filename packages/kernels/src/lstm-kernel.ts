import { activate, GateActivations, gemm, transpose } from './gemm.js';
import { allSteps, fresh, inputProjection, tanh, weightGrads, type Alloc, type Dims, type LayerRun, type LayerWeights } from './kernel.js';
import type { Kernels } from './kernels.js';
import { GradBlocks } from './grad-blocks.js';
import { Residence } from './residence.js';
import { fillStepRows, rowWidth, stackedWeights, stepRowGrads } from './step-rows.js';

/** LSTM layer with PyTorch's gates i, f, g, o; zero initial h and c; forward and BPTT, on k. */
export function lstmLayer(k: Kernels, d: Dims, x: Float32Array, w: LayerWeights, alloc: Alloc = fresh): LayerRun {
  if (k.simd && d.H >= 4) return lstmLayerSimd(k, d, x, w, alloc);
  const { T, B, H } = d, BH = B * H, G = 4 * H;
  const hs = alloc('hs', (T + 1) * BH), cs = alloc('cs', (T + 1) * BH), tcs = alloc('tcs', T * BH);
  const acts = inputProjection(k, d, 4, x, w, [w.bIh, w.bHh], alloc); // becomes the activated gates, step by step
  const wHhT = transpose(w.wHh, G, H);
  const act = activations(k, H);
  for (let t = 0; t < T; t++) {
    const a = acts.subarray(t * B * G, (t + 1) * B * G);
    // the gates activated in place: σ(i), σ(f), tanh(g), σ(o) (h_0 = 0: the first step has no product)
    if (t > 0) gemm(k, B, G, H, hs.subarray(t * BH, (t + 1) * BH), wHhT, a, true, act);
    else activate(k, a, B * G, act);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const o = b * G + j, s = t * BH + b * H + j;
        const i = a[o]!, f = a[o + H]!, g = a[o + 2 * H]!, og = a[o + 3 * H]!;
        const c = (cs[s + BH] = f * cs[s]! + i * g);
        const tc = (tcs[s] = tanh(c));
        hs[s + BH] = og * tc;
      }
    }
  }
  return {
    out: hs.subarray(BH), // a view: nothing writes to hs after the forward pass
    backward(dOutGiven, needInputGrad) {
      const dOut = allSteps(d, dOutGiven);
      const dG = alloc('dG', T * B * G);
      const dh = alloc('dh', BH);
      const dc = alloc('dc', BH);
      for (let t = T - 1; t >= 0; t--) {
        for (let b = 0; b < B; b++) {
          for (let j = 0; j < H; j++) {
            const q = b * H + j, s = t * BH + q, o = t * B * G + b * G + j;
            const i = acts[o]!, f = acts[o + H]!, g = acts[o + 2 * H]!, og = acts[o + 3 * H]!, tc = tcs[s]!;
            const dhv = dh[q]! + dOut[s]!;
            const dcv = dc[q]! + dhv * og * (1 - tc * tc);
            dG[o] = dcv * g * i * (1 - i);
            dG[o + H] = dcv * cs[s]! * f * (1 - f);
            dG[o + 2 * H] = dcv * i * (1 - g * g);
            dG[o + 3 * H] = dhv * tc * og * (1 - og);
            dc[q] = dcv * f;
          }
        }
        if (t > 0) gemm(k, B, H, G, dG.subarray(t * B * G, (t + 1) * B * G), w.wHh, dh);
      }
      return weightGrads(k, d, 4, x, hs.subarray(0, T * BH), w, dG, dG, needInputGrad);
    },
  };
}

/** σ on i and f, tanh on g, σ on o. */
const activations = (k: Kernels, H: number) => k.activations(`lstm ${H}`, () => new GateActivations([['sigmoid', 2 * H], ['tanh', H], ['sigmoid', H]]));

/**
 * The same layer with every step in the SIMD module: each step is one product of its rows
 * [h_{t-1} | x_t | 1] (step-rows.ts) into the gates, then activations and cell update in one pass
 * (lstm_step), h copied into the next step's rows; the backward pass likewise (cell gradients,
 * then dh through W_hh); only whole sequences cross between JavaScript and wasm. The gates, cell
 * states and rows stay in the module for the backward pass unless another layer's layout evicts
 * them (see Residence).
 */
function lstmLayerSimd(k: Kernels, d: Dims, x: Float32Array, w: LayerWeights, alloc: Alloc): LayerRun {
  const { T, B, H, I } = d, BH = B * H, G = 4 * H, BG = B * G, W = rowWidth(d), BW = B * W;
  const hs = alloc('hs', (T + 1) * BH, true); // written whole below
  // what the backward pass reads: the activated gates, h, c (tanh(c) it computes again) and the step rows
  const kept = new Residence(k, [{ size: T * BG, copy: 'xp' }, { size: (T + 1) * BH, copy: hs }, { size: (T + 1) * BH, copy: 'cs' }, { size: T * BW, copy: 'rows' }], alloc);
  const { at, f32 } = kept.layout([W * G]);
  const [pA, pH, pC, pZ, pW] = at as [number, number, number, number, number];
  fillStepRows(f32, pZ / 4, d, x);
  stackedWeights(f32, pW / 4, d, 4, w, [w.bIh, w.bHh]);
  f32.fill(0, pH / 4, pH / 4 + BH); // h_0 = c_0 = 0
  f32.fill(0, pC / 4, pC / 4 + BH);
  k.windows(B, T * B * G * W, (s, b0, nb) => {
    for (let t = 0; t < T; t++) {
      const a = pA + (t * BG + b0 * G) * 4, o = (t * BH + b0 * H) * 4, z = pZ + (t * BW + b0 * W) * 4;
      if (t > 0) s.gemm_s(nb, G, W, z, W, 1, pW, G, a, G, 0);
      else s.gemm_s(nb, G, I + 1, z + H * 4, W, 1, pW + H * G * 4, G, a, G, 0); // h_{-1} = 0: the x and 1 columns only
      s.lstm_step(a, pC + o, pC + o + BH * 4, pH + o + BH * 4, nb, H); // activations and cell update in one pass
      if (t + 1 < T) s.copy_rows(pH + o + BH * 4, H, z + BW * 4, W, nb, H);
    }
  });
  hs.set(f32.subarray(pH / 4, pH / 4 + (T + 1) * BH));
  return {
    out: hs.subarray(BH),
    backward(dOut, needInputGrad) {
      const { dOutAt, dh: pZero, more, wHh: pWhh } = kept.backward(d, dOut, w.wHh, [BH, BH, BH, T * BG, G * W]);
      const [pDh, pDc0, pDc1, pDg, pDw] = more as [number, number, number, number, number];
      const blocks = new GradBlocks(d, G, pDg, pZ, pDw);
      k.windows(B, T * B * G * H, (s, b0, nb) => {
        // dh and dc from the step after: zero for the last step (pZero, never written, so that the
        // work can run again), then dh from the product and dc from the two buffers in turn
        const zero = pZero + b0 * H * 4, dhRows = pDh + b0 * H * 4, c0 = pDc0 + b0 * H * 4, c1 = pDc1 + b0 * H * 4;
        for (let t = T - 1, i = 0; t >= 0; t--, i++) {
          const a = pA + (t * BG + b0 * G) * 4, o = (t * BH + b0 * H) * 4, dg = pDg + (t * BG + b0 * G) * 4;
          const dh = i === 0 ? zero : dhRows, dcIn = i === 0 ? zero : i % 2 ? c0 : c1, dcOut = i % 2 ? c1 : c0;
          s.lstm_bwd(a, pC + o, pC + o + BH * 4, dh, dOutAt(t) + b0 * H * 4, dcIn, dcOut, dg, nb, H);
          if (t > 0) s.gemm(nb, H, G, dg, pWhh, dhRows, 0);
          blocks.stepDone(s, t, nb);
        }
      });
      return kept.weightGrads(d, 4, w, stepRowGrads(pZ, blocks, pDg), needInputGrad);
    },
  };
}
