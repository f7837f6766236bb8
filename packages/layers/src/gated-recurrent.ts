import { defaultBound, Module, Rng, tf, uniform } from '@rnnkit/tensor';
import { runDirections } from './directions.js';
import { fusedStack, useFused } from './fused/fused-sequence.js';
import { gruStep, lstmStep } from './gates.js';
import type { LayerParameters, RecurrentCore, RecurrentOutput } from './recurrent-core.js';

/** Options of `LSTM` and `GRU`. */
export interface GatedRecurrentOptions {
  /** Stacked layers (default 1); layer k > 0 reads the hidden states of layer k − 1. */
  numLayers?: number;
  /** Input and output as `[batch, seq, feature]` instead of time-major `[seq, batch, feature]` (default false). */
  batchFirst?: boolean;
  /** Each layer also runs over the reversed sequence, as PyTorch's `bidirectional` (default false). */
  bidirectional?: boolean;
  /** GRU only: PyTorch's candidate (true, default) or ONNX's default linear_before_reset=0 (false). */
  linearBeforeReset?: boolean;
  /** The generator for the initial weights (default: a fresh Rng(0)). */
  rng?: Rng;
}

/**
 * A stack of LSTM or GRU layers with PyTorch's parameter names and shapes: `weight_ih_l{k}`
 * [G·H, in], `weight_hh_l{k}` [G·H, H], `bias_ih_l{k}`, `bias_hh_l{k}` [G·H] (G = 4 or 3), all
 * initialised U(±1/√H) as nn.LSTM / nn.GRU; a bidirectional stack adds `weight_ih_l{k}_reverse`, …
 * and layer k > 0 reads 2H features.
 */
abstract class GatedRecurrent extends Module implements RecurrentCore {
  /** The cell type: 'lstm' or 'gru'. */
  abstract readonly cell: 'lstm' | 'gru';
  /** Number of stacked layers. */
  readonly numLayers: number;
  /** Whether input and output are `[batch, seq, feature]` rather than time-major `[seq, batch, feature]`. */
  readonly batchFirst: boolean;
  /** Whether each layer also runs over the reversed sequence. */
  readonly bidirectional: boolean;
  /** Each layer's parameters, layer 0 first, a bidirectional layer's reverse direction after its forward one (G = 4 for LSTM, 3 for GRU). */
  protected readonly layers: {
    /** `weight_ih_l{k}` (or `…_reverse`), `[G·H, in]` (in = D·H for k > 0). */
    wIh: tf.Variable;
    /** `weight_hh_l{k}`, `[G·H, H]`. */
    wHh: tf.Variable;
    /** `bias_ih_l{k}`, `[G·H]`. */
    bIh: tf.Variable;
    /** `bias_hh_l{k}`, `[G·H]`. */
    bHh: tf.Variable;
  }[];

  /**
   * @param inputSize Features per time step of the input.
   * @param hiddenSize Hidden units H per layer.
   */
  constructor(readonly inputSize: number, readonly hiddenSize: number, gates: number, options: GatedRecurrentOptions) {
    super();
    this.numLayers = options.numLayers ?? 1;
    if (!Number.isInteger(this.numLayers) || this.numLayers < 1) throw new RangeError(`numLayers must be a positive integer, got ${this.numLayers}`);
    this.batchFirst = options.batchFirst ?? false;
    this.bidirectional = options.bidirectional ?? false;
    const rng = options.rng ?? new Rng(0);
    const bound = defaultBound(hiddenSize);
    const G = gates * hiddenSize;
    const D = this.bidirectional ? 2 : 1;
    // PyTorch's names and draw order: l0, l0_reverse, l1, …
    this.layers = Array.from({ length: this.numLayers * D }, (_, i) => {
      const k = Math.floor(i / D);
      const s = `l${k}${i % D ? '_reverse' : ''}`;
      return {
        wIh: this.addParameter(`weight_ih_${s}`, uniform([G, k === 0 ? inputSize : D * hiddenSize], bound, rng)),
        wHh: this.addParameter(`weight_hh_${s}`, uniform([G, hiddenSize], bound, rng)),
        bIh: this.addParameter(`bias_ih_${s}`, uniform([G], bound, rng)),
        bHh: this.addParameter(`bias_hh_${s}`, uniform([G], bound, rng)),
      };
    });
  }

