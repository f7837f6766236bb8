import { activate, GateActivations, gemm, transpose } from './gemm.js';
import { fresh, inputProjection, tanh, weightGrads, type Alloc, type Dims, type LayerRun, type LayerWeights } from './kernel.js';

/**
 * GRU layer with PyTorch's gates r, z, n and n = tanh(x_n + r·(h W_hnᵀ + b_hn)) (ONNX
 * linear_before_reset=1); zero initial state; forward and BPTT.
 */
export function gruLayer(d: Dims, x: Float32Array, w: LayerWeights, alloc: Alloc = fresh): LayerRun {
  const { T, B, H } = d, BH = B * H, G = 3 * H;
  const hs = alloc('hs', (T + 1) * BH);
  const xp = inputProjection(d, 3, x, w, [w.bIh], alloc);
  const hp = alloc('hp', T * B * G); // h W_hhᵀ + b_hh per step, kept for the backward pass
  const gates = alloc('gates', T * B * G); // r, z, n after activation
  const wHhT = transpose(w.wHh, G, H);
  const bHh = w.bHh ?? new Float32Array(G);
  const act = activations(H);
  for (let t = 0; t < T; t++) {
    // hp = [x_r + b_hr, x_z + b_hz, b_hn] + h_{t-1} W_hhᵀ, then σ on r and z in place: the
    // backward pass needs only the n block of the product (h_0 = 0: the first step has none).
    const hpt = hp.subarray(t * B * G, (t + 1) * B * G);
    for (let b = 0; b < B; b++) {
      const o = t * B * G + b * G;
      for (let j = 0; j < 2 * H; j++) hp[o + j] = xp[o + j]! + bHh[j]!;
      for (let j = 2 * H; j < G; j++) hp[o + j] = bHh[j]!;
    }
    if (t > 0) gemm(B, G, H, hs.subarray(t * BH, (t + 1) * BH), wHhT, hpt, true, act);
    else activate(hpt, B * G, act);
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
    backward(dOut, needInputGrad) {
      const dXP = alloc('dXP', T * B * G), dHP = alloc('dHP', T * B * G);
      let dh = alloc('dh', BH);
      let spare = alloc('dh2', BH);
      for (let t = T - 1; t >= 0; t--) {
        const direct = spare;
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
        if (t > 0) gemm(B, H, G, dHP.subarray(t * B * G, (t + 1) * B * G), w.wHh, direct, true);
        spare = dh;
        dh = direct;
      }
      return weightGrads(d, 3, x, hs.subarray(0, T * BH), w, dXP, dHP, needInputGrad);
    },
  };
}

const cache = new Map<number, GateActivations>();
const activations = (H: number) =>
  cache.get(H) ?? cache.set(H, new GateActivations([['sigmoid', 2 * H], ['identity', H]])).get(H)!;
