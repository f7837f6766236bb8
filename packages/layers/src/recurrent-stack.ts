import { Module, Rng, tf } from '@rnnkit/tensor';
import { runDirections } from './directions.js';
import { fusedStack, useFused } from './fused/fused-sequence.js';
import type { CellType, LayerParameters, RecurrentCore, RecurrentOutput } from './recurrent-core.js';

/** Options every recurrent stack takes. */
export interface StackOptions {
  /** Stacked layers (default 1); layer k > 0 reads the hidden states of layer k − 1. */
  numLayers?: number;
  /** Input and output as `[batch, seq, feature]` instead of time-major `[seq, batch, feature]` (default false). */
  batchFirst?: boolean;
  /** Each layer also runs over the reversed sequence, as PyTorch's `bidirectional` (default false). */
  bidirectional?: boolean;
  /** The generator for the initial weights (default: a fresh Rng(0)). */
  rng?: Rng;
}

/** Draws one layer's parameters: `add(name, tensor)` registers `weight_ih_l{k}`-style names in the order the cell's PyTorch module draws them. */
export type LayerInit = (add: (name: string, value: tf.Tensor) => tf.Variable, suffix: string, inSize: number, rng: Rng) => LayerParameters;

/**
 * The one recurrent stack behind RNN, LSTM and GRU: PyTorch's parameter names `weight_ih_l{k}`,
 * `weight_hh_l{k}`, `bias_ih_l{k}`, `bias_hh_l{k}` (`…_reverse` for a bidirectional layer's reverse
 * direction), layer k > 0 reading D·H features, PyTorch's draw order l0, l0_reverse, l1, ….
 * A cell supplies how a layer's input becomes per-step terms and how one layer runs over them.
 */
export abstract class RecurrentStack extends Module implements RecurrentCore {
  /** Which recurrent cell the stack uses. */
  abstract readonly cell: CellType;
  /** Number of stacked layers. */
  readonly numLayers: number;
  /** Whether input and output are `[batch, seq, feature]` rather than time-major `[seq, batch, feature]`. */
  readonly batchFirst: boolean;
  /** Whether each layer also runs over the reversed sequence. */
  readonly bidirectional: boolean;
  /** Each layer's parameters, layer 0 first, a bidirectional layer's reverse direction after its forward one. */
  protected readonly layers: LayerParameters[];

  /**
   * @param inputSize Features per time step of the input.
   * @param hiddenSize Hidden units H per layer and direction.
   * @param init Draws and registers one layer's parameters (the cell's initialisation).
   */
  constructor(readonly inputSize: number, readonly hiddenSize: number, options: StackOptions, init: LayerInit) {
    super();
    this.numLayers = options.numLayers ?? 1;
    if (!Number.isInteger(this.numLayers) || this.numLayers < 1) throw new RangeError(`numLayers must be a positive integer, got ${this.numLayers}`);
    this.batchFirst = options.batchFirst ?? false;
    this.bidirectional = options.bidirectional ?? false;
    const rng = options.rng ?? new Rng(0);
    const D = this.bidirectional ? 2 : 1;
    const add = (name: string, value: tf.Tensor) => this.addParameter(name, value);
    this.layers = Array.from({ length: this.numLayers * D }, (_, i) => {
      const k = Math.floor(i / D);
      return init(add, `l${k}${i % D ? '_reverse' : ''}`, k === 0 ? inputSize : D * hiddenSize, rng);
    });
  }

  /** True when the fused kernels compute this stack: forward only, and a configuration they have. */
  get fusable(): boolean {
    return !this.bidirectional && this.canFuse();
  }

  /** Each layer's (and direction's) `weight_ih_l{k}`, `weight_hh_l{k}`, `bias_ih_l{k}`, `bias_hh_l{k}` (biases null when absent). */
  layerParameters(): LayerParameters[] {
    return this.layers.map((l) => ({ ...l }));
  }

  /** Whether the fused kernels compute this cell's configuration. */
  protected abstract canFuse(): boolean;

  /** A layer's input `[seq·batch, in]` as one term per step, in time order: the input itself, or its projection. */
  protected abstract stepInputs(input: tf.Tensor2D, seq: number, layer: LayerParameters): tf.Tensor2D[];

  /** One layer (and direction) over its steps in the order it reads them, from h0 `[batch, H]`. */
  protected abstract runLayer(steps: tf.Tensor2D[], layer: LayerParameters, h0: tf.Tensor2D): {
    /** Hidden state of every step, each `[batch, H]`. */
    states: tf.Tensor2D[];
    /** Final hidden state `[batch, H]`. */
    h: tf.Tensor2D;
  };

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
          const steps = this.stepInputs(layerInput, seq, layer);
          const start = h0 ? (tf.squeeze(tf.slice(h0, [i, 0, 0], [1, batch, this.hiddenSize]), [0]) as tf.Tensor2D) : tf.zeros<tf.Rank.R2>([batch, this.hiddenSize]);
          return this.runLayer(order.map((t) => steps[t]!), layer, start);
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
