import { activate, GateActivations, gemm, transpose } from './gemm.js';
import { arena, isResident, release, simd, type Resident } from './gemm-wasm.js';
import { simdWeightGrads } from './simd-weight-grads.js';
import { augmentedProjection, fresh, inputProjection, tanh, weightGrads, type Alloc, type Dims, type LayerRun, type LayerWeights } from './kernel.js';

/** LSTM layer with PyTorch's gates i, f, g, o; zero initial h and c; forward and BPTT. */
export function lstmLayer(d: Dims, x: Float32Array, w: LayerWeights, alloc: Alloc = fresh): LayerRun {
  if (simd && d.H >= 4) return lstmLayerSimd(d, x, w, alloc);
  const { T, B, H } = d, BH = B * H, G = 4 * H;
  const hs = alloc('hs', (T + 1) * BH), cs = alloc('cs', (T + 1) * BH), tcs = alloc('tcs', T * BH);
  const acts = inputProjection(d, 4, x, w, [w.bIh, w.bHh], alloc); // becomes the activated gates, step by step
  const wHhT = transpose(w.wHh, G, H);
  const act = activations(H);
  for (let t = 0; t < T; t++) {
    const a = acts.subarray(t * B * G, (t + 1) * B * G);
    // the gates activated in place: σ(i), σ(f), tanh(g), σ(o) (h_0 = 0: the first step has no product)
    if (t > 0) gemm(B, G, H, hs.subarray(t * BH, (t + 1) * BH), wHhT, a, true, act);
    else activate(a, B * G, act);
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
    backward(dOut, needInputGrad) {
      const dG = alloc('dG', T * B * G);
      const dh = alloc('dh', BH);
      const dc = alloc('dc', BH);
      for (let t = T - 1; t >= 0; t--) {
        for (let b = 0; b < B; b++) {
          for (let j = 0; j < H; j++) {
            const k = b * H + j, s = t * BH + k, o = t * B * G + b * G + j;
            const i = acts[o]!, f = acts[o + H]!, g = acts[o + 2 * H]!, og = acts[o + 3 * H]!, tc = tcs[s]!;
            const dhv = dh[k]! + dOut[s]!;
            const dcv = dc[k]! + dhv * og * (1 - tc * tc);
            dG[o] = dcv * g * i * (1 - i);
            dG[o + H] = dcv * cs[s]! * f * (1 - f);
            dG[o + 2 * H] = dcv * i * (1 - g * g);
            dG[o + 3 * H] = dhv * tc * og * (1 - og);
            dc[k] = dcv * f;
          }
        }
        if (t > 0) gemm(B, H, G, dG.subarray(t * B * G, (t + 1) * B * G), w.wHh, dh);
      }
      return weightGrads(d, 4, x, hs.subarray(0, T * BH), w, dG, dG, needInputGrad);
    },
  };
}

const cache = new Map<number, GateActivations>();
const activations = (H: number) =>
  cache.get(H) ?? cache.set(H, new GateActivations([['sigmoid', 2 * H], ['tanh', H], ['sigmoid', H]])).get(H)!;

/**
 * The same layer with every step in the SIMD module: the forward pass copies the input projections
 * in once and runs all steps there (product, activations, cell update), the backward pass likewise
 * (cell gradients, then dh through W_hh); only whole sequences cross between JavaScript and wasm.
 * The gates and cell states stay in the module for the backward pass unless another layer's
 * layout evicts them (see Resident).
 */
function lstmLayerSimd(d: Dims, x: Float32Array, w: LayerWeights, alloc: Alloc): LayerRun {
  const k = simd!;
  const { T, B, H } = d, BH = B * H, G = 4 * H, BG = B * G;
  const hs = alloc('hs', (T + 1) * BH);
  let saved: { acts: Float32Array; cs: Float32Array; tcs: Float32Array } | null = null;
  const act = activations(H);
  const { xa, wa } = augmentedProjection(d, 4, x, w, [w.bIh, w.bHh], alloc);
  const kept = [T * BG, (T + 1) * BH, (T + 1) * BH, T * BH, xa.length]; // what the backward pass reads
  const owner: Resident = {
    evict() {
      const f32 = new Float32Array(k.memory.buffer);
      saved = { acts: alloc('xp', T * BG), cs: alloc('cs', (T + 1) * BH), tcs: alloc('tcs', T * BH) };
      saved.acts.set(f32.subarray(pA / 4, pA / 4 + T * BG));
      saved.cs.set(f32.subarray(pC / 4, pC / 4 + (T + 1) * BH));
      saved.tcs.set(f32.subarray(pTc / 4, pTc / 4 + T * BH));
    },
  };
  const { at, f32 } = arena([...kept, H * G, act.coef.length, wa.length], 0, owner);
  const [pA, pH, pC, pTc, pXa, pW, pCoef, pWa] = at as [number, number, number, number, number, number, number, number];
  f32.set(xa, pXa / 4);
  f32.set(wa, pWa / 4);
  k.gemm(T * B, G, d.I + 1, pXa, pWa, pA, 0); // the input projections of all steps, biases included
  f32.fill(0, pH / 4, pH / 4 + BH); // h_0 = c_0 = 0
  f32.fill(0, pC / 4, pC / 4 + BH);
  f32.set(transpose(w.wHh, G, H), pW / 4);
  f32.set(act.coef, pCoef / 4);
  for (let t = 0; t < T; t++) {
    const a = pA + t * BG * 4, o = t * BH * 4;
    if (t > 0) k.gemm(B, G, H, pH + o, pW, a, 1);
    k.lstm_step(a, pC + o, pC + o + BH * 4, pTc + o, pH + o + BH * 4, B, H); // activations and cell update in one pass
  }
  hs.set(f32.subarray(pH / 4, pH / 4 + (T + 1) * BH));
  return {
    out: hs.subarray(BH),
    backward(dOut, needInputGrad) {
      if (!isResident(owner)) {
        const { f32 } = arena(kept, 0, owner); // the same offsets as the forward pass's
        f32.set(saved!.acts, pA / 4);
        f32.set(hs, pH / 4);
        f32.set(saved!.cs, pC / 4);
        f32.set(saved!.tcs, pTc / 4);
        f32.set(xa, pXa / 4);
      }
      const { at, f32, end } = arena([T * BH, BH, BH, BH, T * BG, G * H], pW); // above the kept arrays
      const [pDo, pDh, pDc0, pDc1, pDg, pWhh] = at as [number, number, number, number, number, number];
      f32.set(dOut, pDo / 4);
      f32.set(w.wHh, pWhh / 4);
      f32.fill(0, pDh / 4, pDh / 4 + BH);
      f32.fill(0, pDc0 / 4, pDc0 / 4 + BH);
      let dcIn = pDc0, dcOut = pDc1;
      for (let t = T - 1; t >= 0; t--) {
        const a = pA + t * BG * 4, o = t * BH * 4;
        k.lstm_bwd(a, pC + o, pTc + o, pDh, pDo + o, dcIn, dcOut, pDg + t * BG * 4, B, H);
        [dcIn, dcOut] = [dcOut, dcIn];
        if (t > 0) k.gemm(B, H, G, pDg + t * BG * 4, pWhh, pDh, 0);
      }
      const grads = simdWeightGrads(d, 4, w, { xa: pXa, hPrev: pH, dXP: pDg, dHP: pDg, end }, needInputGrad, alloc);
      release(owner);
      return grads;
    },
  };
}
