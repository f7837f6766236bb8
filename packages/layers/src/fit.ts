import { mse, tf, type Optimizer, type Rng, clipGradNorm } from '@rnnkit/tensor';
import { checkDivergence } from './divergence-error.js';
import { withDataInputs } from './fused/fused-sequence.js';
import { canFitFused, fusedTrainer } from './fused/fast-fit.js';
import type { SequenceRegressor } from './sequence-regressor.js';

/** A model the loop can train: windows `[seq, batch, features]` in, `[batch, 1]` out. */
export interface Trainable {
  /** Predictions `[batch, 1]` for windows `[seq, batch, features]`. */
  forward(x: tf.Tensor3D): tf.Tensor2D;
  /** The variables to train; gradients are taken with respect to these. */
  parameters(): tf.Variable[];
}

/**
 * Training windows, flat and time-major, as @rnnkit/forecast cuts them: a run's windows
 * (`prepareRun(...).train`) are one as they are. The shape fields may be left out when the
 * rest gives them: `inputSize` from the model (a SequenceRegressor's `config.inputSize`),
 * `seqLength` from x's length, `outputs` from y's.
 */
export interface TrainingData {
  /** `[seqLength, n, features]` row-major. */
  x: Float32Array;
  /** `[n, outputs]` targets, row-major. */
  y: Float32Array;
  /** Number of windows. */
  n: number;
  /** Time steps per window (default: x's length / (n · inputSize)). */
  seqLength?: number;
  /** Features per time step (default: `features`, else the model's `config.inputSize`). */
  inputSize?: number;
  /** The input columns: their count, or their names (a series' feature names), of which the count is used. */
  features?: number | readonly string[];
  /** Targets per window, e.g. one per forecast horizon (default: y's length / n). */
  outputs?: number;
}

/** The [seqLength, n, inputSize] of x and the outputs per window, from the data's fields, the model and the arrays' lengths. */
function shapeOf(model: Trainable, data: TrainingData): { T: number; F: number; O: number } {
  const { n } = data;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`TrainingData.n must be a positive integer, got ${n}`);
  const declared = data.inputSize ?? (typeof data.features === 'number' ? data.features : data.features?.length);
  const fromModel = (model as { config?: { inputSize?: number } }).config?.inputSize;
  const F = declared ?? fromModel ?? (data.seqLength ? data.x.length / (data.seqLength * n) : NaN);
  const T = data.seqLength ?? data.x.length / (n * F);
  const O = data.outputs ?? data.y.length / n;
  if (![F, T, O].every((v) => Number.isInteger(v) && v > 0) || T * n * F !== data.x.length || n * O !== data.y.length) {
    throw new RangeError(`TrainingData does not fit together: x has ${data.x.length} values and y ${data.y.length} for n ${n}, seqLength ${data.seqLength ?? '?'}, inputSize ${declared ?? fromModel ?? '?'}, outputs ${data.outputs ?? '?'}; x must be [seqLength, n, inputSize] and y [n, outputs]`);
  }
  return { T, F, O };
}

/** What the per-epoch callback receives. */
export interface EpochInfo {
  /** 1-based. */
  epoch: number;
  /** The last epoch of the run (`FitOptions.epochs`). */
  epochs: number;
  /** The epoch's training MSE, computed in its forward passes before the updates. */
  loss: number;
  /** Wall time of the epoch. */
  ms: number;
  /** Brings the model's variables up to date (the fused epochs keep weights outside tfjs until fit returns); call before reading weights, e.g. for a checkpoint. */
  syncWeights(): void;
}

/** Options of `fit`. */
export interface FitOptions {
  /** The last epoch to run, 1-based: a run covers epochs `startEpoch`..`epochs`. */
  epochs: number;
  /** Applies each update to the model's parameters (SGD on the wasm/cpu backends without clipNorm uses the fused kernels). */
  optimizer: Optimizer;
  /** 'full' (default): one update per epoch on all windows; N: shuffled mini-batches of N. */
  batchSize?: number | 'full';
  /** Shuffles mini-batches; required when batchSize is a number. */
  rng?: Rng;
  /** Clips the global gradient norm to this value before each update. */
  clipNorm?: number;
  /** The first epoch to run, 1-based (default 1), so a resumed run counts on. */
  startEpoch?: number;
  /** The run's first epoch loss when resuming it: the scale for divergence, so a resumed run stops where the whole run would. */
  firstLoss?: number;
  /** Called after each epoch; return false to stop early. */
  onEpoch?: (info: EpochInfo) => void | boolean | Promise<void | boolean>;
}

/** One update on a batch; returns its loss before the update. */
function step(model: Trainable, x: tf.Tensor3D, y: tf.Tensor2D, options: FitOptions): number {
  const { value, grads } = withDataInputs(() => tf.variableGrads(() => mse(model.forward(x), y), model.parameters()));
  const clipped = options.clipNorm ? clipGradNorm(grads, options.clipNorm).grads : grads;
  options.optimizer.step(clipped);
  const loss = value.dataSync()[0]!;
  tf.dispose([value, grads, clipped]);
  return loss;
}

