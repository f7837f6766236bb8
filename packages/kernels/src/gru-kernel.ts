import { activate, GateActivations, gemm, transpose } from './gemm.js';
import { augmentedProjection, fresh, inputProjection, tanh, weightGrads, type Alloc, type Dims, type LayerRun, type LayerWeights } from './kernel.js';
import type { Kernels } from './kernels.js';
import { Residence } from './residence.js';

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
    backward(dOut, needInputGrad) {
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

/** The same layer with every step in the SIMD module, as lstmLayerSimd. */
function gruLayerSimd(k: Kernels, d: Dims, x: Float32Array, w: LayerWeights, alloc: Alloc): LayerRun {
  const simd = k.simd!;
  const { T, B, H } = d, BH = B * H, G = 3 * H, BG = B * G;
  const hs = alloc('hs', (T + 1) * BH);
  const bHn = new Float32Array(G);
  if (w.bHh) bHn.set(w.bHh.subarray(2 * H), 2 * H);
  const act = activations(k, H);
  // xp = x W_ihᵀ + b_ih + [b_hr, b_hz, 0]: gru_step adds its r and z blocks to hp's
  const { xa, wa } = augmentedProjection(d, 3, x, w, [w.bIh, w.bHh?.subarray(0, 2 * H) ?? null], alloc);
  // what the backward pass reads: hp, h W_hhᵀ + [0, 0, b_hn], then [σ(r), σ(z), h W_hnᵀ + b_hn] per
  // step (the n block); the gates r, z, n; h and [x | 1]
  const kept = new Residence(k, [{ size: T * BG, copy: 'hp' }, { size: T * BG, copy: 'gates' }, { size: (T + 1) * BH, copy: hs }, { size: xa.length, copy: xa }], alloc);
  const { at, f32 } = kept.layout([T * BG, H * G, act.coef.length, wa.length, G, 1]);
  const [pHp, pGt, pH, pXa, pXp, pW, pCoef, pWa, pBhn, pOne] = at as number[] as [number, number, number, number, number, number, number, number, number, number];
  f32.set(xa, pXa / 4);
  f32.set(wa, pWa / 4);
  f32.set(bHn, pBhn / 4);
  f32[pOne / 4] = 1;
  simd.gemm(T * B, G, d.I + 1, pXa, pWa, pXp, 0);
  simd.gemm_s(T * B, G, 1, pOne, 0, 0, pBhn, G, pHp, G, 0); // every row [0, 0, b_hn]: a product with a column of ones
  f32.fill(0, pH / 4, pH / 4 + BH);
  f32.set(transpose(w.wHh, G, H), pW / 4);
  f32.set(act.coef, pCoef / 4);
  for (let t = 0; t < T; t++) {
    const g = t * BG * 4, o = t * BH * 4;
    if (t > 0) simd.gemm(B, G, H, pH + o, pW, pHp + g, 1);
    simd.gru_step(pHp + g, pXp + g, pH + o, pGt + g, pH + o + BH * 4, B, H); // σ(r), σ(z), n and h in one pass
  }
  hs.set(f32.subarray(pH / 4, pH / 4 + (T + 1) * BH));
  return {
    out: hs.subarray(BH),
    backward(dOut, needInputGrad) {
      const { dOut: pDo, dh: pDh0, more, wHh: pWhh } = kept.backward(d, dOut, w.wHh, [BH, T * BG, T * BG]);
      const [pDh1, pDx, pDhp] = more as [number, number, number];
      let dh = pDh0, next = pDh1;
      for (let t = T - 1; t >= 0; t--) {
        const g = t * BG * 4, o = t * BH * 4;
        simd.gru_bwd(pGt + g, pHp + g, pH + o, dh, pDo + o, pDx + g, pDhp + g, next, B, H);
        if (t > 0) simd.gemm(B, H, G, pDhp + g, pWhh, next, 1);
        [dh, next] = [next, dh];
      }
      return kept.weightGrads(d, 3, w, { dXP: pDx, dHP: pDhp, hRows: pH + BH * 4, width: H, xRows: pXa, xStride: d.I + 1, xSteps: T }, needInputGrad);
    },
  };
}
