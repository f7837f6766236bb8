import { activate, GateActivations, gemm, transpose } from './gemm.js';
import { allSteps, fresh, inputProjection, tanh, weightGrads, type Alloc, type Dims, type LayerRun, type LayerWeights } from './kernel.js';
import type { Kernels } from './kernels.js';
import { GradBlocks } from './grad-blocks.js';
import { Residence } from './residence.js';
import { fillStepRows, inputWeights, rowWidth, stackedWeights, stepRowGrads } from './step-rows.js';

/**
 * GRU layer with PyTorch's gates r, z, n and n = tanh(x_n + r·(h W_hnᵀ + b_hn)) (ONNX
 * linear_before_reset=1); zero initial state; forward and BPTT, on k.
 */
export function gruLayer(k: Kernels, d: Dims, x: Float32Array, w: LayerWeights, alloc: Alloc = fresh): LayerRun {
  if (k.simd && d.H >= 4) return gruLayerSimd(k, d, x, w, alloc);
  const { T, B, H } = d, BH = B * H, G = 3 * H;
  const hs = alloc('hs', (T + 1) * BH);
  const xp = inputProjection(k, d, 3, x, w, [w.bIh], alloc);
  const hp = alloc('hp', T * B * G); // h W_hhᵀ + b_hh per step, kept for the backward pass
  const gates = alloc('gates', T * B * G); // r, z, n after activation
  const wHhT = transpose(w.wHh, G, H);
  const bHh = w.bHh ?? new Float32Array(G);
  const act = activations(k, H);
  for (let t = 0; t < T; t++) {
    // hp = [x_r + b_hr, x_z + b_hz, b_hn] + h_{t-1} W_hhᵀ, then σ on r and z in place: the
    // backward pass needs only the n block of the product (h_0 = 0: the first step has none).
    const hpt = hp.subarray(t * B * G, (t + 1) * B * G);
    for (let b = 0; b < B; b++) {
      const o = t * B * G + b * G;
      for (let j = 0; j < 2 * H; j++) hp[o + j] = xp[o + j]! + bHh[j]!;
      for (let j = 2 * H; j < G; j++) hp[o + j] = bHh[j]!;
    }
    if (t > 0) gemm(k, B, G, H, hs.subarray(t * BH, (t + 1) * BH), wHhT, hpt, true, act);
    else activate(k, hpt, B * G, act);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const o = t * B * G + b * G + j, s = t * BH + b * H + j;
        const r = (gates[o] = hp[o]!);
        const z = (gates[o + H] = hp[o + H]!);
        const n = (gates[o + 2 * H] = tanh(xp[o + 2 * H]! + r * hp[o + 2 * H]!));
        hs[s + BH] = n + z * (hs[s]! - n);
      }
    }
  }
  return {
    out: hs.subarray(BH), // a view: nothing writes to hs after the forward pass
    backward(dOutGiven, needInputGrad) {
      const dOut = allSteps(d, dOutGiven);
      const dXP = alloc('dXP', T * B * G), dHP = alloc('dHP', T * B * G);
      let dh = alloc('dh', BH);
      let spare = alloc('dh2', BH);
      for (let t = T - 1; t >= 0; t--) {
        const direct = spare;
        for (let b = 0; b < B; b++) {
          for (let j = 0; j < H; j++) {
            const q = b * H + j, s = t * BH + q, o = t * B * G + b * G + j;
            const r = gates[o]!, z = gates[o + H]!, n = gates[o + 2 * H]!;
            const dhv = dh[q]! + dOut[s]!;
            const dn = dhv * (1 - z) * (1 - n * n);
            const dz = dhv * (hs[s]! - n) * z * (1 - z);
            const dr = dn * hp[o + 2 * H]! * r * (1 - r);
            dXP[o] = dHP[o] = dr;
            dXP[o + H] = dHP[o + H] = dz;
            dXP[o + 2 * H] = dn;
            dHP[o + 2 * H] = dn * r;
            direct[q] = dhv * z;
          }
        }
        if (t > 0) gemm(k, B, H, G, dHP.subarray(t * B * G, (t + 1) * B * G), w.wHh, direct, true);
        spare = dh;
        dh = direct;
      }
      return weightGrads(k, d, 3, x, hs.subarray(0, T * BH), w, dXP, dHP, needInputGrad);
    },
  };
}

/** σ on r and z; n's block stays as it is (its tanh needs r first). */
const activations = (k: Kernels, H: number) => k.activations(`gru ${H}`, () => new GateActivations([['sigmoid', 2 * H], ['identity', H]]));

