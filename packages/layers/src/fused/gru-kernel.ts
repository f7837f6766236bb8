import { gemm, transpose } from './gemm.js';
import { inputProjection, sigmoid, tanh, weightGrads, type Dims, type LayerRun, type LayerWeights } from './kernel.js';

/**
 * GRU layer with PyTorch's gates r, z, n and n = tanh(x_n + r·(h W_hnᵀ + b_hn)) (ONNX
 * linear_before_reset=1); zero initial state; forward and BPTT.
 */
export function gruLayer(d: Dims, x: Float32Array, w: LayerWeights): LayerRun {
  const { T, B, H } = d, BH = B * H, G = 3 * H;
  const hs = new Float32Array((T + 1) * BH);
  const xp = inputProjection(d, 3, x, w, [w.bIh]);
  const hp = new Float32Array(T * B * G); // h W_hhᵀ + b_hh per step, kept for the backward pass
  const gates = new Float32Array(T * B * G); // r, z, n after activation
  const wHhT = transpose(w.wHh, G, H);
  for (let t = 0; t < T; t++) {
    const p = hp.subarray(t * B * G, (t + 1) * B * G);
    gemm(B, G, H, hs.subarray(t * BH, (t + 1) * BH), wHhT, p);
    for (let b = 0; b < B; b++) {
      for (let j = 0; j < H; j++) {
        const o = t * B * G + b * G + j, s = t * BH + b * H + j;
        if (w.bHh) {
          hp[o]! += w.bHh[j]!;
          hp[o + H]! += w.bHh[j + H]!;
          hp[o + 2 * H]! += w.bHh[j + 2 * H]!;
        }
        const r = (gates[o] = sigmoid(xp[o]! + hp[o]!));
        const z = (gates[o + H] = sigmoid(xp[o + H]! + hp[o + H]!));
        const n = (gates[o + 2 * H] = tanh(xp[o + 2 * H]! + r * hp[o + 2 * H]!));
        hs[s + BH] = n + z * (hs[s]! - n);
      }
    }
  }
  return {
    out: hs.subarray(BH), // a view: nothing writes to hs after the forward pass
    backward(dOut, needInputGrad) {
      const dXP = new Float32Array(T * B * G), dHP = new Float32Array(T * B * G);
      let dh = new Float32Array(BH);
      for (let t = T - 1; t >= 0; t--) {
        const direct = new Float32Array(BH);
        for (let b = 0; b < B; b++) {
          for (let j = 0; j < H; j++) {
            const k = b * H + j, s = t * BH + k, o = t * B * G + b * G + j;
            const r = gates[o]!, z = gates[o + H]!, n = gates[o + 2 * H]!;
            const dhv = dh[k]! + dOut[s]!;
            const dn = dhv * (1 - z) * (1 - n * n);
            const dz = dhv * (hs[s]! - n) * z * (1 - z);
            const dr = dn * hp[o + 2 * H]! * r * (1 - r);
            dXP[o] = dHP[o] = dr;
            dXP[o + H] = dHP[o + H] = dz;
            dXP[o + 2 * H] = dn;
            dHP[o + 2 * H] = dn * r;
            direct[k] = dhv * z;
          }
        }
        gemm(B, H, G, dHP.subarray(t * B * G, (t + 1) * B * G), w.wHh, direct, true);
        dh = direct;
      }
      return weightGrads(d, 3, x, hs.subarray(0, T * BH), w, dXP, dHP, needInputGrad);
    },
  };
}
