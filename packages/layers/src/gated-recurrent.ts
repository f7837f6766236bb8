import { defaultBound, tf, uniform } from '@rnnkit/tensor';
import { gruStep, lstmStep } from './gates.js';
import type { LayerParameters } from './recurrent-core.js';
import { RecurrentStack, type LayerInit, type StackOptions } from './recurrent-stack.js';

/** Options of `LSTM` and `GRU`. */
export interface GatedRecurrentOptions extends StackOptions {
  /** GRU only: PyTorch's candidate (true, default) or ONNX's default linear_before_reset=0 (false). */
  linearBeforeReset?: boolean;
}

/** nn.LSTM's / nn.GRU's parameters of one layer: weight_ih, weight_hh, bias_ih, bias_hh, all U(±1/√H), G gate blocks. */
function gatedInit(gates: number, hiddenSize: number): LayerInit {
  const bound = defaultBound(hiddenSize);
  const G = gates * hiddenSize;
  return (add, s, inSize, rng) => ({
    wIh: add(`weight_ih_${s}`, uniform([G, inSize], bound, rng)),
    wHh: add(`weight_hh_${s}`, uniform([G, hiddenSize], bound, rng)),
    bIh: add(`bias_ih_${s}`, uniform([G], bound, rng)),
    bHh: add(`bias_hh_${s}`, uniform([G], bound, rng)),
  });
}

/**
 * LSTM and GRU: PyTorch's parameter names and shapes, `weight_ih_l{k}` [G·H, in], `weight_hh_l{k}`
 * [G·H, H], `bias_ih_l{k}`, `bias_hh_l{k}` [G·H] (G = 4 or 3). The input projections of all steps
 * of a layer are one matmul.
 */
export abstract class GatedRecurrent extends RecurrentStack {
  protected stepInputs(input: tf.Tensor2D, seq: number, layer: LayerParameters): tf.Tensor2D[] {
    const proj = tf.add(tf.matMul(input, layer.wIh, false, true), layer.bIh!) as tf.Tensor2D;
    return tf.split(proj, seq, 0) as tf.Tensor2D[];
  }

  protected canFuse(): boolean {
    return true;
  }
}

/** PyTorch's nn.LSTM (no peepholes, no projection), time-major by default; the cell state starts at zero. */
export class LSTM extends GatedRecurrent {
  /** Always 'lstm'. */
  readonly cell = 'lstm';

  constructor(inputSize: number, hiddenSize: number, options: GatedRecurrentOptions = {}) {
    super(inputSize, hiddenSize, options, gatedInit(4, hiddenSize));
  }

  protected runLayer(xProj: tf.Tensor2D[], { wHh, bHh }: LayerParameters, h0: tf.Tensor2D) {
    let state = { h: h0, c: tf.zerosLike(h0) };
    const states = xProj.map((xp) => (state = lstmStep(xp, state.h, state.c, wHh as tf.Tensor2D, bHh as tf.Tensor1D)).h);
    return { states, h: state.h };
  }
}

/** PyTorch's nn.GRU, time-major by default. */
export class GRU extends GatedRecurrent {
  /** Always 'gru'. */
  readonly cell = 'gru';
  /** True: PyTorch's candidate n = tanh(x_n + r·(h W_hnᵀ + b_hn)); false: ONNX's default linear_before_reset=0, (r·h) W_hnᵀ + b_hn. */
  readonly linearBeforeReset: boolean;

  constructor(inputSize: number, hiddenSize: number, options: GatedRecurrentOptions = {}) {
    super(inputSize, hiddenSize, options, gatedInit(3, hiddenSize));
    this.linearBeforeReset = options.linearBeforeReset ?? true;
  }

  protected override canFuse(): boolean {
    return this.linearBeforeReset;
  }

  protected runLayer(xProj: tf.Tensor2D[], { wHh, bHh }: LayerParameters, h0: tf.Tensor2D) {
    let h = h0;
    const states = xProj.map((xp) => (h = gruStep(xp, h, wHh as tf.Tensor2D, bHh as tf.Tensor1D, this.linearBeforeReset)));
    return { states, h };
  }
}