/**
 * The same layer with every step in the SIMD module, as lstmLayerSimd: each step one product of
 * its rows [h_{t-1} | x_t | 1] (step-rows.ts) against [W_hhᵀ; W_ihᵀ; b] whose n columns of W_ihᵀ
 * are zero, giving r's and z's whole pre-activations and h W_hnᵀ + b_hn; x W_inᵀ + b_in for all
 * steps in one product beside it (r multiplies only the recurrent part of n).
 */
function gruLayerSimd(k: Kernels, d: Dims, x: Float32Array, w: LayerWeights, alloc: Alloc): LayerRun {
  const { T, B, H, I } = d, BH = B * H, G = 3 * H, BG = B * G, W = rowWidth(d), BW = B * W, n = 2 * H;
  const hs = alloc('hs', (T + 1) * BH, true); // written whole below
  // what the backward pass reads: hp (σ(r), σ(z) and h W_hnᵀ + b_hn per step), n, h and the step rows
  const kept = new Residence(k, [{ size: T * BG, copy: 'hp' }, { size: T * BH, copy: 'n' }, { size: (T + 1) * BH, copy: hs }, { size: T * BW, copy: 'rows' }], alloc);
  const { at, f32 } = kept.layout([W * G, T * BH, (I + 1) * H]);
  const [pHp, pN, pH, pZ, pW, pXn, pWin] = at as [number, number, number, number, number, number, number];
  fillStepRows(f32, pZ / 4, d, x);
  // r and z: both biases in the stacked bias row; n: b_hn there, b_in with x W_inᵀ
  stackedWeights(f32, pW / 4, d, 3, w, [w.bIh?.subarray(0, n) ?? null, w.bHh], n);
  inputWeights(f32, pWin / 4, d, w, 3, n); // [W_inᵀ; b_in] [I + 1, H]
  f32.fill(0, pH / 4, pH / 4 + BH); // h_0 = 0
  k.windows(B, T * B * G * W, (s, b0, nb) => {
    for (let t = 0; t < T; t++) {
      const g = (t * BG + b0 * G) * 4, o = (t * BH + b0 * H) * 4, z = pZ + (t * BW + b0 * W) * 4;
      // x W_inᵀ + b_in from the rows' x and 1 columns, then r's, z's and n's recurrent part
      s.gemm_s(nb, H, I + 1, z + H * 4, W, 1, pWin, H, pXn + o, H, 0);
      if (t > 0) s.gemm_s(nb, G, W, z, W, 1, pW, G, pHp + g, G, 0);
      else s.gemm_s(nb, G, I + 1, z + H * 4, W, 1, pW + H * G * 4, G, pHp + g, G, 0); // h_{-1} = 0: the x and 1 columns only
      s.gru_step(pHp + g, pXn + o, pH + o, pN + o, pH + o + BH * 4, nb, H); // σ(r), σ(z) in place, n and h in one pass
      if (t + 1 < T) s.copy_rows(pH + o + BH * 4, H, z + BW * 4, W, nb, H);
    }
  });
  hs.set(f32.subarray(pH / 4, pH / 4 + (T + 1) * BH));
  return {
    out: hs.subarray(BH),
    backward(dOut, needInputGrad) {
      // dn [T·B, H]: the input side's gradient where it differs from dHP (r and z: the same)
      const { dOutAt, dh: pZero, more, wHh: pWhh } = kept.backward(d, dOut, w.wHh, [BH, BH, T * BH, T * BG, G * W]);
      const [pDh0, pDh1, pDn, pDhp, pDw] = more as [number, number, number, number, number];
      const blocks = new GradBlocks(d, G, pDhp, pZ, pDw);
      k.windows(B, T * B * G * H, (s, b0, nb) => {
        // dh from the step after: zero for the last step (pZero, never written, so that the work
        // can run again), then the two buffers in turn
        const zero = pZero + b0 * H * 4, a = pDh0 + b0 * H * 4, b = pDh1 + b0 * H * 4;
        for (let t = T - 1, i = 0; t >= 0; t--, i++) {
          const g = (t * BG + b0 * G) * 4, o = (t * BH + b0 * H) * 4;
          const dh = i === 0 ? zero : i % 2 ? a : b, next = i % 2 ? b : a;
          s.gru_bwd(pN + o, pHp + g, pH + o, dh, dOutAt(t) + b0 * H * 4, pDn + o, pDhp + g, next, nb, H);
          if (t > 0) s.gemm(nb, H, G, pDhp + g, pWhh, next, 1);
          blocks.stepDone(s, t, nb);
        }
      });
      return kept.weightGrads(d, 3, w, stepRowGrads(pZ, blocks, pDn, pDhp, n), needInputGrad);
    },
  };
}
