import { activate, GateActivations, gemm, transpose } from './gemm.js';
import { allSteps, fresh, inputProjection, weightGrads, type Alloc, type Dims, type LayerRun, type LayerWeights } from './kernel.js';
import type { Kernels } from './kernels.js';
import { GradBlocks } from './grad-blocks.js';
import { Residence } from './residence.js';
import { fillStepRows, rowWidth, stackedWeights, stepRowGrads } from './step-rows.js';

/** Elman RNN layer, h_t = tanh(x_t W_ihᵀ + b_ih + h_{t-1} W_hhᵀ + b_hh), forward and BPTT, on k. */
export function rnnLayer(k: Kernels, d: Dims, x: Float32Array, w: LayerWeights, alloc: Alloc = fresh): LayerRun {
  if (k.simd && d.H >= 4) return rnnLayerSimd(k, d, x, w, alloc);
  const { T, B, H } = d, BH = B * H;
  const hs = alloc('hs', (T + 1) * BH); // hs[0] is h_0 = 0
  const xp = inputProjection(k, d, 1, x, w, [w.bIh, w.bHh], alloc);
  const wHhT = transpose(w.wHh, H, H);
  const act = k.activations(`rnn ${H}`, () => new GateActivations([['tanh', H]]));
  for (let t = 0; t < T; t++) {
    const z = xp.subarray(t * BH, (t + 1) * BH);
    // z = tanh(z + h_{t-1} W_hhᵀ) in place (h_0 = 0: the first step has no product)
    if (t > 0) gemm(k, B, H, H, hs.subarray(t * BH, (t + 1) * BH), wHhT, z, true, act);
    else activate(k, z, BH, act);
    hs.set(z, (t + 1) * BH);
  }
  return {
    out: hs.subarray(BH), // a view: nothing writes to hs after the forward pass
    backward(dOutGiven, needInputGrad) {
      const dOut = allSteps(d, dOutGiven);
      const dZ = alloc('dZ', T * BH);
      const dh = alloc('dh', BH);
      for (let t = T - 1; t >= 0; t--) {
        const h = hs.subarray((t + 1) * BH), dz = dZ.subarray(t * BH, (t + 1) * BH);
        for (let i = 0; i < BH; i++) dz[i] = (dh[i]! + dOut[t * BH + i]!) * (1 - h[i]! * h[i]!);
        if (t > 0) gemm(k, B, H, H, dz, w.wHh, dh); // dh_{t-1}; step 0's would flow into h_0, a constant
      }
      return weightGrads(k, d, 1, x, hs.subarray(0, T * BH), w, dZ, dZ, needInputGrad);
    },
  };
}

/** The same layer with every step in the SIMD module, as lstmLayerSimd: one product of the step rows, then tanh in place. */
function rnnLayerSimd(k: Kernels, d: Dims, x: Float32Array, w: LayerWeights, alloc: Alloc): LayerRun {
  const { T, B, H, I } = d, BH = B * H, W = rowWidth(d), BW = B * W;
  const hs = alloc('hs', (T + 1) * BH, true); // written whole below
  // what the backward pass reads: h (in JavaScript already) and the step rows
  const kept = new Residence(k, [{ size: (T + 1) * BH, copy: hs }, { size: T * BW, copy: 'rows' }], alloc);
  const { at, f32 } = kept.layout([W * H], 1); // the backward pass's arrays above the stacked weights
  const [pH, pZ, pW] = at as [number, number, number];
  fillStepRows(f32, pZ / 4, d, x);
  stackedWeights(f32, pW / 4, d, 1, w, [w.bIh, w.bHh]);
  f32.fill(0, pH / 4, pH / 4 + BH); // h_0 = 0
  k.windows(B, T * B * H * W, (s, b0, nb) => {
    for (let t = 0; t < T; t++) {
      const h = pH + ((t + 1) * BH + b0 * H) * 4, z = pZ + (t * BW + b0 * W) * 4;
      // h_t = tanh([h_{t-1} | x_t | 1] [W_hhᵀ; W_ihᵀ; b]), h_{-1} = 0: step 0 has the x and 1 columns only
      if (t > 0) s.gemm_s(nb, H, W, z, W, 1, pW, H, h, H, 0);
      else s.gemm_s(nb, H, I + 1, z + H * 4, W, 1, pW + H * H * 4, H, h, H, 0);
      s.tanh_block(h, nb * H);
      if (t + 1 < T) s.copy_rows(h, H, z + BW * 4, W, nb, H);
    }
  });
  hs.set(f32.subarray(pH / 4, pH / 4 + (T + 1) * BH));
  return {
    out: hs.subarray(BH),
    backward(dOut, needInputGrad) {
      const { dOutAt, dh: pZero, more, wHh: pWhh } = kept.backward(d, dOut, w.wHh, [BH, T * BH, H * W]);
      const [pDh, pDz, pDw] = more as [number, number, number];
      const blocks = new GradBlocks(d, H, pDz, pZ, pDw);
      k.windows(B, T * B * H * H, (s, b0, nb) => {
        // dh from the step after: zero for the last step (pZero, never written, so that the work can run again)
        const zero = pZero + b0 * H * 4, dhRows = pDh + b0 * H * 4;
        for (let t = T - 1; t >= 0; t--) {
          const o = (t * BH + b0 * H) * 4;
          s.rnn_bwd(pH + o + BH * 4, t === T - 1 ? zero : dhRows, dOutAt(t) + b0 * H * 4, pDz + o, nb, H);
          if (t > 0) s.gemm(nb, H, H, pDz + o, pWhh, dhRows, 0); // dh_{t-1}; step 0's would flow into h_0, a constant
          blocks.stepDone(s, t, nb);
        }
      });
      return kept.weightGrads(d, 1, w, stepRowGrads(pZ, blocks, pDz), needInputGrad);
    },
  };
}
