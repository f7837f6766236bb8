import { activate, GateActivations, gemm, transpose } from './gemm.js';
import { fresh, inputProjection, tanh, weightGrads, type Alloc, type Dims, type LayerRun, type LayerWeights } from './kernel.js';

/** LSTM layer with PyTorch's gates i, f, g, o; zero initial h and c; forward and BPTT. */
export function lstmLayer(d: Dims, x: Float32Array, w: LayerWeights, alloc: Alloc = fresh): LayerRun {
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
