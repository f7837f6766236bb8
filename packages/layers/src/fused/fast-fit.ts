import { SGD, tf } from '@rnnkit/tensor';
import type { SequenceRegressor } from '../sequence-regressor.js';
import { headLoss, workspace, type Alloc, type LayerGrads, type LayerWeights } from '@rnnkit/kernels';
import { KERNELS, kernels, useFused } from './fused-sequence.js';

/** The parameters of one layer, as variables (in the order of LayerWeights) and as flat arrays. */
interface Layer {
  vars: (tf.Variable | null)[];
  w: LayerWeights;
  input: number;
  /** The layer's arrays, reused from step to step. */
  alloc: Alloc;
}

/** True when a whole training epoch can run in the fused kernels: a SequenceRegressor on wasm/cpu with SGD. */
export function canFitFused(model: unknown, optimizer: unknown, clipNorm: number | undefined): model is SequenceRegressor {
  const m = model as SequenceRegressor;
  const fusable = m?.core !== undefined && m.head !== undefined && (m.cell !== 'gru' || (m.core as { linearBeforeReset?: boolean }).linearBeforeReset !== false);
  return fusable && useFused() && optimizer instanceof SGD && !clipNorm;
}

/**
 * Training epochs of a SequenceRegressor entirely in the fused kernels: forward, head, MSE,
 * BPTT and the SGD update on flat arrays, with no tfjs op per step. The model's variables are
 * written back by `sync` (fit calls it when it returns). Same equations as the op-by-op path.
 */
export function fusedTrainer(model: SequenceRegressor, lr: number) {
  const H = model.config.hiddenSize;
  const O = model.config.outputSize ?? 1;
  const flat = (v: tf.Variable | null) => (v ? Float32Array.from(v.dataSync()) : null);
  const layers: Layer[] = model.core.layerParameters().map((p, k) => ({
    vars: [p.wIh, p.wHh, p.bIh, p.bHh],
    w: { wIh: flat(p.wIh)!, wHh: flat(p.wHh)!, bIh: flat(p.bIh), bHh: flat(p.bHh) },
    input: k === 0 ? model.config.inputSize : H,
    alloc: workspace(),
  }));
  const wy = Float32Array.from(model.head.weight.dataSync());
  const by = Float32Array.from(model.head.bias!.dataSync());
  const sgd = (p: Float32Array | null, g: ArrayLike<number>) => {
    if (p) for (let i = 0; i < p.length; i++) p[i] = p[i]! - lr * g[i]!;
  };

  let dLast = new Float32Array(0);

  return {
    /** One update on windows x [T, B, F] (time-major) with targets y [B, O]; returns the loss before it. */
    step(x: Float32Array, y: Float32Array, T: number, B: number): number {
      let input = x;
      const runs = layers.map((l) => {
        const run = KERNELS[model.cell](kernels, { T, B, I: l.input, H }, input, l.w, l.alloc);
        input = run.out;
        return run;
      });
      const last = input.subarray((T - 1) * B * H);
      // dL/d(out): only the last step's block is non-zero, and the top layer is given that block alone
      if (dLast.length !== B * H) dLast = new Float32Array(B * H);
      else dLast.fill(0);
      const dwy = new Float64Array(O * H);
      const dby = new Float64Array(O);
      const loss = headLoss(kernels, last, y, wy, by, B, O, H, dLast, dwy, dby);
      let grad: ArrayLike<number> = dLast;
      const grads: LayerGrads[] = [];
      for (let k = layers.length - 1; k >= 0; k--) {
        const g = runs[k]!.backward(grad, k > 0);
        grads[k] = g;
        grad = g.dx;
      }
      layers.forEach((l, k) => {
        const g = grads[k]!;
        sgd(l.w.wIh, g.dWIh);
        sgd(l.w.wHh, g.dWHh);
        sgd(l.w.bIh, g.dBIh);
        sgd(l.w.bHh, g.dBHh);
      });
      sgd(wy, dwy);
      sgd(by, dby);
      return loss / (B * O);
    },

    /** Writes the trained values back into the model's variables. */
    sync(): void {
      tf.tidy(() => {
        for (const l of layers) {
          [l.w.wIh, l.w.wHh, l.w.bIh, l.w.bHh].forEach((values, i) => {
            const v = l.vars[i];
            if (v && values) v.assign(tf.tensor(values, v.shape));
          });
        }
        model.head.weight.assign(tf.tensor(wy, model.head.weight.shape));
        model.head.bias!.assign(tf.tensor(by, model.head.bias!.shape));
      });
    },
  };
}
