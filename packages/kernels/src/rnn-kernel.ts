import { activate, GateActivations, gemm, transpose } from './gemm.js';
import { augmentedProjection, fresh, inputProjection, weightGrads, type Alloc, type Dims, type LayerRun, type LayerWeights } from './kernel.js';
import type { Kernels } from './kernels.js';
import { Residence } from './residence.js';

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
    backward(dOut, needInputGrad) {
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

/** The same layer with every step in the SIMD module, as lstmLayerSimd. */
function rnnLayerSimd(k: Kernels, d: Dims, x: Float32Array, w: LayerWeights, alloc: Alloc): LayerRun {
  const simd = k.simd!;
  const { T, B, H } = d, BH = B * H;
  const hs = alloc('hs', (T + 1) * BH);
  const { xa, wa } = augmentedProjection(d, 1, x, w, [w.bIh, w.bHh], alloc);
  // what the backward pass reads, h and [x | 1], is in JavaScript already
  const kept = new Residence(k, [{ size: (T + 1) * BH, copy: hs }, { size: xa.length, copy: xa }], alloc);
  const { at, f32 } = kept.layout([H * H, wa.length], 1); // the backward pass's arrays above W_hhᵀ
  const [pH, pXa, pW, pWa] = at as [number, number, number, number];
  f32.fill(0, pH / 4, pH / 4 + BH); // h_0 = 0
  f32.set(xa, pXa / 4);
  f32.set(wa, pWa / 4);
  simd.gemm(T * B, H, d.I + 1, pXa, pWa, pH + BH * 4, 0); // h_t = tanh(xp_t + h_{t-1} W_hhᵀ), in place
  f32.set(transpose(w.wHh, H, H), pW / 4);
  for (let t = 0; t < T; t++) {
    const o = t * BH * 4;
    if (t > 0) simd.gemm(B, H, H, pH + o, pW, pH + o + BH * 4, 1);
    simd.tanh_block(pH + o + BH * 4, BH);
  }
  hs.set(f32.subarray(pH / 4, pH / 4 + (T + 1) * BH));
  return {
    out: hs.subarray(BH),
    backward(dOut, needInputGrad) {
      const { dOut: pDo, dh: pDh, more, wHh: pWhh } = kept.backward(d, dOut, w.wHh, [T * BH]);
      const pDz = more[0]!;
      for (let t = T - 1; t >= 0; t--) {
        const o = t * BH * 4;
        simd.rnn_bwd(pH + o + BH * 4, pDh, pDo + o, pDz + o, B, H);
        if (t > 0) simd.gemm(B, H, H, pDz + o, pWhh, pDh, 0); // dh_{t-1}; step 0's would flow into h_0, a constant
      }
      return kept.weightGrads(d, 1, w, { xa: pXa, hPrev: pH, dXP: pDz, dHP: pDz }, needInputGrad);
    },
  };
}