/**
 * One training step of the loop, run on all windows or on some: the op-by-op step (tfjs gradients,
 * any optimizer) or the fused one (whole batches in the kernels). The loop around it is the same.
 */
interface Stepper {
  /** One update on all windows; its loss before the update. */
  all(): number;
  /** One update on the windows `idx` (indices into the data, in this order); its loss before the update. */
  some(idx: Int32Array): number;
  /** Brings the model's variables up to date (the fused step keeps weights outside tfjs). */
  sync(): void;
  /** Called once when the loop ends, also on an error. */
  close(): void;
}

/**
 * The training loop shared by the CLI and the web app: MSE, full batch or seeded
 * mini-batches, a callback per epoch, and a stop with a clear error on a NaN/Inf loss or one past
 * 1e6 × the first epoch's.
 * The data is uploaded once. Returns the loss of every epoch run.
 */
export async function fit(model: Trainable, data: TrainingData, options: FitOptions): Promise<number[]> {
  const batchSize = options.batchSize === undefined || options.batchSize === 'full' ? data.n : options.batchSize;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`batch size must be a positive integer or "full", got ${options.batchSize}`);
  if (batchSize < data.n && !options.rng) throw new Error('mini-batches need an rng to shuffle with');
  const shape = shapeOf(model, data);
  // Bidirectional and relu stacks train op by op: the fused kernels compute forward tanh stacks only.
  const fused = canFitFused(model, options.optimizer, options.clipNorm) && model.core.fusable;
  return epochLoop(data.n, batchSize, options, fused ? fusedSteps(model, data, shape, options.optimizer.lr) : opSteps(model, data, shape, options));
}

/** Runs the epochs: batches in a seeded order, the divergence check, the callback, its stop. */
async function epochLoop(n: number, batchSize: number, options: FitOptions, steps: Stepper): Promise<number[]> {
  const losses: number[] = [];
  let first = options.firstLoss; // the run's first epoch loss, the scale for divergence
  try {
    for (let epoch = options.startEpoch ?? 1; epoch <= options.epochs; epoch++) {
      const start = performance.now();
      let loss: number;
      if (batchSize >= n) {
        loss = steps.all();
      } else {
        const order = options.rng!.permutation(n);
        let total = 0;
        for (let i = 0; i < n; i += batchSize) {
          const idx = order.subarray(i, i + batchSize);
          total += steps.some(idx) * idx.length;
        }
        loss = total / n;
      }
      first ??= loss;
      checkDivergence(epoch, loss, first, options.optimizer.lr);
      losses.push(loss);
      const go = await options.onEpoch?.({ epoch, epochs: options.epochs, loss, ms: performance.now() - start, syncWeights: () => steps.sync() });
      if (go === false) break;
    }
  } finally {
    steps.close();
  }
  return losses;
}

/** The op-by-op step: tfjs gradients of the MSE, optional clipping, any optimizer; the data uploaded once. */
function opSteps(model: Trainable, data: TrainingData, { T, F, O }: { T: number; F: number; O: number }, options: FitOptions): Stepper {
  const x = tf.tensor3d(data.x, [T, data.n, F]);
  const y = tf.tensor2d(data.y, [data.n, O]);
  return {
    all: () => step(model, x, y, options),
    some: (order) => {
      const idx = tf.tensor1d(order, 'int32');
      const [xb, yb] = [tf.gather(x, idx, 1), tf.gather(y, idx, 0)];
      const loss = step(model, xb, yb, options);
      tf.dispose([idx, xb, yb]);
      return loss;
    },
    sync: () => {},
    close: () => tf.dispose([x, y]),
  };
}

/** The fused step: whole batches in the kernels (wasm and cpu backends, SGD); a mini-batch is gathered on the host. */
function fusedSteps(model: SequenceRegressor, data: TrainingData, { T, F, O }: { T: number; F: number; O: number }, lr: number): Stepper {
  const trainer = fusedTrainer(model, lr);
  const { n } = data;
  return {
    all: () => trainer.step(data.x, data.y, T, n),
    some: (idx) => {
      const B = idx.length;
      const xb = new Float32Array(T * B * F), yb = new Float32Array(B * O);
      for (let b = 0; b < B; b++) {
        yb.set(data.y.subarray(idx[b]! * O, idx[b]! * O + O), b * O);
        for (let t = 0; t < T; t++) xb.set(data.x.subarray((t * n + idx[b]!) * F, (t * n + idx[b]!) * F + F), (t * B + b) * F);
      }
      return trainer.step(xb, yb, T, B);
    },
    sync: () => trainer.sync(),
    close: () => trainer.sync(),
  };
}