  /** True when the fused kernels compute this stack: forward only (and PyTorch's GRU candidate). */
  get fusable(): boolean {
    return !this.bidirectional && this.canFuse();
  }

  /** Each layer's (and direction's) `weight_ih_l{k}`, `weight_hh_l{k}`, `bias_ih_l{k}`, `bias_hh_l{k}`. */
  layerParameters(): LayerParameters[] {
    return this.layers.map((l) => ({ ...l }));
  }

  /** One layer (entry k of `layers`) over all steps: the input projections of every step in one matmul, then the loop. */
  protected abstract runLayer(xProj: tf.Tensor2D[], k: number, h0: tf.Tensor2D): {
    /** Hidden state of every step, each `[batch, H]`. */
    states: tf.Tensor2D[];
    /** Final hidden state `[batch, H]`. */
    h: tf.Tensor2D;
  };

  /** Whether this stack can run its layers as fused ops (GRU only in PyTorch's form). */
  protected canFuse(): boolean {
    return true;
  }

  /** Runs the sequence x `[seq, batch, in]` (or batch-first) from h0 `[layers·D, batch, H]` (default zeros). */
  forward(x: tf.Tensor3D, h0?: tf.Tensor3D): RecurrentOutput {
    if (!h0 && this.fusable && useFused()) return fusedStack(this, x);
    return tf.tidy(() => {
      const timeMajor = this.batchFirst ? tf.transpose(x, [1, 0, 2]) : x;
      const [seq, batch, features] = timeMajor.shape;
      if (features !== this.inputSize) throw new Error(`input has ${features} features, the ${this.cell.toUpperCase()} expects ${this.inputSize}`);
      let input: tf.Tensor2D = tf.reshape(timeMajor, [seq * batch, features]);
      const finals: tf.Tensor2D[] = [];
      let states: tf.Tensor2D[] = [];
      const D = this.bidirectional ? 2 : 1;
      for (let k = 0; k < this.numLayers; k++) {
        const layerInput = input;
        const run = runDirections([...Array(seq).keys()], D, (order, d) => {
          const i = k * D + d;
          const layer = this.layers[i]!;
          const proj = tf.add(tf.matMul(layerInput, layer.wIh, false, true), layer.bIh) as tf.Tensor2D;
          const steps = tf.split(proj, seq, 0) as tf.Tensor2D[];
          const start = h0 ? (tf.squeeze(tf.slice(h0, [i, 0, 0], [1, batch, this.hiddenSize]), [0]) as tf.Tensor2D) : tf.zeros<tf.Rank.R2>([batch, this.hiddenSize]);
          return this.runLayer(order.map((t) => steps[t]!), i, start);
        });
        states = run.states;
        finals.push(...run.finals);
        input = tf.concat(states, 0);
      }
      const output = tf.stack(states) as tf.Tensor3D;
      return { output: this.batchFirst ? tf.transpose(output, [1, 0, 2]) : output, hN: tf.stack(finals) as tf.Tensor3D };
    });
  }
}

/** PyTorch's nn.LSTM (no peepholes, no projection), time-major by default; the cell state starts at zero. */
export class LSTM extends GatedRecurrent {
  /** Always 'lstm'. */
  readonly cell = 'lstm';

  constructor(inputSize: number, hiddenSize: number, options: GatedRecurrentOptions = {}) {
    super(inputSize, hiddenSize, 4, options);
  }

  protected runLayer(xProj: tf.Tensor2D[], k: number, h0: tf.Tensor2D) {
    const { wHh, bHh } = this.layers[k]!;
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
    super(inputSize, hiddenSize, 3, options);
    this.linearBeforeReset = options.linearBeforeReset ?? true;
  }

  protected override canFuse(): boolean {
    return this.linearBeforeReset;
  }

  protected runLayer(xProj: tf.Tensor2D[], k: number, h0: tf.Tensor2D) {
    const { wHh, bHh } = this.layers[k]!;
    let h = h0;
    const states = xProj.map((xp) => (h = gruStep(xp, h, wHh as tf.Tensor2D, bHh as tf.Tensor1D, this.linearBeforeReset)));
    return { states, h };
  }
}
