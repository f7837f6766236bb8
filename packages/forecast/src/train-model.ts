import { DataError } from '@rnnkit/datasets';
import { fit, SequenceRegressor, type CellType, type EpochInfo, type Nonlinearity } from '@rnnkit/layers';
import { Adam, Rng, SGD, StateDictError, type AdamState, type StateDict } from '@rnnkit/tensor';
import { describeModel } from './model-description.js';
import type { Windows } from './windows.js';

/** The model to build. */
export interface ModelSettings {
  /** The recurrent cell. */
  cell: CellType;
  /** Hidden units per layer. */
  hidden: number;
  /** Stacked recurrent layers. */
  layers: number;
  /** Seed of the initial weights and of mini-batch shuffling. */
  seed: number;
  /** Each layer also runs over the reversed sequence (default false), e.g. for an imported PyTorch model. */
  bidirectional?: boolean;
  /** RNN only: 'tanh' (default) or 'relu'. */
  nonlinearity?: Nonlinearity;
  /** RNN only: biases on w_x and w_h (default false, the tutorial's; PyTorch's nn.RNN has them). */
  bias?: boolean;
}

/** How to train it. */
export interface TrainingSettings {
  /** Epochs; 0 evaluates the initial (or given) weights. */
  epochs: number;
  /** Learning rate. */
  lr: number;
  /** The optimizer. */
  optimizer: 'sgd' | 'adam';
  /** 'full' for one update per epoch, or shuffled mini-batches of this size. */
  batchSize: number | 'full';
  /**
   * Early stopping: the share (0..1) of the training windows, the last ones in time, held out to pick
   * the epoch; the weights of the epoch with the lowest MSE on them are kept (default 0: none, every epoch trains on all).
   */
  validation?: number;
  /** With `validation`: stop after this many epochs without a lower held-out MSE (default: run every epoch). */
  patience?: number;
}

/** The optimizer's part of a {@link TrainState}. */
export type OptimizerState =
  | {
      /** Plain SGD keeps no state. */
      kind: 'sgd';
    }
  | {
      /** Adam's moments and step count. */
      kind: 'adam';
      /** As `Adam.getState()` returns it. */
      state: AdamState;
    };

/** Weights to start from instead of seeded ones. */
export interface InitWeights {
  /** PyTorch state-dict names and `[out, in]` shapes. */
  weights: StateDict;
  /** Where they came from (a file name), for error messages. */
  source: string;
}

/** Where a run stands after an epoch: enough to continue it exactly (a checkpoint's contents). */
export interface TrainState {
  /** The last completed epoch. */
  epoch: number;
  /** The loss of every epoch so far. */
  trainLoss: number[];
  /** The model's state dict. */
  weights: StateDict;
  /** The optimizer's state. */
  optimizer: OptimizerState;
  /** The shuffling generator's state after `epoch`. */
  rng: number;
}

/** How a caller follows and steers training. */
export interface TrainHooks {
  /** After every epoch. */
  onEpoch?: (info: EpochInfo) => void | Promise<void>;
  /** Polled after every epoch: true stops the run there (e.g. after SIGINT or a Stop button). */
  shouldStop?: () => boolean;
  /** Receives the state every `checkpointEvery` epochs and when the run stops early. */
  onCheckpoint?: (state: TrainState) => Promise<void>;
  /** Epochs between checkpoints (0 or absent: only when stopped early). */
  checkpointEvery?: number;
  /** Continue from this state instead of starting afresh. */
  resume?: TrainState;
  /** Start from these weights (PyTorch names and shapes) instead of seeded ones; `source` names them in errors. */
  init?: InitWeights;
}

/** A trained model and how training went. */
export interface TrainedModel {
  /** The model; the caller disposes it. */
  model: SequenceRegressor;
  /** The loss of every epoch run (including a resumed run's earlier ones). */
  trainLoss: number[];
  /** Wall time per epoch run in this call. */
  msPerEpoch: number;
  /** True when shouldStop ended the run before its last epoch. */
  interrupted: boolean;
  /** With early stopping: the epoch whose weights were kept (0: the initial ones) and its held-out MSE. */
  earlyStopping?: {
    /** The epoch whose weights were kept: the lowest held-out MSE. */
    bestEpoch: number;
    /** Its MSE on the held-out windows (scaled targets). */
    validationLoss: number;
    /** How many of the training windows were held out. */
    heldOut: number;
  };
}

/** Windows b..b+count−1 of time-major `[T, n, F]` inputs and their `[n, O]` targets. */
function sliceWindows(x: Float32Array, y: Float32Array, T: number, n: number, F: number, O: number, b: number, count: number): { x: Float32Array; y: Float32Array } {
  const xs = new Float32Array(T * count * F);
  for (let t = 0; t < T; t++) xs.set(x.subarray((t * n + b) * F, (t * n + b + count) * F), t * count * F);
  return { x: xs, y: y.slice(b * O, (b + count) * O) };
}

