import type { ScalerState } from '@rnnkit/datasets';
import { OnnxError } from './onnx-error.js';

/** What an rnnkit ONNX file says about itself in `metadata_props`, enough to predict from the file alone. */
export interface RnnkitMetadata {
  /** The model's recurrent cell. */
  cell: 'rnn' | 'lstm' | 'gru';
  /** Input column names, in the order of the input's feature dimension. */
  features: string[];
  /** The predicted column (next day's value). */
  target: string;
  /** Days per window the model was trained on; the fixed seq dim of unrolled graphs. */
  seqLength: number;
  /** The fitted scaler over features ∪ {target}; null when the model was trained on raw values. */
  scaler: ScalerState | null;
  /** True when the graph itself scales its input and unscales its output: raw prices in, a price out. */
  withScaler: boolean;
  /** 'op': ONNX's RNN, LSTM or GRU op; 'unrolled': MatMul/Add/Tanh per time step. */
  style: 'op' | 'unrolled';
  /** The training config, as in metrics.json. */
  config?: Record<string, unknown>;
  /** Outputs per window: the values 1..horizon trading days ahead (absent: 1). */
  horizon?: number;
  /** What the outputs are before unscaling: the target ('none', absent), its change ('diff') or log return ('logret') from the window's last day. */
  targetTransform?: 'none' | 'diff' | 'logret';
  /** 'diff'/'logret': output h times targetScale[h − 1] is the change or log return. */
  targetScale?: number[];
  /** Streaming exports only: the graph's state inputs and outputs, each [layers, batch, hidden]. */
  state?: StateSignature;
  /** Which data the model was trained on, so that predictions use it or say they do not. */
  trainingData?: TrainingData;
  /**
   * What the inputs are, as @rnnkit/forecast's `inputTransform` (absent: 'level', the prices scaled by
   * `scaler`). Otherwise the graph reads the transformed columns scaled by `inputScaler`, then the
   * calendar covariates: the caller computes them from the raw rows (rnnkit predict does).
   */
  inputTransform?: string;
  /** Names of the graph's inputs per step when they are not `features` (an input transform or calendar covariates), e.g. ["logret(Close)", "dow=Mon", …]. */
  inputs?: string[];
  /** With an input transform: the scaler of the transformed columns, fitted on the training windows. */
  inputScaler?: ScalerState;
  /** One-hot covariates of the target day appended unscaled to every step, e.g. ['dayofweek'] (absent: none). */
  calendar?: string[];
  /**
   * Raw-price graphs only (a with-scaler export of a run with derived inputs or a diff/logret target):
   * the graph inputs that replace `input`, batch-major. Absent: the graph reads `input` [seq, batch, features].
   */
  rawInput?: RawInput;
}

/**
 * The inputs of a raw-price graph (`rnnkit.rawInput`): the graph computes the input transform, the
 * scaling and the decoding itself, so its output is the price forecast [batch, horizon].
 */
export interface RawInput {
  /**
   * `prices` `[batch, rows, columns]`: the last `rows` rows of the CSV's `columns`, oldest first, as read
   * (the model's window is the last seqLength of them). Log transforms read a value ≤ 0 (a halted day)
   * as the last positive value before it, so the first row's values must be positive.
   */
  prices: {
    /** The graph input's name, `prices`. */
    name: string;
    /** Rows per window: seqLength + lookback. */
    rows: number;
    /** The series' columns: the features, then the target if it is not one of them. */
    columns: string[];
  };
  /** Rows before the window's first day that the input transform reads (1 for a change against the day before, 49 or 199 for the 50- or 200-day mean). */
  lookback: number;
  /** With calendar covariates: `calendar` `[batch, columns]`, the one-hot covariates of the forecast's target day (the trading day after the window's last), which the graph cannot know. */
  calendar?: {
    /** The graph input's name, `calendar`. */
    name: string;
    /** The covariates, e.g. ["dow=Mon", …, "dow=Sun"]. */
    columns: string[];
  };
}

/** The state inputs and outputs of a streaming export (`exportOnnx({ state: true })`). */
export interface StateSignature {
  /** `initial_h`, and `initial_c` for LSTM: the state before the first day fed (zeros for a fresh start). */
  inputs: string[];
  /** `Y_h`, and `Y_c` for LSTM: the state after the last day fed, to pass as the inputs next time. */
  outputs: string[];
  /** Stacked layers: the first dim of every state tensor (bottom layer first, as PyTorch's h_n). */
  layers: number;
  /** Hidden units: the last dim of every state tensor. */
  hidden: number;
}

/** The CSV a model was trained on: where it was, what it held, and the range of its training rows. */
export interface TrainingData {
  /** The path as given at training (absolute, or relative to the folder training ran in); the file name when bundled. */
  file: string;
  /** True for the CSV bundled with @rnnkit/datasets. */
  bundled: boolean;
  /** sha256 of the file's bytes, hex: tells whether the file has changed since. */
  sha256: string;
  /** Smallest and largest value of each column in the training rows. */
  range: {
    /** The columns: the features, then the target if it is not one of them. */
    columns: string[];
    /** Smallest value of each column. */
    min: number[];
    /** Largest value of each column. */
    max: number[];
  };
}

const PREFIX = 'rnnkit.';

/** The metadata as ONNX `metadata_props` entries, values JSON-encoded. */
export function metadataProps(meta: RnnkitMetadata): { key: string; value: string }[] {
  return Object.entries(meta)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ({ key: PREFIX + k, value: JSON.stringify(v) }));
}

/** Reads rnnkit's metadata back; null when the file has none (e.g. torch.onnx.export files). */
export function readMetadata(props: { key?: string | null; value?: string | null }[]): RnnkitMetadata | null {
  const entries = props.filter((p) => p.key?.startsWith(PREFIX));
  if (entries.length === 0) return null;
  const meta: Record<string, unknown> = {};
  for (const { key, value } of entries) {
    try {
      meta[key!.slice(PREFIX.length)] = JSON.parse(value ?? '');
    } catch {
      throw new OnnxError(`metadata ${key} is not valid JSON`);
    }
  }
  const ok = Array.isArray(meta.features) && typeof meta.target === 'string' && Number.isInteger(meta.seqLength) && typeof meta.withScaler === 'boolean';
  if (!ok) throw new OnnxError('rnnkit metadata is incomplete: features, target, seqLength and withScaler are required');
  return meta as unknown as RnnkitMetadata;
}