/** Builds the model (seeded, from `init`, or from a checkpoint) and trains it on `x`/`y`. */
export async function trainModel(model: ModelSettings, training: TrainingSettings, data: { windows: Windows; y: Float32Array; seqLength: number; features: number; outputs: number }, hooks: TrainHooks = {}): Promise<TrainedModel> {
  const { resume } = hooks;
  // A resumed run takes its weights from the checkpoint: the generator is not spent on initial values.
  const rng = resume ? Rng.fromState(resume.rng) : new Rng(model.seed);
  const net = new SequenceRegressor({
    cell: model.cell, inputSize: data.features, hiddenSize: model.hidden, numLayers: model.layers, outputSize: data.outputs, rng: resume ? new Rng(0) : rng,
    ...(model.bidirectional ? { bidirectional: true } : {}), ...(model.nonlinearity ? { nonlinearity: model.nonlinearity } : {}), ...(model.bias ? { bias: true } : {}),
  });
  const optimizer = training.optimizer === 'adam' ? new Adam(net.parameters(), training.lr) : new SGD(net.parameters(), training.lr);
  const losses = resume ? [...resume.trainLoss] : [];
  const started = performance.now();
  try {
    if (resume) {
      net.loadStateDict(resume.weights);
      if (resume.optimizer.kind === 'adam' && optimizer instanceof Adam) optimizer.setState(resume.optimizer.state);
    } else if (hooks.init) loadInit(net, hooks.init, describeModel(model, data.features, data.outputs));
    const snapshot = (epoch: number): TrainState => ({
      epoch, trainLoss: [...losses], weights: net.stateDict(), rng: rng.state,
      optimizer: optimizer instanceof Adam ? { kind: 'adam', state: optimizer.getState() } : { kind: 'sgd' },
    });
    let stopped = false;
    const { windows } = data;
    const [T, F, O] = [data.seqLength, data.features, data.outputs];
    const heldOut = training.validation ? Math.min(windows.n - 1, Math.max(1, Math.round(windows.n * training.validation))) : 0;
    const fitN = windows.n - heldOut;
    const fitData = heldOut ? sliceWindows(windows.x, data.y, T, windows.n, F, O, 0, fitN) : { x: windows.x, y: data.y };
    const held = heldOut ? sliceWindows(windows.x, data.y, T, windows.n, F, O, fitN, heldOut) : undefined;
    const heldLoss = () => {
      const out = net.predict(held!.x, heldOut);
      let sq = 0;
      for (let i = 0; i < out.length; i++) sq += (out[i]! - held!.y[i]!) ** 2;
      return sq / out.length;
    };
    let best = held ? { epoch: 0, loss: heldLoss(), weights: net.stateDict() } : undefined;
    let sinceBest = 0;
    await fit(net, { x: fitData.x, y: fitData.y, n: fitN, seqLength: T, features: F, outputs: O }, {
      epochs: training.epochs, startEpoch: (resume?.epoch ?? 0) + 1, firstLoss: resume?.trainLoss[0], optimizer, batchSize: training.batchSize, rng,
      onEpoch: async (info) => {
        losses.push(info.loss);
        if (best) {
          info.syncWeights();
          const loss = heldLoss();
          if (loss < best.loss) [best, sinceBest] = [{ epoch: info.epoch, loss, weights: net.stateDict() }, 0];
          else sinceBest++;
          if (training.patience !== undefined && sinceBest >= training.patience) return false;
        }
        await hooks.onEpoch?.(info);
        stopped = (hooks.shouldStop?.() ?? false) && info.epoch < training.epochs;
        const every = hooks.checkpointEvery ?? 0;
        if (hooks.onCheckpoint && (stopped || (every > 0 && info.epoch % every === 0 && info.epoch < training.epochs))) {
          info.syncWeights();
          const state = snapshot(info.epoch);
          // Only good states are kept: weights that overflowed would end as nulls in JSON.
          if ((Object.values(state.weights) as unknown[]).flat(2).every(Number.isFinite)) await hooks.onCheckpoint(state);
        }
        return !stopped;
      },
    });
    const ran = losses.length - (resume?.trainLoss.length ?? 0);
    const result: TrainedModel = { model: net, trainLoss: losses, msPerEpoch: ran > 0 ? (performance.now() - started) / ran : 0, interrupted: stopped };
    if (best) {
      net.loadStateDict(best.weights);
      result.earlyStopping = { bestEpoch: best.epoch, validationLoss: best.loss, heldOut };
    }
    return result;
  } catch (err) {
    net.dispose();
    throw err;
  } finally {
    optimizer.dispose();
  }
}

function loadInit(net: SequenceRegressor, init: InitWeights, shape: string): void {
  try {
    net.loadStateDict(init.weights);
  } catch (err) {
    if (!(err instanceof StateDictError)) throw err;
    throw new DataError(init.source, undefined, err.message, `the weights must fit the model (${shape})`);
  }
}
